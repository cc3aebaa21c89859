// Command ids are declared once (src/base/commandIds.ts): package.json contributes exactly those
// (apart from the ones only the tree's rows call), and no source file spells an id as a string.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { COMMAND, allCommandIds } from '../../../src/base/commandIds';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
/** Called by a tree row's click only: registered, but not contributed to menus or the palette. */
const ROW_ONLY = new Set<string>([COMMAND.explorer.showDkimParent]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : file.endsWith('.ts') ? [file] : [];
  });
}

test('package.json contributes exactly the declared commands, each once', () => {
  const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
  assert.equal(new Set(contributed).size, contributed.length, 'a command is contributed twice');
  const declared = allCommandIds().filter((id) => !ROW_ONLY.has(id));
  assert.deepEqual([...contributed].sort(), [...declared].sort());
});

test('every menu entry and walkthrough link names a declared command', () => {
  const ids = new Set<string>(allCommandIds());
  for (const [menu, entries] of Object.entries(pkg.contributes.menus as Record<string, Array<{ command: string }>>)) {
    for (const e of entries) assert.ok(ids.has(e.command), `${menu}: ${e.command} is not declared`);
  }
  const text = JSON.stringify(pkg.contributes.walkthroughs ?? []) + JSON.stringify(pkg.contributes.viewsWelcome ?? []);
  for (const m of text.matchAll(/command:(sesSmtpToolkit\.[A-Za-z.]+)/g))
    assert.ok(ids.has(m[1]), `${m[1]} is not declared`);
});

test('no source file spells a command id as a string: they use COMMAND', () => {
  const ids = new Set<string>(allCommandIds());
  const offenders: string[] = [];
  for (const file of sources(path.join(ROOT, 'src'))) {
    if (file.endsWith(path.join('base', 'commandIds.ts'))) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`](sesSmtpToolkit\.[A-Za-z.]+)['"`]/g)) {
      if (ids.has(m[1])) offenders.push(`${path.relative(ROOT, file)}: ${m[1]}`);
    }
  }
  assert.deepEqual(offenders, []);
});
