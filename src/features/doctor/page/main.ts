// The Doctor's report page. The host writes the report into the markup (masked, escaped; see
// src/features/doctor/html.ts); this script only wires Copy as Markdown and Re-run to the typed
// protocol of src/features/doctor/logic/messages.ts and follows the host's `state` (a run under way, a
// report to copy). Bundled by esbuild to dist/webview/doctor.js.
import { parseToDoctorPage, type ToDoctorPage } from '../logic/messages';
import { post } from './vscodeApi';

/** The button with this id (the markup always has both). */
function button(id: string): HTMLButtonElement {
  const node = document.getElementById(id);
  if (!(node instanceof HTMLButtonElement)) throw new Error(`#${id} is missing or not a button`);
  return node;
}

const copy = button('copy');
const rerun = button('rerun');

function applyState(state: ToDoctorPage): void {
  copy.disabled = !state.hasReport;
  rerun.disabled = state.running;
  // The "re-running…" note beside a shown report (absent while the first run goes).
  document.getElementById('running')?.toggleAttribute('hidden', !state.running);
}

copy.addEventListener('click', () => post({ type: 'copy' }));
rerun.addEventListener('click', () => post({ type: 'rerun' }));

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // Only the extension posts to this page; still, anything but a well-formed state is ignored.
  const state = parseToDoctorPage(event.data);
  if (state) applyState(state);
});

post({ type: 'ready' });
