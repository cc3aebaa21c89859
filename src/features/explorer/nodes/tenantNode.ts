// A region's SES tenants (#27): the "Tenants" row, shown when the region has any; its tenant rows
// are in tenantRows.ts, loaded when it is opened. The calls live in the AWS bundle (sesAccess.ts).
import type { ExplorerNode, ItemSpec, NodeContext, TenantRow } from './types';
import { l10n } from './l10n';

export class TenantsNode implements ExplorerNode {
  constructor(
    readonly parent: ExplorerNode,
    readonly region: string,
    private readonly tenants: readonly TenantRow[],
    private readonly ctx: NodeContext,
  ) {}

  getTreeItem(): ItemSpec {
    const paused = this.tenants.filter((t) => t.paused).length;
    return {
      id: `tenants:${this.region}`,
      label: l10n.t('Tenants'),
      description: paused
        ? l10n.t('{0} tenants, {1} paused', this.tenants.length, paused)
        : l10n.t('{0} tenants', this.tenants.length),
      icon: { id: 'organization' },
      collapsible: 'collapsed',
      contextValue: 'sesTenants',
    };
  }

  // The tenant rows load when this row is opened, not with the extension (the activation budget).
  async getChildren(): Promise<ExplorerNode[]> {
    const { TenantNode } = await import('./tenantRows');
    return this.tenants.map((t) => new TenantNode(this, this.region, t, this.ctx));
  }
}
