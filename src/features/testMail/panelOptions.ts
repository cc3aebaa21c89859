// The form's option and history messages: Attach Files… and Open .eml… (host dialogs), Save as .eml
// of a past send, and Clear History. Errors reach the page as its error line.
import * as vscode from 'vscode';
import type { FromWebview, ToWebview } from './logic/messages';
import { UserError } from '../../host/util';
import { openEml, pickAttachments } from './dialogs';
import { saveEml, sendHistoryOf } from './history';
import type { PanelDeps } from './panelSend';

export async function onOptionsMessage(
  deps: PanelDeps,
  message: FromWebview,
  post: (m: ToWebview) => void,
): Promise<void> {
  try {
    switch (message.type) {
      case 'pickAttachments': {
        const { files, refused } = await pickAttachments();
        if (files.length) post({ type: 'attachments', files });
        if (refused.length)
          throw new UserError(
            vscode.l10n.t('SES refuses attachments of that type; not attached: {0}.', refused.join(', ')),
          );
        return;
      }
      case 'openEml': {
        const opened = await openEml();
        if (opened) post({ type: 'rawOpened', ...opened });
        return;
      }
      case 'saveEml': {
        const saved = await saveEml(sendHistoryOf(deps.extension), message.id);
        if (saved) {
          deps.log.info(`Saved the message of a past send as ${saved.fsPath}.`);
          void vscode.window.showInformationMessage(vscode.l10n.t('Saved the sent message as {0}.', saved.fsPath));
        }
        return;
      }
      case 'whereIs': {
        const entry = sendHistoryOf(deps.extension).get(message.id);
        if (!entry?.messageId) return;
        await deps.calls.whereIsMessage({
          messageId: entry.messageId,
          ...(entry.region ? { region: entry.region } : {}),
        });
        return;
      }
      case 'clearHistory':
        await sendHistoryOf(deps.extension).clear();
        post({ type: 'history', entries: [] });
        return;
    }
  } catch (err) {
    const text =
      err instanceof UserError ? err.message : vscode.l10n.t('That did not work: {0}', (err as Error).message);
    deps.log.warn(text);
    post({ type: 'error', message: text });
  }
}
