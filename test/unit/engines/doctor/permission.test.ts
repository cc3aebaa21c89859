// The doctor's send-permission and SES checks' verdict branches (and the approximate policy evaluation),
// with fake AWS calls: no network.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { lookupKey } from '../../../../src/engines/doctor/key';
import { checkPermission } from '../../../../src/engines/doctor/permission';
import { evaluatePolicies } from '../../../../src/engines/doctor/policy';
import { accountFindings, identityFindings, recipientFindings } from '../../../../src/engines/doctor/sesAccount';
import { dnsFindings } from '../../../../src/engines/doctor/dnsCheck';
import type { DoctorAws } from '../../../../src/engines/doctor/types';
import type { IdentityDetails } from '../../../../src/engines/aws/ses';
import type { RecordCheck } from '../../../../src/engines/dns/check';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const err = (name: string, message = name): Error => Object.assign(new Error(message), { name });
const denied = err('AccessDenied', 'User: x is not authorized to perform: y');

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

describe('may it send', () => {
  const facts = (aws: DoctorAws) => lookupKey(aws, KEY);
  test('simulation: allowed, explicit deny, implicit deny', async () => {
    for (const [decision, verdict, cause] of [
      ['allowed', 'pass', undefined],
      ['explicitDeny', 'fail', 'explicit-deny'],
      ['implicitDeny', 'fail', 'no-send-permission'],
    ] as const) {
      const aws = fakeAws({ simulateSend: async () => ({ decision, policies: ['DenyAll'] }) });
      const [x] = await checkPermission(aws, await facts(aws), 'eu-west-1', 'app@example.com');
      assert.equal(x.verdict, verdict);
      assert.equal(x.cause, cause);
    }
  });
  test('simulation not allowed: the policies are read and the verdict says approximate', async () => {
    const doc = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'ses:SendEmail', Resource: '*' }] });
    const aws = fakeAws({
      simulateSend: () => Promise.reject(denied),
      userPolicies: async () => [{ name: 'only-send-email', document: doc }],
    });
    const [x] = await checkPermission(aws, await facts(aws), 'eu-west-1', 'app@example.com');
    assert.equal(x.cause, 'no-send-permission');
    assert.match(x.title, /approximate: iam:SimulatePrincipalPolicy is not allowed/);
  });
  test('the simulated resource is the address identity when it is verified, else the domain', async () => {
    const seen: string[] = [];
    for (const addressVerified of [true, false]) {
      const aws = fakeAws({
        identity: async (_r, n) => (n === 'app@example.com' && addressVerified ? identity(n) : undefined),
        simulateSend: async (_u, resource) => (seen.push(resource), { decision: 'allowed', policies: [] }),
      });
      await checkPermission(aws, await facts(aws), 'eu-west-1', 'App@example.com');
    }
    assert.deepEqual(seen, [
      'arn:aws:ses:eu-west-1:111111111111:identity/app@example.com',
      'arn:aws:ses:eu-west-1:111111111111:identity/example.com',
    ]);
  });

  test('neither allowed: skipped, naming the actions', async () => {
    const aws = fakeAws({ simulateSend: () => Promise.reject(denied), userPolicies: () => Promise.reject(denied) });
    const [x] = await checkPermission(aws, await facts(aws), 'eu-west-1', 'app@example.com');
    assert.equal(x.verdict, 'skipped');
    assert.match(x.title, /^skipped: needs iam:SimulatePrincipalPolicy/);
  });
  test('the approximate evaluation: deny wins, wildcards, ses:FromAddress conditions', () => {
    const allow = {
      name: 'allow',
      document: JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Action: 'ses:Send*',
            Resource: '*',
            Condition: { StringLike: { 'ses:FromAddress': '*@example.com' } },
          },
        ],
      }),
    };
    const deny = {
      name: 'deny',
      document: JSON.stringify({ Statement: { Effect: 'Deny', NotAction: 'iam:*', Resource: 'arn:aws:ses:*' } }),
    };
    const arn = 'arn:aws:ses:eu-west-1:1:identity/example.com';
    assert.equal(
      evaluatePolicies([allow], 'ses:SendRawEmail', arn, { 'ses:FromAddress': 'a@example.com' }).decision,
      'allowed',
    );
    assert.equal(
      evaluatePolicies([allow], 'ses:SendRawEmail', arn, { 'ses:FromAddress': 'a@other.com' }).decision,
      'implicitDeny',
    );
    assert.deepEqual(evaluatePolicies([allow, deny], 'ses:SendRawEmail', arn, { 'ses:FromAddress': 'a@example.com' }), {
      decision: 'explicitDeny',
      policies: ['deny'],
      unknown: [],
    });
  });
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

describe('SES account, identity and recipients', () => {
  test('account: production passes; sandbox warns; paused, shut down or quota used up fail', () => {
    assert.equal(
      accountFindings({ available: true, sandbox: false, sendingEnabled: true }, 'eu-west-1')[0].verdict,
      'pass',
    );
    assert.equal(
      accountFindings({ available: true, sandbox: true, sendingEnabled: true }, 'eu-west-1')[0].cause,
      'sandbox',
    );
    assert.equal(
      accountFindings(
        { available: true, sandbox: false, sendingEnabled: true, enforcementStatus: 'SHUTDOWN' },
        'eu-west-1',
      )[0].cause,
      'sending-disabled',
    );
    assert.equal(
      accountFindings(
        { available: true, sandbox: false, sendingEnabled: true, max24HourSend: 200, sentLast24Hours: 200 },
        'eu-west-1',
      )[0].cause,
      'quota',
    );
    assert.equal(
      accountFindings({ available: false, reason: 'this endpoint does not offer GetAccount' }, 'eu-west-1')[0].verdict,
      'skipped',
    );
  });
  test('identity: here, only in another region (seed 000), pending, nowhere; DKIM not verified warns', async () => {
    const where = (map: Record<string, IdentityDetails>) => ({
      identity: async (r: string, n: string) => map[`${r}|${n}`],
    });
    const regions = ['eu-west-1', 'us-east-2', 'us-west-2'];
    assert.equal(
      (
        await identityFindings(
          where({ 'eu-west-1|example.com': identity('example.com') }),
          'eu-west-1',
          'app@example.com',
          regions,
        )
      )[0].verdict,
      'pass',
    );
    const [other] = await identityFindings(
      where({ 'us-east-2|example.com': identity('example.com') }),
      'eu-west-1',
      'app@example.com',
      regions,
    );
    assert.equal(other.cause, 'identity-other-region');
    assert.match(other.title, /verified in us-east-2, not in eu-west-1/);
    const pending = await identityFindings(
      where({
        'eu-west-1|example.com': identity('example.com', {
          verificationStatus: 'PENDING',
          sendingEnabled: false,
          dkimStatus: 'PENDING',
        }),
      }),
      'eu-west-1',
      'app@example.com',
      regions,
    );
    assert.deepEqual(
      pending.map((x) => x.cause),
      ['identity-pending', 'dkim-not-verified'],
    );
    assert.equal(
      (await identityFindings(where({}), 'eu-west-1', 'app@example.com', regions))[0].cause,
      'identity-not-verified',
    );
    assert.equal(
      (await identityFindings({ identity: () => Promise.reject(denied) }, 'eu-west-1', 'app@example.com', regions))[0]
        .title,
      'skipped: needs ses:GetEmailIdentity',
    );
  });
  test('recipients: unverified in the sandbox, suppressed, the simulator, no permission', async () => {
    const aws = {
      identity: async () => undefined,
      suppressed: async (_r: string, a: string) => (a === 'gone@example.org' ? { reason: 'BOUNCE' } : undefined),
    };
    assert.equal(
      (await recipientFindings(aws, 'eu-west-1', ['someone@example.org'], true))[0].cause,
      'sandbox-recipient',
    );
    assert.equal((await recipientFindings(aws, 'eu-west-1', ['gone@example.org'], false))[0].cause, 'suppressed');
    assert.equal(
      (await recipientFindings(aws, 'eu-west-1', ['success@simulator.amazonses.com'], true))[0].verdict,
      'pass',
    );
    const [x] = await recipientFindings(
      { identity: async () => undefined, suppressed: () => Promise.reject(denied) },
      'eu-west-1',
      ['a@example.org'],
      false,
    );
    assert.equal(x.title, 'skipped: needs ses:GetSuppressedDestination');
  });
  test('DNS: a required record missing warns; all in place passes', () => {
    const rec = (status: RecordCheck['status'], required: boolean): RecordCheck => ({
      record: { purpose: required ? 'dkim' : 'dmarc', name: 'n.example.com', type: 'CNAME', value: 'v', required },
      status,
      found: [],
      message: `m ${status}`,
    });
    assert.equal(dnsFindings('example.com', [rec('missing', true), rec('pass', false)], true)[0].cause, 'dns-records');
    assert.equal(dnsFindings('example.com', [rec('pass', true)], true)[0].verdict, 'pass');
  });
});
