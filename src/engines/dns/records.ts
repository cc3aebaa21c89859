// The DNS records an SES domain identity needs, as a table and as zone-file lines (their live check
// is in check.ts). DKIM records follow what SES says per identity (dkim.ts).
import { dkimRecords, type DkimRecordInfo, type DkimSource } from './dkim';
import { expectList, expectOptionalObject, expectOptionalString, expectString } from '../../base/guards';

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

export class DnsNameError extends Error {}

/** Validates a domain name; returns it lower-cased without a trailing dot. */
export function validateDomain(input: string): string {
  expectOptionalString(input, 'validateDomain', 'input');
  const name = (input ?? '').trim().toLowerCase().replace(/\.$/, '');
  if (!name) throw new DnsNameError('The domain is empty. Enter a domain such as example.com.');
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(name) || name.includes('/'))
    throw new DnsNameError(`"${name.slice(0, 80)}" is a URL; enter only the domain, such as example.com.`);
  if (name.includes('@'))
    throw new DnsNameError(
      `"${name.slice(0, 80)}" is an email address; the domain is the part after the @ (${name.split('@').pop()}).`,
    );
  if (name.length > 253)
    throw new DnsNameError(`The domain is ${name.length} characters long; DNS names have at most 253.`);
  const labels = name.split('.');
  if (labels.length < 2)
    throw new DnsNameError(`"${name}" has no dot; SES identities are domains such as example.com.`);
  for (const label of labels) {
    if (!label) throw new DnsNameError(`"${name}" has an empty label (two dots in a row, or a leading dot).`);
    if (label.length > 63)
      throw new DnsNameError(
        `The label "${label.slice(0, 20)}…" is ${label.length} characters long; each part of a domain has at most 63.`,
      );
    if (!/^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9])?$/.test(label)) {
      // eslint-disable-next-line no-control-regex -- the ASCII range, NUL included, on purpose
      if (/[^\x00-\x7f]/.test(label))
        throw new DnsNameError(
          `"${name}" has non-ASCII characters; enter the punycode form (xn--…) as your DNS provider shows it.`,
        );
      throw new DnsNameError(
        `The label "${label}" in "${name}" is not valid: use letters, digits and hyphens, not starting or ending with a hyphen.`,
      );
    }
  }
  return name;
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

export { checkDnsRecords, type CheckStatus, type DnsCheckOptions, type RecordCheck } from './check';
