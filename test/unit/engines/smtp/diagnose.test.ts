import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, type DiagnosableFailure, type KnownFacts, type Cause } from '../../../../src/engines/smtp/diagnose';
import { deriveLegacySmtpPasswordV2, deriveSmtpPassword } from '../../../../src/base/password';
import { SmtpInputError } from '../../../../src/engines/smtp/input';
import { type SmtpCheckResult, type SmtpFailure } from '../../../../src/engines/smtp/types';
import { formatCauses, formatCheckReport, summarizeCheck } from '../../../../src/engines/smtp/report';
import { composeTestMail, isRetryable } from '../../../../src/engines/smtp/send';
import { MailInputError } from '../../../../src/engines/smtp/mailInput';
import { referenceSmtpPassword } from '../../../support/smtpPasswordV4';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const OTHER_SECRET = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd';
const V4 = deriveSmtpPassword(SECRET, 'eu-central-1');

function fail(
  failure: Partial<SmtpFailure> & Pick<SmtpFailure, 'code'>,
  extra: Partial<DiagnosableFailure> = {},
): DiagnosableFailure {
  return {
    ok: false,
    host: 'email-smtp.eu-central-1.amazonaws.com',
    port: 587,
    failure: { phase: 'auth', message: 'failed', ...failure },
    ...extra,
  };
}
const noStarttls = (extra: Partial<DiagnosableFailure> = {}): DiagnosableFailure =>
  fail(
    { code: 'TLS_NOT_OFFERED', phase: 'starttls', reply: '502 5.5.1 Unrecognized command', responseCode: 502 },
    extra,
  );
const auth535 = (): DiagnosableFailure =>
  fail({ code: 'AUTH_FAILED', reply: '535 Authentication Credentials Invalid', responseCode: 535 });

interface Case {
  name: string;
  check: DiagnosableFailure;
  known?: KnownFacts;
  top: Cause['id'];
  confidence?: Cause['confidence'];
  title?: RegExp;
  fix?: RegExp;
  alsoHas?: Cause['id'][];
}

const cases: Case[] = [
  {
    name: '535 Account not subscribed',
    check: fail({ code: 'AUTH_FAILED', reply: '535 Account not subscribed to SES', responseCode: 535 }),
    top: 'not-subscribed',
    title: /eu-central-1/,
  },
  {
    name: 'temporary ASIA key as username',
    check: auth535(),
    known: { username: 'ASIAIOSFODNN7EXAMPLE', password: V4 },
    top: 'temporary-key',
    confidence: 'certain',
  },
  {
    name: 'email address as username',
    check: auth535(),
    known: { username: 'jlapp@biancatechnologies.com', password: V4 },
    top: 'username-not-access-key',
    title: /email address/,
  },
  {
    name: 'IAM user name as username',
    check: auth535(),
    known: { username: 'nabavkidata-smtp', password: V4 },
    top: 'username-not-access-key',
    title: /IAM user name/,
  },
  {
    name: 'username with a trailing newline',
    check: auth535(),
    known: { username: `${KEY}\n`, password: V4 },
    top: 'whitespace-or-quotes',
    title: /username/,
  },
  {
    name: 'URL-encoded password',
    check: auth535(),
    known: { username: KEY, password: 'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByT%2Bp5' },
    top: 'url-encoded',
  },
  {
    name: 'password with quotes',
    check: auth535(),
    known: { username: KEY, password: `"${V4}"` },
    top: 'whitespace-or-quotes',
    title: /password/,
  },
  {
    name: 'secret key as password (by shape)',
    check: auth535(),
    known: { username: KEY, password: SECRET, region: 'eu-central-1' },
    top: 'secret-key-as-password',
    fix: /eu-central-1/,
  },
  {
    name: 'secret key as password (equal to the given secret)',
    check: auth535(),
    known: { username: KEY, password: SECRET, secretAccessKey: SECRET },
    top: 'secret-key-as-password',
    confidence: 'certain',
  },
  {
    name: 'legacy v2 password (by shape)',
    check: auth535(),
    known: { username: KEY, password: deriveLegacySmtpPasswordV2(SECRET) },
    top: 'legacy-v2',
  },
  {
    name: 'malformed password',
    check: auth535(),
    known: { username: KEY, password: 'hunter2' },
    top: 'malformed-password',
    title: /7 characters/,
  },
  {
    name: 'host in another region than the credentials',
    check: auth535(),
    known: { username: KEY, password: V4, region: 'us-west-2', host: 'email-smtp.eu-central-1.amazonaws.com' },
    top: 'host-region-mismatch',
    title: /eu-central-1.*us-west-2/,
  },
  {
    name: 'wrong region, secret known',
    check: auth535(),
    known: {
      username: KEY,
      password: deriveSmtpPassword(SECRET, 'ap-south-1'),
      secretAccessKey: SECRET,
      region: 'eu-central-1',
    },
    top: 'wrong-region',
    confidence: 'certain',
    title: /derived for ap-south-1, not eu-central-1/,
    fix: /again for eu-central-1/,
  },
  {
    name: 'password of another key, secret known',
    check: auth535(),
    known: {
      username: KEY,
      password: deriveSmtpPassword(OTHER_SECRET, 'eu-central-1'),
      secretAccessKey: SECRET,
      region: 'eu-central-1',
    },
    top: 'password-not-from-secret',
    confidence: 'certain',
  },
  {
    name: 'correct password for the region: key inactive (likely)',
    check: auth535(),
    known: { username: KEY, password: V4, secretAccessKey: SECRET, region: 'eu-central-1' },
    top: 'key-inactive',
    confidence: 'likely',
  },
  {
    name: 'correct password, key known inactive: certain',
    check: auth535(),
    known: { username: KEY, password: V4, secretAccessKey: SECRET, region: 'eu-central-1', keyStatus: 'inactive' },
    top: 'key-inactive',
    confidence: 'certain',
  },
  {
    name: 'v4 password, no secret: wrong region likely, then possible causes',
    check: auth535(),
    known: { username: KEY, password: V4, region: 'eu-central-1' },
    top: 'wrong-region',
    confidence: 'likely',
    alsoHas: ['key-inactive', 'password-not-from-secret'],
  },
  {
    name: '530 before STARTTLS',
    check: fail({ code: 'AUTH_REQUIRED', reply: '530 Must issue a STARTTLS command first', responseCode: 530 }),
    top: 'starttls-required',
  },
  {
    name: '530 Authentication required',
    check: fail({ code: 'AUTH_REQUIRED', phase: 'mail', reply: '530 Authentication required', responseCode: 530 }),
    top: 'auth-required',
  },
  {
    name: 'refused on port 25',
    check: fail({ code: 'REFUSED', phase: 'connect' }, { port: 25 }),
    top: 'port-25-blocked',
    fix: /587/,
  },
  { name: 'refused on 587', check: fail({ code: 'REFUSED', phase: 'connect' }), top: 'nothing-listening' },
  {
    name: 'connect timeout on 25',
    check: fail({ code: 'TIMEOUT', phase: 'connect' }, { port: 25 }),
    top: 'port-25-blocked',
  },
  { name: 'connect timeout on 587', check: fail({ code: 'TIMEOUT', phase: 'connect' }), top: 'network-blocked' },
  {
    name: 'no greeting on 465',
    check: fail({ code: 'TIMEOUT', phase: 'greeting' }, { port: 465 }),
    top: 'no-greeting',
    fix: /TLS from the first byte/,
  },
  {
    name: 'no greeting on 587',
    check: fail({ code: 'TIMEOUT', phase: 'greeting' }),
    top: 'no-greeting',
    fix: /switch the TLS mode/,
  },
  { name: 'STARTTLS timeout', check: fail({ code: 'TIMEOUT', phase: 'starttls' }), top: 'tls-failed' },
  { name: 'timeout later in the session', check: fail({ code: 'TIMEOUT', phase: 'data' }), top: 'connection-closed' },
  {
    name: 'DNS failure',
    check: fail({ code: 'DNS', phase: 'connect' }, { host: 'email-smtp.eu-cental-1.amazonaws.com' }),
    known: { region: 'eu-central-1' },
    top: 'dns',
    fix: /email-smtp\.eu-central-1\.amazonaws\.com/,
  },
  {
    name: 'certificate for other names: a VPC endpoint host',
    check: fail(
      {
        code: 'TLS_CERT',
        phase: 'starttls',
        message:
          "The server's TLS certificate was not accepted (Hostname/IP does not match certificate's altnames: Host: vpce-0a1b2c3d4e5f60789-abcdefgh.email-smtp.eu-west-1.vpce.amazonaws.com. is not in the cert's altnames: DNS:email-smtp.eu-west-1.amazonaws.com).",
      },
      { host: 'vpce-0a1b2c3d4e5f60789-abcdefgh.email-smtp.eu-west-1.vpce.amazonaws.com' },
    ),
    top: 'tls-name-mismatch',
    title: /valid, but not for vpce-0a1b2c3d4e5f60789-abcdefgh\.email-smtp\.eu-west-1\.vpce\.amazonaws\.com/,
    fix: /private DNS for the VPC endpoint and connect to email-smtp\.eu-west-1\.amazonaws\.com/,
  },
  {
    name: 'certificate for other names: an address dialled',
    check: fail(
      {
        code: 'TLS_CERT',
        phase: 'connect',
        message: "Hostname/IP does not match certificate's altnames: IP: 10.0.0.5 is not in the cert's list: ",
      },
      { host: '10.0.0.5' },
    ),
    known: { region: 'us-east-1' },
    top: 'tls-name-mismatch',
    fix: /^Connect by name, not by address: email-smtp\.us-east-1\.amazonaws\.com/,
  },
  {
    name: 'certificate for other names: a CNAME of your own',
    check: fail(
      { code: 'TLS_CERT', phase: 'starttls', message: 'ERR_TLS_CERT_ALTNAME_INVALID' },
      { host: 'smtp.example.com' },
    ),
    known: { region: 'eu-central-1' },
    top: 'tls-name-mismatch',
    fix: /email-smtp\.eu-central-1\.amazonaws\.com.*DNS alias \(CNAME\)/,
  },
  {
    name: 'certificate for other names: a relay of your own (no SES region meant)',
    check: fail(
      { code: 'TLS_CERT', phase: 'starttls', message: 'ERR_TLS_CERT_ALTNAME_INVALID' },
      { host: 'relay.internal.example' },
    ),
    top: 'tls-name-mismatch',
    fix: /^Connect to a name the certificate lists.*Trust TLS Certificate of SMTP Relay/,
  },
  {
    name: 'near miss: a pinned certificate that changed is not a name mismatch',
    check: fail({
      code: 'TLS_CERT',
      phase: 'starttls',
      message:
        "The server's certificate changed (does not match certificate's altnames). Pinned SHA-256 AB:CD; presented SHA-256 none.",
    }),
    top: 'tls-certificate-changed',
  },
  {
    name: 'untrusted certificate',
    check: fail({ code: 'TLS_CERT', phase: 'starttls' }),
    top: 'tls-certificate',
    fix: /NODE_EXTRA_CA_CERTS/,
  },
  {
    name: 'TLS failure',
    check: fail({ code: 'TLS', phase: 'starttls', message: 'wrong version number' }),
    top: 'tls-failed',
  },
  // No STARTTLS: its own cause, worded for where the connection went.
  {
    name: 'no STARTTLS at an SES host: something in between',
    check: noStarttls(),
    top: 'starttls-not-offered',
    title: /offers no STARTTLS/,
    fix: /between you and SES.*implicit TLS on 465/,
  },
  {
    name: 'no STARTTLS at another host: wrong endpoint',
    check: noStarttls({ host: 'mail.example.com', port: 25 }),
    known: { region: 'eu-west-1' },
    top: 'starttls-not-offered',
    fix: /mail\.example\.com on port 25 is not an SES SMTP endpoint.*email-smtp\.eu-west-1\.amazonaws\.com/,
  },
  {
    name: 'no STARTTLS, host and region unknown',
    check: noStarttls({ host: undefined, port: undefined }),
    top: 'starttls-not-offered',
    fix: /This host is not an SES SMTP endpoint.*email-smtp\.<region>/,
  },
  {
    name: 'near miss: a TLS handshake failure after STARTTLS is not "no STARTTLS"',
    check: fail({ code: 'TLS', phase: 'starttls', message: 'TLS failed: wrong version number.' }),
    top: 'tls-failed',
    title: /handshake/,
  },
  {
    name: 'near miss: STARTTLS answered with 454 is temporary, not "no STARTTLS"',
    check: fail({
      code: 'TEMPORARY',
      phase: 'starttls',
      responseCode: 454,
      reply: '454 4.7.0 TLS not available due to temporary reason',
    }),
    top: 'temporary-service',
  },
  {
    name: 'near miss: no AUTH offered is another endpoint, not "no STARTTLS"',
    check: fail({ code: 'AUTH_UNSUPPORTED' }),
    top: 'not-ses-endpoint',
    title: /did not offer AUTH/,
  },
  {
    name: '554 From not verified',
    check: fail({
      code: 'REJECTED',
      phase: 'data',
      responseCode: 554,
      reply:
        '554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: noreply@example.com',
    }),
    top: 'identity-not-verified',
    title: /eu-west-1: noreply@example\.com/,
  },
  // A send tells who the recipients are (issue #31 item 8): SES naming only them means the sandbox,
  // and the fix leads with the recipient and the production access request.
  {
    name: '554 naming only the recipient of a send: the sandbox, the recipient first',
    check: fail({
      code: 'REJECTED',
      phase: 'data',
      responseCode: 554,
      reply:
        '554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: friend@elsewhere.test',
    }),
    known: { from: 'App <noreply@example.com>', to: ['Friend <Friend@elsewhere.test>'] },
    top: 'sandbox-recipient',
    title: /recipient friend@elsewhere\.test is not verified in eu-west-1/,
  },
  {
    name: "554 naming the recipient's domain: the sandbox too",
    check: fail({
      code: 'REJECTED',
      phase: 'data',
      responseCode: 554,
      reply:
        '554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: elsewhere.test',
    }),
    known: { from: 'noreply@example.com', to: ['friend@elsewhere.test'] },
    top: 'sandbox-recipient',
  },
  {
    name: 'near miss: 554 naming the From and the recipient: the sender comes first',
    check: fail({
      code: 'REJECTED',
      phase: 'data',
      responseCode: 554,
      reply:
        '554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: noreply@example.com, friend@elsewhere.test',
    }),
    known: { from: 'noreply@example.com', to: ['friend@elsewhere.test'] },
    top: 'identity-not-verified',
    alsoHas: ['sandbox-recipient'],
  },
  {
    name: 'near miss: 554 naming an identity that is neither sender nor recipient: the sender advice',
    check: fail({
      code: 'REJECTED',
      phase: 'data',
      responseCode: 554,
      reply:
        '554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: other@else.test',
    }),
    known: { from: 'noreply@example.com', to: ['friend@elsewhere.test'] },
    top: 'identity-not-verified',
  },
  {
    name: '554 sandbox: two identities',
    check: fail({
      code: 'REJECTED',
      phase: 'data',
      responseCode: 554,
      reply:
        '554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: a@x.com, b@y.com',
    }),
    top: 'identity-not-verified',
    alsoHas: ['sandbox-recipient'],
  },
  {
    name: '554 Access denied',
    check: fail({
      code: 'REJECTED',
      phase: 'data',
      responseCode: 554,
      reply: "554 Access denied: User `arn:aws:iam::1:user/x' is not authorized to perform `ses:SendRawEmail'",
    }),
    top: 'iam-permission',
    fix: /ses:SendRawEmail/,
  },
  {
    name: '454 rate',
    check: fail({
      code: 'TEMPORARY',
      phase: 'data',
      responseCode: 454,
      reply: '454 Throttling failure: Maximum sending rate exceeded.',
    }),
    top: 'throttled',
    title: /send rate/,
  },
  {
    name: '454 daily quota',
    check: fail({
      code: 'TEMPORARY',
      phase: 'data',
      responseCode: 454,
      reply: '454 Throttling failure: Daily message quota exceeded.',
    }),
    top: 'throttled',
    title: /daily sending quota/,
  },
  {
    name: '421',
    check: fail({
      code: 'TEMPORARY',
      phase: 'greeting',
      responseCode: 421,
      reply: '421 Too many concurrent SMTP connections',
    }),
    top: 'too-many-connections',
  },
  {
    name: '552',
    check: fail({ code: 'REJECTED', phase: 'data', responseCode: 552, reply: '552 Message is too long' }),
    top: 'message-too-long',
  },
  {
    name: '454 temporary service failure',
    check: fail({ code: 'TEMPORARY', phase: 'auth', responseCode: 454, reply: '454 Temporary service failure' }),
    top: 'temporary-service',
  },
  {
    name: 'connection closed early',
    check: fail({ code: 'CLOSED', phase: 'greeting' }),
    top: 'connection-closed',
    fix: /TLS mode/,
  },
  {
    name: 'anything else',
    check: fail({ code: 'PROTOCOL', phase: 'ehlo', message: 'Unexpected reply: 500 what' }),
    top: 'unknown',
    title: /Unexpected reply/,
  },
  // The rest of the rule table, one case per remaining branch.
  {
    name: 'connection closed mid-session',
    check: fail({ code: 'CLOSED', phase: 'data' }),
    top: 'connection-closed',
    fix: /^Retry/,
  },
  {
    name: 'timeout after the greeting',
    check: fail({ code: 'TIMEOUT', phase: 'ehlo' }),
    top: 'connection-closed',
    title: /during ehlo/,
  },
  {
    name: 'connect timeout with no port known',
    check: fail({ code: 'TIMEOUT', phase: 'connect' }, { port: undefined }),
    top: 'network-blocked',
  },
  {
    name: '451 from SES is a temporary service failure',
    check: fail({
      code: 'TEMPORARY',
      phase: 'data',
      responseCode: 451,
      reply: '451 Timeout waiting for data from client',
    }),
    top: 'temporary-service',
  },
  {
    name: 'near miss: a 554 with no known wording is unknown, not identity or IAM',
    check: fail({
      code: 'REJECTED',
      phase: 'data',
      responseCode: 554,
      reply: '554 Transaction failed',
      message: 'Rejected: 554 Transaction failed',
    }),
    top: 'unknown',
    title: /Transaction failed/,
  },
  {
    name: 'near miss: 535 that mentions subscriptions otherwise is a credentials failure',
    check: fail({
      code: 'AUTH_FAILED',
      reply: '535 Authentication Credentials Invalid (subscribed)',
      responseCode: 535,
    }),
    known: { username: KEY, password: SECRET },
    top: 'secret-key-as-password',
  },
  {
    name: 'an input failure has no rule: unknown with its message',
    check: fail({ code: 'INPUT', message: 'bad input' }),
    top: 'unknown',
    title: /bad input/,
  },
];

describe('diagnosis', () => {
  for (const c of cases) {
    test(c.name, () => {
      const causes = diagnose(c.check, c.known);
      assert.ok(causes.length > 0, 'at least one cause');
      assert.equal(causes[0].id, c.top, JSON.stringify(causes.map((x) => x.id)));
      if (c.confidence) assert.equal(causes[0].confidence, c.confidence);
      if (c.title) assert.match(causes[0].title, c.title);
      if (c.fix) assert.match(causes[0].fix, c.fix);
      for (const id of c.alsoHas ?? [])
        assert.ok(
          causes.some((x) => x.id === id),
          `also ${id}`,
        );
      // Ranked: certain before likely before possible.
      const rank = { certain: 0, likely: 1, possible: 2 };
      for (let i = 1; i < causes.length; i++) assert.ok(rank[causes[i - 1].confidence] <= rank[causes[i].confidence]);
      // Never a secret in what the user reads.
      const text = JSON.stringify(causes);
      for (const s of [SECRET, c.known?.password, c.known?.secretAccessKey])
        if (s && s.length > 8) assert.ok(!text.includes(s.trim()), 'no secret in the causes');
    });
  }

  test('success and cancellation have no causes', () => {
    assert.deepEqual(diagnose({ ok: true }), []);
    assert.deepEqual(diagnose(fail({ code: 'CANCELLED' })), []);
  });
});

describe('diagnose and the report refuse arguments of the wrong type with a named field', () => {
  const bad: Array<[string, () => unknown, string, RegExp]> = [
    [
      'no check',
      () => diagnose(undefined as unknown as DiagnosableFailure),
      'check',
      /check result to diagnose must be an object, not undefined/,
    ],
    [
      'a string as check',
      () => diagnose('535' as unknown as DiagnosableFailure),
      'check',
      /must be an object, not string/,
    ],
    [
      'a failure that is not an object',
      () => diagnose({ ok: false, failure: 'x' } as unknown as DiagnosableFailure),
      'check.failure',
      /must be an object/,
    ],
    [
      'null known facts',
      () => diagnose(auth535(), null as unknown as KnownFacts),
      'known',
      /known facts must be an object, not null/,
    ],
    [
      'a numeric password',
      () => diagnose(auth535(), { password: 42 } as unknown as KnownFacts),
      'known.password',
      /must be a string, not number 42/,
    ],
    [
      'a numeric secret key',
      () => diagnose(auth535(), { secretAccessKey: 1 } as unknown as KnownFacts),
      'known.secretAccessKey',
      /must be a string/,
    ],
    [
      'a numeric host',
      () => diagnose(fail({ code: 'DNS' }, { host: 5 as unknown as string })),
      'check.host',
      /must be a string/,
    ],
    [
      'a port as text',
      () => diagnose(fail({ code: 'REFUSED' }), { port: '25' } as unknown as KnownFacts),
      'known.port',
      /must be a number, not string "25"/,
    ],
    [
      'a report of nothing',
      () => formatCheckReport(undefined as unknown as SmtpCheckResult, []),
      'result',
      /must be an object/,
    ],
    [
      'a report without phases',
      () => summarizeCheck({ ok: true } as unknown as SmtpCheckResult, []),
      'result',
      /no phases or transcript/,
    ],
    [
      'a report with causes that are no list',
      () =>
        summarizeCheck({ ok: true, phases: [], transcript: [] } as unknown as SmtpCheckResult, 'x' as unknown as []),
      'causes',
      /must be a list/,
    ],
  ];
  bad.push(
    ['causes to format that are no list', () => formatCauses(null as unknown as []), 'causes', /must be a list/],
    [
      'isRetryable of nothing',
      () => isRetryable(null as unknown as SmtpCheckResult),
      'result',
      /send result must be an object, not null/,
    ],
  );
  for (const [name, run, field, message] of bad) {
    test(name, () => {
      assert.throws(run, (err: unknown) => {
        assert.ok(err instanceof SmtpInputError, String(err));
        assert.equal(err.field, field);
        assert.match(err.message, message);
        return true;
      });
    });
  }
});

test('composeTestMail refuses a mail that is not one, with MailInputError', async () => {
  await assert.rejects(
    composeTestMail(undefined as never),
    (err: unknown) => err instanceof MailInputError && /must be an object/.test(err.message),
  );
  await assert.rejects(
    composeTestMail({ from: 1, to: ['a@example.com'], subject: 's', text: 't' } as never),
    /From must be text, not number 1/,
  );
});

// Pinned by issue #32 (moved from pinnedBehaviours.test.ts): each case was checked to fail when the behaviour is
// broken on purpose (the break is named in each test's comment).
describe('the wrong-region diagnosis', () => {
  // Break: compare match.region with known.region (undefined here) or with the host's region mixed up.
  const check = (
    host: string,
  ): {
    ok: false;
    host: string;
    port: number;
    failure: { phase: 'auth'; code: 'AUTH_FAILED'; message: string; reply: string; responseCode: number };
  } => ({
    ok: false,
    host,
    port: 587,
    failure: {
      phase: 'auth',
      code: 'AUTH_FAILED',
      message: 'Invalid login',
      reply: '535 Authentication Credentials Invalid',
      responseCode: 535,
    },
  });
  test('a password made for eu-west-1, used at the eu-central-1 endpoint: certain, naming both', () => {
    const causes = diagnose(check('email-smtp.eu-central-1.amazonaws.com'), {
      username: KEY,
      password: referenceSmtpPassword(SECRET, 'eu-west-1'),
      secretAccessKey: SECRET,
    });
    assert.deepEqual(causes[0], {
      id: 'wrong-region',
      confidence: 'certain',
      title: 'The password was derived for eu-west-1, not eu-central-1.',
      fix: 'Derive the password again for eu-central-1, or send through email-smtp.eu-west-1.amazonaws.com.',
    });
  });
  test("false alarm: the password made for the endpoint's own region is not called the wrong region", () => {
    const causes = diagnose(check('email-smtp.eu-central-1.amazonaws.com'), {
      username: KEY,
      password: referenceSmtpPassword(SECRET, 'eu-central-1'),
      secretAccessKey: SECRET,
    });
    assert.ok(!causes.some((c) => c.id === 'wrong-region'), causes.map((c) => c.id).join());
    assert.equal(causes[0].id, 'key-inactive');
  });
  test('the region meant (known.region) wins over the host when both are given', () => {
    const causes = diagnose(check('email-smtp.eu-central-1.amazonaws.com'), {
      username: KEY,
      password: referenceSmtpPassword(SECRET, 'eu-west-1'),
      secretAccessKey: SECRET,
      region: 'eu-west-1',
    });
    assert.ok(!causes.some((c) => c.id === 'wrong-region'));
    assert.equal(causes[0].id, 'host-region-mismatch');
  });
});

describe('greeting timeouts by port', () => {
  // Break: drop 2465 from the implicit ports in diagnoseConnection.ts.
  const timeout = (port: number): Cause[] =>
    diagnose({
      ok: false,
      host: 'email-smtp.eu-west-1.amazonaws.com',
      port,
      failure: { phase: 'greeting', code: 'TIMEOUT', message: 'Greeting timed out' },
    });
  for (const port of [465, 2465])
    test(`${port} is implicit TLS`, () =>
      assert.deepEqual(timeout(port), [
        {
          id: 'no-greeting',
          confidence: 'likely',
          title: 'The connection opened but the server never sent its greeting.',
          fix: `Port ${port} expects TLS from the first byte: use implicit TLS (secure: true), not STARTTLS.`,
        },
      ]));
  for (const port of [587, 2587, 25])
    test(`${port} is STARTTLS: the advice is the mode switch or a proxy`, () =>
      assert.equal(
        timeout(port)[0].fix,
        'If you connected with implicit TLS to a STARTTLS port (or plain SMTP to 465/2465), switch the TLS mode: ' +
          'STARTTLS on 587/2587/25, implicit TLS on 465/2465. Otherwise a proxy may be holding the connection.',
      ));
});

describe('a refused connection', () => {
  // Break: remove REFUSED from CONNECTION_RULES (the generic "unknown" cause answers then).
  const refused = (port: number): Cause[] =>
    diagnose({
      ok: false,
      host: 'email-smtp.eu-west-1.amazonaws.com',
      port,
      failure: { phase: 'connect', code: 'REFUSED', message: 'Connection refused' },
    });
  test('gets its specific advice', () =>
    assert.deepEqual(refused(587), [
      {
        id: 'nothing-listening',
        confidence: 'likely',
        title: 'Nothing accepted the connection on email-smtp.eu-west-1.amazonaws.com:587.',
        fix:
          'Check the host and port: SES listens on 587 and 2587 (STARTTLS) and on 465 and 2465 (TLS). A local firewall ' +
          'or proxy may also reject the connection.',
      },
    ]));
  test('on port 25 it is the blocked port', () =>
    assert.deepEqual(refused(25), [
      {
        id: 'port-25-blocked',
        confidence: 'likely',
        title: 'Port 25 is blocked or throttled on this network (EC2 and many ISPs do this).',
        fix: 'Use port 587 or 2587 with STARTTLS, or 465/2465 with TLS.',
      },
    ]));
});

// Moved from mailCompose.test.ts (Send Test Email extras, issue #18).
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
