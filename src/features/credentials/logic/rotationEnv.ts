// The .env side of a rotation: every SMTP block of a file whose username is the old key gets the
// new username and password (a URL block a new URL), written by the .env editor in the file's own
// quoting and dialect and read back; and the one combined preview the user confirms, a unified
// diff in which every password is masked.
import { parseEnv } from '../../../engines/envfile/parse';
import { findSmtpBlocks, keyOf, smtpUrl, parseSmtpUrl, type EnvConvention } from '../../../engines/envfile/conventions';
import { setEnvKeys } from '../../../engines/envfile/edit';
import { dialectFor, type DialectSetting } from '../../../engines/envfile/dialects';
import { regionFromHost } from '../../../base/regions';
import { makeLabelledRedactor } from '../../../engines/smtp/redact';
import { expectList, expectObject, expectString } from '../../../base/guards';

export interface EnvRotation {
  /** The new text, or undefined when no SMTP block of the file holds the old username. */
  after?: string;
  /** Blocks rewritten (their convention ids). */
  conventions: string[];
  /** The old username also appears outside the SMTP blocks (left alone; the summary says so). */
  strayMentions: boolean;
  /** Blocks of another region left alone (no password for that region at hand). */
  otherRegions: string[];
}

/** The set's region and, while the new secret is at hand, the new key's password for any region. */
export interface EnvRegions {
  set: string;
  passwordFor?: (region: string) => string;
}

/** The region a block's password must be made for: its region key, else its host's. */
function blockRegion(block: { region?: string; host?: string }): string | undefined {
  return block.region?.trim() || (block.host ? regionFromHost(block.host)?.region : undefined);
}

/** Rewrites the SMTP blocks of `text` that use `oldUser`; throws EnvWriteRefused when a write would not read back. */
export function rotateEnvText(
  text: string,
  oldUser: string,
  newUser: string,
  newPassword: string,
  extra: readonly EnvConvention[] = [],
  dialectSetting: DialectSetting = 'auto',
  regions?: EnvRegions,
): EnvRotation {
  const parsed = parseEnv(text);
  const found = findSmtpBlocks(parsed, extra).filter((b) => b.user === oldUser);
  const updates: Record<string, string> = {};
  const otherRegions: string[] = [];
  let convention: string | undefined;
  const blocks = found.filter((block) => {
    const region = blockRegion(block);
    if (!regions || !region || region === regions.set || regions.passwordFor) return true;
    otherRegions.push(region);
    return false;
  });
  for (const block of blocks) {
    const region = blockRegion(block);
    const password =
      regions?.passwordFor && region && region !== regions.set ? regions.passwordFor(region) : newPassword;
    const c = block.convention;
    convention ??= c.id;
    const urlKey = keyOf(c, 'url');
    const url = block.url !== undefined ? parseSmtpUrl(block.url) : undefined;
    if (urlKey && url) {
      const implicitTls = url.scheme === 'smtps';
      updates[urlKey] = smtpUrl({
        host: url.host,
        port: url.port ?? (implicitTls ? 465 : 587),
        user: newUser,
        password,
        implicitTls,
      });
      continue;
    }
    const userKey = keyOf(c, 'user');
    const passwordKey = keyOf(c, 'password');
    if (userKey) updates[userKey] = newUser;
    if (passwordKey) updates[passwordKey] = password;
  }
  const handled = new Set(Object.keys(updates));
  const strayMentions = parsed.assignments.some((a) => !handled.has(a.key) && a.value.includes(oldUser));
  if (!blocks.length) return { conventions: [], strayMentions, otherRegions };
  const after = setEnvKeys(text, updates, { dialect: dialectFor(convention, dialectSetting) });
  return {
    after: after === text ? undefined : after,
    conventions: blocks.map((b) => b.convention.id),
    strayMentions,
    otherRegions,
  };
}

const MASK = '••••••••';
const OLD_LABEL = '‹old password›';
const NEW_LABEL = '‹new password›';

/** The set's old and new password, shown by name in the preview; any other password is a plain mask. */
export interface PreviewSecrets {
  old?: string;
  new?: string;
}

/**
 * The text with each secret replaced by its label, or by a plain mask: the project's one masking
 * (smtp/redact.ts), so every spelling a .env file may hold (raw, quoted, URL- or JSON-encoded,
 * base64) is covered.
 */
export function maskSecrets(text: string, secrets: ReadonlyArray<string | { value: string; label: string }>): string {
  expectString(text, 'maskSecrets', 'text');
  if (!Array.isArray(secrets)) throw new Error('maskSecrets: secrets must be a list of texts or {value, label}.');
  return makeLabelledRedactor(secrets.map((s) => (typeof s === 'string' ? { value: s, label: MASK } : s)))(text);
}

/** The passwords of every SMTP block of a file (masked in the preview whoever they belong to). */
function passwordsIn(text: string): string[] {
  try {
    return findSmtpBlocks(parseEnv(text)).flatMap((b) => (b.password ? [b.password] : []));
  } catch {
    return [];
  }
}

/** Line diff (longest common subsequence); .env files are small. */
function diffLines(a: string[], b: string[]): Array<{ op: ' ' | '-' | '+'; line: string }> {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: Array<{ op: ' ' | '-' | '+'; line: string }> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: ' ', line: a[i++] });
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) out.push({ op: '-', line: a[i++] });
    else out.push({ op: '+', line: b[j++] });
  }
  return out;
}

/** A unified diff of one file (one line of context), secrets masked on both sides. */
export function maskedFileDiff(file: string, before: string, after: string, secrets: PreviewSecrets): string {
  expectString(file, 'maskedFileDiff', 'file');
  expectString(before, 'maskedFileDiff', 'before');
  expectString(after, 'maskedFileDiff', 'after');
  expectObject(secrets, 'maskedFileDiff', 'secrets');
  const labelled = [
    ...(secrets.old ? [{ value: secrets.old, label: OLD_LABEL }] : []),
    ...(secrets.new ? [{ value: secrets.new, label: NEW_LABEL }] : []),
  ];
  const all = [...labelled, ...passwordsIn(before), ...passwordsIn(after)];
  const split = (t: string): string[] => {
    const lines = maskSecrets(t, all).split(/\r\n|\r|\n/);
    return lines.length > 1 && lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
  };
  const lines = diffLines(split(before), split(after));
  const keep = lines.map((l, k) => l.op !== ' ' || lines[k - 1]?.op !== ' ' || lines[k + 1]?.op !== ' ');
  const body: string[] = [];
  lines.forEach((l, k) => {
    if (keep[k]) body.push(`${l.op}${l.line}`);
    else if (keep[k - 1]) body.push('@@ … @@');
  });
  return [`--- ${file}`, `+++ ${file} (after the rotation)`, ...body].join('\n');
}

/** The combined preview of every file, with a header that says what the masks stand for. */
export function combinedPreview(
  changes: ReadonlyArray<{ file: string; before: string; after: string }>,
  secrets: PreviewSecrets,
): string {
  expectList(changes, 'combinedPreview', 'changes');
  expectObject(secrets, 'combinedPreview', 'secrets');
  const head = [
    `# ${changes.length} .env file${changes.length === 1 ? '' : 's'} will get the new SMTP username and password.`,
    `# Passwords are masked (${OLD_LABEL}, ${NEW_LABEL}, ${MASK} for others); the files get the real ones.`,
    '',
  ];
  return [...head, ...changes.map((c) => maskedFileDiff(c.file, c.before, c.after, secrets))].join('\n') + '\n';
}
