// "SES SMTP: Rotate SMTP Credentials": a new access key for the set's IAM user, checked by logging
// in before the set switches to it, the .env files offered, the old key Inactive and deleted now or
// later (src/features/credentials/logic/rotation.ts). The new key's secret lives only in this call.
import * as vscode from 'vscode';
import { consentTo, type CallContext } from '../../host/consent';
import { rotateCredentials } from './logic/rotation';
import { RotationError, type RotationResult } from './logic/rotationTypes';
import type { RotateArgs } from './args';
import type { CredentialSet } from '../../base/credentialSets';
import { pickAwsProfile } from '../../host/awsProfilePicker';
import { awsDestinationLabel, settings } from '../../host/settings';
import { UserError, type Log } from '../../host/util';
import type { FeatureCalls } from '../../host/calls';
import { resolveCredentialSet } from '../../host/credentialStore';
import { iamFor, rotationPorts } from './rotationPorts';
import type { RotationPreviews } from './rotationPreview';
import type { RotationState } from './rotationState';
import type { CredentialStore } from '../../host/credentialStore';
import type { KeyAges } from './keyAges';

export interface RotationDeps {
  log: Log;
  store: CredentialStore;
  calls: FeatureCalls;
  state: RotationState;
  previews: RotationPreviews;
  ages: KeyAges;
}

const isPlain = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** The profile from the argument, else the one last used for the set (confirmed in the picker), else asked. */
export async function profileForSet(
  state: RotationState,
  set: CredentialSet,
  given: string | undefined,
  title: string,
): Promise<{ profile?: string } | undefined> {
  if (given !== undefined) return { profile: given };
  const picked = await pickAwsProfile({ title });
  if (!picked || picked.kind === 'none') return undefined;
  const profile = picked.kind === 'profile' ? picked.name : undefined;
  await state.rememberProfile(set.id, profile, settings().awsEndpoint);
  return { profile };
}

export async function rotateCommand(
  deps: RotationDeps,
  raw: RotateArgs | undefined,
  call: CallContext,
): Promise<RotationResult | undefined> {
  const { log, state } = deps;
  // Plain data was checked by registerCommand against rotateSchema; a row's CredentialNode is not read.
  // updateLinkedSecret: write the new key into the set's linked secret; default: asked (true with an argument object).
  const args = (isPlain(raw) ? raw : {}) as RotateArgs;
  const set = await setToRotate(deps, raw);
  if (!set) return undefined;
  const chosen = await profileForSet(
    state,
    set,
    args.profile,
    vscode.l10n.t('Rotate "{0}": AWS credentials that may manage the keys of its IAM user', set.name),
  );
  if (!chosen) return undefined;
  if (!isPlain(raw) && !(await askToRotate(set))) return undefined;
  if (call.scripted && !(await consentTo(call, rotationEffect(set, args, chosen.profile)))) return undefined;
  // Remembered only once the rotation may run: a refused caller does not change the profile that
  // key ages and Delete Old Key use later.
  if (args.profile !== undefined) await state.rememberProfile(set.id, args.profile, settings().awsEndpoint);
  const alsoSwitched: string[] = [];
  const result = await runRotation(deps, set, chosen.profile, args, isPlain(raw), alsoSwitched);
  const also = alsoSwitched.length
    ? ` ${vscode.l10n.t('Also switched (same key, other regions): {0}.', alsoSwitched.map((n) => `"${n}"`).join(', '))}`
    : '';
  const summary = summarize(set.name, result) + also;
  log.info(summary);
  void vscode.window.showInformationMessage(summary);
  return result;
}

/** The set to rotate, given or picked: it needs a region, and no interrupted rotation of it may be pending. */
async function setToRotate(deps: RotationDeps, raw: unknown): Promise<CredentialSet | undefined> {
  const set = await resolveCredentialSet(deps.store, raw, vscode.l10n.t('Rotate SMTP Credentials'), deps.calls);
  if (!set) return undefined;
  if (!set.region)
    throw new UserError(
      vscode.l10n.t(
        '"{0}" has no region, and the SMTP password of a new key is derived for one region. Add a set with a region (Add SMTP Credentials), then rotate that.',
        set.name,
      ),
    );
  const pending = (await deps.state.journal.load()).find((j) => j.setId === set.id);
  if (pending)
    throw new UserError(
      vscode.l10n.t(
        'A rotation of "{0}" was interrupted ({1}). Reload the window to finish or roll it back first.',
        set.name,
        pending.step,
      ),
    );
  return set;
}

/** The question asked in our own UI; true when the user chose Rotate. */
async function askToRotate(set: CredentialSet): Promise<boolean> {
  const go = vscode.l10n.t('Rotate');
  const ok = await vscode.window.showInformationMessage(
    vscode.l10n.t('Rotate the access key of "{0}" ({1})?', set.name, set.username),
    {
      modal: true,
      detail: `${vscode.l10n.t(
        'A new key is created for its IAM user and checked by logging in; only then does the set switch to it. You can update the .env files that use the old key; the old key is then set Inactive. If the check fails, the new key is deleted and nothing else changes.',
      )}\n\n${awsDestinationLabel()}`,
    },
    go,
  );
  return ok === go;
}

/** The rotation as a caller's consent dialog describes it, step by step. */
function rotationEffect(
  set: CredentialSet,
  args: RotateArgs,
  profile: string | undefined,
): { summary: string; detail: string; action: string } {
  const steps = [
    vscode.l10n.t(
      'A new access key is created for the IAM user of {0} (AWS profile {1}, endpoint {2}) and the set switches to it.',
      set.username,
      profile ?? vscode.l10n.t('default chain'),
      settings().awsEndpoint ?? 'AWS',
    ),
    args.deleteOldKey === 'now'
      ? vscode.l10n.t('The old key {0} is then DELETED (it cannot be restored).', set.username)
      : args.deleteOldKey === 'never'
        ? vscode.l10n.t('The old key {0} is left active.', set.username)
        : vscode.l10n.t('The old key {0} is set Inactive.', set.username),
    args.updateEnvFiles ? vscode.l10n.t('The .env files of the workspace that use the old key are rewritten.') : '',
    (args.updateLinkedSecret ?? true) && set.linkedSecret
      ? vscode.l10n.t('The linked secret {0} gets the new login.', set.linkedSecret.name)
      : '',
  ];
  return {
    summary: vscode.l10n.t('Rotate the access key of "{0}" ({1})', set.name, set.username),
    detail: steps.filter(Boolean).join('\n'),
    action: vscode.l10n.t('Rotate'),
  };
}

/**
 * The rotation itself (logic/rotation.ts) over the real ports, cancellable, with progress; the names
 * of other sets switched to the new key are added to `alsoSwitched`.
 */
async function runRotation(
  deps: RotationDeps,
  set: CredentialSet,
  profile: string | undefined,
  args: RotateArgs,
  withArgs: boolean,
  alsoSwitched: string[],
): Promise<RotationResult> {
  const iam = iamFor(profile, set.region);
  try {
    return await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Rotating SMTP credentials of "{0}"', set.name),
        cancellable: true,
      },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        const ports = rotationPorts(
          {
            ...deps,
            set,
            profile,
            updateEnvFiles: args.updateEnvFiles,
            updateLinkedSecret: args.updateLinkedSecret ?? (withArgs ? true : undefined),
            signal: controller.signal,
            deleteOldKey: args.deleteOldKey,
            alsoSwitched,
            progress: (message) => {
              deps.log.info(`Rotation of "${set.name}": ${message}`);
              progress.report({ message });
            },
          },
          iam,
        );
        return rotateCredentials(ports, {
          set: { id: set.id, name: set.name, username: set.username, region: set.region! },
          signal: controller.signal,
          maxWaitMs: args.maxWaitSeconds !== undefined ? args.maxWaitSeconds * 1000 : undefined,
        });
      },
    );
  } catch (err) {
    const message = err instanceof RotationError ? err.message : `Rotation failed: ${(err as Error).message}`;
    throw new UserError(message);
  } finally {
    iam.destroy();
    deps.ages.invalidate(set.id);
  }
}

export function summarize(name: string, r: RotationResult): string {
  const env = r.envFiles.length
    ? vscode.l10n.t('{0} .env file(s) updated.', r.envFiles.length)
    : r.envFilesSkipped.length
      ? vscode.l10n.t('{0} .env file(s) still hold the old key (not updated).', r.envFilesSkipped.length)
      : vscode.l10n.t('No .env file used the old key.');
  const old =
    r.oldKey === 'deleted'
      ? vscode.l10n.t('The old key {0} is deleted.', r.oldKeyId)
      : vscode.l10n.t('The old key {0} is Inactive (Delete Old Key removes it).', r.oldKeyId);
  const link = r.linkedSecret;
  const secret = !link
    ? ''
    : ` ${
        link.outcome === 'updated'
          ? link.service === 'ssm'
            ? vscode.l10n.t('The parameter "{0}" now holds the new key.', link.name)
            : vscode.l10n.t('The secret "{0}" now holds the new key.', link.name)
          : link.service === 'ssm'
            ? vscode.l10n.t('The parameter "{0}" still holds the old key (not updated).', link.name)
            : vscode.l10n.t('The secret "{0}" still holds the old key (not updated).', link.name)
      }`;
  return `${vscode.l10n.t('"{0}" now uses the new key {1}; its login passed.', name, r.newKeyId)} ${env}${secret} ${old}`;
}
