// The import rule of src (docs/ARCHITECTURE.md, "The import rule"), checked on every `npm run lint`:
//
//   src/base/             names, addresses, regions, credential sets, redaction, field checks
//   src/engines/<engine>/ SMTP, AWS access, DNS, .env file grammar: no vscode, no UI words
//   src/host/             the VS Code glue every feature shares (commands, consent, prompts, store)
//   src/features/<name>/  one folder per feature: activation, commands, schema, logic, page
//   src/extension.ts      activates each feature
//
// A file may import its own folder and the layers below its own; features never import one another
// (they call each other through src/host/calls.ts); engines may use other engines as long as no
// loop forms. No file takes part in an import cycle, and no folder does. base, engines and a
// feature's logic/ and page/ never import 'vscode'. Type-only imports count: a cycle of types is a
// cycle a reader has to climb. Exit code 1 and one line per breach; `--graph` prints every arrow.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');

/** Every .ts file under src, as a path relative to the repository. */
function sourceFiles(dir = SRC) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.relative(ROOT, p)] : [];
  });
}

/** The layer (0 lowest) and the unit (the folder a cycle between folders is measured on) of a file. */
export function placeOf(file) {
  const parts = file.split('/');
  if (parts[0] !== 'src') return undefined;
  const [, top, name] = parts;
  if (top === 'base') return { layer: 0, unit: 'base', kind: 'base' };
  if (top === 'engines' && parts.length > 3) return { layer: 1, unit: `engines/${name}`, kind: 'engine' };
  if (top === 'host') return { layer: 2, unit: 'host', kind: 'host' };
  if (top === 'features' && parts.length > 3) {
    const inner = parts.length > 4 ? parts[3] : '';
    return {
      layer: 3,
      unit: `features/${name}`,
      kind: 'feature',
      feature: name,
      pure: inner === 'logic' || inner === 'page',
    };
  }
  if (parts.length === 2) return { layer: 4, unit: 'extension', kind: 'extension' };
  return { layer: -1, unit: path.dirname(file), kind: 'outside' };
}

function resolve(from, spec, known) {
  const base = path.normalize(path.join(path.dirname(from), spec));
  for (const c of [base, `${base}.ts`, base.replace(/\.js$/, '.ts'), path.join(base, 'index.ts')])
    if (known.has(c)) return c;
  return undefined;
}

/** Every import of src between its own files (static, type-only, import() and require()). */
export function importsOf(files) {
  const known = new Set(files);
  const edges = [];
  const vscode = [];
  for (const file of files) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const info = ts.preProcessFile(text, true, true);
    for (const ref of info.importedFiles) {
      if (ref.fileName === 'vscode') vscode.push(file);
      if (!ref.fileName.startsWith('.')) continue;
      const to = resolve(file, ref.fileName, known);
      if (to) edges.push({ from: file, to });
    }
  }
  return { edges, vscode };
}

/** Strongly connected components with more than one member (Tarjan), each sorted. */
function cycles(nodes, next) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (next.get(v) ?? new Set()).has(v)) out.push(scc.sort());
    }
  };
  for (const v of nodes) if (!idx.has(v)) visit(v);
  return out;
}

export function check(files = sourceFiles()) {
  const { edges, vscode } = importsOf(files);
  const breaches = [];
  for (const { from, to } of edges) {
    const a = placeOf(from);
    const b = placeOf(to);
    if (a.kind === 'outside' || b.kind === 'outside') {
      breaches.push(`${from} -> ${to}: outside the layers (src/base, src/engines/*, src/host, src/features/*)`);
      continue;
    }
    if (a.unit === b.unit) continue;
    if (b.layer > a.layer) breaches.push(`${from} -> ${to}: runs up (${a.unit} is below ${b.unit})`);
    else if (a.kind === 'feature' && b.kind === 'feature')
      breaches.push(`${from} -> ${to}: sideways between features (call through src/host/calls.ts)`);
    else if (a.pure && b.kind === 'host')
      breaches.push(`${from} -> ${to}: a feature's logic/ or page/ uses no VS Code glue`);
  }
  for (const file of vscode) {
    const p = placeOf(file);
    if (p.kind === 'base' || p.kind === 'engine' || p.pure)
      breaches.push(`${file} imports vscode: base, engines and a feature's logic/ and page/ stay free of it`);
  }
  const fileNext = new Map();
  const unitNext = new Map();
  for (const { from, to } of edges) {
    if (!fileNext.has(from)) fileNext.set(from, new Set());
    fileNext.get(from).add(to);
    const a = placeOf(from).unit;
    const b = placeOf(to).unit;
    if (a !== b) {
      if (!unitNext.has(a)) unitNext.set(a, new Set());
      unitNext.get(a).add(b);
    }
  }
  for (const c of cycles(files, fileNext)) breaches.push(`import cycle between files: ${c.join(' <-> ')}`);
  const units = [...new Set(files.map((f) => placeOf(f).unit))];
  for (const c of cycles(units, unitNext)) breaches.push(`import cycle between folders: ${c.join(' <-> ')}`);
  return { files: files.length, edges, breaches };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const result = check();
  if (process.argv.includes('--graph')) for (const e of result.edges) console.log(`${e.from} -> ${e.to}`);
  for (const b of result.breaches) console.error(b);
  console.log(
    `check-layers: ${result.files} files, ${result.edges.length} imports, ${result.breaches.length} breach(es) of the import rule`,
  );
  process.exit(result.breaches.length ? 1 : 0);
}
