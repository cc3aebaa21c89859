// DNS records of SES SMTP hosts as AWS's DNS answers them, for a dnsmasq (test/support/dnsmasq.ts):
// the email-smtp host of every region of the extension's API table, except the regions where SES
// has the API but no SMTP endpoint (NXDOMAIN there, as projects report for ap-south-2 and
// eu-central-2). Addresses from TEST-NET-1: nothing connects to them.
import { SES_REGIONS, smtpHostForRegion } from '../../src/base/regions';
import type { DnsRecords } from './dnsmasq';

/** Regions answered with NXDOMAIN. */
export const NO_SMTP_REGIONS = ['ap-south-2', 'eu-central-2'];

export function sesSmtpDnsRecords(): DnsRecords {
  const regions = SES_REGIONS.map((r) => r.id).filter((id) => !NO_SMTP_REGIONS.includes(id) && !id.startsWith('cn-'));
  return {
    localDomains: ['amazonaws.com'],
    address: regions.map((id, i) => [smtpHostForRegion(id), `192.0.2.${20 + i}`]),
  };
}
