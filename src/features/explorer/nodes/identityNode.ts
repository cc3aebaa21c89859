// An SES identity: an address (a leaf) or a domain, which expands to its DKIM state, the DNS
// records it needs and its MAIL FROM domain. The row's icon carries the state; its description says
// it in the console's words ("Verified · DKIM pending"); the tooltip says what to do next.
import { domainRecords, type DnsRecord } from '../../../engines/dns/records';
import { type RecordCheck } from '../../../engines/dns/check';
import type { IdentityDetails, IdentitySummary } from '../../../engines/aws/ses';
import { DnsRecordNode } from './dnsRecordNode';
import { DKIM_UPGRADE_CONTEXT, DOMAIN_CONTEXT, DkimParentNode, dkimDisplay, dkimRow } from './dkimRows';
import { InfoNode } from './infoNode';
import { nextStep, dkimWords, stateIcon, stateWords } from './identityState';
import { l10n } from './l10n';
import type { ExplorerNode, ItemSpec } from './types';

export interface IdentityParent extends ExplorerNode {
  readonly region: string;
  identityDetails(name: string): Promise<IdentityDetails>;
  describeError(err: unknown): string;
  /** True when the region is in the tree (a DKIM replica's row links to its parent there). */
  regionShown(region: string): boolean;
}

export class IdentityNode implements ExplorerNode {
  /** Set once the domain's details (DKIM, MAIL FROM) have loaded. */
  details?: IdentityDetails;
  /** The last "Check DNS Records" of this domain: its rows show what DNS answered. */
  checks?: RecordCheck[];

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

  regionShown(region: string): boolean {
    return this.parent.regionShown(region);
  }

  /** The domain's context: one whose Easy DKIM key can move to 2048-bit offers that. */
  private domainContext(): string {
    if (!this.details) return DOMAIN_CONTEXT;
    try {
      return dkimDisplay(this.details).upgrade?.action === 'easy' ? DKIM_UPGRADE_CONTEXT : DOMAIN_CONTEXT;
    } catch {
      return DOMAIN_CONTEXT; // a name SES accepted that is not a DNS name: no DKIM menu
    }
  }

  getTreeItem(): ItemSpec {
    const { name, type, sendingEnabled } = this.identity;
    const status = this.identity.verificationStatus ?? 'NOT_STARTED';
    const dkim = this.isDomain ? this.details?.dkimStatus : undefined;
    // A domain's icon shows the state that needs attention: DKIM once verification has succeeded.
    const icon = stateIcon(dkim && status === 'SUCCESS' ? dkim : status);
    const tip = [
      this.isDomain
        ? l10n.t('{0} (domain) in {1}', name, this.region)
        : l10n.t('{0} (address) in {1}', name, this.region),
      l10n.t('Verification: {0}. {1}', status, nextStep(status)),
      ...(dkim ? [l10n.t('DKIM: {0}. {1}', dkim, this.dkimNextStep(dkim))] : []),
    ];
    return {
      id: `identity:${this.region}:${name}`,
      label: name,
      collapsible: this.isDomain ? 'collapsed' : undefined,
      contextValue: type === 'EMAIL_ADDRESS' ? 'sesIdentity' : this.domainContext(),
      icon: !this.isDomain && status === 'SUCCESS' ? { id: 'mail', color: icon.color } : icon,
      description: [
        stateWords(status),
        ...(dkim ? [dkimWords(dkim)] : []),
        ...(sendingEnabled ? [] : [l10n.t('sending disabled')]),
      ].join(' · '),
      tooltip: tip.join('\n'),
    };
  }

  /** What to do next about DKIM; Bring Your Own DKIM publishes a TXT, not CNAMEs. */
  private dkimNextStep(dkim: string): string {
    const byodkim = this.details?.dkimOrigin === 'EXTERNAL';
    if (byodkim && dkim === 'PENDING')
      return l10n.t('Waiting for DNS: publish your public key as the TXT record below; SES checks for up to 72 hours.');
    return nextStep(dkim);
  }

  /** The DNS records the domain needs (empty for an address). */
  async records(): Promise<DnsRecord[]> {
    if (!this.isDomain) return [];
    const d = await this.parent.identityDetails(this.identity.name);
    return domainRecords(d.name, this.region, d.dkimTokens, d.mailFromDomain, d);
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
        new InfoNode(this, {
          id: `derr:${key}`,
          label: l10n.t('Details failed to load'),
          description,
          icon: { id: 'error' },
        }),
      ];
    }
    const checks = this.checks;
    const out: ExplorerNode[] = [new InfoNode(this, dkimRow(`dkim:${key}`, d, checks))];
    const { parentRegion } = dkimDisplay(d);
    if (parentRegion) out.push(new DkimParentNode(this, parentRegion));
    if (!d.dkimTokens.length) {
      const item = {
        id: `notokens:${key}`,
        label: l10n.t('No DKIM tokens yet'),
        description: l10n.t('SES has not issued them'),
        icon: { id: 'circle-outline' },
      };
      out.push(new InfoNode(this, item));
    }
    // The records as SES describes this identity: its signing zone, a BYODKIM TXT instead of CNAMEs.
    domainRecords(d.name, this.region, d.dkimTokens, d.mailFromDomain, d).forEach((r, i) => {
      const status =
        r.purpose === 'dkim'
          ? (d.dkimStatus ?? 'NOT_STARTED')
          : r.purpose === 'mail-from-mx' || r.purpose === 'spf'
            ? d.mailFromStatus
            : undefined;
      const check = checks?.find((c) => c.record.name === r.name && c.record.type === r.type);
      out.push(new DnsRecordNode(this, `rec:${key}:${i}`, r, status, check));
    });
    const mailFrom = d.mailFromDomain
      ? `${d.mailFromDomain} · ${stateWords(d.mailFromStatus)}`
      : l10n.t('not set (amazonses.com is used)');
    out.push(
      new InfoNode(this, {
        id: `mailfrom:${key}`,
        label: l10n.t('MAIL FROM'),
        description: mailFrom,
        icon: { id: 'mail' },
      }),
    );
    return out;
  }
}
