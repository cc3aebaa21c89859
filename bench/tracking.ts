// The delivery tracking rows of bench/RESULTS.md (#26), against the AWS API peer's SNS and SQS and
// the SES-like SMTP server, which publishes SES's events for mail sent with the tracking
// configuration set after its 250 reply:
// - the send itself: a test mail with the tracking configuration set vs the same mail without one
//   (sendTestMail, the engine path the extension runs), the SMTP server behind the delaying proxy;
// - an event shown: from the mail's 250 reply until the follower shows its Delivery (followMessages,
//   the code the form and the notification run, over the extension's SQS client) vs a bare SQS
//   long-poll loop of the AWS SDK on the same queue, both with SQS behind the delaying proxy.
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { trackingClients } from '../src/engines/bundles/aws';
import {
  deleteTrackingMessages,
  receiveTrackingMessages,
  removeTracking,
  setUpTracking,
} from '../src/engines/aws/tracking';
import { sendTestMail } from '../src/engines/smtp/send';
import { deriveSmtpPassword } from '../src/base/password';
import { followMessages } from '../src/features/delivery/logic/follow';
import { startAwsPeer } from '../test/support/awsPeer';
import { startSesSmtpServer } from '../test/support/sesSmtpServer';
import { startDelayProxy } from './delayProxy';
import { interleaved, median, msRange, ratioRange, timed, type Row } from './pairs';

const REGION = 'eu-west-1';
const USER = { accessKeyId: 'AKIABENCHTRACKING001', secretAccessKey: 'benchTrackingSecret00000000000000000000' };

export async function trackingRows(PAIRS: number, DELAY_MS: number): Promise<Row[]> {
  const peer = await startAwsPeer();
  const smtp = await startSesSmtpServer({
    region: REGION,
    tls: 'starttls',
    users: [USER],
    verified: ['example.com'],
    events: peer,
  });
  const smtpProxy = await startDelayProxy({ host: smtp.host, port: smtp.port }, DELAY_MS);
  const awsUrl = new URL(peer.endpoint);
  const awsProxy = await startDelayProxy({ host: awsUrl.hostname, port: Number(awsUrl.port) }, DELAY_MS);
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  process.env.AWS_ACCESS_KEY_ID = peer.credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = peer.credentials.secretAccessKey;
  // Setup and removal straight to the peer; the long polls through the delaying proxy.
  const direct = trackingClients({ region: REGION, endpoint: peer.endpoint });
  const delayed = trackingClients({ region: REGION, endpoint: `http://127.0.0.1:${awsProxy.port}` });
  const state = await setUpTracking(direct, REGION);
  const password = deriveSmtpPassword(USER.secretAccessKey, REGION);
  const send = async (configurationSet?: string): Promise<[number, string]> => {
    const [t, outcome] = await timed(() =>
      sendTestMail({
        host: '127.0.0.1',
        port: smtpProxy.port,
        tls: 'starttls',
        username: USER.accessKeyId,
        password,
        ca: smtp.ca,
        mail: {
          from: 'bench@example.com',
          to: ['success@simulator.amazonses.com'],
          subject: 'tracking bench',
          text: 'x',
          ...(configurationSet ? { configurationSet } : {}),
        },
      }),
    );
    if (!outcome.ok || !outcome.messageId) throw new Error('the bench send failed');
    return [t, outcome.messageId];
  };
  /** Empties the queue (the events of the sends above) so each sample starts from an empty queue. */
  const drain = async (): Promise<void> => {
    for (;;) {
      const got = await receiveTrackingMessages(direct.sqs, state.queueUrl, 0);
      if (!got.length) return;
      await deleteTrackingMessages(
        direct.sqs,
        state.queueUrl,
        got.map((m) => m.receiptHandle),
      );
    }
  };
  const rows: Row[] = [];
  try {
    const sendStats = await interleaved(
      PAIRS,
      async () => (await send(state.configurationSet))[0],
      async () => (await send())[0],
    );
    rows.push({
      what: `a test mail with the tracking configuration set vs the same mail without one (sendTestMail; the SES-like server publishes the events after its reply), ${DELAY_MS} ms each way, ${PAIRS} interleaved pairs`,
      ours: msRange(sendStats.a),
      baseline: msRange(sendStats.b),
      ratio: ratioRange(sendStats.ratios),
      target: '≤ 1.05 × (tracking adds no time to the send)',
      met: median(sendStats.ratios) <= 1.05 ? 'yes' : 'no',
    });
    await drain();

    // Following starts after the 250 reply, as in the form and the notification.
    const ours = async (): Promise<number> => {
      await drain();
      let shownAt = 0;
      const [, id] = await send(state.configurationSet);
      const sentAt = performance.now();
      const result = await followMessages(
        {
          receive: (wait, signal) => receiveTrackingMessages(delayed.sqs, state.queueUrl, wait, { signal }),
          remove: (handles) => deleteTrackingMessages(delayed.sqs, state.queueUrl, handles),
          keep: () => undefined,
          log: () => undefined,
        },
        [id],
        {
          recipients: ['success@simulator.amazonses.com'],
          totalMs: 30_000,
          onUpdate: (t) => {
            if (!shownAt && t[0].recipients[0]?.outcome === 'delivered') shownAt = performance.now();
          },
        },
      );
      if (result.stopped !== 'settled' || !shownAt) throw new Error(`following stopped: ${result.stopped}`);
      return shownAt - sentAt;
    };
    const bare = async (): Promise<number> => {
      await drain();
      const [, id] = await send(state.configurationSet);
      const sentAt = performance.now();
      for (;;) {
        const out = await delayed.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: state.queueUrl, WaitTimeSeconds: 20, MaxNumberOfMessages: 10 }),
        );
        let seen = false;
        for (const m of out.Messages ?? []) {
          if (m.Body?.includes(id) && m.Body.includes('Delivery')) seen = true;
          await delayed.sqs.send(
            new DeleteMessageCommand({ QueueUrl: state.queueUrl, ReceiptHandle: m.ReceiptHandle }),
          );
        }
        if (seen) return performance.now() - sentAt;
      }
    };
    const eventStats = await interleaved(PAIRS, ours, bare);
    rows.push({
      what: `delivery event shown: from the 250 reply until the follower shows the Delivery (followMessages over the extension's SQS client) vs a bare AWS SDK long-poll loop on the same queue, SQS ${DELAY_MS} ms each way, ${PAIRS} interleaved pairs`,
      ours: msRange(eventStats.a),
      baseline: msRange(eventStats.b),
      ratio: ratioRange(eventStats.ratios),
      target: '≤ 1.2 × and within one long poll (20 s)',
      met: median(eventStats.ratios) <= 1.2 && Math.max(...eventStats.a) < 20_000 ? 'yes' : 'no',
    });
  } finally {
    await removeTracking(direct, state).catch(() => undefined);
    direct.destroy();
    delayed.destroy();
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    await awsProxy.stop();
    await smtpProxy.stop();
    await smtp.stop();
    await peer.stop();
  }
  return rows;
}
