// Checks on what callers hand the SMTP core: commands take arguments from keybindings, tasks and
// other extensions, so a wrong type or value must end in a readable error, never a TypeError deep
// inside nodemailer or a timer that overflows.
import type { SmtpCheckOptions, SmtpMessage } from './types';

/** A bad argument to an SMTP core function; `field` names it. */
export class SmtpInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'SmtpInputError';
    this.field = field;
  }
}

/**
 * Longest time limit per phase: 10 minutes. A longer one only hides a hang, and past 2^31 ms Node's
 * timer overflows and fires at once (1e7 s read as a blocked network).
 */
export const MAX_PHASE_TIMEOUT_MS = 600_000;

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return `string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${String(value)}`;
  }
  return typeof value; // undefined, symbol, function
}

export function requireObject(value: unknown, field: string, what: string): asserts value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new SmtpInputError(field, `${what} must be an object, not ${describeType(value)}.`);
  }
}

export function requireString(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string') {
    throw new SmtpInputError(field, `${field} must be a string, not ${describeType(value)}.`);
  }
}

export function optionalString(value: unknown, field: string): asserts value is string | undefined {
  if (value !== undefined) requireString(value, field);
}

function optionalFunction(value: unknown, field: string): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new SmtpInputError(field, `${field} must be a function, not ${describeType(value)}.`);
  }
}

/** Throws SmtpInputError for options no session could run with. */
export function validateSmtpOptions(options: unknown): asserts options is SmtpCheckOptions {
  requireObject(options, 'options', 'The SMTP options');
  const { host, port, tls, username, password, phaseTimeoutMs, clientName, signal } = options;
  requireString(host, 'host');
  if (!host.trim() || host.length > 253 || /\s/.test(host) || hasControlCharacter(host)) {
    throw new SmtpInputError(
      'host',
      `host ${JSON.stringify(host.slice(0, 80))} is not a host name, such as email-smtp.us-east-1.amazonaws.com.`,
    );
  }
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SmtpInputError('port', `port must be a whole number from 1 to 65535, not ${describeType(port)}.`);
  }
  if (tls !== 'starttls' && tls !== 'implicit') {
    throw new SmtpInputError('tls', `tls must be "starttls" or "implicit", not ${describeType(tls)}.`);
  }
  requireString(username, 'username');
  requireString(password, 'password');
  validatePhaseTimeout(phaseTimeoutMs);
  optionalString(clientName, 'clientName');
  if (clientName !== undefined && !/^[A-Za-z0-9.[\]:-]{1,253}$/.test(clientName)) {
    throw new SmtpInputError(
      'clientName',
      'clientName must be a host name or address literal (letters, digits, dots, hyphens).',
    );
  }
  if (
    signal !== undefined &&
    (typeof signal !== 'object' || signal === null || typeof (signal as AbortSignal).addEventListener !== 'function')
  ) {
    throw new SmtpInputError('signal', `signal must be an AbortSignal, not ${describeType(signal)}.`);
  }
  optionalFunction(options.onTranscript, 'onTranscript');
  optionalFunction(options.onPhase, 'onPhase');
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
}

function validatePhaseTimeout(ms: unknown): void {
  if (ms === undefined) return;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > MAX_PHASE_TIMEOUT_MS) {
    const shown = typeof ms === 'number' && Number.isFinite(ms) ? `${ms / 1000} s` : describeType(ms);
    throw new SmtpInputError(
      'phaseTimeoutMs',
      `The time limit per phase must be more than 0 and at most ${MAX_PHASE_TIMEOUT_MS / 1000} seconds, not ${shown}.`,
    );
  }
}

/** Throws SmtpInputError for an envelope or message that cannot be sent as given. */
export function validateSmtpMessage(message: unknown): asserts message is SmtpMessage {
  requireObject(message, 'message', 'The message');
  const { from, to, raw } = message;
  requireString(from, 'from');
  if (!Array.isArray(to) || to.length === 0)
    throw new SmtpInputError('to', `to must be a non-empty array of addresses, not ${describeType(to)}.`);
  to.forEach((address, i) => requireString(address, `to[${i}]`));
  for (const [field, address] of [['from', from], ...to.map((a, i) => [`to[${i}]`, a])] as Array<[string, string]>) {
    if (/[\r\n\0<>]/.test(address))
      throw new SmtpInputError(field, `${field} contains a line break or < >, which would inject SMTP commands.`);
  }
  if (!Buffer.isBuffer(raw))
    throw new SmtpInputError('raw', `raw must be a Buffer holding the message, not ${describeType(raw)}.`);
}
