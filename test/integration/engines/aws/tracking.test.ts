// Delivery tracking end to end against the peers: set up in a region, a mail sent through the
// SES-like SMTP server with the tracking configuration set, its events read from the queue as the
// extension reads them (each simulator address's documented outcome), removal leaving the peer as
// it was, and a fault mid-way rolled back to the same state.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { trackingClients } from '../../../../src/engines/bundles/aws';
import {
  deleteTrackingMessages,
  receiveTrackingMessages,
  removeTracking,
  setUpTracking,
  TrackingStepError,
} from '../../../../src/engines/aws/tracking';
import { followMessage } from '../../../../src/features/delivery/logic/follow';
import type { DeliveryEvent } from '../../../../src/features/delivery/logic/events';
import { startAwsPeer, type AwsPeer } from '../../../support/awsPeer';
import { startSesSmtpServer, type SesServer } from '../../../support/sesSmtpServer';
import { referenceSmtpPassword } from '../../../support/smtpPasswordV4';

const REGION = 'eu-west-1';
const USER = { accessKeyId: 'AKIATRACKINGUSER0001', secretAccessKey: 'trackingUserSecret000000000000000000000' };
let peer: AwsPeer;
let smtp: SesServer;
let clients: ReturnType<typeof trackingClients>;

const snapshot = () => ({
  ...peer.snsSqs.snapshot(REGION),
  sets: Object.keys(peer.ses.configurationSets(REGION)).sort(),
});

before(async () => {
  peer = await startAwsPeer();
  smtp = await startSesSmtpServer({
    region: REGION,
    tls: 'starttls',
    users: [USER],
    verified: ['example.com'],
    // A set of the SMTP server's own, without an event destination (SES would send it untracked).
    configurationSets: ['other-set'],
    events: peer,
  });
  process.env.AWS_ACCESS_KEY_ID = peer.credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = peer.credentials.secretAccessKey;
  clients = trackingClients({ region: REGION, endpoint: peer.endpoint });
});
after(async () => {
  clients.destroy();
  await smtp.stop();
  await peer.stop();
});

async function send(to: string[], configurationSet: string): Promise<string> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    requireTLS: true,
    tls: { ca: smtp.ca },
    auth: { user: USER.accessKeyId, pass: referenceSmtpPassword(USER.secretAccessKey, REGION) },
  });
  try {
    const info = await transport.sendMail({
      from: 'me@example.com',
      to,
      subject: 'tracking',
      text: 'hello',
      headers: { 'X-SES-CONFIGURATION-SET': configurationSet },
    });
    return /Ok (\S+)/.exec(info.response)?.[1] ?? '';
  } finally {
    transport.close();
  }
}

describe('delivery tracking against the peers', () => {
  test('setup → send → each simulator address’s outcome → removal restores the peer', async () => {
    const before = snapshot();
    const steps: string[] = [];
    const state = await setUpTracking(clients, REGION, { onStep: (s) => steps.push(s.action) });
    assert.equal(steps.length, 8);
    assert.deepEqual(snapshot().sets, [...before.sets, 'ses-smtp-toolkit-tracking'].sort());
    assert.deepEqual(snapshot().queues, ['ses-smtp-toolkit-tracking']);

    const to = [
      'success@simulator.amazonses.com',
      'bounce@simulator.amazonses.com',
      'complaint@simulator.amazonses.com',
      'suppressionlist@simulator.amazonses.com',
    ];
    const id = await send(to, state.configurationSet);
    const kept: DeliveryEvent[] = [];
    const result = await followMessage(
      {
        receive: (wait, signal) => receiveTrackingMessages(clients.sqs, state.queueUrl, wait, { signal }),
        remove: (handles) => deleteTrackingMessages(clients.sqs, state.queueUrl, handles),
        keep: (e) => void kept.push(...e),
        log: (l) => assert.fail(l),
      },
      id,
      { recipients: to, totalMs: 30_000 },
    );
    assert.equal(result.stopped, 'settled');
    const outcomes = Object.fromEntries(result.timeline.recipients.map((r) => [r.recipient, r.outcome]));
    assert.deepEqual(outcomes, {
      'success@simulator.amazonses.com': 'delivered',
      'bounce@simulator.amazonses.com': 'bounced',
      'complaint@simulator.amazonses.com': 'complained',
      'suppressionlist@simulator.amazonses.com': 'bounced',
    });
    const bounceLine = result.timeline.recipients[1].lines.join('\n');
    assert.match(bounceLine, /Bounced \(Permanent \/ General\): smtp; 550 5\.1\.1 user unknown/);
    assert.match(result.timeline.recipients[3].lines.join('\n'), /on the account's suppression list/);
    assert.ok(kept.every((e) => e.messageId === id));
    assert.deepEqual(peer.snsSqs.queueBodies(REGION, 'ses-smtp-toolkit-tracking'), [], 'every read message is deleted');

    await removeTracking(clients, state);
    assert.deepEqual(snapshot(), before);
  });

  test('a fault mid-way (sns:Subscribe, not retried) rolls back to the state before', async () => {
    const before = snapshot();
    peer.snsSqs.faults.set('sns:Subscribe', { status: 400, code: 'InvalidParameter', message: 'injected' });
    await assert.rejects(setUpTracking(clients, REGION), (e: TrackingStepError) => {
      assert.equal(e.action, 'sns:Subscribe');
      assert.match(e.message, /Nothing was left behind/);
      return true;
    });
    assert.deepEqual(snapshot(), before);
  });

  test('a missing permission is named with the action, and rolled back', async () => {
    const before = snapshot();
    peer.snsSqs.faults.set('sqs:CreateQueue', {
      status: 403,
      code: 'AccessDenied',
      message: 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sqs:createqueue',
    });
    await assert.rejects(setUpTracking(clients, REGION), (e: TrackingStepError) => {
      assert.equal(e.accessDenied, true);
      assert.match(e.message, /^Access denied for sqs:CreateQueue: allow sqs:CreateQueue/);
      return true;
    });
    assert.deepEqual(snapshot(), before);
  });

  test('a configuration set of that name made elsewhere: refused, the peer untouched', async () => {
    peer.ses.configurationSets(REGION)['ses-smtp-toolkit-tracking'] = [];
    const before = snapshot();
    await assert.rejects(setUpTracking(clients, REGION), (e: Error) => /already exists in eu-west-1/.test(e.message));
    assert.deepEqual(snapshot(), before);
    delete peer.ses.configurationSets(REGION)['ses-smtp-toolkit-tracking'];
  });

  test('SNS’s AuthorizationError is read as a missing permission too', async () => {
    peer.snsSqs.faults.set('sns:CreateTopic', {
      status: 403,
      code: 'AuthorizationError',
      message: 'not authorized to perform: SNS:CreateTopic',
    });
    await assert.rejects(setUpTracking(clients, REGION), (e: Error) =>
      /^Access denied for sns:CreateTopic/.test(e.message),
    );
  });

  test('a mail with another configuration set is not tracked (nothing reaches the queue)', async () => {
    const state = await setUpTracking(clients, REGION);
    await send(['success@simulator.amazonses.com'], 'other-set');
    const got = await receiveTrackingMessages(clients.sqs, state.queueUrl, 1);
    assert.deepEqual(got, []);
    await removeTracking(clients, state);
  });
});
