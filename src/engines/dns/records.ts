// The DNS records an SES domain identity needs, as a table and as zone-file lines (their live check
// is in check.ts). DKIM records follow what SES says per identity (dkim.ts).
import {
  byodkimTxtValue,
  DEFAULT_DKIM_ZONE,
  keyBase64,
  normName,
  parseDkimOrigin,
  type DkimRecordInfo,
  type DkimSource,
} from './dkim';
import { expectList, expectObject, expectOptionalObject, expectOptionalString, expectString } from '../../base/guards';
import { validateDomain } from '../../base/identity';

export type RecordPurpose = 'dkim' | 'spf' | 'dmarc' | 'mail-from-mx';

export interface DnsRecord {
  purpose: RecordPurpose;
  name: string;
  type: 'CNAME' | 'TXT' | 'MX';
  /** The value to publish (for MX: "10 host"). */
  value: string;
  /** True when SES needs it; false for recommended records. */
  required: boolean;
  /** A sentence for the tooltip (e.g. where the DKIM target zone comes from). */
  note?: string;
  /** DKIM records: the mode, token/selector, zone and parent region they were built from. */
  dkim?: DkimRecordInfo;
}

/** DKIM facts of an identity for domainRecords (IdentityDetails has these fields). */
export interface DkimRecordOptions {
  /** SigningAttributesOrigin: AWS_SES (default), EXTERNAL, AWS_SES_<REGION>. */
  dkimOrigin?: string;
  /** SigningHostedZone; dkim.amazonses.com is assumed (and said so) when absent. */
  dkimSigningHostedZone?: string;
  /** BYODKIM: the public key the TXT must hold (base64, PEM or a "v=DKIM1; p=…" value). */
  publicKey?: string;
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

/**
 * The records a domain identity needs (DKIM) and should have (SPF and MX on the MAIL FROM domain, DMARC).
 * `dkim`: the identity's origin and signing zone (pass the IdentityDetails); without it, Easy DKIM
 * into dkim.amazonses.com is assumed and the records' note says so.
 */
export function domainRecords(
  domainInput: string,
  region: string,
  dkimTokens: readonly string[],
  mailFromDomain?: string,
  dkim?: DkimRecordOptions,
): DnsRecord[] {
  const domain = validateDomain(domainInput);
  const source: DkimSource = {
    dkimTokens,
    dkimOrigin: dkim?.dkimOrigin,
    dkimSigningHostedZone: dkim?.dkimSigningHostedZone,
  };
  const records: DnsRecord[] = dkimRecords(domain, source, dkim?.publicKey);
  if (mailFromDomain) {
    const mailFrom = validateDomain(mailFromDomain);
    records.push({
      purpose: 'mail-from-mx',
      name: mailFrom,
      type: 'MX',
      value: `10 feedback-smtp.${region}.amazonses.com`,
      required: true,
    });
    records.push({
      purpose: 'spf',
      name: mailFrom,
      type: 'TXT',
      value: 'v=spf1 include:amazonses.com ~all',
      required: true,
    });
  }
  records.push({
    purpose: 'dmarc',
    name: `_dmarc.${domain}`,
    type: 'TXT',
    value: 'v=DMARC1; p=none;',
    required: false,
  });
  return records;
}

/** The records of an identity as getIdentityDetails returns it. */
export function identityRecords(
  details: DkimSource & { name: string; mailFromDomain?: string },
  region: string,
  options: { publicKey?: string } = {},
): DnsRecord[] {
  expectString(region, 'identityRecords', 'region');
  expectOptionalObject(options, 'identityRecords', 'options');
  return domainRecords(details.name, region, details.dkimTokens, details.mailFromDomain, {
    ...details,
    publicKey: options.publicKey,
  });
}

/** A TXT value as zone-file strings: quoted, split into 255-character strings. */
function zoneTxt(value: string): string {
  const parts: string[] = [];
  for (let i = 0; i < value.length || i === 0; i += 255)
    parts.push(`"${value.slice(i, i + 255).replace(/["\\]/g, '\\$&')}"`);
  return parts.join(' ');
}

export function recordsAsTable(records: readonly DnsRecord[]): string {
  expectList(records, 'recordsAsTable', 'records');
  const rows = records.map((r) => [r.type, r.name, r.value, r.required ? 'required' : 'recommended']);
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(['Type', 'Name', 'Value', ''][i].length, ...rows.map((row) => row[i].length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(['Type', 'Name', 'Value', '']), ...rows.map(line)].join('\n');
}

export function recordsAsZone(records: readonly DnsRecord[]): string {
  expectList(records, 'recordsAsZone', 'records');
  return records
    .map((r) => {
      const value = r.type === 'TXT' ? zoneTxt(r.value) : `${r.value}.`;
      return `${r.name}. 1800 IN ${r.type} ${value}`;
    })
    .join('\n');
}
