// The inputs of the Doctor advice table (advice.test.ts): each Doctor rule (src/core/doctor)
// run on fakes of its ports, one case per branch, with the correct setups next to the near misses.
import { checkEndpoint, checkPorts, checkTls } from '../../../../src/engines/doctor/network';
import { checkLogin } from '../../../../src/engines/doctor/login';
import { keyFindings, lookupKey } from '../../../../src/engines/doctor/key';
import { checkPermission } from '../../../../src/engines/doctor/permission';
import {
  accountFindings,
  identityFindings,
  recipientFindings,
  recipientsSkipped,
} from '../../../../src/engines/doctor/sesAccount';
import { dnsFindings } from '../../../../src/engines/doctor/dnsCheck';
import type { DoctorAws, DoctorInput, Finding, PeerCertificate } from '../../../../src/engines/doctor/types';
import type { IdentityDetails, AccountInfo } from '../../../../src/engines/aws/ses';
import type { SmtpCheckResult } from '../../../../src/engines/smtp/types';
import type { RecordCheck } from '../../../../src/engines/dns/check';
import type { DnsRecord } from '../../../../src/engines/dns/records';
import { referenceSmtpPassword } from '../../../support/smtpPasswordV4';

export const PIN_A = Array(32).fill('AA').join(':');
export const PIN_B = Array(32).fill('BB').join(':');

export const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const signal = new AbortController().signal;
const errno = (code: string): Error => Object.assign(new Error(code), { code });
const named = (name: string, message = name): Error => Object.assign(new Error(message), { name });
const denied = named('AccessDenied', 'User: x is not authorized to perform: y');

const input = (over: Partial<DoctorInput> = {}): DoctorInput => ({
  username: KEY,
  password: referenceSmtpPassword(SECRET, 'eu-west-1'),
  region: 'eu-west-1',
  host: 'email-smtp.eu-west-1.amazonaws.com',
  port: 587,
  tls: 'starttls',
  from: 'app@example.com',
  aws: true,
  ...over,
});

const identity = (name: string, over: Partial<IdentityDetails> = {}): IdentityDetails => ({
  name,
  type: name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN',
  sendingEnabled: true,
  verificationStatus: 'SUCCESS',
  dkimStatus: 'SUCCESS',
  dkimTokens: [],
  ...over,
});

function fakeAws(over: Partial<DoctorAws> = {}): DoctorAws {
  const no = (): Promise<never> => Promise.reject(new Error('not faked'));
  return {
    callerAccount: async () => ({ account: '111111111111' }),
    accessKeyAccount: async () => '111111111111',
    accessKeyLastUsed: async () => ({
      userName: 'smtp-user',
      lastUsed: new Date('2026-11-01T10:00:00Z'),
      service: 'ses',
      region: 'eu-west-1',
    }),
    listAccessKeys: async () => [{ id: KEY, status: 'Active', created: new Date('2026-01-02T00:00:00Z') }],
    simulateSend: no,
    userPolicies: no,
    account: no,
    identity: async () => undefined,
    suppressed: async () => undefined,
    ...over,
  };
}

const ports = (results: Record<number, number | string>) => ({
  connect: async (_h: string, port: number) => {
    const r = results[port];
    if (typeof r === 'number') return r;
    throw errno(r ?? 'ETIMEDOUT');
  },
});
const cert = (over: Partial<PeerCertificate>) => ({
  certificate: async (): Promise<PeerCertificate> => ({
    subject: 'CN=email-smtp.eu-west-1.amazonaws.com',
    issuer: 'CN=Amazon RSA 2048 M01, O=Amazon, C=US',
    altNames: ['email-smtp.eu-west-1.amazonaws.com'],
    trusted: true,
    ...over,
  }),
});
const login = (result: Partial<SmtpCheckResult>) => ({
  login: async (): Promise<SmtpCheckResult> => ({
    ok: true,
    host: 'email-smtp.eu-west-1.amazonaws.com',
    port: 587,
    tls: 'starttls',
    phaseReached: 'quit',
    phases: [
      { phase: 'connect', ms: 10, ok: true },
      { phase: 'auth', ms: 20, ok: result.ok !== false },
    ],
    totalMs: 30,
    transcript: [],
    ...result,
  }),
});
const account = (over: Partial<Extract<AccountInfo, { available: true }>>): AccountInfo => ({
  available: true,
  sandbox: false,
  sendingEnabled: true,
  max24HourSend: 50000,
  sentLast24Hours: 10,
  maxSendRate: 14,
  ...over,
});
const where = (map: Record<string, IdentityDetails>) => ({
  identity: async (r: string, n: string) => map[`${r}|${n}`],
});
const REGIONS = ['eu-west-1', 'us-east-2', 'us-west-2'];
const facts = (aws: DoctorAws) => lookupKey(aws, KEY);
const record = (purpose: string, required: boolean): DnsRecord =>
  ({ purpose, name: `x.example.com`, type: 'TXT', value: 'v', required }) as unknown as DnsRecord;
const checked = (
  purpose: string,
  required: boolean,
  status: RecordCheck['status'],
  message = `${purpose} ${status}`,
): RecordCheck => ({
  record: record(purpose, required),
  status,
  found: [],
  message,
});
const allowDoc = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'ses:SendRawEmail', Resource: '*' }] });

export const DOCTOR_CASES: Record<string, () => Promise<Finding[]> | Finding[]> = {
  'endpoint: an IP address': () => checkEndpoint(input({ host: '127.0.0.1' }), { resolve: async () => [] }),
  'endpoint: resolves': () => checkEndpoint(input(), { resolve: async () => ['52.0.0.1', '52.0.0.2'] }),
  'endpoint: does not resolve': () =>
    checkEndpoint(input(), {
      resolve: async () => {
        throw errno('ENOTFOUND');
      },
    }),
  'ports: all reachable': () => checkPorts(input(), ports({ 587: 5, 2587: 6, 465: 7, 2465: 8, 25: 9 }), signal),
  "ports: the client's port blocked, only implicit-TLS ports open": () =>
    checkPorts(input(), ports({ 587: 'ETIMEDOUT', 2587: 'ETIMEDOUT', 465: 7, 2465: 8, 25: 'ECONNREFUSED' }), signal),
  "ports: the client's port blocked, 2587 open": () =>
    checkPorts(input(), ports({ 587: 'ETIMEDOUT', 2587: 6, 465: 7, 2465: 8, 25: 'ETIMEDOUT' }), signal),
  'ports: nothing reachable': () => checkPorts(input(), ports({}), signal),
  "ports: only 25 blocked, the client's 587 works": () =>
    checkPorts(input(), ports({ 587: 5, 2587: 6, 465: 7, 2465: 8, 25: 'ETIMEDOUT' }), signal),
  'ports: a custom host, its own port open (the SES ports not checked)': () =>
    checkPorts(input({ host: 'smtp.example.com', port: 2525 }), ports({ 2525: 4 }), signal),
  'ports: a custom host, its own port does not answer': () =>
    checkPorts(input({ host: 'smtp.example.com', port: 2525 }), ports({ 587: 5, 2525: 'ECONNREFUSED' }), signal),
  'ports (false alarm): a custom host given the SES port list, the other SES ports closed': () =>
    checkPorts(
      input({ host: 'relay.example.com', ports: [587, 2587, 465, 2465, 25].map((port) => ({ port })) }),
      ports({ 587: 5 }),
      signal,
    ),
  'tls: no connection': () =>
    checkTls(
      input(),
      {
        certificate: async () => {
          throw errno('ECONNRESET');
        },
      },
      signal,
    ),
  'tls: untrusted, and exactly the certificate pinned for the set': () =>
    checkTls(
      input({ pinnedCertificateSha256: PIN_A }),
      cert({ trusted: false, issuer: 'CN=relay', error: 'self-signed certificate', sha256: PIN_A }),
      signal,
    ),
  'tls: untrusted, and not the certificate pinned for the set (it changed)': () =>
    checkTls(
      input({ pinnedCertificateSha256: PIN_A }),
      cert({ trusted: false, issuer: 'CN=relay', error: 'self-signed certificate', sha256: PIN_B }),
      signal,
    ),
  'tls (near miss): a set with a pin whose server presents a certificate that verifies': () =>
    checkTls(input({ pinnedCertificateSha256: PIN_A }), cert({ sha256: PIN_B }), signal),
  'tls: untrusted': () =>
    checkTls(input(), cert({ trusted: false, issuer: 'CN=Corp Proxy CA', error: 'unable to verify' }), signal),
  'tls: an SES host with a trusted non-Amazon issuer': () =>
    checkTls(input(), cert({ issuer: 'CN=Corp Proxy CA' }), signal),
  'tls: Amazon': () => checkTls(input(), cert({}), signal),
  'tls (false alarm): a relay of ours with a trusted non-Amazon issuer is fine': () =>
    checkTls(input({ host: 'smtp.example.com' }), cert({ issuer: "CN=Let's Encrypt R3" }), signal),
  'login: accepted': () => checkLogin(input(), login({ ok: true, tlsProtocol: 'TLSv1.3' }), signal),
  'login: 535 with an IAM user name': () =>
    checkLogin(
      input({ username: 'smtp-user' }),
      login({
        ok: false,
        phaseReached: 'auth',
        failure: {
          phase: 'auth',
          code: 'AUTH_FAILED',
          message: 'Invalid login',
          reply: '535 Authentication Credentials Invalid',
          responseCode: 535,
        },
      }),
      signal,
    ),
  'login: 535 with the access key': () =>
    checkLogin(
      input(),
      login({
        ok: false,
        phaseReached: 'auth',
        failure: {
          phase: 'auth',
          code: 'AUTH_FAILED',
          message: 'Invalid login',
          reply: '535 Authentication Credentials Invalid',
          responseCode: 535,
        },
      }),
      signal,
    ),
  'login: refused': () =>
    checkLogin(
      input(),
      login({
        ok: false,
        phaseReached: 'connect',
        failure: { phase: 'connect', code: 'REFUSED', message: 'Connection refused' },
      }),
      signal,
    ),
  'key: active, used before': async () => keyFindings(await facts(fakeAws())),
  "key: another account's": async () =>
    keyFindings(await facts(fakeAws({ accessKeyAccount: async () => '222222222222' }))),
  'key: not found': async () =>
    keyFindings(await facts(fakeAws({ accessKeyLastUsed: () => Promise.reject(named('NoSuchEntityException')) }))),
  'key: not found, STS not allowed': async () =>
    keyFindings(
      await facts(
        fakeAws({
          accessKeyAccount: () => Promise.reject(denied),
          accessKeyLastUsed: () => Promise.reject(named('NoSuchEntityException')),
        }),
      ),
    ),
  'key: inactive': async () =>
    keyFindings(await facts(fakeAws({ listAccessKeys: async () => [{ id: KEY, status: 'Inactive' }] }))),
  'key: never used, keys not listable': async () =>
    keyFindings(
      await facts(
        fakeAws({
          accessKeyLastUsed: async () => ({ userName: 'smtp-user' }),
          listAccessKeys: () => Promise.reject(denied),
        }),
      ),
    ),
  'key: STS not allowed': async () =>
    keyFindings(
      await facts(
        fakeAws({ accessKeyAccount: () => Promise.reject(denied), callerAccount: () => Promise.reject(denied) }),
      ),
    ),
  'permission: allowed': async () => {
    const aws = fakeAws({ simulateSend: async () => ({ decision: 'allowed', policies: ['SendFromExample'] }) });
    return checkPermission(aws, await facts(aws), 'eu-west-1', 'app@example.com');
  },
  'permission: explicit deny': async () => {
    const aws = fakeAws({ simulateSend: async () => ({ decision: 'explicitDeny', policies: ['DenyAll'] }) });
    return checkPermission(aws, await facts(aws), 'eu-west-1', 'app@example.com');
  },
  'permission: implicit deny': async () => {
    const aws = fakeAws({ simulateSend: async () => ({ decision: 'implicitDeny', policies: [] }) });
    return checkPermission(aws, await facts(aws), 'eu-west-1', 'app@example.com');
  },
  'permission: approximate, allowed by an inline policy': async () => {
    const aws = fakeAws({
      simulateSend: () => Promise.reject(denied),
      userPolicies: async () => [{ name: 'ses-send', document: allowDoc }],
    });
    return checkPermission(aws, await facts(aws), 'eu-west-1', 'app@example.com');
  },
  'permission: neither simulation nor policies allowed': async () => {
    const aws = fakeAws({ simulateSend: () => Promise.reject(denied), userPolicies: () => Promise.reject(denied) });
    return checkPermission(aws, await facts(aws), 'eu-west-1', 'app@example.com');
  },
  'account: not available': () =>
    accountFindings({ available: false, reason: 'this endpoint does not offer GetAccount' }, 'eu-west-1'),
  'account: paused': () => accountFindings(account({ sendingEnabled: false }), 'eu-west-1'),
  'account: shut down': () => accountFindings(account({ enforcementStatus: 'SHUTDOWN' }), 'eu-west-1'),
  'account: quota used up': () => accountFindings(account({ max24HourSend: 200, sentLast24Hours: 200 }), 'eu-west-1'),
  'account: probation': () => accountFindings(account({ enforcementStatus: 'PROBATION' }), 'eu-west-1'),
  'account: sandbox': () => accountFindings(account({ sandbox: true, max24HourSend: 200 }), 'eu-west-1'),
  'account: production': () => accountFindings(account({}), 'eu-west-1'),
  'account (false alarm): 199 of 200 sent is not the quota used up': () =>
    accountFindings(account({ max24HourSend: 200, sentLast24Hours: 199 }), 'eu-west-1'),
  'identity: the domain verified here': () =>
    identityFindings(
      where({ 'eu-west-1|example.com': identity('example.com') }),
      'eu-west-1',
      'app@example.com',
      REGIONS,
    ),
  'identity: the address verified here (domain not an identity)': () =>
    identityFindings(
      where({ 'eu-west-1|app@example.com': identity('app@example.com') }),
      'eu-west-1',
      'app@example.com',
      REGIONS,
    ),
  'identity: only in another region': () =>
    identityFindings(
      where({ 'us-west-2|example.com': identity('example.com') }),
      'eu-west-1',
      'app@example.com',
      REGIONS,
    ),
  'identity: pending here, DKIM pending': () =>
    identityFindings(
      where({
        'eu-west-1|example.com': identity('example.com', {
          verificationStatus: 'PENDING',
          sendingEnabled: false,
          dkimStatus: 'PENDING',
        }),
      }),
      'eu-west-1',
      'app@example.com',
      REGIONS,
    ),
  'identity: nowhere': () => identityFindings(where({}), 'eu-west-1', 'app@example.com', REGIONS),
  'identity: verified, DKIM failed, MAIL FROM pending': () =>
    identityFindings(
      where({
        'eu-west-1|example.com': identity('example.com', {
          dkimStatus: 'FAILED',
          mailFromDomain: 'mail.example.com',
          mailFromStatus: 'PENDING',
        }),
      }),
      'eu-west-1',
      'app@example.com',
      REGIONS,
    ),
  'identity: not allowed to look': () =>
    identityFindings({ identity: () => Promise.reject(denied) }, 'eu-west-1', 'app@example.com', REGIONS),
  'recipient: the mailbox simulator': () =>
    recipientFindings(fakeAws(), 'eu-west-1', ['success@simulator.amazonses.com'], true),
  'recipient: not verified in the sandbox': () => recipientFindings(fakeAws(), 'eu-west-1', ['you@example.org'], true),
  'recipient: suppressed': () =>
    recipientFindings(
      fakeAws({ suppressed: async () => ({ reason: 'BOUNCE', at: new Date('2026-10-01T00:00:00Z') }) }),
      'eu-west-1',
      ['you@example.org'],
      false,
    ),
  'recipient: the sandbox unknown (ses:GetAccount not allowed)': () =>
    recipientFindings(fakeAws(), 'eu-west-1', ['you@example.org'], undefined, 'needs ses:GetAccount'),
  'recipient: in the sandbox, the identity lookup not allowed': () =>
    recipientFindings(fakeAws({ identity: () => Promise.reject(denied) }), 'eu-west-1', ['you@example.org'], true),
  'recipient: no AWS profile': () =>
    recipientsSkipped(
      ['you@example.org', 'success@simulator.amazonses.com'],
      'needs an AWS profile (for ses:GetSuppressedDestination)',
      'no-profile',
    ),
  'recipient: production, not suppressed': () => recipientFindings(fakeAws(), 'eu-west-1', ['you@example.org'], false),
  'recipient (false alarm): verified in the sandbox': () =>
    recipientFindings(
      fakeAws({ identity: async (_r, n) => (n === 'example.org' ? identity('example.org') : undefined) }),
      'eu-west-1',
      ['you@example.org'],
      true,
    ),
  'dns: a required record missing': () =>
    dnsFindings(
      'example.com',
      [
        checked('dkim', true, 'missing', 'Publish the DKIM CNAME x._domainkey.example.com'),
        checked('dmarc', false, 'pass'),
      ],
      true,
    ),
  'dns: a recommended record missing': () =>
    dnsFindings(
      'example.com',
      [checked('dkim', true, 'pass'), checked('dmarc', false, 'missing', 'Publish a DMARC record')],
      true,
    ),
  'dns: every lookup failed': () =>
    dnsFindings(
      'example.com',
      [checked('dkim', true, 'error', 'SERVFAIL'), checked('dmarc', false, 'error', 'SERVFAIL')],
      false,
    ),
  'dns: all in place': () =>
    dnsFindings('example.com', [checked('dkim', true, 'pass'), checked('dmarc', false, 'pass')], true),
};
