// Activation registers commands and views only; nodemailer and the AWS SDK load on first use.
import * as vscode from 'vscode';
import { CredentialStore } from './host/credentialStore';
import { CredentialsView } from './features/credentials/view';
import { registerCredentialCommands } from './features/credentials/commands';
import { registerSecretCommands } from './features/credentials/secretCommands';
import { registerRotation } from './features/credentials/rotationCommands';
import { RotationState } from './features/credentials/rotationState';
import { settings } from './host/settings';
import { checkLogin } from './features/credentials/checkLogin';
import { generatePassword } from './features/credentials/generatePassword';
import { registerTestSend } from './features/testMail';
import { registerEnvFeatures } from './features/env';
import { registerExplorer } from './features/explorer';
import { explorerView, type ExplorerView } from './features/explorer/apiView';
import type { Selection } from './features/explorer/root';
import type { ExplorerNode } from './features/explorer/nodes/types';
import { readOnlyView } from './host/ownArgs';
import { AccountInfoService } from './host/accountInfo';
import { registerCommand, useArgumentChecks } from './host/util';
import { commandExample, commandTakesNoArguments, validateCommandArgs } from './commandArgs';
import { FeatureCalls } from './host/calls';
import { runDoctorCommand } from './features/doctor';
import { loadedBundles } from './engines/bundles/load';
import { COMMAND } from './base/commandIds';

export interface ToolkitApi {
  /** How long activate() took, in milliseconds. */
  activationMs: number;
  /** Heavy bundles loaded so far (empty right after activation). */
  loadedBundles(): string[];
  /** The SES Explorer, read-only: its rows and the chosen profile and regions (features/explorer/apiView.ts). */
  explorer: ExplorerView;
  /**
   * Only when the extension runs under its own test runner (ExtensionMode.Test), never in a user's
   * editor: what the end-to-end tests need beyond the read-only API.
   */
  testHooks?: {
    selectExplorer(selection: Selection | undefined): Promise<void>;
    /** Calls back with each explorer row VS Code fetches (a read-only view and its item); undefined stops. */
    watchExplorerDraws(listener: ((node: ExplorerNode, item: vscode.TreeItem) => void) | undefined): void;
    /** The AWS profile remembered for a set's key ages and Delete Old Key (null: default chain; undefined: none). */
    rememberedProfile(setId: string): string | null | undefined;
  };
}

export function activate(context: vscode.ExtensionContext): ToolkitApi {
  const started = performance.now();
  // The argument schemas (dist/ondemand.js: loaded when a command first gets an argument).
  useArgumentChecks({
    validate: validateCommandArgs,
    takesNoArguments: commandTakesNoArguments,
    example: commandExample,
  });
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
    // The Doctor's code (and its page) load on its first run (esbuild.config.mjs ON_DEMAND).
    registerCommand(COMMAND.runDoctor, log, (args, call) => runDoctorCommand(log, store, args, call)),
  );
  registerRotation(context, log, store, calls, credentialsView);
  const accountInfo = new AccountInfoService();
  registerTestSend(context, log, store, accountInfo, calls);
  registerEnvFeatures(context, log, store, calls);
  const explorer = registerExplorer(context, log, accountInfo);
  const activationMs = performance.now() - started;
  log.info(`SES SMTP Toolkit activated in ${activationMs.toFixed(1)} ms`);
  const testHooks =
    context.extensionMode === vscode.ExtensionMode.Test
      ? {
          selectExplorer: (selection: Selection | undefined) => explorer.select(selection),
          watchExplorerDraws: (listener: ((node: ExplorerNode, item: vscode.TreeItem) => void) | undefined) => {
            explorer.drawn = listener && ((node, item) => listener(readOnlyView(node), item));
          },
          rememberedProfile: (setId: string) =>
            new RotationState(context.globalState).profile(setId, settings().awsEndpoint),
        }
      : undefined;
  return { activationMs, loadedBundles, explorer: explorerView(explorer), testHooks };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
