// The reader of application errors (engines/smtp/appError.ts): each client's wrapping, each SES
// phrase, each client-side failure, and the near misses (another provider, words SES does not use).
// The corpus the real clients print is tested in test/integration/features/appErrors/corpus.test.ts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readAppError, unescapeAppText, MAX_APP_ERROR_CHARS } from '../../../../src/engines/smtp/appError';

function read(text: string) {
  const r = readAppError(text);
  assert.ok(r, `not read: ${text}`);
  return r;
}

describe('readAppError: the client that printed it', () => {
  const cases: Array<[string, string]> = [
    [
      "/usr/lib/ruby/3.1.0/net/smtp.rb:1088:in `check_auth_response': 535 Authentication Credentials Invalid (Net::SMTPAuthenticationError)",
      'rails',
    ],
    ["smtplib.SMTPAuthenticationError: (535, b'Authentication Credentials Invalid')", 'python'],
    [
      '  File "/usr/lib/python3/dist-packages/django/core/mail/backends/smtp.py", line 69, in open\nsmtplib.SMTPAuthenticationError: (535, b\'Authentication Credentials Invalid\')',
      'django',
    ],
    ['Error: Invalid login: 535 Authentication Credentials Invalid', 'nodemailer'],
    ['Message could not be sent. Mailer Error: SMTP Error: Could not authenticate.', 'phpmailer'],
    [
      'Expected response code "235" but got code "535", with message "535 Authentication Credentials Invalid".',
      'symfony',
    ],
    ['2026/12/07 17:39:19 tls: first record does not look like a TLS handshake', 'go'],
  ];
  for (const [text, framework] of cases) test(framework, () => assert.equal(read(text).framework, framework));
  test('a bare reply names no client', () =>
    assert.equal(read('535 Authentication Credentials Invalid').framework, undefined));
});

describe("readAppError: SES's phrases", () => {
  const cases: Array<[string, number, string, string]> = [
    ['535 Authentication Credentials Invalid', 535, 'AUTH_FAILED', 'auth'],
    ['535 Account not subscribed to SES', 535, 'AUTH_FAILED', 'auth'],
    [
      '554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: a@x.example',
      554,
      'REJECTED',
      'data',
    ],
    ['554 Access denied: Amazon SES no longer supports TLS 1.0 and TLS 1.1 connections', 554, 'REJECTED', 'auth'],
    [
      "554 Access denied: User `arn:aws:iam::123456789012:user/app' is not authorized to perform `ses:SendRawEmail' on resource `x'",
      554,
      'REJECTED',
      'data',
    ],
    ['454 Throttling failure: Maximum sending rate exceeded.', 454, 'TEMPORARY', 'data'],
    ['454 Throttling failure: Daily message quota exceeded.', 454, 'TEMPORARY', 'data'],
    ['421 Connection closed by server. Maximum message count per session reached.', 421, 'TEMPORARY', 'mail'],
    ['421 Too many concurrent SMTP connections', 421, 'TEMPORARY', 'connect'],
    ['530 Must issue a STARTTLS command first', 530, 'AUTH_REQUIRED', 'auth'],
    ['554 Transaction failed: Configuration set <events> does not exist.', 554, 'REJECTED', 'data'],
    ['454 Temporary service failure', 454, 'TEMPORARY', 'data'],
    ['451 Timeout waiting for data from client.', 451, 'TEMPORARY', 'data'],
  ];
  for (const [text, code, failure, phase] of cases) {
    test(text.slice(0, 60), () => {
      const r = read(`Error: ${text}`);
      assert.equal(r.source, 'ses');
      assert.equal(r.code, code);
      assert.equal(r.failureCode, failure);
      assert.equal(r.phase, phase);
    });
  }
  test('region and identities, upper-case region, until the closing quote', () => {
    const r = read(
      "smtplib.SMTPDataError: (554, b'Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: a@x.example, b@y.example')",
    );
    assert.equal(r.region, 'eu-west-1');
    assert.deepEqual(r.identities, ['a@x.example', 'b@y.example']);
    assert.match(r.reply!, /^554 Message rejected: .*b@y\.example$/);
  });
  test('a Ruby suffix is not part of the reply', () => {
    const r = read(
      "smtp.rb:1059:in `check_response': 454 Throttling failure: Maximum sending rate exceeded. (Net::SMTPServerBusy)",
    );
    assert.equal(r.reply, '454 Throttling failure: Maximum sending rate exceeded.');
    assert.equal(r.host, undefined, 'smtp.rb:1059 is a source file, not a host');
  });
  test('escaped quotes and \\n inside a logged string are undone', () => {
    assert.equal(unescapeAppText('a \\"b\\" c\\nd'), 'a "b" c\nd');
    const r = read('{"msg":"Invalid login: 535 Authentication Credentials Invalid\\n","code":"EAUTH"}');
    assert.equal(r.reply, '535 Authentication Credentials Invalid');
  });
  test('the code written before the phrase wins over the default, with its enhanced status', () => {
    const r = read('Error: 535-5.7.8 Authentication Credentials Invalid');
    assert.equal(r.code, 535);
    assert.equal(r.enhanced, '5.7.8');
  });
  test('Symfony names the username', () => {
    const r = read(
      'Failed to authenticate on SMTP server with username "smtp-user" using the following authenticators: "LOGIN". Authenticator "LOGIN" returned "Expected response code "235" but got code "535", with message "535 Authentication Credentials Invalid".".',
    );
    assert.equal(r.username, 'smtp-user');
  });
  test('an email-smtp host gives the region and the port', () => {
    const r = read('Error: connect ETIMEDOUT email-smtp.ap-south-1.amazonaws.com:25');
    assert.equal(r.source, 'ses');
    assert.equal(r.region, 'ap-south-1');
    assert.equal(r.port, 25);
    assert.equal(r.failureCode, 'TIMEOUT');
  });
});

describe('readAppError: failures on the client side', () => {
  const cases: Array<[string, string, string]> = [
    ['ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:992)', 'TLS', 'connect'],
    [
      'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed',
      'TLS_CERT',
      'starttls',
    ],
    ['OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 state=error: unsupported protocol', 'TLS', 'starttls'],
    ['Error: Greeting never received', 'TIMEOUT', 'greeting'],
    ['Error: connect ETIMEDOUT 10.0.0.1:587', 'TIMEOUT', 'connect'],
    ['Errno::ECONNREFUSED: Connection refused - connect(2) for "localhost" port 587', 'REFUSED', 'connect'],
    ['Error: getaddrinfo ENOTFOUND email-smtp.eu-central-2.amazonaws.com', 'DNS', 'connect'],
    ['Message could not be sent. Mailer Error: SMTP Error: Could not authenticate.', 'AUTH_FAILED', 'auth'],
    ['smtplib.SMTPServerDisconnected: Connection unexpectedly closed', 'CLOSED', 'greeting'],
    ['Mailer Error: SMTP Error: Could not connect to SMTP host.', 'REFUSED', 'connect'],
  ];
  for (const [text, failure, phase] of cases) {
    test(text.slice(0, 60), () => {
      const r = read(text);
      assert.equal(r.failureCode, failure);
      assert.equal(r.phase, phase);
      assert.equal(r.code, undefined);
    });
  }
  test("PHPMailer's connect failure carries its alternatives and how to see more", () => {
    const r = read('SMTP Error: Could not connect to SMTP host.');
    assert.deepEqual(
      r.alternatives?.map((a) => a.failureCode),
      ['TLS', 'TIMEOUT'],
    );
    assert.match(r.moreDetail!, /SMTPDebug/);
  });
});

describe('readAppError: near misses', () => {
  test("a 535 in Gmail's words is another provider's", () => {
    const r = read(
      'Error: Invalid login: 535-5.7.8 Username and Password not accepted. Learn more at\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials',
    );
    assert.equal(r.source, 'other');
    assert.equal(r.code, 535);
    assert.match(r.reply!, /Username and Password not accepted\. Learn more at https:\/\/support\.google\.com/);
  });
  test("a 535 from another provider's host", () => {
    const r = read('Error: Invalid login: 535 Authentication failed (host smtp.sendgrid.net:587)');
    assert.equal(r.source, 'other');
    assert.match(r.sourceNote!, /smtp\.sendgrid\.net/);
  });
  test('a 554 that is not SES wording is unknown', () => {
    const r = read('554 5.7.1 <x@y.example>: Relay access denied');
    assert.equal(r.source, 'unknown');
    assert.equal(r.enhanced, '5.7.1');
  });
  test('a 554 in unknown words from an email-smtp host is still SES', () => {
    assert.equal(read('554 Something new from email-smtp.eu-west-1.amazonaws.com').source, 'ses');
  });
  test('a refused connection to another provider is not SES', () => {
    assert.equal(read('Error: connect ECONNREFUSED smtp.gmail.com:465').source, 'other');
  });
  test('text without an SMTP failure is not read', () => {
    for (const text of ['', 'all 421 tests passed', 'compiled 554 modules in 3.2s', 'GET /index.html 200'])
      assert.equal(readAppError(text), undefined, text);
  });
  test('a line longer than the cap is cut and says so', () => {
    const r = read(`535 Authentication Credentials Invalid ${'x'.repeat(MAX_APP_ERROR_CHARS)}`);
    assert.equal(r.truncated, true);
  });
  test('wrong types are refused clearly or not read', () => {
    assert.equal(readAppError(42 as unknown as string), undefined);
  });
});
