// Which part of a terminal line to underline as an SES SMTP error: loaded on the first line that
// passes the cheap test (logic/markers.ts), it reads the line (capped) and links the error from
// its first word to its end, without the leading time stamp or indentation. Pure and vscode-free.
import { readAppError } from '../../../engines/smtp/appError';
import { maskPastedText } from '../../../engines/smtp/pastedSecrets';
import { mayHoldSmtpError, TERMINAL_LINE_CAP } from './markers';
import { expectString } from '../../../base/guards';

export interface LineLink {
  startIndex: number;
  length: number;
  /** What the reader made of it, for the hover ("535 Authentication Credentials Invalid"). */
  summary: string;
}

/** The link on this line, or undefined when it holds no SMTP error this extension can explain. */
export function linkInLine(line: string): LineLink | undefined {
  expectString(line, 'linkInLine', 'line');
  if (!mayHoldSmtpError(line)) return undefined;
  const head = line.length > TERMINAL_LINE_CAP ? line.slice(0, TERMINAL_LINE_CAP) : line;
  const reading = readAppError(head);
  if (!reading) return undefined;
  const startIndex = head.length - head.trimStart().length;
  const length = head.trimEnd().length - startIndex;
  if (length <= 0) return undefined;
  // The hover shows part of the line: masked like everything else shown.
  const summary = maskPastedText(reading.reply ?? reading.message);
  return { startIndex, length, summary: summary.length > 200 ? `${summary.slice(0, 200)}…` : summary };
}
