// Rotation's .env write checks each file again right before writing it: a file that became a link
// elsewhere, a folder that was closed, a file that changed since the preview: nothing is written there.
import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  mkdtempSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
  lstatSync,
} from 'node:fs';
import { realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeRotatedEnvFiles } from '../../../../../src/features/credentials/logic/rotationEnvWrite';
import type { ContainPorts } from '../../../../../src/engines/envfile/contain';

const BEFORE = 'SMTP_USER=AKIAOLD\nSMTP_PASSWORD=old\n';
const AFTER = 'SMTP_USER=AKIANEW\nSMTP_PASSWORD=new\n';

describe('writeRotatedEnvFiles', () => {
  let root = '';
  let folder = '';
  let outside = '';
  // git is not asked here (a temp folder is no repository): the files are untracked.
  const contain: ContainPorts = {
    realpath: (p) => realpath(p),
    lstat: async (p) => lstatSync(p),
    gitTracks: async () => false,
    gitIgnores: async () => true,
  };
  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'rotation-env-')));
    folder = path.join(root, 'repo');
    outside = path.join(root, 'elsewhere');
    mkdirSync(folder);
    mkdirSync(outside);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('the files as previewed are written; each one is reported', async () => {
    const a = path.join(folder, '.env');
    const b = path.join(folder, '.env.local');
    writeFileSync(a, BEFORE);
    writeFileSync(b, BEFORE);
    const seen: string[] = [];
    const written = await writeRotatedEnvFiles(
      [
        { file: a, before: BEFORE, after: AFTER },
        { file: b, before: BEFORE, after: AFTER },
      ],
      { folders: () => [folder], contain, written: (f) => seen.push(f) },
    );
    assert.deepEqual(written, [a, b]);
    assert.deepEqual(seen, [a, b]);
    assert.equal(readFileSync(a, 'utf8'), AFTER);
    assert.equal(readFileSync(b, 'utf8'), AFTER);
  });

  test('a .env that became a link to a file outside the folder after the preview: the outside file is untouched', async () => {
    const file = path.join(folder, '.env');
    const target = path.join(outside, '.env');
    writeFileSync(target, BEFORE); // the same text, so only the new check can tell
    writeFileSync(file, BEFORE);
    // The preview was made; meanwhile the file is replaced by a link.
    unlinkSync(file);
    symlinkSync(target, file);
    await assert.rejects(
      writeRotatedEnvFiles([{ file, before: BEFORE, after: AFTER }], { folders: () => [folder], contain }),
      (err: Error) => {
        assert.match(err.message, /\.env was not updated: .*outside the open workspace folder/);
        assert.match(err.message, /0 file\(s\) were written/);
        return true;
      },
    );
    assert.equal(readFileSync(target, 'utf8'), BEFORE);
  });

  test('a link to another .env inside the folder is refused too (not the file shown in the preview)', async () => {
    const file = path.join(folder, '.env');
    const other = path.join(folder, '.env.other');
    writeFileSync(other, BEFORE);
    symlinkSync(other, file);
    await assert.rejects(
      writeRotatedEnvFiles([{ file, before: BEFORE, after: AFTER }], { folders: () => [folder], contain }),
      /now a link to .*\.env\.other/,
    );
    assert.equal(readFileSync(other, 'utf8'), BEFORE);
  });

  test('the folder was closed in the meantime: nothing is written', async () => {
    const file = path.join(folder, '.env');
    writeFileSync(file, BEFORE);
    await assert.rejects(
      writeRotatedEnvFiles([{ file, before: BEFORE, after: AFTER }], { folders: () => [], contain }),
      /No folder is open/,
    );
    assert.equal(readFileSync(file, 'utf8'), BEFORE);
  });

  test('a file git tracks by now is refused', async () => {
    const file = path.join(folder, '.env');
    writeFileSync(file, BEFORE);
    await assert.rejects(
      writeRotatedEnvFiles([{ file, before: BEFORE, after: AFTER }], {
        folders: () => [folder],
        contain: { ...contain, gitTracks: async () => true },
      }),
      /git tracks/,
    );
    assert.equal(readFileSync(file, 'utf8'), BEFORE);
  });

  test('a file changed since the preview stops the update after the files already written', async () => {
    const a = path.join(folder, '.env');
    const b = path.join(folder, '.env.local');
    writeFileSync(a, BEFORE);
    writeFileSync(b, BEFORE + 'EXTRA=1\n');
    await assert.rejects(
      writeRotatedEnvFiles(
        [
          { file: a, before: BEFORE, after: AFTER },
          { file: b, before: BEFORE, after: AFTER },
        ],
        { folders: () => [folder], contain },
      ),
      /\.env\.local was not updated: it changed since the preview\. 1 file\(s\) were written/,
    );
    assert.equal(readFileSync(a, 'utf8'), AFTER);
    assert.equal(readFileSync(b, 'utf8'), BEFORE + 'EXTRA=1\n');
  });
});
