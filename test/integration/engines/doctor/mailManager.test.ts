// The Doctor's Mail Manager check over the wire: the AWS API peer serves Mail Manager in AWS's JSON
// 1.0 protocol (MailManagerSvc.<Operation>, signed as "ses"); the port (mailManagerApi.ts) reads the
// ingress point and its rule set; doctorAwsFrom wires it with IAM's SimulatePrincipalPolicy for the
// Send action's role (the peer simulates users only, so a role cannot be checked: said so).
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { IAMClient } from '@aws-sdk/client-iam';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { doctorAwsFrom } from '../../../../src/engines/doctor/awsPorts';
import { ingressFindings } from '../../../../src/engines/doctor/mailManager';
import { mailManagerPort, mailManagerCall } from '../../../../src/engines/doctor/mailManagerApi';
import type { DoctorAws, DoctorInput } from '../../../../src/engines/doctor/types';
import { startAwsPeer, type AwsPeer } from '../../../support/awsPeer';
import type { PeerIngressPoint, PeerRuleSet } from '../../../support/awsPeerMailManager';

const REGION = 'eu-west-1';
const HOST = 'jwij4ht3pzhr.hkph.mail-manager-smtp.amazonaws.com';
const ID = 'inp-abf4ke5jozwe5ynkrhctyiab';
const ROLE = 'arn:aws:iam::123456789012:role/mail-manager-send';

const point = (over: Partial<PeerIngressPoint> = {}): PeerIngressPoint => ({
  IngressPointId: ID,
  IngressPointName: 'app-submission',
  Status: 'ACTIVE',
  Type: 'AUTH',
  ARecord: HOST,
  RuleSetId: 'rs-1',
  TrafficPolicyId: 'tp-1',
  TlsPolicy: 'REQUIRED',
  IngressPointAuthConfiguration: { IngressPointPasswordConfiguration: { SmtpPasswordVersion: '1' } },
  ...over,
});
const ruleSet = (actions: Array<Record<string, unknown>>): PeerRuleSet => ({
  RuleSetId: 'rs-1',
  RuleSetName: 'outbound',
  Rules: [{ Name: 'all', Actions: actions }],
});

describe('Doctor: Mail Manager ingress endpoint against the AWS peer', () => {
  let peer: AwsPeer;
  let aws: DoctorAws;
  const input = (over: Partial<DoctorInput> = {}): DoctorInput => ({
    username: ID,
    password: 'x',
    region: REGION,
    host: HOST,
    port: 587,
    tls: 'starttls',
    from: 'app@example.com',
    aws: true,
    ...over,
  });
  const run = (over: Partial<DoctorInput> = {}) => ingressFindings(input(over), aws.mailManager, aws);
  const causes = async (over: Partial<DoctorInput> = {}) =>
    (await run(over)).map((f) => `${f.verdict}:${f.cause ?? ''}`);

  before(async () => {
    peer = await startAwsPeer();
    const credentials = peer.credentials;
    aws = doctorAwsFrom({
      iam: new IAMClient({ region: 'us-east-1', endpoint: peer.endpoint, credentials, maxAttempts: 1 }),
      ses: (r) => new SESv2Client({ region: r, endpoint: peer.endpoint, credentials, maxAttempts: 1 }),
      sts: { region: REGION, endpoint: peer.endpoint, credentials: async () => credentials },
    });
  });
  after(() => peer?.stop());
  beforeEach(() => {
    peer.mailManager.ingressPoints.set(REGION, [point()]);
    peer.mailManager.ruleSets.set(REGION, [ruleSet([{ Send: { RoleArn: ROLE } }])]);
    peer.mailManager.denied.clear();
  });

  test('the wire: GetIngressPoint, ListIngressPoints and GetRuleSet in JSON 1.0, errors with their type', async () => {
    const port = mailManagerPort({ endpoint: peer.endpoint, credentials: async () => peer.credentials });
    const got = await port.ingressPoint(REGION, ID);
    assert.deepEqual(
      {
        type: got.type,
        status: got.status,
        tls: got.tlsPolicy,
        ruleSet: got.ruleSetId,
        password: got.passwordConfigured,
      },
      { type: 'AUTH', status: 'ACTIVE', tls: 'REQUIRED', ruleSet: 'rs-1', password: true },
    );
    assert.equal(await port.ingressPointByHost(REGION, HOST.toUpperCase()), ID);
    assert.equal(await port.ingressPointByHost(REGION, 'other.abcd.mail-manager-smtp.amazonaws.com'), undefined);
    assert.deepEqual((await port.ruleSet(REGION, 'rs-1')).rules[0].sendRoles, [
      { roleArn: ROLE, failurePolicy: undefined },
    ]);
    await assert.rejects(
      mailManagerCall({ endpoint: peer.endpoint, credentials: async () => peer.credentials }, REGION, 'GetRuleSet', {
        RuleSetId: 'nope',
      }),
      {
        name: 'ResourceNotFoundException',
      },
    );
    const seen = peer.requests.filter((r) => r.startsWith('mailmanager:'));
    assert.ok(
      seen.includes('mailmanager:GetIngressPoint') && seen.includes('mailmanager:ListIngressPoints'),
      seen.join(),
    );
  });

  test('an ACTIVE AUTH endpoint with a Send action: the role is named, unchecked here (the peer simulates users only)', async () => {
    const findings = await run();
    assert.deepEqual(
      findings.map((f) => `${f.verdict}:${f.cause ?? ''}`),
      ['warn:send-role-unchecked'],
    );
    assert.match(findings[0].title, /arn:aws:iam::123456789012:role\/mail-manager-send/);
    assert.match(findings[0].fix!, /ses:SendRawEmail/);
    assert.ok(findings[0].evidence.some((e) => /type AUTH, status ACTIVE, TLS policy REQUIRED/.test(e)));
  });

  test('no "Send to internet" action: 250 and no mail, named', async () => {
    peer.mailManager.ruleSets.set(REGION, [ruleSet([{ Archive: { TargetArchive: 'a-1' } }, { Drop: {} }])]);
    const findings = await run();
    assert.deepEqual(
      findings.map((f) => f.cause),
      ['no-send-action'],
    );
    assert.match(findings[0].title, /answers 250 and the mail never leaves/);
    assert.ok(findings[0].evidence.includes('rule all: Archive, Drop'));
  });

  test('the IAM key sent to an AUTH endpoint, an endpoint not ACTIVE, TLS optional: each named', async () => {
    // Found by its A record when the username is not the ingress id.
    assert.deepEqual(await causes({ username: 'AKIAIOSFODNN7EXAMPLE' }), [
      'fail:ingress-v4-password',
      'warn:send-role-unchecked',
    ]);
    peer.mailManager.ingressPoints.set(REGION, [point({ Status: 'CLOSED', TlsPolicy: 'OPTIONAL' })]);
    assert.deepEqual(await causes(), [
      'fail:ingress-not-active',
      'warn:ingress-tls-optional',
      'warn:send-role-unchecked',
    ]);
    peer.mailManager.ingressPoints.set(REGION, [point({ Type: 'OPEN', RuleSetId: undefined })]);
    assert.deepEqual(await causes({ username: 'someone' }), ['warn:ingress-open', 'fail:no-send-action']);
  });

  test('not found in the region; no region; a denied call names the permission it needs', async () => {
    assert.deepEqual(await causes({ region: 'us-east-1' }), ['fail:ingress-not-found']);
    assert.deepEqual(await causes({ region: undefined }), ['skipped:no-region']);
    peer.mailManager.denied.add('GetRuleSet');
    const denied = await run();
    assert.deepEqual(
      denied.map((f) => f.title),
      ['skipped: needs ses:GetRuleSet'],
    );
    peer.mailManager.denied.add('GetIngressPoint');
    assert.deepEqual(
      (await run()).map((f) => f.title),
      ['skipped: needs ses:GetIngressPoint'],
    );
    peer.mailManager.denied.add('ListIngressPoints');
    assert.deepEqual(
      (await run({ username: 'someone' })).map((f) => f.title),
      ['skipped: needs ses:ListIngressPoints'],
    );
  });
});
