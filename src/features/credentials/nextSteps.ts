// The notification after a credential set is saved, with its next steps (src/core/ui/nextActions.ts).
import * as vscode from 'vscode';
import { afterSave, NEXT } from '../../core/ui/nextActions';

/** Shows `message` with Check Login and Send Test Email for the saved set; does not wait for a click. */
export function offerAfterSave(set: { id: string }, message: string): Promise<void> {
  return Promise.resolve(
    vscode.window.showInformationMessage(message, ...afterSave()).then(async (choice) => {
      // Both commands report their own errors.
      if (choice === NEXT.checkLogin) await run('sesSmtpToolkit.credentials.check', { credentialSet: set.id });
      if (choice === NEXT.sendTestEmail) await run('sesSmtpToolkit.sendTestEmail', { credentialSet: set.id });
    }),
  );
}

async function run(command: string, args: object): Promise<void> {
  try {
    await vscode.commands.executeCommand(command, args);
  } catch {
    // already shown as an error notification by the command
  }
}
