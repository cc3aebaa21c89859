// Registers Rotate SMTP Credentials and Delete Old Key, the key ages of the credentials view, and
// on start looks for rotations a closed window interrupted (the journal in globalState) and asks
// whether to finish or roll them back.
import * as vscode from 'vscode';
import type { RotationJournal } from './logic/rotationTypes';
import { COMMAND } from '../../base/commandIds';
import { registerCommand, type Log } from '../../host/util';
import type { DeleteOldKeyArgs, RotateArgs } from './args';
import { settings } from '../../host/settings';
import { folderTrusted, showTrustNeeded } from '../../host/trust';
import type { FeatureCalls } from '../../host/calls';
import { KeyAges } from './keyAges';
import type { RotationDeps } from './rotate';
import { RotationPreviews } from './rotationPreview';
import { RotationState } from './rotationState';
import type { CredentialStore } from '../../host/credentialStore';
import type { CredentialsView } from './view';

export interface RotationFeature {
  /** The explorer's chosen profile, for the key ages of sets without a remembered profile. */
  useExplorerProfile(selection: () => { profile?: string } | undefined): void;
}

export function registerRotation(
  context: vscode.ExtensionContext,
  log: Log,
  store: CredentialStore,
  calls: FeatureCalls,
  view: CredentialsView,
): void {
  const state = new RotationState(context.globalState);
  const previews = new RotationPreviews();
  const ages = new KeyAges(state, log);
  const deps: RotationDeps = { log, store, calls, state, previews, ages };
  view.showKeyAges(ages);
  context.subscriptions.push(
    previews,
    ages,
    // Rotation and Delete Old Key load with their first use (a chunk each, esbuild.config.mjs).
    registerCommand(COMMAND.credentials.rotate, log, async (args: RotateArgs | undefined, call) =>
      (await import('./rotate')).rotateCommand(deps, args, call),
    ),
    registerCommand(COMMAND.credentials.deleteOldKey, log, async (args: DeleteOldKeyArgs | undefined, call) =>
      (await import('./deleteOldKey')).deleteOldKeyCommand(deps, args, call),
    ),
  );
  // The journal is read here first: the recovery code loads only when a rotation was
  // interrupted, so a normal start loads no other chunk.
  const offer = () =>
    void (async () => {
      if ((await deps.state.journal.load()).length > 0) await offerRecovery(deps);
    })().catch((err: Error) => log.warn(`Could not check for interrupted rotations: ${err.message}`));
  offer();
  // Recovery calls IAM, so in Restricted Mode it waits: asked again once the folder is trusted.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(offer));
}

/** One question per interrupted rotation found in the journal; recovery waits for a trusted folder. */
async function offerRecovery(deps: RotationDeps): Promise<void> {
  const { describeJournal, offerRecovery: offerRecoveryWith } = await import('./logic/rotationRecovery');
  return offerRecoveryWith({
    journals: () => deps.state.journal.load(),
    setUsername: async (journal) => {
      deps.log.warn(`Found an interrupted ${describeJournal(journal)}.`);
      return (await deps.store.get(journal.setId))?.username;
    },
    ask: async (_journal, plan) => {
      const action =
        plan.kind === 'roll-back'
          ? vscode.l10n.t('Roll Back')
          : plan.kind === 'finish'
            ? vscode.l10n.t('Finish')
            : vscode.l10n.t('Forget');
      return (await vscode.window.showWarningMessage(plan.message, action, vscode.l10n.t('Later'))) === action;
    },
    // Recovery runs outside registerCommand and calls IAM: the same trust rule as every command.
    trusted: folderTrusted,
    untrusted: (journal) => {
      deps.log.info(`The ${describeJournal(journal)} is kept: the folder is not trusted (Restricted Mode).`);
      void showTrustNeeded();
    },
    recover: (journal) => recoverOne(deps, journal),
    failed: (journal, err) => {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Recovering the rotation of "{0}" failed: {1}', journal.setName, err.message),
      );
      deps.log.warn(`Recovering the ${describeJournal(journal)} failed: ${err.message}`);
    },
  });
}

async function recoverOne(deps: RotationDeps, journal: RotationJournal): Promise<void> {
  const [{ recover }, { profileForSet, summarize }, { iamFor, rotationPorts }] = await Promise.all([
    import('./logic/rotationRecovery'),
    import('./rotate'),
    import('./rotationPorts'),
  ]);
  const set = await deps.store.get(journal.setId);
  const known = deps.state.profile(journal.setId, settings().awsEndpoint);
  const chosen =
    known !== undefined
      ? { profile: known ?? undefined }
      : set
        ? await profileForSet(
            deps.state,
            set,
            undefined,
            vscode.l10n.t('AWS credentials for IAM user {0}', journal.userName),
          )
        : undefined;
  if (!chosen) return;
  const iam = iamFor(chosen.profile, set?.region);
  try {
    const base = set ?? {
      id: journal.setId,
      name: journal.setName,
      username: journal.oldKeyId,
      port: 587,
      tls: 'starttls' as const,
    };
    const ports = rotationPorts({ ...deps, set: base, profile: chosen.profile }, iam);
    const password = set ? await deps.store.getPassword(set.id) : undefined;
    const outcome = await recover(ports, journal, set?.username, password);
    const message =
      outcome.kind === 'roll-back'
        ? vscode.l10n.t(
            'Rolled back the rotation of "{0}": deleted {1}; the set keeps {2}.',
            journal.setName,
            outcome.deleted.join(', ') || vscode.l10n.t('no key (none was created)'),
            journal.oldKeyId,
          )
        : outcome.result
          ? summarize(journal.setName, outcome.result)
          : vscode.l10n.t('Forgot the interrupted rotation of "{0}".', journal.setName);
    deps.log.info(message);
    void vscode.window.showInformationMessage(message);
  } finally {
    iam.destroy();
    deps.ages.invalidate(journal.setId);
  }
}
