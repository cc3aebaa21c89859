// Bundles the extension. The entry points are kept apart on purpose: dist/extension.js is what
// VS Code loads at activation and stays small; dist/smtp.js (nodemailer and the SMTP core) is
// required only when a command first needs it, so activation never pays for it; likewise
// dist/aws.js (the AWS SDK). The webview scripts are a separate browser build: one IIFE per page
// in dist/webview/, loaded by the panel through asWebviewUri with the page's CSP nonce.
//
// On-demand modules (ON_DEMAND): code that runs when a command or a view asks for it, never during
// activation (argument checks, input checks, DNS records and DKIM wording, the .env write check,
// the send headline). They go to dist/ondemand.js; in dist/extension.js each is replaced by a stub
// whose functions require that bundle on their first call (loadOnDemand in src/lazy.ts). Only
// vscode-free modules, and only their functions cross: importing a constant or a class of one
// from the main bundle fails the build ("No matching export"), so no class exists twice. Unit
// tests run the tsc output, where every import is the module itself.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

export const ON_DEMAND = [
  'src/core/validate/args.ts',
  'src/core/validate/identity.ts',
  'src/core/validate/emailAddress.ts',
  'src/core/credentials/csvParse.ts',
  'src/core/credentials/snippetTemplates.ts',
  'src/core/ui/inputChecks.ts',
  'src/core/dns/records.ts',
  'src/core/dns/dkimDisplay.ts',
  'src/core/env/verify.ts',
  'src/core/webview/headline.ts',
  'src/core/webview/messages.ts',
  'src/core/ui/dialogs.ts',
  'src/features/explorer/nodes/checkWords.ts',
  'src/features/doctor/html.ts',
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

/** The functions each on-demand module exports, read from the bundle just built. */
function onDemandExports() {
  const require = createRequire(import.meta.url);
  const file = path.resolve('dist/ondemand.js');
  delete require.cache[file];
  const bundle = require(file);
  const functions = new Map();
  for (const key of onDemandFiles.values()) {
    functions.set(
      key,
      Object.entries(bundle[key])
        .filter(([, v]) => typeof v === 'function' && !/^class\b/.test(Function.prototype.toString.call(v)))
        .map(([name]) => name),
    );
  }
  return functions;
}

/** Replaces every on-demand module in the main bundle with a stub that loads dist/ondemand.js. */
function onDemandStubs(functions) {
  const lazy = path.resolve('src/lazy.ts');
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
        const lines = [
          `import { loadOnDemand } from ${JSON.stringify(lazy)};`,
          `const m = () => loadOnDemand()[${JSON.stringify(key)}];`,
          ...functions.get(key).map((name) => `export function ${name}(...a) { return m().${name}(...a); }`),
        ];
        return { contents: lines.join('\n'), loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}

const main = { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' };
const heavy = { ...node, entryPoints: { smtp: 'src/heavy/smtp.ts', aws: 'src/heavy/aws.ts' }, outdir: 'dist' };

const webview = {
  ...common,
  entryPoints: { testSend: 'src/webview/testSend/main.ts' },
  outdir: 'dist/webview',
  format: 'iife',
  platform: 'browser',
  // The Chromium of VS Code 1.95 and later.
  target: 'chrome124',
  tsconfig: 'src/webview/tsconfig.json',
};

// dist/ondemand.js first: the stubs are written from what it exports.
const onDemandResult = await esbuild.build(onDemand);
const withStubs = { ...main, plugins: [onDemandStubs(onDemandExports())] };

if (watch) {
  // A function added to an on-demand module reaches the stubs on the next start of the watch.
  for (const options of [withStubs, heavy, webview, onDemand]) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  const results = [onDemandResult, ...(await Promise.all([withStubs, heavy, webview].map((o) => esbuild.build(o))))];
  // `node esbuild.config.mjs --production --analyze`: what dist/extension.js is made of, largest first.
  if (process.argv.includes('--analyze')) console.log(await esbuild.analyzeMetafile(results[1].metafile));
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.js')) console.log(`esbuild: ${file} ${(info.bytes / 1024).toFixed(1)} KB`);
    }
  }
}
