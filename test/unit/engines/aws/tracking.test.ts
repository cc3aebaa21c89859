// Delivery tracking's setup over fake clients: a failure at each step undoes exactly the steps
// before it, last first, and names the step's IAM action; access denied says what to allow.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  removeTracking,
  setUpTracking,
  TrackingStepError,
  type TrackingClients,
} from '../../../../src/engines/aws/tracking';
import { SETUP_ACTIONS } from '../../../../src/engines/aws/trackingPlan';

const ACTION_OF: Record<string, string> = {
  ListConfigurationSetsCommand: 'ses:ListConfigurationSets',
  CreateTopicCommand: 'sns:CreateTopic',
  SetTopicAttributesCommand: 'sns:SetTopicAttributes',
  CreateQueueCommand: 'sqs:CreateQueue',
  GetQueueAttributesCommand: 'sqs:GetQueueAttributes',
  SubscribeCommand: 'sns:Subscribe',
  CreateConfigurationSetCommand: 'ses:CreateConfigurationSet',
  CreateConfigurationSetEventDestinationCommand: 'ses:CreateConfigurationSetEventDestination',
  DeleteTopicCommand: 'sns:DeleteTopic',
  DeleteQueueCommand: 'sqs:DeleteQueue',
  UnsubscribeCommand: 'sns:Unsubscribe',
  DeleteConfigurationSetCommand: 'ses:DeleteConfigurationSet',
};
const ANSWERS: Record<string, object> = {
  'sns:CreateTopic': { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-smtp-toolkit-tracking' },
  'sqs:CreateQueue': { QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/ses-smtp-toolkit-tracking' },
  'sqs:GetQueueAttributes': {
    Attributes: { QueueArn: 'arn:aws:sqs:eu-west-1:123456789012:ses-smtp-toolkit-tracking' },
  },
  'sns:Subscribe': { SubscriptionArn: 'arn:aws:sns:eu-west-1:123456789012:ses-smtp-toolkit-tracking:sub-1' },
};

function fakeClients(
  failAt?: string,
  error: Error = Object.assign(new Error('boom'), { name: 'InternalError' }),
  failUndo?: string,
) {
  const calls: string[] = [];
  const send = (command: object): Promise<object> => {
    const action = ACTION_OF[command.constructor.name] ?? command.constructor.name;
    calls.push(action);
    if (action === failAt || action === failUndo) return Promise.reject(error);
    return Promise.resolve(ANSWERS[action] ?? {});
  };
  const clients = { sns: { send }, sqs: { send }, ses: { send } } as unknown as TrackingClients;
  return { clients, calls };
}

const UNDO_OF: Record<string, string> = {
  'sns:CreateTopic': 'sns:DeleteTopic',
  'sqs:CreateQueue': 'sqs:DeleteQueue',
  'sns:Subscribe': 'sns:Unsubscribe',
  'ses:CreateConfigurationSet': 'ses:DeleteConfigurationSet',
};

describe('setUpTracking', () => {
  test('all steps in order, the state holds names and ARNs', async () => {
    const { clients, calls } = fakeClients();
    const state = await setUpTracking(clients, 'eu-west-1');
    assert.deepEqual(calls, [...SETUP_ACTIONS]);
    assert.equal(state.configurationSet, 'ses-smtp-toolkit-tracking');
    assert.equal(
      state.subscriptionArn,
      ANSWERS['sns:Subscribe'] && 'arn:aws:sns:eu-west-1:123456789012:ses-smtp-toolkit-tracking:sub-1',
    );
  });
  for (const [i, failing] of SETUP_ACTIONS.entries()) {
    test(`a failure at ${failing} undoes what was made before it, last first`, async () => {
      const { clients, calls } = fakeClients(failing);
      await assert.rejects(setUpTracking(clients, 'eu-west-1'), (e: TrackingStepError) => {
        assert.equal(e.action, failing);
        assert.match(e.message, new RegExp(`${failing} failed: InternalError: boom`));
        assert.match(e.message, /Nothing was left behind/);
        return true;
      });
      const made = SETUP_ACTIONS.slice(0, i).filter((a) => UNDO_OF[a]);
      assert.deepEqual(
        calls.slice(i + 1),
        made.reverse().map((a) => UNDO_OF[a]),
      );
    });
  }
  test('access denied names the action to allow', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: SNS:Subscribe'), {
      name: 'AuthorizationErrorException',
    });
    const { clients } = fakeClients('sns:Subscribe', denied);
    await assert.rejects(setUpTracking(clients, 'eu-west-1'), (e: TrackingStepError) => {
      assert.equal(e.accessDenied, true);
      assert.match(e.message, /^Access denied for sns:Subscribe: allow sns:Subscribe for this user or role/);
      return true;
    });
  });
  test('an undo that fails is named as left behind', async () => {
    const { clients } = fakeClients('ses:CreateConfigurationSet', undefined, 'sqs:DeleteQueue');
    await assert.rejects(setUpTracking(clients, 'eu-west-1'), (e: TrackingStepError) => {
      assert.deepEqual(e.leftBehind, [
        'SQS queue https://sqs.eu-west-1.amazonaws.com/123456789012/ses-smtp-toolkit-tracking',
      ]);
      assert.match(e.message, /could not delete: SQS queue .*; delete them by hand/);
      return true;
    });
  });
  test('an undo of what is already gone counts as done', async () => {
    const gone = Object.assign(new Error('gone'), { name: 'QueueDoesNotExist' });
    const { clients, calls } = fakeClients('sns:Subscribe', gone);
    await assert.rejects(setUpTracking(clients, 'eu-west-1'), (e: TrackingStepError) => e.leftBehind.length === 0);
    assert.ok(calls.includes('sns:DeleteTopic'));
  });
  test('a configuration set of that name already there: refused before anything is made', async () => {
    const { clients, calls } = fakeClients();
    const listing = { ConfigurationSets: ['other', 'ses-smtp-toolkit-tracking'] };
    const send = clients.ses.send.bind(clients.ses);
    (clients.ses as { send: unknown }).send = (c: object) =>
      c.constructor.name === 'ListConfigurationSetsCommand'
        ? (calls.push('ses:ListConfigurationSets'), Promise.resolve(listing))
        : send(c as never);
    await assert.rejects(setUpTracking(clients, 'eu-west-1'), (e: TrackingStepError) => {
      assert.match(
        e.message,
        /^A configuration set named ses-smtp-toolkit-tracking already exists in eu-west-1 .* nothing was created/,
      );
      return true;
    });
    assert.deepEqual(calls, ['ses:ListConfigurationSets']);
  });
  test('a name near it (another case) does not count as taken', async () => {
    const { clients } = fakeClients();
    const send = clients.ses.send.bind(clients.ses);
    (clients.ses as { send: unknown }).send = (c: object) =>
      c.constructor.name === 'ListConfigurationSetsCommand'
        ? Promise.resolve({ ConfigurationSets: ['SES-SMTP-TOOLKIT-TRACKING'] })
        : send(c as never);
    assert.equal((await setUpTracking(clients, 'eu-west-1')).configurationSet, 'ses-smtp-toolkit-tracking');
  });
  test('cancelled before it starts: nothing is called', async () => {
    const { clients, calls } = fakeClients();
    await assert.rejects(setUpTracking(clients, 'eu-west-1', { signal: AbortSignal.abort() }), /Cancelled/);
    assert.deepEqual(calls, []);
  });
});

describe('removeTracking', () => {
  const state = {
    region: 'eu-west-1',
    topicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-smtp-toolkit-tracking',
    queueUrl: 'https://sqs/q',
    queueArn: 'arn:aws:sqs:eu-west-1:123456789012:ses-smtp-toolkit-tracking',
    subscriptionArn: 'arn:sub',
    configurationSet: 'ses-smtp-toolkit-tracking',
    createdAt: '2026-12-07T00:00:00.000Z',
  };
  test('deletes the four, configuration set first', async () => {
    const { clients, calls } = fakeClients();
    await removeTracking(clients, state);
    assert.deepEqual(calls, ['ses:DeleteConfigurationSet', 'sns:Unsubscribe', 'sqs:DeleteQueue', 'sns:DeleteTopic']);
  });
  test('what is gone already is skipped; a denial stops with the action', async () => {
    const gone = Object.assign(new Error('x'), { name: 'NotFoundException' });
    await removeTracking(fakeClients('ses:DeleteConfigurationSet', gone).clients, state);
    const denied = Object.assign(new Error('no'), { name: 'AccessDenied' });
    await assert.rejects(
      removeTracking(fakeClients('sqs:DeleteQueue', denied).clients, state),
      /Access denied for sqs:DeleteQueue/,
    );
  });
});
