// Input fixes of issue #32, each with its case and its near miss: a NUL in an address is refused
// naming NUL; blocked attachment names that end in a dot or are only the extension are refused;
// refusals for Spring name Spring; the 40 MB refusal says exact bytes at the edge; a Secrets
// Manager value nested one level is read, a deeper one is refused naming the fix.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type TestMail } from '../../../src/engines/smtp/mailOptions';
import { validateTestMail, MailInputError } from '../../../src/engines/smtp/mailInput';
import {
  base64Size,
  blockedExtension,
  checkAttachments,
  SES_MAX_MESSAGE_BYTES,
} from '../../../src/engines/smtp/attachments';
import { checkRawMessage } from '../../../src/engines/smtp/rawMime';
import { dialectFor, formatEnvValue, EnvWriteRefused } from '../../../src/engines/envfile/dotenv';
import {
  extractCredentials,
  guessMapping,
  parseSecretValue,
  SecretValueError,
} from '../../../src/features/credentials/logic/secretValue';
import { validateCommandArgs } from '../../../src/commandArgs';

const mail = (extra: Partial<TestMail> = {}): TestMail => ({
  from: 'sender@example.com',
  to: ['success@simulator.amazonses.com'],
  subject: 'Hello',
  text: 'Body',
  ...extra,
});

function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    return err as Error;
  }
  assert.fail('accepted');
}

describe('a NUL or another control character in an address', () => {
  test('a NUL in a recipient is refused naming NUL and the field', () => {
    const err = refusal(() => validateTestMail(mail({ to: ['c\0@d.co'] })));
    assert.ok(err instanceof MailInputError);
    assert.equal((err as MailInputError).field, 'to');
    assert.match(err.message, /^To contains a NUL character \(\\0\) at position 2; an email address has none/);
  });
  test('in CC, BCC, Reply-To and From too', () => {
    const cases: Array<[string, Partial<TestMail>]> = [
      ['cc', { cc: ['x\0@d.co'] }],
      ['bcc', { bcc: ['x@d\0.co'] }],
      ['replyTo', { replyTo: ['\0x@d.co'] }],
      ['from', { from: 'Me <me\0@d.co>' }],
    ];
    for (const [field, extra] of cases) {
      const err = refusal(() => validateTestMail(mail(extra)));
      assert.equal((err as MailInputError).field, field);
      assert.match(err.message, /a NUL character/);
    }
  });
  test('another control character is named by its code point', () => {
    assert.match(
      refusal(() => validateTestMail(mail({ to: ['c\u0001@d.co'] }))).message,
      /a control character \(U\+0001\)/,
    );
    assert.match(refusal(() => validateTestMail(mail({ to: ['c\u007f@d.co'] }))).message, /U\+007F/);
  });
  test('near miss: the same addresses without the NUL are accepted as they are', () => {
    const out = validateTestMail(mail({ to: ['c@d.co'], cc: ['x@d.co'], from: 'Me <me@d.co>' }));
    assert.deepEqual(out.to, ['c@d.co']);
    assert.equal(out.from, 'me@d.co');
  });
});

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

describe('refusals for Spring name Spring', () => {
  const write = (convention: string, value: string): string => formatEnvValue(value, '\n', dialectFor(convention));
  for (const [what, value] of [
    ['$HOME', '$HOME'],
    ['a fully double-quoted value', '"abc"'],
  ] as const) {
    test(what, () => {
      const err = refusal(() => write('spring', value));
      assert.ok(err instanceof EnvWriteRefused, String(err));
      assert.match(err.message, /^The value cannot be written so that Spring \(through whichever \.env loader it uses/);
    });
  }
  test('other frameworks keep their own names; a custom mapping says so', () => {
    assert.match(refusal(() => write('laravel', 'a\nb')).message, /phpdotenv \(Laravel\)/);
    assert.match(refusal(() => write('custom', '$HOME')).message, /your custom \.env mapping/);
  });
  test('near miss: a value every parser reads back is written for Spring', () => {
    assert.equal(
      write('spring', 'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5'),
      'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5',
    );
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

describe('a Secrets Manager value nested one level', () => {
  const KEY = 'AKIAIOSFODNN7EXAMPLE';
  const PASSWORD = 'BDDdpSTzbzUY3SJq/n4Oq7heDuCWbOtogMi5S3AR673+';
  const importOf = (text: string): ReturnType<typeof extractCredentials> => {
    const value = parseSecretValue(text);
    return extractCredentials(value, value.kind === 'json' ? guessMapping(Object.keys(value.fields)) : {});
  };
  test('{"smtp": {"username", "password"}} is read one level deep', () => {
    const out = importOf(JSON.stringify({ smtp: { username: KEY, password: PASSWORD } }));
    assert.equal(out.username, KEY);
    assert.equal(out.password, PASSWORD);
  });
  test('nested under a name that is no spelling of its own, the inner key names still match', () => {
    const out = importOf(JSON.stringify({ credentials: { user: KEY, pass: PASSWORD, region: 'eu-west-3' } }));
    assert.deepEqual([out.username, out.password, out.region], [KEY, PASSWORD, 'eu-west-3']);
  });
  test('the keys offered for mapping name the nesting', () => {
    const value = parseSecretValue(JSON.stringify({ smtp: { username: KEY, password: PASSWORD }, note: 'x' }));
    assert.equal(value.kind, 'json');
    assert.deepEqual(Object.keys(value.kind === 'json' ? value.fields : {}), [
      'smtp.username',
      'smtp.password',
      'note',
    ]);
  });
  test('near miss: a top-level username and password still win over nested ones', () => {
    const out = importOf(JSON.stringify({ username: KEY, password: PASSWORD, old: { password: 'x'.repeat(44) } }));
    assert.equal(out.password, PASSWORD);
  });
  test('two levels deep is refused naming the key and the fix, never a value', () => {
    const err = refusal(() => importOf(JSON.stringify({ smtp: { ses: { username: KEY, password: PASSWORD } } })));
    assert.ok(err instanceof SecretValueError);
    assert.match(err.message, /No key of the secret was chosen for the password \(keys: none\)\. "smtp" holds no text/);
    assert.match(err.message, /store the SMTP fields at the top level or one level down/);
    assert.ok(!err.message.includes(PASSWORD) && !err.message.includes(KEY));
  });
});
