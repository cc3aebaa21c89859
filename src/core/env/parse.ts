// .env files: parsing with the `dotenv` package's semantics (the same map as dotenv.parse), plus
// where each assignment sits in the original text, so that keys can be edited in place.
//
// dotenv matches one regular expression (see DOTENV_LINE below) over the text. Run by a
// backtracking engine it is quadratic on long runs of blank lines; this is a hand-written scanner
// that takes the same decisions in the same order, in linear time. How each step mirrors the
// expression is said where it happens.

// dotenv 16/17's line grammar, for reference (parse() in dotenv/lib/main.js):
// /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|
//   \s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/mg, after \r\n? became \n.

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
  /** The effective values (a later duplicate wins, as with dotenv). Own properties only. */
  values: Record<string, string>;
  assignments: EnvAssignment[];
  /** The file's line break (the most frequent one; LF for a file without any). */
  eol: Eol;
  bom: boolean;
  finalNewline: boolean;
}

export class EnvValueError extends Error {}

export const MAX_ENV_BYTES = 2 * 1024 * 1024;

/** JavaScript's \s: WhiteSpace and LineTerminator. */
export function isWs(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Where a multiline ^ and $ see a line break. */
function isLt(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** [\w.-] */
function isKeyChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
}

const HASH = 35;
const LF = 10;
const CR = 13;

/** An object's own value, never an inherited one (`constructor`, `toString`, ...). */
export function own(values: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined;
}

interface Match {
  key: string;
  keyStart: number;
  start: number;
  exported: boolean;
  /** The value group, untrimmed; absent: no value. */
  groupStart?: number;
  groupEnd?: number;
  /** The value was a closed quoted form. */
  quoted: boolean;
  unclosed: boolean;
  sepEnd: number;
  end: number;
}

class Scanner {
  readonly n: number;
  constructor(readonly t: string) {
    this.n = t.length;
  }

  wsEnd(i: number): number {
    const { t, n } = this;
    while (i < n && isWs(t.charCodeAt(i))) i++;
    return i;
  }

  /** `\s*(?:#.*)?(?:$|$)` from i: where the match ends, or -1. */
  restEnd(i: number): number {
    const { t, n } = this;
    const r = this.wsEnd(i);
    if (r === n) return n;
    if (t.charCodeAt(r) === HASH) {
      let e = r;
      while (e < n && !isLt(t.charCodeAt(e))) e++;
      return e;
    }
    // \s* gives back to the last line break of the run, where $ holds.
    for (let e = r - 1; e >= i; e--) if (isLt(t.charCodeAt(e))) return e;
    return -1;
  }

  /** `q(?:\\q|[^q])*q` then the rest, from the opening quote at o: [closing quote, match end]. */
  quoted(o: number): { close: number; end: number } | { unclosed: boolean } {
    const { t } = this;
    const q = t[o];
    // The greedy star stops at the first quote not preceded by a backslash; backtracking then
    // offers the escaped ones (\q) before it, last first.
    const escaped: number[] = [];
    let u = -1;
    for (let j = t.indexOf(q, o + 1); j >= 0; j = t.indexOf(q, j + 1)) {
      if (t.charCodeAt(j - 1) === 92 && j - 1 > o) escaped.push(j);
      else {
        u = j;
        break;
      }
    }
    const candidates = u >= 0 ? [u, ...escaped.reverse()] : escaped.reverse();
    for (const c of candidates) {
      const end = this.restEnd(c + 1);
      if (end >= 0) return { close: c, end };
    }
    return { unclosed: u < 0 };
  }

  /** The match from the key at k (after `^\s*` and an optional `export\s+`), or undefined. */
  fromKey(k: number, start: number, exported: boolean): Match | undefined {
    const { t, n } = this;
    let ke = k;
    while (ke < n && isKeyChar(t.charCodeAt(ke))) ke++;
    const key = t.slice(k, ke);
    // (?:\s*=\s*?|:\s+?): the lazy \s*? tries the fewest characters first.
    const eq = this.wsEnd(ke);
    let p: number;
    let sepEnd: number;
    if (eq < n && t.charCodeAt(eq) === 61) {
      p = sepEnd = eq + 1;
    } else if (t.charCodeAt(ke) === 58 && ke + 1 < n && isWs(t.charCodeAt(ke + 1))) {
      sepEnd = ke + 1;
      p = ke + 2;
    } else return undefined;
    // One object shape for every match (spreading a base object here is slow in V8).
    const make = (groupStart: number | undefined, groupEnd: number | undefined, quoted: boolean, unclosed: boolean,
      end: number): Match => ({ key, keyStart: k, start, exported, groupStart, groupEnd, quoted, unclosed, sepEnd, end });
    // The value group: the three quoted forms (\s* then the quote), then [^#\r\n]+.
    const qv = this.wsEnd(p);
    const qc = t.charCodeAt(qv);
    let unclosed = false;
    if (qv < n && (qc === 39 || qc === 34 || qc === 96)) {
      const r = this.quoted(qv);
      if ('close' in r) return make(p, r.close + 1, true, false, r.end);
      unclosed = r.unclosed;
    }
    const pc = t.charCodeAt(p);
    if (p < n && pc !== HASH && pc !== LF && pc !== CR) {
      let e = p;
      for (let c = pc; e < n && c !== HASH && c !== LF && c !== CR; c = t.charCodeAt(++e));
      // The rest always matches after [^#\r\n]+: at a '#', a line break or the end.
      return make(p, e, false, unclosed, this.restEnd(e));
    }
    // No value: the rest from p holds at a '#', the end, or a line break in the blanks after p
    // (p is at one of those here).
    const end = this.restEnd(p);
    return end < 0 ? undefined : make(undefined, undefined, false, false, end);
  }

  /** The match starting at line start s, and where the blanks before the key end. */
  at(s: number): { match?: Match; q: number } {
    const { t, n } = this;
    const q = this.wsEnd(s);
    if (q >= n || !isKeyChar(t.charCodeAt(q))) return { q };
    // (?:export\s+)? is tried first; without it, "export" is a key like any other.
    if (t.startsWith('export', q) && q + 6 < n && isWs(t.charCodeAt(q + 6))) {
      const k = this.wsEnd(q + 6);
      if (k < n && isKeyChar(t.charCodeAt(k))) {
        const m = this.fromKey(k, q, true);
        if (m) return { match: m, q };
      }
    }
    return { match: this.fromKey(q, q, false), q };
  }
}

/** dotenv's value clean-up: trim, strip one pair of enclosing quotes, expand \n \r in "…". */
export function dotenvValue(raw: string): string {
  const v = raw.trim();
  const first = v[0];
  // v.replace(/^(['"`])([\s\S]*)\1$/mg, '$2'): at each line start holding a quote, the greedy
  // match runs to the last same quote that ends a line.
  const last: Record<string, number> = { "'": -1, '"': -1, '`': -1 };
  for (let j = 0; j < v.length; j++) {
    const c = v[j];
    if ((c === "'" || c === '"' || c === '`') && (j + 1 === v.length || isLt(v.charCodeAt(j + 1)))) last[c] = j;
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < v.length; ) {
    const c = v[i];
    if ((c === "'" || c === '"' || c === '`') && last[c] > i) {
      out += v.slice(from, i) + v.slice(i + 1, last[c]);
      from = last[c] + 1;
      i = from;
    }
    while (i < v.length && !isLt(v.charCodeAt(i))) i++;
    i++;
  }
  out += v.slice(from);
  return first === '"' ? out.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : out;
}

/** The most frequent line break of a text (LF when there is none). */
export function detectEol(text: string): Eol {
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
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const offset = bom ? 1 : 0;
  // dotenv turns \r\n and a lone \r into \n first; map those offsets back to the original.
  const t = body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body;
  let map: Int32Array | undefined;
  if (t.length !== body.length || body.includes('\r')) {
    map = new Int32Array(t.length + 1);
    let o = 0;
    for (let i = 0; i < t.length; i++) {
      map[i] = o;
      o += body.charCodeAt(o) === CR && body.charCodeAt(o + 1) === LF ? 2 : 1;
    }
    map[t.length] = body.length;
  }
  const orig = (i: number): number => (map ? map[i] : i) + offset;

  const scanner = new Scanner(t);
  const n = t.length;
  const values: Record<string, string> = {};
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
    const { match: m, q } = scanner.at(pos);
    if (!m) {
      // Every line start in the blanks up to q reaches the same q, and fails the same way.
      pos = q + 1;
      continue;
    }
    const raw = m.groupStart === undefined ? '' : t.slice(m.groupStart, m.groupEnd);
    const value = dotenvValue(raw);
    // Like dotenv's obj[key] = value, where "__proto__" sets nothing.
    if (m.key !== '__proto__') values[m.key] = value;
    let vs = m.sepEnd;
    let ve = m.sepEnd;
    if (m.groupStart !== undefined) {
      vs = m.groupStart;
      ve = m.groupEnd!;
      while (vs < ve && isWs(t.charCodeAt(vs))) vs++;
      while (ve > vs && isWs(t.charCodeAt(ve - 1))) ve--;
    }
    const nl = t.indexOf('\n', ve);
    const first = t[vs];
    assignments.push({
      key: m.key,
      value,
      start: orig(m.start),
      end: orig(nl < 0 ? n : nl),
      valueStart: orig(vs),
      valueEnd: orig(ve),
      line: lineAt(m.keyStart),
      exported: m.exported,
      quote: m.quoted && (first === "'" || first === '"' || first === '`') ? first : '',
    });
    if (m.unclosed) assignments[assignments.length - 1].unclosed = true;
    pos = m.end > pos ? m.end : pos + 1;
  }
  return {
    values,
    assignments,
    eol: detectEol(body),
    bom,
    finalNewline: body.length === 0 || body.endsWith('\n') || body.endsWith('\r'),
  };
}

/** Turns a file's bytes into text for editing, refusing what cannot be edited byte-exactly. */
export function decodeEnvFile(bytes: Buffer, name: string): string {
  if (bytes.length > MAX_ENV_BYTES) {
    const mb = (bytes.length / 1048576).toFixed(1);
    throw new EnvValueError(`${name} is ${mb} MB; this extension edits .env files up to 2 MB. Nothing was changed.`);
  }
  if (bytes.includes(0)) {
    throw new EnvValueError(`${name} contains NUL bytes, so it is not a text .env file. Nothing was changed.`);
  }
  const text = bytes.toString('utf8');
  if (Buffer.compare(Buffer.from(text, 'utf8'), bytes) !== 0) {
    throw new EnvValueError(`${name} is not valid UTF-8, so it cannot be edited without changing other bytes. `
      + 'Save it as UTF-8 first; nothing was changed.');
  }
  const open = parseEnv(text).assignments.find((a) => a.unclosed);
  if (open) {
    const quote = text[open.valueStart];
    throw new EnvValueError(`${name} line ${open.line + 1}: the value of ${open.key} opens a ${quote} quote that is `
      + 'never closed, so the rest of the file would become part of it. Close the quote first; nothing was changed.');
  }
  return text;
}
