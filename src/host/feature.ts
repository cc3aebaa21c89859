// What every feature's activate(ctx) gets: one shape for all of them (src/extension.ts makes it).
// A feature registers its commands, views and providers with it, pushes what it creates onto
// ctx.subscriptions, and offers functions to the other features through ctx.calls.
import type * as vscode from 'vscode';
import type { AccountInfoService } from './accountInfo';
import type { FeatureCalls } from './calls';
import type { CredentialStore } from './credentialStore';
import type { Log } from './util';

export interface FeatureContext {
  /** The extension's own context: subscriptions, globalState, secrets, extensionUri, extensionMode. */
  extension: vscode.ExtensionContext;
  /** Disposed when the extension deactivates (the extension context's subscriptions). */
  subscriptions: vscode.Disposable[];
  /** The "SES SMTP" output channel. */
  log: Log;
  /** The saved credential sets (SecretStorage). */
  store: CredentialStore;
  /** The functions features offer one another, filled in as each feature activates. */
  calls: FeatureCalls;
  /** What the explorer learnt of each region's account (sandbox, quota, verified identities). */
  accountInfo: AccountInfoService;
}
