// The sentence a send shows when delivery tracking does not follow it (logic/trackingChoice.ts).
import * as vscode from 'vscode';
import type { TrackingChoice } from './logic/trackingChoice';

export function trackingOffNote(choice: TrackingChoice): string | undefined {
  if (choice.follow || choice.reason === 'not-set-up') return undefined;
  if (choice.reason === 'other-set')
    return vscode.l10n.t(
      'Delivery tracking is off for this send: it uses the configuration set {0}, not {1}.',
      choice.configurationSet,
      choice.trackingSet,
    );
  return vscode.l10n.t(
    "Delivery tracking is off for this send: a mail for the tenant {0} needs a configuration set associated with the tenant, so {1} was not added. Give one of the tenant's sets, or associate {1} with the tenant to follow its mail.",
    choice.tenant,
    choice.trackingSet,
  );
}
