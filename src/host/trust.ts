// Restricted Mode: in a folder the user has not trusted, whatever would call AWS, connect to a server
// named by the folder, or write a file says that the folder must be trusted first, with the
// "Manage Workspace Trust" action. The .env checks and CodeLens keep working (read-only).
import * as vscode from 'vscode';
import { UserError } from './userError';

/** VS Code's own command that opens the Workspace Trust editor. */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';

export function folderTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/** The words of the refusal. */
export function trustMessage(): string {
  return vscode.l10n.t(
    'SES SMTP Toolkit: this folder must be trusted first. This action calls AWS, connects to a mail server or writes a file, which Restricted Mode does not allow; the .env checks and CodeLens keep working. Choose Manage Workspace Trust to trust the folder.',
  );
}

/** Shows the refusal with the Manage Workspace Trust action (not awaited by callers). */
export async function showTrustNeeded(): Promise<void> {
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const picked = await vscode.window.showWarningMessage(trustMessage(), manage);
  if (picked === manage) await vscode.commands.executeCommand(MANAGE_TRUST_COMMAND);
}

/** For paths outside registerCommand (the Send Test Email page, the Doctor's re-run): throws when untrusted. */
export function requireTrust(): void {
  if (folderTrusted()) return;
  void showTrustNeeded();
  throw new UserError(trustMessage());
}
