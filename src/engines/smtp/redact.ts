// The one masking function for everything a person can read or copy: SMTP transcripts, server
// replies and errors, the log, the Doctor's report and its Markdown, the send history. A secret is
// masked in every encoding the project itself produces or reads:
// - raw, and as written inside quotes: backslash-escaped for "…" (also with \$) and '…', JSON-escaped
//   (also with \/ and escaped twice, a JSON string inside a JSON string);
// - URL-encoded, each character raw or %XX in either case: encodeURIComponent, the stricter form
//   the extension writes into SMTP_URL ('%27' for a quote), form encoding (+ for a space);
// - base64 and base64url, alone (padded or not), as an AUTH PLAIN blob, or anywhere inside a longer
//   blob: there its base64 depends on where it starts (byte offset 0, 1 or 2 mod 3), so each of
//   the three encodings is masked;
// - for a secret shaped like an IAM secret access key (40 characters), the SMTP passwords derived
//   from it (version 4 for every region of the table, and the legacy version 2), in all the forms above.

import { describeType, SmtpInputError } from './input';
import { deriveLegacySmtpPasswordV2, deriveSmtpPassword } from '../../base/password';
import { SES_REGIONS } from '../../base/regions';
import { expectList, expectNumber, expectObject, expectString } from '../../base/guards';

export const MASK = '********';

/**
 * Forms shorter than this are masked only where they stand alone (not between letters or digits):
 * a 2-character password masked everywhere would blank out every word that contains it.
 */
const MIN_SUBSTRING = 4;

const IAM_SECRET_SHAPE = /^[A-Za-z0-9+/]{40}$/;

/** Replaces every form of a secret a text could carry. Secrets of any length are masked. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>, username = ''): string {
  return makeRedactor(secrets, username)(String(text ?? ''));
}

/** A masking function for these secrets, built once (the patterns are the costly part). */
export function makeRedactor(secrets: ReadonlyArray<string | undefined>, username = ''): (text: string) => string {
  if (!Array.isArray(secrets))
    throw new SmtpInputError('secrets', `secrets must be a list of strings, not ${describeType(secrets)}.`);
  return makeLabelledRedactor(
    secrets.flatMap((value) => (typeof value === 'string' && value ? [{ value, label: MASK }] : [])),
    username,
  );
}

/**
 * The same masking, each secret replaced by its own label (the rotation preview shows ‹old
 * password› and ‹new password›). A secret listed twice keeps its first label.
 */
export function makeLabelledRedactor(
  secrets: ReadonlyArray<{ value: string; label: string }>,
  username = '',
): (text: string) => string {
  if (!Array.isArray(secrets))
    throw new SmtpInputError('secrets', `secrets must be a list of {value, label}, not ${describeType(secrets)}.`);
  const user = typeof username === 'string' ? username : '';
  const patterns = new Map<string, { weight: number; label: string }>();
  for (const secret of secrets) {
    if (typeof secret !== 'object' || secret === null || typeof secret.value !== 'string' || !secret.value) continue;
    const label = typeof secret.label === 'string' ? secret.label : MASK;
    for (const value of expandSecrets([secret.value])) {
      for (const p of secretPatterns(value, user)) {
        const seen = patterns.get(p.pattern);
        if (!seen) patterns.set(p.pattern, { weight: p.weight, label });
        else seen.weight = Math.max(seen.weight, p.weight);
      }
    }
  }
  if (patterns.size === 0) return (text) => String(text ?? '');
  // Longest first, so a whole blob is masked rather than the secret inside it. Each pattern is one
  // capture group (they hold no groups of their own), so the match tells whose label to write.
  const ordered = [...patterns].sort((a, b) => b[1].weight - a[1].weight);
  const labels = ordered.map(([, v]) => v.label);
  const pattern = new RegExp(ordered.map(([p]) => `(${p})`).join('|'), 'g');
  const oneLabel = new Set(labels).size === 1;
  return (text) =>
    String(text ?? '').replace(pattern, (...match: unknown[]) => {
      if (oneLabel) return labels[0];
      const group = match.slice(1, labels.length + 1).findIndex((g) => g !== undefined);
      return labels[group] ?? MASK;
    });
}

/** The secrets to mask: the given ones, and the SMTP passwords derived from any IAM secret key among them. */
export function expandSecrets(secrets: ReadonlyArray<string | undefined>): string[] {
  expectList(secrets, 'expandSecrets', 'secrets');
  const out = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length === 0) continue;
    out.add(secret);
    const trimmed = secret.trim();
    if (trimmed && trimmed !== secret) out.add(trimmed);
    if (IAM_SECRET_SHAPE.test(trimmed)) {
      for (const region of SES_REGIONS) out.add(deriveSmtpPassword(trimmed, region.id));
      out.add(deriveLegacySmtpPasswordV2(trimmed));
    }
  }
  return [...out];
}

/** A client line sent while authenticating: everything after the AUTH verb is credentials. */
export function maskAuthLine(text: string): string {
  const verb = /^AUTH\s+\S+/i.exec(text);
  return verb ? `${verb[0]} ${MASK}` : MASK;
}

/** How a secret is written inside quotes or a JSON string (before any URL encoding). */
export function textForms(secret: string): string[] {
  expectString(secret, 'textForms', 'secret');
  const json = JSON.stringify(secret).slice(1, -1);
  const doubleQuoted = secret.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return [
    secret,
    doubleQuoted,
    doubleQuoted.replace(/\$/g, '\\$'),
    secret.replace(/\\/g, '\\\\').replace(/'/g, "\\'"),
    json,
    json.replace(/\//g, '\\/'),
    JSON.stringify(json).slice(1, -1),
  ];
}

function secretPatterns(secret: string, username: string): Array<{ pattern: string; weight: number }> {
  const out: Array<{ pattern: string; weight: number }> = [];
  for (const form of new Set(textForms(secret))) {
    out.push({ pattern: bounded(urlPattern(form), form.length), weight: form.length });
  }
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = [
    bytes.toString('base64'),
    bytes.toString('base64').replace(/=+$/, ''),
    Buffer.from(`\0${username}\0${secret}`, 'utf8').toString('base64'),
    Buffer.from(`${username}\0${username}\0${secret}`, 'utf8').toString('base64'),
    ...[0, 1, 2].map((offset) => base64Core(bytes, offset)),
  ].filter(Boolean);
  for (const form of new Set([...base64, ...base64.map(toBase64Url)])) {
    // Weighted past the text forms of the same length: a blob is masked whole.
    out.push({ pattern: bounded(escapeRegExp(form), form.length), weight: form.length + 0.5 });
  }
  return out;
}

/**
 * A pattern for a text as it may appear URL-encoded: letters and digits as they are, every other
 * character raw or as its UTF-8 bytes in %XX (hex in either case); a space also as '+'.
 */
function urlPattern(text: string): string {
  let out = '';
  for (const char of text) {
    if (/[A-Za-z0-9]/.test(char)) {
      out += char;
      continue;
    }
    const percent = [...Buffer.from(char, 'utf8')]
      .map((byte) => {
        const hex = byte.toString(16).toUpperCase().padStart(2, '0');
        return `%${hexClass(hex[0])}${hexClass(hex[1])}`;
      })
      .join('');
    const alternatives = [escapeRegExp(char), percent];
    if (char === ' ') alternatives.push('\\+');
    out += `(?:${alternatives.join('|')})`;
  }
  return out;
}

/**
 * The base64 characters that depend on the secret's bytes alone when it starts `offset` bytes
 * into a 3-byte group: what any longer blob holding the secret at that offset contains.
 */
export function base64Core(bytes: Buffer, offset: number): string {
  expectObject(bytes, 'base64Core', 'bytes');
  expectNumber(offset, 'base64Core', 'offset');
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
