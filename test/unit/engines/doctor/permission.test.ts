// The doctor's send-permission check (src/engines/doctor/permission.ts) and the approximate policy
// evaluation (policy.ts): each verdict branch, with fake AWS calls: no network.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { lookupKey } from '../../../../src/engines/doctor/key';
import { checkPermission } from '../../../../src/engines/doctor/permission';
import { evaluatePolicies } from '../../../../src/engines/doctor/policy';
import type { IdentityDetails } from '../../../../src/engines/aws/ses';
import type { DoctorAws } from '../../../../src/engines/doctor/types';
import { doctorAwsFrom } from '../../../../src/engines/doctor/awsPorts';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const err = (name: string, message = name): Error => Object.assign(new Error(message), { name });
const denied = err('AccessDenied', 'User: x is not authorized to perform: y');

const identity = (name: string, over: Partial<IdentityDetails> = {}): IdentityDetails => ({
  name,
  type: name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN',
  sendingEnabled: true,
  verificationStatus: 'SUCCESS',
  dkimStatus: 'SUCCESS',
  dkimTokens: [],
  ...over,
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

// Pinned by issue #32 (moved from pinnedBehaviours.test.ts): each case was checked to fail when the behaviour is
// broken on purpose (the break is named in each test's comment).
describe("the Doctor's permission finding", () => {
  // Break: `m.SourcePolicyType` instead of `m.SourcePolicyId` in awsPorts.ts.
  const simulating = (decision: string): DoctorAws => {
    const iam = {
      send: async (command: { constructor: { name: string } }) => {
        assert.equal(command.constructor.name, 'SimulatePrincipalPolicyCommand');
        return {
          EvaluationResults: [
            {
              EvalDecision: decision,
              MatchedStatements: [{ SourcePolicyId: 'DenyOutsideExampleCom', SourcePolicyType: 'IAM Policy' }],
            },
          ],
        };
      },
    };
    const real = doctorAwsFrom({
      iam: iam as never,
      ses: () => ({ send: async () => ({}) }) as never,
      sts: {
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:9',
        credentials: async () => ({ accessKeyId: 'x', secretAccessKey: 'y' }),
      },
    });
    return fakeAws({ simulateSend: real.simulateSend });
  };
  test('an explicit Deny names the policy that decided, not its type', async () => {
    const aws = simulating('explicitDeny');
    const [f] = await checkPermission(aws, await lookupKey(aws, KEY), 'eu-west-1', 'app@example.com');
    assert.equal(f.cause, 'explicit-deny');
    assert.equal(
      f.title,
      'An explicit Deny in DenyOutsideExampleCom stops IAM user smtp-user from sending as app@example.com.',
    );
    assert.ok(f.evidence.includes('decided by: DenyOutsideExampleCom'), f.evidence.join(' | '));
    assert.ok(!f.title.includes('IAM Policy'));
  });
  test('false alarm: an allowed simulation is a pass naming nothing as wrong', async () => {
    const aws = simulating('allowed');
    const [f] = await checkPermission(aws, await lookupKey(aws, KEY), 'eu-west-1', 'app@example.com');
    assert.deepEqual(
      [f.verdict, f.title, f.fix],
      ['pass', 'IAM user smtp-user may call ses:SendRawEmail as app@example.com.', undefined],
    );
  });
});
