// Masking for text a person pasted or selected (an application's log line, a traceback, a DSN):
// unlike a session's own transcript, the secrets are not known beforehand, so they are found by
// where they stand (the password of a URL's user part, the value of a password or secret key,
// the blob after AUTH PLAIN/LOGIN) and by their shape (a 44-character SES SMTP password, a
// 40-character IAM secret access key). Each secret found is then masked in every form it could
// take elsewhere in the text (raw, quoted, URL-encoded, base64, the SMTP passwords derived from a
// secret key) by the one masking function, smtp/redact.ts. Every pattern has bounded repeats.
import { makeRedactor, MASK } from './redact';
import { expectString } from '../../base/guards';

/** scheme://user:password@ */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]{0,15}:\/\/)([^\s:@/'"<>]{0,256}):([^\s@'"<>]{1,512})@/gi;

/** password=…, "smtp_pass": "…", :password => '…', EMAIL_HOST_PASSWORD='…', aws_secret_access_key = … */
const KEY_VALUE =
  /\b([A-Za-z_.-]{0,40}(?:pass(?:word|wd)?|pwd|secret(?:_?access_?key)?|credential)[A-Za-z_]{0,20})(["']?\s{0,3}(?:=>|[:=])\s{0,3})(["']?)([^\s"',;}]{1,512})/gi;

/** AUTH PLAIN <base64>, AUTH LOGIN <base64> */
const AUTH_BLOB = /\b(AUTH\s{1,3}(?:PLAIN|LOGIN|XOAUTH2)\s{1,3})([A-Za-z0-9+/=]{4,4096})/gi;

/** An SES SMTP password (version 4: 44 characters, starting with "B"). */
const SMTP_PASSWORD_SHAPE = /(?<![A-Za-z0-9+/])B[A-Za-z0-9+/]{43}(?![A-Za-z0-9+/=])/g;

/** 40 characters as an IAM secret access key is written. */
const IAM_SECRET_SHAPE = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g;

/** Not every 40-character token is a key: a git commit id is hex; a secret mixes cases and digits. */
function looksLikeSecretKey(token: string): boolean {
  return /[+/]/.test(token) || (/[a-z]/.test(token) && /[A-Z]/.test(token) && /\d/.test(token));
}

/** Values that read as placeholders, not secrets (masking them would hide what is wrong). */
function isPlaceholder(value: string): boolean {
  return value === MASK || /^\*+$/.test(value) || /^(?:null|none|nil|undefined|true|false)$/i.test(value);
}

function decoded(value: string): string | undefined {
  try {
    const out = decodeURIComponent(value);
    return out === value ? undefined : out;
  } catch {
    return undefined;
  }
}

/** The secrets the text holds, found by where they stand and by their shape. */
export function findPastedSecrets(text: string): string[] {
  expectString(text, 'findPastedSecrets', 'text');
  const found = new Set<string>();
  const add = (value: string | undefined): void => {
    if (value && !isPlaceholder(value)) found.add(value);
  };
  for (const m of text.matchAll(URL_USERINFO)) {
    add(m[3]);
    add(decoded(m[3]));
  }
  for (const m of text.matchAll(KEY_VALUE)) {
    add(m[4]);
    add(decoded(m[4]));
  }
  for (const m of text.matchAll(AUTH_BLOB)) add(m[2]);
  for (const m of text.matchAll(SMTP_PASSWORD_SHAPE)) add(m[0]);
  for (const m of text.matchAll(IAM_SECRET_SHAPE)) if (looksLikeSecretKey(m[0])) add(m[0]);
  return [...found];
}

/**
 * The text with every secret it holds masked: first each secret found in every form the text could
 * carry it (smtp/redact.ts), then what stands in a secret's place by position (a URL's password, a
 * password value, an AUTH blob).
 */
export function maskPastedText(input: string): string {
  const text = String(input ?? '');
  const secrets = findPastedSecrets(text);
  const masked = secrets.length ? makeRedactor(secrets)(text) : text;
  return masked
    .replace(URL_USERINFO, (_m, scheme: string, user: string) => `${scheme}${user}:${MASK}@`)
    .replace(KEY_VALUE, (_m, key: string, sep: string, quote: string) => `${key}${sep}${quote}${MASK}`)
    .replace(AUTH_BLOB, (_m, verb: string) => `${verb}${MASK}`)
    .replace(SMTP_PASSWORD_SHAPE, MASK)
    .replace(IAM_SECRET_SHAPE, (token) => (looksLikeSecretKey(token) ? MASK : token));
}
