// Sends a test mail through the SES SMTP interface: validates the input (header injection,
// addresses), composes the message with nodemailer, and retries 4xx replies with backoff as SES
// advises (never 5xx). Each attempt is one full session with its own transcript.
import { sendSmtpMessage } from './session';
import { type SmtpCheckOptions, type SmtpCheckResult, type TranscriptLine } from './types';
import { describeType, requireObject, SmtpInputError, validateSmtpOptions } from './input';
import type { TestMail } from './mailOptions';
import { composeMail } from './compose';
import type { CheckedAttachment } from './attachments';
import type { CheckedMail } from './mailInput';
import { regionFromHost } from '../../base/regions';

export interface SendOptions extends SmtpCheckOptions {
  mail: TestMail;
  /** The credentials' region, held against sending-authorization ARNs (default: the host's region). */
  region?: string;
  /** Waits before each retry, in ms. SES advises 5 s, 10 s, 30 s. */
  retryDelaysMs?: number[];
  /** Called before waiting for a retry. */
  onRetry?: (attempt: number, delayMs: number, reply: string | undefined) => void;
  /** Waits; replaceable in tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface SendAttempt {
  result: SmtpCheckResult;
  /** Wait before this attempt, in ms (0 for the first). */
  waitedMs: number;
}

export interface SendOutcome {
  ok: boolean;
  messageId?: string;
  /** The last attempt's result. */
  result: SmtpCheckResult;
  attempts: SendAttempt[];
  /** The message exactly as it went out (for Save as .eml), when it was composed. */
  message?: Buffer;
  /** The envelope and extras as checked and written (recipients, X-SES values, custom headers). */
  checked?: CheckedMail;
  /** The attached files with their sizes. */
  attachments?: CheckedAttachment[];
}

export const SES_RETRY_DELAYS_MS = [5_000, 10_000, 30_000];

/** Builds the RFC 5322 message (attachments included). */
export async function composeTestMail(mail: TestMail, context: { region?: string } = {}): Promise<Buffer> {
  return (await composeMail(mail, context)).message;
}

function validateRetries(options: SendOptions): void {
  const delays: unknown = options.retryDelaysMs;
  if (
    delays !== undefined &&
    (!Array.isArray(delays) ||
      delays.length > 10 ||
      !delays.every((d) => typeof d === 'number' && d >= 0 && d <= 600_000))
  ) {
    throw new SmtpInputError(
      'retryDelaysMs',
      'retryDelaysMs must be a list of at most 10 waits, each from 0 to 600000 ms.',
    );
  }
  for (const name of ['sleep', 'onRetry'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new SmtpInputError(name, `${name} must be a function, not ${describeType(options[name])}.`);
    }
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** True for replies worth retrying: SES's 4xx (throttling, temporary failures, 421). */
export function isRetryable(result: SmtpCheckResult): boolean {
  requireObject(result, 'result', 'The send result');
  const code = result.failure?.responseCode;
  return result.failure?.code === 'TEMPORARY' || (code !== undefined && code >= 400 && code < 500);
}

/** Sends the test mail, retrying 4xx replies. Throws MailInputError for bad input only. */
export async function sendTestMail(options: SendOptions): Promise<SendOutcome> {
  requireObject(options, 'options', 'The send options');
  validateSmtpOptions(options);
  validateRetries(options);
  if (options.region !== undefined && typeof options.region !== 'string')
    throw new SmtpInputError(
      'region',
      `region must be a region name such as eu-west-1, not ${describeType(options.region)}.`,
    );
  const region = options.region ?? regionFromHost(options.host)?.region;
  const { message: raw, checked, attachments } = await composeMail(options.mail, { region });
  const composed = { message: raw, checked, attachments };
  const delays = options.retryDelaysMs ?? SES_RETRY_DELAYS_MS;
  const sleep = options.sleep ?? defaultSleep;
  const attempts: SendAttempt[] = [];
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      const line: TranscriptLine = { t: 0, dir: '*', text: `attempt ${attempt + 1} after waiting ${waited} ms` };
      options.onTranscript?.(line);
    }
    const result = await sendSmtpMessage(options, { from: checked.from, to: checked.recipients, raw });
    attempts.push({ result, waitedMs: waited });
    if (result.ok || !isRetryable(result) || attempt >= delays.length || options.signal?.aborted) {
      return { ok: result.ok, messageId: result.messageId, result, attempts, ...composed };
    }
    waited = delays[attempt];
    options.onRetry?.(attempt + 1, waited, result.failure?.reply);
    await sleep(waited, options.signal);
    if (options.signal?.aborted) {
      return {
        ok: false,
        result: {
          ...result,
          failure: {
            phase: result.phaseReached,
            code: 'CANCELLED',
            message: 'The send was cancelled while waiting to retry.',
          },
        },
        attempts,
        ...composed,
      };
    }
  }
}
