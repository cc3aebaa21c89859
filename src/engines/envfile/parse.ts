// .env files: parsing with the `dotenv` package's semantics (the same map as dotenv.parse), plus
// where each assignment sits in the original text, so that keys can be edited in place. The
// grammar itself is in grammar.ts; this file maps its matches back to the original text.
import { CR, LF, Scanner, dotenvValue, isLt, isWs } from './grammar';
import { expectObject, expectString } from '../../base/guards';

export type Eol = '\n' | '\r\n' | '\r';

export interface EnvAssignment {
  key: string;
  value: string;
  /** Offsets in the original text (BOM included): from the key (or `export`) to the end of the
   * line the value ends on (before its line break). */
  start: number;
  end: number;
  /** Offsets of the value as written (with its quotes), or an empty range right after the separator. */
  valueStart: number;
  valueEnd: number;
  /** 0-based line of the key. */
  line: number;
  exported: boolean;
  /** The quote the value is enclosed in, when a quoted form matched. */
  quote: '' | "'" | '"' | '`';
  /** The value opens a quote that nothing after it closes. */
  unclosed?: boolean;
}

export interface ParsedEnv {
  /** The effective values (a later duplicate wins, as with dotenv). A prototype-less object: a key
   * such as "constructor" is there only when the file has it. */
  values: Record<string, string>;
  assignments: EnvAssignment[];
  /** The file's line break (the most frequent one; LF for a file without any). */
  eol: Eol;
  bom: boolean;
  finalNewline: boolean;
}

export class EnvValueError extends Error {}

export const MAX_ENV_BYTES = 2 * 1024 * 1024;

/** An object's own value, never an inherited one (`constructor`, `toString`, ...). */
export function own(values: Readonly<Record<string, string>>, key: string): string | undefined {
  expectObject(values, 'own', 'values');
  expectString(key, 'own', 'key');
  return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined;
}

/** The most frequent line break of a text (LF when there is none). */
export function detectEol(text: string): Eol {
  expectString(text, 'detectEol', 'text');
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === LF) crlf++;
    else cr++;
  }
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lf++;
  lf -= crlf;
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

/** Parses like dotenv and records where every assignment is. Linear in the text's length. */
export function parseEnv(text: string): ParsedEnv {
  expectString(text, 'parseEnv', 'text');
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const offset = bom ? 1 : 0;
  // dotenv turns \r\n and a lone \r into \n first (split/join: a regular expression replace is
  // several times slower on 2 MB of CRLF). Offsets are mapped back to the original with a cursor:
  // they are asked for in nearly rising order.
  const crlf = body.includes('\r\n');
  const t = body.includes('\r') ? body.split('\r\n').join('\n').split('\r').join('\n') : body;
  let p = 0;
  let o = 0;
  const orig = (i: number): number => {
    if (!crlf) return i + offset;
    for (; p < i; p++) o += body.charCodeAt(o) === CR && body.charCodeAt(o + 1) === LF ? 2 : 1;
    for (; p > i; p--) o -= body.charCodeAt(o - 1) === LF && body.charCodeAt(o - 2) === CR ? 2 : 1;
    return o + offset;
  };

  const scanner = new Scanner(t);
  const n = t.length;
  const assignments: EnvAssignment[] = [];
  let line = 0;
  let counted = 0;
  const lineAt = (i: number): number => {
    for (let j = t.indexOf('\n', counted); j >= 0 && j < i; j = t.indexOf('\n', j + 1)) line++;
    counted = Math.max(counted, i);
    return line;
  };

  // lastIndex: where the next search starts; the match starts at the first line start from there.
  let pos = 0;
  while (pos < n) {
    if (pos > 0 && !isLt(t.charCodeAt(pos - 1))) {
      while (pos < n && !isLt(t.charCodeAt(pos))) pos++;
      pos++;
      if (pos >= n) break;
    }
    const m = scanner.at(pos);
    if (!m) {
      // Every line start in the blanks up to q reaches the same q, and fails the same way.
      pos = scanner.q + 1;
      continue;
    }
    // The value as written: the group without the blanks dotenv trims (trim() removes the same set).
    let vs = m.sepEnd;
    let ve = m.sepEnd;
    if (m.groupStart !== undefined) {
      vs = m.groupStart;
      ve = m.groupEnd!;
      while (vs < ve && isWs(t.charCodeAt(vs))) vs++;
      while (ve > vs && isWs(t.charCodeAt(ve - 1))) ve--;
    }
    const value = vs === ve ? '' : dotenvValue(t.slice(vs, ve));
    const nl = t.indexOf('\n', ve);
    const first = t[vs];
    assignments.push({
      key: m.key,
      value,
      start: orig(m.start),
      valueStart: orig(vs),
      valueEnd: orig(ve),
      end: orig(nl < 0 ? n : nl),
      line: lineAt(m.keyStart),
      exported: m.exported,
      quote: m.quoted && (first === "'" || first === '"' || first === '`') ? first : '',
      unclosed: m.unclosed,
    });
    pos = m.end > pos ? m.end : pos + 1;
  }
  // Built when first read (a 200,000-key object costs more than the whole scan).
  let values: Record<string, string> | undefined;
  return {
    get values(): Record<string, string> {
      if (!values) {
        values = Object.create(null) as Record<string, string>;
        // Like dotenv's obj[key] = value: a later duplicate wins, and "__proto__" sets nothing.
        for (const a of assignments) if (a.key !== '__proto__') values[a.key] = a.value;
      }
      return values;
    },
    assignments,
    eol: detectEol(body),
    bom,
    finalNewline: body.length === 0 || body.endsWith('\n') || body.endsWith('\r'),
  };
}

/** Turns a file's bytes into text for editing, refusing what cannot be edited byte-exactly. */
export function decodeEnvFile(bytes: Buffer, name: string): string {
  expectObject(bytes, 'decodeEnvFile', 'bytes');
  expectString(name, 'decodeEnvFile', 'name');
  return readEnvFile(bytes, name).text;
}

/** decodeEnvFile, and the parse it made on the way. */
export function readEnvFile(bytes: Buffer, name: string): { text: string; parsed: ParsedEnv } {
  expectObject(bytes, 'readEnvFile', 'bytes');
  expectString(name, 'readEnvFile', 'name');
  if (bytes.length > MAX_ENV_BYTES) {
    const mb = (bytes.length / 1048576).toFixed(1);
    throw new EnvValueError(`${name} is ${mb} MB; this extension edits .env files up to 2 MB. Nothing was changed.`);
  }
  if (bytes.includes(0)) {
    throw new EnvValueError(`${name} contains NUL bytes, so it is not a text .env file. Nothing was changed.`);
  }
  const text = bytes.toString('utf8');
  if (Buffer.compare(Buffer.from(text, 'utf8'), bytes) !== 0) {
    throw new EnvValueError(
      `${name} is not valid UTF-8, so it cannot be edited without changing other bytes. ` +
        'Save it as UTF-8 first; nothing was changed.',
    );
  }
  const parsed = parseEnv(text);
  const open = parsed.assignments.find((a) => a.unclosed);
  if (open) {
    const quote = text[open.valueStart];
    throw new EnvValueError(
      `${name} line ${open.line + 1}: the value of ${open.key} opens a ${quote} quote that is ` +
        'never closed, so the rest of the file would become part of it. Close the quote first; nothing was changed.',
    );
  }
  return { text, parsed };
}
