// .env files: parsing with the `dotenv` package's semantics (same line grammar, so the same map),
// plus where each assignment sits in the original bytes, so that keys can be edited in place.

export interface EnvAssignment {
  key: string;
  value: string;
  /** Offsets in the original text (BOM included) of the assignment, up to the end of its last line (before the line break). */
  start: number;
  end: number;
  /** Offsets of the value as written (with its quotes), or an empty range right after the separator. */
  valueStart: number;
  valueEnd: number;
  /** 0-based line of the key. */
  line: number;
  exported: boolean;
  quote: '' | "'" | '"' | '`';
}

export interface ParsedEnv {
  /** The effective values (a later duplicate wins, as with dotenv). */
  values: Record<string, string>;
  assignments: EnvAssignment[];
  eol: '\n' | '\r\n';
  bom: boolean;
  finalNewline: boolean;
}

// dotenv's line grammar (v16/v17 parse()), with named groups and match indices.
const LINE = /(?:^|^)\s*(export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

/** Parses like dotenv and records where every assignment is. */
export function parseEnv(text: string): ParsedEnv {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  // dotenv normalises line ends before matching; map normalised offsets back to the original.
  const map: number[] = [];
  let normalized = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\r') {
      map.push(i);
      normalized += '\n';
      if (body[i + 1] === '\n') i++;
      continue;
    }
    map.push(i);
    normalized += body[i];
  }
  map.push(body.length);
  const offset = bom ? 1 : 0;
  const orig = (n: number): number => map[n] + offset;

  const lineStarts: number[] = [0];
  for (let i = 0; i < normalized.length; i++) if (normalized[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (n: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= n) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const values: Record<string, string> = {};
  const assignments: EnvAssignment[] = [];
  LINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LINE.exec(normalized)) !== null) {
    if (m[0].length === 0) {
      LINE.lastIndex++;
      continue;
    }
    const indices = (m as RegExpExecArray & { indices: Array<[number, number] | undefined> }).indices;
    const key = m[2];
    const raw = m[3] ?? '';
    let value = raw.trim();
    const quote = (/^(['"`])/.exec(value)?.[1] ?? '') as EnvAssignment['quote'];
    value = value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
    if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    values[key] = value;
    const keyRange = indices[2]!;
    const valueRange = indices[3];
    // The value as written, without the whitespace dotenv trims.
    let vs = valueRange ? valueRange[0] : (indices[0]![0] + m[0].length);
    let ve = valueRange ? valueRange[1] : vs;
    if (valueRange) {
      while (vs < ve && /\s/.test(normalized[vs])) vs++;
      while (ve > vs && /\s/.test(normalized[ve - 1])) ve--;
    } else {
      // No value: the empty range right after the separator.
      const sep = /\s*=|:/.exec(normalized.slice(keyRange[1]));
      vs = ve = keyRange[1] + (sep ? sep.index + sep[0].length : 0);
    }
    const start = m[1] ? indices[1]![0] : keyRange[0];
    // The assignment ends at the end of the line its value ends on (dotenv's match may run on
    // over following blank lines).
    const nl = normalized.indexOf('\n', ve);
    const end = nl < 0 ? normalized.length : nl;
    assignments.push({
      key,
      value,
      start: orig(start),
      end: orig(end),
      valueStart: orig(vs),
      valueEnd: orig(ve),
      line: lineOf(keyRange[0]),
      exported: Boolean(m[1]),
      quote,
    });
  }
  return {
    values,
    assignments,
    eol: body.includes('\r\n') ? '\r\n' : '\n',
    bom,
    finalNewline: body.length === 0 || /\n$/.test(body),
  };
}

export class EnvValueError extends Error {}

export const MAX_ENV_BYTES = 2 * 1024 * 1024;

/** Turns a file's bytes into text for editing, refusing what cannot be edited byte-exactly. */
export function decodeEnvFile(bytes: Buffer, name: string): string {
  if (bytes.length > MAX_ENV_BYTES) throw new EnvValueError(`${name} is ${(bytes.length / 1048576).toFixed(1)} MB; this extension edits .env files up to 2 MB. Nothing was changed.`);
  if (bytes.includes(0)) throw new EnvValueError(`${name} contains NUL bytes, so it is not a text .env file. Nothing was changed.`);
  const text = bytes.toString('utf8');
  if (Buffer.compare(Buffer.from(text, 'utf8'), bytes) !== 0) throw new EnvValueError(`${name} is not valid UTF-8, so it cannot be edited without changing other bytes. Save it as UTF-8 first; nothing was changed.`);
  const open = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*(["'`])/gm;
  for (let m: RegExpExecArray | null; (m = open.exec(text)); ) {
    const quote = m[2];
    const rest = text.slice(open.lastIndex);
    const close = quote === '"' ? /(?:^|[^\\])"/.exec(rest) : rest.indexOf(quote) >= 0 ? { index: rest.indexOf(quote) } : null;
    if (!close) {
      const line = text.slice(0, m.index + m[0].indexOf(m[1])).split('\n').length;
      throw new EnvValueError(`${name} line ${line}: the value of ${m[1]} opens a ${quote} quote that is never closed, so the rest of the file would become part of it. Close the quote first; nothing was changed.`);
    }
  }
  return text;
}
