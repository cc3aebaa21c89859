// Check 6: DNS for the From domain, with the existing live checks (checkDnsRecords): DKIM as SES
// says for the identity (when the API is there), MAIL FROM MX and SPF, DMARC.
import { domainRecords, identityRecords, type DnsRecord } from '../dns/records';
import { type RecordCheck } from '../dns/check';
import type { IdentityDetails } from '../aws/ses';
import type { Finding } from './types';
import {
  expectFunction,
  expectList,
  expectOptionalBoolean,
  expectOptionalObject,
  expectOptionalString,
  expectString,
} from '../../base/guards';

export function dnsFindings(domain: string, checks: readonly RecordCheck[], fromSes: boolean): Finding[] {
  expectString(domain, 'dnsFindings', 'domain');
  expectList(checks, 'dnsFindings', 'checks');
  expectOptionalBoolean(fromSes, 'dnsFindings', 'fromSes');
  const evidence = checks.map(
    (c) => `${c.record.type} ${c.record.name}: ${c.status}${c.status === 'pass' ? '' : ` — ${c.message}`}`,
  );
  if (!fromSes)
    evidence.push(
      'DKIM records not checked: SES gave no domain identity to read them from (none in this region, no AWS ' +
        'profile, or no permission).',
    );
  const bad = checks.filter((c) => c.status === 'missing' || c.status === 'wrong');
  const requiredBad = bad.filter((c) => c.record.required);
  const errors = checks.filter((c) => c.status === 'error');
  if (requiredBad.length) {
    const names = [...new Set(requiredBad.map((c) => c.record.purpose.toUpperCase()))].join(', ');
    return [
      {
        check: 'dns',
        verdict: 'warn',
        title:
          `${requiredBad.length} required DNS record${requiredBad.length > 1 ? 's' : ''} of ${domain} missing ` +
          `or wrong (${names}).`,
        evidence,
        fix: requiredBad[0].message,
        weight: 30,
        cause: 'dns-records',
      },
    ];
  }
  if (bad.length)
    return [
      {
        check: 'dns',
        verdict: 'warn',
        title:
          `Recommended DNS records of ${domain} missing or wrong ` +
          `(${bad.map((c) => c.record.purpose.toUpperCase()).join(', ')}).`,
        evidence,
        fix: bad[0].message,
        weight: 10,
        cause: 'dns-recommended',
      },
    ];
  if (errors.length === checks.length && checks.length)
    return [
      {
        check: 'dns',
        verdict: 'warn',
        title: `DNS for ${domain} could not be checked: ${errors[0].message}`,
        evidence,
        weight: 5,
        cause: 'dns-error',
      },
    ];
  return [{ check: 'dns', verdict: 'pass', title: `The DNS records of ${domain} are in place.`, evidence, weight: 0 }];
}

export async function checkDns(
  from: string | undefined,
  region: string | undefined,
  identity: IdentityDetails | undefined,
  dns: (records: readonly DnsRecord[]) => Promise<RecordCheck[]>,
): Promise<Finding[]> {
  expectOptionalString(from, 'checkDns', 'from');
  expectOptionalString(region, 'checkDns', 'region');
  expectOptionalObject(identity, 'checkDns', 'identity');
  expectFunction(dns, 'checkDns', 'dns');
  const domain = from?.split('@')[1]?.toLowerCase();
  if (!domain)
    return [{ check: 'dns', verdict: 'skipped', title: 'skipped: no From address given.', evidence: [], weight: 0 }];
  const useSes = Boolean(identity && identity.type !== 'EMAIL_ADDRESS');
  const records = useSes
    ? identityRecords(identity!, region ?? 'us-east-1')
    : domainRecords(domain, region ?? 'us-east-1', []);
  return dnsFindings(domain, await dns(records), useSes);
}
