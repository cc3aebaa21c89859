#!/usr/bin/env node
// Writes l10n/bundle.l10n.json: every message the extension passes to vscode.l10n.t (and to the
// l10n.t of the vscode-free explorer nodes, src/features/explorer/nodes/l10n.ts, and to the t of the
// webview pages under src/features/<feature>/page, which look their words up in the bundle the host sends), keyed by its
// English source text, as @vscode/l10n-dev's export would. Reads src/ with the TypeScript parser.
//   node scripts/l10n-export.mjs          write the bundle
//   node scripts/l10n-export.mjs --check  exit 1 when the bundle is out of date (the unit test runs this)
//   --src DIR, --bundle FILE               other sources and bundle than src/ and l10n/bundle.l10n.json
// A call whose message is not a string literal is an error: its text could not be translated.
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** `--src DIR` and `--bundle FILE` (the unit test points them at a scratch folder). */
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : fallback;
};
const SRC = option('--src', path.join(ROOT, 'src'));
const BUNDLE = option('--bundle', path.join(ROOT, 'l10n', 'bundle.l10n.json'));

function sources(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) return sources(file);
      return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [file] : [];
    });
}

/** A webview page's script (src/features/<feature>/page/…): its translator is a plain `t(`. */
function isWebviewScript(file) {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts[0] === 'features' && parts[2] === 'page';
}

/** `vscode.l10n.t(` or `l10n.t(` (and `t(` in a webview script): the callee's text without spaces. */
function isL10nCall(node, webview) {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression.getText().replace(/\s+/g, '');
  return callee === 'vscode.l10n.t' || callee === 'l10n.t' || (webview && callee === 't');
}

/** { messages, problems } of one file. */
export function scanFile(file, text = readFileSync(file, 'utf8')) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const messages = [];
  const problems = [];
  const webview = isWebviewScript(file);
  const visit = (node) => {
    if (isL10nCall(node, webview)) {
      const [first] = node.arguments;
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) messages.push(first.text);
      else {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        problems.push(`${path.relative(SRC, file)}:${line + 1}: l10n.t needs a string literal message`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { messages, problems };
}

/** The bundle for the sources as they are now: messages sorted, each its own English text. */
export function buildBundle(files = sources(SRC)) {
  const all = new Set();
  const problems = [];
  for (const file of files) {
    const found = scanFile(file);
    found.messages.forEach((m) => all.add(m));
    problems.push(...found.problems);
  }
  const bundle = {};
  for (const m of [...all].sort()) bundle[m] = m;
  return { bundle, problems };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { bundle, problems } = buildBundle();
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const current = existsSync(BUNDLE) ? readFileSync(BUNDLE, 'utf8') : '';
    if (current !== text) {
      const had = current ? Object.keys(JSON.parse(current)) : [];
      const missing = Object.keys(bundle).filter((k) => !had.includes(k));
      const stale = had.filter((k) => !(k in bundle));
      console.error(
        `${path.relative(ROOT, BUNDLE)} is out of date (${missing.length} missing, ${stale.length} no longer used). ` +
          'Run: node scripts/l10n-export.mjs',
      );
      for (const k of missing.slice(0, 10)) console.error(`  missing: ${k}`);
      for (const k of stale.slice(0, 10)) console.error(`  unused: ${k}`);
      process.exit(1);
    }
    console.log(`${path.relative(ROOT, BUNDLE)} is up to date (${Object.keys(bundle).length} messages)`);
  } else {
    mkdirSync(path.dirname(BUNDLE), { recursive: true });
    writeFileSync(BUNDLE, text);
    console.log(`wrote ${path.relative(ROOT, BUNDLE)} (${Object.keys(bundle).length} messages)`);
  }
}
