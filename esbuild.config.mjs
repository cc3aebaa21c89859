// Bundles the extension. The entry points are kept apart on purpose: dist/extension.js is what
// VS Code loads at activation and stays small; dist/smtp.js (nodemailer and the SMTP core) is
// required only when a command first needs it, so activation never pays for it; likewise
// dist/aws.js (the AWS SDK).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: { extension: 'src/extension.ts', smtp: 'src/heavy/smtp.ts', aws: 'src/heavy/aws.ts' },
  bundle: true,
  outdir: 'dist',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('esbuild: watching');
} else {
  const result = await esbuild.build(options);
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.js')) console.log(`esbuild: ${file} ${(info.bytes / 1024).toFixed(1)} KB`);
  }
}
