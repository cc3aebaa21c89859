// The explorer nodes' words go through l10n.t, as the rest of the feature layer's go through
// vscode.l10n.t. Nodes do not import 'vscode' (their tests run in plain Node): the provider points
// this at vscode.l10n.t on activation; until then (and in unit tests) the English text is used with
// its {0} {1} … placeholders filled in. scripts/l10n-export.mjs collects these messages too.
type Arg = string | number | boolean;
type Translate = (message: string, ...args: Arg[]) => string;

const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));

let translate: Translate = english;

export const l10n = {
  t: (message: string, ...args: Arg[]): string => translate(message, ...args),
};

/** Makes `fn` the translator; returns a function that restores the previous one. */
export function useTranslator(fn: Translate): () => void {
  const previous = translate;
  translate = fn;
  return () => {
    translate = previous;
  };
}
