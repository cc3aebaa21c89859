// "Write SMTP Settings to .env": pick the values, the file and the convention, show the change
// with the password hidden, and write it atomically.
import * as vscode from 'vscode';
import { walkthroughStepDone } from '../../host/walkthrough';
import { requireSmtpRegion } from '../../host/smtpEndpoint';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { EnvValueError, readEnvFile, own, parseEnv, type Eol, type ParsedEnv } from '../../engines/envfile/parse';
import {
  conventionEntries,
  detectConvention,
  keyOf,
  type EnvConvention,
  type SmtpValues,
} from '../../engines/envfile/conventions';
import { dialectFor, type Dialect } from '../../engines/envfile/dialects';
import { envValueForms, setEnvKeys, valueFormsIn } from '../../engines/envfile/edit';
import { endpointOf } from '../../base/credentialSets';
import { writeFileAtomic, WriteError } from '../../engines/envfile/fsAtomic';
import { checkEnvWrite } from '../../engines/envfile/verify';
import { regionFromHost, smtpHostForRegion } from '../../base/regions';
import type { CredentialStore } from '../../host/credentialStore';
import { resolveCredentialSet } from '../../host/credentialStore';
import { UserError, type Log } from '../../host/util';
import { PREVIEW_SCHEME, conventions, customConventions, dialectSetting } from '../../host/envSettings';
import { warnIfNotIgnored } from './gitignore';
import { containedEnvFile } from '../../host/envContain';
import { consentTo, type CallContext } from '../../host/consent';
import type { FeatureCalls } from '../../host/calls';
import type { PendingEnvDiff } from './diffChoice';
// The argument type is the schema's (args.ts): registerCommand checked a plain object against it.
import type { WriteEnvArgs } from './args';

/** A value's forms in a dialect, none when it cannot be written there. */
function formsOrNone(value: string, eol: Eol, dialect: Dialect): Array<{ text: string }> {
  try {
    return valueFormsIn(value, eol, dialect);
  } catch {
    return [];
  }
}

/** The file's text now ('' when it does not exist). */
async function currentText(file: string): Promise<string | undefined> {
  try {
    return readEnvFile(await readFile(file), path.basename(file)).text;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? '' : undefined;
  }
}

/** The read-only documents of the diff (password hidden) and the choice made on it. */
export interface EnvPreview {
  texts: Map<string, string>;
  changed: vscode.EventEmitter<vscode.Uri>;
  diff: PendingEnvDiff;
}
const CONVENTION_STATE = 'sesSmtpToolkit.env.convention';

/** The .env file being written: the path asked for, its real path, and its text and parse now. */
interface EnvTarget {
  given: string;
  file: string;
  original: string;
  parsed: ParsedEnv;
}

/** The change planned: the keys and values to set, the dialect they are written in, the new text. */
interface EnvChange {
  convention: EnvConvention;
  entries: Record<string, string>;
  dialect: Dialect;
  next: string;
}

export async function writeEnv(
  context: vscode.ExtensionContext,
  log: Log,
  store: CredentialStore,
  raw: unknown,
  preview: EnvPreview,
  calls?: FeatureCalls,
  call: CallContext = { scripted: false },
): Promise<{ file: string; convention: string; keys: string[] } | undefined> {
  const args = (raw ?? {}) as WriteEnvArgs;
  const values = await valuesToWrite(args, raw, store, calls);
  if (!values) return undefined;
  // Nothing is written for a region whose SMTP host does not exist.
  await requireSmtpRegion(values.region, { host: values.host });
  const given = args.file || (await pickFile());
  if (!given) return undefined;
  const target = await readTarget(given);
  const convention = await pickConvention(context, args, target.parsed);
  if (!convention) return undefined;
  await context.workspaceState.update(CONVENTION_STATE, convention.id);
  const change = planChange(target, convention, values);
  if (change.next === target.original) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} already has these SMTP settings.', path.basename(target.file)),
    );
    return { file: given, convention: convention.id, keys: [] };
  }
  // A caller's confirm: false counts only under the user's opt-in (mayWrite asks otherwise).
  if (args.confirm !== false && !(await confirmInDiff(preview, log, target, change, values.password))) return undefined;
  if (!(await mayWrite(log, call, target, change))) return undefined;
  await writeChange(call, target, change);
  log.info(`Wrote ${Object.keys(change.entries).join(', ')} to ${target.file} (${convention.id}).`);
  void warnIfNotIgnored(target.file, log);
  return { file: given, convention: convention.id, keys: Object.keys(change.entries) };
}

/** Step 1, the values: from the argument's "values", else from a saved credential set (picked if not named). */
async function valuesToWrite(
  args: WriteEnvArgs,
  raw: unknown,
  store: CredentialStore,
  calls: FeatureCalls | undefined,
): Promise<SmtpValues | undefined> {
  if (args.values) {
    const v = args.values;
    const host = v.host ?? (v.region ? smtpHostForRegion(v.region) : undefined);
    if (!host || !v.username || !v.password)
      throw new UserError(vscode.l10n.t('Argument "values" needs host (or region), username and password.'));
    return {
      host,
      port: v.port ?? 587,
      user: v.username,
      password: v.password,
      from: v.from,
      region: v.region ?? regionFromHost(host)?.region,
      implicitTls: v.tls === 'implicit',
    };
  }
  const fromItem = (raw as { set?: unknown } | undefined)?.set ? raw : undefined;
  const set = await resolveCredentialSet(
    store,
    fromItem ?? (args.credentialSet !== undefined ? { credentialSet: args.credentialSet } : undefined),
    vscode.l10n.t('Write SMTP Settings to .env'),
    calls,
  );
  if (!set) return undefined;
  const password = await store.requirePassword(set);
  const endpoint = endpointOf(set);
  return {
    host: endpoint.host,
    port: endpoint.port,
    user: set.username,
    password,
    from: set.from,
    region: set.region,
    implicitTls: endpoint.tls === 'implicit',
  };
}

/** Step 2a, the file when none is given: one of the workspace's .env files, or a new one. */
async function pickFile(): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new UserError(vscode.l10n.t('Open a folder first: the .env file is written into the workspace.'));
  const found = await vscode.workspace.findFiles('**/.env*', '**/node_modules/**', 50);
  const items = [
    ...found.map((f) => ({
      label: vscode.workspace.asRelativePath(f),
      description: vscode.l10n.t('update'),
      path: f.fsPath,
    })),
    {
      label: vscode.l10n.t('$(new-file) New .env'),
      description: folder.name,
      path: path.join(folder.uri.fsPath, '.env'),
    },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Write SMTP Settings to .env: which file?'),
  });
  return picked?.path;
}

/**
 * Step 2b, the file's text: only a .env file of an open folder, judged on its real path (a link to a
 * tracked or outside file is refused); everything after reads and writes the real file. A file with
 * unsaved edits in the editor is refused.
 */
async function readTarget(given: string): Promise<EnvTarget> {
  const file = (await containedEnvFile(given)).real;
  let original = '';
  let parsed = parseEnv('');
  try {
    ({ text: original, parsed } = readEnvFile(await readFile(file), path.basename(file)));
  } catch (err) {
    if (err instanceof EnvValueError) throw new UserError(err.message);
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new UserError(vscode.l10n.t('Cannot read {0}: {1}', file, (err as Error).message));
  }
  const open = vscode.workspace.textDocuments.find(
    (d) => (d.uri.fsPath === file || d.uri.fsPath === given) && d.isDirty,
  );
  if (open)
    throw new UserError(
      vscode.l10n.t(
        '{0} has unsaved changes in the editor. Save or revert them first; nothing was changed.',
        path.basename(file),
      ),
    );
  return { given, file, original, parsed };
}

/** Step 3, the convention: as given, else the one the file uses (not asked), else asked with the last one first. */
async function pickConvention(
  context: vscode.ExtensionContext,
  args: WriteEnvArgs,
  parsed: ParsedEnv,
): Promise<EnvConvention | undefined> {
  const all = conventions();
  const given = args.convention ? all.find((c) => c.id === args.convention) : undefined;
  if (args.convention && !given)
    throw new UserError(
      vscode.l10n.t('Unknown convention "{0}". Use one of: {1}.', args.convention, all.map((c) => c.id).join(', ')),
    );
  if (given) return given;
  const detected = detectConvention(parsed, customConventions());
  const remembered = all.find((c) => c.id === context.workspaceState.get<string>(CONVENTION_STATE));
  const first = detected ?? remembered;
  // The file already shows its convention: no need to ask. Otherwise the guess goes first.
  if (detected) return detected;
  if (args.confirm === false && first) return first;
  const ordered = first ? [first, ...all.filter((c) => c !== first)] : all;
  const picked = await vscode.window.showQuickPick(
    ordered.map((c) => ({
      label: c.label,
      description:
        c === detected ? vscode.l10n.t('used in this file') : c === remembered ? vscode.l10n.t('used last time') : '',
      convention: c,
    })),
    { title: vscode.l10n.t('Write SMTP Settings to .env: which convention does the project use?') },
  );
  return picked?.convention;
}

/** Step 4, the new content, written in the framework's own .env dialect so its parser reads every value back exactly. */
function planChange(target: EnvTarget, convention: EnvConvention, values: SmtpValues): EnvChange {
  const entries = conventionEntries(convention, values);
  const dialect = dialectFor(convention.id, dialectSetting(vscode.Uri.file(target.file)));
  try {
    const next = setEnvKeys(target.original, entries, {
      anchorKeys: Object.values(convention.keys).filter((k): k is string => typeof k === 'string'),
      dialect,
    });
    return { convention, entries, dialect, next };
  } catch (err) {
    if (err instanceof EnvValueError) throw new UserError(err.message);
    throw err;
  }
}

/**
 * Step 5, the change shown (password hidden) and asked: true when the user chose Write and the file
 * is still as it was read.
 */
async function confirmInDiff(
  preview: EnvPreview,
  log: Log,
  target: EnvTarget,
  change: EnvChange,
  password: string,
): Promise<boolean> {
  const { file, original, parsed } = target;
  const { convention, entries, dialect, next } = change;
  // The new password and URL, and the ones the file holds now, in every form they can be written in.
  const keys = [keyOf(convention, 'password'), keyOf(convention, 'url')].filter((k): k is string => Boolean(k));
  const secrets = [password, ...keys.map((k) => own(entries, k)), ...keys.map((k) => own(parsed.values, k))]
    .filter((s): s is string => Boolean(s))
    .flatMap((s) => [
      ...[...envValueForms(s, parsed.eol), ...formsOrNone(s, parsed.eol, dialect)].map((f) => f.text),
      s,
    ])
    .sort((a, b) => b.length - a.length);
  const hidden = (text: string): string => secrets.reduce((out, secret) => out.split(secret).join('********'), text);
  // A fresh token per diff: Write counts only with this diff's own document (diffChoice.ts).
  const token = randomBytes(12).toString('hex');
  const left = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${path.basename(file)}`, query: `before-${token}` });
  const right = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${path.basename(file)}`, query: `after-${token}` });
  preview.texts.set(left.toString(), hidden(original));
  preview.texts.set(right.toString(), hidden(next));
  preview.changed.fire(left);
  preview.changed.fire(right);
  // Write and Cancel are the diff editor's title actions (diffChoice.ts); closing the diff cancels.
  const choice = await preview.diff.ask(
    left,
    right,
    vscode.l10n.t('{0}: SMTP settings ({1}, password hidden)', path.basename(file), convention.id),
  );
  if (choice !== 'write') {
    log.info(`Wrote nothing to ${file}: the change was cancelled.`);
    return false;
  }
  // The diff does not block the editor: the file may have changed while it was open.
  if (
    (await currentText(file)) !== original ||
    vscode.workspace.textDocuments.some((d) => d.uri.fsPath === file && d.isDirty)
  )
    throw new UserError(
      vscode.l10n.t(
        '{0} changed while the diff was open; nothing was written. Save your edits and run "Write SMTP Settings to .env" again.',
        path.basename(file),
      ),
    );
  return true;
}

/**
 * Step 6a, the checks before writing: the new text must read back as planned, and a caller's
 * argument object needs the user's yes here (the diff's Write title action can be run by any caller,
 * so it is not enough), unless the user's own opt-in lets such calls run.
 */
async function mayWrite(log: Log, call: CallContext, target: EnvTarget, change: EnvChange): Promise<boolean> {
  const { file, original } = target;
  const { convention, entries, dialect, next } = change;
  const readBack = checkEnvWrite(original, next, entries, dialect);
  if (!readBack.ok) throw new UserError(readBack.reason!);
  if (
    call.scripted &&
    !(await consentTo(call, {
      summary: vscode.l10n.t('Write SMTP settings, including the password, to {0}', file),
      detail: vscode.l10n.t(
        'File: {0}\nKeys: {1}\nConvention: {2}',
        file,
        Object.keys(entries).join(', '),
        convention.id,
      ),
      action: vscode.l10n.t('Write'),
    }))
  ) {
    log.info(`Wrote nothing to ${file}: the caller's request was not allowed.`);
    return false;
  }
  return true;
}

/**
 * Step 6b, the write, atomic, into the file still checked (a link swapped meanwhile is caught here)
 * with the text the change was made from (the consent modal may have been open for a while).
 */
async function writeChange(call: CallContext, target: EnvTarget, change: EnvChange): Promise<void> {
  const { given, file, original } = target;
  if ((await containedEnvFile(given)).real !== file)
    throw new UserError(
      vscode.l10n.t('{0} changed where it points while the write was prepared; nothing was written.', given),
    );
  if (call.scripted && (await currentText(file)) !== original)
    throw new UserError(
      vscode.l10n.t(
        '{0} changed while the write was waiting for your answer; nothing was written. Run the write again.',
        path.basename(file),
      ),
    );
  try {
    await writeFileAtomic(file, change.next);
    walkthroughStepDone('envWritten');
  } catch (err) {
    throw new UserError(
      err instanceof WriteError ? err.message : vscode.l10n.t('Could not write {0}: {1}', file, (err as Error).message),
    );
  }
}
