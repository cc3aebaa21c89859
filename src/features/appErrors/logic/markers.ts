// The cheap test the terminal link provider runs on every line of every terminal, before anything
// else loads: a few String.prototype.includes over the line's start. Only a line that holds one of
// these words is read further (logic/terminalLine.ts, loaded on the first such line). Pure; no
// regular expression, so no line can make it slow.
import { expectString } from '../../../base/guards';

/** Words that SES's replies or the mail clients' errors carry; each is rare in other output. */
export const TERMINAL_MARKERS: readonly string[] = [
  'Authentication Credentials Invalid',
  'not subscribed to SES',
  'identities failed the check',
  'Email address is not verified',
  'Throttling failure',
  'Maximum sending rate exceeded',
  'Daily message quota exceeded',
  'Maximum message count per session',
  'Too many concurrent SMTP connections',
  'Must issue a STARTTLS',
  'no longer supports TLS 1.0',
  'Invalid login:',
  'Could not authenticate',
  'Could not connect to SMTP host',
  'Expected response code',
  'Greeting never received',
  'wrong version number',
  'WRONG_VERSION_NUMBER',
  'first record does not look like a TLS handshake',
  'SMTPAuthenticationError',
  'SMTPDataError',
  'SMTPSenderRefused',
  'SMTPRecipientsRefused',
  'Net::SMTP',
  'email-smtp.',
];

/** How much of a line is looked at: a line longer than this (a minified bundle, a data dump) is cut. */
export const TERMINAL_LINE_CAP = 8192;

/** True when the line may hold an SES SMTP error (the rest of it is read only then). */
export function mayHoldSmtpError(line: string): boolean {
  expectString(line, 'mayHoldSmtpError', 'line');
  if (line.length < 12) return false;
  const head = line.length > TERMINAL_LINE_CAP ? line.slice(0, TERMINAL_LINE_CAP) : line;
  for (const marker of TERMINAL_MARKERS) if (head.includes(marker)) return true;
  return false;
}
