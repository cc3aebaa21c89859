import * as vscode from 'vscode';
import type { ArgsCheck } from '../base/schema';
import { isPlainObject } from '../base/guards';
import type { ValidationContext } from '../base/fields';
import { classifyArgument, isOwn, readOnlyView } from './ownArgs';
import { settings } from './settings';
import { UserError } from './userError';
import type { CallContext } from './consent';
import { commandNeedsTrust } from '../base/restricted';
import { folderTrusted, showTrustNeeded, trustMessage } from './trust';

export { UserError };

export type Log = vscode.LogOutputChannel;

/**
 * The argument schemas of every command (src/commandArgs.ts). extension.ts hands in how to load
 * them before it registers a command (they load with the first command that runs): the host
 * checks arguments without importing the features' schemas.
 */
export interface ArgumentChecks {
  validate(command: string, args: unknown, ctx: ValidationContext): ArgsCheck;
  takesNoArguments(command: string): boolean;
  example(command: string): string | undefined;
}

let loadArgumentChecks: (() => Promise<ArgumentChecks>) | undefined;

/** Called once by activate(), before any registerCommand. */
export function useArgumentChecks(load: () => Promise<ArgumentChecks>): void {
  loadArgumentChecks = load;
}

function argumentChecks(): Promise<ArgumentChecks> {
  if (!loadArgumentChecks)
    throw new Error('A command ran before activate() gave the argument schemas (useArgumentChecks).');
  return loadArgumentChecks();
}

/**
 * Registers a command that takes an optional argument object and returns its result. The argument
 * is checked first against the command's schema (src/commandArgs.ts, looked up by `id`): a
 * refusal is an error notification and a log line, and the command rejects with the message (the
 * handler does not run). A UserError from the handler becomes an error notification; when the
 * command was called with arguments (tests, tasks, keybindings) it is also rethrown so the caller
 * sees it.
 */
export interface RegisteredCommand<T> extends vscode.Disposable {
  /** What the command runs, for other features to call as a typed function (see features/calls.ts). */
  run(args?: unknown): Promise<T | undefined>;
}

/**
 * `A`, when a feature names it, is the type of the command's schema (ArgsOf in the feature's
 * args.ts): plain data reaches the handler only after the check against that schema, which hands on
 * values of those types. The other arguments are the extension's own: undefined (palette, title
 * buttons), a tree node of ours (a menu, or the node behind a read-only view a caller passed), which
 * the handler tells apart (instanceof) or whose fields of the schema's names carry the same types,
 * or the editor's URI for a command without arguments. A handler that can also be reached another
 * way (called directly with other data) keeps its own checks for that path.
 */
export function registerCommand<T, A = unknown>(
  id: string,
  log: Log,
  handler: (args: A | undefined, call: CallContext) => Promise<T>,
): RegisteredCommand<T> {
  // `viaCommand`: reached through vscode.commands (menus, palette, keybindings, tasks, other
  // extensions); false for the typed calls between the extension's own features (features/calls.ts).
  const invoke = async (raw: unknown, viaCommand: boolean, confirmedByUser = false): Promise<T | undefined> => {
    // What the argument is decides how it is checked and whether the call counts as a caller's
    // (features/ownArgs.ts): our own tree elements and CodeLens arguments are the UI; a read-only
    // view from the exported API stands for its node but is a caller's; plain data is validated and
    // a caller's; any other class instance is refused (it could pose as a tree element).
    const kind = classifyArgument(raw, id);
    const checks = await argumentChecks();
    let input: unknown = raw;
    let fromCaller = viaCommand && kind.kind !== 'none' && kind.kind !== 'own';
    // The editor's title buttons pass the editor's URI to commands that take no arguments. It is no
    // argument object (nothing to validate), but the handler gets it: env.confirmWrite writes only
    // when it is the pending diff's own document.
    let titleUri: vscode.Uri | undefined;
    if (kind.kind === 'view') input = kind.target;
    if (kind.kind === 'foreign') {
      if (checks.takesNoArguments(id)) {
        input = undefined;
        // Only a URI is what the UI passes (an editor title button); any other instance is a caller's.
        if (raw instanceof vscode.Uri) {
          titleUri = raw;
          fromCaller = false;
        }
      } else {
        const message = foreignArgumentMessage(id, kind.className, checks);
        log.warn(`${id} refused its argument: ${message}`);
        void vscode.window.showErrorMessage(message);
        throw new UserError(message);
      }
    }
    const checked =
      kind.kind === 'view' || (kind.kind === 'own' && !isPlainObject(raw))
        ? { ok: true as const, args: input }
        : checks.validate(id, input, { extraRegions: extraRegions() });
    if (!checked.ok) {
      log.warn(`${id} refused its argument: ${checked.message}`);
      void vscode.window.showErrorMessage(checked.message);
      throw new UserError(checked.message);
    }
    let args = checked.args;
    if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) args = undefined;
    if (titleUri) args = titleUri;
    // A caller (another extension, a task, a keybinding, a test) gets a command's errors thrown back.
    const programmatic = fromCaller || (args !== undefined && Object.getPrototypeOf(args) === Object.prototype);
    // Restricted Mode: one decision for every command (src/base/restricted.ts lists what still runs).
    if (commandNeedsTrust(id) && !folderTrusted()) {
      const message = trustMessage();
      log.warn(`${id} did not run: the folder is not trusted (Restricted Mode).`);
      void showTrustNeeded();
      if (programmatic) throw new UserError(message);
      return undefined;
    }
    try {
      const call: CallContext =
        fromCaller && confirmedByUser ? { scripted: true, confirmedByUser } : { scripted: fromCaller };
      const result = await handler(args as A | undefined, call);
      // A caller never gets one of our tree elements (which the UI may pass back as its own): a read-only view.
      return fromCaller && isOwn(result) ? (readOnlyView(result as object) as T) : result;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof UserError) log.warn(message);
      else log.error(err instanceof Error ? err : new Error(message));
      void vscode.window.showErrorMessage(message);
      if (programmatic) throw err;
      return undefined;
    }
  };
  const registration = vscode.commands.registerCommand(id, (raw?: unknown) => invoke(raw, true));
  asCaller.set(id, (raw, confirmed) => invoke(raw, true, confirmed));
  return {
    run: (raw?: unknown) => invoke(raw, false),
    dispose: () => {
      asCaller.delete(id);
      registration.dispose();
    },
  };
}

/** Each registered command as a caller reaches it (argument checks, Restricted Mode, consent). */
const asCaller = new Map<string, (raw: unknown, confirmedByUser: boolean) => Promise<unknown>>();

/**
 * Runs a command of the extension as a caller with an argument object does (another extension, a
 * task), for the language model tools: its argument checked against its schema, refused in
 * Restricted Mode when it needs trust, a read-only result, no saved secret. `confirmedByUser`: VS
 * Code's confirmation of the tool call was accepted, which stands for the consent modal.
 */
export function runAsCaller(id: string, args: object, confirmedByUser = false): Promise<unknown> {
  const run = asCaller.get(id);
  if (!run) return Promise.reject(new Error(`${id} is not registered.`));
  return run(args, confirmedByUser);
}

function extraRegions(): string[] {
  try {
    const extra = settings().extraRegions;
    return Array.isArray(extra) ? extra.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

function foreignArgumentMessage(id: string, className: string, checks: ArgumentChecks): string {
  return vscode.l10n.t(
    'The argument of {0} must be plain data (a JSON object such as {1}), not an instance of {2}.',
    id,
    checks.example(id) ?? '{}',
    className,
  );
}
