// Send Test Email extras (issue #18): attachments, the raw MIME check, the composed message
// (X-SES-* headers, BCC never in the headers, raw mode as written), the diagnosis of SES's replies
// to the headers, and the configuration set wording.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  base64Size,
  blockedExtension,
  checkAttachments,
  SES_MAX_MESSAGE_BYTES,
} from '../../../../src/engines/smtp/attachments';
import { checkRawMessage } from '../../../../src/engines/smtp/rawMime';
import { composeMail, appliedExtras } from '../../../../src/engines/smtp/compose';
import type { TestMail } from '../../../../src/engines/smtp/mailOptions';
import type { MailInputError } from '../../../../src/engines/smtp/mailInput';
import { diagnose } from '../../../../src/engines/smtp/diagnose';
import { describeEventDestinations, missingConfigurationSet } from '../../../../src/engines/aws/configSets';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  return 'accepted';
}

async function refusalAsync(run: () => Promise<unknown>): Promise<{ message: string; field?: string }> {
  try {
    await run();
  } catch (err) {
    return { message: (err as Error).message, field: (err as MailInputError).field };
  }
  return { message: 'accepted' };
}

const mail = (extra: Partial<TestMail> = {}): TestMail => ({
  from: 'sender@example.com',
  to: ['success@simulator.amazonses.com'],
  subject: 'Hello',
  text: 'Body',
  ...extra,
});

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

describe('raw MIME check', () => {
  const multipart = [
    'From: sender@example.com',
    'To: success@simulator.amazonses.com',
    'Subject: raw',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed;',
    ' boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary=inner',
    '',
    '--inner',
    'Content-Type: text/plain',
    '',
    'hi',
    '--inner--',
    '--outer--',
    '',
  ];
  test('a nested multipart message passes; LF line endings become CRLF', () => {
    const out = checkRawMessage(multipart.join('\n'), SES_MAX_MESSAGE_BYTES);
    assert.equal(out.text, multipart.join('\r\n'));
    assert.equal(out.headers.find((h) => h.name === 'Content-Type')?.value, 'multipart/mixed; boundary="outer"');
  });
  test('a message without a body, and one without a trailing line break, pass', () => {
    assert.equal(checkRawMessage('From: a@example.com', 1e6).text, 'From: a@example.com\r\n');
  });
  for (const [label, raw, reason] of [
    [
      'a nested part without its closing boundary',
      multipart.join('\r\n').replace('--inner--\r\n', ''),
      /Part 1 of the message: the closing "--inner--" line is missing/,
    ],
    [
      'a part header line that is not one',
      multipart.join('\r\n').replace('Content-Type: text/plain', 'text/plain'),
      /line 12 \("text\/plain"\) is not a header line/,
    ],
    [
      'a boundary longer than 70',
      `From: a@example.com\r\nContent-Type: multipart/mixed; boundary=${'b'.repeat(71)}\r\n\r\n`,
      /71 characters long; MIME allows at most 70/,
    ],
    [
      'larger than the limit',
      'From: a@example.com\r\n\r\nxxxx',
      /is 27 bytes, 17 bytes more than SES's limit of 10 bytes/,
    ],
  ] as const) {
    test(`refused: ${label}`, () =>
      assert.match(
        refusal(() => checkRawMessage(raw, label.startsWith('larger') ? 10 : 1e6)),
        reason,
      ));
  }
});

describe('composing', () => {
  test('X-SES headers, CC and Reply-To in the headers; BCC only in the envelope', async () => {
    const out = await composeMail(
      mail({
        cc: ['Carol <carol@example.com>'],
        bcc: ['hidden@example.com'],
        replyTo: ['replies@example.com'],
        headers: [{ name: 'X-App-Request-Id', value: '42' }],
        configurationSet: 'events',
        tags: [
          { name: 'campaign', value: 'welcome' },
          { name: 'env', value: 'test' },
        ],
        sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com',
      }),
      { region: 'eu-west-1' },
    );
    const head = out.message.toString('utf8').split('\r\n\r\n')[0];
    assert.match(head, /^X-SES-CONFIGURATION-SET: events$/m);
    assert.match(head, /^X-SES-MESSAGE-TAGS: campaign=welcome, env=test$/m);
    assert.match(head, /^X-SES-SOURCE-ARN: arn:aws:ses:eu-west-1:123456789012:identity\/example\.com$/m);
    assert.match(
      head,
      /^X-App-Request-Id: 42$/im,
      'header names are case-insensitive; nodemailer writes X-App-Request-ID',
    );
    assert.match(head, /^Cc: Carol <carol@example\.com>$/m);
    assert.match(head, /^Reply-To: replies@example\.com$/m);
    assert.doesNotMatch(out.message.toString('utf8'), /hidden@example\.com/);
    assert.ok(out.checked.recipients.includes('hidden@example.com'));
    const extras = appliedExtras(out);
    assert.deepEqual(extras.bcc, ['hidden@example.com']);
    assert.deepEqual(extras.headers, ['X-App-Request-Id']);
    assert.equal(extras.raw, false);
    assert.equal(extras.messageBytes, out.message.length);
  });
  test('raw mode: the message as written with the X-SES headers on top', async () => {
    const raw = 'From: sender@example.com\r\nSubject: raw\r\n\r\nhello\r\n';
    const out = await composeMail(mail({ raw, configurationSet: 'events', tags: [{ name: 'a', value: 'b' }] }));
    assert.equal(out.message.toString('utf8'), `X-SES-CONFIGURATION-SET: events\r\nX-SES-MESSAGE-TAGS: a=b\r\n${raw}`);
  });
  test('raw mode: the same X-SES header in the message and the form is a conflict', async () => {
    const raw = 'X-SES-CONFIGURATION-SET: other\r\nFrom: sender@example.com\r\n\r\nhello\r\n';
    const out = await refusalAsync(() => composeMail(mail({ raw, configurationSet: 'events' })));
    assert.equal(out.field, 'raw');
    assert.match(out.message, /already has a X-SES-CONFIGURATION-SET header and the form sets one too/);
  });
  test('an ARN for another region is refused with the field named, before anything is sent', async () => {
    const out = await refusalAsync(() =>
      composeMail(mail({ fromArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com' }), {
        region: 'eu-west-1',
      }),
    );
    assert.equal(out.field, 'fromArn');
    assert.match(out.message, /is for us-east-1, but these credentials send through eu-west-1/);
  });
});

describe('diagnosis of SES replies to the X-SES headers', () => {
  const causes = (reply: string): Array<{ id: string; title: string; fix: string }> =>
    diagnose(
      { ok: false, failure: { code: 'REJECTED', phase: 'data', reply, responseCode: 554, message: reply } },
      { region: 'eu-west-1' },
    );
  test('unknown configuration set', () => {
    const [c] = causes('554 Configuration Set does not exist: Configuration set <evnts> does not exist.');
    assert.equal(c.id, 'configuration-set-missing');
    assert.equal(c.title, 'Configuration set "evnts" does not exist in eu-west-1.');
    assert.match(c.fix, /Configuration sets are per region: create "evnts"/);
  });
  test('invalid tag name and value', () => {
    const [name] = causes(
      "554 Transaction failed: Invalid tag name <order.id>: only alphanumeric ASCII characters, '_', and '-' are allowed.",
    );
    assert.equal(name.id, 'message-tag-invalid');
    assert.match(name.title, /tag name "order\.id"/);
    const [value] = causes(
      "554 Transaction failed: Invalid tag value <a@b>: only alphanumeric ASCII characters, '_', and '-' are allowed.",
    );
    assert.match(value.title, /tag value "a@b"/);
  });
  test('ARN for another region, and for an identity that does not cover From', () => {
    const [region] = causes(
      '554 Transaction failed: Identity ARN <arn:aws:ses:us-east-1:123456789012:identity/example.com> is in region us-east-1; this endpoint sends in eu-west-1.',
    );
    assert.equal(region.id, 'arn-region');
    assert.match(region.title, /is for us-east-1, not eu-west-1/);
    const [identity] = causes(
      '554 Transaction failed: Identity ARN <arn:aws:ses:eu-west-1:123456789012:identity/other.com> does not authorize sending from <a@example.com>.',
    );
    assert.equal(identity.id, 'arn-identity');
  });
  test('near misses keep their old diagnosis', () => {
    assert.equal(
      causes(
        '554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: a@example.com',
      )[0].id,
      'identity-not-verified',
    );
    assert.equal(causes('554 Transaction failed: something else')[0].id, 'unknown');
  });
});

describe('configuration sets', () => {
  test('a missing set names the region, near names and the fix', () => {
    assert.equal(missingConfigurationSet('events', ['events', 'other'], 'eu-west-1'), undefined);
    assert.match(
      missingConfigurationSet('Events', ['events'], 'eu-west-1') ?? '',
      /^Configuration set Events does not exist in eu-west-1\. Did you mean "events"\? Names are case-sensitive\./,
    );
    assert.match(
      missingConfigurationSet('x', ['a', 'b'], 'eu-west-1') ?? '',
      /The sets there are: a, b\. Create it in the SES console/,
    );
    assert.match(missingConfigurationSet('x', [], 'eu-west-1') ?? '', /There are none there yet\./);
  });
  test('event destinations read as one line each', () => {
    assert.deepEqual(
      describeEventDestinations([
        {
          name: 'to-sns',
          enabled: true,
          eventTypes: ['BOUNCE', 'COMPLAINT'],
          kind: 'SNS',
          target: 'arn:aws:sns:eu-west-1:1:t',
        },
        { name: 'cw', enabled: false, eventTypes: [], kind: 'CloudWatch' },
      ]),
      ['SNS arn:aws:sns:eu-west-1:1:t — BOUNCE, COMPLAINT [to-sns]', 'CloudWatch — no event types (disabled) [cw]'],
    );
  });
});
