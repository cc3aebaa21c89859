// The .env readers of issue #21: each mirrors how one parser reads the text after `KEY=` on a line
// (python-dotenv 0.21, django-environ 0.4, the dotenv gem 2.4, phpdotenv 5.4; npm dotenv through
// parse.ts). The real parsers check these models in test/integration/engines/envfile/dialects.test.ts.
import { parseEnv } from './parse';

export type ReaderId = 'dotenv' | 'python-dotenv' | 'django-environ' | 'ruby-dotenv' | 'phpdotenv';

export interface Reading {
  /** The value the parser gives, or undefined when it refuses the line. */
  value?: string;
  error?: string;
  /** Variables (or commands) the parser substituted. */
  expanded: string[];
}

type Lookup = (name: string) => string | undefined;
const none: Lookup = () => undefined;

// Python's str.isspace and \s (unicode), Ruby's and PHP's ASCII \s.
// eslint-disable-next-line no-control-regex -- the parser's own whitespace set
const PY_SPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const pyTrimEnd = (s: string): string => {
  let e = s.length;
  while (e > 0 && PY_SPACE.test(s[e - 1])) e--;
  return s.slice(0, e);
};
const PY_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function python(raw: string, lookup: Lookup): Reading {
  const s = raw.replace(/^[^\S\r\n]*/, '');
  let value: string;
  const q = s[0];
  if (q === "'" || q === '"') {
    const m = (q === "'" ? /^'((?:\\'|[^'])*)'/ : /^"((?:\\"|[^"])*)"/).exec(s);
    if (!m || !/^[^\S\r\n]*(?:#.*)?$/.test(s.slice(m[0].length))) {
      return { error: 'python-dotenv cannot parse the line', expanded: [] };
    }
    value =
      q === "'"
        ? m[1].replace(/\\[\\']/g, (e) => e[1])
        : m[1].replace(/\\[\\'"abfnrtv]/g, (e) => PY_ESCAPES[e[1]] ?? e[1]);
  } else {
    // eslint-disable-next-line no-control-regex -- the parser's own whitespace set
    const hash = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+#/.exec(s);
    value = pyTrimEnd(hash ? s.slice(0, hash.index) : s);
  }
  // python-dotenv 0.21 expands ${NAME} and ${NAME:-default} in every value, single-quoted ones too.
  const expanded: string[] = [];
  value = value.replace(/\$\{([^}:]*)(?::-([^}]*))?\}/g, (_m, name: string, dflt: string | undefined) => {
    expanded.push(name);
    return lookup(name) ?? dflt ?? '';
  });
  return { value, expanded };
}

// eslint-disable-next-line no-control-regex -- the parser's own whitespace set
const DJANGO_BREAKS = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

function djangoEnviron(raw: string, lookup: Lookup): Reading {
  // read_env: `KEY=(.*)` per line (str.splitlines), one pair of '…' stripped, then one pair of "…" with \x → x.
  const b = DJANGO_BREAKS.exec(raw);
  let value = b ? raw.slice(0, b.index) : raw;
  const single = /^'([\s\S]*)'$/.exec(value);
  if (single) value = single[1];
  const double = /^"([\s\S]*)"$/.exec(value);
  if (double) value = double[1].replace(/\\([\s\S])/g, '$1');
  // Env() resolves a value starting with $ as the name of another variable (a proxy).
  if (value.startsWith('$')) {
    const name = value.replace(/^\$+/, '');
    return { value: lookup(name) ?? '', expanded: [name] };
  }
  return { value, expanded: [] };
}

const RB_WS = '[ \\t\\n\\v\\f\\r]';
const RB_LINE = new RegExp(`^(?:('(?:'|[^'])*'|"(?:"|[^"])*"|[^#\\n]+))?${RB_WS}*(?:#.*)?$`);
const rbStrip = (s: string): string => s.replace(/^[ \t\n\v\f\r\0]+/, '').replace(/[ \t\n\v\f\r\0]+$/, '');

function ruby(raw: string, lookup: Lookup): Reading {
  const line = raw.split(/[\n\r]+/)[0].replace(new RegExp(`^${RB_WS}*`), '');
  const m = RB_LINE.exec(line);
  if (!m) return { error: 'the dotenv gem skips the line', expanded: [] };
  let value = rbStrip(m[1] ?? '');
  const q = /^(['"])(.*)\1$/.exec(value);
  if (q) value = q[2];
  if (q?.[1] === '"')
    value = value
      .split('\\n')
      .join('\n')
      .split('\\r')
      .join('\r')
      .replace(/\\([^$])/g, '$1');
  const expanded: string[] = [];
  if (q?.[1] !== "'") {
    value = value.replace(/(\\)?\$(?!\()\{?([A-Za-z0-9_]+)?\}?/g, (v: string, bs?: string, name?: string) => {
      if (bs) return v.slice(1);
      if (!name) return v;
      expanded.push(name);
      return lookup(name) ?? '';
    });
    // $(command) is run by a shell; a model cannot say what it prints.
    value = value.replace(/(\\)?\$\([^()]*(?:\([^()]*\)[^()]*)*\)/g, (v: string, bs?: string) => {
      if (bs) return v.slice(1);
      expanded.push(v);
      return '';
    });
  }
  return { value, expanded };
}

const PHP_SPACE = /[ \t\n\v\f\r]/;
const PHP_ESCAPES: Record<string, string> = { f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function php(raw: string, lookup: Lookup): Reading {
  const v = raw.replace(/^[ \t\n\r\0\v]+|[ \t\n\r\0\v]+$/g, '');
  // Quoted values across lines depend on how phpdotenv groups lines; this model does not write them.
  if (/[\n\r]/.test(v)) return { error: 'phpdotenv reads a value across lines differently', expanded: [] };
  // Lines::process: a line with =" and at most one unescaped " takes the next lines into its value.
  const line = `K=${raw}`;
  if (line.includes('="')) {
    const s = line.split('\\\\').join('');
    let quotes = 0;
    for (let i = 0; i + 1 < s.length; i++) if (s[i] !== '\\' && s[i + 1] === '"') quotes++;
    if (quotes <= 1) return { error: 'phpdotenv reads the next lines into this value (=" opens it)', expanded: [] };
  }
  let out = '';
  const vars: number[] = [];
  let state: 'init' | 'plain' | "'" | '"' | 'ws' | '#' = 'init';
  for (let i = 0; i < v.length && state !== '#'; i++) {
    const c = v[i];
    if (state === "'") {
      if (c === "'") state = 'ws';
      else out += c;
    } else if (state === '"') {
      if (c === '"') state = 'ws';
      else if (c === '\\') {
        const e = v[++i];
        if (e === '"' || e === '\\' || e === '$') out += e;
        else if (e !== undefined && PHP_ESCAPES[e]) out += PHP_ESCAPES[e];
        else return { error: 'phpdotenv refuses the file: an unexpected escape sequence', expanded: [] };
      } else {
        if (c === '$') vars.push(out.length);
        out += c;
      }
    } else if (state === 'ws') {
      if (c === '#') state = '#';
      else if (!PHP_SPACE.test(c)) return { error: 'phpdotenv refuses the file: unexpected whitespace', expanded: [] };
    } else if (c === '#') state = '#';
    else if (state === 'init' && (c === "'" || c === '"')) state = c;
    else if (state === 'plain' && PHP_SPACE.test(c)) state = 'ws';
    else {
      if (c === '$') vars.push(out.length);
      out += c;
      state = 'plain';
    }
  }
  if (state === "'" || state === '"')
    return { error: 'phpdotenv refuses the file: a missing closing quote', expanded: [] };
  // ${NAME} is replaced where a $ was marked, last first (the marks stay valid).
  const expanded: string[] = [];
  for (const i of vars.reverse()) {
    const m = /^\$\{([a-zA-Z0-9_.]+)\}/.exec(out.slice(i));
    if (!m) continue;
    const got = lookup(m[1]);
    expanded.push(m[1]);
    if (got !== undefined) out = out.slice(0, i) + got + out.slice(i + m[0].length);
  }
  return { value: out, expanded };
}

function npm(raw: string): Reading {
  const a = parseEnv(`K=${raw}`).assignments;
  return a.length === 1 ? { value: a[0].value, expanded: [] } : { error: 'npm dotenv skips the line', expanded: [] };
}

/** How one parser reads the text after `KEY=` on a line (one line; quoted values that span lines aside). */
export function readAs(reader: ReaderId, raw: string, lookup: Lookup = none): Reading {
  switch (reader) {
    case 'python-dotenv':
      return python(raw, lookup);
    case 'django-environ':
      return djangoEnviron(raw, lookup);
    case 'ruby-dotenv':
      return ruby(raw, lookup);
    case 'phpdotenv':
      return php(raw, lookup);
    default:
      return npm(raw);
  }
}
