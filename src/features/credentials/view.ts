// The "SMTP Credentials" view: one item per credential set, its last check shown by the icon. The
// row shows the name and region; the rest is in the tooltip (src/features/credentials/logic/credentialRow.ts).
import * as vscode from 'vscode';
import type { CredentialSet } from '../../base/credentialSets';
import { credentialRow, ROW_ICONS } from './logic/credentialRow';
import { withKeyAge } from './logic/keyAge';
import type { CredentialStore } from '../../host/credentialStore';
import type { KeyAges } from './keyAges';
import { COMMAND } from '../../base/commandIds';
import { markOwn } from '../../host/ownArgs';

const ICON_COLORS = { unchecked: undefined, passed: 'testing.iconPassed', failed: 'testing.iconFailed' } as const;

export class CredentialNode extends vscode.TreeItem {
  constructor(
    readonly set: CredentialSet,
    ages?: KeyAges,
  ) {
    super(set.name, vscode.TreeItemCollapsibleState.None);
    const facts = ages?.get(set);
    const row = facts ? withKeyAge(credentialRow(set), facts, ages!.maxDays(), new Date()) : credentialRow(set);
    this.id = `credential:${set.id}`;
    this.description = row.description;
    this.contextValue = 'credentialSet';
    const color = ICON_COLORS[row.icon];
    this.iconPath = new vscode.ThemeIcon(ROW_ICONS[row.icon].codicon, color ? new vscode.ThemeColor(color) : undefined);
    // A key past the age limit (sesSmtpToolkit.credentials.maxKeyAgeDays) shows a warning instead.
    if ('tooOld' in row && row.tooOld)
      this.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    const tooltip = new vscode.MarkdownString(row.tooltip, true);
    this.tooltip = tooltip;
    this.command = { command: COMMAND.credentials.check, title: vscode.l10n.t('Check Login'), arguments: [this] };
  }
}

export class CredentialsView implements vscode.TreeDataProvider<CredentialNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private agesSubscription?: vscode.Disposable;
  private ages?: KeyAges;

  constructor(private readonly store: CredentialStore) {
    this.subscription = store.onDidChange(() => this.changed.fire());
  }

  /** Rows show each key's age once it is known (src/features/credentials/keyAges.ts). */
  showKeyAges(ages: KeyAges): void {
    this.ages = ages;
    this.agesSubscription = ages.onDidChange(() => this.changed.fire());
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.agesSubscription?.dispose();
    this.changed.dispose();
  }

  getTreeItem(node: CredentialNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: CredentialNode): Promise<CredentialNode[]> {
    if (node) return [];
    const sets = await this.store.list();
    return sets.sort((a, b) => a.name.localeCompare(b.name)).map((s) => markOwn(new CredentialNode(s, this.ages)));
  }
}
