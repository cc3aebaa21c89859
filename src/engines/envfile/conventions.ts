// Conventions: which keys a project uses for SMTP settings, and the SMTP blocks found in a file.
// Every read of a mapping, a convention's keys or a file's values is an own-property read: a key
// named "constructor" or "toString" must not find Object.prototype's function.
import { EnvValueError, own, type EnvAssignment, type ParsedEnv } from './parse';
import { expectObject, expectOptionalList, expectString } from '../../base/guards';
import { bareAddress } from '../../base/names';

export type SmtpField =
  'host' | 'port' | 'user' | 'password' | 'secure' | 'from' | 'region' | 'url' | 'mailer' | 'encryption';

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
  {
    id: 'generic',
    label: 'Generic (SMTP_HOST, SMTP_USER, …)',
    keys: {
      host: 'SMTP_HOST',
      port: 'SMTP_PORT',
      user: 'SMTP_USER',
      password: 'SMTP_PASSWORD',
      secure: 'SMTP_SECURE',
      from: 'SMTP_FROM',
    },
  },
  { id: 'nodemailer-url', label: 'nodemailer URL (SMTP_URL=smtp://user:pass@host:port)', keys: { url: 'SMTP_URL' } },
  {
    id: 'django',
    label: 'Django (EMAIL_HOST, EMAIL_HOST_USER, …)',
    keys: {
      host: 'EMAIL_HOST',
      port: 'EMAIL_PORT',
      user: 'EMAIL_HOST_USER',
      password: 'EMAIL_HOST_PASSWORD',
      secure: 'EMAIL_USE_TLS',
    },
  },
  {
    id: 'laravel',
    label: 'Laravel (MAIL_HOST, MAIL_USERNAME, …)',
    keys: {
      mailer: 'MAIL_MAILER',
      host: 'MAIL_HOST',
      port: 'MAIL_PORT',
      user: 'MAIL_USERNAME',
      password: 'MAIL_PASSWORD',
      encryption: 'MAIL_ENCRYPTION',
      from: 'MAIL_FROM_ADDRESS',
    },
  },
  {
    id: 'rails',
    label: 'Rails (AWS_SES_SMTP_USERNAME, …)',
    keys: {
      user: 'AWS_SES_SMTP_USERNAME',
      password: 'AWS_SES_SMTP_PASSWORD',
      host: 'AWS_SES_SMTP_ADDRESS',
      region: 'AWS_SES_REGION',
    },
  },
  {
    id: 'spring',
    label: 'Spring (SPRING_MAIL_HOST, …)',
    keys: {
      host: 'SPRING_MAIL_HOST',
      port: 'SPRING_MAIL_PORT',
      user: 'SPRING_MAIL_USERNAME',
      password: 'SPRING_MAIL_PASSWORD',
    },
  },
];

const CUSTOM_FIELDS: readonly string[] = ['host', 'port', 'user', 'password', 'secure', 'from', 'region', 'url'];

/** The key a convention uses for a field (its own entry only). */
export function keyOf(convention: EnvConvention, field: SmtpField): string | undefined {
  expectObject(convention, 'keyOf', 'convention');
  expectString(field, 'keyOf', 'field');
  return own(convention.keys as Record<string, string>, field);
}

/** A custom convention from settings: field → key. Throws for a mapping without host/user/password. */
export function customConvention(mapping: Record<string, unknown>): EnvConvention {
  expectObject(mapping, 'customConvention', 'mapping');
  const keys: Partial<Record<SmtpField, string>> = {};
  for (const [field, key] of Object.entries(mapping)) {
    if (!CUSTOM_FIELDS.includes(field)) {
      throw new EnvValueError(
        `Unknown field "${field}" in the custom .env mapping; ` +
          'use host, port, user, password, secure, from, region or url.',
      );
    }
    if (typeof key !== 'string' || !/^[\w.-]+$/.test(key) || key === '__proto__') {
      throw new EnvValueError(`The custom .env mapping gives "${String(key)}" for ${field}, which is not a valid key.`);
    }
    keys[field as SmtpField] = key;
  }
  if (!keys.url && !(keys.host && keys.user && keys.password)) {
    throw new EnvValueError('The custom .env mapping needs host, user and password keys (or a url key).');
  }
  return { id: 'custom', label: 'Custom (from settings)', keys };
}

/** Percent-encodes a URL user or password part: everything but unreserved characters. */
export function encodeUrlPart(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function smtpUrl(values: SmtpValues): string {
  expectObject(values, 'smtpUrl', 'values');
  const scheme = values.implicitTls ? 'smtps' : 'smtp';
  return `${scheme}://${encodeUrlPart(values.user)}:${encodeUrlPart(values.password)}@${values.host}:${values.port}`;
}

/** The key/value pairs a convention writes for the given SMTP values. */
export function conventionEntries(convention: EnvConvention, values: SmtpValues): Record<string, string> {
  expectObject(convention, 'conventionEntries', 'convention');
  expectObject(values, 'conventionEntries', 'values');
  const out: Record<string, string> = {};
  const put = (field: SmtpField, value: string | undefined): void => {
    const key = keyOf(convention, field);
    if (key && value !== undefined) {
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
  };
  if (keyOf(convention, 'url')) put('url', smtpUrl(values));
  put('mailer', 'smtp');
  put('host', values.host);
  put('port', String(values.port));
  put('user', values.user);
  put('password', values.password);
  if (convention.id === 'django') put('secure', values.implicitTls ? 'False' : 'True');
  else put('secure', values.implicitTls ? 'true' : 'false');
  put('encryption', values.implicitTls ? 'ssl' : 'tls');
  // A key for the address alone (Laravel's MAIL_FROM_ADDRESS) takes the bare address: Laravel
  // passes it to Symfony Mailer as an address, and "Name <a@b>" there is refused as not RFC 2822.
  const fromKey = keyOf(convention, 'from');
  put('from', values.from !== undefined && fromKey?.endsWith('_ADDRESS') ? bareAddress(values.from) : values.from);
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
export function parseSmtpUrl(url: string):
  | {
      scheme: string;
      user: string;
      password: string;
      host: string;
      port?: number;
      rawUser: string;
      rawPassword: string;
    }
  | undefined {
  expectString(url, 'parseSmtpUrl', 'url');
  const m = /^(smtps?):\/\/([^:@/]*)(?::(.*))?@([^@:/?#]+)(?::(\d{1,5}))?\/?$/i.exec(url.trim());
  if (!m) return undefined;
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return {
    scheme: m[1].toLowerCase(),
    rawUser: m[2],
    rawPassword: m[3] ?? '',
    user: decode(m[2]),
    password: decode(m[3] ?? ''),
    host: m[4],
    port: m[5] ? Number(m[5]) : undefined,
  };
}

/** Finds the SMTP settings blocks of every convention present in a file. */
export function findSmtpBlocks(parsed: ParsedEnv, extra: readonly EnvConvention[] = []): SmtpBlock[] {
  expectObject(parsed, 'findSmtpBlocks', 'parsed');
  expectOptionalList(extra, 'findSmtpBlocks', 'extra');
  const all = [...CONVENTIONS, ...extra];
  const keysOf = (c: EnvConvention): string[] =>
    Object.values(c.keys).filter((k): k is string => typeof k === 'string');
  // Only the conventions' keys matter; a length test skips most other keys without hashing them.
  const wanted = new Set(all.flatMap(keysOf));
  const lengths = new Set([...wanted].map((k) => k.length));
  const effective = new Map<string, EnvAssignment>();
  for (const a of parsed.assignments) if (lengths.has(a.key.length) && wanted.has(a.key)) effective.set(a.key, a);
  const blocks: SmtpBlock[] = [];
  for (const convention of all) {
    const keys = keysOf(convention);
    const present = keys.map((k) => effective.get(k)).filter((a): a is EnvAssignment => Boolean(a));
    const urlKey = keyOf(convention, 'url');
    const isUrl = Boolean(urlKey && effective.has(urlKey));
    if (!isUrl && present.length < 2) continue;
    const value = (field: SmtpField): string | undefined => {
      const key = keyOf(convention, field);
      return key && key !== '__proto__' ? effective.get(key)?.value : undefined;
    };
    const block: SmtpBlock = {
      convention,
      assignments: present.sort((a, b) => a.start - b.start),
      firstLine: Math.min(...present.map((a) => a.line)),
      lastLine: Math.max(...present.map((a) => a.line)),
      host: value('host'),
      port: /^\d{1,5}$/.test(value('port')?.trim() ?? '') ? Number(value('port')) : undefined,
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
      if (u) {
        const implicitTls = u.scheme === 'smtps';
        Object.assign(block, { host: u.host, port: u.port, user: u.user, password: u.password, implicitTls });
      }
    }
    blocks.push(block);
  }
  return blocks.sort((a, b) => a.firstLine - b.firstLine);
}

/** The convention a file already uses (most keys present), if any. */
export function detectConvention(parsed: ParsedEnv, extra: readonly EnvConvention[] = []): EnvConvention | undefined {
  expectObject(parsed, 'detectConvention', 'parsed');
  expectOptionalList(extra, 'detectConvention', 'extra');
  const blocks = findSmtpBlocks(parsed, extra);
  return blocks.sort((a, b) => b.assignments.length - a.assignments.length)[0]?.convention;
}
