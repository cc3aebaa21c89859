// Following a message on its region's tracking queue, for Send Test Email (through ctx.calls) and
// Where Is This SES Email?: long polls of at most 20 s, two minutes in all, cancellable; the events
// read (of any message) are kept in the extension's storage.
import { loadAws } from '../../engines/bundles/load';
import type { FollowDeliveryReport, FollowDeliveryRequest } from '../../host/calls';
import { followMessage } from './logic/follow';
import { accessFor, type TrackingDeps } from './trackingCommands';

export async function followDelivery(
  deps: TrackingDeps,
  request: FollowDeliveryRequest,
  totalMs?: number,
): Promise<FollowDeliveryReport | undefined> {
  const state = deps.store.tracking(request.region);
  if (!state) return undefined;
  const aws = loadAws();
  const clients = aws.trackingClients(accessFor(deps, request.region, state.profile));
  try {
    const result = await followMessage(
      {
        receive: (wait, signal) => aws.receiveTrackingMessages(clients.sqs, state.queueUrl, wait, { signal }),
        remove: (handles) => aws.deleteTrackingMessages(clients.sqs, state.queueUrl, handles),
        keep: (events) =>
          deps.store.keep(
            request.region,
            events,
            request.from ? { messageId: request.messageId, from: request.from } : undefined,
          ),
        log: (line) => deps.log.warn(line),
      },
      request.messageId,
      {
        recipients: request.recipients,
        known: deps.store.events(request.messageId)?.events ?? [],
        signal: request.signal,
        onUpdate: request.onUpdate,
        totalMs,
      },
    );
    return { timeline: result.timeline, stopped: result.stopped };
  } catch (err) {
    throw new Error(aws.describeAwsError(err, request.region, 'sqs:ReceiveMessage'), { cause: err });
  } finally {
    clients.destroy();
  }
}
