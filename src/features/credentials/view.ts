// The "SMTP Credentials" view: one item per credential set, its last check shown by the icon.
import * as vscode from 'vscode';
import { describeCredentialSet, endpointOf, type CredentialSet } from '../../core/smtp/credentialSets';
import type { CredentialStore } from './store';

export class CredentialNode extends vscode.TreeItem {
  constructor(readonly set: CredentialSet) {
    super(set.name, vscode.TreeItemCollapsibleState.None);
    this.id = `credential:${set.id}`;
    this.description = `${describeCredentialSet(set)}${set.allowUntrustedCertificate ? ' · ⚠ TLS unverified' : ''}`;
    this.contextValue = 'credentialSet';
    const last = set.lastCheck;
    this.iconPath = !last
      ? new vscode.ThemeIcon('key')
      : last.ok
        ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
        : new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    const endpoint = endpointOf(set);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${escapeMd(set.name)}**\n\n`);
    tooltip.appendMarkdown(`- Username: \`${escapeMd(set.username)}\`\n`);
    if (set.region) tooltip.appendMarkdown(`- Region: ${set.region}\n`);
    tooltip.appendMarkdown(`- Endpoint: \`${escapeMd(endpoint.host)}:${endpoint.port}\` (${endpoint.tls === 'implicit' ? 'TLS' : 'STARTTLS'})\n`);
    if (set.from) tooltip.appendMarkdown(`- Default From: ${escapeMd(set.from)}\n`);
    tooltip.appendMarkdown(`- Password: in the editor's secret storage\n`);
    if (set.allowUntrustedCertificate) tooltip.appendMarkdown(`- $(warning) Certificate verification is **off** for these credentials (opted in)\n`);
    tooltip.appendMarkdown(last ? `\n${last.ok ? '$(pass)' : '$(error)'} Last check ${new Date(last.at).toLocaleString()}: ${escapeMd(last.summary)}` : '\nNot checked yet.');
    this.tooltip = tooltip;
    this.command = { command: 'sesSmtpToolkit.credentials.check', title: 'Check Login', arguments: [this] };
  }
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
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
