// Following a message on the tracking queue: long polls (each at most 20 s, WaitTimeSeconds) until
// every recipient has a final outcome, the total time is up or the caller cancels. Each poll waits
// on SQS, so there is no busy loop. Every message read is deleted from the queue after its events
// are handed to `keep` (those of other messages too: they are kept for Where Is This SES Email?);
// what is not an event is logged and deleted, so it does not come back.
import { expectFunction, expectObject, expectOptionalList, expectString } from '../../../base/guards';
import { mergeEvents, parseQueueMessage, type DeliveryEvent } from './events';
import { buildTimeline, type Timeline } from './timeline';

export interface FollowPorts {
  /** One long poll: up to waitSeconds (1–20). */
  receive(waitSeconds: number, signal?: AbortSignal): Promise<Array<{ body: string; receiptHandle: string }>>;
  /** Deletes read messages. */
  remove(receiptHandles: string[]): Promise<void>;
  /** Keeps events (of any message) in the extension's storage. */
  keep(events: DeliveryEvent[]): Promise<void> | void;
  log(line: string): void;
}

export interface FollowOptions {
  recipients?: readonly string[];
  /** Events already kept for this message. */
  known?: readonly DeliveryEvent[];
  /** Total time to follow; default two minutes. */
  totalMs?: number;
  signal?: AbortSignal;
  /** Called with the timeline after each poll that brought this message's events. */
  onUpdate?: (timeline: Timeline) => void;
  now?: () => number;
}

export const FOLLOW_TOTAL_MS = 120_000;
export const MAX_WAIT_SECONDS = 20;

export interface FollowResult {
  timeline: Timeline;
  /** Why it stopped. */
  stopped: 'settled' | 'time is up' | 'cancelled';
  polls: number;
}

export async function followMessage(
  ports: FollowPorts,
  messageId: string,
  options: FollowOptions = {},
): Promise<FollowResult> {
  expectObject(ports, 'followMessage', 'ports');
  expectFunction(ports.receive, 'followMessage', 'ports.receive');
  expectString(messageId, 'followMessage', 'messageId');
  expectObject(options, 'followMessage', 'options');
  expectOptionalList(options.recipients, 'followMessage', 'options.recipients');
  const now = options.now ?? Date.now;
  const total = options.totalMs ?? FOLLOW_TOTAL_MS;
  const start = now();
  let mine = mergeEvents(options.known ?? [], []);
  let timeline = buildTimeline(messageId, mine, options.recipients ?? []);
  let polls = 0;
  while (!timeline.settled) {
    if (options.signal?.aborted) return { timeline, stopped: 'cancelled', polls };
    const left = total - (now() - start);
    if (left < 1000) return { timeline, stopped: 'time is up', polls };
    const wait = Math.min(MAX_WAIT_SECONDS, Math.floor(left / 1000));
    let got: Array<{ body: string; receiptHandle: string }>;
    try {
      got = await ports.receive(wait, options.signal);
    } catch (err) {
      if (options.signal?.aborted) return { timeline, stopped: 'cancelled', polls };
      throw err;
    }
    polls++;
    if (!got.length) continue;
    const fresh: DeliveryEvent[] = [];
    for (const m of got) {
      const parsed = parseQueueMessage(m.body);
      if ('ignored' in parsed) ports.log(`Delivery tracking: a queue message was ignored: ${parsed.ignored}.`);
      else fresh.push(...parsed.events);
    }
    if (fresh.length) await ports.keep(fresh);
    await ports.remove(got.map((m) => m.receiptHandle));
    const own = fresh.filter((e) => e.messageId === messageId);
    if (own.length) {
      mine = mergeEvents(mine, own);
      timeline = buildTimeline(messageId, mine, options.recipients ?? []);
      options.onUpdate?.(timeline);
    }
  }
  return { timeline, stopped: 'settled', polls };
}
