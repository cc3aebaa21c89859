// Attachment checks (src/engines/smtp/attachments.ts), issue #32: blocked names that end in a dot or are
// only the extension are refused; the 40 MB refusal says exact bytes at the edge. Each with its near miss.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  base64Size,
  blockedExtension,
  checkAttachments,
  SES_MAX_MESSAGE_BYTES,
} from '../../../../src/engines/smtp/attachments';
import { checkRawMessage } from '../../../../src/engines/smtp/rawMime';
import { validateCommandArgs } from '../../../../src/commandArgs';
import type { MailInputError } from '../../../../src/engines/smtp/mailInput';

function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    return err as Error;
  }
  assert.fail('accepted');
}

describe('blocked attachment names', () => {
  for (const name of [
    'x.exe',
    'x.exe.',
    'x.EXE.',
    '.exe',
    'x.exe..',
    'x.exe ',
    'x.exe. ',
    'dir/x.bat.',
    'C:\\dir\\x.exe.',
  ])
    test(`"${name}" is blocked`, () => assert.ok(blockedExtension(name), name));
  for (const name of ['x.exe.txt', 'exe', 'x.executable', 'report.pdf.', '.exercise', 'x.', '.', ''])
    test(`near miss "${name}" is not blocked`, () => assert.equal(blockedExtension(name), undefined));

  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'blocked-'));
    writeFileSync(path.join(dir, 'tool'), 'x');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the send check refuses an attachment named "x.exe." or ".exe", naming SES and the extension', async () => {
    for (const filename of ['x.exe.', 'x.EXE.', '.exe']) {
      await assert.rejects(
        checkAttachments([{ path: path.join(dir, 'tool'), filename }]),
        (e: Error) => /SES refuses \.exe attachments/.test(e.message) && e.message.includes(filename),
      );
    }
    await checkAttachments([{ path: path.join(dir, 'tool'), filename: 'tool.txt' }]);
  });

  test('the argument check of Send Test Email refuses them too', () => {
    for (const filename of ['x.exe.', '.exe']) {
      const out = validateCommandArgs('sesSmtpToolkit.sendTestEmail', {
        from: 'a@b.co',
        to: ['c@d.co'],
        attachments: [{ path: path.join(dir, 'tool'), filename }],
      });
      assert.equal(out.ok, false, filename);
      assert.match(out.ok ? '' : out.message, /names a \.exe file; SES refuses \.exe attachments/);
    }
  });
});

describe('the 40 MB refusal in exact bytes at the edge', () => {
  let dir = '';
  let file = '';
  const SIZE = 30_650_535;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'edge-'));
    file = path.join(dir, 'big.bin');
    writeFileSync(file, '');
    truncateSync(file, SIZE); // sparse: no 30 MB written
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // base64 with CRLF every 76 characters, plus 200 bytes of part headers.
  const encoded = Math.ceil(SIZE / 3) * 4 + Math.ceil((Math.ceil(SIZE / 3) * 4) / 76) * 2 + 200;
  test('the edge figures (computed here, not by the product)', () => {
    assert.equal(base64Size(SIZE) + 200, encoded);
    assert.equal(SES_MAX_MESSAGE_BYTES - encoded, 2);
  });
  test('a 30,650,535-byte attachment with headers over the edge: exact bytes, no "40.0 MB; at most 40.0 MB"', async () => {
    await assert.rejects(checkAttachments([{ path: file }], 1000), (e: Error) => {
      assert.doesNotMatch(e.message, /40\.0 MB; SES accepts at most 40\.0 MB/);
      assert.match(
        e.message,
        /^After base64 encoding, the message would be 41,944,038 bytes, 998 bytes more than SES's limit of 41,943,040 bytes \(40\.0 MB\)\. Remove or shrink an attachment \(the largest is big\.bin, 29\.2 MB\)\.$/,
      );
      return true;
    });
  });
  test('one byte over is said as one byte; exactly at the limit is accepted', async () => {
    await assert.rejects(checkAttachments([{ path: file }], 3), /41,943,041 bytes, 1 byte more than SES's limit/);
    const out = await checkAttachments([{ path: file }], 2);
    assert.equal(out.totalBytes, SES_MAX_MESSAGE_BYTES);
  });
  test('a raw message over the limit is said in exact bytes too', () => {
    assert.match(
      refusal(() => checkRawMessage('From: a@example.com\r\n\r\nxxxx', 10)).message,
      /^The raw message is 27 bytes, 17 bytes more than SES's limit of 10 bytes\. Send a smaller message\.$/,
    );
  });
});

// Moved from mailCompose.test.ts (Send Test Email extras, issue #18).
async function refusalAsync(run: () => Promise<unknown>): Promise<{ message: string; field?: string }> {
  try {
    await run();
  } catch (err) {
    return { message: (err as Error).message, field: (err as MailInputError).field };
  }
  return { message: 'accepted' };
}

describe('attachments', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'attach-'));
    writeFileSync(path.join(dir, 'report.pdf'), Buffer.alloc(3000, 1));
    writeFileSync(path.join(dir, 'tool.exe'), 'x');
    writeFileSync(path.join(dir, 'secret.txt'), 'x');
    chmodSync(path.join(dir, 'secret.txt'), 0o000);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('base64 size: 3 bytes are 4 characters, plus CRLF every 76', () => {
    assert.equal(base64Size(3), 4 + 2);
    assert.equal(base64Size(57), 76 + 2);
    assert.equal(base64Size(58), 80 + 4);
  });
  test('a readable file is accepted with its name and size', async () => {
    const out = await checkAttachments([{ path: path.join(dir, 'report.pdf') }]);
    assert.equal(out.attachments[0].filename, 'report.pdf');
    assert.equal(out.attachments[0].bytes, 3000);
  });
  test('SES blocked types by extension, in any case; near misses pass', () => {
    assert.equal(blockedExtension('tool.EXE'), 'exe');
    assert.equal(blockedExtension('x.ps1xml'), 'ps1xml');
    assert.equal(blockedExtension('archive.exe.zip'), undefined);
    assert.equal(blockedExtension('exe'), undefined);
    assert.equal(blockedExtension('notes.json'), undefined, '.js is blocked, .json is not');
  });
  for (const [label, list, reason] of [
    ['a blocked type', () => [{ path: path.join(dir, 'tool.exe') }], /SES refuses \.exe attachments \(tool\.exe\)/],
    [
      'a blocked name for an allowed file',
      () => [{ path: path.join(dir, 'report.pdf'), filename: 'run.bat' }],
      /refuses \.bat/,
    ],
    ['a missing file', () => [{ path: path.join(dir, 'gone.pdf') }], /gone\.pdf does not exist; pick the file again/],
    ['a folder', () => [{ path: dir }], /is not a file \(a folder\?\)/],
    ['a relative path', () => [{ path: 'report.pdf' }], /is not an absolute path/],
  ] as const) {
    test(`refused: ${label}`, async () =>
      assert.match((await refusalAsync(() => checkAttachments(list()))).message, reason));
  }
  test(
    'refused: a file that cannot be read',
    { skip: process.getuid?.() === 0 && 'root reads every file' },
    async () => {
      const out = await refusalAsync(() => checkAttachments([{ path: path.join(dir, 'secret.txt') }]));
      assert.match(out.message, /cannot be read \(permissions\)/);
    },
  );
  test('the size is said against the 40 MB limit after base64', async () => {
    const out = await refusalAsync(() =>
      checkAttachments([{ path: path.join(dir, 'report.pdf') }], SES_MAX_MESSAGE_BYTES - 1000),
    );
    assert.match(
      out.message,
      /^After base64 encoding, the message would be 41,946,346 bytes, 3,306 bytes more than SES's limit of 41,943,040 bytes \(40\.0 MB\)\./,
    );
    assert.match(out.message, /the largest is report\.pdf, 2\.9 KB/);
    await checkAttachments([{ path: path.join(dir, 'report.pdf') }], SES_MAX_MESSAGE_BYTES - 5000);
  });
});
