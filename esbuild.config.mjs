// Bundles the extension. The entry points are kept apart on purpose: dist/extension.js is what
// VS Code loads at activation and stays small; dist/smtp.js (nodemailer and the SMTP core) is
// required only when a command first needs it, so activation never pays for it; likewise
// dist/aws.js (the AWS SDK). The webview scripts are a separate browser build: one IIFE per page
// in dist/webview/, loaded by the panel through asWebviewUri with the page's CSP nonce.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
};

const extension = {
  ...common,
  entryPoints: { extension: 'src/extension.ts', smtp: 'src/heavy/smtp.ts', aws: 'src/heavy/aws.ts' },
  outdir: 'dist',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
};

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

if (watch) {
  for (const options of [extension, webview]) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  const results = await Promise.all([extension, webview].map((options) => esbuild.build(options)));
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.js')) console.log(`esbuild: ${file} ${(info.bytes / 1024).toFixed(1)} KB`);
    }
  }
}
