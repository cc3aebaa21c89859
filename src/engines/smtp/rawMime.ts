// Raw mode: a MIME message sent as written. Before sending it is read just enough to refuse what
// SES or a recipient would choke on: line endings normalised to CRLF, a header section of valid
// header lines, a From header, and for multipart bodies the boundary declared and present (nested
// parts too). nodemailer ships no parser and none is installed, so this is a small structural
// check, not a full MIME parser. Pure.
import type { MailHeader } from './mailOptions';
import { MailExtrasError, SES_LIMITS } from './mailRules';
import { overLimit } from './attachments';

export interface RawMessage {
  /** The message with CRLF line endings, as it will be sent (before any X-SES headers). */
  text: string;
  /** The top-level headers, unfolded. */
  headers: MailHeader[];
}

const FIELD = /^([\x21-\x39\x3b-\x7e]+):(.*)$/;
const MAX_DEPTH = 10;

function fail(message: string): never {
  throw new MailExtrasError('raw', message);
}

function clip(line: string): string {
  return JSON.stringify(line.length > 50 ? `${line.slice(0, 50)}…` : line);
}

/** Header lines (unfolded) of a header section starting at line `first` (1-based, for messages). */
function readHeaders(lines: readonly string[], first: number, where: string): MailHeader[] {
  const headers: MailHeader[] = [];
  lines.forEach((line, i) => {
    const n = first + i;
    if (/^[ \t]/.test(line)) {
      if (!headers.length) fail(`${where}: line ${n} starts with a space but continues no header; remove the indent.`);
      headers[headers.length - 1].value += ` ${line.trim()}`;
      return;
    }
    const m = FIELD.exec(line);
    if (!m)
      fail(
        `${where}: line ${n} (${clip(line)}) is not a header line. Headers are "Name: value"; ` +
          'a blank line must separate the headers from the body.',
      );
    headers.push({ name: m[1], value: m[2].trim() });
  });
  return headers;
}

function headerOf(headers: readonly MailHeader[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value;
}

/** The boundary parameter of a multipart Content-Type, or undefined for other types. */
function multipartBoundary(contentType: string | undefined, where: string): string | undefined {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return undefined;
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;"]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary)
    fail(`${where}: Content-Type is multipart but declares no boundary; add boundary="…" to the Content-Type header.`);
  if (boundary.length > 70)
    fail(`${where}: the boundary is ${boundary.length} characters long; MIME allows at most 70.`);
  return boundary;
}

/** Checks a part (or the message) whose lines begin at `first`; recurses into multipart bodies. */
function checkPart(lines: readonly string[], first: number, where: string, depth: number, top: boolean): MailHeader[] {
  const blank = lines.indexOf('');
  const headLines = blank === -1 ? lines : lines.slice(0, blank);
  if (top && (headLines.length === 0 || !FIELD.test(headLines[0])))
    fail(
      `The message does not begin with headers (line 1 is ${clip(lines[0] ?? '')}); a MIME message starts with "From: …" and the other headers.`,
    );
  const headers = readHeaders(headLines, first, where);
  const boundary = multipartBoundary(headerOf(headers, 'content-type'), where);
  if (boundary === undefined) return headers;
  if (depth >= MAX_DEPTH) fail(`${where}: multipart parts are nested more than ${MAX_DEPTH} deep.`);
  const body = blank === -1 ? [] : lines.slice(blank + 1);
  const bodyFirst = first + blank + 1;
  const delimiter = `--${boundary}`;
  const starts: number[] = [];
  let closed = -1;
  body.forEach((line, i) => {
    const l = line.replace(/[ \t]+$/, '');
    if (closed !== -1) return;
    if (l === `${delimiter}--`) closed = i;
    else if (l === delimiter) starts.push(i);
  });
  if (!starts.length)
    fail(
      `${where}: the body never uses the declared boundary "${boundary}" (no "${delimiter}" line); fix the boundary or the body.`,
    );
  if (closed === -1) fail(`${where}: the closing "${delimiter}--" line is missing after the last part; add it.`);
  starts.forEach((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1] : closed;
    checkPart(
      body.slice(start + 1, end),
      bodyFirst + start + 1,
      `Part ${k + 1} of ${where.toLowerCase()}`,
      depth + 1,
      false,
    );
  });
  return headers;
}

/** Checks a raw MIME message and returns it with CRLF line endings. Throws MailExtrasError('raw', …). */
export function checkRawMessage(raw: unknown, maxBytes: number): RawMessage {
  if (typeof raw !== 'string') fail(`The raw message must be text, not ${raw === null ? 'null' : typeof raw}.`);
  if (!raw.trim()) fail('The raw message is empty; paste a MIME message or open an .eml file.');
  if (raw.includes('\0')) fail('The raw message contains a NUL character, which SMTP cannot carry; remove it.');
  const text = raw.replace(/\r\n|\r|\n/g, '\r\n');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) fail(`The raw message is ${overLimit(bytes, maxBytes)}. Send a smaller message.`);
  const lines = text.split('\r\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const long = lines.findIndex((l) => l.length > SES_LIMITS.headerLine);
  if (long !== -1)
    fail(
      `Line ${long + 1} of the raw message is ${lines[long].length} characters long; SMTP allows ${SES_LIMITS.headerLine}. ` +
        'Encode the body (quoted-printable or base64) or break the line.',
    );
  const headers = checkPart(lines, 1, 'The message', 0, true);
  const from = headers.filter((h) => h.name.toLowerCase() === 'from');
  if (!from.length) fail('The raw message has no From header; add one such as "From: sender@example.com".');
  if (from.length > 1) fail('The raw message has 2 From headers; keep one.');
  if (!from[0].value) fail('The From header of the raw message is empty; give the sender address.');
  return { text: text.endsWith('\r\n') ? text : `${text}\r\n`, headers };
}
