// The headline of a send and the notes after a send to the mailbox simulator
// (src/features/testMail/logic/headline.ts).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sendHeadline, simulatorNotes, type HeadlineInput } from '../../../../../src/features/testMail/logic/headline';
import { type SmtpPhase } from '../../../../../src/engines/smtp/phases';

describe('the headline of a send', () => {
  const failure = (code: string, phase: SmtpPhase, reply?: string, message = ''): HeadlineInput['failure'] => ({
    code,
    phase,
    reply,
    message,
  });
  const notVerified = (region: string, ids: string) =>
    `554 Message rejected: Email address is not verified. The following identities failed the check in region ${region}: ${ids}`;

  test('an unverified From reads as the console says it, with the region of the reply', () => {
    const h = sendHeadline({
      ok: false,
      failure: failure('REJECTED', 'data', notVerified('EU-CENTRAL-1', 'sender@example.com')),
      from: 'Sender <Sender@example.com>',
      region: 'eu-west-1',
    });
    assert.equal(h, 'Rejected (554): From address not verified in eu-central-1');
  });
  test('unverified recipients in the sandbox are told apart from the From', () => {
    const reply = notVerified('US-EAST-1', 'friend@elsewhere.test');
    assert.equal(
      sendHeadline({ ok: false, failure: failure('REJECTED', 'data', reply), from: 'me@example.com' }),
      'Rejected (554): Recipient not verified in us-east-1 (the account is in the sandbox)',
    );
    const both = notVerified('US-EAST-1', 'me@other.test, a@x.test, b@y.test');
    assert.equal(
      sendHeadline({ ok: false, failure: failure('REJECTED', 'data', both), from: 'me@other.test' }),
      'Rejected (554): From address and 2 recipients not verified in us-east-1',
    );
  });
  test("a refused login names the code and the server's words", () => {
    assert.equal(
      sendHeadline({ ok: false, failure: failure('AUTH_FAILED', 'auth', '535 Authentication Credentials Invalid') }),
      'Login refused (535): Authentication Credentials Invalid',
    );
    assert.equal(
      sendHeadline({ ok: false, failure: failure('AUTH_FAILED', 'auth', '535 Account not subscribed to SES') }),
      'Login refused (535): Account not subscribed to SES',
    );
  });
  test('other rejections and failures say what happened, never just the phase', () => {
    const denied =
      "554 Access denied: User `arn:aws:iam::123456789012:user/x' is not authorized to perform `ses:SendRawEmail' on resource `arn:…'";
    assert.equal(
      sendHeadline({ ok: false, failure: failure('REJECTED', 'data', denied) }),
      'Rejected (554): not allowed to send: the IAM user lacks ses:SendRawEmail',
    );
    // A tenant's resource refusal also starts "Access denied": it names the resources, not IAM.
    const tenant =
      '554 Access denied: Tenant not associated with resources [arn:aws:ses:eu-west-1:123456789012:identity/example.org, arn:aws:ses:eu-west-1:123456789012:configuration-set/e2e-quiet].';
    assert.equal(
      sendHeadline({ ok: false, failure: failure('REJECTED', 'data', tenant) }),
      'Rejected (554): the tenant (X-SES-TENANT) is not associated with identity example.org and configuration set e2e-quiet',
    );
    assert.equal(
      sendHeadline({
        ok: false,
        failure: failure('REJECTED', 'data', '554 Access denied: Tenant not associated with resources.'),
      }),
      'Rejected (554): the tenant (X-SES-TENANT) is not associated with a resource of this message',
    );
    assert.equal(
      sendHeadline({ ok: false, failure: failure('REJECTED', 'data', '552 Message is too long') }),
      'Rejected (552): Message is too long',
    );
    assert.equal(
      sendHeadline({
        ok: false,
        failure: failure('TEMPORARY', 'data', '454 Throttling failure: Maximum sending rate exceeded.'),
        attempts: 4,
      }),
      'Temporary failure (454) after 4 attempts: Throttling failure: Maximum sending rate exceeded.',
    );
    assert.equal(
      sendHeadline({ ok: false, failure: failure('TIMEOUT', 'connect', undefined, 'Connecting timed out') }),
      'Timed out at Connect: the server did not answer',
    );
    assert.equal(
      sendHeadline({ ok: false, failure: failure('AUTH_REQUIRED', 'auth', '530 Must issue a STARTTLS command first') }),
      'Refused (530): Must issue a STARTTLS command first',
    );
    for (const code of [
      'DNS',
      'REFUSED',
      'TIMEOUT',
      'TLS_CERT',
      'TLS',
      'TLS_NOT_OFFERED',
      'AUTH_UNSUPPORTED',
      'CLOSED',
      'CANCELLED',
      'PROTOCOL',
    ]) {
      assert.doesNotMatch(sendHeadline({ ok: false, failure: failure(code, 'data', undefined, 'm') }), /^Failed in /);
    }
  });
  test('a success says accepted, and on which attempt after retries', () => {
    assert.equal(sendHeadline({ ok: true }), 'Accepted by SES');
    assert.equal(sendHeadline({ ok: true, attempts: 2 }), 'Accepted by SES (attempt 2)');
  });
});

describe('what happens after a send to the mailbox simulator', () => {
  test('bounce and complaint notifications arrive later through event destinations or feedback forwarding', () => {
    const [bounce] = simulatorNotes(['bounce+label1@simulator.amazonses.com']);
    assert.match(
      bounce,
      /^bounce@simulator: .*hard bounce.*arrives later through the configuration set’s event destinations or the identity’s feedback forwarding/,
    );
    const [complaint] = simulatorNotes(['"Test" <complaint@simulator.amazonses.com>']);
    assert.match(complaint, /complaint notification arrives later through the configuration set’s event destinations/);
  });
  test('suppressionlist is treated as suppressed; success and ooto say what they do', () => {
    assert.match(
      simulatorNotes(['suppressionlist@simulator.amazonses.com'])[0],
      /as if it were on the suppression list: the message is not delivered/,
    );
    assert.match(simulatorNotes(['success@simulator.amazonses.com'])[0], /nothing else follows/);
    assert.match(simulatorNotes(['ooto@simulator.amazonses.com'])[0], /out-of-office/);
  });
  test('one note per kind; other addresses get none', () => {
    assert.equal(
      simulatorNotes(['bounce@simulator.amazonses.com', 'BOUNCE@simulator.amazonses.com', 'friend@example.com']).length,
      1,
    );
    assert.deepEqual(simulatorNotes(['bounce@example.com', 'bounce@simulator.amazonses.com.evil.test']), []);
  });
});
