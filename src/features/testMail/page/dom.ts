// Small typed DOM helpers and the page's elements (the markup is in src/features/testMail/html.ts).
import type { StateField } from '../logic/messages';

/** The element with this id, checked to be of the expected kind. */
function byId<T extends HTMLElement>(id: string, kind: { new (): T; prototype: T }): T {
  const node = document.getElementById(id);
  if (!(node instanceof kind)) throw new Error(`#${id} is missing or not a ${kind.name}`);
  return node;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  content?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined) node.textContent = content;
  return node;
}

export function show(node: HTMLElement, visible: boolean): void {
  node.classList.toggle('hidden', !visible);
}

export const ui = {
  form: byId('form', HTMLFormElement),
  set: byId('set', HTMLSelectElement),
  setHint: byId('set-hint', HTMLDivElement),
  addSet: byId('add-set', HTMLButtonElement),
  from: byId('from', HTMLInputElement),
  fromList: byId('from-list', HTMLDataListElement),
  to: byId('to', HTMLInputElement),
  toNote: byId('to-note', HTMLDivElement),
  simulator: byId('simulator', HTMLDivElement),
  subject: byId('subject', HTMLInputElement),
  text: byId('text', HTMLTextAreaElement),
  html: byId('html', HTMLTextAreaElement),
  port: byId('port', HTMLSelectElement),
  warnings: byId('warnings', HTMLDivElement),
  send: byId('send', HTMLButtonElement),
  sendAnyway: byId('send-anyway', HTMLButtonElement),
  cancel: byId('cancel', HTMLButtonElement),
  status: byId('send-status', HTMLSpanElement),
  formError: byId('form-error', HTMLSpanElement),
  progress: byId('progress', HTMLElement),
  endpoint: byId('endpoint', HTMLSpanElement),
  phases: byId('phases', HTMLOListElement),
  result: byId('result', HTMLDivElement),
  transcript: byId('transcript', HTMLPreElement),
  openLog: byId('open-log', HTMLButtonElement),
  burstBox: byId('burst-box', HTMLDetailsElement),
  burstCount: byId('burst-count', HTMLInputElement),
  burstRate: byId('burst-rate', HTMLInputElement),
  burstRateHint: byId('burst-rate-hint', HTMLDivElement),
  burstConfirm: byId('burst-confirm', HTMLDivElement),
  burstSend: byId('burst-send', HTMLButtonElement),
  burstAnyway: byId('burst-anyway', HTMLButtonElement),
  burstProgress: byId('burst-progress', HTMLElement),
  burstEndpoint: byId('burst-endpoint', HTMLSpanElement),
  burstBar: byId('burst-bar', HTMLProgressElement),
  burstCounts: byId('burst-counts', HTMLDivElement),
  burstResult: byId('burst-result', HTMLDivElement),
  prefillNote: byId('prefill-note', HTMLDivElement),
  cc: byId('cc', HTMLInputElement),
  bcc: byId('bcc', HTMLInputElement),
  replyTo: byId('replyTo', HTMLInputElement),
  rawMode: byId('rawMode', HTMLInputElement),
  rawBox: byId('raw-box', HTMLDivElement),
  raw: byId('raw', HTMLTextAreaElement),
  rawName: byId('raw-name', HTMLSpanElement),
  openEml: byId('open-eml', HTMLButtonElement),
  formattedBox: byId('formatted-box', HTMLDivElement),
  advancedBox: byId('advanced-box', HTMLDetailsElement),
  configSetSelect: byId('config-set-select', HTMLSelectElement),
  configurationSet: byId('configurationSet', HTMLInputElement),
  configSetHint: byId('config-set-hint', HTMLDivElement),
  tenant: byId('tenant', HTMLInputElement),
  tenantList: byId('tenant-list', HTMLDataListElement),
  tenantHint: byId('tenant-hint', HTMLDivElement),
  tags: byId('tags', HTMLDivElement),
  addTag: byId('add-tag', HTMLButtonElement),
  headers: byId('headers', HTMLDivElement),
  addHeader: byId('add-header', HTMLButtonElement),
  attachmentsRow: byId('attachments-row', HTMLDivElement),
  replyToRow: byId('replyTo-row', HTMLDivElement),
  headersRow: byId('headers-row', HTMLDivElement),
  attachments: byId('attachments', HTMLUListElement),
  attach: byId('attach', HTMLButtonElement),
  attachmentsTotal: byId('attachments-total', HTMLDivElement),
  sourceArn: byId('sourceArn', HTMLInputElement),
  fromArn: byId('fromArn', HTMLInputElement),
  returnPathArn: byId('returnPathArn', HTMLInputElement),
  destinations: byId('destinations', HTMLDivElement),
  history: byId('history', HTMLOListElement),
  clearHistory: byId('clear-history', HTMLButtonElement),
};

/** The form fields kept in the webview state, by state key. */
export const stateFields: Record<StateField, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement> = {
  set: ui.set,
  from: ui.from,
  to: ui.to,
  subject: ui.subject,
  text: ui.text,
  html: ui.html,
  port: ui.port,
  cc: ui.cc,
  bcc: ui.bcc,
  replyTo: ui.replyTo,
  configurationSet: ui.configurationSet,
  tenant: ui.tenant,
  sourceArn: ui.sourceArn,
  fromArn: ui.fromArn,
  returnPathArn: ui.returnPathArn,
  rawMode: ui.rawMode,
  raw: ui.raw,
};
