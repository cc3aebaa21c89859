// The "SMTP Credentials" view: one item per credential set, its last check shown by the icon. The
// row shows the name and region; the rest is in the tooltip (src/core/ui/credentialRow.ts).
import * as vscode from 'vscode';
import type { CredentialSet } from '../../core/smtp/credentialSets';
import { credentialRow, ROW_ICONS } from '../../core/ui/credentialRow';
import type { CredentialStore } from './store';
import { COMMAND } from '../../core/commandIds';

const ICON_COLORS = { unchecked: undefined, passed: 'testing.iconPassed', failed: 'testing.iconFailed' } as const;

export class CredentialNode extends vscode.TreeItem {
  constructor(readonly set: CredentialSet) {
    super(set.name, vscode.TreeItemCollapsibleState.None);
    const row = credentialRow(set);
    this.id = `credential:${set.id}`;
    this.description = row.description;
    this.contextValue = 'credentialSet';
    const color = ICON_COLORS[row.icon];
    this.iconPath = new vscode.ThemeIcon(ROW_ICONS[row.icon].codicon, color ? new vscode.ThemeColor(color) : undefined);
    const tooltip = new vscode.MarkdownString(row.tooltip, true);
    this.tooltip = tooltip;
    this.command = { command: COMMAND.credentials.check, title: vscode.l10n.t('Check Login'), arguments: [this] };
  }
}

export class CredentialsView implements vscode.TreeDataProvider<CredentialNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: CredentialStore) {
    this.subscription = store.onDidChange(() => this.changed.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  getTreeItem(node: CredentialNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: CredentialNode): Promise<CredentialNode[]> {
    if (node) return [];
    const sets = await this.store.list();
    return sets.sort((a, b) => a.name.localeCompare(b.name)).map((s) => new CredentialNode(s));
  }
}
