// scripts/outdated.mjs, the warning npm test prints about direct dependencies with newer releases:
// run as npm test runs it, with a stand-in `npm` first on PATH that answers `npm outdated --json`
// as npm does (the JSON on stdout, exit 1 when something is outdated) or fails as npm does offline;
// and the rule it serves for the AWS SDK: every @aws-sdk package on one exactly pinned release.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'outdated.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'outdated-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the script with an `npm` that prints `stdout` and exits with `code`; what the script printed. */
function run(stdout: string, code: number): string {
  const answer = path.join(dir, 'answer.json');
  writeFileSync(answer, stdout);
  const npm = path.join(dir, 'npm');
  writeFileSync(npm, `#!/bin/sh\n[ "$1" = outdated ] || exit 9\ncat '${answer}'\nexit ${code}\n`);
  chmodSync(npm, 0o755);
  const r = spawnSync(process.execPath, [SCRIPT], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}` },
  });
  assert.equal(r.status, 0, 'never a failure');
  return r.stdout;
}

const row = (current: string, wanted: string, latest: string): Record<string, string> => ({
  current,
  wanted,
  latest,
  dependent: 'x',
  location: '/x',
});

describe('scripts/outdated.mjs', () => {
  test('a dependency with a newer release is named with both versions', () => {
    const out = run(JSON.stringify({ dotenv: row('17.4.2', '17.4.2', '18.0.10') }), 1);
    assert.match(out, /^warning: direct dependencies with a newer release/);
    assert.match(out, /^ {2}dotenv 17\.4\.2 → 18\.0\.10$/m);
  });

  test('a "latest" tag older than the installed release (a pre-release line) is not a warning', () => {
    const out = run(JSON.stringify({ '@vscode/test-electron': row('3.1.0', '3.1.0', '2.5.2') }), 1);
    assert.equal(out.trim(), 'dependencies: every direct dependency is on its newest release');
  });

  test('versions compared as numbers, not as text: 3.10.2 is newer than 3.9.9', () => {
    const out = run(JSON.stringify({ prettier: row('3.9.9', '3.9.9', '3.10.2') }), 1);
    assert.match(out, /prettier 3\.9\.9 → 3\.10\.2/);
  });

  test('nothing outdated: one line that says so', () => {
    assert.equal(run('{}', 0).trim(), 'dependencies: every direct dependency is on its newest release');
  });

  test('offline (npm answers with an error object): skipped, said so', () => {
    const out = run(JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request failed' } }), 1);
    assert.equal(out.trim(), 'dependencies: outdated check skipped (the registry could not be asked)');
  });

  test('npm printed no JSON: skipped, said so', () => {
    assert.equal(
      run('npm ERR! something\n', 1).trim(),
      'dependencies: outdated check skipped (the registry could not be asked)',
    );
  });
});

describe('package.json: the AWS SDK', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const aws = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([n]) =>
    n.startsWith('@aws-sdk/'),
  );

  test('every @aws-sdk package is pinned exactly, all to one release (none held back alone)', () => {
    assert.ok(aws.length >= 5, aws.map(([n]) => n).join(', '));
    for (const [name, range] of aws)
      assert.match(range, /^\d+\.\d+\.\d+$/, `${name} is pinned exactly, not "${range}"`);
    assert.equal(new Set(aws.map(([, v]) => v)).size, 1, aws.map(([n, v]) => `${n}@${v}`).join(', '));
  });
});
