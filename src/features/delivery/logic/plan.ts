// What Set Up / Remove Delivery Tracking shows before it acts: exactly what is created (or
// deleted) in the region, the IAM actions, and what it costs.
import { expectObject, expectString } from '../../../base/guards';
import {
  FOLLOW_ACTIONS,
  REMOVE_ACTIONS,
  SETUP_ACTIONS,
  TRACKING_DESTINATION,
  TRACKING_EVENT_TYPES,
  TRACKING_NAME,
  type TrackingState,
} from '../../../engines/aws/trackingPlan';

export const COST_NOTE =
  'Cost: SES publishes events at no charge; SNS and SQS bill per request (each has a free tier of ' +
  '1 million requests a month, then about US$0.50 per million publishes and US$0.40 per million ' +
  'queue requests). Test mail stays within the free tier; an idle queue costs nothing.';

/** The setup preview: the lines of the modal's detail. */
export function setupPreview(region: string, profileLabel: string): { summary: string; detail: string } {
  expectString(region, 'setupPreview', 'region');
  expectString(profileLabel, 'setupPreview', 'profileLabel');
  const detail = [
    `In ${region}, with ${profileLabel}, this creates:`,
    `• SNS topic ${TRACKING_NAME}, with a policy that lets SES publish to it for this configuration set only`,
    `• SQS queue ${TRACKING_NAME}, with a policy that admits only that topic (messages kept 4 days)`,
    `• the queue's subscription to the topic`,
    `• configuration set ${TRACKING_NAME} with event destination ${TRACKING_DESTINATION}: ${TRACKING_EVENT_TYPES.join(', ')} to the topic`,
    '',
    `IAM actions needed: ${SETUP_ACTIONS.join(', ')}; to follow a message: ${FOLLOW_ACTIONS.join(', ')}; to remove: ${REMOVE_ACTIONS.join(', ')}.`,
    '',
    COST_NOTE,
    '',
    'Send Test Email then sends with this configuration set and shows each recipient’s delivery, bounce, complaint or delay. ' +
      'If a step fails, what was made is deleted again. Remove Delivery Tracking deletes exactly these four.',
  ].join('\n');
  return { summary: `Set up delivery tracking in ${region}`, detail };
}

/** The removal preview. */
export function removalPreview(state: TrackingState): { summary: string; detail: string } {
  expectObject(state, 'removalPreview', 'state');
  const detail = [
    `In ${state.region}, this deletes:`,
    `• configuration set ${state.configurationSet} (and its event destination)`,
    `• subscription ${state.subscriptionArn}`,
    `• SQS queue ${state.queueUrl} (events not yet read are lost; those already shown stay in the extension)`,
    `• SNS topic ${state.topicArn}`,
    '',
    `IAM actions needed: ${REMOVE_ACTIONS.join(', ')}.`,
  ].join('\n');
  return { summary: `Remove delivery tracking from ${state.region}`, detail };
}
