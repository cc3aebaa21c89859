// One SMTP session through nodemailer's SMTP connection: connect, greeting, EHLO, STARTTLS, EHLO,
// AUTH, then either QUIT (a login check: no mail sent) or MAIL/RCPT/DATA and QUIT (a send).
// Every phase has its own time limit, the session can be cancelled, and the transcript never
// holds the password in any form (see redact.ts). Failures are named in failure.ts.
import { timeoutFailure, toFailure, type SmtpError } from './failure';
import type { SmtpPhase } from './phases';
import { makeLogger, openConnection, type Connection, type LogEntry } from './connection';
import { validateSmtpMessage, validateSmtpOptions } from './input';
import { makeRedactor, maskAuthLine } from './redact';
import { sesMessageIdFromReply } from './reply';
import { judgeCertificate } from '../../base/certificatePin';
import { sha256Fingerprint } from './certificate';
import {
  DEFAULT_PHASE_TIMEOUT_MS,
  type PhaseTiming,
  type SmtpCheckOptions,
  type SmtpCheckResult,
  type SmtpMessage,
  type TranscriptLine,
  type SmtpFailure,
} from './types';

/**
 * Runs the login check. Never throws for network or server trouble: that is reported in the result.
 * Rejects with SmtpInputError for options no session could run with.
 */
export async function checkSmtpLogin(options: SmtpCheckOptions): Promise<SmtpCheckResult> {
  validateSmtpOptions(options);
  return runSmtpSession(options);
}

/** Sends one message in one session (no retries; see send.ts). Never throws for network or server trouble. */
export async function sendSmtpMessage(options: SmtpCheckOptions, message: SmtpMessage): Promise<SmtpCheckResult> {
  validateSmtpOptions(options);
  validateSmtpMessage(message);
  return runSmtpSession(options, message);
}

function runSmtpSession(options: SmtpCheckOptions, message?: SmtpMessage): Promise<SmtpCheckResult> {
  return new Promise<SmtpCheckResult>((resolve) => new SmtpSession(options, message, resolve).start());
}

/** One run: tracks the phase from nodemailer's log, arms a watchdog per phase, records the transcript. */
class SmtpSession {
  private readonly options: SmtpCheckOptions;
  private readonly message: SmtpMessage | undefined;
  private readonly resolve: (result: SmtpCheckResult) => void;
  private readonly started = Date.now();
  private readonly phaseTimeout: number;
  private readonly transcript: TranscriptLine[] = [];
  private readonly phases: PhaseTiming[] = [];
  private readonly connection: Connection;
  private readonly mask: (text: string) => string;
  private phase: SmtpPhase = 'connect';
  private phaseStarted = this.started;
  private inAuth = false;
  private finished = false;
  private timer: NodeJS.Timeout | undefined;
  private greeting: string | undefined;
  private response: string | undefined;
  private starttlsAdvertised: boolean | undefined;
  private readonly onAbort = (): void => {
    this.finish({ phase: this.phase, code: 'CANCELLED', message: 'The check was cancelled.' });
  };

  constructor(options: SmtpCheckOptions, message: SmtpMessage | undefined, resolve: (result: SmtpCheckResult) => void) {
    this.options = options;
    this.message = message;
    this.resolve = resolve;
    this.mask = makeRedactor([options.password], options.username);
    this.phaseTimeout = options.phaseTimeoutMs ?? DEFAULT_PHASE_TIMEOUT_MS;
    this.connection = openConnection(
      options,
      this.phaseTimeout,
      makeLogger((entry, text) => this.onLog(entry, text)),
    );
  }

  start(): void {
    const { options } = this;
    if (options.signal?.aborted) {
      this.finish({ phase: 'connect', code: 'CANCELLED', message: 'The check was cancelled before it started.' });
      return;
    }
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.connection.on('error', (err: SmtpError) => this.fail(err));
    options.onPhase?.('connect');
    const mode = options.tls === 'implicit' ? 'TLS' : 'STARTTLS required';
    this.record('*', `connecting to ${options.host}:${options.port} (${mode})`);
    if (options.pinnedCertificateSha256 !== undefined)
      this.record('*', `certificate pinned for these credentials: SHA-256 ${options.pinnedCertificateSha256}`);
    this.arm();
    this.connection.connect((err?: Error | null) => (err ? this.fail(err) : this.login()));
  }

  private login(): void {
    if (this.finished) return;
    if (!this.certificateAccepted()) return;
    this.enter('auth');
    if (!this.connection.allowsAuth) {
      const message = 'The server did not offer AUTH after EHLO, so no login is possible on this connection.';
      return this.finish({ phase: 'auth', code: 'AUTH_UNSUPPORTED', message });
    }
    const { username, password } = this.options;
    this.connection.login({ user: username, pass: password }, (err?: Error | null) => {
      if (this.finished) return;
      if (err) return this.fail(err, 'auth');
      this.record('*', 'authenticated');
      if (this.message) this.send(this.message);
      else this.quit();
    });
  }

  /**
   * With a pinned certificate Node reports rather than refuses (connection.ts): here, before any
   * credential is sent, the certificate must verify as usual or be exactly the pinned one.
   */
  private certificateAccepted(): boolean {
    const pinned = this.options.pinnedCertificateSha256;
    if (pinned === undefined) return true;
    const socket = this.connection._socket;
    const secure = !!socket && typeof socket.getPeerCertificate === 'function';
    const raw = secure ? socket.getPeerCertificate()?.raw : undefined;
    const verdict = judgeCertificate(
      {
        authorized: secure && socket.authorized === true,
        authorizationError: secure && socket.authorizationError ? String(socket.authorizationError) : undefined,
        sha256: raw ? sha256Fingerprint(raw) : undefined,
      },
      pinned,
    );
    if (verdict.ok) {
      this.record('*', verdict.via === 'pin' ? 'certificate is the pinned one' : 'certificate verified');
      return true;
    }
    this.finish({ phase: this.phase, code: 'TLS_CERT', message: verdict.message });
    return false;
  }

  private send(message: SmtpMessage): void {
    // While the message is on its way the client lines are message data, not credentials.
    this.inAuth = false;
    const envelope = { from: message.from, to: message.to };
    this.connection.send(envelope, message.raw, (err?: Error | null, info?: { response?: string }) => {
      if (this.finished) return;
      if (err) return this.fail(err);
      this.response = info?.response ? this.mask(String(info.response)) : undefined;
      this.record('*', `accepted: ${this.response ?? ''}`);
      this.quit();
    });
  }

  /**
   * The verdict is known (235 for a login, 250 for a message): say QUIT and finish without waiting
   * for 221 or the server's close, as nodemailer's verify() does. Those add a round trip and tell
   * nothing; close() below still takes the socket down.
   */
  private quit(): void {
    this.enter('quit');
    this.connection.quit();
    this.finish();
  }

  private onLog(entry: LogEntry, message: string): void {
    if (this.finished) return;
    if (entry.tnx === 'client') {
      this.record('C', message);
      this.onClientCommand(message.trim().split(/\s/)[0]?.toUpperCase());
    } else if (entry.tnx === 'server') {
      for (const line of message.split(/\r?\n/)) this.record('S', line);
      if (this.phase === 'ehlo' && /^250[ -]/.test(message)) {
        this.starttlsAdvertised = /^250[ -]STARTTLS\b/im.test(message);
      }
      if (this.phase === 'greeting' && /^220[ -]/.test(message)) {
        this.greeting = message.split(/\r?\n/)[0];
        this.enter('ehlo');
      }
    } else if (/established to/.test(message)) {
      this.record('*', this.options.tls === 'implicit' ? 'TCP connected, TLS handshake done' : 'TCP connected');
      this.enter('greeting');
    } else if (/upgraded with STARTTLS/.test(message)) {
      this.record('*', `TLS established${this.describeTls()}`);
      this.enter('ehlo-tls');
    }
  }

  private onClientCommand(verb: string | undefined): void {
    if (verb === 'STARTTLS') this.enter('starttls');
    else if (verb === 'MAIL' && this.phase === 'auth') this.enter('mail');
    else if (verb === 'RCPT' && this.phase === 'mail') this.enter('rcpt');
    else if (verb === 'DATA' && (this.phase === 'rcpt' || this.phase === 'mail')) this.enter('data');
  }

  private record(dir: TranscriptLine['dir'], raw: string): void {
    let text = this.mask(raw);
    // Everything the client says while authenticating is credentials; keep only the verb.
    if (dir === 'C' && this.inAuth) text = maskAuthLine(text);
    const line = { t: Date.now() - this.started, dir, text };
    this.transcript.push(line);
    this.options.onTranscript?.(line);
  }

  private tlsInfo(): { tlsProtocol?: string; tlsCipher?: string } {
    const socket = this.connection._socket;
    if (!socket || typeof socket.getProtocol !== 'function') return {};
    return { tlsProtocol: socket.getProtocol() ?? undefined, tlsCipher: socket.getCipher?.()?.name };
  }

  private describeTls(): string {
    const info = this.tlsInfo();
    return info.tlsProtocol ? ` (${info.tlsProtocol}${info.tlsCipher ? `, ${info.tlsCipher}` : ''})` : '';
  }

  private enter(next: SmtpPhase): void {
    if (this.finished || next === this.phase) return;
    const now = Date.now();
    this.phases.push({ phase: this.phase, ms: now - this.phaseStarted, ok: true });
    this.phase = next;
    this.phaseStarted = now;
    this.inAuth = next === 'auth';
    this.options.onPhase?.(next);
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.finished) return; // an onPhase listener may have cancelled the check
    this.timer = setTimeout(() => this.finish(timeoutFailure(this.phase, this.phaseTimeout)), this.phaseTimeout);
  }

  private fail(err: Error, phase: SmtpPhase = this.phase): void {
    if (this.finished) return;
    this.finish(toFailure(err as SmtpError, phase, { ...this.options, starttlsAdvertised: this.starttlsAdvertised }));
  }

  private finish(failure?: SmtpFailure): void {
    if (this.finished) return;
    if (this.timer) clearTimeout(this.timer);
    this.phases.push({ phase: this.phase, ms: Date.now() - this.phaseStarted, ok: !failure });
    if (failure) this.record('*', `failed in ${this.phase}: ${failure.message}`);
    const out = this.result(failure);
    this.finished = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.close(!failure);
    this.resolve(out);
  }

  /**
   * Leaves no socket behind. After a QUIT the socket goes once QUIT is flushed (a local event, no
   * round trip); after a failure there is nothing worth flushing, so it goes at once.
   */
  private close(flushQuit: boolean): void {
    const socket = this.connection._socket;
    try {
      this.connection.close(); // ends our side, or destroys a socket still connecting
    } catch {
      // already closed
    }
    if (!socket || socket.destroyed) return;
    if (!flushQuit || socket.writableFinished) socket.destroy();
    else socket.once('finish', () => socket.destroy());
  }

  private result(failure?: SmtpFailure): SmtpCheckResult {
    const { host, port, tls } = this.options;
    return {
      ok: !failure,
      host,
      port,
      tls,
      phaseReached: this.phase,
      phases: this.phases,
      totalMs: Date.now() - this.started,
      failure,
      greeting: this.greeting,
      authMechanisms: this.connection._supportedAuth?.slice(),
      ...this.tlsInfo(),
      transcript: this.transcript,
      response: this.response,
      messageId: sesMessageIdFromReply(this.response),
    };
  }
}
