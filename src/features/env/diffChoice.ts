// The choice on the "Write SMTP Settings to .env" diff: Write and Cancel are actions on the diff
// editor's title (package.json, menus.editor/title), shown while the diff is pending and active.
// Closing the diff without choosing cancels. One diff is pending at a time; a newer one cancels it.
import * as vscode from 'vscode';

/** The context key the title actions' `when` clause reads. */
export const DIFF_PENDING_KEY = 'sesSmtpToolkit.envDiffPending';

export type DiffChoice = 'write' | 'cancel';

interface Pending {
  right: vscode.Uri;
  resolve(choice: DiffChoice): void;
}

function isDiffOf(tab: vscode.Tab, right: vscode.Uri): boolean {
  return tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === right.toString();
}

export class PendingEnvDiff implements vscode.Disposable {
  private pending: Pending | undefined;
  private readonly tabs: vscode.Disposable;

  constructor() {
    this.tabs = vscode.window.tabGroups.onDidChangeTabs((e) => {
      const p = this.pending;
      if (p && e.closed.some((tab) => isDiffOf(tab, p.right))) this.settle('cancel', false);
    });
  }

  /** Opens the diff and waits until the user writes, cancels or closes it. */
  async ask(left: vscode.Uri, right: vscode.Uri, title: string): Promise<DiffChoice> {
    this.settle('cancel', true); // an older diff still waiting is cancelled
    const choice = new Promise<DiffChoice>((resolve) => (this.pending = { right, resolve }));
    await vscode.commands.executeCommand('setContext', DIFF_PENDING_KEY, true);
    try {
      await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
    } catch (err) {
      this.settle('cancel', false);
      throw err;
    }
    return choice;
  }

  /**
   * What the title actions run: settles the pending diff (if any) and closes it. Write counts only
   * with the pending diff's own document (the title action passes it); a bare call, from any
   * caller, cannot press Write on the user's behalf. Nor can one who read the URI from the tabs
   * while the user looks at something else: Write counts only while the diff is the active tab of
   * the active group (where the title button is). Cancel needs nothing.
   */
  choose(choice: DiffChoice, uri?: unknown): boolean {
    const p = this.pending;
    if (choice === 'write') {
      if (!(p && uri instanceof vscode.Uri && uri.toString() === p.right.toString())) return false;
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      if (!active || !isDiffOf(active, p.right)) return false;
    }
    return this.settle(choice, true);
  }

  private settle(choice: DiffChoice, close: boolean): boolean {
    const p = this.pending;
    if (!p) return false;
    this.pending = undefined;
    void vscode.commands.executeCommand('setContext', DIFF_PENDING_KEY, false);
    if (close) {
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => isDiffOf(t, p.right));
      if (tabs.length) void vscode.window.tabGroups.close(tabs);
    }
    p.resolve(choice);
    return true;
  }

  dispose(): void {
    this.settle('cancel', false);
    this.tabs.dispose();
  }
}
