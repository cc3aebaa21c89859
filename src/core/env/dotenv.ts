// .env files: parsing with the `dotenv` package's semantics (same line grammar, so the same map),
// plus where each assignment sits in the original bytes, so keys can be updated in place without
// touching any other byte: comments, order, blank lines, `export `, CRLF or LF, BOM, final newline.

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

// ---------------------------------------------------------------------------------------------
// Conventions: which keys a project uses for SMTP settings.

export type SmtpField = 'host' | 'port' | 'user' | 'password' | 'secure' | 'from' | 'region' | 'url' | 'mailer' | 'encryption';

export interface SmtpValues {
  host: string;
  port: number;
  user: string;
  password: string;
  from?: string;
  region?: string;
  /** implicit TLS (465/2465) rather than STARTTLS. */
  implicitTls?: boolean;
}

export interface EnvConvention {
  id: string;
  label: string;
  keys: Partial<Record<SmtpField, string>>;
}

export const CONVENTIONS: readonly EnvConvention[] = [
  { id: 'generic', label: 'Generic (SMTP_HOST, SMTP_USER, …)', keys: { host: 'SMTP_HOST', port: 'SMTP_PORT', user: 'SMTP_USER', password: 'SMTP_PASSWORD', secure: 'SMTP_SECURE', from: 'SMTP_FROM' } },
  { id: 'nodemailer-url', label: 'nodemailer URL (SMTP_URL=smtp://user:pass@host:port)', keys: { url: 'SMTP_URL' } },
  { id: 'django', label: 'Django (EMAIL_HOST, EMAIL_HOST_USER, …)', keys: { host: 'EMAIL_HOST', port: 'EMAIL_PORT', user: 'EMAIL_HOST_USER', password: 'EMAIL_HOST_PASSWORD', secure: 'EMAIL_USE_TLS' } },
  { id: 'laravel', label: 'Laravel (MAIL_HOST, MAIL_USERNAME, …)', keys: { mailer: 'MAIL_MAILER', host: 'MAIL_HOST', port: 'MAIL_PORT', user: 'MAIL_USERNAME', password: 'MAIL_PASSWORD', encryption: 'MAIL_ENCRYPTION', from: 'MAIL_FROM_ADDRESS' } },
  { id: 'rails', label: 'Rails (AWS_SES_SMTP_USERNAME, …)', keys: { user: 'AWS_SES_SMTP_USERNAME', password: 'AWS_SES_SMTP_PASSWORD', host: 'AWS_SES_SMTP_ADDRESS', region: 'AWS_SES_REGION' } },
  { id: 'spring', label: 'Spring (SPRING_MAIL_HOST, …)', keys: { host: 'SPRING_MAIL_HOST', port: 'SPRING_MAIL_PORT', user: 'SPRING_MAIL_USERNAME', password: 'SPRING_MAIL_PASSWORD' } },
];

/** A custom convention from settings: field → key. Throws for a mapping without host/user/password. */
export function customConvention(mapping: Record<string, unknown>): EnvConvention {
  const keys: Partial<Record<SmtpField, string>> = {};
  for (const [field, key] of Object.entries(mapping)) {
    if (!['host', 'port', 'user', 'password', 'secure', 'from', 'region', 'url'].includes(field)) throw new EnvValueError(`Unknown field "${field}" in the custom .env mapping; use host, port, user, password, secure, from, region or url.`);
    if (typeof key !== 'string' || !/^[\w.-]+$/.test(key)) throw new EnvValueError(`The custom .env mapping gives "${String(key)}" for ${field}, which is not a valid key.`);
    keys[field as SmtpField] = key;
  }
  if (!keys.url && !(keys.host && keys.user && keys.password)) throw new EnvValueError('The custom .env mapping needs host, user and password keys (or a url key).');
  return { id: 'custom', label: 'Custom (from settings)', keys };
}

/** Percent-encodes a URL user or password part: everything but unreserved characters. */
export function encodeUrlPart(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function smtpUrl(values: SmtpValues): string {
  const scheme = values.implicitTls ? 'smtps' : 'smtp';
  return `${scheme}://${encodeUrlPart(values.user)}:${encodeUrlPart(values.password)}@${values.host}:${values.port}`;
}

/** The key/value pairs a convention writes for the given SMTP values. */
export function conventionEntries(convention: EnvConvention, values: SmtpValues): Record<string, string> {
  const k = convention.keys;
  const out: Record<string, string> = {};
  const put = (field: SmtpField, value: string | undefined): void => {
    const key = k[field];
    if (key && value !== undefined) out[key] = value;
  };
  if (k.url) put('url', smtpUrl(values));
  put('mailer', 'smtp');
  put('host', values.host);
  put('port', String(values.port));
  put('user', values.user);
  put('password', values.password);
  if (convention.id === 'django') put('secure', values.implicitTls ? 'False' : 'True');
  else put('secure', values.implicitTls ? 'true' : 'false');
  put('encryption', values.implicitTls ? 'ssl' : 'tls');
  put('from', values.from);
  put('region', values.region);
  return out;
}

export interface SmtpBlock {
  convention: EnvConvention;
  /** Assignments of the convention's keys present in the file (effective ones). */
  assignments: EnvAssignment[];
  /** First and last line of the block. */
  firstLine: number;
  lastLine: number;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  from?: string;
  region?: string;
  implicitTls?: boolean;
  /** For URL conventions: the raw URL. */
  url?: string;
}

/** Reads smtp://user:pass@host:port the way a user means it: the password runs to the last '@'. */
export function parseSmtpUrl(url: string): { scheme: string; user: string; password: string; host: string; port?: number; rawUser: string; rawPassword: string } | undefined {
  const m = /^(smtps?):\/\/([^:@/]*)(?::(.*))?@([^@:/?#]+)(?::(\d{1,5}))?\/?$/i.exec(url.trim());
  if (!m) return undefined;
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return { scheme: m[1].toLowerCase(), rawUser: m[2], rawPassword: m[3] ?? '', user: decode(m[2]), password: decode(m[3] ?? ''), host: m[4], port: m[5] ? Number(m[5]) : undefined };
}

/** Finds the SMTP settings blocks of every convention present in a file. */
export function findSmtpBlocks(parsed: ParsedEnv, extra: readonly EnvConvention[] = []): SmtpBlock[] {
  const effective = new Map<string, EnvAssignment>();
  for (const a of parsed.assignments) effective.set(a.key, a);
  const blocks: SmtpBlock[] = [];
  for (const convention of [...CONVENTIONS, ...extra]) {
    const keys = Object.values(convention.keys) as string[];
    const present = keys.map((k) => effective.get(k)).filter((a): a is EnvAssignment => Boolean(a));
    const isUrl = Boolean(convention.keys.url && effective.has(convention.keys.url));
    if (!isUrl && present.length < 2) continue;
    const value = (field: SmtpField): string | undefined => {
      const key = convention.keys[field];
      return key ? parsed.values[key] : undefined;
    };
    const block: SmtpBlock = {
      convention,
      assignments: present.sort((a, b) => a.start - b.start),
      firstLine: Math.min(...present.map((a) => a.line)),
      lastLine: Math.max(...present.map((a) => a.line)),
      host: value('host'),
      port: value('port') !== undefined && /^\d+$/.test(value('port')!.trim()) ? Number(value('port')) : undefined,
      user: value('user'),
      password: value('password'),
      from: value('from'),
      region: value('region'),
    };
    const enc = value('encryption')?.toLowerCase();
    const secure = value('secure')?.toLowerCase();
    if (enc) block.implicitTls = enc === 'ssl';
    else if (secure && convention.id !== 'django') block.implicitTls = secure === 'true' || secure === '1';
    if (isUrl) {
      block.url = value('url');
      const u = parseSmtpUrl(block.url ?? '');
      if (u) Object.assign(block, { host: u.host, port: u.port, user: u.user, password: u.password, implicitTls: u.scheme === 'smtps' });
    }
    blocks.push(block);
  }
  return blocks.sort((a, b) => a.firstLine - b.firstLine);
}

/** The convention a file already uses (most keys present), if any. */
export function detectConvention(parsed: ParsedEnv, extra: readonly EnvConvention[] = []): EnvConvention | undefined {
  const blocks = findSmtpBlocks(parsed, extra);
  return blocks.sort((a, b) => b.assignments.length - a.assignments.length)[0]?.convention;
}
