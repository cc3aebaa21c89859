// "SES SMTP: Delete Old Access Key of SMTP Credentials": deletes the key a rotation left Inactive,
// or (when none was left) the IAM user's other key, never the key the set uses.
import * as vscode from 'vscode';
import { consentTo, unattendedEffectsAllowed, type CallContext } from '../../host/consent';
import { dayOf } from './logic/rotation';
import { UserError } from '../../host/util';
import { settings } from '../../host/settings';
import { resolveCredentialSet } from '../../host/credentialStore';
import { profileForSet, type RotationDeps } from './rotate';
import { iamFor } from './rotationPorts';
import type { DeleteOldKeyArgs } from './args';

export interface DeleteOldKeyResult {
  deleted: boolean;
  keyId?: string;
  userName?: string;
}

export async function deleteOldKeyCommand(
  deps: RotationDeps,
  raw: DeleteOldKeyArgs | undefined,
  call: CallContext,
): Promise<DeleteOldKeyResult | undefined> {
  const { log, store, state } = deps;
  // A plain object was checked against deleteOldKeySchema; the row passes its CredentialNode.
  const args: DeleteOldKeyArgs = raw ?? {};
  const set = await resolveCredentialSet(store, raw, vscode.l10n.t('Delete Old Key'), deps.calls);
  if (!set) return undefined;
  // A caller without the user's opt-in: one modal before anything is asked of AWS.
  const consentFirst = call.scripted && !unattendedEffectsAllowed();
  if (consentFirst) {
    const effect = {
      summary: vscode.l10n.t('Delete the old access key of "{0}" in AWS (IAM user of {1})', set.name, set.username),
      detail: vscode.l10n.t(
        "The IAM user's other access key (not {0}, which the set uses) is deleted. AWS profile: {1}. Endpoint: {2}. Anything still signing in with it stops working, and a deleted key cannot be restored.",
        set.username,
        args.profile ?? state.profile(set.id, settings().awsEndpoint) ?? vscode.l10n.t('default chain'),
        settings().awsEndpoint ?? 'AWS',
      ),
      action: vscode.l10n.t('Delete Key'),
    };
    if (!(await consentTo(call, effect))) return undefined;
  }
  const remembered = state.oldKey(set.id);
  const known = state.profile(set.id, settings().awsEndpoint);
  const chosen =
    args.profile === undefined && known !== undefined
      ? { profile: known ?? undefined }
      : await profileForSet(
          state,
          set,
          args.profile,
          vscode.l10n.t('Delete the old key of "{0}": AWS credentials that may manage its IAM user', set.name),
        );
  if (!chosen) return undefined;
  const iam = iamFor(chosen.profile, set.region);
  try {
    let userName = remembered?.userName;
    let keyId = remembered?.keyId;
    if (!userName || !keyId) {
      userName = (await iam.keyOwner(set.username)).userName;
      keyId = (await iam.listAccessKeys(userName)).find((k) => k.id !== set.username)?.id;
      if (!keyId) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t(
            'The IAM user {0} has no key besides the one "{1}" uses; there is nothing to delete.',
            userName,
            set.name,
          ),
        );
        return { deleted: false, userName };
      }
    }
    if (keyId === set.username)
      throw new UserError(vscode.l10n.t('{0} is the key "{1}" uses; it is not deleted.', keyId, set.name));
    const key = (await iam.listAccessKeys(userName)).find((k) => k.id === keyId);
    if (!key) {
      await state.setOldKey(set.id, undefined);
      void vscode.window.showInformationMessage(vscode.l10n.t('The old key {0} is already gone.', keyId));
      return { deleted: false, keyId, userName };
    }
    const askDelete = async (): Promise<boolean> => {
      const lastUsed = await iam.keyOwner(keyId).then(
        (o) => o.lastUsed,
        () => undefined,
      );
      const del = vscode.l10n.t('Delete Key');
      const picked = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete the access key {0} of IAM user {1}?', keyId, userName),
        {
          modal: true,
          detail: vscode.l10n.t(
            'It is {0} and was last used: {1}. Anything still signing in with it stops working, and a deleted key cannot be restored.',
            key.status,
            dayOf(lastUsed),
          ),
        },
        del,
      );
      return picked === del;
    };
    // confirm: false skips the question for the UI's own calls and a caller under the opt-in.
    if (!consentFirst && args.confirm !== false && !(await askDelete())) return { deleted: false, keyId, userName };
    await iam.deleteAccessKey(userName, keyId);
    await state.setOldKey(set.id, undefined);
    log.info(`Deleted the old access key ${keyId} of IAM user ${userName} ("${set.name}").`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Deleted the old access key {0}.', keyId));
    return { deleted: true, keyId, userName };
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(vscode.l10n.t('Deleting the old key failed: {0}', (err as Error).message));
  } finally {
    iam.destroy();
    deps.ages.invalidate(set.id);
  }
}
