import { expectString } from '../../base/guards';
// dotenv's line grammar, run as a hand-written scanner in linear time. dotenv (16/17, parse() in
// dotenv/lib/main.js) matches this expression over the text, after \r\n? became \n:
//
//   /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|
//     \s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/mg
//
// A backtracking engine is quadratic on it over long runs of blank lines. The scanner below takes
// the same decisions in the same order; how each step mirrors the expression is said where it happens.

/** JavaScript's \s: WhiteSpace and LineTerminator. */
export function isWs(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Where a multiline ^ and $ see a line break. */
export function isLt(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** [\w.-] */
function isKeyChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
}

const HASH = 35;
export const LF = 10;
export const CR = 13;

/** One match of the line expression (a class: one object shape for every match). */
export class Match {
  constructor(
    readonly key: string,
    readonly keyStart: number,
    readonly start: number,
    readonly exported: boolean,
    /** The value group, untrimmed; undefined: no value. */
    readonly groupStart: number | undefined,
    readonly groupEnd: number | undefined,
    /** The value was a closed quoted form. */
    readonly quoted: boolean,
    /** The value opens a quote that nothing after it closes. */
    readonly unclosed: boolean,
    readonly sepEnd: number,
    readonly end: number,
  ) {}
}

const UNCLOSED = { unclosed: true } as const;
const CLOSED_ELSEWHERE = { unclosed: false } as const;

export class Scanner {
  /** Where the blanks before the key ended, for the last call of at(). */
  q = 0;

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
    let escaped: number[] | undefined;
    let u = -1;
    for (let j = t.indexOf(q, o + 1); j >= 0; j = t.indexOf(q, j + 1)) {
      if (t.charCodeAt(j - 1) === 92 && j - 1 > o) (escaped ??= []).push(j);
      else {
        u = j;
        break;
      }
    }
    if (u >= 0) {
      const end = this.restEnd(u + 1);
      if (end >= 0) return { close: u, end };
    }
    for (let i = (escaped?.length ?? 0) - 1; i >= 0; i--) {
      const end = this.restEnd(escaped![i] + 1);
      if (end >= 0) return { close: escaped![i], end };
    }
    return u < 0 ? UNCLOSED : CLOSED_ELSEWHERE;
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
    // The value group: the three quoted forms (\s* then the quote), then [^#\r\n]+.
    const qv = this.wsEnd(p);
    const qc = t.charCodeAt(qv);
    let unclosed = false;
    if (qv < n && (qc === 39 || qc === 34 || qc === 96)) {
      const r = this.quoted(qv);
      if ('close' in r) return new Match(key, k, start, exported, p, r.close + 1, true, false, sepEnd, r.end);
      unclosed = r.unclosed;
    }
    const pc = t.charCodeAt(p);
    if (p < n && pc !== HASH && pc !== LF && pc !== CR) {
      let e = p;
      for (let c = pc; e < n && c !== HASH && c !== LF && c !== CR; c = t.charCodeAt(++e));
      // The rest always matches after [^#\r\n]+: at a '#', a line break or the end.
      return new Match(key, k, start, exported, p, e, false, unclosed, sepEnd, this.restEnd(e));
    }
    // No value: the rest from p holds at a '#', the end, or a line break in the blanks after p
    // (p is at one of those here).
    const end = this.restEnd(p);
    return end < 0 ? undefined : new Match(key, k, start, exported, undefined, undefined, false, false, sepEnd, end);
  }

  /** The match starting at line start s, or undefined; this.q: where the blanks before the key end. */
  at(s: number): Match | undefined {
    const { t, n } = this;
    const q = (this.q = this.wsEnd(s));
    if (q >= n || !isKeyChar(t.charCodeAt(q))) return undefined;
    // (?:export\s+)? is tried first; without it, "export" is a key like any other.
    if (t.startsWith('export', q) && q + 6 < n && isWs(t.charCodeAt(q + 6))) {
      const k = this.wsEnd(q + 6);
      if (k < n && isKeyChar(t.charCodeAt(k))) {
        const m = this.fromKey(k, q, true);
        if (m) return m;
      }
    }
    return this.fromKey(q, q, false);
  }
}

/** dotenv's value clean-up: trim, strip one pair of enclosing quotes, expand \n \r in "…". */
export function dotenvValue(raw: string): string {
  expectString(raw, 'dotenvValue', 'raw');
  const v = raw.trim();
  const first = v[0];
  const expand = (out: string): string =>
    first === '"' && out.includes('\\') ? out.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : out;
  if (!/[\n\r\u2028\u2029]/.test(v)) {
    // One line (most values): only the whole value can be a quoted pair.
    const quoted = (first === "'" || first === '"' || first === '`') && v.length >= 2 && v[v.length - 1] === first;
    return expand(quoted ? v.slice(1, -1) : v);
  }
  // v.replace(/^(['"`])([\s\S]*)\1$/mg, '$2'): at each line start holding a quote, the greedy
  // match runs to the last same quote that ends a line.
  const last: Record<string, number> = { "'": -1, '"': -1, '`': -1 };
  for (let j = 0; j < v.length; j++) {
    const c = v[j];
    if ((c === "'" || c === '"' || c === '`') && (j + 1 === v.length || isLt(v.charCodeAt(j + 1)))) last[c] = j;
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < v.length;) {
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
  return expand(out);
}
