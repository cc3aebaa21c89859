// The doctor's network, login and key checks' verdict branches, with fake ports: no network, no AWS.
// The permission, SES and DNS checks: doctorSes.test.ts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkEndpoint, checkPorts, checkTls } from '../../../../src/engines/doctor/network';
import { checkLogin } from '../../../../src/engines/doctor/login';
import { keyFindings, lookupKey, maskKeyId } from '../../../../src/engines/doctor/key';
import type { DoctorAws, DoctorInput, PeerCertificate } from '../../../../src/engines/doctor/types';
import type { SmtpCheckResult } from '../../../../src/engines/smtp/types';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const input: DoctorInput = {
  username: KEY,
  password: 'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5',
  region: 'eu-west-1',
  host: 'email-smtp.eu-west-1.amazonaws.com',
  port: 587,
  tls: 'starttls',
  from: 'app@example.com',
  aws: true,
};
const signal = new AbortController().signal;
const err = (name: string, message = name): Error => Object.assign(new Error(message), { name });
const denied = err('AccessDenied', 'User: x is not authorized to perform: y');

describe('endpoint, ports and TLS', () => {
  test('a host that does not resolve is a failure naming SES host names', async () => {
    const [x] = await checkEndpoint(input, {
      resolve: () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })),
    });
    assert.equal(x.verdict, 'fail');
    assert.match(x.title, /does not resolve \(ENOTFOUND\)/);
  });
  test('port 587 blocked while 2587 and 465 work: a failure with the way out', async () => {
    const open = new Set([2587, 465]);
    const [x] = await checkPorts(
      input,
      {
        connect: async (_h, port) =>
          open.has(port)
            ? 3
            : Promise.reject(Object.assign(new Error('t'), { code: port === 25 ? 'ETIMEDOUT' : 'ECONNREFUSED' })),
      },
      signal,
    );
    assert.equal(x.verdict, 'fail');
    assert.equal(x.cause, 'port-blocked');
    assert.match(x.title, /Port 587 .* blocked from here: corporate networks/);
    assert.match(x.fix!, /Use port 2587/);
    assert.ok(x.evidence.includes('25: no answer (a firewall drops it)'));
  });
  test('only 25 blocked: a warning naming cloud providers', async () => {
    const [x] = await checkPorts(
      input,
      {
        connect: async (_h, port) =>
          port === 25 ? Promise.reject(Object.assign(new Error('t'), { code: 'ETIMEDOUT' })) : 1,
      },
      signal,
    );
    assert.equal(x.verdict, 'warn');
    assert.match(x.fix!, /25 \(cloud providers block 25\)/);
  });
  const cert = (over: Partial<PeerCertificate>): PeerCertificate => ({
    subject: 'email-smtp.eu-west-1.amazonaws.com',
    issuer: 'Amazon RSA 2048 M01, Amazon',
    altNames: [],
    trusted: true,
    ...over,
  });
  test('TLS: Amazon passes, a trusted non-Amazon issuer is a proxy, an untrusted one is interception', async () => {
    assert.equal((await checkTls(input, { certificate: async () => cert({}) }, signal))[0].verdict, 'pass');
    assert.equal(
      (await checkTls(input, { certificate: async () => cert({ issuer: 'Zscaler Root CA' }) }, signal))[0].cause,
      'tls-proxy',
    );
    const [x] = await checkTls(
      input,
      { certificate: async () => cert({ issuer: 'Fortinet CA', trusted: false, error: 'SELF_SIGNED_CERT_IN_CHAIN' }) },
      signal,
    );
    assert.equal(x.verdict, 'fail');
    assert.match(x.title, /intercepts TLS/);
  });
});

const smtp = (over: Partial<SmtpCheckResult>): SmtpCheckResult => ({
  ok: true,
  host: input.host,
  port: 587,
  tls: 'starttls',
  phaseReached: 'quit',
  phases: [],
  totalMs: 5,
  transcript: [],
  ...over,
});

describe('login', () => {
  test('accepted: a pass', async () => {
    assert.equal((await checkLogin(input, { login: async () => smtp({}) }, signal))[0].verdict, 'pass');
  });
  test('an IAM user name as username: certain, named, weighted over everything else', async () => {
    const failed = smtp({
      ok: false,
      phaseReached: 'auth',
      failure: {
        phase: 'auth',
        code: 'AUTH_FAILED',
        message: 'Login refused',
        reply: '535 Authentication Credentials Invalid',
        responseCode: 535,
      },
    });
    const [x] = await checkLogin({ ...input, username: 'nabavkidata-smtp' }, { login: async () => failed }, signal);
    assert.equal(x.cause, 'username-not-access-key');
    assert.equal(x.weight, 97);
    assert.match(x.title, /\(535 Authentication Credentials Invalid\): The username is an IAM user name/);
  });
});

function fakeAws(over: Partial<DoctorAws>): DoctorAws {
  const no = (): Promise<never> => Promise.reject(new Error('not faked'));
  return {
    callerAccount: async () => ({ account: '111111111111' }),
    accessKeyAccount: async () => '111111111111',
    accessKeyLastUsed: async () => ({ userName: 'smtp-user' }),
    listAccessKeys: async () => [{ id: KEY, status: 'Active' }],
    simulateSend: no,
    userPolicies: no,
    account: no,
    identity: async () => undefined,
    suppressed: async () => undefined,
    ...over,
  };
}

describe('whose key', () => {
  test('masked as AKIA…XXXX', () => assert.equal(maskKeyId(KEY), 'AKIA…MPLE'));
  test("another account than the profile's", async () => {
    const [x] = keyFindings(await lookupKey(fakeAws({ accessKeyAccount: async () => '999999999999' }), KEY));
    assert.equal(x.cause, 'key-other-account');
    assert.match(x.title, /belongs to account 999999999999, not to the profile's account 111111111111/);
  });
  test('inactive, not found, active', async () => {
    assert.equal(
      keyFindings(await lookupKey(fakeAws({ listAccessKeys: async () => [{ id: KEY, status: 'Inactive' }] }), KEY))[0]
        .cause,
      'key-inactive',
    );
    assert.equal(
      keyFindings(
        await lookupKey(fakeAws({ accessKeyLastUsed: () => Promise.reject(err('NoSuchEntityException')) }), KEY),
      )[0].cause,
      'key-not-found',
    );
    const ok = keyFindings(
      await lookupKey(
        fakeAws({
          accessKeyLastUsed: async () => ({
            userName: 'u',
            lastUsed: new Date('2026-11-01T10:00:00Z'),
            service: 'ses',
            region: 'eu-west-1',
          }),
        }),
        KEY,
      ),
    );
    assert.equal(ok[0].verdict, 'pass');
    assert.ok(ok[0].evidence.some((e) => /last used 2026-11-01 10:00 UTC, service ses, region eu-west-1/.test(e)));
  });
  test('no permission: skipped with the exact action, never a failure', async () => {
    const out = keyFindings(
      await lookupKey(
        fakeAws({ accessKeyAccount: () => Promise.reject(denied), accessKeyLastUsed: () => Promise.reject(denied) }),
        KEY,
      ),
    );
    assert.deepEqual(
      out.map((x) => x.title),
      ['skipped: needs sts:GetAccessKeyInfo', 'skipped: needs iam:GetAccessKeyLastUsed'],
    );
  });
});
