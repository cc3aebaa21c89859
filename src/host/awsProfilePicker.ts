// The one picker of AWS credentials: the profiles the SDK can resolve (with their kind and region),
// the default credential chain, and where a feature can go on without AWS, "none".
import * as vscode from 'vscode';
import { type AwsProfile } from '../engines/aws/profiles';
import { listAwsProfiles } from '../engines/bundles/load';
import { preferredProfile, preferredRegion, type ProfileChoice } from '../base/defaults';

/** Where the SES Explorer keeps its choice of profile and regions (globalState). */
export const EXPLORER_SELECTION_KEY = 'sesSmtpToolkit.explorer.selection';

/** The profile chosen in the SES Explorer ({} for the default chain), undefined when none was chosen. */
export function explorerProfile(state: vscode.Memento): { profile?: string } | undefined {
  const selection = state.get<{ profile?: unknown }>(EXPLORER_SELECTION_KEY);
  if (!selection || typeof selection !== 'object') return undefined;
  return typeof selection.profile === 'string' && selection.profile ? { profile: selection.profile } : {};
}

const LAST_PROFILE_KEY = 'sesSmtpToolkit.lastProfile';
const LAST_REGION_KEY = 'sesSmtpToolkit.lastRegion';

let memory: vscode.Memento | undefined;

/** Called once by activate(): where the explorer's choice and the last picks are kept (globalState). */
export function useChoiceMemory(state: vscode.Memento): void {
  memory = state;
}

function choiceMemory(): vscode.Memento | undefined {
  return memory;
}

/** The regions chosen in the SES Explorer, in its order ([] when none). */
function explorerRegions(): string[] {
  const selection = choiceMemory()?.get<{ regions?: unknown }>(EXPLORER_SELECTION_KEY);
  const regions = selection && typeof selection === 'object' ? selection.regions : undefined;
  return Array.isArray(regions) ? regions.filter((r): r is string => typeof r === 'string') : [];
}

/**
 * The region a region prompt starts at: sesSmtpToolkit.defaultRegion when the user set it, else the
 * explorer's first region, else the last region picked, else `fallback` (the setting's default).
 */
export function startRegion(fallback: string): string {
  const inspected = vscode.workspace.getConfiguration('sesSmtpToolkit').inspect<string>('defaultRegion');
  const explicit = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  return preferredRegion({
    explicitSetting: typeof explicit === 'string' ? explicit : undefined,
    explorerRegions: explorerRegions(),
    lastUsed: choiceMemory()?.get<string>(LAST_REGION_KEY),
    fallback,
  });
}

/** Remembers the region picked in a prompt (the next prompt starts there when nothing else says). */
export function rememberRegion(region: string | undefined): void {
  if (region) void choiceMemory()?.update(LAST_REGION_KEY, region);
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
  // The explorer's profile (or the last one picked) comes first, said so: Enter takes it.
  const memory = choiceMemory();
  const preferred = memory
    ? preferredProfile({
        explorer: explorerProfile(memory),
        lastUsed: memory.get<ProfileChoice>(LAST_PROFILE_KEY),
      })
    : undefined;
  if (preferred) {
    const at = items.findIndex((i) =>
      preferred.choice.kind === 'default'
        ? i.value.kind === 'default'
        : i.value.kind === 'profile' && i.value.name === preferred.choice.name,
    );
    if (at >= 0) {
      const [item] = items.splice(at, 1);
      const why =
        preferred.because === 'explorer' ? vscode.l10n.t('chosen in the SES Explorer') : vscode.l10n.t('last used');
      items.unshift({ ...item, description: [item.description, why].filter(Boolean).join(' · ') });
    }
  }
  const picked = await vscode.window.showQuickPick(items, { title: options.title, ignoreFocusOut: true });
  const value = picked?.value;
  if (value && value.kind !== 'none')
    void memory?.update(
      LAST_PROFILE_KEY,
      value.kind === 'profile' ? { kind: 'profile', name: value.name } : { kind: 'default' },
    );
  return value;
}
