// What the explorer shows for an identity's DKIM, ready to wire: a short label, tooltip lines, the
// DKIM records, the key lengths, the parent region of a Deterministic Easy DKIM replica, and what
// moving to 2048-bit keys would mean for DNS. No SDK here (the main bundle uses it).
import {
  byodkimTxtValue,
  keyBase64,
  parseDkimOrigin,
  publicKeyOfPrivate,
  rsaKeyBits,
  DEFAULT_DKIM_ZONE,
  type DkimKeyLength,
  type DkimMode,
} from './dkim';
import { type DnsRecord, dkimRecords } from './records';
import { type RecordCheck } from './check';
import { validateDomain } from '../../base/identity';
import { expectObject, expectOptionalObject } from '../../base/guards';

/** The fields of IdentityDetails (core/aws/ses.ts) this needs. */
export interface DkimDetails {
  name: string;
  type?: string;
  dkimStatus?: string;
  dkimTokens: readonly string[];
  dkimSigningEnabled?: boolean;
  dkimOrigin?: string;
  dkimParentRegion?: string;
  dkimSigningHostedZone?: string;
  dkimCurrentKeyLength?: DkimKeyLength;
  dkimNextKeyLength?: DkimKeyLength;
  dkimLastKeyGeneration?: Date;
}

/** RSA_2048_BIT → 2048; anything else undefined. */
export function keyBits(length: string | undefined): number | undefined {
  const m = /^RSA_(\d+)_BIT$/.exec(length ?? '');
  return m ? Number(m[1]) : undefined;
}

const MODE_NAME: Record<DkimMode, string> = {
  easy: 'Easy DKIM',
  byodkim: 'Bring Your Own DKIM',
  deterministic: 'Deterministic Easy DKIM',
};

export interface DkimKeyUpgradePlan {
  /** none: already 2048-bit; easy: one call, nothing in DNS; byodkim: a new key to publish; refuse: not here. */
  action: 'none' | 'easy' | 'byodkim' | 'refuse';
  /** One sentence: what happens (or why not). */
  summary: string;
  /** What it means for DNS. */
  dns: string;
  /** Records to publish before the change (BYODKIM: the new key's TXT). */
  records: DnsRecord[];
  /** BYODKIM: the new selector. */
  selector?: string;
  /** BYODKIM: the private key as SES wants it (base64 DER). Secret: never log or show it. */
  privateKeyBase64?: string;
  /** Deterministic Easy DKIM: where the change belongs. */
  parentRegion?: string;
}

/** What moving this identity to 2048-bit DKIM keys takes (see upgradeDkimKeyTo2048 in core/aws/ses.ts). */
export function planDkimKeyUpgrade(
  details: DkimDetails,
  byodkim?: { selector: string; privateKey: string },
): DkimKeyUpgradePlan {
  expectObject(details, 'planDkimKeyUpgrade', 'details');
  expectOptionalObject(byodkim, 'planDkimKeyUpgrade', 'byodkim');
  const origin = parseDkimOrigin(details.dkimOrigin);
  const current = keyBits(details.dkimCurrentKeyLength);
  const next = keyBits(details.dkimNextKeyLength);
  if (details.type === 'EMAIL_ADDRESS' || details.name.includes('@')) {
    return {
      action: 'refuse',
      summary: `${details.name} is an address; DKIM keys belong to its domain's identity.`,
      dns: 'Nothing to change.',
      records: [],
    };
  }
  if (origin.mode === 'deterministic') {
    return {
      action: 'refuse',
      parentRegion: origin.parentRegion,
      summary: `${details.name} replicates the DKIM setup of its identity in ${origin.parentRegion} (Deterministic Easy DKIM): change the key length there, and this region follows.`,
      dns: "Nothing to change: the records are the parent identity's.",
      records: [],
    };
  }
  if (origin.mode === 'easy') {
    if (current === 2048 && (next === undefined || next === 2048))
      return {
        action: 'none',
        summary: 'DKIM already signs with a 2048-bit key.',
        dns: 'Nothing to change.',
        records: [],
      };
    if (next === 2048)
      return {
        action: 'none',
        summary: `Already moving to 2048-bit: SES signs with the ${current ?? 'current'}-bit key until it generates the 2048-bit one.`,
        dns: 'Nothing to change: the CNAMEs stay as they are.',
        records: [],
      };
    return {
      action: 'easy',
      summary: 'SES sets the next key length to 2048-bit and generates the new key itself (one change a day).',
      dns: `Easy DKIM: nothing to change in DNS. The CNAMEs keep pointing into ${details.dkimSigningHostedZone ?? DEFAULT_DKIM_ZONE}, where SES publishes the new key.`,
      records: [],
    };
  }
  // Bring Your Own DKIM: SES cannot make the key; the user publishes a new one.
  const domain = validateDomain(details.name);
  if (!byodkim) {
    return {
      action: 'refuse',
      summary: `${details.name} uses Bring Your Own DKIM: make a new 2048-bit RSA key pair, publish its public key under a new selector, then give the private key and selector. (Switching to AWS_SES instead would replace your key with Easy DKIM and three new CNAMEs.)`,
      dns: `Bring Your Own DKIM: a new key to publish, as TXT <new selector>._domainkey.${domain} "${byodkimTxtValue()}"; keep the old TXT until SES's DKIM status is SUCCESS again.`,
      records: [],
    };
  }
  const selector = byodkim.selector.trim().toLowerCase();
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(selector) || selector.length > 63) {
    return {
      action: 'refuse',
      summary: `"${byodkim.selector.slice(0, 40)}" is not a DKIM selector: use letters, digits and hyphens.`,
      dns: 'Nothing to change.',
      records: [],
    };
  }
  let publicKey: string;
  try {
    publicKey = publicKeyOfPrivate(byodkim.privateKey);
  } catch (err) {
    return { action: 'refuse', summary: (err as Error).message, dns: 'Nothing to change.', records: [] };
  }
  const bits = rsaKeyBits(publicKey);
  if ('error' in bits || bits.bits !== 2048) {
    return {
      action: 'refuse',
      summary: `The private key is ${'bits' in bits ? `${bits.bits}-bit` : 'unreadable'}; make a 2048-bit RSA key pair.`,
      dns: 'Nothing to change.',
      records: [],
    };
  }
  const [record] = dkimRecords(domain, { dkimTokens: [selector], dkimOrigin: 'EXTERNAL' }, publicKey);
  return {
    action: 'byodkim',
    selector,
    privateKeyBase64: keyBase64(byodkim.privateKey),
    summary: `SES signs with your new 2048-bit key under selector "${selector}" once it finds the public key in DNS.`,
    dns: `Bring Your Own DKIM: a new key to publish: TXT ${record.name} "${record.value}" (publish it before the change; keep the old selector's TXT until the DKIM status is SUCCESS).`,
    records: [record],
  };
}

export interface DkimDisplay {
  mode: DkimMode;
  /** Short, for a tree item's description: "success · Easy DKIM · 2048-bit". */
  label: string;
  /** Tooltip lines (join with "\n"). */
  tooltip: string[];
  /** The DKIM records only (CNAMEs or the BYODKIM TXT), with their notes. */
  records: DnsRecord[];
  /** Deterministic Easy DKIM: the parent identity's region, to link to it. */
  parentRegion?: string;
  /** The signing zone the CNAMEs point into, and whether it was assumed (SES did not say). */
  zone?: string;
  zoneAssumed?: boolean;
  currentKeyBits?: number;
  nextKeyBits?: number;
  lastKeyGeneration?: Date;
  /** What a move to 2048-bit would take; undefined when there is nothing to do. */
  upgrade?: DkimKeyUpgradePlan;
}

const words = (s: string): string => s.toLowerCase().replace(/_/g, ' ');

/**
 * Everything the explorer shows about an identity's DKIM. `checks`: results of checkDnsRecords for
 * these records, to add the live verdicts (and, for BYODKIM, the published key's length).
 */
export function describeDkim(
  details: DkimDetails,
  options: { publicKey?: string; checks?: readonly RecordCheck[] } = {},
): DkimDisplay {
  expectObject(details, 'describeDkim', 'details');
  expectOptionalObject(options, 'describeDkim', 'options');
  if (details.type === 'EMAIL_ADDRESS' || details.name.includes('@')) {
    const domain = details.name.split('@').pop();
    return {
      mode: 'easy',
      label: `from ${domain}`,
      tooltip: [
        `An address has no DKIM keys of its own: SES signs its mail with the DKIM of ${domain} when that domain is a verified identity in this region.`,
      ],
      records: [],
    };
  }
  const origin = parseDkimOrigin(details.dkimOrigin);
  const domain = validateDomain(details.name);
  const records = dkimRecords(domain, details, options.publicKey);
  const current = keyBits(details.dkimCurrentKeyLength);
  const next = keyBits(details.dkimNextKeyLength);
  const zone =
    origin.mode === 'byodkim'
      ? undefined
      : details.dkimSigningHostedZone?.toLowerCase().replace(/\.$/, '') || DEFAULT_DKIM_ZONE;
  const zoneAssumed = origin.mode !== 'byodkim' && !details.dkimSigningHostedZone;
  const checks = (options.checks ?? []).filter((c) => c.record.purpose === 'dkim');
  const publishedBits = checks.find((c) => c.keyBits)?.keyBits;
  const shownBits = origin.mode === 'byodkim' ? publishedBits : current;

  const status = details.dkimStatus ?? 'NOT_STARTED';
  const label = [
    words(status),
    MODE_NAME[origin.mode],
    shownBits ? `${shownBits}-bit` : undefined,
    details.dkimSigningEnabled === false ? 'signing off' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');

  const tooltip: string[] = [];
  if (origin.mode === 'easy')
    tooltip.push(`Easy DKIM: SES signs with its own keys; ${records.length || 'the'} CNAMEs point into ${zone}.`);
  if (origin.mode === 'deterministic')
    tooltip.push(
      `Deterministic Easy DKIM: replicates the identity in ${origin.parentRegion}; its tokens, keys and CNAMEs (into ${zone}) are the parent's.`,
    );
  if (origin.mode === 'byodkim')
    tooltip.push(
      `Bring Your Own DKIM: SES signs with your private key; your public key is a TXT at ${records.map((r) => r.name).join(', ') || '<selector>._domainkey.' + domain}.`,
    );
  if (zoneAssumed)
    tooltip.push(`SES did not return a signing zone (SigningHostedZone); ${DEFAULT_DKIM_ZONE} is assumed.`);
  tooltip.push(`Status: ${words(status)}${details.dkimSigningEnabled === false ? '; signing is turned off' : ''}.`);
  if (origin.mode === 'byodkim') {
    if (publishedBits) tooltip.push(`Published key: ${publishedBits}-bit RSA.`);
  } else if (current || next) {
    tooltip.push(
      `Key: ${current ? `${current}-bit` : 'unknown'}${next && next !== current ? `, ${next}-bit next (SES generates it and switches on its own)` : ''}.`,
    );
  }
  if (details.dkimLastKeyGeneration)
    tooltip.push(
      `Last key generated: ${details.dkimLastKeyGeneration.toISOString().replace('T', ' ').slice(0, 16)} UTC.`,
    );
  for (const c of checks)
    if (c.status !== 'pass' || c.verdict === 'chain') tooltip.push(`${c.record.name}: ${c.message}`);

  const plan = planDkimKeyUpgrade(details);
  const wantsUpgrade =
    origin.mode === 'byodkim'
      ? publishedBits !== undefined && publishedBits < 2048
      : plan.action !== 'none' && (current ?? 0) < 2048 && next !== 2048;
  if (wantsUpgrade) {
    if (plan.action === 'easy') tooltip.push(`Move to 2048-bit: ${plan.summary} ${plan.dns}`);
    else if (origin.mode === 'deterministic') tooltip.push(`Move to 2048-bit: ${plan.summary}`);
    else tooltip.push(`Move to 2048-bit: ${plan.summary}`, plan.dns);
  }

  return {
    mode: origin.mode,
    label,
    tooltip,
    records,
    parentRegion: origin.parentRegion,
    zone,
    zoneAssumed: zoneAssumed || undefined,
    currentKeyBits: current,
    nextKeyBits: next,
    lastKeyGeneration: details.dkimLastKeyGeneration,
    upgrade: wantsUpgrade ? plan : undefined,
  };
}
