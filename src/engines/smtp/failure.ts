// Turns what nodemailer's SMTP connection reports (an Error with codes and maybe a reply) into a
// named, secret-free SmtpFailure, and words the per-phase time-out messages.
import type { SmtpPhase } from './phases';
import type { SmtpFailure } from './types';
import { redactSecrets } from './redact';
import { replyCode } from './reply';
import { expectObject, expectString } from '../../base/guards';

/** An error from nodemailer's SMTP connection. */
export type SmtpError = Error & {
  code?: string;
  originalCode?: string;
  response?: string;
  responseCode?: number;
  command?: string;
};

/** What toFailure needs to know about the session. */
export interface FailureContext {
  host: string;
  port: number;
  username: string;
  password: string;
  /** Whether the EHLO reply listed STARTTLS (undefined: no EHLO reply seen). */
  starttlsAdvertised?: boolean;
}

/**
 * How messages name a phase ("Authentication took longer than 15 s"). Longer than the short
 * SMTP_PHASE_LABELS the form shows beside its progress dots (phases.ts).
 */
const PHASE_LABEL: Record<SmtpPhase, string> = {
  connect: 'Connecting',
  greeting: 'Waiting for the server greeting',
  ehlo: 'EHLO',
  starttls: 'The STARTTLS handshake',
  'ehlo-tls': 'EHLO after STARTTLS',
  auth: 'Authentication',
  mail: 'MAIL FROM',
  rcpt: 'RCPT TO',
  data: 'Sending the message',
  quit: 'QUIT',
};

const TIMEOUT_HINT: Record<SmtpPhase, string> = {
  connect: 'nothing answered. A firewall or network may block this port (port 25 is often blocked; try 587 or 2587).',
  greeting:
    'the connection opened but the server never said hello. ' +
    'On port 465/2465 the server expects TLS first; on 587/2587 plain SMTP.',
  ehlo: 'the server stopped answering after the greeting.',
  starttls: 'the TLS handshake did not finish. Something between you and the server may intercept TLS.',
  'ehlo-tls': 'the server stopped answering after TLS was set up.',
  auth: 'the server did not answer the login.',
  mail: 'the server did not answer MAIL FROM.',
  rcpt: 'the server did not answer RCPT TO.',
  data: 'the server did not confirm the message.',
  quit: 'the server did not close the session; the login itself worked.',
};

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The failure for a phase that ran out of time. */
export function timeoutFailure(phase: SmtpPhase, limitMs: number): SmtpFailure {
  const message = `${PHASE_LABEL[phase]} took longer than ${formatSeconds(limitMs)}: ${TIMEOUT_HINT[phase]}`;
  return { phase, code: 'TIMEOUT', message };
}

const CERT_ERRORS = /self[- ]signed|CERT_|certificate|altname|unable to verify|UNABLE_TO_GET_ISSUER/i;

type Base = Pick<SmtpFailure, 'phase' | 'reply' | 'responseCode'>;

export function toFailure(err: SmtpError, phase: SmtpPhase, context: FailureContext): SmtpFailure {
  expectString(phase, 'toFailure', 'phase');
  expectObject(context, 'toFailure', 'context');
  const mask = (text: string): string => redactSecrets(text, [context.password], context.username);
  const reply = err.response ? mask(String(err.response)) : undefined;
  const responseCode = err.responseCode ?? replyCode(reply);
  const raw = mask(err.message ?? String(err));
  const base: Base = { phase, reply, responseCode };
  return (
    networkFailure(err, base, context) ??
    starttlsRefused(err, raw, base, context) ??
    tlsFailure(err, raw, base) ??
    replyFailure(err, raw, base)
  );
}

function networkFailure(err: SmtpError, base: Base, context: FailureContext): SmtpFailure | undefined {
  const system = err.originalCode ?? '';
  if (err.code === 'EDNS' || system === 'ENOTFOUND' || system === 'EAI_AGAIN') {
    const message =
      `The host name ${context.host} could not be resolved (${system || 'DNS error'}). ` +
      'Check the spelling and the region.';
    return { ...base, phase: 'connect', code: 'DNS', message };
  }
  if (system === 'ECONNREFUSED') {
    const where = `${context.host}:${context.port}`;
    const message = `Connection refused by ${where}: nothing listens there, or a firewall rejects it.`;
    return { ...base, phase: 'connect', code: 'REFUSED', message };
  }
  if (err.code === 'ETIMEDOUT') {
    const message = `${PHASE_LABEL[base.phase]} timed out: ${TIMEOUT_HINT[base.phase]}`;
    return { ...base, code: 'TIMEOUT', message };
  }
  return undefined;
}

/**
 * The STARTTLS command itself got a refusal. Checked before the TLS handshake branch: nodemailer
 * reports this as a TLS error too, but no handshake ever started.
 */
function starttlsRefused(err: SmtpError, raw: string, base: Base, context: FailureContext): SmtpFailure | undefined {
  const code = base.responseCode;
  if (err.command !== 'STARTTLS' || !base.reply || !code || code < 400) return undefined;
  // A listed STARTTLS answered with 4xx (RFC 3207's 454) is a temporary refusal, not an absence.
  if (code < 500 && context.starttlsAdvertised !== false) return replyFailure(err, raw, base);
  const listed = context.starttlsAdvertised === false ? 'its EHLO reply does not list it and ' : '';
  const message =
    `The server offers no STARTTLS: ${listed}it refused the STARTTLS command (${base.reply}). ` +
    'The password was not sent over the unencrypted connection.';
  return { ...base, code: 'TLS_NOT_OFFERED', message };
}

function tlsFailure(err: SmtpError, raw: string, base: Base): SmtpFailure | undefined {
  const system = err.originalCode ?? '';
  if (/CERT|SELF_SIGNED|ALTNAME/.test(system) || CERT_ERRORS.test(raw)) {
    const message =
      `The server's TLS certificate was not accepted (${stripPrefix(raw)}). ` +
      'Something may be intercepting the connection, or the host is not the SES endpoint it claims to be.';
    return { ...base, code: 'TLS_CERT', message };
  }
  if (err.code === 'ETLS' || /^ERR_SSL|^ERR_TLS/.test(system) || /SSL routines|wrong version number/i.test(raw)) {
    return { ...base, code: 'TLS', message: `TLS failed: ${stripPrefix(raw)}.` };
  }
  const auth = err.command === 'AUTH PLAIN' || err.command === 'AUTH LOGIN';
  if (/STARTTLS/i.test(raw) && /not|support|require/i.test(raw) && !auth) {
    const message = 'The server did not offer STARTTLS; credentials are not sent over an unencrypted connection.';
    return { ...base, code: 'TLS_NOT_OFFERED', message };
  }
  return undefined;
}

function replyFailure(err: SmtpError, raw: string, base: Base): SmtpFailure {
  const { reply, responseCode } = base;
  const said = reply ?? raw;
  if (responseCode === 535) return { ...base, phase: 'auth', code: 'AUTH_FAILED', message: `Login refused: ${said}` };
  if (responseCode === 530) {
    return { ...base, code: 'AUTH_REQUIRED', message: `The server requires something first: ${said}` };
  }
  if (responseCode && responseCode >= 400 && responseCode < 500) {
    return { ...base, code: 'TEMPORARY', message: `Temporary failure: ${reply ?? raw}` };
  }
  if (responseCode && responseCode >= 500) return { ...base, code: 'REJECTED', message: `Rejected: ${reply ?? raw}` };
  const system = err.originalCode ?? '';
  if (/closed unexpectedly|ECONNRESET|socket hang up/i.test(raw) || system === 'ECONNRESET' || system === 'EPIPE') {
    const message = `The server closed the connection during ${PHASE_LABEL[base.phase].toLowerCase()}.`;
    return { ...base, code: 'CLOSED', message };
  }
  if (err.code === 'EPROTOCOL') {
    return { ...base, code: 'PROTOCOL', message: `Unexpected reply from the server: ${reply ?? stripPrefix(raw)}` };
  }
  return { ...base, code: 'PROTOCOL', message: stripPrefix(raw) };
}

function stripPrefix(message: string): string {
  return message.replace(/^Error initiating TLS - /, '').replace(/\.$/, '');
}
