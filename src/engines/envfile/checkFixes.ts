// Two .env checks with fixes computed locally (issue #19): the SMTP password derived from an IAM
// secret key that was pasted in its place, and a port whose TLS mode the file's TLS setting
// contradicts. Nothing here leaves the machine, and no message repeats a secret.
import { own, type EnvAssignment, type ParsedEnv } from './parse';
import { encodeUrlPart, keyOf, parseSmtpUrl, type SmtpBlock } from './conventions';
import {
  IMPLICIT_TLS_PORTS,
  parseSesHost,
  regionFromHost,
  STARTTLS_PORTS as SES_STARTTLS_PORTS,
  validateRegion,
} from '../../base/regions';
import { deriveSmtpPassword } from '../../base/password';
import { expectObject, expectOptionalBoolean, expectOptionalObject, expectString } from '../../base/guards';

/** Regions are a few dozen characters at most; longer text is never fuzzy-matched (edit distance is quadratic). */
export const MAX_REGION_LENGTH = 40;

/** The region a block's SMTP host (or its region key) names, when it is a known or valid SES region. */
export function blockRegion(block: SmtpBlock): string | undefined {
  expectObject(block, 'blockRegion', 'block');
  const region = block.region?.trim() || (block.host ? regionFromHost(block.host)?.region : undefined);
  if (!region || region.length > MAX_REGION_LENGTH) return undefined;
  const check = validateRegion(region);
  return check.ok ? check.region : undefined;
}

/** The fix for an IAM secret key used as the password: the v4 password derived for the block's region. */
export function derivedPasswordFix(
  block: SmtpBlock,
  secret: string,
  viaUrl: boolean,
): { fixValue: string; fixTitle: string } | undefined {
  expectObject(block, 'derivedPasswordFix', 'block');
  expectString(secret, 'derivedPasswordFix', 'secret');
  expectOptionalBoolean(viaUrl, 'derivedPasswordFix', 'viaUrl');
  // A Mail Manager ingress endpoint takes its own password, never one derived from an IAM key.
  if (block.host && parseSesHost(block.host)?.kind === 'mail-manager') return undefined;
  const region = blockRegion(block);
  if (!region) return undefined;
  const password = deriveSmtpPassword(secret, region);
  const fixTitle = `Replace with the SMTP password derived for ${region}`;
  if (!viaUrl) return { fixValue: password, fixTitle };
  const u = parseSmtpUrl(block.url ?? '');
  if (!u) return undefined;
  const port = u.port ? `:${u.port}` : '';
  return { fixValue: `${u.scheme}://${encodeUrlPart(u.user)}:${encodeUrlPart(password)}@${u.host}${port}`, fixTitle };
}

const IMPLICIT_PORTS = new Set(IMPLICIT_TLS_PORTS);
const STARTTLS_PORTS = new Set(SES_STARTTLS_PORTS);
const TRUE = /^(true|1|yes|on)$/i;

export interface TlsMismatch {
  /** Where the finding points: the port (or the URL). */
  at: EnvAssignment;
  message: string;
  fixKey: string;
  fixValue: string;
  fixTitle: string;
}

/** A port that expects implicit TLS with a file that says STARTTLS, or the other way round. */
export function tlsMismatch(
  parsed: ParsedEnv,
  block: SmtpBlock,
  portA: EnvAssignment | undefined,
): TlsMismatch | undefined {
  expectObject(parsed, 'tlsMismatch', 'parsed');
  expectObject(block, 'tlsMismatch', 'block');
  expectOptionalObject(portA, 'tlsMismatch', 'portA');
  const port = block.port;
  if (port === undefined || !portA) return undefined;
  const c = block.convention;
  // What the file says, in the convention's own terms, and what would fix it.
  let implicit: boolean;
  let setting: string;
  let fix: (wantImplicit: boolean) => { key: string; value: string; label?: string };
  const urlKey = keyOf(c, 'url');
  const secureKey = keyOf(c, 'secure');
  const encryptionKey = keyOf(c, 'encryption');
  if (urlKey && block.url !== undefined) {
    const u = parseSmtpUrl(block.url);
    if (!u) return undefined;
    implicit = u.scheme === 'smtps';
    setting = `the URL starts with ${u.scheme}://`;
    fix = (want) => ({
      key: urlKey,
      value: block.url!.trim().replace(/^smtps?:/i, want ? 'smtps:' : 'smtp:'),
      // The URL holds the password: say only its scheme.
      label: `start ${urlKey} with ${want ? 'smtps' : 'smtp'}://`,
    });
  } else if (c.id === 'django') {
    // Django: EMAIL_USE_TLS is STARTTLS; implicit TLS is EMAIL_USE_SSL.
    implicit = TRUE.test(own(parsed.values, 'EMAIL_USE_SSL')?.trim() ?? '');
    setting = implicit ? 'EMAIL_USE_SSL is True' : 'EMAIL_USE_SSL is not True';
    fix = (want) => ({ key: 'EMAIL_USE_SSL', value: want ? 'True' : 'False' });
  } else if (encryptionKey) {
    implicit = own(parsed.values, encryptionKey)?.trim().toLowerCase() === 'ssl';
    setting = implicit ? `${encryptionKey} is ssl` : `${encryptionKey} is not ssl`;
    fix = (want) => ({ key: encryptionKey, value: want ? 'ssl' : 'tls' });
  } else if (secureKey) {
    implicit = block.implicitTls ?? false;
    setting = implicit ? `${secureKey} is true` : `${secureKey} is not true`;
    fix = (want) => ({ key: secureKey, value: want ? 'true' : 'false' });
  } else return undefined; // the convention has no TLS setting (Rails, Spring)

  const wantImplicit = IMPLICIT_PORTS.has(port) ? true : STARTTLS_PORTS.has(port) ? false : undefined;
  if (wantImplicit === undefined || wantImplicit === implicit) return undefined;
  const f = fix(wantImplicit);
  const todo = f.label ?? `set ${f.key}=${f.value}`;
  const message = wantImplicit
    ? `Port ${port} expects TLS from the first byte (implicit TLS), but ${setting}, so the client waits for a ` +
      'plain-text greeting and STARTTLS: the connection hangs or times out. ' +
      `${todo[0].toUpperCase()}${todo.slice(1)}, or use port 587.`
    : `Port ${port} starts in plain text and upgrades with STARTTLS, but ${setting}, so the client starts TLS at ` +
      'once: the connection fails with a TLS error such as "wrong version number". ' +
      `${todo[0].toUpperCase()}${todo.slice(1)}, or use port 465.`;
  return { at: portA, message, fixKey: f.key, fixValue: f.value, fixTitle: `${todo[0].toUpperCase()}${todo.slice(1)}` };
}
