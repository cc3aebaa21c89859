// Commands of the "SMTP Credentials" view. Each takes an optional argument object (or a view
// item) and returns its result; it prompts only for what is missing.
import * as vscode from 'vscode';
import { normalizeCredentialSet, type CredentialSet, type CredentialSetInput } from '../../core/smtp/credentialSets';
import { classifySmtpPassword, deriveSmtpPassword } from '../../core/smtp/password';
import type { TlsMode } from '../../core/smtp/regions';
import { askLoginFields } from '../prompts';
import { settings } from '../settings';
import { checkLogin, type CheckLoginOutcome } from '../smtp/checkLogin';
import { generatePassword } from '../smtp/generatePassword';
import { UserError, optionalNumber, optionalString, optionalTls, registerCommand, type Log } from '../util';
import type { CredentialStore } from './store';
import { createIamUser } from './createIamUser';

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
export async function resolveCredentialSet(store: CredentialStore, args: unknown, title: string): Promise<CredentialSet | undefined> {
  const node = args as { set?: CredentialSet; credentialSet?: unknown } | undefined;
  if (node?.set?.id) return store.get(node.set.id);
  if (node && node.credentialSet !== undefined) {
    if (typeof node.credentialSet !== 'string') throw new UserError('Argument "credentialSet" must be the id or name of a credential set.');
    const set = await store.get(node.credentialSet);
    if (!set) throw new UserError(`No credential set is named "${node.credentialSet.slice(0, 80)}". Add it in the SMTP Credentials view first.`);
    return set;
  }
  const sets = await store.list();
  if (sets.length === 0) {
    const add = 'Add Credentials…';
    if ((await vscode.window.showInformationMessage('No SMTP credentials are saved yet.', add)) === add) await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add');
    return undefined;
  }
  if (sets.length === 1) return sets[0];
  const picked = await vscode.window.showQuickPick(
    sets.map((s) => ({ label: s.name, description: `${s.username} · ${s.host ?? s.region}`, set: s })),
    { title, placeHolder: 'Credential set' },
  );
  return picked?.set;
}

export function registerCredentialCommands(log: Log, store: CredentialStore): vscode.Disposable[] {
  const cmd = <T>(id: string, handler: (args?: unknown) => Promise<T>): vscode.Disposable => registerCommand(`sesSmtpToolkit.credentials.${id}`, log, handler);
  return [
    cmd('add', (args) => addCredentials(log, store, args)),
    cmd('generate', (args) => generateAndSave(log, store, args)),
    cmd('createIamUser', (args) => createIamUser(log, store, args)),
    cmd('check', (args) => checkSet(log, store, args, false)),
    cmd('diagnose', (args) => checkSet(log, store, args, true)),
    cmd('copyUsername', async (args) => {
      const set = await resolveCredentialSet(store, args, 'Copy Username');
      if (!set) return undefined;
      await vscode.env.clipboard.writeText(set.username);
      void vscode.window.setStatusBarMessage(`Username of "${set.name}" copied`, 3000);
      return true;
    }),
    cmd('copyPassword', async (args) => {
      const set = await resolveCredentialSet(store, args, 'Copy Password');
      if (!set) return undefined;
      const password = await store.getPassword(set.id);
      if (!password) throw new UserError(`The password of "${set.name}" is missing from the secret storage. Delete the set and add it again.`);
      await vscode.env.clipboard.writeText(password);
      void vscode.window.setStatusBarMessage(`Password of "${set.name}" copied`, 3000);
      return true;
    }),
    cmd('trustCertificate', async (args) => {
      const set = await resolveCredentialSet(store, args, 'Certificate verification');
      if (!set) return undefined;
      const allow = (args as { allow?: unknown } | undefined)?.allow;
      const next = typeof allow === 'boolean' ? allow : !set.allowUntrustedCertificate;
      if (next && (args as { confirm?: boolean } | undefined)?.confirm !== false) {
        const ok = await vscode.window.showWarningMessage(
          `Accept untrusted TLS certificates for "${set.name}"?`,
          { modal: true, detail: 'Only for a relay or test server you control. With verification off, anything between you and the server can read the SMTP password. The real SES endpoints always have valid certificates: never do this for them.' },
          'Accept Untrusted Certificates',
        );
        if (!ok) return undefined;
      }
      const updated = await store.setAllowUntrusted(set.id, next);
      log.warn(`Certificate verification for "${set.name}" is now ${next ? 'OFF (opted in)' : 'on'}.`);
      return updated;
    }),
    cmd('rename', async (args) => {
      const set = await resolveCredentialSet(store, args, 'Rename');
      if (!set) return undefined;
      const given = optionalString((args ?? {}) as object, 'newName');
      const name = given ?? (await vscode.window.showInputBox({ title: `Rename "${set.name}"`, value: set.name, validateInput: (v) => (v.trim() ? undefined : 'The name cannot be empty.') }));
      if (name === undefined) return undefined;
      if (!name.trim()) throw new UserError('The name cannot be empty.');
      return store.rename(set.id, name.trim());
    }),
    cmd('delete', async (args) => {
      const set = await resolveCredentialSet(store, args, 'Delete');
      if (!set) return undefined;
      const confirmed = (args as { confirm?: boolean } | undefined)?.confirm === false
        || (await vscode.window.showWarningMessage(`Delete the credential set "${set.name}"? Its password is removed from the secret storage. The IAM key itself is not touched.`, { modal: true }, 'Delete')) === 'Delete';
      if (!confirmed) return false;
      await store.remove(set.id);
      log.info(`Deleted credential set "${set.name}".`);
      return true;
    }),
    cmd('forgetAll', async (args) => {
      const confirmed = (args as { confirm?: boolean } | undefined)?.confirm === false
        || (await vscode.window.showWarningMessage('Forget all SMTP credential sets and their passwords? IAM keys are not touched.', { modal: true }, 'Forget All')) === 'Forget All';
      if (!confirmed) return 0;
      const n = await store.forgetAll();
      log.info(`Forgot ${n} credential set(s).`);
      return n;
    }),
  ];
}

async function addCredentials(log: Log, store: CredentialStore, raw?: unknown): Promise<CredentialSet | undefined> {
  const args = (raw ?? {}) as AddCredentialArgs;
  const programmatic = raw !== undefined;
  let name = optionalString(args, 'name');
  let from = optionalString(args, 'from');
  const title = 'Add SMTP Credentials';
  const fields = await askLoginFields(title, {
    region: optionalString(args, 'region'),
    host: optionalString(args, 'host'),
    port: optionalNumber(args, 'port'),
    tls: optionalTls(args),
    username: optionalString(args, 'username'),
    password: optionalString(args, 'password'),
  });
  if (!fields) return undefined;
  const { region, host, port, tls, username } = fields;
  let { password } = fields;

  const classified = classifySmtpPassword(password);
  if (classified.kind !== 'v4') {
    const effective = classified.cleanedKind ?? classified.kind;
    let choice: AddCredentialArgs['onProblem'] = args.onProblem ?? (programmatic ? (effective === 'iam-secret' ? 'derive' : 'clean') : 'ask');
    if (choice === 'ask') choice = undefined;
    if (!choice) {
      const deriveLabel = `Derive the SMTP Password for ${region ?? 'the Region'}`;
      const cleanLabel = 'Save Cleaned Value';
      const asTyped = 'Save As Typed';
      const options = effective === 'iam-secret' ? [deriveLabel, asTyped] : classified.cleaned !== password && effective === 'v4' ? [cleanLabel, asTyped] : [asTyped];
      const picked = await vscode.window.showWarningMessage(classified.summary, { modal: true }, ...options);
      if (!picked) return undefined;
      choice = picked === deriveLabel ? 'derive' : picked === cleanLabel ? 'clean' : 'as-typed';
    }
    if (choice === 'derive') {
      if (effective !== 'iam-secret') throw new UserError('Only an IAM secret access key can be turned into an SMTP password.');
      if (!region) throw new UserError('Deriving a password needs a region, not only a host.');
      password = deriveSmtpPassword(classified.cleaned, region);
      log.info(`The value given as password was an IAM secret key; saved the v4 SMTP password derived from it for ${region} instead (the secret is not stored).`);
    } else if (choice === 'clean') {
      password = classified.cleaned;
    }
  }

  name ??= await vscode.window.showInputBox({ title: `${title}: name`, value: `${region ?? host} SMTP`, prompt: 'A name for these credentials', ignoreFocusOut: true });
  if (name === undefined) return undefined;
  if (from === undefined && !programmatic) {
    from = await vscode.window.showInputBox({ title: `${title}: default From (optional)`, prompt: 'Address test mails are sent from; must be verified in SES in this region', placeHolder: 'noreply@example.com', ignoreFocusOut: true });
  }

  let input: CredentialSetInput;
  try {
    input = normalizeCredentialSet({ name, username, region, host, port, tls: tls ?? 'starttls', from }, settings().extraRegions);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  const set = await store.add(input, password);
  log.info(`Saved credential set "${set.name}" (${set.username}, ${set.host ?? set.region}:${set.port}).`);
  if (!programmatic) {
    void vscode.window.showInformationMessage(`Saved "${set.name}". The password is in the editor's secret storage.`, 'Check Login').then((c) => {
      if (c) void vscode.commands.executeCommand('sesSmtpToolkit.credentials.check', { credentialSet: set.id });
    });
  }
  return set;
}

async function generateAndSave(log: Log, store: CredentialStore, raw?: unknown): Promise<CredentialSet | undefined> {
  const args = (raw ?? {}) as { name?: string; from?: string };
  const generated = await generatePassword(log, { ...(raw as object), showResult: false });
  if (!generated) return undefined;
  const name = optionalString(args, 'name') ?? (raw !== undefined ? `${generated.region} SMTP` : await vscode.window.showInputBox({ title: 'Save SMTP Credentials: name', value: `${generated.region} SMTP`, ignoreFocusOut: true }));
  if (name === undefined) return undefined;
  const input = normalizeCredentialSet({ name, username: generated.username, region: generated.region, port: 587, tls: 'starttls', from: optionalString(args, 'from') });
  const set = await store.add(input, generated.password);
  log.info(`Saved credential set "${set.name}" with a password derived for ${generated.region}.`);
  if (raw === undefined) void vscode.window.showInformationMessage(`Saved "${set.name}": password derived for ${generated.region}, stored in the editor's secret storage.`);
  return set;
}

async function checkSet(log: Log, store: CredentialStore, raw: unknown, showReport: boolean): Promise<CheckLoginOutcome | undefined> {
  const set = await resolveCredentialSet(store, raw, showReport ? 'Diagnose' : 'Check Login');
  if (!set) return undefined;
  const password = await store.getPassword(set.id);
  if (!password) throw new UserError(`The password of "${set.name}" is missing from the secret storage. Delete the set and add it again.`);
  const extra = (raw ?? {}) as { notify?: boolean; secretAccessKey?: string; timeoutSeconds?: number };
  const outcome = await checkLogin(log, {
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
  });
  if (!outcome) return undefined;
  if (outcome.result.failure?.code !== 'CANCELLED') {
    await store.recordCheck(set.id, { ok: outcome.ok, at: new Date().toISOString(), summary: outcome.ok ? `OK in ${outcome.result.totalMs} ms` : (outcome.causes[0]?.title ?? outcome.result.failure?.message ?? 'failed') });
  }
  if (showReport) log.show(true);
  return outcome;
}
