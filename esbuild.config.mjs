// Bundles the extension. The Node code is one build with code splitting: VS Code loads
// dist/extension.js at activation, which registers every command, view and provider; each module
// reached only through a dynamic import() (a feature's command code, its page's host side, the
// argument schemas) lands in a chunk beside it, loaded on the first call that needs it;
// dist/smtp.js (nodemailer and the SMTP engine) and dist/aws.js (the AWS SDK) are entries that
// src/engines/bundles/load.ts requires on first use. Code shared by these goes to shared chunks,
// so each module exists once and Node's require cache gives every caller the same instance (the
// same classes, the same state). Where a feature splits is written in its code (an import()),
// not listed here.
//
// esbuild splits only ES modules, and VS Code 1.95 loads an extension with require(): the build
// writes ES modules, then turns them into CommonJS (writeCommonJs), folding what activation loads
// into the one file dist/extension.js.
//
// The webview scripts are a separate browser build: one IIFE per page in dist/webview/, loaded by
// the panel through asWebviewUri with the page's CSP nonce.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
};

/** The Node build (test/unit/project/bundles.test.ts builds it in memory to check what activation loads). */
export const node = {
  ...common,
  entryPoints: {
    extension: 'src/extension.ts',
    smtp: 'src/engines/bundles/smtp.ts',
    aws: 'src/engines/bundles/aws.ts',
  },
  outdir: 'dist',
  // Beside the entries: code in any file sees __dirname as dist/ (load.ts finds smtp.js and aws.js there).
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  splitting: true,
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  // Inline maps in memory: the CommonJS step reads them and writes each file's map beside it.
  sourcemap: production ? false : 'inline',
  write: false,
};

/**
 * Writes the ES module outputs of `result` as CommonJS. What activation loads (dist/extension.js
 * and the chunks it imports) is bundled once more into the one file dist/extension.js, which also
 * exports each of those chunks' namespaces; each such chunk's file is left handing out that
 * namespace, so a command's chunk that imports it gets the instance activation made. Every other
 * file (a command's chunk, dist/smtp.js, dist/aws.js) is turned into CommonJS on its own, with
 * import() becoming a require() in a promise. Source maps are carried over (development).
 */
async function writeCommonJs(result) {
  for (const old of readdirSync('dist')) if (/^chunk-.*\.js(\.map)?$/.test(old)) rmSync(path.join('dist', old));
  const esm = path.resolve('out', 'esm-build');
  rmSync(esm, { recursive: true, force: true });
  mkdirSync(esm, { recursive: true });
  for (const file of result.outputFiles) writeFileSync(path.join(esm, path.basename(file.path)), file.text);

  const entry = 'dist/extension.js';
  const closure = new Set();
  const visit = (file) => {
    if (closure.has(file) || !result.metafile.outputs[file]) return;
    closure.add(file);
    for (const i of result.metafile.outputs[file].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  const folded = [...closure].filter((f) => f !== entry).map((f) => path.basename(f));
  const exportName = (chunk) => `__chunk_${chunk.replace(/\W/g, '_')}`;

  // dist/extension.js: the entry and its chunks in one CommonJS file.
  const keepOutside = {
    name: 'keep-outside',
    setup(build) {
      build.onResolve({ filter: /^\.\// }, (args) => {
        const name = path.basename(args.path);
        if (name === 'extension.js' || folded.includes(name)) return undefined;
        return { path: `./${name}`, external: true };
      });
    },
  };
  await esbuild.build({
    stdin: {
      contents: [
        "export * from './extension.js';",
        ...folded.map((c) => `export * as ${exportName(c)} from './${c}';`),
      ].join('\n'),
      resolveDir: esm,
      sourcefile: 'activation-entry.js',
    },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    outfile: entry,
    logLevel: 'warning',
    plugins: [keepOutside],
  });
  for (const chunk of folded)
    writeFileSync(path.join('dist', chunk), `module.exports = require("./extension.js").${exportName(chunk)};\n`);

  // Every other file on its own.
  for (const file of result.outputFiles) {
    const rel = path.relative(process.cwd(), file.path).split(path.sep).join('/');
    if (!rel.endsWith('.js') || closure.has(rel)) continue;
    const out = await esbuild.transform(file.text, {
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      // import() of a chunk becomes Promise.resolve().then(() => require(chunk)).
      supported: { 'dynamic-import': false },
      minify: production,
      sourcemap: production ? false : 'external',
      sourcefile: path.basename(file.path),
      logLevel: 'warning',
    });
    const name = path.basename(file.path);
    writeFileSync(file.path, production ? out.code : `${out.code}//# sourceMappingURL=${name}.map\n`);
    if (!production) writeFileSync(`${file.path}.map`, out.map);
  }
  rmSync(esm, { recursive: true, force: true });
}

const writeAsCommonJs = {
  name: 'write-as-commonjs',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length === 0) await writeCommonJs(result);
    });
  },
};

const webview = {
  ...common,
  sourcemap: production ? false : 'linked',
  entryPoints: { testSend: 'src/features/testMail/page/main.ts', doctor: 'src/features/doctor/page/main.ts' },
  outdir: 'dist/webview',
  format: 'iife',
  platform: 'browser',
  // The Chromium of VS Code 1.95 and later.
  target: 'chrome124',
  tsconfig: 'src/features/tsconfig.page.json',
};

const nodeBuild = { ...node, plugins: [writeAsCommonJs] };

const runDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (!runDirectly) {
  // Imported for its options (a test): build nothing.
} else if (watch) {
  for (const options of [nodeBuild, webview]) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  const results = await Promise.all([nodeBuild, webview].map((o) => esbuild.build(o)));
  // `node esbuild.config.mjs --production --analyze`: what the bundles are made of, largest first.
  if (process.argv.includes('--analyze')) console.log(await esbuild.analyzeMetafile(results[0].metafile));
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.js') && !path.basename(file).startsWith('chunk-') && file !== 'dist/extension.js')
        console.log(`esbuild: ${file} ${(info.bytes / 1024).toFixed(1)} KB`);
    }
  }
  const chunks = readdirSync('dist').filter((f) => /^chunk-.*\.js$/.test(f)).length;
  console.log(
    `esbuild: dist/extension.js as written ${(statSync('dist/extension.js').size / 1024).toFixed(1)} KB; ${chunks} chunks`,
  );
}
