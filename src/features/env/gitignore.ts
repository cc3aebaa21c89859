// After a write: make sure git will not commit the .env file that now holds a password.
import * as vscode from 'vscode';
import path from 'node:path';
import { WriteError } from '../../engines/envfile/fsAtomic';
import { addToGitignore, GitignoreRefused } from '../../engines/envfile/gitignoreAdd';
import { gitIgnores } from '../../engines/envfile/contain';
import type { Log } from '../../host/util';

/** `file` is the real path (symlinks resolved): what git sees is the file the password went to, not a link. */
export async function warnIfNotIgnored(file: string, log: Log): Promise<void> {
  if ((await gitIgnores(file)) !== false) return;
  const add = vscode.l10n.t('Add to .gitignore');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} holds an SMTP password but git does not ignore it; it could be committed.', path.basename(file)),
    add,
  );
  if (choice !== add) return;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath ?? path.dirname(file);
  try {
    const { entry, gitignore } = await addToGitignore(folder, file);
    log.info(`Added ${entry} to ${gitignore}.`);
  } catch (err) {
    if (!(err instanceof GitignoreRefused) && !(err instanceof WriteError)) throw err;
    log.warn(err.message);
    void vscode.window.showWarningMessage(err.message);
  }
}
