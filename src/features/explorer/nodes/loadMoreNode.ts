// "Load more…" at the end of a region's identities while the service has more pages.
import type { ExplorerNode, ItemSpec } from './types';
import { l10n } from './l10n';
import { COMMAND } from '../../../base/commandIds';

export const LOAD_MORE_COMMAND = COMMAND.explorer.loadMore;

export class LoadMoreNode implements ExplorerNode {
  constructor(readonly parent: ExplorerNode & { readonly region: string; loadMore(): Promise<void> }) {}

  get region(): string {
    return this.parent.region;
  }

  /** Loads the next page; the region guards a double click, so it loads once. */
  loadMore(): Promise<void> {
    return this.parent.loadMore();
  }

  getTreeItem(): ItemSpec {
    return {
      id: `more:${this.region}`,
      label: l10n.t('Load more…'),
      icon: { id: 'ellipsis' },
      command: { command: LOAD_MORE_COMMAND, title: l10n.t('Load more'), arguments: [this] },
    };
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
