// Commands of the "SMTP Credentials" view. Each takes an optional argument object (or a view
// item) and returns its result; it prompts only for what is missing.
import * as vscode from 'vscode';
import { deleteDialog, forgetAllDialog, type Dialog } from './logic/dialogs';
import type { CheckLoginOutcome } from './checkLogin';
import { UserError, registerCommand, type Log } from '../../host/util';
import type {
  AddCredentialArgs,
  CheckLoginArgs,
  CheckSetArgs,
  CopySendingCodeArgs,
  CreateIamUserArgs,
  GenerateCredentialArgs,
  ImportCsvArgs,
  RenameArgs,
} from './args';
import type { FeatureCalls } from '../../host/calls';
import { resolveCredentialSet, type CredentialStore } from '../../host/credentialStore';
import { COMMAND } from '../../base/commandIds';
import { endpointOf, type CredentialSet } from '../../base/credentialSets';
import { ClipboardGuard } from './logic/clipboardGuard';
import { CredentialNode } from './view';
import { isOwn } from '../../host/ownArgs';
import { confirmEffect, consentTo, type CallContext } from '../../host/consent';

/** Shows a modal dialog; the choice of the button picked, undefined when cancelled. */
async function ask<C extends string>(dialog: Dialog<C>, warning = true): Promise<C | undefined> {
  const show = warning ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const labels = dialog.buttons.map((b) => b.label);
  const picked = await show(dialog.message, { modal: true, detail: dialog.detail }, ...labels);
  return dialog.buttons.find((b) => b.label === picked)?.choice;
}

export function registerCredentialCommands(log: Log, store: CredentialStore, calls: FeatureCalls): vscode.Disposable[] {
  // A: the argument type of the command's schema (args.ts), which registerCommand checked.
  const cmd = <T, A = unknown>(
    id: keyof typeof COMMAND.credentials,
    handler: (args: A | undefined, call: CallContext) => Promise<T>,
  ) => registerCommand(COMMAND.credentials[id], log, handler);
  const clipboard = new ClipboardGuard(vscode.env.clipboard);
  // The flows load with their first use (a chunk each, esbuild.config.mjs).
  const add = cmd('add', async (args: AddCredentialArgs | undefined) =>
    (await import('./addFlows')).addCredentials(log, store, calls, args),
  );
  const check = cmd('check', (args) => checkSet(log, store, calls, args, false));
  calls.addCredentials = add.run;
  calls.checkCredentialSet = check.run;
  const trust = cmd('trustCertificate', async (args, call) =>
    (await import('./trustCertificate')).trustCertificate(log, store, calls, args, call),
  );
  calls.trustCertificate = trust.run;
  return [
    add,
    cmd('generate', async (args: GenerateCredentialArgs | undefined) =>
      (await import('./addFlows')).generateAndSave(log, store, calls, args),
    ),
    cmd('createIamUser', async (args: CreateIamUserArgs | undefined, call) =>
      (await import('./createIamUser')).createIamUser(log, store, calls, args, call),
    ),
    cmd('importCsv', async (args: ImportCsvArgs | undefined, call) =>
      (await import('./importCsv')).importCsv(log, store, calls, args, call),
    ),
    cmd('copySendingCode', async (args: CopySendingCodeArgs | undefined) =>
      (await import('./copySendingCode')).copySendingCode(log, store, calls, args),
    ),
    check,
    cmd('diagnose', (args) => checkSet(log, store, calls, args, true)),
    cmd('copyUsername', (args) => copyUsername(store, calls, args)),
    cmd('copyPassword', (args, call) => copyPassword(store, calls, clipboard, args, call)),
    trust,
    cmd('rename', (args, call) => renameSet(store, calls, args, call)),
    cmd('editSet', async (args, call) => (await import('./editSet')).editSet(log, store, calls, args, call)),
    cmd('delete', (args, call) => deleteSet(log, store, calls, args, call)),
    cmd('forgetAll', (args, call) => forgetAll(log, store, args, call)),
    // Closing or reloading the window drops the timer: the guard clears the password now instead.
    clipboard,
  ];
}

async function copyUsername(store: CredentialStore, calls: FeatureCalls, args: unknown): Promise<true | undefined> {
  const set = await resolveCredentialSet(store, args, vscode.l10n.t('Copy Username'), calls);
  if (!set) return undefined;
  await vscode.env.clipboard.writeText(set.username);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Username of "{0}" copied', set.name), 3000);
  return true;
}

/**
 * A saved password goes to the clipboard only when the user asked in our own UI: the row of the
 * SMTP Credentials view, whose node registerCommand hands over as it is. Anything else (a caller's
 * argument object, or no argument at all, which would pick the only saved set unasked) never gets
 * it, whatever the opt-in says.
 */
async function copyPassword(
  store: CredentialStore,
  calls: FeatureCalls,
  clipboard: ClipboardGuard,
  args: unknown,
  call: CallContext,
): Promise<true | undefined> {
  if (call.scripted || !(args instanceof CredentialNode && isOwn(args)))
    throw new UserError(
      vscode.l10n.t(
        'Copy Password runs only from the SMTP Credentials view (right-click a set). A command called with an argument object never hands out a saved password.',
      ),
    );
  const set = await resolveCredentialSet(store, args, vscode.l10n.t('Copy Password'), calls);
  if (!set) return undefined;
  const password = await store.requirePassword(set);
  await clipboard.copy(password, (cleared) => {
    if (cleared) void vscode.window.setStatusBarMessage(vscode.l10n.t('Clipboard cleared'), 3000);
  });
  void vscode.window.setStatusBarMessage(
    vscode.l10n.t('Password of "{0}" copied; the clipboard is cleared in 45 seconds', set.name),
    3000,
  );
  return true;
}

async function renameSet(
  store: CredentialStore,
  calls: FeatureCalls,
  args: unknown,
  call: CallContext,
): Promise<CredentialSet | undefined> {
  const set = await resolveCredentialSet(store, args, vscode.l10n.t('Rename'), calls);
  if (!set) return undefined;
  // A plain object was checked against renameSchema; the row passes its CredentialNode (no newName).
  const given = (args as RenameArgs | undefined)?.newName;
  const renameEffect = {
    summary: vscode.l10n.t('Rename the credential set "{0}" to "{1}"', set.name, given ?? ''),
    detail: vscode.l10n.t('The saved set keeps its login; only its name changes.'),
    action: vscode.l10n.t('Rename'),
  };
  if (given !== undefined && !(await consentTo(call, renameEffect))) return undefined;
  const { checkNameInput } = await import('../../base/inputChecks');
  const name =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Rename "{0}"', set.name),
      value: set.name,
      validateInput: (v) => checkNameInput(v) as string | undefined,
    }));
  if (name === undefined) return undefined;
  if (!name.trim()) throw new UserError(vscode.l10n.t('The name cannot be empty.'));
  return store.rename(set.id, name.trim());
}

async function deleteSet(
  log: Log,
  store: CredentialStore,
  calls: FeatureCalls,
  args: unknown,
  call: CallContext,
): Promise<boolean | undefined> {
  const set = await resolveCredentialSet(store, args, vscode.l10n.t('Delete'), calls);
  if (!set) return undefined;
  const effect = {
    summary: vscode.l10n.t('Delete the credential set "{0}" ({1}, {2})', set.name, set.username, endpointOf(set).host),
    detail: vscode.l10n.t(
      "Its password is removed from this editor's secret storage. The IAM key in AWS is not touched.",
    ),
    action: vscode.l10n.t('Delete'),
  };
  const confirmed = await confirmEffect(
    call,
    effect,
    (args as { confirm?: boolean } | undefined)?.confirm === false,
    async () => (await ask(deleteDialog(set.name))) === 'delete',
  );
  if (!confirmed) return false;
  await store.remove(set.id);
  log.info(`Deleted credential set "${set.name}".`);
  return true;
}

async function forgetAll(log: Log, store: CredentialStore, args: unknown, call: CallContext): Promise<number> {
  const sets = await store.list();
  const count = sets.length;
  const effect = {
    summary: vscode.l10n.t('Delete all {0} saved credential sets', count),
    detail: vscode.l10n.t(
      "Deleted: {0}. Their passwords are removed from this editor's secret storage; the IAM keys in AWS are not touched.",
      sets.map((s) => `"${s.name}"`).join(', ') || vscode.l10n.t('none'),
    ),
    action: vscode.l10n.t('Delete All'),
  };
  const confirmed = await confirmEffect(
    call,
    effect,
    (args as { confirm?: boolean } | undefined)?.confirm === false,
    async () => (await ask(forgetAllDialog(count))) === 'forget',
  );
  if (!confirmed) return 0;
  const n = await store.forgetAll();
  log.info(`Forgot ${n} credential set(s).`);
  return n;
}

async function checkSet(
  log: Log,
  store: CredentialStore,
  calls: FeatureCalls,
  raw: unknown,
  showReport: boolean,
): Promise<CheckLoginOutcome | undefined> {
  const set = await resolveCredentialSet(
    store,
    raw,
    showReport ? vscode.l10n.t('Diagnose') : vscode.l10n.t('Check Login'),
    calls,
  );
  if (!set) return undefined;
  const password = await store.requirePassword(set);
  // A plain object was checked against checkSchema; the row passes its CredentialNode (none of these).
  const extra = (raw ?? {}) as CheckSetArgs;
  // checkLogin is called directly here, past registerCommand: the object is typed as its schema's.
  const login: CheckLoginArgs = {
    region: set.region,
    host: set.host,
    port: set.port,
    tls: set.tls,
    username: set.username,
    password,
    notify: extra.notify,
    certificateSha256: set.certificateSha256,
    secretAccessKey: extra.secretAccessKey,
    timeoutSeconds: extra.timeoutSeconds,
  };
  const { checkLogin } = await import('./checkLogin');
  const outcome = await checkLogin(log, calls, login, {
    credentialSet: set.id,
    formerlyAcceptedAnyCertificate: set.legacyUntrustedCertificate === true,
  });
  if (!outcome) return undefined;
  if (outcome.result.failure?.code !== 'CANCELLED') {
    await store.recordCheck(set.id, {
      ok: outcome.ok,
      at: new Date().toISOString(),
      summary: outcome.ok
        ? vscode.l10n.t('OK in {0} ms', outcome.result.totalMs)
        : (outcome.causes[0]?.title ?? outcome.result.failure?.message ?? vscode.l10n.t('failed')),
    });
  }
  if (showReport) log.show(true);
  return outcome;
}
