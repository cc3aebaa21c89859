// What a prompt offers first (issue #31 item 5): the choice the user already made elsewhere, not a
// fixed default. A region: a default region the user set explicitly, else the first region chosen in
// the SES Explorer, else the last region picked in a prompt, else the built-in default. An AWS
// profile: the one chosen in the SES Explorer, else the last one picked. Pure: the host reads the
// sources (settings, globalState) and hands them in.
import { expectObject, expectOptionalString, expectString } from './guards';

export interface RegionSources {
  /** sesSmtpToolkit.defaultRegion, only when the user set it (any scope). */
  explicitSetting?: string;
  /** The regions chosen in the SES Explorer, in its order. */
  explorerRegions?: readonly string[];
  /** The region last picked in a region prompt. */
  lastUsed?: string;
  /** The built-in default. */
  fallback: string;
}

export function preferredRegion(sources: RegionSources): string {
  expectObject(sources, 'preferredRegion', 'sources');
  expectString(sources.fallback, 'preferredRegion', 'sources.fallback');
  expectOptionalString(sources.explicitSetting, 'preferredRegion', 'sources.explicitSetting');
  expectOptionalString(sources.lastUsed, 'preferredRegion', 'sources.lastUsed');
  const explorer = Array.isArray(sources.explorerRegions)
    ? sources.explorerRegions.find((r): r is string => typeof r === 'string' && r.length > 0)
    : undefined;
  return sources.explicitSetting || explorer || sources.lastUsed || sources.fallback;
}

/** An AWS profile as a picker offers it: a named profile, or the SDK's default chain. */
export type ProfileChoice = { kind: 'profile'; name: string } | { kind: 'default' };

export interface ProfileSources {
  /** The SES Explorer's choice: undefined when none was made; no name: the default chain. */
  explorer?: { profile?: string };
  /** The profile last picked in a profile prompt. */
  lastUsed?: ProfileChoice;
}

/** The profile to offer first and why, or undefined when nothing was chosen before. */
export function preferredProfile(
  sources: ProfileSources,
): { choice: ProfileChoice; because: 'explorer' | 'last-used' } | undefined {
  expectObject(sources, 'preferredProfile', 'sources');
  const explorer = sources.explorer;
  if (explorer && typeof explorer === 'object') {
    const name = typeof explorer.profile === 'string' ? explorer.profile : '';
    return { choice: name ? { kind: 'profile', name } : { kind: 'default' }, because: 'explorer' };
  }
  const last = sources.lastUsed;
  if (last && typeof last === 'object') {
    if (last.kind === 'default') return { choice: { kind: 'default' }, because: 'last-used' };
    if (last.kind === 'profile' && typeof last.name === 'string' && last.name)
      return { choice: { kind: 'profile', name: last.name }, because: 'last-used' };
  }
  return undefined;
}
