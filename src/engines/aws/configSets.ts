// SES configuration sets (API v2): the names in a region, for the Send Test Email picker and the
// check before a send, and a set's event destinations, so the user knows where the send's events
// will appear (CloudWatch, SNS, Firehose, EventBridge, Pinpoint).
import {
  GetConfigurationSetEventDestinationsCommand,
  ListConfigurationSetsCommand,
  type EventDestination,
} from '@aws-sdk/client-sesv2';
import type { SesSender } from './ses';
import { expectList, expectObject, expectOptionalObject, expectString, expectStringList } from '../../base/guards';

export interface EventDestinationSummary {
  name: string;
  enabled: boolean;
  /** SEND, DELIVERY, BOUNCE, COMPLAINT, REJECT, OPEN, CLICK, … as SES names them. */
  eventTypes: string[];
  kind: 'CloudWatch' | 'SNS' | 'Firehose' | 'EventBridge' | 'Pinpoint' | 'unknown';
  /** The topic, stream, bus or application ARN (CloudWatch: its dimension names). */
  target?: string;
}

const MAX_PAGES = 50;

/** Every configuration set name in the client's region, following NextToken. */
export async function listConfigurationSets(ses: SesSender, options: { signal?: AbortSignal } = {}): Promise<string[]> {
  expectObject(ses, 'listConfigurationSets', 'ses');
  expectOptionalObject(options, 'listConfigurationSets', 'options');
  const names: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await ses.send(new ListConfigurationSetsCommand({ NextToken: token }), {
      abortSignal: options.signal,
    });
    names.push(...(out.ConfigurationSets ?? []));
    token = out.NextToken || undefined;
    if (!token) break;
  }
  return names;
}

function summarize(d: EventDestination): EventDestinationSummary {
  const base = { name: d.Name ?? '', enabled: d.Enabled === true, eventTypes: [...(d.MatchingEventTypes ?? [])] };
  if (d.SnsDestination) return { ...base, kind: 'SNS', target: d.SnsDestination.TopicArn };
  if (d.KinesisFirehoseDestination)
    return { ...base, kind: 'Firehose', target: d.KinesisFirehoseDestination.DeliveryStreamArn };
  if (d.EventBridgeDestination) return { ...base, kind: 'EventBridge', target: d.EventBridgeDestination.EventBusArn };
  if (d.PinpointDestination) return { ...base, kind: 'Pinpoint', target: d.PinpointDestination.ApplicationArn };
  if (d.CloudWatchDestination) {
    const dims = (d.CloudWatchDestination.DimensionConfigurations ?? []).map((c) => c.DimensionName).filter(Boolean);
    return { ...base, kind: 'CloudWatch', target: dims.length ? `dimensions ${dims.join(', ')}` : undefined };
  }
  return { ...base, kind: 'unknown' };
}

/** The event destinations of a configuration set. */
export async function getEventDestinations(
  ses: SesSender,
  configurationSet: string,
  options: { signal?: AbortSignal } = {},
): Promise<EventDestinationSummary[]> {
  expectObject(ses, 'getEventDestinations', 'ses');
  expectString(configurationSet, 'getEventDestinations', 'configurationSet');
  expectOptionalObject(options, 'getEventDestinations', 'options');
  const out = await ses.send(
    new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: configurationSet }),
    { abortSignal: options.signal },
  );
  return (out.EventDestinations ?? []).map(summarize);
}

/** One line per destination: "SNS arn:aws:sns:…:bounces — BOUNCE, COMPLAINT (disabled)". */
export function describeEventDestinations(destinations: readonly EventDestinationSummary[]): string[] {
  expectList(destinations, 'describeEventDestinations', 'destinations');
  return destinations.map(
    (d) =>
      `${d.kind}${d.target ? ` ${d.target}` : ''} — ${d.eventTypes.join(', ') || 'no event types'}` +
      `${d.enabled ? '' : ' (disabled)'} [${d.name}]`,
  );
}

/** The refusal when the set is not among the region's sets, or undefined when it is. */
export function missingConfigurationSet(name: string, existing: readonly string[], region: string): string | undefined {
  expectString(name, 'missingConfigurationSet', 'name');
  expectStringList(existing, 'missingConfigurationSet', 'existing');
  expectString(region, 'missingConfigurationSet', 'region');
  if (existing.includes(name)) return undefined;
  const near = existing.find((s) => s.toLowerCase() === name.toLowerCase());
  const hint = near
    ? ` Did you mean "${near}"? Names are case-sensitive.`
    : existing.length
      ? ` The sets there are: ${existing.slice(0, 10).join(', ')}${existing.length > 10 ? ', …' : ''}.`
      : ' There are none there yet.';
  return (
    `Configuration set ${name} does not exist in ${region}.${hint} Create it in the SES console (Configuration ` +
    'sets) in that region, pick an existing one, or leave the field empty: sets are per region.'
  );
}
