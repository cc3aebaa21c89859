// Masking of secrets in anything a session records: transcript lines, server replies, errors.
// A password can show up raw, URL-encoded (%2B or %2b), in base64 or base64url, alone, inside an
// AUTH PLAIN blob, or anywhere inside a longer base64 blob: there its base64 depends on where it
// starts (byte offset 0, 1 or 2 mod 3), so each of the three encodings is masked.

import { describeType, SmtpInputError } from './input';

export const MASK = '********';

/**
 * Forms shorter than this are masked only where they stand alone (not between letters or digits):
 * a 2-character password masked everywhere would blank out every word that contains it.
 */
const MIN_SUBSTRING = 4;

/** Replaces every form of a secret a transcript could carry. Secrets of any length are masked. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>, username = ''): string {
  return makeRedactor(secrets, username)(String(text ?? ''));
}

/** A masking function for these secrets, built once (the patterns are the costly part). */
export function makeRedactor(secrets: ReadonlyArray<string | undefined>, username = ''): (text: string) => string {
  if (!Array.isArray(secrets))
    throw new SmtpInputError('secrets', `secrets must be a list of strings, not ${describeType(secrets)}.`);
  const patterns = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length === 0) continue;
    for (const p of secretPatterns(secret, String(username ?? ''))) patterns.add(p);
  }
  if (patterns.size === 0) return (text) => text;
  // Longest first, so a whole blob is masked rather than the secret inside it.
  const pattern = new RegExp([...patterns].sort((a, b) => b.length - a.length).join('|'), 'g');
  return (text) => text.replace(pattern, MASK);
}

/** A client line sent while authenticating: everything after the AUTH verb is credentials. */
export function maskAuthLine(text: string): string {
  const verb = /^AUTH\s+\S+/i.exec(text);
  return verb ? `${verb[0]} ${MASK}` : MASK;
}

function secretPatterns(secret: string, username: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = [
    bytes.toString('base64'),
    Buffer.from(`\0${username}\0${secret}`, 'utf8').toString('base64'),
    Buffer.from(`${username}\0${username}\0${secret}`, 'utf8').toString('base64'),
    ...[0, 1, 2].map((offset) => base64Core(bytes, offset)),
  ].filter(Boolean);
  const forms = [secret, ...base64, ...base64.map(toBase64Url)];
  const literal = forms.map((form) => bounded(escapeRegExp(form), form.length));
  const encoded = encodeURIComponent(secret);
  // %2b and %2B are the same byte; encoders differ in case.
  const percent = escapeRegExp(encoded).replace(/%([0-9A-F])([0-9A-F])/g, (_, a: string, b: string) => {
    return `%${hexClass(a)}${hexClass(b)}`;
  });
  return encoded === secret ? literal : [...literal, bounded(percent, encoded.length)];
}

/**
 * The base64 characters that depend on the secret's bytes alone when it starts `offset` bytes
 * into a 3-byte group: what any longer blob holding the secret at that offset contains.
 */
export function base64Core(bytes: Buffer, offset: number): string {
  const total = offset + bytes.length;
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
  const skip = [0, 2, 3][offset];
  const end = Math.floor(total / 3) * 4 + (total % 3);
  const core = encoded.slice(skip, end);
  return core.length >= MIN_SUBSTRING ? core : '';
}

function toBase64Url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function bounded(pattern: string, length: number): string {
  return length >= MIN_SUBSTRING ? pattern : `(?<![A-Za-z0-9])(?:${pattern})(?![A-Za-z0-9])`;
}

function hexClass(digit: string): string {
  return /[A-F]/.test(digit) ? `[${digit}${digit.toLowerCase()}]` : digit;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
