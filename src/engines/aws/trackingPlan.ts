// Delivery tracking's fixed parts, without the AWS SDK (the preview and the feature read them; the
// steps in tracking.ts make them): the names, the event types, the policies and the IAM actions.
import { expectString } from '../../base/guards';

/** The name of the SNS topic, the SQS queue and the configuration set that tracking creates. */
export const TRACKING_NAME = 'ses-smtp-toolkit-tracking';
/** The configuration set's event destination. */
export const TRACKING_DESTINATION = 'ses-smtp-toolkit-to-sns';

/** Every event type the destination publishes, as SES names them in MatchingEventTypes. */
export const TRACKING_EVENT_TYPES = [
  'SEND',
  'REJECT',
  'BOUNCE',
  'COMPLAINT',
  'DELIVERY',
  'DELIVERY_DELAY',
  'RENDERING_FAILURE',
] as const;

/** What setting up asks of IAM, in the order the steps call it. */
export const SETUP_ACTIONS = [
  'ses:ListConfigurationSets',
  'sns:CreateTopic',
  'sns:SetTopicAttributes',
  'sqs:CreateQueue',
  'sqs:GetQueueAttributes',
  'sns:Subscribe',
  'ses:CreateConfigurationSet',
  'ses:CreateConfigurationSetEventDestination',
] as const;
/** What following a message asks of IAM. */
export const FOLLOW_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage'] as const;
/** What removal asks of IAM. */
export const REMOVE_ACTIONS = [
  'ses:DeleteConfigurationSet',
  'sns:Unsubscribe',
  'sqs:DeleteQueue',
  'sns:DeleteTopic',
] as const;

/** What was made in a region: names and ARNs only. */
export interface TrackingState {
  region: string;
  topicArn: string;
  queueUrl: string;
  queueArn: string;
  subscriptionArn: string;
  configurationSet: string;
  /** ISO time of the setup. */
  createdAt: string;
}

/** The account id in an ARN (arn:aws:sns:region:account:name). */
export function accountOfArn(arn: string): string {
  expectString(arn, 'accountOfArn', 'arn');
  return arn.split(':')[4] ?? '';
}

/** The topic's policy: SES may publish, for this account's tracking configuration set only. */
export function topicPolicy(topicArn: string, region: string): string {
  expectString(topicArn, 'topicPolicy', 'topicArn');
  expectString(region, 'topicPolicy', 'region');
  const account = accountOfArn(topicArn);
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'SesPublishesTrackingEvents',
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: {
          StringEquals: { 'AWS:SourceAccount': account },
          ArnLike: { 'AWS:SourceArn': `arn:aws:ses:${region}:${account}:configuration-set/${TRACKING_NAME}` },
        },
      },
    ],
  });
}

/** The queue's policy: only the tracking topic may send to it. */
export function queuePolicy(queueArn: string, topicArn: string): string {
  expectString(queueArn, 'queuePolicy', 'queueArn');
  expectString(topicArn, 'queuePolicy', 'topicArn');
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OnlyTheTrackingTopic',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
      },
    ],
  });
}
