// "Send Test Burst": N copies of a test mail over one nodemailer pool, paced at a chosen rate (by
// default the account's MaxSendRate), to answer "will my app hit SES's maximum send rate?". SES's
// advice decides retries: a 454 (throttling, temporary failure) is retried after a back-off, a 5xx
// never. Cancelling stops the pacing and closes the pool; the summary says what was not sent.
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { composeTestMail } from './send';
import { sesMessageIdFromReply } from './reply';
import { type TestMail } from './mailOptions';
import { validateTestMail } from './mailInput';
import { requireObject, SmtpInputError, validateSmtpOptions } from './input';
import type { SmtpCheckOptions } from './types';
import {
  BURST_LIMITS,
  burstRecipientProblem,
  isSessionLimitReply,
  summarizeBurst,
  waitBeforeMs,
  type BurstMessageOutcome,
  type BurstSummary,
} from './burstMath';
import { expectObject } from '../../base/guards';

export interface BurstOptions extends Omit<SmtpCheckOptions, 'onTranscript' | 'onPhase' | 'pinnedCertificateSha256'> {
  mail: TestMail;
  /** How many messages (1 to 1,000). */
  count: number;
  /** Messages per second (0.1 to 1,000). */
  rate: number;
  /** Connections in the pool (1 to 20, default 5). */
  poolSize?: number;
  /** Messages per connection before the pool reconnects (1 to 1,000, default 100): under SES's per-session limit. */
  messagesPerConnection?: number;
  /** The account's MaxSendRate, for the summary. */
  maxSendRate?: number;
  /** Recipients other than the mailbox simulator were confirmed by the user. */
  confirmNonSimulator?: boolean;
  /** Waits before retrying a 454, in ms; SES advises backing off (default 1 s, then 2 s). */
  retryDelaysMs?: number[];
  /** After each message's final outcome. */
  onProgress?: (done: BurstMessageOutcome, summary: BurstSummary) => void;
  /** Waits; replaceable in tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const BURST_RETRY_DELAYS_MS = [1_000, 2_000];

/** Failures of the connection itself: the rest of the burst would fail the same way. */
const STOPPING_CODES = new Set(['EAUTH', 'ECONNECTION', 'ETLS', 'EDNS', 'ESOCKET', 'ETIMEDOUT', 'EPROTOCOL']);

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function inRange(value: unknown, field: string, min: number, max: number, integer: boolean): void {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new SmtpInputError(
      field,
      `${field} must be a${integer ? ' whole' : ''} number from ${min} to ${max}, not ${String(value).slice(0, 20)}.`,
    );
  }
}

/** Checks the options; throws SmtpInputError or MailInputError naming the field. */
export function validateBurstOptions(options: BurstOptions): { from: string; to: string[] } {
  requireObject(options, 'options', 'The burst options');
  const envelope = validateTestMail(options.mail);
  validateSmtpOptions(options);
  inRange(options.count, 'count', BURST_LIMITS.count.min, BURST_LIMITS.count.max, true);
  inRange(options.rate, 'rate', BURST_LIMITS.rate.min, BURST_LIMITS.rate.max, false);
  if (options.poolSize !== undefined)
    inRange(options.poolSize, 'poolSize', BURST_LIMITS.poolSize.min, BURST_LIMITS.poolSize.max, true);
  const perConnection = BURST_LIMITS.messagesPerConnection;
  if (options.messagesPerConnection !== undefined)
    inRange(options.messagesPerConnection, 'messagesPerConnection', perConnection.min, perConnection.max, true);
  const problem = burstRecipientProblem(envelope.to, options.confirmNonSimulator === true);
  if (problem) throw new SmtpInputError('to', problem);
  return envelope;
}

interface SendError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

export function burstTransport(options: BurstOptions): Transporter<SMTPPool.SentMessageInfo> {
  expectObject(options, 'burstTransport', 'options');
  const poolSize = options.poolSize ?? BURST_LIMITS.poolSize.default;
  const phase = options.phaseTimeoutMs ?? 15_000;
  return createTransport({
    pool: true,
    maxConnections: poolSize,
    // SES ends a session after a few hundred messages; the pool opens a new connection before that.
    maxMessages: options.messagesPerConnection ?? BURST_LIMITS.messagesPerConnection.default,
    host: options.host,
    port: options.port,
    secure: options.tls === 'implicit',
    requireTLS: options.tls === 'starttls',
    name: options.clientName ?? 'ses-smtp-toolkit.local',
    auth: { user: options.username, pass: options.password },
    connectionTimeout: phase,
    greetingTimeout: phase,
    socketTimeout: phase * 2,
    allowInternalNetworkInterfaces: true,
    // The pool opens its connections itself, with no point between the handshake and AUTH where a
    // pinned certificate could be checked: a burst verifies every certificate as usual, pin or not.
    tls: { minVersion: 'TLSv1.2', ca: options.ca, rejectUnauthorized: true },
  } as SMTPPool.Options);
}

/** Sends the burst and returns its summary. Throws only for bad input. */
export async function sendTestBurst(options: BurstOptions): Promise<BurstSummary> {
  const envelope = validateBurstOptions(options);
  const raw = await composeTestMail(options.mail);
  const sleep = options.sleep ?? defaultSleep;
  const delays = options.retryDelaysMs ?? BURST_RETRY_DELAYS_MS;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop.abort();
  let stoppedReason: string | undefined;
  const outcomes: BurstMessageOutcome[] = [];
  const transport = burstTransport(options);
  const started = performance.now();
  const summary = (): BurstSummary =>
    summarizeBurst(outcomes, {
      requested: options.count,
      elapsedMs: performance.now() - started,
      targetRate: options.rate,
      maxSendRate: options.maxSendRate,
      cancelled: options.signal?.aborted === true,
      stoppedReason: stoppedReason ?? (options.signal?.aborted ? 'cancelled' : undefined),
    });

  const sendOne = async (index: number): Promise<void> => {
    const outcome: BurstMessageOutcome = { index, kind: 'cancelled', throttledReplies: 0, attempts: 0 };
    for (let attempt = 0; !stop.signal.aborted; attempt++) {
      const t = performance.now();
      outcome.attempts++;
      try {
        const info = await transport.sendMail({ envelope, raw });
        Object.assign(outcome, {
          kind: 'accepted',
          latencyMs: performance.now() - t,
          reply: undefined,
          responseCode: 250,
          messageId: sesMessageIdFromReply(info.response),
        });
        break;
      } catch (err) {
        const e = err as SendError;
        const code = e.responseCode;
        Object.assign(outcome, {
          latencyMs: performance.now() - t,
          reply: e.response ?? e.message,
          responseCode: code,
        });
        if (stop.signal.aborted) break;
        if (code === 454) outcome.throttledReplies++;
        // 421 at the per-session limit: the pool drops that connection; the retry goes over a new one.
        if (isSessionLimitReply(e.response)) outcome.sessionLimitReplies = (outcome.sessionLimitReplies ?? 0) + 1;
        // SES: 4xx means back off and retry; 5xx is final.
        if (code !== undefined && code >= 400 && code < 500 && attempt < delays.length) {
          // A session ended at SES's limit needs no back-off: the next connection takes the message.
          if (!isSessionLimitReply(e.response)) await sleep(delays[attempt], stop.signal);
          continue;
        }
        outcome.kind = code === 454 ? 'throttled' : 'failed';
        if (code === undefined || (e.code && STOPPING_CODES.has(e.code) && code !== 454)) {
          stoppedReason ??= `stopped after a connection failure: ${e.response ?? e.message}`;
          stop.abort();
        }
        break;
      }
    }
    outcomes.push(outcome);
    options.onProgress?.(outcome, summary());
  };

  const inFlight: Array<Promise<void>> = [];
  try {
    for (let i = 0; i < options.count && !stop.signal.aborted; i++) {
      const wait = waitBeforeMs(i, options.rate, performance.now() - started);
      if (wait > 0) await sleep(wait, stop.signal);
      if (stop.signal.aborted) break;
      inFlight.push(sendOne(i));
    }
    // A cancel closes the pool, which fails the messages still in flight at once.
    await Promise.race([
      Promise.all(inFlight),
      new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true })),
    ]);
    if (stop.signal.aborted) {
      transport.close();
      await Promise.all(inFlight);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    transport.close();
  }
  return summary();
}
