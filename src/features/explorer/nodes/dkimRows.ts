// A domain's DKIM as SES describes it: the DKIM row (state, mode, key lengths: "Verified · Easy
// DKIM · 1024-bit → 2048-bit next") and, for a Deterministic Easy DKIM replica, a row that leads to
// the identity it replicates: revealed when its region is in the tree, offered to add otherwise.
import type { IdentityDetails } from '../../../engines/aws/ses';
import { describeDkim, type DkimDisplay, type DkimKeyUpgradePlan } from '../../../engines/dns/dkimDisplay';
import type { RecordCheck } from '../../../engines/dns/check';
import { stateIcon, stateWords } from './identityState';
import type { ExplorerNode, ItemSpec } from './types';
import { l10n } from './l10n';
import { COMMAND } from '../../../base/commandIds';

export const SHOW_DKIM_PARENT_COMMAND = COMMAND.explorer.showDkimParent;
/** A domain whose Easy DKIM key can move to 2048-bit (its context menu offers it). */
export const DKIM_UPGRADE_CONTEXT = 'sesDomainIdentity.dkimUpgrade';
export const DOMAIN_CONTEXT = 'sesDomainIdentity';

/** The DKIM display of an identity's details, with the live checks when there are some. */
export function dkimDisplay(d: IdentityDetails, checks?: readonly RecordCheck[]): DkimDisplay {
  return describeDkim(d, { checks });
}

/** "Easy DKIM", "BYODKIM", "replica of us-east-1". */
export function dkimMode(display: DkimDisplay): string {
  if (display.mode === 'byodkim') return 'BYODKIM';
  if (display.mode === 'deterministic') return l10n.t('replica of {0}', display.parentRegion ?? '');
  return 'Easy DKIM';
}

/** "2048-bit", "1024-bit → 2048-bit next"; BYODKIM: the published key's length once DNS was checked. */
export function keyWords(display: DkimDisplay, checks?: readonly RecordCheck[]): string | undefined {
  if (display.mode === 'byodkim') {
    const bits = checks?.find((c) => c.record.purpose === 'dkim' && c.keyBits)?.keyBits;
    return bits ? `${bits}-bit` : undefined;
  }
  const { currentKeyBits: now, nextKeyBits: next } = display;
  if (next && now && next !== now) return l10n.t('{0}-bit → {1}-bit next', now, next);
  if (now) return `${now}-bit`;
  return next ? l10n.t('{0}-bit next', next) : undefined;
}

/** The DKIM row of a domain. */
export function dkimRow(id: string, d: IdentityDetails, checks?: readonly RecordCheck[]): ItemSpec {
  const display = dkimDisplay(d, checks);
  const status = d.dkimStatus ?? 'NOT_STARTED';
  const description = [
    stateWords(status),
    dkimMode(display),
    keyWords(display, checks),
    d.dkimSigningEnabled === false ? l10n.t('signing off') : undefined,
  ].filter(Boolean);
  return {
    id,
    label: l10n.t('DKIM'),
    description: description.join(' · '),
    icon: stateIcon(status),
    tooltip: display.tooltip.join('\n'),
  };
}

/** The question "Move DKIM Key to 2048-bit" asks first: what happens, and what it means for DNS. */
export function upgradeQuestion(
  name: string,
  region: string,
  plan: DkimKeyUpgradePlan,
): { message: string; detail: string; button: string } {
  return {
    message: l10n.t('Move the DKIM key of {0} in {1} to 2048-bit?', name, region),
    detail: `${plan.summary}\n\n${plan.dns}`,
    button: l10n.t('Move to 2048-bit'),
  };
}

/** What the replica row needs of the domain row it sits under. */
export interface ReplicaParent extends ExplorerNode {
  readonly region: string;
  readonly identity: { name: string };
  /** True when the region is in the tree (chosen and shown). */
  regionShown(region: string): boolean;
}

/** "Replicates DKIM of example.com in us-east-1": a click shows that identity, or offers its region. */
export class DkimParentNode implements ExplorerNode {
  constructor(
    readonly parent: ReplicaParent,
    readonly parentRegion: string,
  ) {}

  get name(): string {
    return this.parent.identity.name;
  }

  get shown(): boolean {
    return this.parent.regionShown(this.parentRegion);
  }

  getTreeItem(): ItemSpec {
    const { name, parentRegion } = this;
    const what = l10n.t(
      "Deterministic Easy DKIM: {0} in {1} signs with the keys of {0} in {2}; its tokens and CNAMEs are that identity's, and key changes are made there.",
      name,
      this.parent.region,
      parentRegion,
    );
    return {
      id: `dkimparent:${this.parent.region}:${name}`,
      label: l10n.t('Replicates DKIM of {0} in {1}', name, parentRegion),
      description: this.shown ? undefined : l10n.t('{0} not shown', parentRegion),
      icon: { id: 'references' },
      tooltip: this.shown
        ? `${what}\n${l10n.t('Click to show {0} in {1}.', name, parentRegion)}`
        : `${what}\n${l10n.t('{0} is not shown in the SES Explorer. Click to add it.', parentRegion)}`,
      command: { command: SHOW_DKIM_PARENT_COMMAND, title: l10n.t('Show DKIM Parent Identity'), arguments: [this] },
    };
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
