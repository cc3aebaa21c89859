// nodemailer's SMTP connection as the session uses it: its options (TLS 1.2+, certificate checks
// on, with a credential set's pinned certificate checked by the session, nodemailer's own time limits as backstops) and a logger
// that hands every formatted log line to the session.
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { TLSSocket } from 'node:tls';
import type { SmtpCheckOptions } from './types';
import { expectNumber, expectObject } from '../../base/guards';

export interface LogEntry {
  tnx?: string;
}

/** The connection, with the internals the session reads (the socket for TLS details, AUTH methods). */
export type Connection = SMTPConnection & { _socket?: TLSSocket; _supportedAuth?: string[] };

export type Logger = Record<string, (entry: LogEntry, message: string, ...args: unknown[]) => void>;

export function openConnection(options: SmtpCheckOptions, phaseTimeout: number, logger: Logger): Connection {
  expectObject(options, 'openConnection', 'options');
  expectNumber(phaseTimeout, 'openConnection', 'phaseTimeout');
  expectObject(logger, 'openConnection', 'logger');
  return new SMTPConnection({
    host: options.host,
    port: options.port,
    secure: options.tls === 'implicit',
    requireTLS: options.tls === 'starttls',
    name: options.clientName ?? 'ses-smtp-toolkit.local',
    // nodemailer's own limits are backstops; the per-phase watchdog is what fires.
    connectionTimeout: phaseTimeout * 5,
    greetingTimeout: phaseTimeout * 2,
    socketTimeout: phaseTimeout * 2,
    dnsTimeout: phaseTimeout,
    logger,
    transactionLog: true,
    allowInternalNetworkInterfaces: true,
    // With a pinned certificate Node reports instead of refusing, and the session refuses anything
    // that neither verifies nor is the pinned certificate before AUTH (judgeCertificate); without
    // one Node refuses every certificate that does not verify, as always.
    tls: { minVersion: 'TLSv1.2', ca: options.ca, rejectUnauthorized: options.pinnedCertificateSha256 === undefined },
  } as SMTPConnection.Options) as Connection;
}

export function makeLogger(sink: (entry: LogEntry, message: string) => void): Logger {
  const log = (entry: LogEntry, message: string, ...args: unknown[]): void => {
    let text = String(message ?? '');
    let i = 0;
    text = text.replace(/%[sdj]/g, () => String(args[i++] ?? ''));
    sink(entry ?? {}, text);
  };
  return { trace: log, debug: log, info: log, warn: log, error: log, fatal: log };
}
