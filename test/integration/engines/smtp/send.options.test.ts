// Send Test Email extras (issue #18) against the SES-like SMTP server: one send per option, asserting
// what the server received (headers as SES expects them, BCC only in RCPT TO, the attachment's
// bytes, a raw message byte for byte), SES's replies to bad X-SES headers diagnosed, the refusals
// made before anything is sent, and the leak sweep over every outcome and message.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sendTestMail, type SendOutcome } from '../../../../src/engines/smtp/send';
import { type TestMail } from '../../../../src/engines/smtp/mailOptions';
import { MailInputError } from '../../../../src/engines/smtp/mailInput';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { diagnose } from '../../../../src/engines/smtp/diagnose';
import { sendHeadline } from '../../../../src/features/testMail/logic/headline';
import { startSesSmtpServer, type ReceivedMail, type SesServer } from '../../../support/sesSmtpServer';

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REGION = 'eu-west-1';
const PASSWORD = deriveSmtpPassword(SECRET, REGION);
const ARN = `arn:aws:ses:${REGION}:123456789012:identity/example.com`;

function header(mail: ReceivedMail, name: string): string[] {
  return mail.headers.filter((h) => h.name.toLowerCase() === name.toLowerCase()).map((h) => h.value);
}

/** The base64 body of the MIME part whose headers name `filename`, decoded. */
function attachmentBytes(raw: string, filename: string): Buffer | undefined {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) return undefined;
  for (const part of raw.split(`--${boundary}`)) {
    const [head, ...body] = part.split('\r\n\r\n');
    if (new RegExp(`filename="?${filename.replace('.', '\\.')}"?`, 'i').test(head) && /base64/i.test(head))
      return Buffer.from(body.join('\r\n\r\n').replace(/\s+/g, ''), 'base64');
  }
  return undefined;
}

describe('Send Test Email extras against an SES-like server', () => {
  let server: SesServer;
  let dir = '';
  const outcomes: SendOutcome[] = [];
  const base = () => ({
    host: server.host,
    port: server.port,
    tls: 'starttls' as const,
    username: ACCESS_KEY,
    password: PASSWORD,
    ca: server.ca,
    region: REGION,
    retryDelaysMs: [],
  });
  const mail = (extra: Partial<TestMail> = {}): TestMail => ({
    from: 'Sender <sender@example.com>',
    to: ['success@simulator.amazonses.com'],
    subject: 'Extras',
    text: 'Body',
    ...extra,
  });
  const send = async (m: TestMail): Promise<{ outcome: SendOutcome; received?: ReceivedMail }> => {
    const outcome = await sendTestMail({ ...base(), mail: m });
    outcomes.push(outcome);
    return { outcome, received: server.received.find((r) => r.messageId === outcome.messageId) };
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'send-options-'));
    server = await startSesSmtpServer({
      region: REGION,
      tls: 'starttls',
      users: [{ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET }],
      verified: ['example.com'],
      configurationSets: ['events'],
    });
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('CC and Reply-To are headers; BCC is in RCPT TO and in no header; the message is what the server got', async () => {
    const { outcome, received } = await send(
      mail({ cc: ['Carol <carol@example.com>'], bcc: ['hidden@example.com'], replyTo: ['replies@example.com'] }),
    );
    assert.equal(outcome.ok, true, JSON.stringify(outcome.result.failure));
    assert.ok(received);
    assert.deepEqual(received.to, ['success@simulator.amazonses.com', 'carol@example.com', 'hidden@example.com']);
    assert.deepEqual(header(received, 'Cc'), ['Carol <carol@example.com>']);
    assert.deepEqual(header(received, 'Reply-To'), ['replies@example.com']);
    assert.deepEqual(header(received, 'Bcc'), []);
    assert.ok(!received.raw.includes('hidden@example.com'), 'the BCC address appears nowhere in the message');
    assert.ok(outcome.message?.equals(received.rawBytes), 'SendOutcome.message holds exactly the bytes received');
  });

  test('a custom header arrives with its value', async () => {
    const { outcome, received } = await send(mail({ headers: [{ name: 'X-App-Request-Id', value: 'req-42' }] }));
    assert.equal(outcome.ok, true, JSON.stringify(outcome.result.failure));
    assert.deepEqual(header(received!, 'X-App-Request-Id'), ['req-42']);
  });

  test('a configuration set that exists arrives as X-SES-CONFIGURATION-SET', async () => {
    const { outcome, received } = await send(mail({ configurationSet: 'events' }));
    assert.equal(outcome.ok, true, JSON.stringify(outcome.result.failure));
    assert.deepEqual(header(received!, 'X-SES-CONFIGURATION-SET'), ['events']);
    assert.equal(received!.headers[0].name, 'X-SES-CONFIGURATION-SET', 'spelled as SES documents it, on top');
  });

  test('an unknown configuration set gets SES reply, diagnosed with the region and the fix', async () => {
    const { outcome } = await send(mail({ configurationSet: 'evnts' }));
    assert.equal(outcome.ok, false);
    assert.equal(
      outcome.result.failure?.reply,
      '554 Configuration Set does not exist: Configuration set <evnts> does not exist.',
    );
    const [cause] = diagnose(outcome.result, { region: REGION });
    assert.equal(cause.id, 'configuration-set-missing');
    assert.equal(cause.title, 'Configuration set "evnts" does not exist in eu-west-1.');
    assert.match(
      sendHeadline({ ok: false, failure: outcome.result.failure, region: REGION }),
      /^Rejected \(554\): .*Configuration set <evnts> does not exist/,
    );
  });

  test('message tags arrive as X-SES-MESSAGE-TAGS: n1=v1, n2=v2', async () => {
    const tags = [
      { name: 'campaign', value: 'welcome' },
      { name: 'env', value: 'test-1' },
    ];
    const { outcome, received } = await send(mail({ configurationSet: 'events', tags }));
    assert.equal(outcome.ok, true, JSON.stringify(outcome.result.failure));
    assert.deepEqual(header(received!, 'X-SES-MESSAGE-TAGS'), ['campaign=welcome, env=test-1']);
  });

  test('a malformed tag written into a raw message gets SES refusal, diagnosed', async () => {
    const raw = 'X-SES-MESSAGE-TAGS: order.id=42\r\nFrom: sender@example.com\r\nSubject: t\r\n\r\nbody\r\n';
    const { outcome } = await send(mail({ raw }));
    assert.equal(outcome.ok, false);
    assert.match(outcome.result.failure?.reply ?? '', /^554 Transaction failed: Invalid tag name <order\.id>/);
    const [cause] = diagnose(outcome.result, { region: REGION });
    assert.equal(cause.id, 'message-tag-invalid');
    assert.match(cause.fix, /only ASCII letters, digits, "_" and "-"/);
  });

  test('sending-authorization ARNs arrive as X-SES-SOURCE-ARN, X-SES-FROM-ARN, X-SES-RETURN-PATH-ARN', async () => {
    const { outcome, received } = await send(mail({ sourceArn: ARN, fromArn: ARN, returnPathArn: ARN }));
    assert.equal(outcome.ok, true, JSON.stringify(outcome.result.failure));
    for (const name of ['X-SES-SOURCE-ARN', 'X-SES-FROM-ARN', 'X-SES-RETURN-PATH-ARN'])
      assert.deepEqual(header(received!, name), [ARN], name);
  });

  test('ARNs for another region or identity (written into raw messages) get SES replies, diagnosed', async () => {
    const other = 'arn:aws:ses:us-east-1:123456789012:identity/example.com';
    const region = await send(mail({ raw: `X-SES-FROM-ARN: ${other}\r\nFrom: sender@example.com\r\n\r\nb\r\n` }));
    assert.equal(region.outcome.ok, false);
    assert.equal(diagnose(region.outcome.result, { region: REGION })[0].id, 'arn-region');
    const foreign = `arn:aws:ses:${REGION}:123456789012:identity/other.com`;
    const identity = await send(mail({ raw: `X-SES-SOURCE-ARN: ${foreign}\r\nFrom: sender@example.com\r\n\r\nb\r\n` }));
    assert.equal(identity.outcome.ok, false);
    assert.equal(diagnose(identity.outcome.result, { region: REGION })[0].id, 'arn-identity');
  });

  test('the form ARN for another region is refused before anything is sent', async () => {
    const opened = server.openedSessions();
    await assert.rejects(
      sendTestMail({ ...base(), mail: mail({ fromArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com' }) }),
      (err: unknown) =>
        err instanceof MailInputError && err.field === 'fromArn' && /send through eu-west-1/.test(err.message),
    );
    assert.equal(server.openedSessions(), opened, 'no connection was opened');
  });

  test('an attachment arrives base64-encoded and decodes to the file', async () => {
    const bytes = randomBytes(100_000);
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    const { outcome, received } = await send(mail({ attachments: [{ path: file }] }));
    assert.equal(outcome.ok, true, JSON.stringify(outcome.result.failure));
    const decoded = attachmentBytes(received!.raw, 'report.pdf');
    assert.ok(decoded?.equals(bytes), 'the attachment decodes to the file, byte for byte');
    assert.match(received!.raw, /Content-Type: application\/pdf; name=report\.pdf/);
  });

  test('a blocked attachment type and a missing file are refused before anything is sent', async () => {
    const opened = server.openedSessions();
    writeFileSync(path.join(dir, 'setup.exe'), 'MZ');
    await assert.rejects(
      sendTestMail({ ...base(), mail: mail({ attachments: [{ path: path.join(dir, 'setup.exe') }] }) }),
      /SES refuses \.exe attachments/,
    );
    await assert.rejects(
      sendTestMail({ ...base(), mail: mail({ attachments: [{ path: path.join(dir, 'nope.pdf') }] }) }),
      /does not exist; pick the file again/,
    );
    assert.equal(server.openedSessions(), opened);
  });

  test('raw mode: the message arrives byte for byte, the form X-SES headers on top, the envelope from the form', async () => {
    const raw = [
      'From: Sender <sender@example.com>',
      'To: someone@example.org',
      'Subject: Raw',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello',
      '.leading dot survives',
      '--b1--',
      '',
    ].join('\r\n');
    const { outcome, received } = await send(
      mail({ raw, bcc: ['hidden@example.com'], configurationSet: 'events', tags: [{ name: 'a', value: 'b' }] }),
    );
    assert.equal(outcome.ok, true, JSON.stringify(outcome.result.failure));
    const top = 'X-SES-CONFIGURATION-SET: events\r\nX-SES-MESSAGE-TAGS: a=b\r\n';
    assert.ok(received!.rawBytes.equals(Buffer.from(top + raw)), 'byte-equal apart from the prepended headers');
    assert.deepEqual(received!.to, ['success@simulator.amazonses.com', 'hidden@example.com']);
    assert.equal(received!.from, 'sender@example.com');
  });

  test('raw mode: a message without From is refused with the reason, nothing sent', async () => {
    const opened = server.openedSessions();
    await assert.rejects(
      sendTestMail({ ...base(), mail: mail({ raw: 'Subject: x\r\n\r\nbody' }) }),
      (err: unknown) => err instanceof MailInputError && err.field === 'raw' && /has no From header/.test(err.message),
    );
    assert.equal(server.openedSessions(), opened);
  });

  test('leak sweep: no password or secret key in any outcome, transcript or message', () => {
    assert.ok(outcomes.length >= 10, `${outcomes.length} sends swept`);
    const needles = [
      PASSWORD,
      Buffer.from(PASSWORD).toString('base64'),
      SECRET,
      Buffer.from(`\0${ACCESS_KEY}\0${PASSWORD}`).toString('base64'),
    ];
    for (const outcome of outcomes) {
      const text = JSON.stringify(outcome) + (outcome.message?.toString('utf8') ?? '');
      for (const needle of needles) assert.ok(!text.includes(needle), 'a secret leaked into an outcome');
    }
    for (const r of server.received)
      for (const needle of needles) assert.ok(!r.raw.includes(needle), 'a secret leaked into a message');
  });
});
