import {
  expectList,
  expectNumber,
  expectObject,
  expectOptionalBoolean,
  expectString,
  expectStringList,
} from '../../base/guards';
// The arithmetic of a test burst, apart from any socket: when each message starts (pacing at a
// chosen rate), who may receive one (the mailbox simulator only, unless confirmed), the argument
// limits, and the summary (counts, latency percentiles, the rate achieved against the quota).
// Plain functions so unit tests check them without a server; burst.ts runs them over nodemailer.

export const BURST_LIMITS = {
  count: { min: 1, max: 1_000, default: 20 },
  /** Messages per second. */
  rate: { min: 0.1, max: 1_000 },
  poolSize: { min: 1, max: 20, default: 5 },
  /**
   * Messages sent over one connection before the pool opens a new one. SES closes a session after a
   * few hundred messages (421 … Maximum message count per session reached); 100 stays well below.
   */
  messagesPerConnection: { min: 1, max: 1_000, default: 100 },
} as const;

/** SES's reply when a connection has carried as many messages as it allows. */
export function isSessionLimitReply(reply: string | undefined): boolean {
  return typeof reply === 'string' && /^421\b.*maximum message count per session/i.test(reply.trim());
}

/** The rate used when the account's MaxSendRate is unknown: the sandbox's 1 message per second. */
export const FALLBACK_RATE = 1;

/** Milliseconds after the start at which message `index` (0-based) may start, at `rate` per second. */
export function startOffsetMs(index: number, rate: number): number {
  expectNumber(index, 'startOffsetMs', 'index');
  expectNumber(rate, 'startOffsetMs', 'rate');
  if (!(rate > 0)) throw new RangeError(`The rate must be above 0, not ${rate}.`);
  return (index * 1000) / rate;
}

/** How long to wait now (ms since the start) before message `index` may start; never negative. */
export function waitBeforeMs(index: number, rate: number, elapsedMs: number): number {
  expectNumber(index, 'waitBeforeMs', 'index');
  expectNumber(rate, 'waitBeforeMs', 'rate');
  expectNumber(elapsedMs, 'waitBeforeMs', 'elapsedMs');
  return Math.max(0, startOffsetMs(index, rate) - elapsedMs);
}

/** The chosen rate, or the account's MaxSendRate, or the sandbox rate; clamped to the limits. */
export function effectiveRate(chosen: number | undefined, maxSendRate: number | undefined): number {
  const r = chosen ?? (maxSendRate && maxSendRate > 0 ? maxSendRate : FALLBACK_RATE);
  return Math.min(BURST_LIMITS.rate.max, Math.max(BURST_LIMITS.rate.min, r));
}

export function isSimulatorAddress(address: string): boolean {
  expectString(address, 'isSimulatorAddress', 'address');
  return /^[^@\s]+@simulator\.amazonses\.com$/i.test(address.trim());
}

/**
 * Why a burst to these recipients needs the user's confirmation, or undefined: mail to real
 * mailboxes counts against the daily quota and, when it bounces, against the sender's reputation.
 */
export function burstRecipientProblem(to: readonly string[], confirmed: boolean): string | undefined {
  expectStringList(to, 'burstRecipientProblem', 'to');
  expectOptionalBoolean(confirmed, 'burstRecipientProblem', 'confirmed');
  if (!to.length)
    return 'A burst needs a recipient: use a mailbox simulator address such as success@simulator.amazonses.com.';
  const real = to.filter((t) => !isSimulatorAddress(t));
  if (!real.length || confirmed) return undefined;
  return (
    `${real.slice(0, 3).join(', ')}${real.length > 3 ? ` and ${real.length - 3} more` : ''} ` +
    `${real.length === 1 ? 'is not a mailbox simulator address' : 'are not mailbox simulator addresses'}: ` +
    'a burst to real mailboxes counts against the daily quota and, if they bounce, against your reputation. ' +
    'Use success@simulator.amazonses.com, or confirm to send anyway.'
  );
}

/** Nearest-rank percentile (p from 0 to 100) of unsorted values; undefined for none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  expectList(values, 'percentile', 'values');
  expectNumber(p, 'percentile', 'p');
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export type BurstOutcomeKind = 'accepted' | 'throttled' | 'failed' | 'cancelled';

export interface BurstMessageOutcome {
  index: number;
  kind: BurstOutcomeKind;
  /** From handing the message to the pool to its final reply, in ms (the last attempt). */
  latencyMs?: number;
  /** How many 454 throttling replies this message got (retries included). */
  throttledReplies: number;
  /** How many times SES closed the session under this message at its per-session limit (421). */
  sessionLimitReplies?: number;
  attempts: number;
  reply?: string;
  responseCode?: number;
  /** SES's message id of an accepted message (from its "250 Ok <id>"). */
  messageId?: string;
}

/** What delivery tracking saw of the burst's accepted messages: recipients (of all messages) per outcome. */
export interface BurstDelivery {
  /** The region's tracking configuration set the burst was sent with. */
  configurationSet: string;
  delivered: number;
  bounced: number;
  complained: number;
  delayed: number;
  rejected: number;
  /** Accepted by SES, or no event yet, when the following stopped. */
  waiting: number;
  stopped: 'settled' | 'time is up' | 'cancelled' | 'failed';
  /** Why following failed (a missing permission, an unreachable queue). */
  error?: string;
}

export interface BurstSummary {
  requested: number;
  accepted: number;
  /** Messages whose last reply was 454 (throttling) after the retries SES advises. */
  throttled: number;
  /** Every 454 reply, retried ones included. */
  throttledReplies: number;
  /** Sessions SES closed at its per-session message limit (421); the pool reconnected. */
  sessionLimitReplies: number;
  failed: number;
  /** Not sent or not finished because the burst was cancelled or stopped. */
  notSent: number;
  latencyP50Ms?: number;
  latencyP95Ms?: number;
  elapsedMs: number;
  /** The pace asked for, messages per second. */
  targetRate: number;
  /** Accepted messages per second over the whole burst. */
  achievedRate: number;
  /** The account's MaxSendRate, when known. */
  maxSendRate?: number;
  /** The replies of failed messages, grouped, most frequent first. */
  failures: Array<{ reply: string; count: number }>;
  cancelled: boolean;
  /** Why the burst stopped before the end (a login failure, a cancel), if it did. */
  stoppedReason?: string;
  /** With delivery tracking set up in the region: what became of the accepted messages. */
  delivery?: BurstDelivery;
}

export function summarizeBurst(
  outcomes: readonly BurstMessageOutcome[],
  run: {
    requested: number;
    elapsedMs: number;
    targetRate: number;
    maxSendRate?: number;
    cancelled: boolean;
    stoppedReason?: string;
  },
): BurstSummary {
  expectList(outcomes, 'summarizeBurst', 'outcomes');
  expectObject(run, 'summarizeBurst', 'run');
  const count = (kind: BurstOutcomeKind): number => outcomes.filter((o) => o.kind === kind).length;
  const accepted = outcomes.filter((o) => o.kind === 'accepted');
  const latencies = accepted.map((o) => o.latencyMs ?? 0);
  const groups = new Map<string, number>();
  for (const o of outcomes) {
    if (o.kind !== 'failed' && o.kind !== 'throttled') continue;
    const reply = o.reply ?? 'no reply';
    groups.set(reply, (groups.get(reply) ?? 0) + 1);
  }
  const seconds = run.elapsedMs / 1000;
  return {
    requested: run.requested,
    accepted: accepted.length,
    throttled: count('throttled'),
    throttledReplies: outcomes.reduce((n, o) => n + o.throttledReplies, 0),
    sessionLimitReplies: outcomes.reduce((n, o) => n + (o.sessionLimitReplies ?? 0), 0),
    failed: count('failed'),
    notSent: run.requested - accepted.length - count('throttled') - count('failed'),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
    elapsedMs: run.elapsedMs,
    targetRate: run.targetRate,
    achievedRate: seconds > 0 ? accepted.length / seconds : 0,
    maxSendRate: run.maxSendRate,
    failures: [...groups].map(([reply, n]) => ({ reply, count: n })).sort((a, b) => b.count - a.count),
    cancelled: run.cancelled,
    stoppedReason: run.stoppedReason,
  };
}

/** One line for the summary: "20 accepted, 0 throttled, 0 failed · p50 12 ms, p95 30 ms · 13.9/s of 14/s". */
export function burstHeadline(s: BurstSummary): string {
  expectObject(s, 'burstHeadline', 's');
  const parts = [`${s.accepted} of ${s.requested} accepted, ${s.throttled} throttled (454), ${s.failed} failed`];
  if (s.notSent) parts[0] += `, ${s.notSent} not sent`;
  if (s.latencyP50Ms !== undefined)
    parts.push(`latency p50 ${Math.round(s.latencyP50Ms)} ms, p95 ${Math.round(s.latencyP95Ms ?? 0)} ms`);
  const rate = `${s.achievedRate.toFixed(1)} accepted/s at a pace of ${s.targetRate}/s`;
  parts.push(
    s.maxSendRate
      ? `${rate}; account maximum ${s.maxSendRate}/s (${Math.round((s.achievedRate / s.maxSendRate) * 100)}%)`
      : rate,
  );
  if (s.sessionLimitReplies)
    parts.push(
      `SES closed ${s.sessionLimitReplies} session(s) at its per-session message limit (421) and the pool reconnected: send fewer messages per connection`,
    );
  if (s.delivery) parts.push(deliveryLine(s.delivery));
  return parts.join(' \u00b7 ');
}

/** The delivery counts in words: "delivered 3, bounced 1, complained 1, no final event yet 2". */
export function deliveryLine(d: BurstDelivery): string {
  expectObject(d, 'deliveryLine', 'd');
  if (d.stopped === 'failed') return `delivery not followed: ${d.error ?? 'the tracking queue could not be read'}`;
  const parts = [`delivered ${d.delivered}`, `bounced ${d.bounced}`, `complained ${d.complained}`];
  if (d.delayed) parts.push(`delayed ${d.delayed}`);
  if (d.rejected) parts.push(`rejected ${d.rejected}`);
  if (d.waiting)
    parts.push(`no final event yet ${d.waiting}${d.stopped === 'cancelled' ? ' (following cancelled)' : ''}`);
  return parts.join(', ');
}
