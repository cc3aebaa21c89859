// DKIM as SES describes it per identity, not as we assume it: Easy DKIM's three CNAMEs point into
// the SigningHostedZone SES returns (dkim.amazonses.com only when SES does not say), Bring Your Own
// DKIM (origin EXTERNAL) is one TXT with the user's public key at the SES selector, and
// Deterministic Easy DKIM (origin AWS_SES_<REGION>) replicates a parent region's identity.
// Pure functions: the live lookups are in records.ts; the tests feed these directly.
import type { DnsRecord, CheckStatus } from './records';
import { keyBase64 } from './dkimKeys';
import { expectList, expectObject, expectOptionalString, expectString } from '../../base/guards';

/** Used only when SES does not return SigningHostedZone (older API answers, other endpoints). */
export const DEFAULT_DKIM_ZONE = 'dkim.amazonses.com';

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

/** The DKIM records of a domain as SES describes it. `publicKey`: BYODKIM's key, when known. */
export function dkimRecords(domain: string, source: DkimSource, publicKey?: string): DnsRecord[] {
  expectString(domain, 'dkimRecords', 'domain');
  expectObject(source, 'dkimRecords', 'source');
  expectOptionalString(publicKey, 'dkimRecords', 'publicKey');
  const origin = parseDkimOrigin(source.dkimOrigin);
  if (origin.mode === 'byodkim') {
    return source.dkimTokens.map((selector) => ({
      purpose: 'dkim',
      name: `${normName(selector)}._domainkey.${domain}`,
      type: 'TXT',
      value: byodkimTxtValue(publicKey),
      required: true,
      note: publicKey
        ? `Bring Your Own DKIM: publish your public key as a TXT at selector "${selector}" (not a CNAME to SES).`
        : `Bring Your Own DKIM: publish your public key (v=DKIM1; k=rsa; p=…) as a TXT at selector "${selector}" (not a CNAME to SES). SES does not return the key; give it to compare it exactly.`,
      dkim: { mode: 'byodkim', token: selector, domain, publicKey: publicKey ? keyBase64(publicKey) : undefined },
    }));
  }
  const zone = source.dkimSigningHostedZone ? normName(source.dkimSigningHostedZone) : undefined;
  const target = zone || DEFAULT_DKIM_ZONE;
  const notes: string[] = [];
  if (origin.mode === 'deterministic')
    notes.push(
      `Deterministic Easy DKIM: replicates the identity in ${origin.parentRegion}; these are the parent's records (already published if ${origin.parentRegion} is verified).`,
    );
  notes.push(
    zone
      ? `Points into ${zone}, the signing zone SES returned for this identity.`
      : `SES did not return a signing zone (SigningHostedZone) for this identity; ${DEFAULT_DKIM_ZONE} is assumed.`,
  );
  return source.dkimTokens.map((token) => ({
    purpose: 'dkim',
    name: `${normName(token)}._domainkey.${domain}`,
    type: 'CNAME',
    value: `${normName(token)}.${target}`,
    required: true,
    note: notes.join(' '),
    dkim: {
      mode: origin.mode,
      token: normName(token),
      domain,
      zone: target,
      zoneAssumed: !zone || undefined,
      parentRegion: origin.parentRegion,
    },
  }));
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

export {
  judgeDkimTxt,
  keyBase64,
  parseDkimTags,
  publicKeyOfPrivate,
  rsaKeyBits,
  type DkimTxtJudgement,
} from './dkimKeys';
