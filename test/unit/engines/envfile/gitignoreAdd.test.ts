// "Add to .gitignore": a symlinked .gitignore is refused (its target stays as it was), and a file
// name that .gitignore would read as a pattern, a second line or shell syntax is refused.
import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  mkdtempSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  existsSync,
  lstatSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addToGitignore, gitignoreEntry, GitignoreRefused } from '../../../../src/engines/envfile/gitignoreAdd';

describe('addToGitignore', () => {
  let root = '';
  let folder = '';
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'gitignore-add-'));
    folder = path.join(root, 'repo');
    mkdirSync(folder);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('a .gitignore that is a symlink to a file outside is refused; the outside file is unchanged', async () => {
    const outside = path.join(root, '.bashrc');
    writeFileSync(outside, 'export PATH=/usr/bin\n');
    symlinkSync(outside, path.join(folder, '.gitignore'));
    await assert.rejects(addToGitignore(folder, path.join(folder, '.env')), (err: Error) => {
      assert.ok(err instanceof GitignoreRefused);
      assert.match(err.message, /symbolic link/);
      assert.match(err.message, /\.env/, 'the line to add by hand is named');
      return true;
    });
    assert.equal(readFileSync(outside, 'utf8'), 'export PATH=/usr/bin\n');
    assert.ok(lstatSync(path.join(folder, '.gitignore')).isSymbolicLink(), 'the link itself is left alone');
  });

  test('a symlink to a file inside the folder is refused too', async () => {
    writeFileSync(path.join(folder, 'ignore.txt'), 'node_modules\n');
    symlinkSync('ignore.txt', path.join(folder, '.gitignore'));
    await assert.rejects(addToGitignore(folder, path.join(folder, '.env')), GitignoreRefused);
    assert.equal(readFileSync(path.join(folder, 'ignore.txt'), 'utf8'), 'node_modules\n');
  });

  test('a .gitignore that is a directory is refused', async () => {
    mkdirSync(path.join(folder, '.gitignore'));
    await assert.rejects(addToGitignore(folder, path.join(folder, '.env')), /not a regular file/);
  });

  test('a regular .gitignore gets the line appended (a missing final newline added first)', async () => {
    writeFileSync(path.join(folder, '.gitignore'), 'node_modules');
    const r = await addToGitignore(folder, path.join(folder, '.env.local'));
    assert.deepEqual(r, { entry: '.env.local', gitignore: path.join(folder, '.gitignore') });
    assert.equal(readFileSync(path.join(folder, '.gitignore'), 'utf8'), 'node_modules\n.env.local\n');
  });

  test('no .gitignore: one is created with the line; a file in a subfolder gets its relative path', async () => {
    await addToGitignore(folder, path.join(folder, 'api', 'prod.env'));
    assert.equal(readFileSync(path.join(folder, '.gitignore'), 'utf8'), 'api/prod.env\n');
  });

  test('a name with shell syntax is refused before anything is written', async () => {
    await assert.rejects(addToGitignore(folder, path.join(folder, '.env.$(touch pwned)')), GitignoreRefused);
    assert.ok(!existsSync(path.join(folder, '.gitignore')));
  });
});

describe('gitignoreEntry', () => {
  const folder = path.join(path.sep, 'w', 'repo');
  const refused = (name: string) =>
    assert.throws(() => gitignoreEntry(folder, path.join(folder, name)), GitignoreRefused, JSON.stringify(name));

  test('plain names are written as they are (near misses of the refused ones)', () => {
    for (const name of ['.env', '.env.local', '.env.production-eu_1', 'my+app@2,x=y.env', 'sub/dir/.env'])
      assert.equal(gitignoreEntry(folder, path.join(folder, name)), name);
  });

  test('a newline or carriage return (a second rule) is refused', () => {
    refused('.env.a\n!.bashrc');
    refused('.env.a\rb');
  });

  test('glob and negation characters are refused', () => {
    for (const name of ['.env.*', '.env.a?', '.env.[ab]', '!x.env', '#x.env', '.env.a\\b', '.env.a b', '.env.a '])
      refused(name);
  });

  test('shell metacharacters are refused', () => {
    for (const name of [
      '.env.$(id)',
      '.env.`id`',
      '.env.a;b',
      '.env.a|b',
      '.env.a&b',
      ".env.a'b",
      '.env.a"b',
      '.env.$HOME',
    ])
      refused(name);
  });

  test('a file outside the folder is refused', () => {
    assert.throws(() => gitignoreEntry(folder, path.join(path.sep, 'w', 'other', '.env')), /not inside/);
    assert.throws(() => gitignoreEntry(folder, folder), /not inside/);
  });
});
