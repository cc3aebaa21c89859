// Editing .env text: values are written so that dotenv reads them back, keys are updated in place
// without touching any other byte: comments, order, blank lines, `export `, line ends, BOM, final newline.
import { EnvValueError, parseEnv, type EnvAssignment } from './parse';

/** Writes a value so that dotenv reads it back exactly; quotes only when needed. */
export function formatEnvValue(value: string, eol: '\n' | '\r\n' = '\n'): string {
  if (value.includes('\0')) throw new EnvValueError('The value contains a NUL character, which a .env file cannot hold.');
  if (value.includes('\r')) throw new EnvValueError('The value contains a carriage return, which dotenv turns into a line break.');
  const plainSafe = value === '' || (/^[^\s'"`#\n]/.test(value) && !/[\s]$/.test(value) && !/[#\n]/.test(value));
  if (plainSafe) return value;
  // A line break inside quotes is written in the file's own style; dotenv reads either as \n.
  if (!value.includes("'")) return `'${value.replace(/\n/g, eol)}'`;
  if (!value.includes('`')) return `\`${value.replace(/\n/g, eol)}\``;
  if (!value.includes('"') && !/\\[nr]/.test(value)) return `"${value.replace(/\n/g, '\\n')}"`;
  throw new EnvValueError('The value contains single quotes, backticks and double quotes at once; dotenv cannot read such a value back.');
}

export interface SetKeysOptions {
  /** Keys after whose last assignment missing keys are inserted (the SMTP block); default: end of file. */
  anchorKeys?: readonly string[];
}

/** Sets keys: updates each key's effective assignment in place and adds missing ones. Every other byte stays. */
export function setEnvKeys(text: string, updates: Record<string, string>, options: SetKeysOptions = {}): string {
  const parsed = parseEnv(text);
  const formatted = Object.fromEntries(Object.entries(updates).map(([k, v]) => [k, formatEnvValue(v, parsed.eol)]));
  for (const key of Object.keys(updates)) {
    if (!/^[\w.-]+$/.test(key)) throw new EnvValueError(`"${key}" is not a valid .env key (letters, digits, _ . - only).`);
  }
  const lastByKey = new Map<string, EnvAssignment>();
  for (const a of parsed.assignments) lastByKey.set(a.key, a);

  // insert: new lines; at the same offset they are applied first, so they land after a value edit there.
  type Edit = { at: number; end: number; text: string; insert?: boolean };
  const edits: Edit[] = [];
  const missing: string[] = [];
  for (const [key, value] of Object.entries(formatted)) {
    const a = lastByKey.get(key);
    if (!a) missing.push(key);
    else if (parsed.values[key] !== updates[key]) edits.push({ at: a.valueStart, end: a.valueEnd, text: needsSpaceBefore(text, a) ? ` ${value}` : value });
  }
  if (missing.length) {
    const lines = missing.map((k) => `${k}=${formatted[k]}`).join(parsed.eol);
    const anchors = (options.anchorKeys ?? []).map((k) => lastByKey.get(k)).filter((a): a is EnvAssignment => Boolean(a));
    if (anchors.length) {
      const after = Math.max(...anchors.map((a) => a.end));
      const nl = text.indexOf('\n', after);
      if (nl >= 0) edits.push({ at: nl + 1, end: nl + 1, text: lines + parsed.eol, insert: true });
      else edits.push({ at: text.length, end: text.length, text: parsed.eol + lines, insert: true });
    } else if (text.length === 0 || text === '\ufeff') {
      edits.push({ at: text.length, end: text.length, text: lines + parsed.eol, insert: true });
    } else if (parsed.finalNewline) {
      edits.push({ at: text.length, end: text.length, text: lines + parsed.eol, insert: true });
    } else {
      edits.push({ at: text.length, end: text.length, text: parsed.eol + lines, insert: true });
    }
  }
  edits.sort((a, b) => b.at - a.at || Number(Boolean(b.insert)) - Number(Boolean(a.insert)));
  let out = text;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out;
}

// `KEY=` directly followed by the new value is fine; `KEY:` needs the space the grammar requires.
function needsSpaceBefore(text: string, a: EnvAssignment): boolean {
  return a.valueStart === a.valueEnd && text[a.valueStart - 1] === ':';
}
