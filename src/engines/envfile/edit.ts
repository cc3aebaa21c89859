// Editing .env text: values are written so that dotenv reads them back, keys are updated in place
// without touching any other byte (comments, order, blank lines, `export `, line breaks, BOM, final
// newline), and every result is read back before it is returned (verify.ts).
import { EnvValueError, own, parseEnv, type EnvAssignment, type Eol } from './parse';
import { isWs } from './grammar';
import { checkEnvWrite } from './verify';
import { dialectRefusal, dialectValueForms, type Dialect } from './dialects';
import { dialectValues } from './dialectRead';
import { describeArgument, expectObject, expectOptionalString, expectString } from '../../base/guards';

export type EnvQuote = '' | "'" | '"' | '`';

/** A write that was planned but not done, because reading it back did not give the intended values. */
export class EnvWriteRefused extends EnvValueError {}

const LINE_BREAK = /[\n\u2028\u2029]/;

/** Every way of writing the value that dotenv reads back exactly, preferred first (unquoted, ', `, "). */
export function envValueForms(value: string, eol: Eol = '\n'): Array<{ quote: EnvQuote; text: string }> {
  expectString(value, 'envValueForms', 'value');
  expectOptionalString(eol, 'envValueForms', 'eol');
  if (value.includes('\0'))
    throw new EnvValueError('The value contains a NUL character, which a .env file cannot hold.');
  if (value.includes('\r')) {
    throw new EnvValueError('The value contains a carriage return, which dotenv turns into a line break.');
  }
  const forms: Array<{ quote: EnvQuote; text: string }> = [];
  const first = value.charCodeAt(0);
  const plain =
    value === '' ||
    (!isWs(first) &&
      !'\'"`#'.includes(value[0]) &&
      !isWs(value.charCodeAt(value.length - 1)) &&
      !value.includes('#') &&
      !LINE_BREAK.test(value));
  if (plain) forms.push({ quote: '', text: value });
  // Inside quotes, a backslash before the closing quote makes dotenv read it as an escaped quote.
  if (!value.endsWith('\\')) {
    // A line break inside ' or ` is written in the file's own style; dotenv reads any as \n.
    if (!value.includes("'")) forms.push({ quote: "'", text: `'${value.replace(/\n/g, eol)}'` });
    if (!value.includes('`')) forms.push({ quote: '`', text: `\`${value.replace(/\n/g, eol)}\`` });
    if (!value.includes('"') && !/\\[nr]/.test(value))
      forms.push({ quote: '"', text: `"${value.replace(/\n/g, '\\n')}"` });
  }
  return forms;
}

/**
 * What a POSIX shell that sources the file (`set -a; . ./.env`, common in deploy scripts and Docker
 * entrypoints) assigns for `KEY=<text>`, when it runs and expands nothing: unquoted with only
 * characters a shell leaves alone; single-quoted without a quote inside; or double-quoted where
 * every $, `, " and \ is escaped by a backslash (and no !). Undefined for anything else: an unquoted
 * or double-quoted $(…) or `…` would run as a command, a $NAME would be replaced.
 */
export function shellReading(text: string): string | undefined {
  if (/^[A-Za-z0-9_@%+=:,./-]*$/.test(text)) return text;
  if (/^'[^']*'$/.test(text)) return text.slice(1, -1);
  if (text.length < 2 || text[0] !== '"' || text[text.length - 1] !== '"') return undefined;
  let out = '';
  for (let i = 1; i < text.length - 1; i++) {
    const c = text[i];
    if (c === '\\') {
      const next = text[i + 1];
      if (i + 1 >= text.length - 1) return undefined; // escapes the closing quote
      if ('$`"\\'.includes(next)) {
        out += next;
        i++;
      } else if (next === '\n')
        return undefined; // a line continuation
      else out += c; // a backslash before another character stays
    } else if ('$`"!'.includes(c)) return undefined;
    else out += c;
  }
  return out;
}

/** A written form is used only if a shell reads it as the same value, running nothing (shellReading). */
export function isShellSafe(text: string, value: string): boolean {
  expectString(text, 'isShellSafe', 'text');
  expectString(value, 'isShellSafe', 'value');
  // A line break inside quotes is written in the file's own style (CRLF, CR); the value has \n.
  return shellReading(text)?.replace(/\r\n?/g, '\n') === value;
}

/** The characters that keep a value from a form both its framework and a shell read back alike. */
function shellRefusal(dialect: Dialect | undefined, value: string): string {
  const framework = dialect?.framework ?? 'npm dotenv';
  const special = [...new Set(value.match(/[$`\\"!'\s]/g) ?? [])]
    .map((c) => (c === ' ' ? 'a space' : /\s/.test(c) ? 'a line break or tab' : `"${c}"`))
    .join(', ');
  return (
    `The value cannot be written so that ${framework} reads it back exactly and a shell that sources the .env ` +
    `file (set -a; . ./.env) reads the same value without running any of it: every form ${framework} accepts ` +
    `leaves ${special || 'some of its characters'} where a shell would expand or run them. ` +
    'Nothing was written; choose a value without those characters.'
  );
}

/**
 * The forms of a value that are written: read back exactly by the dialect and, unless `shellSafe`
 * is false, inert in a shell (isShellSafe).
 */
export function writableForms(
  value: string,
  eol: Eol = '\n',
  dialect?: Dialect,
  shellSafe = true,
): Array<{ quote: EnvQuote; text: string }> {
  const forms = valueFormsIn(value, eol, dialect);
  return shellSafe ? forms.filter((f) => isShellSafe(f.text, value)) : forms;
}

/** The forms of a value in a dialect (npm dotenv when none is given); throws when the value has a NUL or CR. */
export function valueFormsIn(
  value: string,
  eol: Eol = '\n',
  dialect?: Dialect,
): Array<{ quote: EnvQuote; text: string }> {
  const npm = envValueForms(value, eol);
  return !dialect || dialect.id === 'dotenv' ? npm : dialectValueForms(dialect, value);
}

/** Writes a value so that the dialect's parsers (npm dotenv by default) read it back exactly; quotes when needed. */
export function formatEnvValue(value: string, eol: Eol = '\n', dialect?: Dialect, shellSafe = true): string {
  const readable = valueFormsIn(value, eol, dialect);
  const forms = shellSafe ? readable.filter((f) => isShellSafe(f.text, value)) : readable;
  if (readable.length && !forms.length) throw new EnvValueError(shellRefusal(dialect, value));
  if (dialect && dialect.id !== 'dotenv') {
    if (forms.length) return forms[0].text;
    throw new EnvWriteRefused(dialectRefusal(dialect, value));
  }
  if (forms.length) return forms[0].text;
  if (value.endsWith('\\')) {
    throw new EnvValueError(
      'The value ends with a backslash and needs quotes (it has a #, a quote, spaces at an end ' +
        'or a line break); dotenv would read the backslash and the closing quote as an escaped quote.',
    );
  }
  throw new EnvValueError(
    'The value contains single quotes, backticks and double quotes at once; ' + 'dotenv cannot read such a value back.',
  );
}

export interface SetKeysOptions {
  /** Keys after whose last assignment missing keys are inserted (the SMTP block); default: end of file. */
  anchorKeys?: readonly string[];
  /** Whose parser reads the file (dialects.ts); default: npm dotenv. */
  dialect?: Dialect;
  /**
   * Only forms a shell that sources the file reads as the same value, running nothing (default
   * true; false only for tests of the dotenv machinery itself).
   */
  shellSafe?: boolean;
}

/** The length of the line break at i (\r\n, \n or \r), 0 when there is none. */
function breakAt(text: string, i: number): number {
  if (text[i] === '\r') return text[i + 1] === '\n' ? 2 : 1;
  return text[i] === '\n' ? 1 : 0;
}

// `KEY=` directly followed by the new value is fine; `KEY:` needs the space the grammar requires.
function needsSpaceBefore(text: string, a: EnvAssignment): boolean {
  return a.valueStart === a.valueEnd && text[a.valueStart - 1] === ':';
}

/**
 * Sets keys: updates each key's effective assignment in place and adds missing ones; every other
 * byte stays. The result is read back (by this parser and by dotenv) before it is returned; when
 * another key would change, appear or vanish, or a target would not read back exactly, no form of
 * quoting is found that avoids it, and EnvWriteRefused says why.
 */
export function setEnvKeys(text: string, updates: Record<string, string>, options: SetKeysOptions = {}): string {
  expectString(text, 'setEnvKeys', 'text');
  expectObject(updates, 'setEnvKeys', 'updates', '{"SMTP_PASSWORD": "…"}');
  expectObject(options, 'setEnvKeys', 'options');
  for (const [key, value] of Object.entries(updates))
    if (typeof value !== 'string')
      throw new EnvValueError(`The value for "${key.slice(0, 80)}" must be text, not ${describeArgument(value)}.`);
  for (const key of Object.keys(updates)) {
    if (!/^[\w.-]+$/.test(key))
      throw new EnvValueError(`"${key}" is not a valid .env key (letters, digits, _ . - only).`);
    if (key === '__proto__') throw new EnvValueError('"__proto__" cannot be written as a .env key: dotenv ignores it.');
  }
  const parsed = parseEnv(text);
  const lastByKey = new Map<string, EnvAssignment>();
  for (const a of parsed.assignments) lastByKey.set(a.key, a);
  const forms = new Map<string, Array<{ quote: EnvQuote; text: string }>>();
  for (const [key, value] of Object.entries(updates)) {
    const all = writableForms(value, parsed.eol, options.dialect, options.shellSafe ?? true);
    if (!all.length) formatEnvValue(value, parsed.eol, options.dialect, options.shellSafe ?? true); // throws the reason
    // An existing value keeps its quote style when it can: the file's quotes then pair as before.
    const style = lastByKey.get(key)?.quote;
    const kept = all.find((f) => f.quote === style);
    forms.set(key, kept ? [kept, ...all.filter((f) => f !== kept)] : all);
  }
  // In a framework's dialect, a key whose value that framework reads differently is changed too.
  const readers = options.dialect?.readers.filter((r) => r !== 'dotenv') ?? [];
  const seen = readers.map((r) => dialectValues(text, r));
  const changed = Object.keys(updates).filter(
    (k) => own(parsed.values, k) !== updates[k] || !lastByKey.has(k) || seen.some((v) => own(v, k) !== updates[k]),
  );
  if (!changed.length) return text;

  // Each try picks one form per key: the preferred ones, then each quote style for all keys at once.
  const tries: Array<(key: string) => string> = [
    (key) => forms.get(key)![0].text,
    ...(['', "'", '`', '"'] as EnvQuote[]).map(
      (q) => (key: string) => (forms.get(key)!.find((f) => f.quote === q) ?? forms.get(key)![0]).text,
    ),
  ];
  let firstReason: string | undefined;
  const tried = new Set<string>();
  for (const pick of tries) {
    const out = applyEdits(text, parsed.eol, parsed.finalNewline, lastByKey, changed, pick, options.anchorKeys ?? []);
    if (tried.has(out)) continue;
    tried.add(out);
    const wanted = Object.fromEntries(Object.keys(updates).map((k) => [k, updates[k]]));
    const check = checkEnvWrite(text, out, wanted, options.dialect);
    if (check.ok) return out;
    firstReason ??= check.reason;
  }
  throw new EnvWriteRefused(firstReason ?? 'The new text does not read back as intended; nothing was changed.');
}

function applyEdits(
  text: string,
  eol: Eol,
  finalNewline: boolean,
  lastByKey: Map<string, EnvAssignment>,
  keys: string[],
  written: (key: string) => string,
  anchorKeys: readonly string[],
): string {
  // insert: new lines; at the same offset they are applied first, so they land after a value edit there.
  type Edit = { at: number; end: number; text: string; insert?: boolean };
  const edits: Edit[] = [];
  const missing: string[] = [];
  for (const key of keys) {
    const a = lastByKey.get(key);
    if (!a) missing.push(key);
    else
      edits.push({
        at: a.valueStart,
        end: a.valueEnd,
        text: needsSpaceBefore(text, a) ? ` ${written(key)}` : written(key),
      });
  }
  if (missing.length) {
    const lines = missing.map((k) => `${k}=${written(k)}`).join(eol);
    const anchors = anchorKeys.map((k) => lastByKey.get(k)).filter((a): a is EnvAssignment => Boolean(a));
    const at = text.length;
    if (anchors.length) {
      // After the line break that ends the block's last line (whatever kind it is).
      const after = Math.max(...anchors.map((a) => a.end));
      const len = breakAt(text, after);
      if (len) edits.push({ at: after + len, end: after + len, text: lines + eol, insert: true });
      else edits.push({ at, end: at, text: eol + lines + (finalNewline && text.length ? eol : ''), insert: true });
    } else if (text.length === 0 || text === '\ufeff' || finalNewline) {
      edits.push({ at, end: at, text: lines + eol, insert: true });
    } else {
      edits.push({ at, end: at, text: eol + lines, insert: true });
    }
  }
  edits.sort((a, b) => b.at - a.at || Number(Boolean(b.insert)) - Number(Boolean(a.insert)));
  let out = text;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out;
}
