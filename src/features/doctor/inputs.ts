// The doctor's prompt for an AWS profile: the profiles the SDK can resolve, the default chain, or
// none (the API checks are then skipped, each saying what it needs).
import * as vscode from 'vscode';
import { pickAwsProfile } from '../../host/awsProfilePicker';

/** A profile name, "" for the default chain, null for none; undefined when the picker was dismissed. */
export async function pickProfile(): Promise<string | null | undefined> {
  const picked = await pickAwsProfile({
    title: vscode.l10n.t('Run Doctor: AWS profile for the API checks'),
    none: vscode.l10n.t('skip the IAM and SES API checks'),
  });
  if (!picked) return undefined;
  return picked.kind === 'profile' ? picked.name : picked.kind === 'default' ? '' : null;
}
