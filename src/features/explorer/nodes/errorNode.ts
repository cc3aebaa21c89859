// A region whose identities failed to load: the reason, and a click retries that region only.
import type { ExplorerNode, ItemSpec } from './types';
import { l10n } from './l10n';
import { COMMAND } from '../../../base/commandIds';

export const RETRY_COMMAND = COMMAND.explorer.retry;

export class ErrorNode implements ExplorerNode {
  constructor(
    readonly parent: ExplorerNode & { readonly region: string },
    readonly message: string,
  ) {}

  get region(): string {
    return this.parent.region;
  }

  getTreeItem(): ItemSpec {
    return {
      id: `error:${this.region}`,
      label: l10n.t('Failed to load (click to retry)'),
      description: this.message,
      tooltip: this.message,
      icon: { id: 'error', color: 'errorForeground' },
      command: { command: RETRY_COMMAND, title: l10n.t('Retry'), arguments: [{ region: this.region }] },
    };
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
