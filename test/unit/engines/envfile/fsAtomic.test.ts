// Atomic .env writes: a temporary file, flushed, renamed over the target (core/env/fsAtomic.ts).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  chmodSync,
  mkdtempSync,
  promises,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../../../src/engines/envfile/fsAtomic';

describe('atomic writes', () => {
  const dir = (): string => mkdtempSync(path.join(tmpdir(), 'ses-env-'));

  test('writes and keeps the permissions; no temporary file is left', async () => {
    const d = dir();
    try {
      const file = path.join(d, '.env');
      writeFileSync(file, 'A=1\n');
      chmodSync(file, 0o640);
      await writeFileAtomic(file, 'A=2\n');
      assert.equal(readFileSync(file, 'utf8'), 'A=2\n');
      assert.equal(statSync(file).mode & 0o777, 0o640);
      assert.deepEqual(readdirSync(d), ['.env']);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  test('a crash between the temporary write and the rename leaves the original intact', async () => {
    const d = dir();
    try {
      const file = path.join(d, '.env');
      writeFileSync(file, 'ORIGINAL=1\n');
      const failingFs = {
        ...promises,
        rename: async () => {
          throw Object.assign(new Error('simulated crash'), { code: 'EIO' });
        },
      };
      await assert.rejects(
        writeFileAtomic(file, 'NEW=1\n', failingFs),
        /Could not write \.env: simulated crash\. The original file is unchanged/,
      );
      assert.equal(readFileSync(file, 'utf8'), 'ORIGINAL=1\n');
      assert.deepEqual(readdirSync(d), ['.env'], 'the temporary file is removed');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  test('a read-only file gets a clear error and is not changed', async () => {
    // Root passes access(W_OK) on any file, so there the denial is injected.
    const d = dir();
    try {
      const file = path.join(d, '.env');
      writeFileSync(file, 'A=1\n');
      chmodSync(file, 0o444);
      const denyingFs = {
        ...promises,
        access: async () => {
          throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        },
      };
      await assert.rejects(
        writeFileAtomic(file, 'A=2\n', process.getuid?.() === 0 ? denyingFs : promises),
        /\.env is read-only\. Make it writable/,
      );
      assert.equal(readFileSync(file, 'utf8'), 'A=1\n');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  test('a symlinked .env is written through to its target; the link stays', async () => {
    const d = dir();
    try {
      const real = path.join(d, 'shared.env');
      const link = path.join(d, '.env');
      writeFileSync(real, 'A=1\n');
      symlinkSync(real, link);
      await writeFileAtomic(link, 'A=2\n');
      assert.equal(readlinkSync(link), real);
      assert.equal(readFileSync(real, 'utf8'), 'A=2\n');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  test('a new file is created private (0600)', async () => {
    const d = dir();
    try {
      const file = path.join(d, '.env');
      await writeFileAtomic(file, 'A=1\n');
      assert.equal(statSync(file).mode & 0o777, 0o600);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
