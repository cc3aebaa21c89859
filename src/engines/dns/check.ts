// The live check of a domain's records with node's resolver (servers configurable): pass, missing
// or wrong value, always with the expected value; DKIM CNAMEs compared exactly, chains followed.
import { promises as dnsPromises } from 'node:dns';
import { judgeDkimCname, judgeDkimTxt, type CheckStatus, type DkimCnameVerdict } from './dkim';
import type { DnsRecord } from './records';
import { expectList, expectOptionalObject } from '../../base/guards';

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
  expectList(records, 'checkDnsRecords', 'records');
  expectOptionalObject(options, 'checkDnsRecords', 'options');
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
