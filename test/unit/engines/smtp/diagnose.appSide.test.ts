// What diagnose() learnt for application errors (#33): the 421 session limit, the TLS mode that does
// not match the port, TLS 1.0/1.1, the account's rate on a 454, the sandbox on a 554, the
// framework's own setting in each fix, a refused login without the password, and the checks of the
// new facts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, type DiagnosableFailure, type KnownFacts } from '../../../../src/engines/smtp/diagnose';
import { frameworkHint, withHint, CLIENT_FRAMEWORK_NAMES } from '../../../../src/engines/smtp/frameworkHints';

function failed(code: string, extra: Partial<NonNullable<DiagnosableFailure['failure']>> = {}): DiagnosableFailure {
  return { ok: false, failure: { code: code as never, phase: 'data', message: extra.reply ?? code, ...extra } };
}

describe('diagnose: the 421 replies', () => {
  test('the session limit is its own cause, with the framework hint', () => {
    const causes = diagnose(
      failed('TEMPORARY', {
        responseCode: 421,
        reply: '421 Connection closed by server. Maximum message count per session reached.',
      }),
      { framework: 'nodemailer' },
    );
    assert.equal(causes[0].id, 'session-limit');
    assert.match(causes[0].fix, /maxMessages/);
  });
  test('too many connections stays what it was', () => {
    const causes = diagnose(
      failed('TEMPORARY', { responseCode: 421, reply: '421 Too many concurrent SMTP connections' }),
    );
    assert.deepEqual(
      causes.map((c) => c.id),
      ['too-many-connections'],
    );
  });
  test('without a framework the session fix has no framework words', () => {
    const [cause] = diagnose(
      failed('TEMPORARY', { responseCode: 421, reply: '421 Maximum message count per session reached.' }),
    );
    assert.equal(cause.id, 'session-limit');
    for (const name of ['maxMessages', 'send_messages', 'SMTPKeepAlive']) assert.ok(!cause.fix.includes(name));
  });
});

describe('diagnose: TLS', () => {
  test('"wrong version number" is the TLS mode for the port, with each framework\'s setting', () => {
    for (const framework of Object.keys(CLIENT_FRAMEWORK_NAMES) as Array<NonNullable<KnownFacts['framework']>>) {
      const [cause] = diagnose(
        { ...failed('TLS', { phase: 'connect', message: 'TLS failed: wrong version number' }), port: 587 },
        { framework },
      );
      assert.equal(cause.id, 'tls-mode-mismatch');
      assert.ok(cause.fix.includes(frameworkHint(framework, 'tls-mode')!), framework);
      assert.match(cause.title, /port 587/);
    }
  });
  test("Go's words for it too", () => {
    const [cause] = diagnose(
      failed('TLS', { phase: 'connect', message: 'tls: first record does not look like a TLS handshake' }),
    );
    assert.equal(cause.id, 'tls-mode-mismatch');
  });
  test('"wrong version number" after STARTTLS is no TLS mode mismatch (near miss)', () => {
    const [cause] = diagnose(failed('TLS', { phase: 'starttls', message: 'TLS failed: wrong version number' }));
    assert.equal(cause.id, 'tls-failed');
  });
  test('another TLS failure stays tls-failed', () => {
    const [cause] = diagnose(failed('TLS', { phase: 'starttls', message: 'TLS failed: handshake failure' }));
    assert.equal(cause.id, 'tls-failed');
  });
  test('TLS 1.0/1.1 refused is not an IAM permission', () => {
    const causes = diagnose(
      failed('REJECTED', {
        responseCode: 554,
        reply: '554 Access denied: Amazon SES no longer supports TLS 1.0 and TLS 1.1 connections',
      }),
    );
    assert.deepEqual(
      causes.map((c) => c.id),
      ['tls-version-refused'],
    );
  });
  test('the IAM Access denied is still iam-permission', () => {
    const causes = diagnose(
      failed('REJECTED', {
        responseCode: 554,
        reply: "554 Access denied: User `x' is not authorized to perform `ses:SendRawEmail'",
      }),
    );
    assert.equal(causes[0].id, 'iam-permission');
  });
  test('a greeting time-out gets the tls-mode hint when the framework is known, and only then', () => {
    const check = { ...failed('TIMEOUT', { phase: 'greeting', message: 'Greeting never received' }), port: 465 };
    assert.match(diagnose(check, { framework: 'django' })[0].fix, /EMAIL_USE_SSL/);
    assert.doesNotMatch(diagnose(check)[0].fix, /EMAIL_USE_SSL/);
  });
  test('530 STARTTLS first gets the framework hint', () => {
    const [cause] = diagnose(
      failed('AUTH_REQUIRED', { responseCode: 530, reply: '530 Must issue a STARTTLS command first' }),
      { framework: 'phpmailer' },
    );
    assert.equal(cause.id, 'starttls-required');
    assert.match(cause.fix, /SMTPSecure/);
  });
});

describe('diagnose: the account facts', () => {
  const throttle = failed('TEMPORARY', {
    responseCode: 454,
    reply: '454 Throttling failure: Maximum sending rate exceeded.',
  });
  test("454 names the account's rate when known", () => {
    const [cause] = diagnose(throttle, { maxSendRate: 14, region: 'eu-west-1', framework: 'symfony' });
    assert.match(cause.title, /14 per second in eu-west-1/);
    assert.match(cause.fix, /at most 14 messages per second/);
    assert.match(cause.fix, /max_per_second/);
  });
  test('454 without the rate keeps its old words', () => {
    assert.equal(diagnose(throttle)[0].title, "Sending faster than the account's maximum send rate.");
  });
  test('the daily quota gets no rate hint', () => {
    const daily = failed('TEMPORARY', {
      responseCode: 454,
      reply: '454 Throttling failure: Daily message quota exceeded.',
    });
    assert.equal(diagnose(daily, { maxSendRate: 14 })[0].title, 'The daily sending quota is used up.');
  });
  const one = failed('REJECTED', {
    responseCode: 554,
    reply:
      '554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: to@x.example',
  });
  test('one identity in a sandbox account: the recipient is a suspect too', () => {
    const causes = diagnose(one, { sandbox: true });
    assert.deepEqual(
      causes.map((c) => c.id),
      ['identity-not-verified', 'sandbox-recipient'],
    );
    assert.match(causes[1].title, /sandbox in eu-west-1: if to@x\.example is a recipient/);
  });
  test('one identity out of the sandbox: only the identity', () => {
    assert.deepEqual(
      diagnose(one, { sandbox: false }).map((c) => c.id),
      ['identity-not-verified'],
    );
  });
});

describe('diagnose: a refused login without the password', () => {
  test('no password shape is guessed', () => {
    const ids = diagnose(
      failed('AUTH_FAILED', { phase: 'auth', responseCode: 535, reply: '535 Authentication Credentials Invalid' }),
    ).map((c) => c.id);
    assert.ok(!ids.includes('malformed-password'), ids.join());
    assert.ok(ids.includes('wrong-region'));
  });
  test('an empty password given is still malformed', () => {
    const ids = diagnose(
      failed('AUTH_FAILED', { phase: 'auth', responseCode: 535, reply: '535 Authentication Credentials Invalid' }),
      { password: '' },
    ).map((c) => c.id);
    assert.ok(ids.includes('malformed-password'));
  });
  test('refused connection without a host names none', () => {
    assert.equal(diagnose(failed('REFUSED', { phase: 'connect' }))[0].title, 'Nothing accepted the connection.');
  });
});

describe('diagnose: the new facts are checked', () => {
  const check = failed('TEMPORARY', { responseCode: 454, reply: '454 Throttling failure' });
  test('framework', () =>
    assert.throws(() => diagnose(check, { framework: 'perl' as never }), /known\.framework must be one of/));
  test('maxSendRate', () => assert.throws(() => diagnose(check, { maxSendRate: -1 }), /known\.maxSendRate/));
  test('sandbox', () => assert.throws(() => diagnose(check, { sandbox: 'yes' as never }), /known\.sandbox/));
});

describe('frameworkHints', () => {
  test('every framework has every topic', () => {
    for (const f of Object.keys(CLIENT_FRAMEWORK_NAMES) as Array<keyof typeof CLIENT_FRAMEWORK_NAMES>)
      for (const topic of ['tls-mode', 'session', 'rate'] as const) assert.ok(frameworkHint(f, topic), `${f} ${topic}`);
  });
  test('no framework, no hint', () => {
    assert.equal(frameworkHint(undefined, 'rate'), undefined);
    assert.equal(frameworkHint('toString' as never, 'rate'), undefined);
    assert.equal(withHint('Fix.', undefined, 'rate'), 'Fix.');
  });
});
