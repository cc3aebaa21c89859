// The configuration sets the form offers, and the event destinations it shows beside a result:
// read with the SES Explorer's AWS profile (through the AccountInfo service) in the credentials'
// region. Without a profile, or when the call fails, the form takes free text and says why.
import * as vscode from 'vscode';
import type { AccountInfo } from '../accountInfo';
import type { EventDestinationView } from '../../core/webview/messages';

export interface ConfigSetSource {
  list(region: string | undefined): Promise<{ names?: string[]; reason?: string }>;
  destinations(
    region: string | undefined,
    name: string,
  ): Promise<{ destinations?: EventDestinationView[]; note?: string } | undefined>;
}

const NO_PROFILE = (): string =>
  vscode.l10n.t('Type the name: choose an AWS profile in the SES Explorer to pick from the region\u2019s sets.');

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function configSetSource(accountInfo: AccountInfo): ConfigSetSource {
  return {
    async list(region) {
      const provider = accountInfo.source?.();
      if (!region || !provider?.configurationSets) return { reason: NO_PROFILE() };
      try {
        const names = await provider.configurationSets(region);
        return { names: [...names].sort((a, b) => a.localeCompare(b)) };
      } catch (err) {
        return {
          reason: vscode.l10n.t('Type the name: the sets of {0} could not be listed ({1}).', region, reason(err)),
        };
      }
    },
    async destinations(region, name) {
      const provider = accountInfo.source?.();
      if (!region || !provider?.eventDestinations)
        return {
          note: vscode.l10n.t('Its event destinations are shown when an AWS profile is chosen in the SES Explorer.'),
        };
      try {
        return { destinations: await provider.eventDestinations(region, name) };
      } catch (err) {
        return { note: vscode.l10n.t('Its event destinations could not be read: {0}', reason(err)) };
      }
    },
  };
}
