// The inputs of the diagnosis advice table (diagnose.advice.test.ts): one failure per rule branch,
// and the correct setups next to each near miss. Kept apart from the expected texts.
import type { DiagnosableFailure, KnownFacts } from '../../../../src/engines/smtp/diagnose';
import { createHmac } from 'node:crypto';
import { referenceSmtpPassword } from '../../../support/smtpPasswordV4';

export const KEY = 'AKIAIOSFODNN7EXAMPLE';
export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const OTHER_SECRET = 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY';
export const V4 = (region: string, secret = SECRET): string => referenceSmtpPassword(secret, region);
/** The legacy version 2 password, computed here: base64(0x02 || HMAC-SHA256(secret, "SendRawEmail")). */
export function v2(secret = SECRET): string {
  return Buffer.concat([Buffer.of(2), createHmac('sha256', secret).update('SendRawEmail').digest()]).toString('base64');
}

const HOST = (region: string): string => `email-smtp.${region}.amazonaws.com`;
type Failure = NonNullable<DiagnosableFailure['failure']>;
export interface DiagnoseCase {
  name: string;
  check: DiagnosableFailure;
  known?: KnownFacts;
}

const failed = (failure: Failure, port = 587, region = 'eu-west-1'): DiagnosableFailure => ({
  ok: false,
  host: HOST(region),
  port,
  failure,
});
const auth = (reply = '535 Authentication Credentials Invalid'): Failure => ({
  phase: 'auth',
  code: 'AUTH_FAILED',
  message: 'Invalid login',
  reply,
  responseCode: Number(reply.slice(0, 3)),
});
const rejected = (reply: string, code = 'REJECTED'): Failure => ({
  phase: 'data',
  code: code as Failure['code'],
  message: 'Message failed',
  reply,
  responseCode: Number(reply.slice(0, 3)),
});
const conn = (code: Failure['code'], phase: Failure['phase'], message = 'failed'): Failure => ({
  phase,
  code,
  message,
});

export const CASES: DiagnoseCase[] = [
  {
    name: '535 not subscribed',
    check: failed(auth('535 Account not subscribed to SES')),
    known: { region: 'eu-west-1' },
  },
  {
    name: '535 with a temporary key (ASIA…)',
    check: failed(auth()),
    known: { username: 'ASIAIOSFODNN7EXAMPLE', password: V4('eu-west-1') },
  },
  {
    name: '535 with an IAM user name as username',
    check: failed(auth()),
    known: { username: 'smtp-user', password: V4('eu-west-1'), secretAccessKey: SECRET },
  },
  {
    name: '535 with an email address as username',
    check: failed(auth()),
    known: { username: 'me@example.com', password: V4('eu-west-1'), secretAccessKey: SECRET },
  },
  {
    name: '535 with a quoted username',
    check: failed(auth()),
    known: { username: `"${KEY}"`, password: V4('eu-west-1'), secretAccessKey: SECRET },
  },
  {
    name: '535 with a URL-encoded password',
    check: failed(auth(), 587, 'eu-west-3'),
    known: { username: KEY, password: encodeURIComponent(V4('eu-west-3')) },
  },
  {
    name: '535 with a password with a trailing space',
    check: failed(auth()),
    known: { username: KEY, password: `${V4('eu-west-1')} ` },
  },
  {
    name: '535 with the secret key as the password',
    check: failed(auth()),
    known: { username: KEY, password: SECRET, region: 'eu-west-1' },
  },
  {
    name: '535 with a legacy v2 password',
    check: failed(auth()),
    known: { username: KEY, password: v2(), region: 'eu-west-1' },
  },
  { name: '535 with a malformed password', check: failed(auth()), known: { username: KEY, password: 'hunter2' } },
  {
    name: '535, host in eu-central-1, credentials meant for eu-west-1',
    check: failed(auth(), 587, 'eu-central-1'),
    known: { username: KEY, password: V4('eu-west-1'), region: 'eu-west-1' },
  },
  {
    name: '535, the secret says the password is for another region',
    check: failed(auth(), 587, 'eu-central-1'),
    known: { username: KEY, password: V4('eu-west-1'), secretAccessKey: SECRET },
  },
  {
    name: '535, the password is not from the given secret',
    check: failed(auth()),
    known: { username: KEY, password: V4('eu-west-1', OTHER_SECRET), secretAccessKey: SECRET },
  },
  {
    name: '535, the password matches: the key is refused (inactive)',
    check: failed(auth()),
    known: { username: KEY, password: V4('eu-west-1'), secretAccessKey: SECRET, keyStatus: 'inactive' },
  },
  {
    name: '535, the password matches, key state unknown',
    check: failed(auth()),
    known: { username: KEY, password: V4('eu-west-1'), secretAccessKey: SECRET },
  },
  {
    name: '535 without the secret: the possible causes',
    check: failed(auth()),
    known: { username: KEY, password: V4('eu-west-1') },
  },
  {
    name: '530 STARTTLS first',
    check: failed({
      phase: 'auth',
      code: 'AUTH_REQUIRED',
      message: 'x',
      reply: '530 Must issue a STARTTLS command first',
      responseCode: 530,
    }),
  },
  {
    name: '530 authentication required',
    check: failed({
      phase: 'mail',
      code: 'AUTH_REQUIRED',
      message: 'x',
      reply: '530 Authentication required',
      responseCode: 530,
    }),
  },
  { name: '554 configuration set missing', check: failed(rejected('554 Configuration set <events> does not exist.')) },
  {
    name: '554 invalid message tag',
    check: failed(rejected('554 Invalid tag value <a.b>: only letters, digits, _ and -')),
  },
  {
    name: '554 ARN for another region',
    check: failed(
      rejected(
        '554 Transaction failed: Source ARN <arn:aws:ses:us-east-1:123456789012:identity/example.com> is for a different region',
      ),
    ),
  },
  {
    name: '554 ARN not covering From',
    check: failed(
      rejected(
        '554 Transaction failed: Sending ARN <arn:aws:ses:eu-west-1:123456789012:identity/other.com> not authorized for this From',
      ),
    ),
  },
  {
    name: '554 From not verified',
    check: failed(
      rejected(
        '554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: app@example.com',
      ),
    ),
  },
  {
    name: '554 sender and recipient not verified (sandbox)',
    check: failed(
      rejected(
        '554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: app@example.com, you@example.org',
      ),
    ),
  },
  {
    name: '554 access denied',
    check: failed(
      rejected(
        '554 Access denied: User arn:aws:iam::123456789012:user/smtp is not authorized to perform ses:SendRawEmail',
      ),
    ),
  },
  {
    name: '454 sending rate exceeded',
    check: failed(rejected('454 Throttling failure: Maximum sending rate exceeded.', 'TEMPORARY')),
  },
  {
    name: '454 daily quota',
    check: failed(rejected('454 Throttling failure: Daily message quota exceeded.', 'TEMPORARY')),
  },
  {
    name: '421 too many connections',
    check: failed(rejected('421 Too many concurrent SMTP connections', 'TEMPORARY')),
  },
  { name: '552 message too long', check: failed(rejected('552 Message too long', 'REJECTED')) },
  { name: '451 temporary failure', check: failed(rejected('451 Temporary service failure', 'TEMPORARY')) },
  { name: 'refused on 587', check: failed(conn('REFUSED', 'connect')) },
  { name: 'refused on 25', check: failed(conn('REFUSED', 'connect'), 25) },
  { name: 'connect timeout on 587', check: failed(conn('TIMEOUT', 'connect'), 587) },
  { name: 'connect timeout on 25', check: failed(conn('TIMEOUT', 'connect'), 25) },
  { name: 'greeting timeout on 465', check: failed(conn('TIMEOUT', 'greeting'), 465) },
  { name: 'greeting timeout on 587', check: failed(conn('TIMEOUT', 'greeting'), 587) },
  { name: 'STARTTLS timeout', check: failed(conn('TIMEOUT', 'starttls')) },
  { name: 'timeout during DATA', check: failed(conn('TIMEOUT', 'data')) },
  { name: 'DNS', check: failed(conn('DNS', 'connect')), known: { region: 'eu-west-1' } },
  { name: 'untrusted certificate', check: failed(conn('TLS_CERT', 'starttls')) },
  {
    name: 'pinned certificate changed, both fingerprints named',
    check: failed(
      conn(
        'TLS_CERT',
        'ehlo-tls',
        `The server's certificate changed: it is not the one trusted for these credentials (DEPTH_ZERO_SELF_SIGNED_CERT). Pinned SHA-256 ${'AA:'.repeat(31)}AA; presented SHA-256 ${'BB:'.repeat(31)}BB.`,
      ),
    ),
  },
  {
    name: 'pinned certificate changed',
    check: failed(
      conn(
        'TLS_CERT',
        'ehlo-tls',
        "The server's certificate changed: it is not the one trusted for these credentials.",
      ),
    ),
  },
  { name: 'TLS handshake failed', check: failed(conn('TLS', 'starttls', 'wrong version number')) },
  { name: 'no STARTTLS from an SES host', check: failed(conn('TLS_NOT_OFFERED', 'starttls')) },
  {
    name: 'no STARTTLS from another host',
    check: { ok: false, host: 'mail.example.com', port: 587, failure: conn('TLS_NOT_OFFERED', 'starttls') },
  },
  { name: 'no AUTH offered', check: failed(conn('AUTH_UNSUPPORTED', 'auth')) },
  { name: 'closed at the greeting', check: failed(conn('CLOSED', 'greeting')) },
  { name: 'closed during DATA', check: failed(conn('CLOSED', 'data')) },
  { name: 'a failure no rule reads', check: failed(conn('PROTOCOL', 'ehlo', 'Unexpected reply 500')) },
];

/** Correct setups next to a near miss: none of `not` may be among the causes. */
export const FALSE_ALARMS: Array<DiagnoseCase & { not: string[] }> = [
  {
    name: 'the right password for the endpoint, with the secret: only the key itself is left',
    check: failed(auth()),
    known: { username: KEY, password: V4('eu-west-1'), secretAccessKey: SECRET, region: 'eu-west-1' },
    not: [
      'wrong-region',
      'password-not-from-secret',
      'secret-key-as-password',
      'malformed-password',
      'legacy-v2',
      'host-region-mismatch',
      'username-not-access-key',
      'whitespace-or-quotes',
      'url-encoded',
    ],
  },
  {
    name: 'a wrong username with the right password: the username explains the 535, the key is not blamed',
    check: failed(auth()),
    known: { username: 'smtp-user', password: V4('eu-west-1'), secretAccessKey: SECRET },
    not: ['key-inactive', 'wrong-region', 'password-not-from-secret'],
  },
  {
    name: 'a quoted username with the right password: the quotes explain it, not the key',
    check: failed(auth()),
    known: { username: `"${KEY}"`, password: V4('eu-west-1'), secretAccessKey: SECRET },
    not: ['key-inactive', 'username-not-access-key'],
  },
  {
    name: 'a raw v4 password with + and / is not called URL-encoded; a clean AKIA username is not called wrong',
    check: failed(auth()),
    known: { username: KEY, password: V4('eu-west-3') },
    not: [
      'url-encoded',
      'whitespace-or-quotes',
      'username-not-access-key',
      'temporary-key',
      'malformed-password',
      'host-region-mismatch',
    ],
  },
  {
    name: 'host and region agree: no mismatch',
    check: failed(auth(), 587, 'eu-central-1'),
    known: { username: KEY, password: V4('eu-central-1'), region: 'eu-central-1' },
    not: ['host-region-mismatch'],
  },
  {
    name: 'one identity not verified is not called a sandbox recipient problem',
    check: failed(
      rejected(
        '554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: app@example.com',
      ),
    ),
    not: ['sandbox-recipient', 'iam-permission'],
  },
  {
    name: 'a rate throttle is not the daily quota',
    check: failed(rejected('454 Throttling failure: Maximum sending rate exceeded.', 'TEMPORARY')),
    not: [],
  },
  {
    name: 'an ARN in the region sent through is not called another region',
    check: failed(
      rejected(
        '554 Transaction failed: Sending ARN <arn:aws:ses:eu-west-1:123456789012:identity/other.com> not authorized for this From',
      ),
    ),
    known: { region: 'eu-west-1' },
    not: ['arn-region'],
  },
  { name: 'a refused 587 is not port 25', check: failed(conn('REFUSED', 'connect')), not: ['port-25-blocked'] },
  {
    name: 'a connect timeout on 2587 is not port 25',
    check: failed(conn('TIMEOUT', 'connect'), 2587),
    not: ['port-25-blocked'],
  },
  { name: 'a success has no causes', check: { ok: true, host: HOST('eu-west-1'), port: 587 }, not: [] },
  { name: 'a cancelled check has no causes', check: failed(conn('CANCELLED' as Failure['code'], 'auth')), not: [] },
];
