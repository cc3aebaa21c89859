// The doctor's prompt for an AWS profile: the profiles the SDK can resolve, the default chain, or
// none (the API checks are then skipped, each saying what it needs).
import * as vscode from 'vscode';
import { listAwsProfiles } from '../../core/aws/profiles';

/** A profile name, "" for the default chain, null for none; undefined when the picker was dismissed. */
export async function pickProfile(): Promise<string | null | undefined> {
  let names: string[] = [];
  try {
    names = (await listAwsProfiles()).map((p) => p.name);
  } catch {
    // no files: only the default chain and "none" are offered
  }
  const items: Array<vscode.QuickPickItem & { value: string | null }> = [
    ...names.map((n) => ({ label: n, description: 'AWS profile', value: n })),
    { label: 'Default credential chain', description: 'environment, SSO, instance role', value: '' },
    { label: 'No AWS profile', description: 'skip the IAM and SES API checks', value: null },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Run Doctor: AWS profile for the API checks',
    ignoreFocusOut: true,
  });
  return picked ? picked.value : undefined;
}
