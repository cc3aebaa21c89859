// The Send Test Email history of this workspace: the list in the workspace state, the bytes of each
// send in the extension's storage folder (the workspace's, or the global one without a folder), so
// both outlive a window reload. "Save as .eml" offers a save dialog and writes the bytes as sent.
import * as vscode from 'vscode';
import { SendHistory, emlName, suggestedEmlName, type BlobStore } from './logic/sendHistory';
import type { CredentialSet } from '../../base/credentialSets';
import type { TestMail } from '../../engines/smtp/mailOptions';
import { UserError, type Log } from '../../host/util';
import type { SendReport } from './sendCommand';

function folderBlobs(folder: vscode.Uri): BlobStore {
  const dir = vscode.Uri.joinPath(folder, 'sendHistory');
  return {
    async write(name, bytes) {
      await vscode.workspace.fs.createDirectory(dir);
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), bytes);
    },
    async read(name) {
      try {
        return await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name));
      } catch {
        return undefined;
      }
    },
    async remove(name) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(dir, name), { useTrash: false });
    },
  };
}

const histories = new WeakMap<vscode.ExtensionContext, SendHistory>();

/** The window's send history, made on first use (never during activation). */
export function sendHistoryOf(context: vscode.ExtensionContext): SendHistory {
  let history = histories.get(context);
  if (!history) {
    history = new SendHistory(context.workspaceState, folderBlobs(context.storageUri ?? context.globalStorageUri));
    histories.set(context, history);
  }
  return history;
}

/** Keeps one send in the history; never fails the send (a storage problem is logged by the caller). */
export async function recordSend(
  history: SendHistory,
  set: CredentialSet,
  mail: TestMail,
  outcome: { ok: boolean; headline: string; messageId?: string; message?: Uint8Array },
  /** The set's password: masked in every text of the entry, in every form (smtp/redact.ts). */
  password: string | undefined,
): Promise<{ id: string; hasEml: boolean }> {
  const entry = await history.record(
    {
      at: new Date().toISOString(),
      setId: set.id,
      setName: set.name,
      region: set.region ?? '',
      from: mail.from,
      to: mail.to,
      cc: mail.cc ?? [],
      bcc: mail.bcc ?? [],
      subject: mail.raw !== undefined ? rawSubject(mail.raw) : mail.subject,
      configurationSet: mail.configurationSet,
      ...(mail.tenant ? { tenant: mail.tenant } : {}),
      messageId: outcome.messageId,
      ok: outcome.ok,
      headline: outcome.headline,
    },
    outcome.message,
    [password],
  );
  return { id: entry.id, hasEml: entry.hasEml };
}

/** Keeps a send of the command (called with arguments) in the history, as the form's sends are. */
export async function recordReport(
  log: Log,
  history: SendHistory,
  set: CredentialSet,
  mail: TestMail,
  report: SendReport,
  password: string | undefined,
): Promise<string | undefined> {
  const outcome = {
    ok: report.ok,
    headline: report.headline,
    messageId: report.messageId,
    message: report.outcome.message,
  };
  const entry = await recordSend(history, set, mail, outcome, password).catch((err: Error) => {
    log.warn(`The send could not be added to the history: ${err.message}`);
    return undefined;
  });
  return entry?.id;
}

/** The Subject of a raw message (unfolded), or ''. */
export function rawSubject(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  return /^Subject:[ \t]*(.*)$/im.exec(head)?.[1].trim() ?? '';
}

/** Offers a save dialog and writes the exact bytes of the send; the saved file, or undefined if cancelled. */
export async function saveEml(history: SendHistory, id: string): Promise<vscode.Uri | undefined> {
  const entry = history.get(id);
  if (!entry) throw new UserError(vscode.l10n.t('That send is no longer in the history.'));
  const bytes = await history.eml(id);
  if (!bytes)
    throw new UserError(
      entry.hasEml
        ? vscode.l10n.t('The message of that send is no longer stored ({0} is missing).', emlName(id))
        : vscode.l10n.t('That send kept no message to save (it was not composed, or it was larger than 12 MB).'),
    );
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = suggestedEmlName(entry);
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Save the Sent Message as .eml'),
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { [vscode.l10n.t('Email message')]: ['eml'] },
    saveLabel: vscode.l10n.t('Save'),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, bytes);
  return target;
}
