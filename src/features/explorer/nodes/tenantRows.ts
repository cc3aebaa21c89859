// A tenant's row (#27): its sending status (who paused it) and reputation impact, and under it the
// identities, configuration sets and templates associated with it, fetched when it is opened.
// Loaded by tenantNode.ts when the "Tenants" row is opened, so activation does not carry it.
import { InfoNode } from './infoNode';
import type { ExplorerNode, ItemSpec, NodeContext, TenantRow } from './types';
import { l10n } from './l10n';

function kindOf(type: string): string {
  if (type === 'EMAIL_IDENTITY') return l10n.t('identity');
  if (type === 'CONFIGURATION_SET') return l10n.t('configuration set');
  if (type === 'EMAIL_TEMPLATE') return l10n.t('template');
  return type;
}

export class TenantNode implements ExplorerNode {
  constructor(
    readonly parent: ExplorerNode,
    readonly region: string,
    readonly tenant: TenantRow,
    private readonly ctx: NodeContext,
  ) {}

  getTreeItem(): ItemSpec {
    const t = this.tenant;
    // The row has little room: who paused it and the impact; the reason is in the tooltip.
    const brief = t.brief ?? t.status;
    const description = t.impact ? l10n.t('{0} · impact {1}', brief, t.impact) : brief;
    const full = t.impact ? l10n.t('{0}, reputation impact {1}', t.status, t.impact) : t.status;
    return {
      id: `tenant:${this.region}:${t.name}`,
      label: t.name,
      description,
      // The tooltip is also the row's accessible name: the tenant and its whole status first (with
      // the reason it was paused), then its ARN (a screen reader read only the ARN).
      tooltip: [l10n.t('Tenant {0} in {1}: {2}', t.name, this.region, full), ...(t.arn ? [t.arn] : [])].join('\n'),
      icon: t.paused
        ? { id: 'debug-pause', color: 'errorForeground' }
        : t.impact === 'HIGH'
          ? { id: 'warning', color: 'list.warningForeground' }
          : { id: 'pass', color: 'testing.iconPassed' },
      collapsible: 'collapsed',
      contextValue: 'sesTenant',
    };
  }

  async getChildren(): Promise<ExplorerNode[]> {
    const read = this.ctx.ses.tenantResources;
    if (!read) return [];
    try {
      const rows = await read.call(this.ctx.ses, this.region, this.tenant.name);
      if (!rows.length)
        return [
          new InfoNode(this, {
            id: `tenant-none:${this.region}:${this.tenant.name}`,
            label: l10n.t('No resources'),
            description: l10n.t('associate an identity and a configuration set to send'),
            icon: { id: 'info' },
          }),
        ];
      return rows.map(
        (r) =>
          new InfoNode(this, {
            id: `tenant-res:${this.region}:${this.tenant.name}:${r.arn}`,
            label: r.name,
            description: kindOf(r.type),
            tooltip: `${l10n.t('{0} ({1}) of the tenant {2}', r.name, kindOf(r.type), this.tenant.name)}\n${r.arn}`,
            icon: { id: r.type === 'EMAIL_IDENTITY' ? 'mail' : r.type === 'CONFIGURATION_SET' ? 'settings' : 'file' },
          }),
      );
    } catch (err) {
      const message = this.ctx.ses.describeError(err, this.region);
      return [
        new InfoNode(this, {
          id: `tenant-error:${this.region}:${this.tenant.name}`,
          label: l10n.t('Failed to load the resources'),
          description: message,
          tooltip: message,
          icon: { id: 'error', color: 'errorForeground' },
        }),
      ];
    }
  }
}
