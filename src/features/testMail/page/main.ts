// Send Test Email webview. Talks to the extension only through the typed protocol of
// src/features/testMail/logic/messages.ts; keeps the form (never a password: the webview never has one) in
// the webview state so it survives a reload. Bundled by esbuild to dist/webview/testSend.js.
import type { ToWebview } from '../logic/messages';
import { el, show, ui } from './dom';
import { post } from './vscodeApi';
import { setL10nBundle, t } from './l10n';
import { collectBurst, onBurstMessage, resetBurstConfirm, updateRateHint } from './burst';
import { onOptionsMessage, relabelOptions } from './options';
import { renderHistory } from './history';
import {
  applyPrefill,
  clearError,
  collectForm,
  currentSet,
  refill,
  onFieldInput,
  onSetChanged,
  rememberState,
  renderSets,
  renderSimulator,
  restoreState,
  showError,
} from './form';
import {
  appendTranscript,
  markStale,
  onPhase,
  resetPhasesForRetry,
  resetProgress,
  setRunning,
  setStatus,
  showDelivery,
  showResult,
} from './progress';

let running = false;

function submit(force: boolean): void {
  clearError();
  if (running) return;
  const form = collectForm(force, true);
  if (!form) return;
  show(ui.warnings, false);
  markStale();
  setStatus('');
  post({ type: 'send', form });
}

function showWarnings(warnings: string[]): void {
  const list = el('ul');
  for (const w of warnings) list.appendChild(el('li', '', w));
  ui.warnings.replaceChildren(el('strong', '', t('Before sending:')), list);
  show(ui.warnings, true);
  show(ui.sendAnyway, true);
  setStatus(t('Not sent yet: see the warnings'));
}

function burst(confirm: boolean): void {
  clearError();
  if (running) return;
  const form = collectBurst(confirm);
  if (!form) return;
  resetBurstConfirm();
  setStatus('');
  post({ type: 'burst', form });
}

function onMessage(m: ToWebview): void {
  if (onBurstMessage(m)) {
    running = m.type === 'burstStarted' || (running && m.type === 'burstProgress');
    return;
  }
  if (onOptionsMessage(m, () => currentSet()?.id)) return;
  switch (m.type) {
    case 'history':
      renderHistory(m.entries, refill);
      break;
    case 'prefill':
      applyPrefill(m);
      break;
    case 'init':
      // The rows drawn before the first init (from the saved state) get the page's language once.
      if (setL10nBundle(m.l10n)) relabelOptions();
      renderSimulator(m.simulator);
      renderSets(m.sets, m.preselect);
      updateRateHint();
      break;
    case 'confirm':
      showWarnings(m.warnings);
      break;
    case 'started':
      running = true;
      setRunning(true);
      resetProgress(m.endpoint);
      setStatus(t('Sending through {0}\u2026', m.endpoint), 'busy');
      break;
    case 'phase':
      onPhase(m.phase);
      break;
    case 'transcript':
      appendTranscript(m.line);
      break;
    case 'retry':
      appendTranscript({
        t: 0,
        dir: '*',
        text: t('temporary failure ({0}), retrying in {1} s', m.reply || '4xx', m.delayMs / 1000),
      });
      setStatus(t('Temporary failure; retrying in {0} s\u2026', m.delayMs / 1000), 'busy');
      resetPhasesForRetry();
      break;
    case 'result':
      running = false;
      showResult(m);
      break;
    case 'delivery':
      showDelivery(m);
      break;
    case 'error':
      running = false;
      setRunning(false);
      ui.burstSend.disabled = false;
      setStatus('');
      showError(m.message, m.field);
      break;
  }
}

restoreState();
ui.form.addEventListener('input', rememberState);
ui.form.addEventListener('change', rememberState);
ui.from.addEventListener('input', () => onFieldInput('from'));
ui.to.addEventListener('input', () => onFieldInput('to'));
ui.set.addEventListener('change', () => {
  onSetChanged(true);
  updateRateHint();
});
ui.burstSend.addEventListener('click', () => burst(false));
ui.burstAnyway.addEventListener('click', () => burst(true));
ui.addSet.addEventListener('click', () => post({ type: 'addCredentials' }));
ui.openLog.addEventListener('click', (e) => {
  e.preventDefault();
  post({ type: 'openLog' });
});
ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  submit(false);
});
ui.sendAnyway.addEventListener('click', () => submit(true));
ui.cancel.addEventListener('click', () => post({ type: 'cancel' }));

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  // Only the extension posts to this page; still, ignore anything that is not a message object.
  if (typeof m !== 'object' || m === null || typeof (m as { type?: unknown }).type !== 'string') return;
  onMessage(m as ToWebview);
});

post({ type: 'ready' });
