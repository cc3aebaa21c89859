// The notification after a credential set is saved, with its next steps (src/features/credentials/logic/nextActions.ts).
import * as vscode from 'vscode';
import { afterSave, NEXT } from './logic/nextActions';
import type { FeatureCalls } from '../../host/calls';

/** Shows `message` with Check Login and Send Test Email for the saved set; does not wait for a click. */
export function offerAfterSave(set: { id: string }, message: string, calls: FeatureCalls): Promise<void> {
  return Promise.resolve(
    vscode.window.showInformationMessage(message, ...afterSave()).then(async (choice) => {
      const args = { credentialSet: set.id };
      // Both report their own errors.
      if (choice === NEXT.checkLogin) await calls.checkCredentialSet(args).catch(() => undefined);
      if (choice === NEXT.sendTestEmail) await calls.sendTestEmail(args).catch(() => undefined);
    }),
  );
}
