// The one picker of AWS credentials: the profiles the SDK can resolve (with their kind and region),
// the default credential chain, and where a feature can go on without AWS, "none".
import * as vscode from 'vscode';
import { type AwsProfile } from '../engines/aws/profiles';
import { listAwsProfiles } from '../engines/bundles/load';

/** Where the SES Explorer keeps its choice of profile and regions (globalState). */
export const EXPLORER_SELECTION_KEY = 'sesSmtpToolkit.explorer.selection';

/** The profile chosen in the SES Explorer ({} for the default chain), undefined when none was chosen. */
export function explorerProfile(state: vscode.Memento): { profile?: string } | undefined {
  const selection = state.get<{ profile?: unknown }>(EXPLORER_SELECTION_KEY);
  if (!selection || typeof selection !== 'object') return undefined;
  return typeof selection.profile === 'string' && selection.profile ? { profile: selection.profile } : {};
}

export type PickedProfile =
  { kind: 'profile'; name: string; profile: AwsProfile } | { kind: 'default' } | { kind: 'none' };

export interface ProfilePickerOptions {
  title: string;
  /** Offer "No AWS profile" with this description (for features that work without AWS). */
  none?: string;
}

/** undefined when the picker was dismissed. */
export async function pickAwsProfile(options: ProfilePickerOptions): Promise<PickedProfile | undefined> {
  let profiles: AwsProfile[] = [];
  try {
    profiles = await listAwsProfiles();
  } catch {
    // unreadable files: the default chain (and "none") are still offered
  }
  const items: Array<vscode.QuickPickItem & { value: PickedProfile }> = [
    {
      label: vscode.l10n.t('$(globe) Default credential chain'),
      description: vscode.l10n.t('environment, SSO, shared files, instance role'),
      value: { kind: 'default' },
    },
    ...profiles.map((p) => ({
      label: p.name,
      description: [p.kind, p.region].filter(Boolean).join(' · '),
      value: { kind: 'profile' as const, name: p.name, profile: p },
    })),
    ...(options.none
      ? [{ label: vscode.l10n.t('No AWS profile'), description: options.none, value: { kind: 'none' as const } }]
      : []),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: options.title, ignoreFocusOut: true });
  return picked?.value;
}
