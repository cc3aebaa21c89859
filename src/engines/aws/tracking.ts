// Delivery tracking in a region (#26): set up in one step (an SNS topic SES may publish to, an SQS
// queue only that topic may send to, the subscription, a configuration set whose event destination
// sends every event type to the topic), removed in one, and the queue read with long polling.
// A step that fails undoes the steps before it, last first; a refusal names the IAM action.
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  DeleteConfigurationSetCommand,
  ListConfigurationSetsCommand,
  type SESv2Client,
} from '@aws-sdk/client-sesv2';
import {
  TRACKING_DESTINATION,
  TRACKING_EVENT_TYPES,
  TRACKING_NAME,
  queuePolicy,
  topicPolicy,
  type TrackingState,
} from './trackingPlan';
import { expectNumber, expectObject, expectOptionalObject, expectString, expectStringList } from '../../base/guards';

export interface TrackingClients {
  sns: Pick<SNSClient, 'send'>;
  sqs: Pick<SQSClient, 'send'>;
  ses: Pick<SESv2Client, 'send'>;
}

/** A step that AWS refused: which IAM action, and what was undone. */
export class TrackingStepError extends Error {
  constructor(
    message: string,
    readonly action: string,
    readonly accessDenied: boolean,
    /** What the rollback could not delete (to delete by hand). */
    readonly leftBehind: string[],
  ) {
    super(message);
    this.name = 'TrackingStepError';
  }
}

const DENIED = /AccessDenied|AuthorizationError|NotAuthorized|UnauthorizedOperation/i;
const GONE = /NotFound|QueueDoesNotExist|NonExistentQueue/i;

function stepError(err: unknown, action: string, leftBehind: string[]): TrackingStepError {
  const e = err as Error;
  const denied = DENIED.test(e?.name ?? '') || DENIED.test(e?.message ?? '');
  const what = denied
    ? `Access denied for ${action}: allow ${action} for this user or role, then set up again.`
    : `${action} failed: ${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`;
  const undo = leftBehind.length
    ? ` The rollback could not delete: ${leftBehind.join(', ')}; delete them by hand.`
    : ' Nothing was left behind.';
  return new TrackingStepError(what + undo, action, denied, leftBehind);
}

export interface TrackingStepReport {
  /** The IAM action of the step. */
  action: string;
  /** What it made or deleted. */
  what: string;
}

/** Creates the tracking resources in the client's region; undoes what it made when a step fails. */
export async function setUpTracking(
  clients: TrackingClients,
  region: string,
  options: { signal?: AbortSignal; onStep?: (step: TrackingStepReport) => void } = {},
): Promise<TrackingState> {
  expectObject(clients, 'setUpTracking', 'clients');
  expectString(region, 'setUpTracking', 'region');
  expectOptionalObject(options, 'setUpTracking', 'options');
  const signal = options.signal;
  const undo: Array<{ what: string; run: () => Promise<unknown> }> = [];
  let action = '';
  const step = async <T>(iamAction: string, what: string, run: () => Promise<T>): Promise<T> => {
    action = iamAction;
    signal?.throwIfAborted();
    const out = await run();
    options.onStep?.({ action: iamAction, what });
    return out;
  };
  try {
    // A configuration set of that name made before (another machine, another user): refused before
    // anything is made, so the rollback never deletes what this run did not create.
    const existing: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 50; page++) {
      const out = await step('ses:ListConfigurationSets', 'the check that the name is free', () =>
        clients.ses.send(new ListConfigurationSetsCommand({ NextToken: token }), { abortSignal: signal }),
      );
      existing.push(...(out.ConfigurationSets ?? []));
      token = out.NextToken || undefined;
      if (!token) break;
    }
    if (existing.includes(TRACKING_NAME))
      throw new TrackingStepError(
        `A configuration set named ${TRACKING_NAME} already exists in ${region} (made earlier, from another machine or by ` +
          'someone else); nothing was created. Delete it in the SES console (Configuration sets), with its SNS topic and SQS queue ' +
          `of the same name, then set up again.`,
        'ses:ListConfigurationSets',
        false,
        [],
      );
    const topic = await step('sns:CreateTopic', `SNS topic ${TRACKING_NAME}`, () =>
      clients.sns.send(new CreateTopicCommand({ Name: TRACKING_NAME }), { abortSignal: signal }),
    );
    const topicArn = topic.TopicArn ?? '';
    undo.push({
      what: `SNS topic ${topicArn}`,
      run: () => clients.sns.send(new DeleteTopicCommand({ TopicArn: topicArn })),
    });
    await step('sns:SetTopicAttributes', 'the topic policy (SES may publish)', () =>
      clients.sns.send(
        new SetTopicAttributesCommand({
          TopicArn: topicArn,
          AttributeName: 'Policy',
          AttributeValue: topicPolicy(topicArn, region),
        }),
        { abortSignal: signal },
      ),
    );
    const account = topicArn.split(':')[4] ?? '';
    const expectedQueueArn = `arn:aws:sqs:${region}:${account}:${TRACKING_NAME}`;
    const queue = await step('sqs:CreateQueue', `SQS queue ${TRACKING_NAME}`, () =>
      clients.sqs.send(
        new CreateQueueCommand({
          QueueName: TRACKING_NAME,
          Attributes: { Policy: queuePolicy(expectedQueueArn, topicArn), MessageRetentionPeriod: '345600' },
        }),
        { abortSignal: signal },
      ),
    );
    const queueUrl = queue.QueueUrl ?? '';
    undo.push({
      what: `SQS queue ${queueUrl}`,
      run: () => clients.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })),
    });
    const attrs = await step('sqs:GetQueueAttributes', 'the queue ARN', () =>
      clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }), {
        abortSignal: signal,
      }),
    );
    const queueArn = attrs.Attributes?.QueueArn ?? expectedQueueArn;
    const sub = await step('sns:Subscribe', 'the subscription of the queue to the topic', () =>
      clients.sns.send(
        new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn, ReturnSubscriptionArn: true }),
        { abortSignal: signal },
      ),
    );
    const subscriptionArn = sub.SubscriptionArn ?? '';
    undo.push({
      what: `subscription ${subscriptionArn}`,
      run: () => clients.sns.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn })),
    });
    await step('ses:CreateConfigurationSet', `configuration set ${TRACKING_NAME}`, () =>
      clients.ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: TRACKING_NAME }), {
        abortSignal: signal,
      }),
    );
    undo.push({
      what: `configuration set ${TRACKING_NAME}`,
      run: () => clients.ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: TRACKING_NAME })),
    });
    await step('ses:CreateConfigurationSetEventDestination', `event destination ${TRACKING_DESTINATION}`, () =>
      clients.ses.send(
        new CreateConfigurationSetEventDestinationCommand({
          ConfigurationSetName: TRACKING_NAME,
          EventDestinationName: TRACKING_DESTINATION,
          EventDestination: {
            Enabled: true,
            MatchingEventTypes: [...TRACKING_EVENT_TYPES],
            SnsDestination: { TopicArn: topicArn },
          },
        }),
        { abortSignal: signal },
      ),
    );
    return {
      region,
      topicArn,
      queueUrl,
      queueArn,
      subscriptionArn,
      configurationSet: TRACKING_NAME,
      createdAt: new Date().toISOString(),
    };
  } catch (err) {
    if (err instanceof TrackingStepError) throw err;
    const leftBehind: string[] = [];
    for (const u of undo.reverse()) {
      try {
        await u.run();
      } catch (undoErr) {
        if (!GONE.test((undoErr as Error)?.name ?? '')) leftBehind.push(u.what);
      }
    }
    if (signal?.aborted)
      throw new TrackingStepError('Cancelled; what was made is deleted again.', action, false, leftBehind);
    throw stepError(err, action, leftBehind);
  }
}

/** Deletes what setUpTracking made (what is already gone counts as deleted). */
export async function removeTracking(
  clients: TrackingClients,
  state: TrackingState,
  options: { signal?: AbortSignal; onStep?: (step: TrackingStepReport) => void } = {},
): Promise<void> {
  expectObject(clients, 'removeTracking', 'clients');
  expectObject(state, 'removeTracking', 'state');
  expectOptionalObject(options, 'removeTracking', 'options');
  const signal = options.signal;
  const steps: Array<[string, string, () => Promise<unknown>]> = [
    [
      'ses:DeleteConfigurationSet',
      `configuration set ${state.configurationSet}`,
      () =>
        clients.ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: state.configurationSet }), {
          abortSignal: signal,
        }),
    ],
    [
      'sns:Unsubscribe',
      `subscription ${state.subscriptionArn}`,
      () =>
        clients.sns.send(new UnsubscribeCommand({ SubscriptionArn: state.subscriptionArn }), { abortSignal: signal }),
    ],
    [
      'sqs:DeleteQueue',
      `SQS queue ${state.queueUrl}`,
      () => clients.sqs.send(new DeleteQueueCommand({ QueueUrl: state.queueUrl }), { abortSignal: signal }),
    ],
    [
      'sns:DeleteTopic',
      `SNS topic ${state.topicArn}`,
      () => clients.sns.send(new DeleteTopicCommand({ TopicArn: state.topicArn }), { abortSignal: signal }),
    ],
  ];
  for (const [action, what, run] of steps) {
    try {
      await run();
    } catch (err) {
      if (!GONE.test((err as Error)?.name ?? '')) throw stepError(err, action, []);
    }
    options.onStep?.({ action, what });
  }
}

export interface QueuedEvent {
  body: string;
  receiptHandle: string;
}

/** One long poll of the tracking queue: waits up to waitSeconds (0–20) for up to 10 messages. */
export async function receiveTrackingMessages(
  sqs: Pick<SQSClient, 'send'>,
  queueUrl: string,
  waitSeconds: number,
  options: { signal?: AbortSignal } = {},
): Promise<QueuedEvent[]> {
  expectObject(sqs, 'receiveTrackingMessages', 'sqs');
  expectString(queueUrl, 'receiveTrackingMessages', 'queueUrl');
  expectNumber(waitSeconds, 'receiveTrackingMessages', 'waitSeconds');
  expectOptionalObject(options, 'receiveTrackingMessages', 'options');
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      WaitTimeSeconds: Math.max(0, Math.min(20, Math.floor(waitSeconds))),
      MaxNumberOfMessages: 10,
    }),
    { abortSignal: options.signal },
  );
  return (out.Messages ?? []).map((m) => ({ body: m.Body ?? '', receiptHandle: m.ReceiptHandle ?? '' }));
}

/** Deletes read messages from the queue (their events are kept by the extension). */
export async function deleteTrackingMessages(
  sqs: Pick<SQSClient, 'send'>,
  queueUrl: string,
  receiptHandles: readonly string[],
): Promise<void> {
  expectObject(sqs, 'deleteTrackingMessages', 'sqs');
  expectString(queueUrl, 'deleteTrackingMessages', 'queueUrl');
  expectStringList(receiptHandles, 'deleteTrackingMessages', 'receiptHandles');
  for (const h of receiptHandles) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: h }));
}
