// Activation registers commands and views only; nodemailer and the AWS SDK load on first use.
import * as vscode from 'vscode';
import { CredentialStore } from './features/credentials/store';
import { CredentialsView } from './features/credentials/view';
import { registerCredentialCommands } from './features/credentials/commands';
import { registerSecretCommands } from './features/credentials/secretCommands';
import { registerRotation } from './features/credentials/rotationCommands';
import { checkLogin } from './features/smtp/checkLogin';
import { generatePassword } from './features/smtp/generatePassword';
import { registerTestSend } from './features/testSend';
import { registerEnvFeatures } from './features/env';
import { registerExplorer, type SesExplorer } from './features/explorer';
import { AccountInfoService } from './features/accountInfo';
import { registerCommand } from './features/util';
import { FeatureCalls } from './features/calls';
import { registerDoctor } from './features/doctor';
import { loadedBundles } from './lazy';
import { COMMAND } from './core/commandIds';

export interface ToolkitApi {
  /** How long activate() took, in milliseconds. */
  activationMs: number;
  /** Heavy bundles loaded so far (empty right after activation). */
  loadedBundles(): string[];
  /** The explorer's data provider (for tests and other extensions). */
  explorer: SesExplorer;
}

export function activate(context: vscode.ExtensionContext): ToolkitApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('SES SMTP', { log: true });
  const store = new CredentialStore(context.secrets);
  const credentialsView = new CredentialsView(store);
  // The functions features offer one another (features/calls.ts), filled in as they register.
  const calls = new FeatureCalls();
  const checkLoginCommand = registerCommand(COMMAND.checkLogin, log, (args) => checkLogin(log, calls, args));
  calls.checkLogin = checkLoginCommand.run;
  const generateCommand = registerCommand(COMMAND.generatePassword, log, (args) => generatePassword(log, calls, args));
  calls.generatePassword = generateCommand.run;
  context.subscriptions.push(
    log,
    store,
    credentialsView,
    vscode.window.createTreeView('sesSmtpToolkit.credentials', { treeDataProvider: credentialsView }),
    generateCommand,
    checkLoginCommand,
    vscode.commands.registerCommand(COMMAND.showLog, () => log.show()),
    ...registerCredentialCommands(log, store, calls),
    ...registerSecretCommands(context.globalState, log, store, calls),
    registerDoctor(log, store),
  );
  registerRotation(context, log, store, calls, credentialsView);
  const accountInfo = new AccountInfoService();
  registerTestSend(context, log, store, accountInfo, calls);
  registerEnvFeatures(context, log, store, calls);
  const explorer = registerExplorer(context, log, accountInfo);
  const activationMs = performance.now() - started;
  log.info(`SES SMTP Toolkit activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, loadedBundles, explorer };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
