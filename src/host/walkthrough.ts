// The Getting Started walkthrough's steps complete when what they teach has worked, not when a
// command merely started (issue #31 item 2): each step's completionEvents in package.json is
// `onContext:sesSmtpToolkit.walkthrough.<step>`, and the feature sets that key on success.
import * as vscode from 'vscode';

export type WalkthroughStep = 'credentialsSaved' | 'loginPassed' | 'mailSent' | 'envWritten';

/** Marks a walkthrough step done (VS Code keeps the tick once the key has been true). */
export function walkthroughStepDone(step: WalkthroughStep): void {
  void vscode.commands.executeCommand('setContext', `sesSmtpToolkit.walkthrough.${step}`, true);
}
