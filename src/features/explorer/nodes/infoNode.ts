// A row that only informs: a placeholder ("No identities"), the DKIM and MAIL FROM states of a
// domain, or why a domain's details failed to load.
import type { ExplorerNode, ItemIcon, ItemSpec } from './types';
import { l10n } from './l10n';

export class InfoNode implements ExplorerNode {
  constructor(
    readonly parent: ExplorerNode,
    private readonly item: ItemSpec,
  ) {}

  getTreeItem(): ItemSpec {
    return this.item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}

export function placeholderNode(parent: ExplorerNode & { readonly region: string }): InfoNode {
  const icon: ItemIcon = { id: 'add' };
  return new InfoNode(parent, {
    id: `none:${parent.region}`,
    label: l10n.t('No identities'),
    description: l10n.t('create one: domain or address'),
    icon,
  });
}
