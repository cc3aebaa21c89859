// The combined preview of the .env changes of a rotation: a read-only document (its own scheme, so
// closing it never asks to save) holding a unified diff whose passwords are masked.
import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'ses-smtp-rotation';

export class RotationPreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private content = '';
  private readonly uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: '/env-changes.diff' });
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this);

  provideTextDocumentContent(): string {
    return this.content;
  }

  /** Shows the (already masked) diff beside the editor. */
  async show(maskedDiff: string): Promise<void> {
    this.content = maskedDiff;
    this.changed.fire(this.uri);
    const doc = await vscode.workspace.openTextDocument(this.uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'diff');
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  async close(): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((g) =>
      g.tabs.filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === PREVIEW_SCHEME),
    );
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
    this.content = '';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
