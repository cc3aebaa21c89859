// The explorer's TreeDataProvider. It knows no node kinds: every node draws its own row and finds
// its own children and parent; this class turns rows into TreeItems and updates the tree one node
// at a time when a node says it changed.
import * as vscode from 'vscode';
import type { AccountInfoProvider, RegionAccountInfo } from '../../host/accountInfo';
import { ExplorerRoot, type Selection } from './root';
import type { RegionNode } from './nodes/regionNode';
import type { ExplorerNode, ItemSpec } from './nodes/types';
import { PooledSesAccess } from './sesAccess';
import { settings } from '../../host/settings';
import { folderTrusted, trustMessage } from '../../host/trust';
import { UserError } from '../../host/userError';
import { EXPLORER_SELECTION_KEY } from '../../host/awsProfilePicker';
import { useTranslator } from './nodes/l10n';
import { markOwn, markOwnFor } from '../../host/ownArgs';

const STATE_KEY = EXPLORER_SELECTION_KEY;
const CHOSEN_KEY = 'sesSmtpToolkit.explorer.chosen';

const COLLAPSIBLE = {
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

export function toTreeItem(spec: ItemSpec): vscode.TreeItem {
  const item = new vscode.TreeItem(
    spec.label,
    spec.collapsible ? COLLAPSIBLE[spec.collapsible] : vscode.TreeItemCollapsibleState.None,
  );
  item.id = spec.id;
  item.description = spec.description;
  item.tooltip = spec.tooltip;
  item.contextValue = spec.contextValue;
  // The row's click runs its command with arguments we made: the UI, not a caller (features/ownArgs.ts).
  // Plain data made for the click is frozen and own only for that command: taken from the item and
  // passed to another command, it is a caller's. A node passed as its own argument stays a node.
  const clickId = spec.command?.command;
  item.command = spec.command && {
    ...spec.command,
    arguments: spec.command.arguments?.map((a) => {
      if (typeof a !== 'object' || a === null) return a;
      return Object.getPrototypeOf(a) === Object.prototype && clickId ? markOwnFor(a, clickId) : markOwn(a);
    }),
  };
  if (spec.icon)
    item.iconPath = new vscode.ThemeIcon(
      spec.icon.id,
      spec.icon.color ? new vscode.ThemeColor(spec.icon.color) : undefined,
    );
  return item;
}

export class SesExplorer implements vscode.TreeDataProvider<ExplorerNode>, AccountInfoProvider {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | ExplorerNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly credentialsChanged = new vscode.EventEmitter<string | undefined>();
  /** Fires with the reason when the chosen profile has no usable credentials, undefined when it has. */
  readonly onCredentialProblem = this.credentialsChanged.event;
  private readonly selectionEmitter = new vscode.EventEmitter<Selection | undefined>();
  /** Fires when another profile or other regions are chosen (or none). */
  readonly onDidChangeSelection = this.selectionEmitter.event;
  readonly ses = new PooledSesAccess((region) => this.access(region));
  private readonly root: ExplorerRoot;

  constructor(private readonly context: vscode.ExtensionContext) {
    // The nodes (vscode-free) speak through nodes/l10n.ts: from now on in the editor's language.
    useTranslator(vscode.l10n.t);
    const ctx = {
      ses: this.ses,
      changed: (nodes: ExplorerNode[]) => this.refresh(nodes),
      regionShown: (region: string) => this.regionNode(region) !== undefined,
    };
    this.root = new ExplorerRoot(
      ctx,
      () => this.selection(),
      (problem) => this.credentialsChanged.fire(problem),
    );
  }

  dispose(): void {
    this.root.reset();
    this.ses.dispose();
    this.changed.dispose();
    this.credentialsChanged.dispose();
    this.selectionEmitter.dispose();
  }

  selection(): Selection | undefined {
    return this.context.globalState.get<Selection>(STATE_KEY);
  }

  /** Another profile or other regions (undefined: none chosen); the whole tree starts again. */
  async select(selection: Selection | undefined): Promise<void> {
    await this.context.globalState.update(STATE_KEY, selection);
    this.selectionChanged();
    this.selectionEmitter.fire(selection);
    this.refresh();
  }

  /** Tells the welcome view whether a profile is chosen (it then stops offering to choose one). */
  selectionChanged(): void {
    void vscode.commands.executeCommand('setContext', CHOSEN_KEY, this.selection() !== undefined);
  }

  /** With nodes: their rows and children update. Without: everything loads again. */
  refresh(node?: ExplorerNode | ExplorerNode[]): void {
    if (node) {
      this.changed.fire(node);
      return;
    }
    this.root.reset();
    this.ses.reset();
    this.changed.fire(undefined);
  }

  /** What an AWS client for the region needs: the chosen profile and the endpoint setting. */
  access(region: string): { profile?: string; region: string; endpoint?: string } {
    if (!folderTrusted()) throw new UserError(trustMessage()); // Restricted Mode: no AWS call
    return { profile: this.selection()?.profile, region, endpoint: settings().awsEndpoint };
  }

  /** The AWS access for Send Test Email's configuration sets: only once a profile is chosen here. */
  awsAccess(region: string): { profile?: string; region: string; endpoint?: string } | undefined {
    return this.selection() ? this.access(region) : undefined;
  }

  /** The region's node, if it is chosen and the tree has shown it. */
  regionNode(region: string): RegionNode | undefined {
    return this.root.region(region);
  }

  /** Loads a failed region again, with credentials read afresh (the user may have fixed them). */
  async retry(region: string): Promise<void> {
    this.ses.forgetCredentials();
    await this.root.region(region)?.load(true);
  }

  regionInfo(region: string): RegionAccountInfo | undefined {
    return this.root.region(region)?.accountInfo();
  }

  /** Told of every row VS Code fetches (the e2e bench's hook; set only under the test runner). */
  drawn?: (node: ExplorerNode, item: vscode.TreeItem) => void;

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const item = toTreeItem(node.getTreeItem());
    this.drawn?.(node, item);
    return item;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    // Every element the tree gets is marked ours: a menu passing it to a command is the UI.
    return (node ? await node.getChildren() : await this.root.getChildren()).map(markOwn);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }
}
