// The form's "History": the last sends of this workspace (time, credential set, From → To, subject,
// outcome headline, message id), each with "Send Again" (fills the form with that send) and "Save as
// .eml" (the host writes the message exactly as it was sent). The host keeps the list.
import type { SendHistoryEntry } from '../../../engines/smtp/mailOptions';
import { el, show, ui } from './dom';
import { post } from './vscodeApi';
import { t } from './l10n';

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

function button(label: string, action: string, onClick: () => void): HTMLButtonElement {
  const b = Object.assign(el('button', 'secondary small', label), { type: 'button' });
  b.dataset.action = action;
  b.addEventListener('click', onClick);
  return b;
}

export function renderHistory(entries: SendHistoryEntry[], sendAgain: (entry: SendHistoryEntry) => void): void {
  show(ui.clearHistory, entries.length > 0);
  if (!entries.length) {
    ui.history.replaceChildren(el('li', 'muted empty', t('No sends yet in this workspace.')));
    return;
  }
  ui.history.replaceChildren(
    ...entries.map((e) => {
      const li = el('li', `history-entry ${e.ok ? 'ok' : 'failed'}`);
      li.dataset.id = e.id;
      const recipients = [...e.to, ...e.cc.map((c) => `cc ${c}`), ...e.bcc.map((b) => `bcc ${b}`)].join(', ');
      const meta = [
        when(e.at),
        e.setName,
        ...(e.configurationSet ? [t('set {0}', e.configurationSet)] : []),
        ...(e.tenant ? [t('tenant {0}', e.tenant)] : []),
      ].join(' \u00b7 ');
      li.append(
        el('div', 'muted', meta),
        el('div', 'route', `${e.from} \u2192 ${recipients}`),
        el('div', 'subject', e.subject || t('(no subject)')),
        el('div', `outcome ${e.ok ? 'ok' : 'failed'}`, `${e.ok ? '\u2713' : '\u2717'} ${e.headline}`),
      );
      if (e.messageId) li.appendChild(el('code', 'message-id', e.messageId));
      if (e.delivery) li.appendChild(el('div', 'delivery muted', t('Delivery: {0}', e.delivery)));
      const actions = el('div', 'inline-actions');
      actions.appendChild(button(t('Send Again'), 'again', () => sendAgain(e)));
      if (e.hasEml) actions.appendChild(button(t('Save as .eml'), 'save', () => post({ type: 'saveEml', id: e.id })));
      if (e.ok && e.messageId)
        actions.appendChild(button(t('Where Is It?'), 'whereIs', () => post({ type: 'whereIs', id: e.id })));
      li.appendChild(actions);
      return li;
    }),
  );
}
