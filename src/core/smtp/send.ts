// Sends a test mail through the SES SMTP interface: validates the input (header injection,
// addresses), composes the message with nodemailer, and retries 4xx replies with backoff as SES
// advises (never 5xx). Each attempt is one full session with its own transcript.
import MailComposer from 'nodemailer/lib/mail-composer';
import { sendSmtpMessage, type SmtpCheckOptions, type SmtpCheckResult, type TranscriptLine } from './session';
import { describeType, requireObject, SmtpInputError, validateSmtpOptions } from './input';
import type { MailExtras } from './mailOptions';

/** A test mail; the extras (CC/BCC, headers, attachments, configuration set, tags, ARNs, raw MIME) are optional. */
export interface TestMail extends MailExtras {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

export interface SendOptions extends SmtpCheckOptions {
  mail: TestMail;
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
}

export const SES_RETRY_DELAYS_MS = [5_000, 10_000, 30_000];

export { MAILBOX_SIMULATOR } from './mailboxSimulator';

export class MailInputError extends Error {
  constructor(
    readonly field: keyof TestMail,
    message: string,
  ) {
    super(message);
  }
}

const ADDRESS = /^[^\s@<>()[\]\\,;:"]+(?:\.[^\s@<>()[\]\\,;:"]+)*@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/u;

/** The bare address of "Name <addr>" or "addr"; throws MailInputError with a readable message. */
export function parseAddress(field: 'from' | 'to', input: string): { address: string; name?: string } {
  const label = field === 'from' ? 'From' : 'To';
  if (input !== undefined && input !== null && typeof input !== 'string') {
    throw new MailInputError(field, `${label} must be text, not ${describeType(input)}.`);
  }
  const value = (input ?? '').trim();
  if (!value) throw new MailInputError(field, `${label} is empty. Enter an address such as sender@example.com.`);
  if (/[\r\n]/.test(value))
    throw new MailInputError(field, `${label} contains a line break, which would inject mail headers. Remove it.`);
  if (value.length > 320)
    throw new MailInputError(field, `${label} is ${value.length} characters long; an address has at most 320.`);
  const named = /^(?:"((?:[^"\\]|\\.)*)"|([^<>"]*?))\s*<([^<>]+)>$/.exec(value);
  const address = (named ? named[3] : value).trim();
  const name = named ? (named[1] ?? named[2] ?? '').trim() || undefined : undefined;
  if (!ADDRESS.test(address)) {
    throw new MailInputError(
      field,
      `${label} "${address.slice(0, 80)}" is not an email address. ` +
        'Use local@domain, optionally as "Name <local@domain>".',
    );
  }
  return { address, name };
}

/** Checks a test mail; returns the envelope addresses. Throws MailInputError naming the field. */
export function validateTestMail(mail: TestMail): { from: string; to: string[] } {
  if (!mail || typeof mail !== 'object' || Array.isArray(mail)) {
    throw new MailInputError(
      'from',
      `The test mail must be an object with from, to, subject and text, not ${describeType(mail)}.`,
    );
  }
  for (const field of ['subject', 'text', 'html'] as const) {
    const value: unknown = mail[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new MailInputError(field, `The ${field} must be text, not ${describeType(value)}.`);
    }
  }
  const from = parseAddress('from', mail.from).address;
  if (!Array.isArray(mail.to) || mail.to.length === 0)
    throw new MailInputError('to', 'To is empty. Enter at least one recipient, or pick a mailbox simulator address.');
  if (mail.to.length > 50)
    throw new MailInputError('to', `${mail.to.length} recipients; SES accepts at most 50 per message.`);
  const to = mail.to.map((t) => parseAddress('to', t).address);
  if (/[\r\n]/.test(mail.subject ?? ''))
    throw new MailInputError(
      'subject',
      'The subject contains a line break, which would inject mail headers. Keep it on one line.',
    );
  if ((mail.subject ?? '').length > 998)
    throw new MailInputError('subject', 'The subject is longer than 998 characters, the limit of one header line.');
  if ((mail.text ?? '').length + (mail.html ?? '').length > 10 * 1024 * 1024)
    throw new MailInputError('text', 'The body is larger than 10 MB; a test mail does not need that much.');
  return { from, to };
}

/** Builds the RFC 5322 message. */
export async function composeTestMail(mail: TestMail): Promise<Buffer> {
  validateTestMail(mail);
  const composer = new MailComposer({
    from: mail.from.trim(),
    to: mail.to.map((t) => t.trim()),
    subject: mail.subject,
    text: mail.text,
    html: mail.html || undefined,
    headers: { 'X-Mailer': 'SES SMTP Toolkit test mail' },
  });
  return new Promise<Buffer>((resolve, reject) =>
    composer.compile().build((err: Error | null, message: Buffer) => (err ? reject(err) : resolve(message))),
  );
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
  const envelope = validateTestMail(options.mail);
  validateSmtpOptions(options);
  validateRetries(options);
  const raw = await composeTestMail(options.mail);
  const delays = options.retryDelaysMs ?? SES_RETRY_DELAYS_MS;
  const sleep = options.sleep ?? defaultSleep;
  const attempts: SendAttempt[] = [];
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      const line: TranscriptLine = { t: 0, dir: '*', text: `attempt ${attempt + 1} after waiting ${waited} ms` };
      options.onTranscript?.(line);
    }
    const result = await sendSmtpMessage(options, { from: envelope.from, to: envelope.to, raw });
    attempts.push({ result, waitedMs: waited });
    if (result.ok || !isRetryable(result) || attempt >= delays.length || options.signal?.aborted) {
      return { ok: result.ok, messageId: result.messageId, result, attempts };
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
      };
    }
  }
}
