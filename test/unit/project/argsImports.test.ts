// Where the argument schemas may be imported from (src/commandArgs.ts and each feature's args.ts).
// The schemas run only when a command gets an argument object: extension.ts loads
// src/commandArgs.ts with import() when the first command runs, so they stay out of what activation
// loads as long as nothing else imports a feature's args.ts for its values. A handler takes its
// argument type from args.ts with `import type`, which the bundle drops. This test reads every
// import of src and names a breach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const SRC = path.join(ROOT, 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every import statement of a file with the module it names, resolved to a path under src. */
function importsOf(file: string): Array<{ statement: string; target: string }> {
  const text = fs.readFileSync(file, 'utf8');
  const out: Array<{ statement: string; target: string }> = [];
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)';/gms)) {
    if (!m[1].startsWith('.')) continue;
    out.push({ statement: m[0], target: path.resolve(path.dirname(file), m[1]) });
  }
  return out;
}

const ARGS = /^src\/features\/([^/]+)\/args$/;

test('a feature args.ts is imported for its values only by src/commandArgs.ts; elsewhere as types', () => {
  const breaches: string[] = [];
  let typeImports = 0;
  for (const file of sources(SRC)) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    for (const { statement, target } of importsOf(file)) {
      const to = path.relative(ROOT, target).split(path.sep).join('/');
      const feature = ARGS.exec(to)?.[1];
      if (!feature) continue;
      if (rel === 'src/commandArgs.ts') continue;
      const typeOnly = /^(import|export) type\s/.test(statement);
      if (typeOnly && rel.startsWith(`src/features/${feature}/`)) {
        typeImports++;
        continue;
      }
      breaches.push(`${rel}: ${statement.replace(/\s+/g, ' ')}`);
    }
  }
  assert.deepEqual(breaches, [], 'import only types from args.ts, and only inside its feature');
  assert.ok(typeImports >= 10, `handlers take their types from args.ts (${typeImports} type imports found)`);
});

test('src/commandArgs.ts gathers every feature that has an args.ts', () => {
  const features = fs
    .readdirSync(path.join(SRC, 'features'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(SRC, 'features', e.name, 'args.ts')))
    .map((e) => e.name);
  const gathered = importsOf(path.join(SRC, 'commandArgs.ts'))
    .map((i) => ARGS.exec(path.relative(ROOT, i.target).split(path.sep).join('/'))?.[1])
    .filter((f): f is string => f !== undefined);
  assert.deepEqual([...gathered].sort(), [...features].sort());
  assert.ok(features.length >= 5);
});
