// The SES Explorer: regions → account status and identities → DKIM and DNS records. All chosen
// regions load at once and each shows up as soon as it answers; a failing region becomes an error
// node ("click to retry") while the others load. The AWS SDK is loaded on first use.
// Layout: nodes/ (one file per kind of row), provider.ts (the generic TreeDataProvider), root.ts
// (the chosen regions and the credential check), commands.ts, statusBar.ts, sesAccess.ts.
import * as vscode from 'vscode';
import type { FeatureContext } from '../../host/feature';
import { listAwsProfiles } from '../../engines/bundles/load';
import { registerExplorerCommands } from './commands';
import { SesExplorer } from './provider';
import { ExplorerStatusBar } from './statusBar';

export { SesExplorer } from './provider';
export type { ExplorerNode } from './nodes/types';

export const VIEW_ID = 'sesSmtpToolkit.explorer';
/** True when the chosen profile has no usable credentials (the welcome view says why). */
const NO_CREDENTIALS_KEY = 'sesSmtpToolkit.explorer.noCredentials';
/** How many AWS profiles the shared files hold (the welcome view offers to choose one). */
const PROFILE_COUNT_KEY = 'sesSmtpToolkit.explorer.profileCount';

/** The SES Explorer: its view, status bar item and commands; the explorer itself for the exported API. */
export function activate(ctx: FeatureContext): SesExplorer {
  const { extension: context, log, accountInfo } = ctx;
  const explorer = new SesExplorer(context);
  const status = new ExplorerStatusBar(() => explorer.selection());
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: explorer, showCollapseAll: true });
  // The profiles are read with the SDK's own loader (dist/aws.js), so only once the explorer is
  // on screen (its welcome view shows the count), never during activation.
  let profilesWanted = false;
  const profilesChanged = (): void => {
    if (!view.visible) {
      profilesWanted = true;
      return;
    }
    profilesWanted = false;
    setImmediate(
      () =>
        void listAwsProfiles().then(
          (profiles) => vscode.commands.executeCommand('setContext', PROFILE_COUNT_KEY, profiles.length),
          (err: unknown) => log.warn(`Could not read the AWS profiles: ${String(err)}`),
        ),
    );
  };
  profilesWanted = true;
  const visibility = view.onDidChangeVisibility((e) => e.visible && profilesWanted && profilesChanged());
  if (view.visible) profilesChanged();
  explorer.selectionChanged();
  // A tree view's message hides its welcome view, so the reason goes to the view's description,
  // the status bar tooltip and "Show Why" (a button of the welcome view) instead.
  const problemListener = explorer.onCredentialProblem((reason) => {
    if (reason === status.credentialProblem) return;
    status.credentialProblem = reason;
    view.description = reason ? vscode.l10n.t('no AWS credentials') : undefined;
    if (reason) log.warn(reason);
    void vscode.commands.executeCommand('setContext', NO_CREDENTIALS_KEY, reason !== undefined);
  });
  context.subscriptions.push(
    explorer,
    view,
    visibility,
    status,
    problemListener,
    explorer.onDidChangeSelection(() => status.update()),
    accountInfo.provide(explorer),
    vscode.workspace.onDidChangeConfiguration(
      (e) => e.affectsConfiguration('sesSmtpToolkit.aws.endpoint') && explorer.refresh(),
    ),
    // Restricted Mode lifted: the regions that could not load load now.
    vscode.workspace.onDidGrantWorkspaceTrust(() => explorer.refresh()),
    ...registerExplorerCommands({ explorer, view, status, log, profilesChanged, calls: ctx.calls }),
  );
  return explorer;
}
