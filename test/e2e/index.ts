// The e2e entry loaded by the extension host (both launchers): runs mocha over the suite's files
// and writes a summary the launcher prints. E2E_PHASE picks the files: the main phase runs
// *.e2e.test.js; the phase after a window reload runs *.reload.e2e.test.js; the fresh window
// before both (firstHourIndex.ts) runs *.fresh.e2e.test.js; the Restricted Mode window on an
// untrusted folder (restrictedIndex.ts, code-server only) runs *.restricted.e2e.test.js.
import Mocha from 'mocha';
import { allowUnattendedEffects } from './support';
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export function run(): Promise<void> {
  return runPhase(
    /\.e2e\.test\.js$/,
    (f) =>
      !f.endsWith('.reload.e2e.test.js') && !f.endsWith('.fresh.e2e.test.js') && !f.endsWith('.restricted.e2e.test.js'),
    'e2e-summary.json',
  );
}

// The suites call effectful commands with argument objects, as trusted automation does: they run
// with the user's application-scope opt-in on (support.ts allowUnattendedEffects).
export async function runPhase(pattern: RegExp, keep: (file: string) => boolean, summaryName: string): Promise<void> {
  await allowUnattendedEffects(true);
  // The stub CLIs of Push SMTP Settings To… (fixtures.ts) first on PATH. code-server builds the
  // extension host's environment from a login shell, whose /etc/profile sets PATH afresh (the other
  // variables survive), so the launcher's PATH does not arrive: it is put back here, in the host the
  // extension runs in.
  const stubs = process.env.SES_E2E_STUB_CLIS;
  if (stubs && !(process.env.PATH ?? '').split(path.delimiter).includes(stubs))
    process.env.PATH = `${stubs}${path.delimiter}${process.env.PATH ?? ''}`;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const dir = __dirname;
  const grep = process.env.E2E_GREP;
  for (const file of readdirSync(dir)
    .filter((f) => pattern.test(f) && keep(f))
    .sort())
    mocha.addFile(path.join(dir, file));
  if (grep) mocha.grep(new RegExp(grep)); // a regular expression over the full test titles
  return new Promise((resolve, reject) => {
    // Each failure in full, as it happens: the host's log keeps it even if the closing report is cut.
    const onFail = (test: Mocha.Test, err: Error): void =>
      console.log(`e2e failure: ${test.fullTitle()}\n${err.stack ?? err.message}`);
    const runner = mocha.run((failures) => {
      const results = process.env.SES_E2E_RESULTS;
      if (results) {
        mkdirSync(results, { recursive: true });
        writeFileSync(
          path.join(results, summaryName),
          JSON.stringify({ passed: runner.stats?.passes ?? 0, failed: failures }),
        );
      }
      if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
    runner.on('fail', onFail);
  });
}
