// Activation registers commands and views only; nodemailer and the AWS SDK load on first use.
import * as vscode from 'vscode';
import { checkLogin } from './features/smtp/checkLogin';
import { generatePassword } from './features/smtp/generatePassword';
import { registerCommand } from './features/util';
import { loadedBundles } from './lazy';

export interface ToolkitApi {
  /** How long activate() took, in milliseconds. */
  activationMs: number;
  /** Heavy bundles loaded so far (empty right after activation). */
  loadedBundles(): string[];
}

export function activate(context: vscode.ExtensionContext): ToolkitApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('SES SMTP', { log: true });
  context.subscriptions.push(
    log,
    registerCommand('sesSmtpToolkit.generatePassword', log, (args) => generatePassword(log, args)),
    registerCommand('sesSmtpToolkit.checkLogin', log, (args) => checkLogin(log, args)),
    vscode.commands.registerCommand('sesSmtpToolkit.showLog', () => log.show()),
    // An empty tree: the view shows its welcome content with the command buttons.
    vscode.window.registerTreeDataProvider('sesSmtpToolkit.tools', { getChildren: () => [], getTreeItem: (e: vscode.TreeItem) => e }),
  );
  const activationMs = performance.now() - started;
  log.info(`SES SMTP Toolkit activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, loadedBundles };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
