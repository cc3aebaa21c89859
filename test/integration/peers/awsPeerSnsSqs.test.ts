// SNS and SQS of the AWS API peer through the SDK's current clients (awsQuery for SNS, AWS JSON 1.0
// for SQS): topics, queues, policies, fan-out in SNS's envelope only where the queue policy admits
// the topic, long polling that waits and wakes on arrival, and SES's event publishing from the
// SES-like SMTP server through a configuration set's SNS destination.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetTopicAttributesCommand,
  PublishCommand,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { startAwsPeer, type AwsPeer } from '../../support/awsPeer';
import { startSesSmtpServer, type SesServer } from '../../support/sesSmtpServer';
import { referenceSmtpPassword } from '../../support/smtpPasswordV4';

const REGION = 'eu-west-1';
let peer: AwsPeer;
let sns: SNSClient;
let sqs: SQSClient;

const config = (): object => ({ region: REGION, endpoint: peer.endpoint, credentials: peer.credentials });
const queuePolicy = (queueArn: string, topicArn: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
      },
    ],
  });

async function makeQueue(name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl ?? '', arn: attrs.Attributes?.QueueArn ?? '' };
}

before(async () => {
  peer = await startAwsPeer();
  sns = new SNSClient(config());
  sqs = new SQSClient(config());
});
after(async () => {
  sns.destroy();
  sqs.destroy();
  await peer.stop();
});

describe('SNS', () => {
  test('CreateTopic answers the ARN; attributes round-trip; a missing topic is NotFound', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'peer-topic' }));
    assert.equal(TopicArn, `arn:aws:sns:${REGION}:${peer.account}:peer-topic`);
    await sns.send(
      new SetTopicAttributesCommand({ TopicArn, AttributeName: 'Policy', AttributeValue: '{"Statement":[]}' }),
    );
    const got = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
    assert.equal(got.Attributes?.Policy, '{"Statement":[]}');
    assert.equal(got.Attributes?.TopicArn, TopicArn);
    await sns.send(new DeleteTopicCommand({ TopicArn }));
    await assert.rejects(
      sns.send(new GetTopicAttributesCommand({ TopicArn })),
      (e: Error) => e.name === 'NotFoundException',
    );
  });

  test('a bad topic name is InvalidParameter', async () => {
    await assert.rejects(
      sns.send(new CreateTopicCommand({ Name: 'bad name' })),
      (e: Error) => e.name === 'InvalidParameterException',
    );
  });
});

describe('SQS', () => {
  test('a missing queue is QueueDoesNotExist', async () => {
    await assert.rejects(
      sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: `${peer.endpoint}/${peer.account}/nope`, AttributeNames: ['All'] }),
      ),
      (e: Error) => e.name === 'QueueDoesNotExist',
    );
  });

  test('WaitTimeSeconds above 20 is refused', async () => {
    const q = await makeQueue('peer-wait-bounds');
    await assert.rejects(
      sqs.send(new ReceiveMessageCommand({ QueueUrl: q.url, WaitTimeSeconds: 21 })),
      (e: Error) => e.name === 'InvalidParameterValue' || /WaitTimeSeconds/.test(e.message),
    );
    await sqs.send(new DeleteQueueCommand({ QueueUrl: q.url }));
  });

  test('a long poll waits for a message and wakes when one arrives', async () => {
    const topic = await sns.send(new CreateTopicCommand({ Name: 'peer-fanout' }));
    const q = await makeQueue('peer-fanout');
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: q.url,
        Attributes: { Policy: queuePolicy(q.arn, topic.TopicArn ?? '') },
      }),
    );
    await sns.send(new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: 'sqs', Endpoint: q.arn }));
    let resolved = false;
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl: q.url, WaitTimeSeconds: 20 })).then((r) => {
      resolved = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(resolved, false, 'the poll is still waiting with the queue empty');
    await sns.send(new PublishCommand({ TopicArn: topic.TopicArn, Message: '{"hello":1}', Subject: 's' }));
    const got = await polling;
    assert.equal(got.Messages?.length, 1);
    const envelope = JSON.parse(got.Messages?.[0].Body ?? '{}') as Record<string, string>;
    assert.equal(envelope.Type, 'Notification');
    assert.equal(envelope.TopicArn, topic.TopicArn);
    assert.equal(envelope.Message, '{"hello":1}');
    assert.equal(envelope.Subject, 's');
    assert.ok(envelope.MessageId && envelope.Timestamp);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: q.url, ReceiptHandle: got.Messages?.[0].ReceiptHandle }));
    assert.deepEqual(peer.snsSqs.queueBodies(REGION, 'peer-fanout'), []);
  });

  test('fan-out honours the queue policy: another topic is not admitted', async () => {
    const admitted = await sns.send(new CreateTopicCommand({ Name: 'peer-admitted' }));
    const other = await sns.send(new CreateTopicCommand({ Name: 'peer-other' }));
    const q = await makeQueue('peer-policy');
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: q.url,
        Attributes: { Policy: queuePolicy(q.arn, admitted.TopicArn ?? '') },
      }),
    );
    await sns.send(new SubscribeCommand({ TopicArn: admitted.TopicArn, Protocol: 'sqs', Endpoint: q.arn }));
    const sub = await sns.send(new SubscribeCommand({ TopicArn: other.TopicArn, Protocol: 'sqs', Endpoint: q.arn }));
    await sns.send(new PublishCommand({ TopicArn: other.TopicArn, Message: 'from-other' }));
    await sns.send(new PublishCommand({ TopicArn: admitted.TopicArn, Message: 'from-admitted' }));
    const bodies = peer.snsSqs
      .queueBodies(REGION, 'peer-policy')
      .map((b) => (JSON.parse(b) as { Message: string }).Message);
    assert.deepEqual(bodies, ['from-admitted']);
    await sns.send(new UnsubscribeCommand({ SubscriptionArn: sub.SubscriptionArn }));
  });

  test('a queue without a policy gets nothing from a subscribed topic', async () => {
    const topic = await sns.send(new CreateTopicCommand({ Name: 'peer-nopolicy' }));
    const q = await makeQueue('peer-nopolicy');
    await sns.send(new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: 'sqs', Endpoint: q.arn }));
    await sns.send(new PublishCommand({ TopicArn: topic.TopicArn, Message: 'x' }));
    assert.deepEqual(peer.snsSqs.queueBodies(REGION, 'peer-nopolicy'), []);
  });
});

describe('SES event publishing through the SES-like SMTP server', () => {
  let smtp: SesServer;
  const user = { accessKeyId: 'AKIASMTPEVENTS000001', secretAccessKey: 'smtpEventsSecret0000000000000000000000000' };
  before(async () => {
    smtp = await startSesSmtpServer({
      region: REGION,
      tls: 'starttls',
      users: [user],
      verified: ['example.com'],
      events: peer,
    });
  });
  after(() => smtp.stop());

  test('each simulator address gets its documented events, with the 250 reply’s id', async () => {
    const ses = new SESv2Client(config());
    const topic = await sns.send(new CreateTopicCommand({ Name: 'peer-ses-events' }));
    const q = await makeQueue('peer-ses-events');
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: q.url,
        Attributes: { Policy: queuePolicy(q.arn, topic.TopicArn ?? '') },
      }),
    );
    await sns.send(new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: 'sqs', Endpoint: q.arn }));
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'peer-tracking' }));
    await ses.send(
      new CreateConfigurationSetEventDestinationCommand({
        ConfigurationSetName: 'peer-tracking',
        EventDestinationName: 'to-sns',
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ['SEND', 'DELIVERY', 'BOUNCE', 'COMPLAINT'],
          SnsDestination: { TopicArn: topic.TopicArn },
        },
      }),
    );
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      requireTLS: true,
      tls: { ca: smtp.ca },
      auth: { user: user.accessKeyId, pass: referenceSmtpPassword(user.secretAccessKey, REGION) },
    });
    const info = await transport.sendMail({
      from: 'me@example.com',
      to: [
        'success@simulator.amazonses.com',
        'bounce+x@simulator.amazonses.com',
        'complaint@simulator.amazonses.com',
        'suppressionlist@simulator.amazonses.com',
      ],
      subject: 'events',
      text: 'hi',
      headers: { 'X-SES-CONFIGURATION-SET': 'peer-tracking' },
    });
    transport.close();
    const id = /Ok (\S+)/.exec(info.response)?.[1];
    assert.ok(id);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- SES's event JSON, read field by field below
    const events: Array<Record<string, any>> = [];
    for (let i = 0; i < 5 && events.length < 6; i++) {
      const got = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: q.url, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }),
      );
      for (const m of got.Messages ?? []) {
        events.push(JSON.parse((JSON.parse(m.Body ?? '{}') as { Message: string }).Message));
        await sqs.send(new DeleteMessageCommand({ QueueUrl: q.url, ReceiptHandle: m.ReceiptHandle }));
      }
    }
    assert.ok(events.every((e) => e.mail.messageId === id));
    assert.deepEqual(events.map((e) => e.eventType).sort(), [
      'Bounce',
      'Bounce',
      'Complaint',
      'Delivery',
      'Delivery',
      'Send',
    ]);
    const bounce = events.find((e) => e.eventType === 'Bounce' && e.bounce.bounceSubType === 'General');
    assert.equal(bounce?.bounce.bounceType, 'Permanent');
    assert.equal(bounce?.bounce.bouncedRecipients[0].emailAddress, 'bounce+x@simulator.amazonses.com');
    assert.match(bounce?.bounce.bouncedRecipients[0].diagnosticCode, /550 5\.1\.1/);
    const suppressed = events.find(
      (e) => e.eventType === 'Bounce' && e.bounce.bounceSubType === 'OnAccountSuppressionList',
    );
    assert.match(suppressed?.bounce.bouncedRecipients[0].diagnosticCode, /suppression list/);
    assert.deepEqual(events.find((e) => e.eventType === 'Complaint')?.complaint.complainedRecipients, [
      { emailAddress: 'complaint@simulator.amazonses.com' },
    ]);
    ses.destroy();
  });

  test('a mail without the configuration set header publishes nothing', async () => {
    const before = peer.requests.length;
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      requireTLS: true,
      tls: { ca: smtp.ca },
      auth: { user: user.accessKeyId, pass: referenceSmtpPassword(user.secretAccessKey, REGION) },
    });
    await transport.sendMail({
      from: 'me@example.com',
      to: 'success@simulator.amazonses.com',
      subject: 'x',
      text: 'x',
    });
    transport.close();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(peer.snsSqs.queueBodies(REGION, 'peer-ses-events'), []);
    assert.equal(peer.requests.length, before);
  });
});
