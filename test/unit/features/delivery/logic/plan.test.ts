import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { COST_NOTE, removalPreview, setupPreview } from '../../../../../src/features/delivery/logic/plan';
import { queuePolicy, topicPolicy, SETUP_ACTIONS } from '../../../../../src/engines/aws/trackingPlan';

describe('the setup preview', () => {
  const { summary, detail } = setupPreview('eu-west-1', 'the AWS profile "admin"');
  test('names the region, the profile and exactly the four things it creates', () => {
    assert.equal(summary, 'Set up delivery tracking in eu-west-1');
    assert.match(detail, /^In eu-west-1, with the AWS profile "admin", this creates:/);
    assert.deepEqual(
      detail
        .split('\n')
        .filter((l) => l.startsWith('• '))
        .map((l) => l.split(/[ ,]/).slice(1, 3).join(' ')),
      ['SNS topic', 'SQS queue', "the queue's", 'configuration set'],
    );
    assert.match(
      detail,
      /configuration set ses-smtp-toolkit-tracking with event destination ses-smtp-toolkit-to-sns: SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, DELIVERY_DELAY, RENDERING_FAILURE to the topic/,
    );
  });
  test('every IAM action of the setup, the follow and the removal, and the cost', () => {
    for (const a of [...SETUP_ACTIONS, 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sns:DeleteTopic', 'sqs:DeleteQueue'])
      assert.ok(detail.includes(a), a);
    assert.ok(detail.includes(COST_NOTE));
  });
});

describe('the removal preview', () => {
  test('lists the four ARNs and names of the saved state', () => {
    const { detail } = removalPreview({
      region: 'eu-west-1',
      topicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-smtp-toolkit-tracking',
      queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/ses-smtp-toolkit-tracking',
      queueArn: 'arn:aws:sqs:eu-west-1:123456789012:ses-smtp-toolkit-tracking',
      subscriptionArn: 'arn:aws:sns:eu-west-1:123456789012:ses-smtp-toolkit-tracking:abc',
      configurationSet: 'ses-smtp-toolkit-tracking',
      createdAt: '2026-12-07T00:00:00.000Z',
    });
    assert.equal(detail.split('\n').filter((l) => l.startsWith('• ')).length, 4);
    assert.match(detail, /subscription arn:aws:sns:eu-west-1:123456789012:ses-smtp-toolkit-tracking:abc/);
  });
});

describe('the policies', () => {
  test('the queue admits only the tracking topic', () => {
    const p = JSON.parse(queuePolicy('arn:aws:sqs:eu-west-1:1:q', 'arn:aws:sns:eu-west-1:1:t')) as {
      Statement: Array<{ Principal: unknown; Action: string; Condition: unknown }>;
    };
    assert.equal(p.Statement.length, 1);
    assert.deepEqual(p.Statement[0].Principal, { Service: 'sns.amazonaws.com' });
    assert.equal(p.Statement[0].Action, 'sqs:SendMessage');
    assert.deepEqual(p.Statement[0].Condition, { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:1:t' } });
  });
  test('the topic lets SES publish for this account’s tracking configuration set only', () => {
    const p = JSON.parse(topicPolicy('arn:aws:sns:eu-west-1:123456789012:t', 'eu-west-1')) as {
      Statement: Array<{ Condition: Record<string, Record<string, string>> }>;
    };
    assert.deepEqual(p.Statement[0].Condition, {
      StringEquals: { 'AWS:SourceAccount': '123456789012' },
      ArnLike: { 'AWS:SourceArn': 'arn:aws:ses:eu-west-1:123456789012:configuration-set/ses-smtp-toolkit-tracking' },
    });
  });
});
