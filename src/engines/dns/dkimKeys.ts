// DKIM keys: the tags of a DKIM TXT record, the key in it (base64, PEM or a whole "v=DKIM1; p=…"),
// its length, and the check of a Bring Your Own DKIM TXT record. Pure; no DNS here.
import { createPublicKey, createPrivateKey, type KeyObject } from 'node:crypto';
import type { CheckStatus } from './records';
import { byodkimTxtValue, normName } from './dkim';
import { expectList, expectObject, expectString } from '../../base/guards';

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
