// The progress section: the SMTP phases (the list the core uses), the masked transcript, and the
// result with its headline, which also sits beside Send and scrolls into view.
import { SMTP_PHASES, SMTP_PHASE_LABELS, type SmtpPhase } from '../../../engines/smtp/phases';
import type { DeliveryMessage, SendResultMessage, TranscriptLineView } from '../logic/messages';
import { el, show, ui } from './dom';
import { post } from './vscodeApi';
import { t } from './l10n';

type PhaseState = 'pending' | 'active' | 'ok' | 'failed';
const ICON: Record<PhaseState, string> = { pending: '\u25cb', active: '\u2026', ok: '\u2713', failed: '\u2717' };

let entered: SmtpPhase[] = [];

export function setRunning(running: boolean): void {
  ui.send.disabled = running;
  show(ui.cancel, running);
  show(ui.sendAnyway, false);
}

/** Beside Send: what the last action came to, in one line. */
export function setStatus(message: string, tone: 'ok' | 'failed' | 'busy' | '' = ''): void {
  ui.status.textContent = message;
  ui.status.className = `status ${tone}`.trim();
}

/** A new send is on its way: the previous result no longer describes the form; grey it. */
export function markStale(): void {
  ui.progress.classList.add('stale');
  ui.progress.setAttribute('aria-disabled', 'true');
}

export function resetProgress(endpoint: string): void {
  show(ui.progress, true);
  ui.progress.classList.remove('stale');
  ui.progress.removeAttribute('aria-disabled');
  ui.endpoint.textContent = endpoint ? `\u2014 ${endpoint}` : '';
  ui.transcript.replaceChildren();
  show(ui.result, false);
  ui.result.replaceChildren();
  show(ui.destinations, false);
  ui.destinations.replaceChildren();
  ui.phases.replaceChildren();
  entered = [];
  for (const id of SMTP_PHASES) {
    const li = el('li', 'phase pending');
    li.dataset.phase = id;
    li.append(el('span', 'icon', ICON.pending), el('span', 'label', SMTP_PHASE_LABELS[id]));
    li.appendChild(el('span', 'time muted', ''));
    ui.phases.appendChild(li);
  }
}

function markPhase(phase: SmtpPhase, state: PhaseState, ms?: number): void {
  const li = ui.phases.querySelector<HTMLLIElement>(`.phase[data-phase="${CSS.escape(phase)}"]`);
  if (!li) return;
  li.className = `phase ${state}`;
  li.querySelector('.icon')!.textContent = ICON[state];
  if (ms !== undefined) li.querySelector('.time')!.textContent = t('{0} ms', ms);
}

export function onPhase(phase: SmtpPhase): void {
  const prev = entered[entered.length - 1];
  if (prev) markPhase(prev, 'ok');
  entered.push(phase);
  markPhase(phase, 'active');
}

export function resetPhasesForRetry(): void {
  entered = [];
  for (const li of ui.phases.querySelectorAll<HTMLLIElement>('.phase')) {
    li.className = 'phase pending';
    li.querySelector('.icon')!.textContent = ICON.pending;
    li.querySelector('.time')!.textContent = '';
  }
}

export function appendTranscript(line: TranscriptLineView): void {
  const kind = line.dir === 'C' ? 'client' : line.dir === 'S' ? 'server' : 'event';
  const row = el('div', `line ${kind}`);
  row.append(el('span', 'muted', `${`+${line.t}ms`.padStart(8)} ${line.dir} `), document.createTextNode(line.text));
  ui.transcript.appendChild(row);
  ui.transcript.scrollTop = ui.transcript.scrollHeight;
}

export function showResult(message: SendResultMessage): void {
  setRunning(false);
  for (const p of message.phases) markPhase(p.phase, p.ok ? 'ok' : 'failed', p.ms);
  for (const li of ui.phases.querySelectorAll('.phase.pending')) li.classList.add('skipped');
  const box = ui.result;
  box.replaceChildren();
  box.className = `result ${message.ok ? 'ok' : 'failed'}`;
  const headline = el('h3', 'headline', `${message.ok ? '\u2713' : '\u2717'} ${message.headline}`);
  headline.id = 'result-headline';
  box.appendChild(headline);
  setStatus(`${message.ok ? '\u2713' : '\u2717'} ${message.headline}`, message.ok ? 'ok' : 'failed');
  if (message.ok) {
    const row = el('p');
    const code = el('code', 'message-id', message.messageId || t('(none in the reply)'));
    code.id = 'message-id';
    row.append(el('span', '', t('Message ID: ')), code);
    box.appendChild(row);
    if (message.attempts > 1) {
      box.appendChild(el('p', 'muted', t('Accepted on attempt {0} after temporary failures.', message.attempts)));
    }
    box.appendChild(el('p', 'muted', message.response || ''));
    if (message.hasEml && message.historyId) {
      const id = message.historyId;
      const save = Object.assign(el('button', 'secondary small', t('Save as .eml')), { type: 'button' });
      save.id = 'result-save-eml';
      save.addEventListener('click', () => post({ type: 'saveEml', id }));
      box.appendChild(save);
    }
  } else {
    const f = message.failure;
    const detail = f?.reply || f?.message;
    if (detail) box.appendChild(el('p', 'reply', detail));
  }
  if (message.notes.length) {
    const notes = el('ul', 'notes');
    notes.id = 'result-notes';
    for (const n of message.notes) notes.appendChild(el('li', '', n));
    box.append(el('h4', '', t('What happens next')), notes);
  }
  if (message.causes.length) {
    box.appendChild(el('h4', '', t('Diagnosis')));
    const ol = el('ol', 'causes');
    ol.id = 'causes';
    for (const c of message.causes) {
      const li = el('li', `cause ${c.confidence}`);
      li.dataset.cause = c.id;
      const title = el('div', 'cause-title');
      title.append(el('span', `badge ${c.confidence}`, c.confidence), document.createTextNode(` ${c.title}`));
      li.append(title, el('div', 'cause-fix', t('Fix: {0}', c.fix)));
      ol.appendChild(li);
    }
    box.appendChild(ol);
  }
  showDestinations(message);
  box.scrollIntoView({ block: 'nearest' });
}

/** Beside the result: where the configuration set sends this message's events. */
function showDestinations(message: SendResultMessage): void {
  const box = ui.destinations;
  if (!message.configurationSet) return show(box, false);
  const title = el('h4', '', t('Configuration set {0}: where its events go', message.configurationSet));
  const items = (message.eventDestinations ?? []).map((d) => {
    const where = `${d.name} → ${d.kind}${d.target ? ` ${d.target}` : ''}`;
    const events = d.events.join(', ') || t('no event types');
    return el(
      'li',
      d.enabled ? '' : 'muted',
      d.enabled ? `${where}: ${events}` : t('{0} (disabled): {1}', where, events),
    );
  });
  const list = el('ul', 'notes');
  list.id = 'destination-list';
  list.append(...items);
  const empty =
    message.eventDestinations && !items.length
      ? [el('p', 'muted', t('It has no event destinations: the events of this send go nowhere.'))]
      : [];
  const note = message.destinationsNote ? [el('p', 'muted', message.destinationsNote)] : [];
  box.replaceChildren(title, ...(items.length ? [list] : []), ...empty, ...note);
  show(box, true);
}

/** Below the result: the message's delivery timeline per recipient (delivery tracking). */
export function showDelivery(message: DeliveryMessage): void {
  // A message followed before the result shown now (a new send stopped it): not this result's.
  if (document.getElementById('message-id')?.textContent !== message.messageId) return;
  let box = document.getElementById('delivery');
  if (!box) {
    box = el('div', 'delivery');
    box.id = 'delivery';
    ui.result.appendChild(box);
  }
  const title = el(
    'h4',
    '',
    message.state === 'following'
      ? t('Following the message to delivery\u2026')
      : message.state === 'off'
        ? t('Delivery tracking')
        : t('Delivery'),
  );
  const parts: HTMLElement[] = [title];
  if (message.message.length) {
    const list = el('ul', 'notes');
    for (const line of message.message) list.appendChild(el('li', 'muted', line));
    parts.push(list);
  }
  const recipients = el('ul', 'delivery-recipients');
  recipients.id = 'delivery-recipients';
  for (const r of message.recipients) {
    const li = el('li', `delivery-recipient ${r.outcome.replace(/\s+/g, '-')}`);
    li.dataset.recipient = r.recipient;
    li.dataset.outcome = r.outcome;
    li.appendChild(el('div', 'delivery-head', `${r.recipient}: ${r.outcome}`));
    if (r.lines.length) {
      const lines = el('ul', 'notes');
      for (const line of r.lines) lines.appendChild(el('li', '', line));
      li.appendChild(lines);
    }
    recipients.appendChild(li);
  }
  parts.push(recipients);
  if (message.note) {
    const note = el('p', 'muted', message.note);
    note.id = 'delivery-note';
    parts.push(note);
  }
  if (message.state === 'following') {
    const stop = Object.assign(el('button', 'secondary small', t('Stop Following')), { type: 'button' });
    stop.id = 'delivery-stop';
    stop.addEventListener('click', () => post({ type: 'cancel' }));
    parts.push(stop);
  }
  box.replaceChildren(...parts);
  box.scrollIntoView({ block: 'nearest' });
}
