import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sendTestMail, type SendOptions } from '../../../../src/engines/smtp/send';
import { MailInputError } from '../../../../src/engines/smtp/mailInput';
import { SmtpInputError } from '../../../../src/engines/smtp/input';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { diagnose } from '../../../../src/engines/smtp/diagnose';
import { startSesSmtpServer, type SesServer } from '../../../support/sesSmtpServer';

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REGION = 'eu-west-1';
const PASSWORD = deriveSmtpPassword(SECRET, REGION);

describe('sendTestMail against an SES-like server', () => {
  let server: SesServer;
  const base = () => ({
    host: server.host,
    port: server.port,
    tls: 'starttls' as const,
    username: ACCESS_KEY,
    password: PASSWORD,
    ca: server.ca,
  });
  const noWait = { retryDelaysMs: [10, 20, 30], sleep: async () => undefined };

  before(async () => {
    server = await startSesSmtpServer({
      region: REGION,
      tls: 'starttls',
      users: [{ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET }],
      verified: ['example.com'],
      sandbox: true,
    });
  });
  after(() => server.stop());

  test('a send returns the SES message id, and the server got that From, To and Subject', async () => {
    const outcome = await sendTestMail({
      ...base(),
      mail: {
        from: 'Test <sender@example.com>',
        to: ['success@simulator.amazonses.com'],
        subject: 'Hello from the toolkit',
        text: 'Body',
      },
    });
    assert.equal(outcome.ok, true, JSON.stringify(outcome.result.failure));
    assert.match(outcome.messageId ?? '', /^0100[0-9a-f]{12}-[0-9a-f-]+-000000$/);
    const mail = server.received.find((m) => m.messageId === outcome.messageId);
    assert.ok(mail, 'the server received the message with that id');
    assert.equal(mail.from, 'sender@example.com');
    assert.deepEqual(mail.to, ['success@simulator.amazonses.com']);
    assert.equal(mail.subject, 'Hello from the toolkit');
    assert.deepEqual(
      outcome.result.phases.map((p) => p.phase),
      ['connect', 'greeting', 'ehlo', 'starttls', 'ehlo-tls', 'auth', 'mail', 'rcpt', 'data', 'quit'],
    );
    assert.ok(!JSON.stringify(outcome).includes(PASSWORD));
    assert.ok(!JSON.stringify(outcome).includes(Buffer.from(PASSWORD).toString('base64')));
  });

  test('an SES message id of another shape is still taken from "250 Ok <id>"', async () => {
    const id = '0107019a2b3c4d-5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9a0b-000000';
    server.options.messageId = () => id;
    try {
      const mail = { from: 'sender@example.com', to: ['success@simulator.amazonses.com'], subject: 'id', text: 't' };
      const outcome = await sendTestMail({ ...base(), mail });
      assert.equal(outcome.ok, true, JSON.stringify(outcome.result.failure));
      assert.equal(outcome.result.response, `250 Ok ${id}`);
      assert.equal(outcome.messageId, id);
    } finally {
      server.options.messageId = undefined;
    }
  });

  test('554 for an unverified From is diagnosed with the region and the identity', async () => {
    const outcome = await sendTestMail({
      ...base(),
      ...noWait,
      mail: { from: 'someone@unverified.test', to: ['success@simulator.amazonses.com'], subject: 's', text: 't' },
    });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.attempts.length, 1, '5xx is not retried');
    assert.equal(outcome.result.failure?.responseCode, 554);
    const causes = diagnose(outcome.result, { region: REGION });
    assert.equal(causes[0].id, 'identity-not-verified');
    assert.match(causes[0].title, /eu-west-1/);
    assert.match(causes[0].title, /someone@unverified\.test/);
  });

  test('in the sandbox an unverified recipient is named', async () => {
    const outcome = await sendTestMail({
      ...base(),
      ...noWait,
      mail: { from: 'sender@example.com', to: ['friend@elsewhere.test'], subject: 's', text: 't' },
    });
    assert.equal(outcome.ok, false);
    const causes = diagnose(outcome.result, { region: REGION });
    assert.equal(causes[0].id, 'identity-not-verified');
    assert.match(causes[0].title, /friend@elsewhere\.test/);
    assert.match(causes[0].fix, /sandbox/);
    // Told who the recipient is (as Send Test Email tells it), the fix leads with the recipient.
    const told = diagnose(outcome.result, {
      region: REGION,
      from: 'sender@example.com',
      to: ['friend@elsewhere.test'],
    });
    assert.equal(told[0].id, 'sandbox-recipient');
    assert.match(told[0].fix, /^Send to a verified address/);
    assert.match(told[0].fix, /request production access/);
  });

  test('535 on send is diagnosed (secret key used as password)', async () => {
    const outcome = await sendTestMail({
      ...base(),
      ...noWait,
      password: SECRET,
      mail: { from: 'sender@example.com', to: ['success@simulator.amazonses.com'], subject: 's', text: 't' },
    });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.attempts.length, 1);
    assert.equal(outcome.result.failure?.code, 'AUTH_FAILED');
    assert.equal(
      diagnose(outcome.result, { username: ACCESS_KEY, password: SECRET, region: REGION })[0].id,
      'secret-key-as-password',
    );
  });

  test('a 454 is retried with backoff and then succeeds', async () => {
    server.options.throttleNext = 2;
    const waits: number[] = [];
    const outcome = await sendTestMail({
      ...base(),
      retryDelaysMs: [10, 20, 30],
      sleep: async (ms) => void waits.push(ms),
      mail: { from: 'sender@example.com', to: ['success@simulator.amazonses.com'], subject: 'retry', text: 't' },
    });
    assert.equal(outcome.ok, true, JSON.stringify(outcome.result.failure));
    assert.equal(outcome.attempts.length, 3);
    assert.equal(outcome.attempts[0].result.failure?.reply, '454 Throttling failure: Maximum sending rate exceeded.');
    assert.deepEqual(waits, [10, 20]);
    assert.ok(outcome.messageId);
  });

  test('a 5xx is not retried', async () => {
    server.options.rejectNext = { count: 1, code: 552, text: 'Message is too long' };
    const outcome = await sendTestMail({
      ...base(),
      ...noWait,
      mail: { from: 'sender@example.com', to: ['success@simulator.amazonses.com'], subject: 'big', text: 't' },
    });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.attempts.length, 1);
    assert.equal(diagnose(outcome.result)[0].id, 'message-too-long');
  });

  test('arguments of the wrong type are refused with a named field, before connecting', async () => {
    const before = server.received.length;
    const mail = { from: 'sender@example.com', to: ['success@simulator.amazonses.com'], subject: 's', text: 't' };
    const cases: Array<[Record<string, unknown>, new (...a: never[]) => Error, string, RegExp]> = [
      [{ mail: undefined }, MailInputError, 'from', /test mail must be an object/],
      [{ mail: { ...mail, from: 7 } }, MailInputError, 'from', /From must be text, not number 7/],
      [{ mail: { ...mail, to: [null] } }, MailInputError, 'to', /To is empty/],
      [{ mail: { ...mail, to: [{}] } }, MailInputError, 'to', /To must be text, not an object/],
      [{ mail: { ...mail, subject: 5 } }, MailInputError, 'subject', /subject must be text/],
      [{ mail: { ...mail, text: ['x'] } }, MailInputError, 'text', /text must be text, not an array/],
      [{ tls: 'bogus' }, SmtpInputError, 'tls', /"starttls" or "implicit"/],
      [{ phaseTimeoutMs: 1e10 }, SmtpInputError, 'phaseTimeoutMs', /at most 600 seconds/],
      [{ password: null }, SmtpInputError, 'password', /must be a string, not null/],
      [{ retryDelaysMs: [5, 'x'] }, SmtpInputError, 'retryDelaysMs', /list of at most 10 waits/],
      [{ sleep: 1 }, SmtpInputError, 'sleep', /must be a function/],
    ];
    for (const [change, type, field, message] of cases) {
      const options = { ...base(), ...noWait, mail, ...change } as unknown as SendOptions;
      await assert.rejects(sendTestMail(options), (err: unknown) => {
        assert.ok(err instanceof type, `${JSON.stringify(change)}: ${String(err)}`);
        assert.equal((err as unknown as { field: string }).field, field);
        assert.match((err as Error).message, message);
        return true;
      });
    }
    assert.equal(server.received.length, before);
  });

  test('header injection in the subject is refused before connecting', async () => {
    const before = server.received.length;
    await assert.rejects(
      sendTestMail({
        ...base(),
        mail: {
          from: 'sender@example.com',
          to: ['success@simulator.amazonses.com'],
          subject: 'hi\r\nBcc: victim@example.org',
          text: 't',
        },
      }),
      (err: unknown) => err instanceof MailInputError && err.field === 'subject' && /line break/.test(err.message),
    );
    assert.equal(server.received.length, before);
  });
});
