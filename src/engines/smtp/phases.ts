// The phases of an SMTP session, in order, with the short names the Send Test Email form shows.
// Plain data: no 'vscode', no nodemailer, so both the core session and the webview import it.
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

export const SMTP_PHASE_LABELS: Readonly<Record<SmtpPhase, string>> = {
  connect: 'Connect',
  greeting: 'Greeting',
  ehlo: 'EHLO',
  starttls: 'STARTTLS',
  'ehlo-tls': 'EHLO (TLS)',
  auth: 'Authenticate',
  mail: 'MAIL FROM',
  rcpt: 'RCPT TO',
  data: 'DATA',
  quit: 'QUIT',
};
