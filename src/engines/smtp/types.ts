// The data a session takes and gives back: options, the message to send, the result with its
// phases and masked transcript.
import type { TlsMode } from '../../base/regions';
import type { SmtpPhase } from './phases';

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

export interface SmtpFailure {
  phase: SmtpPhase;
  code: SmtpFailureCode;
  /** Readable, secret-free. */
  message: string;
  /** The server's reply, when the failure came with one (e.g. "535 Authentication Credentials Invalid"). */
  reply?: string;
  responseCode?: number;
}

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
   * The SHA-256 fingerprint of the one certificate trusted besides those that verify normally
   * (src/base/certificatePin.ts): set only from a credential set's pin. Any other certificate that
   * does not verify is refused before AUTH, so no credential reaches it.
   */
  pinnedCertificateSha256?: string;
  /** Name sent in EHLO. */
  clientName?: string;
  /** Called for each transcript line as it happens (already masked). */
  onTranscript?: (line: TranscriptLine) => void;
  /** Called when a phase starts. */
  onPhase?: (phase: SmtpPhase) => void;
}

export const DEFAULT_PHASE_TIMEOUT_MS = 15_000;
