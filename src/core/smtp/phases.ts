// The phases of one SMTP session, in order, with the label each is shown under. Shared by the
// session (core) and the test-send webview, so both name a phase the same way.

/** Every phase a session can be in, in the order a full send passes through them. */
export const SMTP_PHASES = [
  'connect',
  'greeting',
  'ehlo',
  'starttls',
  'ehlo-tls',
  'auth',
  'mail',
  'rcpt',
  'data',
  'quit',
] as const;

export type SmtpPhase = (typeof SMTP_PHASES)[number];

/** What each phase is called in messages ("Authentication took longer than 15 s"). */
export const SMTP_PHASE_LABELS: Readonly<Record<SmtpPhase, string>> = {
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

/** True for one of SMTP_PHASES (for values that crossed a process or webview boundary). */
export function isSmtpPhase(value: unknown): value is SmtpPhase {
  return typeof value === 'string' && (SMTP_PHASES as readonly string[]).includes(value);
}
