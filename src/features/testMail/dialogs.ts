// The form's file dialogs, shown by the host (the webview cannot read files): attachments picked in
// the workspace (the page gets name, size and path, never the content), and an .eml opened for raw
// mode. A path the page sends back is accepted only if this window's file dialog returned it
// (core/webview/pickedFiles.ts): the page cannot make the extension attach any other file, not even
// one in the workspace.
import * as vscode from 'vscode';
import path from 'node:path';
import type { AttachmentView } from './logic/optionMessages';
import { EXTRAS_LIMITS, formatBytes } from './logic/sendExtras';
import { blockedExtension } from '../../engines/smtp/attachments';
import { UserError } from '../../host/util';
import { PickedFiles } from './logic/pickedFiles';

const picked = new PickedFiles();

function workspaceFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** The files picked (those SES takes), and the names of those it refuses by type. */
export async function pickAttachments(): Promise<{ files: AttachmentView[]; refused: string[] }> {
  const uris = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Attach Files to the Test Email'),
    canSelectMany: true,
    canSelectFiles: true,
    canSelectFolders: false,
    defaultUri: workspaceFolder(),
    openLabel: vscode.l10n.t('Attach'),
  });
  const out: AttachmentView[] = [];
  const refused: string[] = [];
  for (const uri of uris ?? []) {
    if (blockedExtension(uri.fsPath)) {
      refused.push(path.basename(uri.fsPath));
      continue;
    }
    const stat = await vscode.workspace.fs.stat(uri);
    picked.add(uri.fsPath);
    out.push({ path: uri.fsPath, name: path.basename(uri.fsPath), size: stat.size });
  }
  return { files: out, refused };
}

/** True if the page may name this file as an attachment. */
export function attachmentAllowed(file: string): boolean {
  return picked.allows(file);
}

/** Checks the attachments the page named; throws a UserError naming the one that cannot be sent. */
export async function checkAttachments(files: readonly string[]): Promise<void> {
  let total = 0;
  for (const file of files) {
    if (!attachmentAllowed(file))
      throw new UserError(
        vscode.l10n.t('{0} was not picked in this window; attach it again with Attach Files….', path.basename(file)),
      );
    try {
      total += (await vscode.workspace.fs.stat(vscode.Uri.file(file))).size;
    } catch {
      throw new UserError(vscode.l10n.t('{0} is gone; remove it from the attachments.', path.basename(file)));
    }
  }
  if (Math.ceil(total / 3) * 4 > EXTRAS_LIMITS.sesMessageBytes)
    throw new UserError(
      vscode.l10n.t(
        'The attachments are {0}, more than SES accepts in one message (40 MB after encoding); remove some.',
        formatBytes(total),
      ),
    );
}

/** Opens an .eml for raw mode: its name and text, or undefined if the dialog was cancelled. */
export async function openEml(): Promise<{ name: string; raw: string } | undefined> {
  const [uri] =
    (await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Open a MIME Message (.eml)'),
      canSelectMany: false,
      defaultUri: workspaceFolder(),
      filters: { [vscode.l10n.t('Email message')]: ['eml', 'txt'], [vscode.l10n.t('All files')]: ['*'] },
      openLabel: vscode.l10n.t('Open'),
    })) ?? [];
  if (!uri) return undefined;
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > EXTRAS_LIMITS.raw)
    throw new UserError(
      vscode.l10n.t(
        '{0} is {1}; the form opens messages up to 10 MB.',
        path.basename(uri.fsPath),
        formatBytes(stat.size),
      ),
    );
  const bytes = await vscode.workspace.fs.readFile(uri);
  // As text, like a message pasted into the form (the send path writes it out as UTF-8).
  const raw = Buffer.from(bytes).toString('utf8');
  return { name: path.basename(uri.fsPath), raw };
}
