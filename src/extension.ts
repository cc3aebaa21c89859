// Activation registers commands and views only; nodemailer and the AWS SDK load on first use.
import * as vscode from 'vscode';
import { CredentialStore } from './host/credentialStore';
import { settings } from './host/settings';
import { readOnlyView } from './host/ownArgs';
import { AccountInfoService } from './host/accountInfo';
import { useArgumentChecks } from './host/util';
import { useChoiceMemory } from './host/awsProfilePicker';
import { FeatureCalls } from './host/calls';
import type { FeatureContext } from './host/feature';
import * as credentials from './features/credentials';
import * as testMail from './features/testMail';
import * as env from './features/env';
import * as explorerFeature from './features/explorer';
import * as doctor from './features/doctor';
import * as delivery from './features/delivery';
import * as agentTools from './features/agentTools';
import * as appErrors from './features/appErrors';
import * as deploy from './features/deploy';
import { explorerView, type ExplorerView } from './features/explorer/apiView';
import type { Selection } from './features/explorer/root';
import type { ExplorerNode } from './features/explorer/nodes/types';
import { RotationState } from './features/credentials/rotationState';
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
    /** Calls back with each terminal line VS Code asked Explain SES SMTP Error about, and the link's hover (undefined: none); undefined stops. */
    watchTerminalLinks(listener: ((line: string, summary: string | undefined) => void) | undefined): void;
  };
}

export function activate(context: vscode.ExtensionContext): ToolkitApi {
  const started = performance.now();
  // The argument schemas: a chunk of their own, loaded when the first command runs.
  useArgumentChecks(async () => {
    const { validateCommandArgs, commandTakesNoArguments, commandExample } = await import('./commandArgs');
    return { validate: validateCommandArgs, takesNoArguments: commandTakesNoArguments, example: commandExample };
  });
  // Prompts start at the explorer's profile and region, or the last ones picked (globalState).
  useChoiceMemory(context.globalState);
  const log = vscode.window.createOutputChannel('SES SMTP', { log: true });
  const store = new CredentialStore(context.secrets);
  context.subscriptions.push(
    log,
    store,
    vscode.commands.registerCommand(COMMAND.showLog, () => log.show()),
  );
  // One shape for every feature (host/feature.ts). The functions features offer one another
  // (host/calls.ts) are filled in as they activate.
  const ctx: FeatureContext = {
    extension: context,
    subscriptions: context.subscriptions,
    log,
    store,
    calls: new FeatureCalls(),
    accountInfo: new AccountInfoService(),
  };
  credentials.activate(ctx);
  doctor.activate(ctx);
  delivery.activate(ctx);
  deploy.activate(ctx);
  testMail.activate(ctx);
  env.activate(ctx);
  const appErrorLinks = appErrors.activate(ctx);
  const explorer = explorerFeature.activate(ctx);
  agentTools.activate(ctx);
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
          watchTerminalLinks: (listener: ((line: string, summary: string | undefined) => void) | undefined) =>
            appErrorLinks.watchLinks(listener),
        }
      : undefined;
  return { activationMs, loadedBundles, explorer: explorerView(explorer), testHooks };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
