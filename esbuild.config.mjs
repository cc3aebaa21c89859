// Bundles the extension. The entry points are kept apart on purpose: dist/extension.js is what
// VS Code loads at activation and stays small; dist/smtp.js (nodemailer and the SMTP core) is
// required only when a command first needs it, so activation never pays for it; likewise
// dist/aws.js (the AWS SDK). The webview scripts are a separate browser build: one IIFE per page
// in dist/webview/, loaded by the panel through asWebviewUri with the page's CSP nonce.
//
// On-demand modules (ON_DEMAND): code that runs when a command or a view asks for it, never during
// activation (argument checks, input checks, DNS records and DKIM wording, the .env write check,
// the send headline). They go to dist/ondemand.js; in dist/extension.js each is replaced by a stub
// whose functions require that bundle on their first call (loadOnDemand in src/engines/bundles/load.ts). Only
// their `export function`s cross: importing a constant or a class of one from the main bundle
// fails the build ("No matching export"), so no class the main bundle uses exists twice. What
// they import themselves is copied into dist/ondemand.js: list no module that keeps state other
// modules share. Unit tests run the tsc output, where every import is the module itself.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

export const ON_DEMAND = [
  'src/commandArgs.ts',
  'src/base/identity.ts',
  'src/base/emailAddress.ts',
  'src/features/credentials/logic/csvParse.ts',
  'src/features/credentials/logic/snippetTemplates.ts',
  'src/base/inputChecks.ts',
  'src/engines/dns/records.ts',
  'src/engines/dns/check.ts',
  'src/engines/dns/dkimDisplay.ts',
  'src/features/testMail/logic/headline.ts',
  'src/features/testMail/logic/messages.ts',
  'src/features/credentials/logic/dialogs.ts',
  'src/features/explorer/nodes/checkWords.ts',
  'src/features/doctor/html.ts',
  'src/features/testMail/html.ts',
  // Key rotation, Secrets Manager / Parameter Store import and export, the Send Test Email history:
  // pure core modules. Their classes (SecretValueError, SecretNameError, SecretRewriteError,
  // SendHistory) are made and tested only in dist/ondemand.js; RotationError stays in
  // rotationTypes.ts, which the main bundle may import.
  'src/features/credentials/logic/rotation.ts',
  'src/features/credentials/logic/rotationRecovery.ts',
  'src/features/credentials/logic/rotationEnv.ts',
  'src/features/credentials/logic/rotationSecret.ts',
  'src/features/credentials/logic/secretValue.ts',
  'src/features/credentials/logic/secretExport.ts',
  'src/features/testMail/logic/sendHistory.ts',
  // Feature modules that run only when their command runs or the form asks. None keeps state at
  // module level except testSend/dialogs.ts (the files picked in this window), which only
  // panelSend.ts and panelOptions.ts use, both listed here, so one copy exists. What they import
  // is copied into dist/ondemand.js; those copies keep no state shared with the main bundle's:
  // lazy.ts loads each bundle through Node's require cache and reads loadedBundles() from it;
  // multiStepInput.ts's markers (back, cancel) are made and tested by the same copy, as no step
  // crosses bundles; UserError (features/util.ts) recognises the other copy's errors, which
  // registerCommand catches (test/unit/project/onDemandCopies.test.ts). The send history object is made
  // on first use (testSend/index.ts), not at activation. Not listed: keyAges.ts (a cache and an
  // event the credentials view listens to), rotationState.ts, rotationPreview.ts (registered at
  // activation), features/credentials/commands.ts (registers the commands).
  'src/features/credentials/rotate.ts',
  'src/features/credentials/rotationPorts.ts',
  'src/features/credentials/rotationSecretPort.ts',
  'src/features/credentials/deleteOldKey.ts',
  'src/features/credentials/secretImport.ts',
  'src/features/credentials/secretImportValue.ts',
  'src/features/credentials/secretExport.ts',
  'src/features/credentials/importCsv.ts',
  'src/features/credentials/createIamUser.ts',
  'src/features/credentials/copySendingCode.ts',
  'src/features/credentials/addFlows.ts',
  'src/features/credentials/generatePassword.ts',
  'src/features/credentials/checkLogin.ts',
  'src/features/testMail/panelSend.ts',
  'src/features/testMail/panelOptions.ts',
  'src/features/testMail/dialogs.ts',
  'src/features/testMail/history.ts',
  // The .env write (its wizard, the containment check of the target) and the IAM key look-up run
  // only when their command runs; PREVIEW_SCHEME lives in env/settings.ts, which activation needs.
  'src/features/env/writeWizard.ts',
  'src/features/env/accessKeys.ts',
  'src/host/envContain.ts',
  'src/engines/envfile/contain.ts',
  // The Doctor (its panel comes with it, used nowhere else) only when it runs. Not the explorer's
  // DKIM commands: they test their argument with instanceof against the main bundle's node classes.
  'src/features/doctor/run.ts',
];
const onDemandKey = (file) => file.replace(/^src\//, '').replace(/\.ts$/, '');
const onDemandFiles = new Map(ON_DEMAND.map((f) => [path.resolve(f), onDemandKey(f)]));

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
};

const node = { ...common, format: 'cjs', platform: 'node', target: 'node20', external: ['vscode'] };

const onDemand = {
  ...node,
  stdin: {
    contents: ON_DEMAND.map((f) => `export * as ${JSON.stringify(onDemandKey(f))} from './${f}';`).join('\n'),
    resolveDir: process.cwd(),
    sourcefile: 'on-demand-entry.ts',
    loader: 'ts',
  },
  outfile: 'dist/ondemand.js',
};

/**
 * The functions a module declares with `export function`, and those it re-exports by name from a
 * module of its own that declares them so (read from the sources, not run).
 */
function exportedFunctions(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const exported = (s) => s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const names = new Set();
  for (const s of source.statements) {
    if (ts.isFunctionDeclaration(s) && s.name && s.body && exported(s)) names.add(s.name.text);
    if (ts.isExportDeclaration(s) && !s.isTypeOnly && s.moduleSpecifier && s.exportClause?.elements) {
      const from = exportedFunctions(path.resolve(path.dirname(file), `${s.moduleSpecifier.text}.ts`));
      for (const e of s.exportClause.elements) {
        if (!e.isTypeOnly && from.has((e.propertyName ?? e.name).text)) names.add(e.name.text);
      }
    }
  }
  return names;
}

/** Replaces every on-demand module in the main bundle with a stub that loads dist/ondemand.js. */
function onDemandStubs() {
  const lazy = path.resolve('src/engines/bundles/load.ts');
  return {
    name: 'on-demand-stubs',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData?.resolving) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { resolving: true },
        });
        if (resolved.errors.length || !onDemandFiles.has(resolved.path)) return undefined;
        return { path: resolved.path, namespace: 'on-demand' };
      });
      build.onLoad({ filter: /.*/, namespace: 'on-demand' }, (args) => {
        const key = onDemandFiles.get(args.path);
        const functions = [...exportedFunctions(args.path)];
        // A module without one would leave its importers with undefined (a class, a constant).
        if (!functions.length) return { errors: [{ text: `${key} is in ON_DEMAND but exports no function` }] };
        const lines = [
          `import { loadOnDemand } from ${JSON.stringify(lazy)};`,
          `const m = () => loadOnDemand()[${JSON.stringify(key)}];`,
          ...functions.map((name) => `export function ${name}(...a) { return m().${name}(...a); }`),
        ];
        return { contents: lines.join('\n'), loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}

const main = { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' };
const heavy = {
  ...node,
  entryPoints: { smtp: 'src/engines/bundles/smtp.ts', aws: 'src/engines/bundles/aws.ts' },
  outdir: 'dist',
};

const webview = {
  ...common,
  entryPoints: { testSend: 'src/features/testMail/page/main.ts', doctor: 'src/features/doctor/page/main.ts' },
  outdir: 'dist/webview',
  format: 'iife',
  platform: 'browser',
  // The Chromium of VS Code 1.95 and later.
  target: 'chrome124',
  tsconfig: 'src/features/tsconfig.page.json',
};

const withStubs = { ...main, plugins: [onDemandStubs()] };

if (watch) {
  for (const options of [onDemand, withStubs, heavy, webview]) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  const results = await Promise.all([onDemand, withStubs, heavy, webview].map((o) => esbuild.build(o)));
  // `node esbuild.config.mjs --production --analyze`: what dist/extension.js is made of, largest first.
  if (process.argv.includes('--analyze')) console.log(await esbuild.analyzeMetafile(results[1].metafile));
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.js')) console.log(`esbuild: ${file} ${(info.bytes / 1024).toFixed(1)} KB`);
    }
  }
}
