// The credentials feature's activation: the SMTP Credentials view, the commands on saved sets
// (add, generate, check, copy, rename, delete, import, export, rotate, delete old key) and the
// two that work on typed-in fields (Generate SMTP Password, Check SMTP Login), which it offers to
// the other features through ctx.calls.
import * as vscode from 'vscode';
import type { FeatureContext } from '../../host/feature';
import { registerCommand } from '../../host/util';
import { COMMAND } from '../../base/commandIds';
import { CredentialsView } from './view';
import { registerCredentialCommands } from './commands';
import { registerSecretCommands } from './secretCommands';
import { registerRotation } from './rotationCommands';
import { walkthroughStepDone } from '../../host/walkthrough';

export function activate(ctx: FeatureContext): void {
  const { extension: context, log, store, calls } = ctx;
  const credentialsView = new CredentialsView(store);
  const checkLoginCommand = registerCommand(COMMAND.checkLogin, log, async (args) =>
    (await import('./checkLogin')).checkLogin(log, calls, args),
  );
  calls.checkLogin = checkLoginCommand.run;
  const generateCommand = registerCommand(COMMAND.generatePassword, log, async (args) =>
    (await import('./generatePassword')).generatePassword(log, calls, args),
  );
  calls.generatePassword = generateCommand.run;
  ctx.subscriptions.push(
    credentialsView,
    vscode.window.createTreeView('sesSmtpToolkit.credentials', { treeDataProvider: credentialsView }),
    generateCommand,
    checkLoginCommand,
    ...registerCredentialCommands(log, store, calls),
    ...registerSecretCommands(context.globalState, log, store, calls),
  );
  // The walkthrough's "Get SMTP credentials" step is done once a set is saved, however it was made.
  ctx.subscriptions.push(
    store.onDidChange(
      () =>
        void store.list().then(
          (sets) => sets.length > 0 && walkthroughStepDone('credentialsSaved'),
          () => undefined,
        ),
    ),
  );
  registerRotation(context, log, store, calls, credentialsView);
}
