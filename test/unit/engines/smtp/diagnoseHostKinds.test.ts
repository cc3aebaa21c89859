// The diagnosis rules of #27, pinned whole (id, confidence, title, fix) with their near misses:
// the Mail Manager / SES SMTP login mix-ups in both directions, a region without an SMTP endpoint,
// and SES's refusal of TLS 1.0/1.1. Kept apart from diagnose.advice.test.ts so each rule reads alone.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, type DiagnosableFailure } from '../../../../src/engines/smtp/diagnose';
import { KEY, SECRET, V4 } from './diagnoseCases';

type Failure = NonNullable<DiagnosableFailure['failure']>;
const INGRESS = 'jwij4ht3pzhr.hkph.mail-manager-smtp.amazonaws.com';
const INGRESS_USER = 'inp-abf4ke5jozwe5ynkrhctyiab';
const CLASSIC = 'email-smtp.eu-west-1.amazonaws.com';
const VPCE = 'vpce-02cef9e74f152b675-b00ybiai.email-smtp.eu-west-1.vpce.amazonaws.com';
const auth: Failure = {
  phase: 'auth',
  code: 'AUTH_FAILED',
  message: 'Invalid login',
  reply: '535 Authentication Credentials Invalid',
  responseCode: 535,
};
const at = (host: string, failure: Failure = auth): DiagnosableFailure => ({ ok: false, host, port: 587, failure });
const data = (reply: string, code: Failure['code'] = 'REJECTED'): Failure => ({
  phase: 'data',
  code,
  message: 'Message failed',
  reply,
  responseCode: Number(reply.slice(0, 3)),
});
const dnsFailure = (host: string, system = 'ENOTFOUND'): Failure => ({
  phase: 'connect',
  code: 'DNS',
  message: `The host name ${host} could not be resolved (${system}). Check the spelling.`,
});
const ids = (check: DiagnosableFailure, known = {}): string[] => diagnose(check, known).map((c) => c.id);

describe('Mail Manager ingress and SES SMTP logins mixed up', () => {
  test('an IAM key with its v4 password sent to an ingress endpoint', () => {
    assert.deepEqual(diagnose(at(INGRESS), { username: KEY, password: V4('eu-west-1'), region: 'eu-west-1' }), [
      {
        id: 'ingress-v4-password',
        confidence: 'certain',
        title: `${INGRESS} is a Mail Manager ingress endpoint, and it was given the SMTP login of an IAM access key (the access key id with a v4 password), which ingress endpoints do not accept.`,
        fix: "An authenticated ingress endpoint (type AUTH) takes its own login: the username inp-… and the password of the ingress endpoint's password configuration (the Mail Manager console, or its Secrets Manager secret). To send with the IAM key's v4 password, use the SES SMTP endpoint email-smtp.eu-west-1.amazonaws.com instead.",
      },
    ]);
    // The password alone tells too (a username typed elsewhere), and the IAM secret pasted as password.
    assert.deepEqual(ids(at(INGRESS), { username: 'someone', password: V4('eu-west-1') }), ['ingress-v4-password']);
    assert.deepEqual(ids(at(INGRESS), { password: SECRET }), ['ingress-v4-password']);
  });

  test('near miss: the ingress endpoint refusing its own kind of login', () => {
    assert.deepEqual(diagnose(at(INGRESS), { username: INGRESS_USER, password: 'my-ingress-password-1' }), [
      {
        id: 'ingress-password',
        confidence: 'likely',
        title: `The Mail Manager ingress endpoint ${INGRESS} refused its login.`,
        fix: "Use the ingress endpoint's username (inp-…) and the password set in its password configuration, exactly as shown when it was made or in its Secrets Manager secret; a rotated password replaces the old one after its grace period. No password derived from an IAM key works here.",
      },
    ]);
  });

  test('an ingress login sent to an SES SMTP endpoint (classic, FIPS or VPC endpoint host)', () => {
    const expected = (host: string) => [
      {
        id: 'ingress-login-to-ses',
        confidence: 'certain',
        title: `The username ${INGRESS_USER} is the login of a Mail Manager ingress endpoint, but ${host} is an SES SMTP endpoint, which takes an IAM access key id and its v4 SMTP password.`,
        fix: `Send to the ingress endpoint's own host (its A record, …mail-manager-smtp.amazonaws.com) with this login, or keep ${host} and use SMTP credentials of an IAM user (Add SMTP Credentials or Generate SMTP Password).`,
      },
    ];
    for (const host of [CLASSIC, VPCE, 'email-smtp-fips.us-east-1.amazonaws.com'])
      assert.deepEqual(
        diagnose(at(host), { username: ` ${INGRESS_USER}`, password: 'my-ingress-password-1' }),
        expected(host),
      );
  });

  test('near misses: an IAM login at an SES host is read by the usual 535 rules; a relay host is not an SES host', () => {
    const classic = ids(at(CLASSIC), { username: KEY, password: V4('eu-west-1'), region: 'eu-west-1' });
    assert.ok(!classic.some((id) => id.startsWith('ingress')), classic.join());
    assert.ok(classic.includes('wrong-region'), classic.join());
    // inp- at a host that is no SES host at all: no claim about which endpoint it belongs to.
    const relay = ids(at('smtp.relay.example'), { username: INGRESS_USER, password: 'x' });
    assert.ok(!relay.some((id) => id.startsWith('ingress')), relay.join());
    // A vpce- host of another service is not an SES SMTP host either.
    const other = ids(at('vpce-02cef9e74f152b675-b00ybiai.email.eu-west-1.vpce.amazonaws.com'), {
      username: INGRESS_USER,
      password: 'x',
    });
    assert.ok(!other.includes('ingress-login-to-ses'), other.join());
  });
});

describe('a region without an SMTP endpoint', () => {
  test('NXDOMAIN for the classic host of a region AWS documents no SMTP endpoint for', () => {
    const host = 'email-smtp.ap-south-2.amazonaws.com';
    const [first, ...rest] = diagnose(at(host, dnsFailure(host)));
    assert.equal(rest.length, 0);
    assert.equal(first.id, 'no-smtp-endpoint');
    assert.equal(first.confidence, 'likely');
    assert.equal(first.title, `SES has no SMTP endpoint in ap-south-2: ${host} does not exist.`);
    assert.match(
      first.fix,
      /^The SES API may work in ap-south-2, but SMTP mail must go through a region that has an endpoint \(us-east-2, us-east-1, /,
    );
    assert.doesNotMatch(first.fix, /\(.*ap-south-2.*\)/);
  });

  test('near misses: a documented region, a resolver that did not answer, a VPC endpoint host: the DNS rule', () => {
    const documented = 'email-smtp.eu-west-1.amazonaws.com';
    assert.deepEqual(ids(at(documented, dnsFailure(documented))), ['dns']);
    const offline = 'email-smtp.ap-south-2.amazonaws.com';
    assert.deepEqual(ids(at(offline, dnsFailure(offline, 'EAI_AGAIN'))), ['dns']);
    const vpce = VPCE.replace('eu-west-1', 'ap-south-2').replace('eu-west-1', 'ap-south-2');
    assert.deepEqual(ids(at(vpce, dnsFailure(vpce))), ['dns']);
  });
});

describe("SES's refusal of TLS 1.0 and 1.1", () => {
  const SES_TLS =
    '554 Access denied: Amazon SES no longer supports TLS 1.0 and TLS 1.1 connections. You must update your client to use TLS version 1.2 or above.';
  test('the reply is named as the TLS version, not as an IAM permission', () => {
    assert.deepEqual(diagnose(at(CLASSIC, data(SES_TLS))), [
      {
        id: 'tls-version-refused',
        confidence: 'certain',
        title:
          'SES refused the session because the client negotiated TLS 1.0 or 1.1; SES accepts TLS 1.2 and 1.3 only.',
        fix: 'Update the runtime or its TLS settings so the client offers TLS 1.2 or newer: for example .NET Framework before 4.7 (set ServicePointManager.SecurityProtocol to Tls12), Java 7, or PHP and Python built against OpenSSL older than 1.0.1. The credentials are not the problem.',
      },
    ]);
    assert.deepEqual(ids(at(CLASSIC, data(SES_TLS.replace('554', '454'), 'TEMPORARY'))), ['tls-version-refused']);
  });

  test('near misses: SES\'s IAM "Access denied", another provider\'s TLS 1.0/1.1 reply', () => {
    const iam =
      "554 Access denied: User `arn:aws:iam::123456789012:user/dev' is not authorized to perform `ses:SendRawEmail' on resource `arn:aws:ses:eu-west-1:123456789012:identity/a@example.com'";
    assert.deepEqual(ids(at(CLASSIC, data(iam))), ['iam-permission']);
    const other = '421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2.';
    // Not SES's refusal (the 421 itself belongs to the session-limit rules).
    assert.ok(!ids(at('smtp.office365.com', data(other, 'TEMPORARY'))).includes('tls-version-refused'));
  });
});
