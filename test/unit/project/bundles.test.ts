// What the split build (esbuild.config.mjs) puts where, built in memory from the sources: every
// module exists in one output file only (so one class, one piece of state, whichever command runs
// it), and what activation loads (dist/extension.js and the chunks it imports statically) holds no
// feature's command code, no argument schema and no nodemailer or AWS SDK module: those load with
// the first command that needs them.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildOptions, Metafile } from 'esbuild';

const ROOT = path.resolve(__dirname, '../../../..');
// tsc turns import() into require(); the build file is an ES module.
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

let metafile: Metafile;

before(async () => {
  const config = (await importEsm(pathToFileURL(path.join(ROOT, 'esbuild.config.mjs')).href)) as {
    node: BuildOptions;
  };
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    ...config.node,
    absWorkingDir: ROOT,
    minify: false,
    sourcemap: false,
    outdir: path.join(ROOT, 'out', 'bundles-test'),
    write: false,
    metafile: true,
    plugins: [],
  });
  metafile = result.metafile;
});

/** The output files activation loads: the extension entry and what it imports statically, transitively. */
function activationFiles(): string[] {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((f) => f.endsWith('/extension.js'));
  assert.ok(entry, 'the build has an extension.js');
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !outputs[file]) return;
    seen.add(file);
    for (const i of outputs[file].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  return [...seen];
}

function inputsOf(files: string[]): Set<string> {
  return new Set(files.flatMap((f) => Object.keys(metafile.outputs[f].inputs)));
}

describe('the split build', () => {
  test('every module of src exists in exactly one output file', () => {
    const where = new Map<string, string[]>();
    for (const [file, output] of Object.entries(metafile.outputs)) {
      for (const input of Object.keys(output.inputs)) {
        if (!input.startsWith('src/')) continue;
        where.set(input, [...(where.get(input) ?? []), file]);
      }
    }
    assert.ok(where.size > 100, `only ${where.size} modules of src were bundled`);
    const twice = [...where].filter(([, files]) => files.length > 1).map(([m, f]) => `${m}: ${f.join(', ')}`);
    assert.deepEqual(twice, []);
  });

  test('activation loads no feature command code, schema, nodemailer or AWS SDK', () => {
    const loaded = inputsOf(activationFiles());
    assert.ok(loaded.has('src/extension.ts'));
    for (const feature of ['credentials', 'testMail', 'env', 'explorer', 'doctor'])
      assert.ok(loaded.has(`src/features/${feature}/index.ts`), `${feature}/index.ts registers at activation`);
    const lazy = [
      'src/commandArgs.ts',
      'src/features/credentials/args.ts',
      'src/features/credentials/addFlows.ts',
      'src/features/credentials/checkLogin.ts',
      'src/features/credentials/generatePassword.ts',
      'src/features/credentials/rotate.ts',
      'src/features/credentials/secretImport.ts',
      'src/features/credentials/importCsv.ts',
      'src/features/testMail/sendTestEmail.ts',
      'src/features/testMail/panel.ts',
      'src/features/testMail/burstEntry.ts',
      'src/features/env/findings.ts',
      'src/features/env/writeWizard.ts',
      'src/features/explorer/actions.ts',
      'src/features/explorer/dkimCommands.ts',
      'src/features/doctor/run.ts',
      'src/engines/envfile/check.ts',
      'src/base/fields.ts',
      'src/base/inputChecks.ts',
    ];
    assert.deepEqual(
      lazy.filter((m) => loaded.has(m)),
      [],
    );
    const heavy = [...loaded].filter(
      (m) => /node_modules\/(@aws-sdk|@smithy)\//.test(m) || /nodemailer\/(?!.*addressparser)/.test(m),
    );
    assert.deepEqual(heavy, []);
  });

  test('each lazily loaded module is in some output reachable by import()', () => {
    const loaded = inputsOf(activationFiles());
    const all = inputsOf(Object.keys(metafile.outputs));
    // Near miss of the rule above: these exist in the build, only not in what activation loads.
    for (const m of ['src/features/doctor/run.ts', 'src/features/explorer/actions.ts', 'src/commandArgs.ts']) {
      assert.ok(all.has(m), `${m} is built`);
      assert.ok(!loaded.has(m));
    }
    const dynamic = Object.values(metafile.outputs).flatMap((o) =>
      o.imports.filter((i) => i.kind === 'dynamic-import'),
    );
    assert.ok(dynamic.length >= 10, `only ${dynamic.length} import() edges`);
  });
});
