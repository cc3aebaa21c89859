// Amazon SES SMTP passwords: derivation (version 4, region specific), classification of a string a
// user pasted as a password, and finding the region a password was made for.
import { createHmac } from 'node:crypto';
import { REGION_SYNTAX, SES_REGIONS } from './regions';
import { expectOptionalString, expectString, expectStringList } from './guards';

const DATE = '11111111';
const SERVICE = 'ses';
const TERMINAL = 'aws4_request';
const MESSAGE = 'SendRawEmail';
const VERSION_4 = 0x04;
const VERSION_2 = 0x02;

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** The version 4 SMTP password for a secret access key in one region (AWS's documented algorithm). */
export function deriveSmtpPassword(secretAccessKey: string, region: string): string {
  expectString(secretAccessKey, 'deriveSmtpPassword', 'secretAccessKey');
  expectString(region, 'deriveSmtpPassword', 'region');
  const problem = secretKeyProblem(secretAccessKey);
  if (problem) throw new Error(`${problem} Nothing was derived.`);
  if (!region) throw new Error('The region is empty: v4 SMTP passwords are region specific.');
  if (!REGION_SYNTAX.test(region))
    throw new Error(
      `"${region.slice(0, 40)}" is not an AWS region (such as eu-west-1): v4 SMTP passwords are region specific. ` +
        'Give the region the SMTP endpoint is in.',
    );
  let signature = hmac(`AWS4${secretAccessKey}`, DATE);
  signature = hmac(signature, region);
  signature = hmac(signature, SERVICE);
  signature = hmac(signature, TERMINAL);
  signature = hmac(signature, MESSAGE);
  return Buffer.concat([Buffer.from([VERSION_4]), signature]).toString('base64');
}

/**
 * What is wrong with a string given as an IAM secret access key, or undefined. Only what no key has
 * is refused (a key is 40 characters of A-Z, a-z, 0-9, + and /; others are let through for
 * callers that know better): emptiness, white space (copy-paste), control characters such as NUL.
 */
export function secretKeyProblem(secretAccessKey: string): string | undefined {
  expectString(secretAccessKey, 'secretKeyProblem', 'secretAccessKey');
  if (!secretAccessKey) return 'The secret access key is empty.';
  if (secretAccessKey.trim() !== secretAccessKey)
    return 'The secret access key has a space or a line break before or after it (copy-paste?); remove it.';
  if (/\s/.test(secretAccessKey)) return 'The secret access key has a space or a line break inside it; remove it.';
  const control = [...secretAccessKey].findIndex((c) => c < ' ' || c === '\u007f');
  if (control >= 0)
    return secretAccessKey[control] === '\0'
      ? 'The secret access key contains NUL characters; copy the key again from the IAM console or its CSV.'
      : 'The secret access key contains control characters; copy the key again from the IAM console or its CSV.';
  return undefined;
}

/** The legacy version 2 password (not region specific); used only to recognise old passwords. */
export function deriveLegacySmtpPasswordV2(secretAccessKey: string): string {
  expectString(secretAccessKey, 'deriveLegacySmtpPasswordV2', 'secretAccessKey');
  const signature = createHmac('sha256', secretAccessKey).update(MESSAGE, 'utf8').digest();
  return Buffer.concat([Buffer.from([VERSION_2]), signature]).toString('base64');
}

export type PasswordKind = 'v4' | 'v2' | 'iam-secret' | 'malformed' | 'empty';

export type PasswordProblem =
  'whitespace-outside' | 'whitespace-inside' | 'quoted' | 'url-encoded' | 'wrong-length' | 'bad-characters';

export interface PasswordClassification {
  kind: PasswordKind;
  /** What is wrong with the string as typed; empty for a clean v4 password. */
  problems: PasswordProblem[];
  /** The value after undoing the problems we can undo safely (trim, unquote, URL-decode). */
  cleaned: string;
  /** The kind of the cleaned value, when cleaning changed it. */
  cleanedKind?: PasswordKind;
  /** One sentence for the user. Never contains the password. */
  summary: string;
}

const BASE64_44 = /^[A-Za-z0-9+/]{43}=?$|^[A-Za-z0-9+/]{44}$/;
const IAM_SECRET = /^[A-Za-z0-9+/]{40}$/;

function kindOf(value: string): PasswordKind {
  if (value.length === 0) return 'empty';
  if (value.length === 44 && BASE64_44.test(value)) {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === 33 && bytes[0] === VERSION_4) return 'v4';
    if (bytes.length === 33 && bytes[0] === VERSION_2) return 'v2';
    return 'malformed';
  }
  if (IAM_SECRET.test(value)) return 'iam-secret';
  return 'malformed';
}

const SUMMARY: Record<PasswordKind, string> = {
  v4: 'Looks like an SES SMTP password (version 4, 44 characters).',
  v2: 'This is a legacy version 2 SMTP password. SES stopped accepting them; derive a version 4 password for your region from the IAM secret key.',
  'iam-secret':
    'This looks like an IAM secret access key (40 characters), not an SMTP password. SES wants the 44-character password derived from it for one region: use "Generate SMTP Password from IAM Secret Key".',
  malformed: 'This does not look like an SES SMTP password (44 characters starting with "B").',
  empty: 'The password is empty.',
};

/** Strips what copy-paste and .env quoting wrap around a value, noting each as a problem. */
function unwrapPasted(input: string, problems: { push(p: 'whitespace-outside' | 'quoted'): number }): string {
  let value = input;
  if (value !== value.trim()) {
    problems.push('whitespace-outside');
    value = value.trim();
  }
  const quoted = /^(["'`])(.*)\1$/s.exec(value);
  if (quoted && value.length >= 2) {
    problems.push('quoted');
    value = quoted[2].trim();
  }
  return value;
}

/** Tells what a pasted password is, and what is wrong with how it was pasted. */
export function classifySmtpPassword(input: string): PasswordClassification {
  expectOptionalString(input, 'classifySmtpPassword', 'input');
  const problems: PasswordProblem[] = [];
  let value = unwrapPasted(input ?? '', problems);
  if (/%(2B|2F|3D|20)/i.test(value)) {
    try {
      const decoded = decodeURIComponent(value);
      problems.push('url-encoded');
      value = decoded;
    } catch {
      // not valid percent-encoding: leave it, the length rule will speak
    }
  }
  if (/\s/.test(value)) {
    problems.push('whitespace-inside');
    value = value.replace(/\s+/g, '');
  }
  const rawKind = kindOf(input ?? '');
  const cleanedKind = kindOf(value);
  if (cleanedKind === 'malformed') {
    if (/[^A-Za-z0-9+/=]/.test(value)) problems.push('bad-characters');
    if (value.length !== 44) problems.push('wrong-length');
  }
  // The string as typed is only usable when it matches exactly; cleanedKind says what it would be.
  const kind = rawKind;

  const parts: string[] = [];
  if (problems.includes('whitespace-outside')) parts.push('it has spaces or a line break before or after it');
  if (problems.includes('whitespace-inside')) parts.push('it has spaces or line breaks inside it');
  if (problems.includes('quoted')) parts.push('it is wrapped in quotes that became part of the value');
  if (problems.includes('url-encoded'))
    parts.push('it is URL-encoded (%2B, %2F or %3D) where the raw value is expected');
  if (problems.includes('bad-characters'))
    parts.push('it holds characters no SMTP password has (only A-Z, a-z, 0-9, +, / and =)');
  if (problems.includes('wrong-length')) parts.push(`it is ${value.length} characters long; SES SMTP passwords are 44`);

  let summary: string;
  if (parts.length === 0) summary = SUMMARY[kind];
  else {
    summary = `Problem: ${parts.join('; ')}.`;
    if (cleanedKind !== 'malformed' && cleanedKind !== 'empty' && cleanedKind !== kind)
      summary += ` Cleaned up, ${SUMMARY[cleanedKind].charAt(0).toLowerCase()}${SUMMARY[cleanedKind].slice(1)}`;
  }
  return { kind, problems, cleaned: value, cleanedKind: value !== input ? cleanedKind : undefined, summary };
}

export type RegionMatch = { kind: 'region'; region: string } | { kind: 'v2' } | { kind: 'none' };

/** Given the secret and a password, finds the region the password was derived for. */
export function findPasswordRegion(
  secretAccessKey: string,
  password: string,
  regions: readonly string[] = SES_REGIONS.map((r) => r.id),
): RegionMatch {
  expectString(secretAccessKey, 'findPasswordRegion', 'secretAccessKey');
  expectString(password, 'findPasswordRegion', 'password');
  if (regions !== undefined) expectStringList(regions, 'findPasswordRegion', 'regions');
  const wanted = password.trim();
  for (const region of regions) {
    if (deriveSmtpPassword(secretAccessKey, region) === wanted) return { kind: 'region', region };
  }
  if (deriveLegacySmtpPasswordV2(secretAccessKey) === wanted) return { kind: 'v2' };
  return { kind: 'none' };
}

export type UsernameKind = 'access-key' | 'temporary-key' | 'email' | 'iam-user-name' | 'malformed' | 'empty';

export interface UsernameClassification {
  kind: UsernameKind;
  problems: Array<'whitespace-outside' | 'quoted' | 'lowercase'>;
  cleaned: string;
  summary: string;
}

/**
 * The username of a Mail Manager ingress point's password login: "inp-" and the ingress point's id
 * (as its console shows it). It belongs to …mail-manager-smtp.amazonaws.com, never to email-smtp hosts.
 */
export function isMailManagerUsername(input: unknown): boolean {
  return typeof input === 'string' && /^inp-[a-z0-9]{10,40}$/i.test(input.trim());
}

/** Tells what a pasted SMTP username is. SES wants the IAM access key id (AKIA…), nothing else. */
export function classifySmtpUsername(input: string): UsernameClassification {
  expectOptionalString(input, 'classifySmtpUsername', 'input');
  const problems: UsernameClassification['problems'] = [];
  const value = unwrapPasted(input ?? '', problems);
  let kind: UsernameKind;
  let summary: string;
  if (!value) {
    kind = 'empty';
    summary =
      'The username is empty. The SES SMTP username is the IAM access key id (20 characters starting with AKIA).';
  } else if (/^AKIA[A-Z0-9]{16}$/i.test(value)) {
    kind = 'access-key';
    if (value !== value.toUpperCase()) problems.push('lowercase');
    summary = 'Looks like an IAM access key id, which is the SES SMTP username.';
  } else if (/^ASIA[A-Z0-9]{16}$/i.test(value)) {
    kind = 'temporary-key';
    summary =
      'This is a temporary access key (ASIA…, from SSO, an assumed role or a session token). SES SMTP accepts only long-term IAM user keys (AKIA…).';
  } else if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    kind = 'email';
    summary = 'This is an email address. The SES SMTP username is not your address but the IAM access key id (AKIA…).';
  } else if (/^[\w+=,.@-]{1,64}$/.test(value)) {
    kind = 'iam-user-name';
    summary =
      "This looks like an IAM user name. The SES SMTP username is that user's access key id (AKIA…), not its name.";
  } else {
    kind = 'malformed';
    summary = 'This is not an IAM access key id. The SES SMTP username is 20 characters starting with AKIA.';
  }
  if (problems.includes('whitespace-outside')) summary += ' It also has spaces or a line break around it.';
  if (problems.includes('quoted')) summary += ' It also carries quotes that became part of the value.';
  return { kind, problems, cleaned: value, summary };
}
