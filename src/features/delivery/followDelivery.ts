// Following messages on their region's tracking queue, for Send Test Email and its burst (through
// ctx.calls) and Where Is This SES Email?: long polls of at most 20 s, two minutes in all,
// cancellable; the events read (of any message) are kept in the extension's storage.
import { loadAws } from '../../engines/bundles/load';
import type {
  FollowDeliveriesReport,
  FollowDeliveriesRequest,
  FollowDeliveryReport,
  FollowDeliveryRequest,
} from '../../host/calls';
import { countOutcomes, followMessages, type FollowPorts } from './logic/follow';
import { accessFor, type TrackingDeps } from './trackingCommands';

/** Runs `follow` with the ports of the region's queue; undefined when tracking is not set up there. */
async function withQueue<T>(
  deps: TrackingDeps,
  region: string,
  sent: { messageIds: string[]; from?: string },
  follow: (ports: FollowPorts) => Promise<T>,
): Promise<T | undefined> {
  const state = deps.store.tracking(region);
  if (!state) return undefined;
  const aws = loadAws();
  const clients = aws.trackingClients(accessFor(deps, region, state.profile));
  const from = sent.from;
  try {
    return await follow({
      receive: (wait, signal) => aws.receiveTrackingMessages(clients.sqs, state.queueUrl, wait, { signal }),
      remove: (handles) => aws.deleteTrackingMessages(clients.sqs, state.queueUrl, handles),
      keep: (events) => deps.store.keep(region, events, from ? { messageIds: sent.messageIds, from } : undefined),
      log: (line) => deps.log.warn(line),
    });
  } catch (err) {
    throw new Error(aws.describeAwsError(err, region, 'sqs:ReceiveMessage'), { cause: err });
  } finally {
    clients.destroy();
  }
}

export async function followDelivery(
  deps: TrackingDeps,
  request: FollowDeliveryRequest,
  totalMs?: number,
): Promise<FollowDeliveryReport | undefined> {
  return withQueue(deps, request.region, { messageIds: [request.messageId], from: request.from }, async (ports) => {
    const onUpdate = request.onUpdate;
    const result = await followMessages(ports, [request.messageId], {
      recipients: request.recipients,
      known: (id) => deps.store.events(id)?.events ?? [],
      signal: request.signal,
      onUpdate: onUpdate && ((timelines) => onUpdate(timelines[0])),
      totalMs,
    });
    return { timeline: result.timelines[0], stopped: result.stopped };
  });
}

export async function followDeliveries(
  deps: TrackingDeps,
  request: FollowDeliveriesRequest,
  totalMs?: number,
): Promise<FollowDeliveriesReport | undefined> {
  return withQueue(deps, request.region, { messageIds: request.messageIds, from: request.from }, async (ports) => {
    const onUpdate = request.onUpdate;
    const result = await followMessages(ports, request.messageIds, {
      recipients: request.recipients,
      known: (id) => deps.store.events(id)?.events ?? [],
      signal: request.signal,
      onUpdate: onUpdate && ((timelines) => onUpdate(countOutcomes(timelines))),
      totalMs,
    });
    return { counts: countOutcomes(result.timelines), stopped: result.stopped };
  });
}
