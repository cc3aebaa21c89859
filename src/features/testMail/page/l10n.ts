// The page's own words in the editor's language: `t('English {0}', value)` as vscode.l10n.t in the
// host. The bundle arrives with the `init` message (src/features/testMail/logic/l10nFormat.ts); until then, and
// in English, the message is its English text. scripts/l10n-export.mjs collects these t('…') calls.
import { formatMessage, type L10nBundle } from '../logic/l10nFormat';

let bundle: L10nBundle | undefined;
let received = false;

/** Keeps the bundle of an `init` message; true the first time one arrives with translations. */
export function setL10nBundle(next: L10nBundle | undefined): boolean {
  bundle = next && typeof next === 'object' ? next : undefined;
  const first = bundle !== undefined && !received;
  if (bundle) received = true;
  return first;
}

export function t(message: string, ...args: Array<string | number>): string {
  return formatMessage(bundle, message, args);
}
