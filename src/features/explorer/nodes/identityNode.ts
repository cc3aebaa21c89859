// An SES identity: an address (a leaf) or a domain, which expands to its DKIM state, the DNS
// records it needs and its MAIL FROM domain. The row's icon carries the state; its description says
// it in the console's words ("Verified · DKIM pending"); the tooltip says what to do next.
import { domainRecords, type DnsRecord } from '../../../core/dns/records';
import type { IdentityDetails, IdentityStatus, IdentitySummary } from '../../../core/aws/ses';
import { DnsRecordNode } from './dnsRecordNode';
import { InfoNode } from './infoNode';
import { NEXT_STEP, dkimWords, stateIcon, stateWords } from './identityState';
import type { ExplorerNode, ItemSpec } from './types';

export interface IdentityParent extends ExplorerNode {
  readonly region: string;
  identityDetails(name: string): Promise<IdentityDetails>;
  describeError(err: unknown): string;
}

export class IdentityNode implements ExplorerNode {
  /** Set once the domain's details (DKIM, MAIL FROM) have loaded. */
  details?: IdentityDetails;

  constructor(
    readonly parent: IdentityParent,
    public identity: IdentitySummary,
  ) {}

  get region(): string {
    return this.parent.region;
  }

  get isDomain(): boolean {
    return this.identity.type !== 'EMAIL_ADDRESS';
  }

  getTreeItem(): ItemSpec {
    const { name, type, sendingEnabled } = this.identity;
    const status = this.identity.verificationStatus ?? 'NOT_STARTED';
    const dkim = this.isDomain ? this.details?.dkimStatus : undefined;
    // A domain's icon shows the state that needs attention: DKIM once verification has succeeded.
    const icon = stateIcon(dkim && status === 'SUCCESS' ? dkim : status);
    const tip = [
      `${name} (${this.isDomain ? 'domain' : 'address'}) in ${this.region}`,
      `Verification: ${status}. ${NEXT_STEP[status] ?? ''}`,
      ...(dkim ? [`DKIM: ${dkim}. ${NEXT_STEP[dkim] ?? ''}`] : []),
    ];
    return {
      id: `identity:${this.region}:${name}`,
      label: name,
      collapsible: this.isDomain ? 'collapsed' : undefined,
      contextValue: type === 'EMAIL_ADDRESS' ? 'sesIdentity' : 'sesDomainIdentity',
      icon: !this.isDomain && status === 'SUCCESS' ? { id: 'mail', color: icon.color } : icon,
      description: [
        stateWords(status),
        ...(dkim ? [dkimWords(dkim)] : []),
        ...(sendingEnabled ? [] : ['sending disabled']),
      ].join(' · '),
      tooltip: tip.join('\n'),
    };
  }

  /** The DNS records the domain needs (empty for an address). */
  async records(): Promise<DnsRecord[]> {
    if (!this.isDomain) return [];
    const d = await this.parent.identityDetails(this.identity.name);
    return domainRecords(d.name, this.region, d.dkimTokens, d.mailFromDomain);
  }

  async getChildren(): Promise<ExplorerNode[]> {
    if (!this.isDomain) return [];
    const key = `${this.region}:${this.identity.name}`;
    let d: IdentityDetails;
    try {
      d = await this.parent.identityDetails(this.identity.name);
    } catch (err) {
      const description = this.parent.describeError(err);
      return [
        new InfoNode(this, { id: `derr:${key}`, label: 'Details failed to load', description, icon: { id: 'error' } }),
      ];
    }
    const dkim: IdentityStatus = d.dkimStatus ?? 'NOT_STARTED';
    const out: ExplorerNode[] = [
      new InfoNode(this, {
        id: `dkim:${key}`,
        label: 'DKIM',
        description: stateWords(dkim),
        icon: stateIcon(dkim),
        tooltip: NEXT_STEP[dkim],
      }),
    ];
    if (!d.dkimTokens.length) {
      const item = {
        id: `notokens:${key}`,
        label: 'No DKIM tokens yet',
        description: 'SES has not issued them',
        icon: { id: 'circle-outline' },
      };
      out.push(new InfoNode(this, item));
    }
    domainRecords(d.name, this.region, d.dkimTokens, d.mailFromDomain).forEach((r, i) => {
      const status =
        r.purpose === 'dkim'
          ? dkim
          : r.purpose === 'mail-from-mx' || r.purpose === 'spf'
            ? d.mailFromStatus
            : undefined;
      out.push(new DnsRecordNode(this, `rec:${key}:${i}`, r, status));
    });
    const mailFrom = d.mailFromDomain
      ? `${d.mailFromDomain} · ${stateWords(d.mailFromStatus)}`
      : 'not set (amazonses.com is used)';
    out.push(
      new InfoNode(this, { id: `mailfrom:${key}`, label: 'MAIL FROM', description: mailFrom, icon: { id: 'mail' } }),
    );
    return out;
  }
}
