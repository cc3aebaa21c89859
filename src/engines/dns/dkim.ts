// DKIM as SES describes it per identity, not as we assume it: Easy DKIM's three CNAMEs point into
// the SigningHostedZone SES returns (dkim.amazonses.com only when SES does not say), Bring Your Own
// DKIM (origin EXTERNAL) is one TXT with the user's public key at the SES selector, and
// Deterministic Easy DKIM (origin AWS_SES_<REGION>) replicates a parent region's identity.
// Also the keys: the tags of a DKIM TXT record, the key in it (base64, PEM or a whole "v=DKIM1; p=…"),
// its length, and the check of a Bring Your Own DKIM TXT record. Pure functions: the records to
// publish are in records.ts, the live lookups in check.ts; the tests feed these directly.
import { createPublicKey, createPrivateKey, type KeyObject } from 'node:crypto';
import { expectList, expectObject, expectOptionalString, expectString } from '../../base/guards';

/** Used only when SES does not return SigningHostedZone (older API answers, other endpoints). */
export const DEFAULT_DKIM_ZONE = 'dkim.amazonses.com';

/** How a record compares with what DNS answers (the live check, check.ts, and the judges below). */
export type CheckStatus = 'pass' | 'missing' | 'wrong' | 'error';

export type DkimKeyLength = 'RSA_1024_BIT' | 'RSA_2048_BIT';

export type DkimMode =
  /** Easy DKIM: three CNAMEs into SES's signing zone. */
  | 'easy'
  /** Bring Your Own DKIM: a TXT with the user's public key at the selector. */
  | 'byodkim'
  /** Deterministic Easy DKIM: replicates the parent region's identity (its tokens and keys). */
  | 'deterministic';

/** What the DKIM records and checks need to know about an identity (fields of IdentityDetails). */
export interface DkimSource {
  dkimTokens: readonly string[];
  /** SigningAttributesOrigin: AWS_SES, EXTERNAL, AWS_SES_<REGION>; undefined is read as AWS_SES. */
  dkimOrigin?: string;
  /** SigningHostedZone as SES returned it. */
  dkimSigningHostedZone?: string;
}

export interface DkimOrigin {
  mode: DkimMode;
  /** Deterministic Easy DKIM: the region whose identity this one replicates, e.g. us-east-1. */
  parentRegion?: string;
}

/** Normalises a DNS name: trimmed, lower case, no trailing dot. */
export const normName = (s: string): string => s.trim().toLowerCase().replace(/\.+$/, '');

/** AWS_SES → easy; EXTERNAL → byodkim; AWS_SES_US_EAST_1 → deterministic from us-east-1. */
export function parseDkimOrigin(origin: string | undefined): DkimOrigin {
  expectOptionalString(origin, 'parseDkimOrigin', 'origin');
  const o = (origin ?? 'AWS_SES').trim().toUpperCase();
  if (o === 'EXTERNAL') return { mode: 'byodkim' };
  const m = /^AWS_SES_([A-Z]{2}(?:_[A-Z]+)+_\d+)$/.exec(o);
  if (m) return { mode: 'deterministic', parentRegion: m[1].toLowerCase().replace(/_/g, '-') };
  return { mode: 'easy' };
}

/** Extra facts a DKIM record carries, for tooltips and for the live check. */
export interface DkimRecordInfo {
  mode: DkimMode;
  /** The token (Easy DKIM) or selector (BYODKIM). */
  token: string;
  domain: string;
  /** Easy/deterministic: the zone the CNAME points into. */
  zone?: string;
  /** True when SES did not return SigningHostedZone and dkim.amazonses.com is assumed. */
  zoneAssumed?: boolean;
  parentRegion?: string;
  /** BYODKIM: the public key to compare with (base64 of the key, as in p=), when the user gave it. */
  publicKey?: string;
}

/** The BYODKIM TXT value for a public key (base64 or PEM), or a placeholder when it is unknown. */
export function byodkimTxtValue(publicKey?: string): string {
  expectOptionalString(publicKey, 'byodkimTxtValue', 'publicKey');
  return `v=DKIM1; k=rsa; p=${publicKey ? keyBase64(publicKey) : '<your public key>'}`;
}

// ---------------------------------------------------------------------------------------------
// Easy DKIM: the CNAME comparison

export type DkimCnameVerdict =
  /** The CNAME points exactly at <token>.<zone>. */
  | 'exact'
  /** It reaches <token>.<zone> through a chain of CNAMEs. */
  | 'chain'
  /** Into the right zone, but with another token: an old record, or another identity's. */
  | 'wrong-token'
  /** The right token under another SES zone (e.g. dkim.amazonses.com where SES says another). */
  | 'wrong-zone'
  /** <token>.<zone>.<domain>: the DNS provider appended the domain to a value without a trailing dot. */
  | 'appended-domain'
  /** Anything else. */
  | 'elsewhere'
  | 'missing';

export interface DkimCnameJudgement {
  status: CheckStatus;
  verdict: DkimCnameVerdict;
  message: string;
}

/**
 * Compares what DNS answered for <token>._domainkey.<domain> with the exact target.
 * `chain`: the CNAME targets hop by hop (chain[0] is the record's own target); empty: none.
 * Case and trailing dots are not significant in DNS names; everything else is.
 */
export function judgeDkimCname(
  expected: { token: string; zone: string; domain: string },
  chain: readonly string[],
): DkimCnameJudgement {
  expectObject(expected, 'judgeDkimCname', 'expected');
  expectList(chain, 'judgeDkimCname', 'chain');
  const token = normName(expected.token);
  const zone = normName(expected.zone);
  const domain = normName(expected.domain);
  const target = `${token}.${zone}`;
  const hops = chain.map(normName).filter(Boolean);
  const want = `expected CNAME ${target}`;
  if (!hops.length)
    return { status: 'missing', verdict: 'missing', message: `No CNAME at ${token}._domainkey.${domain}; ${want}.` };
  const first = hops[0];
  if (first === target) return { status: 'pass', verdict: 'exact', message: 'DKIM CNAME in place.' };
  const reached = hops.indexOf(target);
  if (reached > 0) {
    const path = [`${token}._domainkey.${domain}`, ...hops.slice(0, reached + 1)].join(' → ');
    return {
      status: 'pass',
      verdict: 'chain',
      message: `DKIM CNAME reaches ${target} through a chain (${path}). Receivers follow it; if SES's DKIM status stays pending, point the CNAME at ${target} directly.`,
    };
  }
  if (first === `${target}.${domain}`) {
    return {
      status: 'wrong',
      verdict: 'appended-domain',
      message: `The CNAME points to ${first}: the DNS provider appended ${domain} to the value. Enter it with a trailing dot (${target}.) or without the domain part; ${want}.`,
    };
  }
  const last = hops[hops.length - 1];
  const via = hops.length > 1 ? ` (via ${hops.slice(0, -1).join(' → ')})` : '';
  const underZone = (h: string): boolean => h.endsWith(`.${zone}`) && !h.slice(0, -zone.length - 1).includes('.');
  const sesHop = hops.find(underZone);
  if (sesHop) {
    return {
      status: 'wrong',
      verdict: 'wrong-token',
      message: `The CNAME points to SES with the wrong token: ${sesHop}${sesHop !== first ? via : ''} (an old record, or another identity's?); ${want}.`,
    };
  }
  const tokenHop = hops.find((h) => h.startsWith(`${token}.`) && /(^|\.)amazonses\.com$/.test(h));
  if (tokenHop) {
    return {
      status: 'wrong',
      verdict: 'wrong-zone',
      message: `The CNAME points to ${tokenHop}, the right token in another SES zone; SES signs this identity from ${zone}; ${want}.`,
    };
  }
  return { status: 'wrong', verdict: 'elsewhere', message: `The CNAME points to ${last}${via}, not to SES; ${want}.` };
}

// ---------------------------------------------------------------------------------------------
// BYODKIM: the TXT with the public key

/** Tags of a DKIM key record (RFC 6376 3.6.1): names lower-cased, values with whitespace removed. */
export function parseDkimTags(txt: string): Map<string, string> {
  expectString(txt, 'parseDkimTags', 'txt');
  const tags = new Map<string, string>();
  for (const part of txt.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    if (name && !tags.has(name)) tags.set(name, part.slice(eq + 1).replace(/\s+/g, ''));
  }
  return tags;
}

/** The base64 body of a key given as base64, as a PEM block, or as a whole "v=DKIM1; p=…" value. */
export function keyBase64(key: string): string {
  expectString(key, 'keyBase64', 'key');
  const k = key.trim();
  if (/^-----BEGIN /.test(k)) return k.replace(/-----(BEGIN|END)[^-]*-----/g, '').replace(/\s+/g, '');
  if (/(^|;)\s*p\s*=/i.test(k)) return parseDkimTags(k).get('p') ?? '';
  return k.replace(/\s+/g, '');
}

function publicKeyObject(base64: string): KeyObject | undefined {
  if (!/^[A-Za-z0-9+/]+=*$/.test(base64)) return undefined;
  const der = Buffer.from(base64, 'base64');
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      return createPublicKey({ key: der, format: 'der', type });
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}

/** An RSA public key from p= (SubjectPublicKeyInfo, or a bare RSAPublicKey): its modulus bits, or why not. */
export function rsaKeyBits(p: string): { bits: number } | { error: string } {
  expectString(p, 'rsaKeyBits', 'p');
  const base64 = keyBase64(p);
  if (!base64) return { error: 'the key (p=) is empty, which means the key is revoked' };
  const key = publicKeyObject(base64);
  if (!key) return { error: 'the key (p=) is not a base64 RSA public key' };
  if (key.asymmetricKeyType !== 'rsa')
    return { error: `the key is ${key.asymmetricKeyType ?? 'not RSA'}; SES signs with RSA` };
  return { bits: key.asymmetricKeyDetails?.modulusLength ?? 0 };
}

function sameKey(a: string, b: string): boolean {
  const ka = publicKeyObject(keyBase64(a));
  const kb = publicKeyObject(keyBase64(b));
  if (ka && kb) return ka.export({ format: 'der', type: 'spki' }).equals(kb.export({ format: 'der', type: 'spki' }));
  return keyBase64(a) === keyBase64(b);
}

export interface DkimTxtJudgement {
  status: CheckStatus;
  message: string;
  /** The published key's modulus bits, when a key could be read. */
  keyBits?: number;
}

/**
 * Judges the TXT records found at <selector>._domainkey.<domain> for Bring Your Own DKIM.
 * With `publicKey` the published key must be that key; without, a readable DKIM1 RSA key must be there.
 */
export function judgeDkimTxt(
  expected: { selector: string; domain: string; publicKey?: string },
  found: readonly string[],
): DkimTxtJudgement {
  expectObject(expected, 'judgeDkimTxt', 'expected');
  expectList(found, 'judgeDkimTxt', 'found');
  const where = `${normName(expected.selector)}._domainkey.${normName(expected.domain)}`;
  const want = expected.publicKey
    ? `expected TXT ${byodkimTxtValue(expected.publicKey)}`
    : 'expected TXT v=DKIM1; k=rsa; p=<your public key>';
  const keys = found.filter((t) => /(^|;)\s*p\s*=/i.test(t) || /^\s*v\s*=\s*DKIM1\b/i.test(t));
  if (!keys.length)
    return {
      status: found.length ? 'wrong' : 'missing',
      message: found.length
        ? `The TXT at ${where} is not a DKIM key ("${found[0].slice(0, 60)}"); ${want}.`
        : `No DKIM key at ${where}; ${want}.`,
    };
  if (keys.length > 1)
    return {
      status: 'wrong',
      message: `${keys.length} DKIM key records at ${where}; receivers cannot tell which to use. Keep one; ${want}.`,
    };
  const tags = parseDkimTags(keys[0]);
  const v = tags.get('v');
  if (v !== undefined && v.toUpperCase() !== 'DKIM1')
    return { status: 'wrong', message: `The record at ${where} has v=${v}; it must be v=DKIM1.` };
  const k = tags.get('k') ?? 'rsa';
  if (k.toLowerCase() !== 'rsa')
    return { status: 'wrong', message: `The record at ${where} has k=${k}; SES signs with RSA (k=rsa).` };
  const p = tags.get('p');
  if (p === undefined) return { status: 'wrong', message: `The record at ${where} has no key (p=); ${want}.` };
  const bits = rsaKeyBits(p);
  if ('error' in bits) return { status: 'wrong', message: `At ${where}: ${bits.error}; ${want}.` };
  if (expected.publicKey) {
    if (!sameKey(p, expected.publicKey))
      return {
        status: 'wrong',
        message: `The ${bits.bits}-bit key published at ${where} is not the public key given (another key pair, or an old one?); ${want}.`,
        keyBits: bits.bits,
      };
    return { status: 'pass', message: `The public key is published (${bits.bits}-bit RSA).`, keyBits: bits.bits };
  }
  if (bits.bits < 1024)
    return {
      status: 'wrong',
      message: `A DKIM1 key is published but it is ${bits.bits}-bit; SES needs a 1024 or 2048-bit RSA key.`,
      keyBits: bits.bits,
    };
  return {
    status: 'pass',
    message: `A DKIM1 key is published (${bits.bits}-bit RSA); give the public key to compare it exactly.`,
    keyBits: bits.bits,
  };
}

/** The public key (base64 SubjectPublicKeyInfo, as in p=) of a private key given as base64 DER or PEM. */
export function publicKeyOfPrivate(privateKey: string): string {
  expectString(privateKey, 'publicKeyOfPrivate', 'privateKey');
  const k = privateKey.trim();
  let key: KeyObject | undefined;
  if (/^-----BEGIN /.test(k)) key = createPrivateKey(k);
  else {
    const der = Buffer.from(k.replace(/\s+/g, ''), 'base64');
    for (const type of ['pkcs8', 'pkcs1'] as const) {
      try {
        key = createPrivateKey({ key: der, format: 'der', type });
        break;
      } catch {
        // try the next encoding
      }
    }
  }
  if (!key || key.asymmetricKeyType !== 'rsa')
    throw new Error('The private key is not an RSA key in base64 (PKCS#8 or PKCS#1) or PEM form.');
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64');
}
