// The form: credential sets and their ports, the mailbox simulator chips and what they lead to,
// field validation whose message clears as soon as the field is fixed, and the saved state.
import { STATE_FIELDS } from '../logic/messages';
import { splitRecipients } from '../../../base/names';
import type { OptionsToWebview } from '../logic/optionMessages';
import type { SendForm, SetView, WebviewState } from '../logic/messages';
import type { SendHistoryEntry } from '../../../engines/smtp/mailOptions';
import { simulatorNotes } from '../logic/headline';
import type { TlsMode } from '../../../base/regions';
import { el, show, stateFields, ui } from './dom';
import { loadState, post, saveState } from './vscodeApi';
import { t } from './l10n';
import { checkOptions, collectExtras, extrasState, initOptions, refillOptions } from './options';

type CheckedField = 'set' | 'from' | 'to';

let sets: SetView[] = [];
const saved: WebviewState = loadState();
/** The field the current error message is about, cleared when that field becomes valid. */
let invalid: CheckedField | undefined;

export function restoreState(): void {
  for (const f of STATE_FIELDS) {
    const value = saved[f];
    if (value === undefined || f === 'set') continue;
    if (f === 'rawMode') ui.rawMode.checked = value === '1';
    else stateFields[f].value = value;
  }
  initOptions(() => currentSet()?.region || undefined, rememberState, clearOptionsError, saved.extras);
  updateToNote();
}

export function rememberState(): void {
  const state: WebviewState = {};
  for (const f of STATE_FIELDS) state[f] = stateFields[f].value;
  state.rawMode = ui.rawMode.checked ? '1' : '';
  state.extras = extrasState();
  saveState(state);
}

const optionsError = (): string => t('Not sent: fix the fields marked above.');

/** Once every option is fixed, the line beside Send that pointed at them goes too. */
function clearOptionsError(): void {
  if (ui.formError.textContent === optionsError()) clearError();
}

/** From the explorer: From preset, the region's credentials chosen, and what to know about both. */
export function applyPrefill(m: Extract<OptionsToWebview, { type: 'prefill' }>): void {
  if (m.setId && sets.some((s) => s.id === m.setId)) {
    ui.set.value = m.setId;
    onSetChanged(true);
  }
  ui.from.value = m.from;
  onFieldInput('from');
  ui.prefillNote.textContent = m.note;
  show(ui.prefillNote, m.note !== '');
  if (!m.setId) show(ui.addSet, true);
  rememberState();
  ui.from.focus();
}

/** "Send Again": the form as that send was (its credentials when still saved). */
export function refill(entry: SendHistoryEntry): void {
  if (sets.some((s) => s.id === entry.setId) && ui.set.value !== entry.setId) {
    ui.set.value = entry.setId;
    onSetChanged(true);
  }
  ui.from.value = entry.from;
  ui.to.value = entry.to.join(', ');
  if (entry.subject) ui.subject.value = entry.subject;
  refillOptions(entry);
  onFieldInput('from');
  onFieldInput('to');
  rememberState();
  ui.form.scrollIntoView({ block: 'start' });
  ui.send.focus();
}

export function currentSet(): SetView | undefined {
  return sets.find((s) => s.id === ui.set.value);
}

export function renderSets(next: SetView[], preselect?: string): void {
  sets = next;
  const wanted = preselect || ui.set.value || saved.set;
  ui.set.replaceChildren();
  if (!sets.length) {
    const opt = el('option', '', t('No saved credentials'));
    opt.value = '';
    ui.set.appendChild(opt);
    ui.set.disabled = true;
    show(ui.addSet, true);
    ui.setHint.textContent = t('Add SMTP credentials first; the password stays in the editor\u2019s secret storage.');
    return;
  }
  ui.set.disabled = false;
  show(ui.addSet, false);
  for (const s of sets) {
    const opt = el('option', '', `${s.name} \u2014 ${s.description}`);
    opt.value = s.id;
    ui.set.appendChild(opt);
  }
  if (wanted && sets.some((s) => s.id === wanted)) ui.set.value = wanted;
  onSetChanged(false);
}

export function onSetChanged(userAction: boolean): void {
  const s = currentSet();
  if (!s) return;
  if (invalid === 'set') clearError();
  const hint = [`${s.host}:${s.port}`];
  if (s.sandbox === true) hint.push(t('account in the SES sandbox: recipients must be verified'));
  if (s.sandbox === false) hint.push(t('production access'));
  ui.setHint.textContent = hint.join(' \u00b7 ');
  ui.fromList.replaceChildren();
  for (const id of s.identities) ui.fromList.appendChild(Object.assign(el('option'), { value: id }));
  for (const d of s.domains) ui.fromList.appendChild(Object.assign(el('option'), { value: `test@${d}` }));
  if ((userAction || !ui.from.value) && s.from) {
    ui.from.value = s.from;
    onFieldInput('from');
  }
  setPort(s.port, s.tls);
  if (userAction) {
    post({ type: 'selectSet', setId: s.id });
    show(ui.prefillNote, false); // it was about the credentials chosen for an identity
  }
  rememberState();
}

// The credentials' own port is always offered, also when it is not one of SES's (a relay, a test server).
function setPort(port: number, tls: TlsMode): void {
  const value = `${port}:${tls}`;
  for (const opt of ui.port.querySelectorAll<HTMLOptionElement>('option[data-custom]')) {
    if (opt.value !== value) opt.remove();
  }
  if (![...ui.port.options].some((o) => o.value === value)) {
    const mode = tls === 'implicit' ? 'TLS' : 'STARTTLS';
    const opt = el('option', '', t('{0} \u00b7 {1} (from the credentials)', port, mode));
    opt.value = value;
    opt.dataset.custom = '1';
    ui.port.insertBefore(opt, ui.port.firstChild);
  }
  ui.port.value = value;
}

export function renderSimulator(simulator: Readonly<Record<string, string>>): void {
  ui.simulator.replaceChildren();
  for (const [label, address] of Object.entries(simulator)) {
    const b = el('button', 'chip', label);
    b.type = 'button';
    b.title = address;
    b.setAttribute('aria-label', t('Send to {0}', address));
    b.addEventListener('click', () => {
      ui.to.value = address;
      onFieldInput('to');
      rememberState();
      ui.to.focus();
    });
    ui.simulator.appendChild(b);
  }
}

/** Under To: what happens after a send to mailbox simulator addresses. */
function updateToNote(): void {
  const notes = simulatorNotes(splitRecipients(ui.to.value));
  ui.toNote.replaceChildren(...notes.map((n) => el('div', '', n)));
  show(ui.toNote, notes.length > 0);
}

/** Called whenever From or To changes (typing, a chip, a set's default From). */
export function onFieldInput(field: 'from' | 'to'): void {
  if (field === 'to') updateToNote();
  if (invalid === field && ui[field].value.trim()) clearError();
}

export function showError(message: string, field?: CheckedField): void {
  clearError();
  ui.formError.textContent = message;
  invalid = field;
  if (field) {
    ui[field].setAttribute('aria-invalid', 'true');
    ui[field].focus();
  }
}

export function clearError(): void {
  ui.formError.textContent = '';
  if (invalid) ui[invalid].removeAttribute('aria-invalid');
  invalid = undefined;
}

/** The form to send (with its options unless for a burst), or undefined after showing what is missing. */
export function collectForm(force: boolean, withOptions = false): SendForm | undefined {
  const s = currentSet();
  if (!s) return void showError(t('Choose saved SMTP credentials first.'), 'set');
  if (!ui.from.value.trim()) return void showError(t('Enter the From address.'), 'from');
  if (!ui.to.value.trim()) return void showError(t('Enter a recipient, or click a simulator address.'), 'to');
  if (withOptions && !checkOptions()) return void showError(optionsError());
  const [port, tls] = ui.port.value.split(':');
  return {
    ...(withOptions ? { extras: collectExtras() } : {}),
    setId: s.id,
    from: ui.from.value,
    to: ui.to.value,
    subject: ui.subject.value,
    text: ui.text.value,
    html: ui.html.value,
    port: Number(port),
    tls: tls === 'implicit' ? 'implicit' : 'starttls',
    force,
  };
}
