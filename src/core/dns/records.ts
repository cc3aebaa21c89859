// The DNS records an SES domain identity needs, as a table and as zone-file lines, and a live
// check of each one with node's resolver (servers configurable): pass, missing or wrong value,
// always with the expected value. DKIM records follow what SES says per identity (dkim.ts).
import { promises as dnsPromises } from 'node:dns';
import {
  dkimRecords,
  judgeDkimCname,
  judgeDkimTxt,
  type DkimCnameVerdict,
  type DkimRecordInfo,
  type DkimSource,
} from './dkim';

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
  return records
    .map((r) => {
      const value = r.type === 'TXT' ? zoneTxt(r.value) : `${r.value}.`;
      return `${r.name}. 1800 IN ${r.type} ${value}`;
    })
    .join('\n');
}

export type CheckStatus = 'pass' | 'missing' | 'wrong' | 'error';

export interface RecordCheck {
  record: DnsRecord;
  status: CheckStatus;
  /** What DNS answered (normalised). */
  found: string[];
  /** One line for the user, with the expected value when it is not there. */
  message: string;
  /** Easy DKIM CNAMEs: how the target compares (exact, chain, wrong-token, wrong-zone, appended-domain, elsewhere, missing). */
  verdict?: DkimCnameVerdict;
  /** Easy DKIM CNAMEs: the targets hop by hop, when DNS answered with a chain. */
  chain?: string[];
  /** BYODKIM: the published key's length in bits. */
  keyBits?: number;
  /** A missing DKIM record found at the doubled name <name>.<domain> (the provider appended the domain). */
  misplacedAt?: string;
}

export interface DnsCheckOptions {
  /** e.g. ['127.0.0.1:5353']; default: the system's resolvers. */
  servers?: readonly string[];
  timeoutMs?: number;
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/\.$/, '');

const MAX_CHAIN = 8;

/** The CNAME targets from `name`, hop by hop; a hop that does not answer ends the chain. */
async function cnameChain(resolver: dnsPromises.Resolver, name: string): Promise<string[]> {
  const chain = (await resolver.resolveCname(name)).map(norm).slice(0, 1);
  while (chain.length && chain.length < MAX_CHAIN) {
    let next: string[];
    try {
      next = (await resolver.resolveCname(chain[chain.length - 1])).map(norm);
    } catch {
      break; // the end of the chain (NODATA, or a zone that refuses CNAME queries)
    }
    if (!next.length || chain.includes(next[0]) || next[0] === norm(name)) break;
    chain.push(next[0]);
  }
  return chain;
}

async function lookup(resolver: dnsPromises.Resolver, record: DnsRecord): Promise<string[]> {
  switch (record.type) {
    case 'CNAME':
      return record.purpose === 'dkim'
        ? cnameChain(resolver, record.name)
        : (await resolver.resolveCname(record.name)).map(norm);
    case 'TXT':
      return (await resolver.resolveTxt(record.name)).map((chunks) => chunks.join(''));
    case 'MX':
      return (await resolver.resolveMx(record.name)).map((mx) => `${mx.priority} ${norm(mx.exchange)}`);
  }
}

type Judgement = Pick<RecordCheck, 'status' | 'message' | 'verdict' | 'keyBits'>;

function judgeDkim(record: DnsRecord, found: string[]): Judgement {
  const info = record.dkim;
  if (record.type === 'TXT') {
    const domain = info?.domain ?? record.name.split('._domainkey.')[1] ?? '';
    return judgeDkimTxt(
      { selector: info?.token ?? record.name.split('._domainkey.')[0], domain, publicKey: info?.publicKey },
      found,
    );
  }
  // A record built elsewhere without DkimRecordInfo: its value is the exact target.
  const token = info?.token ?? record.name.split('._domainkey.')[0];
  const zone = info?.zone ?? norm(record.value).slice(token.length + 1);
  const domain = info?.domain ?? record.name.split('._domainkey.')[1] ?? '';
  const { status, verdict, message } = judgeDkimCname({ token, zone, domain }, found);
  return { status, verdict, message };
}

function judge(record: DnsRecord, found: string[]): Judgement {
  const expected = `expected ${record.type} ${record.value}`;
  switch (record.purpose) {
    case 'dkim':
      return judgeDkim(record, found);
    case 'mail-from-mx': {
      const host = norm(record.value.split(' ')[1]);
      return found.some((f) => f.endsWith(` ${host}`))
        ? { status: 'pass', message: 'MAIL FROM MX in place.' }
        : { status: 'wrong', message: `MX points to ${found.join(', ')}; ${expected}.` };
    }
    case 'spf': {
      const spf = found.filter((t) => /^v=spf1\b/i.test(t));
      if (!spf.length) return { status: 'missing', message: `No SPF record; ${expected}.` };
      if (spf.length > 1)
        return {
          status: 'wrong',
          message: `${spf.length} SPF records; receivers treat that as an error. Merge them into one that includes amazonses.com.`,
        };
      return /\binclude:amazonses\.com\b/i.test(spf[0])
        ? { status: 'pass', message: 'SPF includes amazonses.com.' }
        : {
            status: 'wrong',
            message: `The SPF record "${spf[0]}" does not include amazonses.com; add include:amazonses.com.`,
          };
    }
    case 'dmarc':
      return found.some((t) => /^v=DMARC1\b/i.test(t))
        ? { status: 'pass', message: 'DMARC record present.' }
        : { status: 'wrong', message: `TXT at ${record.name} is not a DMARC record; ${expected}.` };
  }
}

/** Checks each record live. Never throws for DNS trouble: that is an 'error' entry. */
export async function checkDnsRecords(
  records: readonly DnsRecord[],
  options: DnsCheckOptions = {},
): Promise<RecordCheck[]> {
  const resolver = new dnsPromises.Resolver({ timeout: options.timeoutMs ?? 3000, tries: 2 });
  if (options.servers?.length) resolver.setServers([...options.servers]);
  const checks = await Promise.all(
    records.map(async (record): Promise<RecordCheck> => {
      try {
        const found = await lookup(resolver, record);
        const chain = record.purpose === 'dkim' && record.type === 'CNAME' && found.length > 1 ? { chain: found } : {};
        if (record.purpose === 'dkim') return { record, found, ...chain, ...judge(record, found) };
        if (!found.length)
          return {
            record,
            status: 'missing',
            found,
            message: `Nothing at ${record.name}; expected ${record.type} ${record.value}.`,
          };
        return { record, found, ...judge(record, found) };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOTFOUND' || code === 'ENODATA')
          return record.purpose === 'dkim'
            ? { record, found: [], ...judge(record, []) }
            : {
                record,
                status: 'missing',
                found: [],
                message: `No ${record.type} record at ${record.name}; expected ${record.type} ${record.value}.`,
              };
        const why =
          code === 'ETIMEOUT'
            ? 'the DNS server did not answer in time'
            : code === 'ECONNREFUSED'
              ? 'the DNS server refused the connection'
              : code === 'EREFUSED'
                ? 'the DNS server refused the query'
                : `DNS error ${code ?? (err as Error).message}`;
        return { record, status: 'error', found: [], message: `Could not check ${record.name}: ${why}.` };
      }
    }),
  );
  return Promise.all(checks.map((c) => (c.status === 'missing' && c.record.dkim ? withMisplaced(resolver, c) : c)));
}

/**
 * A DKIM record that is missing may sit at <name>.<domain>: DNS providers append the zone to the
 * name entered, so a full name there is doubled. Says so when the doubled name has the record.
 */
async function withMisplaced(resolver: dnsPromises.Resolver, check: RecordCheck): Promise<RecordCheck> {
  const { record } = check;
  const domain = record.dkim!.domain;
  const doubled = `${record.name}.${domain}`;
  try {
    const found = await lookup(resolver, { ...record, name: doubled });
    if (!found.length) return check;
  } catch {
    return check;
  }
  const host = record.name.slice(0, -domain.length - 1);
  return {
    ...check,
    misplacedAt: doubled,
    message: `${check.message} There is a ${record.type} at ${doubled}: the DNS provider added ${domain} to the name entered; enter only "${host}" as the name (or the full name with a trailing dot).`,
  };
}
