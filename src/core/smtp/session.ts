// One SMTP session through nodemailer's SMTP connection: connect, greeting, EHLO, STARTTLS, EHLO,
// AUTH, then either QUIT (a login check: no mail sent) or MAIL/RCPT/DATA and QUIT (a send).
// Every phase has its own time limit, the session can be cancelled, and the transcript never
// holds the password in any form.
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { TLSSocket } from 'node:tls';
import type { TlsMode } from './regions';

import type { SmtpPhase } from './phases'; export type { SmtpPhase };

export type SmtpFailureCode =
  | 'DNS'
  | 'REFUSED'
  | 'TIMEOUT'
  | 'TLS'
  | 'TLS_CERT'
  | 'TLS_NOT_OFFERED'
  | 'CLOSED'
  | 'PROTOCOL'
  | 'AUTH_FAILED'
  | 'AUTH_UNSUPPORTED'
  | 'AUTH_REQUIRED'
  | 'TEMPORARY'
  | 'REJECTED'
  | 'CANCELLED'
  | 'INPUT';

export interface TranscriptLine {
  /** Milliseconds since the check started. */
  t: number;
  /** C = client, S = server, * = event. */
  dir: 'C' | 'S' | '*';
  text: string;
}

export interface PhaseTiming {
  phase: SmtpPhase;
  ms: number;
  ok: boolean;
}

export interface SmtpFailure {
  phase: SmtpPhase;
  code: SmtpFailureCode;
  /** Readable, secret-free. */
  message: string;
  /** The server's reply, when the failure came with one (e.g. "535 Authentication Credentials Invalid"). */
  reply?: string;
  responseCode?: number;
}

export interface SmtpCheckResult {
  ok: boolean;
  host: string;
  port: number;
  tls: TlsMode;
  /** The last phase entered: the one that failed, or 'quit' on success. */
  phaseReached: SmtpPhase;
  phases: PhaseTiming[];
  totalMs: number;
  failure?: SmtpFailure;
  greeting?: string;
  authMechanisms?: string[];
  tlsProtocol?: string;
  tlsCipher?: string;
  transcript: TranscriptLine[];
  /** For a send: the server's reply to the message ("250 Ok <id>"). */
  response?: string;
  /** For a send to SES: the message id from the 250 reply. */
  messageId?: string;
}

export interface SmtpMessage {
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** The whole RFC 5322 message. */
  raw: Buffer;
}

export interface SmtpCheckOptions {
  host: string;
  port: number;
  tls: TlsMode;
  username: string;
  password: string;
  /** Limit for each phase, in milliseconds. */
  phaseTimeoutMs?: number;
  signal?: AbortSignal;
  /** Extra trusted CAs (tests). Certificate verification itself is never turned off here. */
  ca?: string | Buffer | Array<string | Buffer>;
  /**
   * Accept a certificate that does not verify (self-signed, expired, wrong host). Only ever set
   * from a credential set's explicit opt-in; the transcript says so on every run.
   */
  allowUntrustedCertificate?: boolean;
  /** Name sent in EHLO. */
  clientName?: string;
  /** Called for each transcript line as it happens (already masked). */
  onTranscript?: (line: TranscriptLine) => void;
  /** Called when a phase starts. */
  onPhase?: (phase: SmtpPhase) => void;
}

export const DEFAULT_PHASE_TIMEOUT_MS = 15_000;

/** Replaces every form of a secret a transcript could carry: raw, base64, URL-encoded, AUTH PLAIN blob. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>, username = ''): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    const forms = new Set<string>([
      secret,
      Buffer.from(secret, 'utf8').toString('base64'),
      Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''),
      encodeURIComponent(secret),
      Buffer.from(`\0${username}\0${secret}`, 'utf8').toString('base64'),
      Buffer.from(`${username}\0${username}\0${secret}`, 'utf8').toString('base64'),
    ]);
    for (const form of [...forms].sort((a, b) => b.length - a.length)) {
      if (form) out = out.split(form).join('********');
    }
  }
  return out;
}

interface LogEntry {
  tnx?: string;
}

/** Runs the login check. Never throws for network or server trouble: that is reported in the result. */
export function checkSmtpLogin(options: SmtpCheckOptions): Promise<SmtpCheckResult> {
  return runSmtpSession(options);
}

/** Sends one message in one session (no retries; see send.ts). Never throws for network or server trouble. */
export function sendSmtpMessage(options: SmtpCheckOptions, message: SmtpMessage): Promise<SmtpCheckResult> {
  return runSmtpSession(options, message);
}

/** The SES message id in a 250 reply ("250 Ok 0100018c…-000000"). */
export function sesMessageIdFromReply(reply: string | undefined): string | undefined {
  return reply ? /^250[ -](?:Ok\s+)?([0-9a-f]{16}-[0-9a-f-]+-000000)\b/i.exec(reply.trim())?.[1] : undefined;
}

function runSmtpSession(options: SmtpCheckOptions, message?: SmtpMessage): Promise<SmtpCheckResult> {
  const started = Date.now();
  const phaseTimeout = options.phaseTimeoutMs ?? DEFAULT_PHASE_TIMEOUT_MS;
  const transcript: TranscriptLine[] = [];
  const phases: PhaseTiming[] = [];
  let phase: SmtpPhase = 'connect';
  let phaseStarted = started;
  let inAuth = false;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  let greeting: string | undefined;
  let response: string | undefined;

  const secrets = [options.password];
  const record = (dir: TranscriptLine['dir'], raw: string): void => {
    let text = redactSecrets(raw, secrets, options.username);
    // Everything the client says while authenticating is credentials; keep only the verb.
    if (dir === 'C' && inAuth) text = /^AUTH\s+\S+/i.test(text) ? `${/^AUTH\s+\S+/i.exec(text)![0]} ********` : '********';
    const line = { t: Date.now() - started, dir, text };
    transcript.push(line);
    options.onTranscript?.(line);
  };

  return new Promise<SmtpCheckResult>((resolve) => {
    const result = (failure?: SmtpFailure): SmtpCheckResult => ({
      ok: !failure,
      host: options.host,
      port: options.port,
      tls: options.tls,
      phaseReached: phase,
      phases,
      totalMs: Date.now() - started,
      failure,
      greeting,
      authMechanisms: (connection as unknown as { _supportedAuth?: string[] })._supportedAuth?.slice(),
      ...tlsInfo(),
      transcript,
      response,
      messageId: sesMessageIdFromReply(response),
    });

    const logger = makeLogger((entry, message) => {
      if (finished) return;
      if (entry.tnx === 'client') record('C', message);
      else if (entry.tnx === 'server') {
        for (const line of message.split(/\r?\n/)) record('S', line);
        if (phase === 'greeting' && /^220[ -]/.test(message)) {
          greeting = message.split(/\r?\n/)[0];
          enter('ehlo');
        }
      } else if (/established to/.test(message)) {
        record('*', options.tls === 'implicit' ? 'TCP connected, TLS handshake done' : 'TCP connected');
        enter('greeting');
      } else if (/upgraded with STARTTLS/.test(message)) {
        record('*', `TLS established${describeTls()}`);
        enter('ehlo-tls');
      }
      if (entry.tnx === 'client') {
        const verb = message.trim().split(/\s/)[0]?.toUpperCase();
        if (verb === 'STARTTLS') enter('starttls');
        else if (verb === 'MAIL' && phase === 'auth') enter('mail');
        else if (verb === 'RCPT' && phase === 'mail') enter('rcpt');
        else if (verb === 'DATA' && (phase === 'rcpt' || phase === 'mail')) enter('data');
      }
    });

    const connection = new SMTPConnection({
      host: options.host,
      port: options.port,
      secure: options.tls === 'implicit',
      requireTLS: options.tls === 'starttls',
      name: options.clientName ?? 'ses-smtp-toolkit.local',
      // nodemailer's own limits are backstops; the per-phase watchdog below is what fires.
      connectionTimeout: phaseTimeout * 5,
      greetingTimeout: phaseTimeout * 2,
      socketTimeout: phaseTimeout * 2,
      dnsTimeout: phaseTimeout,
      logger,
      transactionLog: true,
      allowInternalNetworkInterfaces: true,
      tls: { minVersion: 'TLSv1.2', ca: options.ca, rejectUnauthorized: options.allowUntrustedCertificate !== true },
    } as SMTPConnection.Options);

    function tlsInfo(): { tlsProtocol?: string; tlsCipher?: string } {
      const socket = (connection as unknown as { _socket?: TLSSocket })._socket;
      if (!socket || typeof socket.getProtocol !== 'function') return {};
      return { tlsProtocol: socket.getProtocol() ?? undefined, tlsCipher: socket.getCipher?.()?.name };
    }
    function describeTls(): string {
      const info = tlsInfo();
      return info.tlsProtocol ? ` (${info.tlsProtocol}${info.tlsCipher ? `, ${info.tlsCipher}` : ''})` : '';
    }

    function enter(next: SmtpPhase): void {
      if (finished || next === phase) return;
      const now = Date.now();
      phases.push({ phase, ms: now - phaseStarted, ok: true });
      phase = next;
      phaseStarted = now;
      inAuth = next === 'auth';
      options.onPhase?.(next);
      arm();
    }
    function arm(): void {
      if (timer) clearTimeout(timer);
      if (finished) return; // an onPhase listener may have cancelled the check
      timer = setTimeout(() => {
        finish({
          phase,
          code: 'TIMEOUT',
          message: `${PHASE_LABEL[phase]} took longer than ${formatSeconds(phaseTimeout)}: ${TIMEOUT_HINT[phase]}`,
        });
      }, phaseTimeout);
    }
    function finish(failure?: SmtpFailure): void {
      if (finished) return;
      if (timer) clearTimeout(timer);
      phases.push({ phase, ms: Date.now() - phaseStarted, ok: !failure });
      if (failure) record('*', `failed in ${phase}: ${failure.message}`);
      const out = result(failure);
      finished = true;
      options.signal?.removeEventListener('abort', onAbort);
      try {
        connection.close();
      } catch {
        // already closed
      }
      resolve(out);
    }
    function onAbort(): void {
      finish({ phase, code: 'CANCELLED', message: 'The check was cancelled.' });
    }

    if (options.signal?.aborted) {
      phase = 'connect';
      finish({ phase, code: 'CANCELLED', message: 'The check was cancelled before it started.' });
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });

    connection.on('error', (err: SmtpError) => finish(toFailure(err, phase, options)));
    options.onPhase?.('connect');
    record('*', `connecting to ${options.host}:${options.port} (${options.tls === 'implicit' ? 'TLS' : 'STARTTLS required'})`);
    if (options.allowUntrustedCertificate) record('*', 'WARNING: certificate verification is off for these credentials (opted in); anyone on the path could read the password');
    arm();
    connection.connect((err?: Error | null) => {
      if (finished) return;
      if (err) return finish(toFailure(err as SmtpError, phase, options));
      if (!connection.allowsAuth) {
        enter('auth');
        return finish({
          phase: 'auth',
          code: 'AUTH_UNSUPPORTED',
          message: 'The server did not offer AUTH after EHLO, so no login is possible on this connection.',
        });
      }
      enter('auth');
      connection.login({ user: options.username, pass: options.password }, (loginErr?: Error | null) => {
        if (finished) return;
        if (loginErr) return finish(toFailure(loginErr as SmtpError, 'auth', options));
        record('*', 'authenticated');
        const quit = (): void => {
          enter('quit');
          connection.once('end', () => finish());
          connection.quit();
        };
        if (!message) return quit();
        // While the message is on its way the client lines are message data, not credentials.
        inAuth = false;
        connection.send({ from: message.from, to: message.to }, message.raw, (sendErr?: Error | null, info?: { response?: string }) => {
          if (finished) return;
          if (sendErr) return finish(toFailure(sendErr as SmtpError, phase, options));
          response = info?.response ? redactSecrets(String(info.response), secrets, options.username) : undefined;
          record('*', `accepted: ${response ?? ''}`);
          quit();
        });
      });
    });
  });
}

type SmtpError = Error & { code?: string; originalCode?: string; response?: string; responseCode?: number; command?: string };

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
  greeting: 'the connection opened but the server never said hello. On port 465/2465 the server expects TLS first; on 587/2587 plain SMTP.',
  ehlo: 'the server stopped answering after the greeting.',
  starttls: 'the TLS handshake did not finish. Something between you and the server may intercept TLS.',
  'ehlo-tls': 'the server stopped answering after TLS was set up.',
  auth: 'the server did not answer the login.',
  mail: 'the server did not answer MAIL FROM.',
  rcpt: 'the server did not answer RCPT TO.',
  data: 'the server did not confirm the message.',
  quit: 'the server did not close the session; the login itself worked.',
};

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

const CERT_ERRORS = /self[- ]signed|CERT_|certificate|altname|unable to verify|UNABLE_TO_GET_ISSUER/i;

function toFailure(err: SmtpError, phase: SmtpPhase, options: SmtpCheckOptions): SmtpFailure {
  const reply = err.response ? redactSecrets(String(err.response), [options.password], options.username) : undefined;
  const responseCode = err.responseCode ?? (reply ? Number(/^\d{3}/.exec(reply)?.[0]) || undefined : undefined);
  const raw = redactSecrets(err.message ?? String(err), [options.password], options.username);
  const base = { phase, reply, responseCode };
  const system = err.originalCode ?? '';
  if (err.code === 'EDNS' || system === 'ENOTFOUND' || system === 'EAI_AGAIN') {
    return { ...base, phase: 'connect', code: 'DNS', message: `The host name ${options.host} could not be resolved (${system || 'DNS error'}). Check the spelling and the region.` };
  }
  if (system === 'ECONNREFUSED') {
    return { ...base, phase: 'connect', code: 'REFUSED', message: `Connection refused by ${options.host}:${options.port}: nothing listens there, or a firewall rejects it.` };
  }
  if (err.code === 'ETIMEDOUT') {
    return { ...base, code: 'TIMEOUT', message: `${PHASE_LABEL[phase]} timed out: ${TIMEOUT_HINT[phase]}` };
  }
  if (/CERT|SELF_SIGNED|ALTNAME/.test(system) || CERT_ERRORS.test(raw)) {
    return { ...base, code: 'TLS_CERT', message: `The server's TLS certificate was not accepted (${stripPrefix(raw)}). Something may be intercepting the connection, or the host is not the SES endpoint it claims to be.` };
  }
  if (err.code === 'ETLS' || /^ERR_SSL|^ERR_TLS/.test(system) || /SSL routines|wrong version number/i.test(raw)) {
    return { ...base, code: 'TLS', message: `TLS failed: ${stripPrefix(raw)}.` };
  }
  if (/STARTTLS/i.test(raw) && /not|support|require/i.test(raw) && err.command !== 'AUTH PLAIN' && err.command !== 'AUTH LOGIN') {
    return { ...base, code: 'TLS_NOT_OFFERED', message: 'The server did not offer STARTTLS; credentials are not sent over an unencrypted connection.' };
  }
  if (responseCode === 535) return { ...base, phase: 'auth', code: 'AUTH_FAILED', message: `Login refused: ${reply ?? raw}` };
  if (responseCode === 530) return { ...base, code: 'AUTH_REQUIRED', message: `The server requires something first: ${reply ?? raw}` };
  if (responseCode && responseCode >= 400 && responseCode < 500) return { ...base, code: 'TEMPORARY', message: `Temporary failure: ${reply ?? raw}` };
  if (responseCode && responseCode >= 500) return { ...base, code: 'REJECTED', message: `Rejected: ${reply ?? raw}` };
  if (/closed unexpectedly|ECONNRESET|socket hang up/i.test(raw) || system === 'ECONNRESET' || system === 'EPIPE') {
    return { ...base, code: 'CLOSED', message: `The server closed the connection during ${PHASE_LABEL[phase].toLowerCase()}.` };
  }
  if (err.code === 'EPROTOCOL') return { ...base, code: 'PROTOCOL', message: `Unexpected reply from the server: ${reply ?? stripPrefix(raw)}` };
  return { ...base, code: 'PROTOCOL', message: stripPrefix(raw) };
}

function stripPrefix(message: string): string {
  return message.replace(/^Error initiating TLS - /, '').replace(/\.$/, '');
}

function makeLogger(sink: (entry: LogEntry, message: string) => void): Record<string, (entry: LogEntry, message: string, ...args: unknown[]) => void> {
  const log = (entry: LogEntry, message: string, ...args: unknown[]): void => {
    let text = String(message ?? '');
    let i = 0;
    text = text.replace(/%[sdj]/g, () => String(args[i++] ?? ''));
    sink(entry ?? {}, text);
  };
  return { trace: log, debug: log, info: log, warn: log, error: log, fatal: log };
}
