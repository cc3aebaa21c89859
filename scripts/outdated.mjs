// A warning, never a failure: the direct dependencies (package.json) that have a newer release
// than the one installed, from `npm outdated --json`. Offline, or when the registry is slow, it
// says it skipped the check. Run by scripts/test-all.sh (npm test).
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const TIMEOUT_MS = 12_000;

/** a > b for dotted numeric versions (a pre-release part is ignored). */
export function newer(a, b) {
  const parts = (v) => String(v).split('-')[0].split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  }
  return false;
}

/** The lines to print for npm outdated's JSON. */
export function outdatedLines(json) {
  const rows = Object.entries(json)
    .filter(([, r]) => r && r.current && r.latest && newer(r.latest, r.current))
    .map(([name, r]) => `  ${name} ${r.current} → ${r.latest}`);
  return rows.length
    ? ['warning: direct dependencies with a newer release (update them, or note why not in CHANGELOG.md):', ...rows]
    : ['dependencies: every direct dependency is on its newest release'];
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  // npm outdated exits 1 when something is outdated; its JSON is on stdout either way.
  execFile(
    'npm',
    ['outdated', '--json', '--fetch-retries=0', '--fetch-timeout=8000'],
    { timeout: TIMEOUT_MS, maxBuffer: 4 << 20 },
    (err, stdout) => {
      let json;
      try {
        json = JSON.parse(stdout || '{}');
      } catch {
        json = undefined;
      }
      if (!json || json.error || (err && err.killed)) {
        const why = err && err.killed ? `no answer in ${TIMEOUT_MS / 1000} s` : 'the registry could not be asked';
        console.log(`dependencies: outdated check skipped (${why})`);
        return;
      }
      for (const line of outdatedLines(json)) console.log(line);
    },
  );
}
