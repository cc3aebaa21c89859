// Commands of the "SMTP Credentials" view. Each takes an optional argument object (or a view
// item) and returns its result; it prompts only for what is missing.
import * as vscode from 'vscode';
import type { CredentialSet } from '../../core/smtp/credentialSets';
import type { TlsMode } from '../../core/smtp/regions';
import { deleteDialog, forgetAllDialog, trustDialog, type Dialog } from '../../core/ui/dialogs';
import { checkNameInput } from '../../core/ui/inputChecks';
import { checkLogin, type CheckLoginOutcome } from '../smtp/checkLogin';
import { UserError, optionalString, registerCommand, type Log } from '../util';
import { addCredentials, generateAndSave } from './addFlows';
import { offerAfterSave } from './nextSteps';
import type { FeatureCalls } from '../calls';
import { createIamUser } from './createIamUser';
import { copySendingCode } from './copySendingCode';
import { importCsv } from './importCsv';
import type { CredentialStore } from './store';
import { COMMAND } from '../../core/commandIds';

/** Shows a modal dialog; the choice of the button picked, undefined when cancelled. */
async function ask<C extends string>(dialog: Dialog<C>, warning = true): Promise<C | undefined> {
  const show = warning ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const labels = dialog.buttons.map((b) => b.label);
  const picked = await show(dialog.message, { modal: true, detail: dialog.detail }, ...labels);
  return dialog.buttons.find((b) => b.label === picked)?.choice;
}

export interface AddCredentialArgs {
  name?: string;
  username?: string;
  password?: string;
  region?: string;
  host?: string;
  port?: number;
  tls?: TlsMode;
  from?: string;
  /** When the pasted password has a problem: 'clean' (default with arguments), 'as-typed' or 'derive' (a secret key). */
  onProblem?: 'clean' | 'as-typed' | 'derive' | 'ask';
}

/** Finds the set named by a view item, an id/name argument, or asks. */
export async function resolveCredentialSet(
  store: CredentialStore,
  args: unknown,
  title: string,
  calls?: FeatureCalls,
): Promise<CredentialSet | undefined> {
  const node = args as { set?: CredentialSet; credentialSet?: unknown } | undefined;
  if (node?.set?.id) return store.get(node.set.id);
  if (node && node.credentialSet !== undefined) {
    if (typeof node.credentialSet !== 'string')
      throw new UserError(vscode.l10n.t('Argument "credentialSet" must be the id or name of a credential set.'));
    const set = await store.get(node.credentialSet);
    if (!set)
      throw new UserError(
        vscode.l10n.t(
          'No credential set is named "{0}". Add it in the SMTP Credentials view first.',
          node.credentialSet.slice(0, 80),
        ),
      );
    return set;
  }
  const sets = await store.list();
  if (sets.length === 0) {
    const add = vscode.l10n.t('Add Credentials…');
    const offer = calls ? [add] : [];
    const none = vscode.l10n.t('No SMTP credentials are saved yet.');
    if ((await vscode.window.showInformationMessage(none, ...offer)) === add) {
      await calls?.addCredentials().catch(() => undefined); // it reports its own errors
    }
    return undefined;
  }
  if (sets.length === 1) return sets[0];
  const picked = await vscode.window.showQuickPick(
    sets.map((s) => ({ label: s.name, description: `${s.username} · ${s.host ?? s.region}`, set: s })),
    { title, placeHolder: vscode.l10n.t('Credential set') },
  );
  return picked?.set;
}

export function registerCredentialCommands(log: Log, store: CredentialStore, calls: FeatureCalls): vscode.Disposable[] {
  const cmd = <T>(id: keyof typeof COMMAND.credentials, handler: (args?: unknown) => Promise<T>) =>
    registerCommand(COMMAND.credentials[id], log, handler);
  const add = cmd('add', (args) => addCredentials(log, store, calls, args));
  const check = cmd('check', (args) => checkSet(log, store, calls, args, false));
  calls.addCredentials = add.run;
  calls.checkCredentialSet = check.run;
  return [
    add,
    cmd('generate', (args) => generateAndSave(log, store, calls, args)),
    cmd('createIamUser', (args) => createIamUser(log, store, calls, args)),
    cmd('importCsv', (args) => importCsv(log, store, calls, args)),
    cmd('copySendingCode', (args) => copySendingCode(log, store, calls, args)),
    check,
    cmd('diagnose', (args) => checkSet(log, store, calls, args, true)),
    cmd('copyUsername', async (args) => {
      const set = await resolveCredentialSet(store, args, vscode.l10n.t('Copy Username'), calls);
      if (!set) return undefined;
      await vscode.env.clipboard.writeText(set.username);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Username of "{0}" copied', set.name), 3000);
      return true;
    }),
    cmd('copyPassword', async (args) => {
      const set = await resolveCredentialSet(store, args, vscode.l10n.t('Copy Password'), calls);
      if (!set) return undefined;
      const password = await store.requirePassword(set);
      await vscode.env.clipboard.writeText(password);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Password of "{0}" copied', set.name), 3000);
      return true;
    }),
    cmd('trustCertificate', async (args) => {
      const set = await resolveCredentialSet(store, args, vscode.l10n.t('Certificate verification'), calls);
      if (!set) return undefined;
      const allow = (args as { allow?: unknown } | undefined)?.allow;
      const next = typeof allow === 'boolean' ? allow : !set.allowUntrustedCertificate;
      // Turning verification off is confirmed unless confirm: false; turning it on again only from a menu.
      const fromUi = args === undefined || (args as { set?: unknown }).set !== undefined;
      const confirm = (args as { confirm?: boolean } | undefined)?.confirm !== false && (next || fromUi);
      if (confirm && !(await ask(trustDialog(set.name, next)))) return undefined;
      const updated = await store.setAllowUntrusted(set.id, next);
      log.warn(`Certificate verification for "${set.name}" is now ${next ? 'OFF (opted in)' : 'on'}.`);
      if (fromUi) {
        const message = next
          ? vscode.l10n.t('Certificate verification for "{0}" is off (untrusted certificates accepted).', set.name)
          : vscode.l10n.t('Certificate verification for "{0}" is on again.', set.name);
        void offerAfterSave(set, message, calls);
      }
      return updated;
    }),
    cmd('rename', async (args) => {
      const set = await resolveCredentialSet(store, args, vscode.l10n.t('Rename'), calls);
      if (!set) return undefined;
      const given = optionalString((args ?? {}) as object, 'newName');
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
    }),
    cmd('delete', async (args) => {
      const set = await resolveCredentialSet(store, args, vscode.l10n.t('Delete'), calls);
      if (!set) return undefined;
      const confirmed =
        (args as { confirm?: boolean } | undefined)?.confirm === false ||
        (await ask(deleteDialog(set.name))) === 'delete';
      if (!confirmed) return false;
      await store.remove(set.id);
      log.info(`Deleted credential set "${set.name}".`);
      return true;
    }),
    cmd('forgetAll', async (args) => {
      const count = (await store.list()).length;
      const confirmed =
        (args as { confirm?: boolean } | undefined)?.confirm === false ||
        (await ask(forgetAllDialog(count))) === 'forget';
      if (!confirmed) return 0;
      const n = await store.forgetAll();
      log.info(`Forgot ${n} credential set(s).`);
      return n;
    }),
  ];
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
  const extra = (raw ?? {}) as { notify?: boolean; secretAccessKey?: string; timeoutSeconds?: number };
  const outcome = await checkLogin(
    log,
    calls,
    {
      region: set.region,
      host: set.host,
      port: set.port,
      tls: set.tls,
      username: set.username,
      password,
      notify: extra.notify,
      allowUntrustedCertificate: set.allowUntrustedCertificate,
      secretAccessKey: extra.secretAccessKey,
      timeoutSeconds: extra.timeoutSeconds,
    },
    { credentialSet: set.id },
  );
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
