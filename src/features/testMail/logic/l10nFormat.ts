import { expectList, expectOptionalObject, expectString } from '../../../base/guards';
// The webview script's translations (issue #14 item 4): the host sends vscode.l10n.bundle (undefined
// in English) in the page's `init` message; the script's `t` (src/features/testMail/page/l10n.ts) looks each
// English message up here and fills {0} {1}… as vscode.l10n.t does. Plain code, unit tested in Node.

/** Translated messages keyed by their English text, as in l10n/bundle.l10n.<lang>.json. */
export type L10nBundle = Readonly<Record<string, string>>;

/**
 * The message in the bundle's language (English when the bundle has none or no entry), with {n}
 * replaced by the n-th argument; a placeholder without an argument stays as written.
 */
export function formatMessage(bundle: L10nBundle | undefined, message: string, args: ReadonlyArray<unknown>): string {
  expectOptionalObject(bundle, 'formatMessage', 'bundle');
  expectString(message, 'formatMessage', 'message');
  expectList(args, 'formatMessage', 'args');
  const own = bundle && Object.prototype.hasOwnProperty.call(bundle, message) ? bundle[message] : undefined;
  const template = typeof own === 'string' && own !== '' ? own : message;
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const n = Number(index);
    return n < args.length ? String(args[n]) : whole;
  });
}
