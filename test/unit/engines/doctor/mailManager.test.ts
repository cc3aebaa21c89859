// The Send action's role as IAM's simulation decides it (allowed, denied), the Mail Manager API
// missing from the bundle, and the all-clear: the branches the AWS peer cannot reach (it simulates
// users, not roles). The wire itself is tested in test/integration/engines/doctor/mailManager.test.ts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ingressFindings, type MailManagerPort } from '../../../../src/engines/doctor/mailManager';
import type { DoctorInput, Simulation } from '../../../../src/engines/doctor/types';

const ROLE = 'arn:aws:iam::123456789012:role/send';
const input: DoctorInput = {
  username: 'inp-abf4ke5jozwe5ynkrhctyiab',
  password: 'x',
  region: 'eu-west-1',
  host: 'jwij4ht3pzhr.hkph.mail-manager-smtp.amazonaws.com',
  port: 587,
  tls: 'starttls',
  from: 'app@example.com',
  aws: true,
};
const port: MailManagerPort = {
  ingressPoint: async (_r, id) => ({
    id,
    status: 'ACTIVE',
    type: 'AUTH',
    ruleSetId: 'rs',
    tlsPolicy: 'REQUIRED',
    passwordConfigured: true,
  }),
  ingressPointByHost: async () => undefined,
  ruleSet: async (_r, id) => ({ id, rules: [{ name: 'out', sendRoles: [{ roleArn: ROLE }], actions: ['Send'] }] }),
};
const simulating = (decision: Simulation['decision'], asked: string[][] = []) => ({
  simulateSend: async (arn: string, resource: string, from: string): Promise<Simulation> => {
    asked.push([arn, resource, from]);
    return { decision, policies: [] };
  },
});

describe('Doctor: the Send action of a Mail Manager rule set', () => {
  test('a role that may send: all clear, simulated for the From domain in the region', async () => {
    const asked: string[][] = [];
    const findings = await ingressFindings(input, port, simulating('allowed', asked));
    assert.deepEqual(
      findings.map((f) => f.verdict),
      ['pass', 'pass'],
    );
    assert.equal(findings[0].title, 'The ingress endpoint is ACTIVE and sends to the internet.');
    assert.match(findings[1].title, /Rule out sends to the internet as arn:aws:iam::123456789012:role\/send/);
    assert.deepEqual(asked, [[ROLE, 'arn:aws:ses:eu-west-1:123456789012:identity/example.com', 'app@example.com']]);
  });

  test('a role that may not send: the mail is dropped, the permission named', async () => {
    for (const decision of ['implicitDeny', 'explicitDeny'] as const) {
      const [f] = await ingressFindings(input, port, simulating(decision));
      assert.equal(f.cause, 'send-role-denied');
      assert.equal(f.verdict, 'fail');
      assert.match(f.title, new RegExp(`may not call ses:SendRawEmail \\(${decision}\\)`));
      assert.match(f.fix!, /Allow ses:SendRawEmail for arn:aws:ses:eu-west-1:123456789012:identity\/example\.com/);
    }
  });

  test('no Mail Manager API in the bundle: skipped, not failed', async () => {
    const [f] = await ingressFindings(input, undefined, undefined);
    assert.equal(f.verdict, 'skipped');
    assert.equal(f.check, 'ingress');
  });

  test('bad input is refused', async () => {
    await assert.rejects(ingressFindings(undefined as never, port, undefined), /ingressFindings/);
  });
});
