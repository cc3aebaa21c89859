// Following a message on the tracking queue: long polls (each at most 20 s, WaitTimeSeconds) until
// every recipient has a final outcome, the total time is up or the caller cancels. Each poll waits
// on SQS, so there is no busy loop. Every message read is deleted from the queue after its events
// are handed to `keep` (those of other messages too: they are kept for Where Is This SES Email?);
// what is not an event is logged and deleted, so it does not come back.
import { expectFunction, expectList, expectObject, expectOptionalList, expectString } from '../../../base/guards';
import { mergeEvents, parseQueueMessage, type DeliveryEvent } from './events';
import { buildTimeline, type Outcome, type Timeline } from './timeline';

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

export interface FollowManyOptions extends Omit<FollowOptions, 'known' | 'onUpdate'> {
  /**
   * Events kept, per message id: read at the start and again after every poll, so events another
   * follower of the same queue took (a single send followed while a burst runs) are seen too.
   */
  known?: (messageId: string) => readonly DeliveryEvent[];
  /** Called with every message's timeline after each poll that brought events of any of them. */
  onUpdate?: (timelines: Timeline[]) => void;
}

export interface FollowManyResult {
  /** One per message id, in the order given. */
  timelines: Timeline[];
  stopped: FollowResult['stopped'];
  polls: number;
}

/** Follows one message until every recipient has a final outcome (see followMessages). */
export async function followMessage(
  ports: FollowPorts,
  messageId: string,
  options: FollowOptions = {},
): Promise<FollowResult> {
  expectString(messageId, 'followMessage', 'messageId');
  expectObject(options, 'followMessage', 'options');
  const { known, onUpdate, ...rest } = options;
  const r = await followMessages(ports, [messageId], {
    ...rest,
    known: () => known ?? [],
    onUpdate: onUpdate && ((t) => onUpdate(t[0])),
  });
  return { timeline: r.timelines[0], stopped: r.stopped, polls: r.polls };
}

/**
 * Follows several messages sent to the same recipients (a burst) on one queue: the same long polls,
 * until every message is settled, the time is up or the caller cancels.
 */
export async function followMessages(
  ports: FollowPorts,
  messageIds: readonly string[],
  options: FollowManyOptions = {},
): Promise<FollowManyResult> {
  expectObject(ports, 'followMessages', 'ports');
  expectFunction(ports.receive, 'followMessages', 'ports.receive');
  expectList(messageIds, 'followMessages', 'messageIds');
  expectObject(options, 'followMessages', 'options');
  expectOptionalList(options.recipients, 'followMessages', 'options.recipients');
  const now = options.now ?? Date.now;
  const total = options.totalMs ?? FOLLOW_TOTAL_MS;
  const recipients = options.recipients ?? [];
  const start = now();
  const events = new Map<string, DeliveryEvent[]>();
  const timelines = new Map<string, Timeline>();
  /** Merges what is kept for the unsettled messages; true when that changed a timeline. */
  const readKept = (): boolean => {
    let changed = false;
    for (const id of messageIds) {
      if (timelines.get(id)?.settled) continue;
      const before = events.get(id) ?? [];
      const merged = mergeEvents(before, options.known?.(id) ?? []);
      if (timelines.has(id) && merged.length === before.length) continue;
      events.set(id, merged);
      timelines.set(id, buildTimeline(id, merged, recipients));
      changed = true;
    }
    return changed;
  };
  for (const id of messageIds) events.set(id, []);
  readKept();
  const all = (): Timeline[] => messageIds.map((id) => timelines.get(id) as Timeline);
  const result = (stopped: FollowResult['stopped']): FollowManyResult => ({ timelines: all(), stopped, polls });
  let polls = 0;
  while (!all().every((t) => t.settled)) {
    if (options.signal?.aborted) return result('cancelled');
    const left = total - (now() - start);
    if (left < 1000) return result('time is up');
    const wait = Math.min(MAX_WAIT_SECONDS, Math.floor(left / 1000));
    let got: Array<{ body: string; receiptHandle: string }>;
    try {
      got = await ports.receive(wait, options.signal);
    } catch (err) {
      if (options.signal?.aborted) return result('cancelled');
      throw err;
    }
    polls++;
    if (!got.length) {
      if (readKept()) options.onUpdate?.(all());
      continue;
    }
    const fresh: DeliveryEvent[] = [];
    for (const m of got) {
      const parsed = parseQueueMessage(m.body);
      if ('ignored' in parsed) ports.log(`Delivery tracking: a queue message was ignored: ${parsed.ignored}.`);
      else fresh.push(...parsed.events);
    }
    if (fresh.length) await ports.keep(fresh);
    await ports.remove(got.map((m) => m.receiptHandle));
    const touched = new Set<string>();
    for (const e of fresh) {
      const mine = events.get(e.messageId);
      if (!mine) continue;
      events.set(e.messageId, mergeEvents(mine, [e]));
      touched.add(e.messageId);
    }
    for (const id of touched) timelines.set(id, buildTimeline(id, events.get(id) ?? [], recipients));
    if (readKept() || touched.size) options.onUpdate?.(all());
  }
  return result('settled');
}

/** How many recipients of the messages reached each outcome (a burst's delivery summary). */
export function countOutcomes(timelines: readonly Timeline[]): Record<Outcome, number> {
  expectList(timelines, 'countOutcomes', 'timelines');
  const counts: Record<Outcome, number> = {
    accepted: 0,
    delivered: 0,
    bounced: 0,
    complained: 0,
    delayed: 0,
    rejected: 0,
    'no event yet': 0,
  };
  for (const t of timelines) for (const r of t.recipients) counts[r.outcome]++;
  return counts;
}
