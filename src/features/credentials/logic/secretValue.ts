// SMTP credentials kept in AWS Secrets Manager or an SSM SecureString: the value is JSON with any
// key names ({"SMTP_USER": …, "SMTP_PASS": …}) or a plain string ("user:password", or only the
// password). The mapping from the secret's keys to the set's fields is guessed once, confirmed by
// the user and remembered per secret ARN (key names only, never a value). Pure and vscode-free;
// no error message here ever holds a value of the secret.
import { classifySmtpPassword, classifySmtpUsername } from '../../../base/password';
import { regionFromHost } from '../../../base/regions';
import { expectStringList } from '../../../base/guards';

/** Largest value taken: Secrets Manager allows 64 KB; SMTP credentials take a few hundred bytes. */
export const MAX_SECRET_VALUE_BYTES = 64 * 1024;
/** Most keys read from a JSON secret. */
export const MAX_SECRET_KEYS = 200;

export class SecretValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretValueError';
  }
}

export type SecretField = 'username' | 'password' | 'host' | 'region' | 'port' | 'from';
export const SECRET_FIELDS: readonly SecretField[] = ['username', 'password', 'host', 'region', 'port', 'from'];

/** Which key of the JSON secret holds each field. */
export type SecretMapping = Partial<Record<SecretField, string>>;

export type SecretValue =
  /** Top-level text and number values, as text; other values are left out (their keys are listed). */
  | { kind: 'json'; fields: Record<string, string>; skipped: string[] }
  | { kind: 'plain'; username?: string; password: string };

/** Key spellings of each field, compared lower case with _ - . and spaces removed. */
const SPELLINGS: Record<SecretField, readonly string[]> = {
  username: [
    'username',
    'user',
    'smtpusername',
    'smtpuser',
    'login',
    'smtplogin',
    'accesskeyid',
    'awsaccesskeyid',
    'accesskey',
    'mailusername',
    'mailuser',
    'emailhostuser',
    'emailuser',
    'awssessmtpusername',
    'sesusername',
    'sessmtpusername',
    'springmailusername',
  ],
  password: [
    'password',
    'pass',
    'passwd',
    'pwd',
    'smtppassword',
    'smtppass',
    'smtppwd',
    'mailpassword',
    'emailhostpassword',
    'emailpassword',
    'awssessmtppassword',
    'sespassword',
    'sessmtppassword',
    'springmailpassword',
    'secretaccesskey',
    'awssecretaccesskey',
    'secretkey',
  ],
  host: [
    'host',
    'smtphost',
    'hostname',
    'server',
    'smtpserver',
    'endpoint',
    'mailhost',
    'emailhost',
    'address',
    'awssessmtpaddress',
  ],
  region: ['region', 'awsregion', 'sesregion', 'smtpregion', 'awssesregion'],
  port: ['port', 'smtpport', 'mailport', 'emailport', 'springmailport'],
  from: ['from', 'smtpfrom', 'mailfrom', 'fromaddress', 'mailfromaddress', 'sender', 'defaultfromemail'],
};

const squash = (key: string): string => key.toLowerCase().replace(/[\s_.-]/g, '');

/** Parses a secret's text. Throws SecretValueError for an empty, oversized, binary or malformed value. */
export function parseSecretValue(text: string | undefined): SecretValue {
  if (text === undefined || text === null) throw new SecretValueError('The secret has no text value.');
  if (typeof text !== 'string') throw new SecretValueError('The secret value is not text.');
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_SECRET_VALUE_BYTES)
    throw new SecretValueError(
      `The value is ${size} bytes; SMTP credentials take a few hundred. Choose the secret that holds them.`,
    );
  const trimmed = text.trim();
  if (!trimmed)
    throw new SecretValueError('The value is empty. Store the SMTP username and password in it, or choose another.');
  if (text.includes('\0')) throw new SecretValueError('The value is not text (it contains NUL bytes).');
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJson(trimmed);
  return parsePlain(trimmed);
}

function parseJson(text: string): SecretValue {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // The parser's message quotes the text around the error: only its position is kept.
    const at = /position (\d+)/.exec(String((err as Error).message))?.[1];
    throw new SecretValueError(
      `The value starts like JSON but is not valid JSON${at ? ` (at character ${at})` : ''}. ` +
        'Fix it in the AWS console, e.g. {"username": "AKIA…", "password": "…"}.',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SecretValueError('The JSON value is not an object; expected {"username": "AKIA…", "password": "…"}.');
  const keys = Object.keys(value);
  if (keys.length === 0) throw new SecretValueError('The JSON object is empty; it holds no username or password.');
  if (keys.length > MAX_SECRET_KEYS)
    throw new SecretValueError(`The JSON object has ${keys.length} keys; at most ${MAX_SECRET_KEYS} are read.`);
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  const skipped: string[] = [];
  const take = (key: string, v: unknown): boolean => {
    if (typeof v === 'string') fields[key] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) fields[key] = String(v);
    else return false;
    return true;
  };
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (take(key, v)) continue;
    // One level deep: {"smtp": {"username": …, "password": …}} gives the keys "smtp.username", "smtp.password".
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0) {
      const notText = Object.keys(v).filter((inner) => !take(`${key}.${inner}`, (v as Record<string, unknown>)[inner]));
      if (notText.length < Object.keys(v).length) {
        skipped.push(...notText.map((inner) => `${key}.${inner}`));
        continue;
      }
    }
    skipped.push(key);
  }
  if (Object.keys(fields).length > MAX_SECRET_KEYS)
    throw new SecretValueError(
      `The JSON object has ${Object.keys(fields).length} keys (nested ones included); at most ${MAX_SECRET_KEYS} are read.`,
    );
  return { kind: 'json', fields, skipped };
}

function parsePlain(text: string): SecretValue {
  if (/[\r\n]/.test(text))
    throw new SecretValueError(
      'The value has several lines; expected one line: the password, or "username:password", or JSON.',
    );
  // A v4 password is base64 (no colon), so a colon separates the username from the password.
  const colon = text.indexOf(':');
  if (colon < 0) return { kind: 'plain', password: text };
  const username = text.slice(0, colon).trim();
  const password = text.slice(colon + 1).trim();
  if (!username) throw new SecretValueError('The value has the form ":password" with no username before the colon.');
  if (!password) throw new SecretValueError('The value has the form "username:" with no password after the colon.');
  return { kind: 'plain', username, password };
}

/**
 * The keys of a JSON secret that look like each field (first spelling listed wins, then key order).
 * A nested key ("smtp.username") matches as a whole ("smtpusername") or by its last part ("username").
 */
export function guessMapping(keys: readonly string[]): SecretMapping {
  expectStringList(keys, 'guessMapping', 'keys');
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string'))
    throw new SecretValueError("guessMapping needs the list of the secret's key names (strings).");
  const mapping: SecretMapping = {};
  const taken = new Set<string>();
  const last = (k: string): string => squash(k.slice(k.lastIndexOf('.') + 1));
  for (const field of SECRET_FIELDS) {
    for (const spelling of SPELLINGS[field]) {
      const key =
        keys.find((k) => !taken.has(k) && squash(k) === spelling) ??
        keys.find((k) => !taken.has(k) && k.includes('.') && last(k) === spelling);
      if (key !== undefined) {
        mapping[field] = key;
        taken.add(key);
        break;
      }
    }
  }
  return mapping;
}

/** A remembered mapping (globalState) as read back: only known fields whose keys are in this secret. */
export function usableMapping(stored: unknown, keys: readonly string[]): SecretMapping | undefined {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return undefined;
  const out: SecretMapping = {};
  for (const field of SECRET_FIELDS) {
    const key = Object.prototype.hasOwnProperty.call(stored, field)
      ? (stored as Record<string, unknown>)[field]
      : undefined;
    if (typeof key === 'string' && keys.includes(key)) out[field] = key;
  }
  return out.username && out.password ? out : undefined;
}

/** What an import found in a secret; `password` may be an IAM secret key (see passwordKind). */
export interface ExtractedCredentials {
  username?: string;
  password: string;
  /** 'iam-secret': an IAM secret access key; the SMTP password must be derived for a region. */
  passwordKind: 'smtp' | 'iam-secret';
  host?: string;
  region?: string;
  port?: number;
  from?: string;
}

/** Applies a mapping (JSON) or takes the plain value, then checks what was found. */
export function extractCredentials(value: SecretValue, mapping: SecretMapping = {}): ExtractedCredentials {
  const parsed = value as unknown as Partial<{ kind: string; fields: unknown; skipped: unknown; password: unknown }>;
  const ok =
    typeof value === 'object' &&
    value !== null &&
    ((parsed.kind === 'plain' && typeof parsed.password === 'string') ||
      (parsed.kind === 'json' &&
        typeof parsed.fields === 'object' &&
        parsed.fields !== null &&
        Array.isArray(parsed.skipped)));
  if (!ok)
    throw new SecretValueError(
      `extractCredentials needs a parsed secret value (what parseSecretValue returns), not ${describe(value)}.`,
    );
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping))
    throw new SecretValueError(`The mapping must be an object of field → key name, not ${describe(mapping)}.`);
  for (const field of SECRET_FIELDS) {
    const key: unknown = (mapping as Record<string, unknown>)[field];
    if (key !== undefined && typeof key !== 'string')
      throw new SecretValueError(`The key chosen for the ${field} must be a key name (text), not ${describe(key)}.`);
  }
  let raw: Partial<Record<SecretField, string>>;
  if (value.kind === 'plain') raw = { username: value.username, password: value.password };
  else {
    raw = {};
    for (const field of SECRET_FIELDS) {
      const key = mapping[field];
      if (key === undefined) continue;
      if (!Object.prototype.hasOwnProperty.call(value.fields, key)) {
        const why = value.skipped.includes(key) ? 'is not text' : 'is not in the secret';
        throw new SecretValueError(`The key "${key.slice(0, 80)}" chosen for the ${field} ${why}. Choose another key.`);
      }
      raw[field] = value.fields[key];
    }
    if (raw.password === undefined) {
      const keys = Object.keys(value.fields);
      const nested = value.skipped.length
        ? ` ${keyList(value.skipped)} ${value.skipped.length === 1 ? 'holds' : 'hold'} no text (a list, or an ` +
          'object nested more than one level, is not read): store the SMTP fields at the top level or one level ' +
          'down, e.g. {"username": "AKIA…", "password": "…"} or {"smtp": {"username": "AKIA…", "password": "…"}}.'
        : '';
      throw new SecretValueError(
        `No key of the secret was chosen for the password (keys: ${keyList(keys)}).${nested}` +
          (keys.length ? ' Choose the key that holds the SMTP password.' : ''),
      );
    }
  }
  return checkExtracted(raw as Partial<Record<SecretField, string>> & { password: string });
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
}

function keyList(keys: readonly string[]): string {
  const shown = keys.slice(0, 10).map((k) => `"${k.slice(0, 40)}"`);
  return shown.join(', ') + (keys.length > 10 ? `, and ${keys.length - 10} more` : '') || 'none';
}

function checkExtracted(raw: Partial<Record<SecretField, string>> & { password: string }): ExtractedCredentials {
  const out: ExtractedCredentials = { password: '', passwordKind: 'smtp' };
  if (raw.username !== undefined) {
    const user = classifySmtpUsername(raw.username);
    if (user.kind === 'empty') throw new SecretValueError('The username in the secret is empty.');
    if (user.kind === 'temporary-key') throw new SecretValueError(`The username in the secret: ${user.summary}`);
    out.username = user.cleaned;
  }
  const password = classifySmtpPassword(raw.password);
  const kind = password.cleanedKind ?? password.kind;
  if (kind === 'empty') throw new SecretValueError('The password in the secret is empty.');
  if (kind === 'v2')
    throw new SecretValueError(
      'The password in the secret is a legacy version 2 SMTP password, which SES refuses. ' +
        'Store the IAM secret access key (to derive a v4 password) or a v4 password instead.',
    );
  if (kind === 'malformed' && !raw.host)
    throw new SecretValueError(
      'The password in the secret is not an SES SMTP password (44 characters) nor an IAM secret key (40). ' +
        'Check the key chosen for the password.',
    );
  out.password = password.cleaned;
  out.passwordKind = kind === 'iam-secret' ? 'iam-secret' : 'smtp';
  if (raw.host?.trim()) out.host = raw.host.trim();
  const region = raw.region?.trim() || (out.host ? regionFromHost(out.host)?.region : undefined);
  if (region) out.region = region.toLowerCase();
  if (raw.port?.trim()) {
    const port = Number(raw.port.trim());
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new SecretValueError(`The port in the secret is not a port number (1-65535). Use 587 or 465.`);
    out.port = port;
  }
  if (raw.from?.trim()) out.from = raw.from.trim();
  return out;
}
