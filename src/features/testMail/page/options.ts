// The form's options: CC/BCC/Reply-To, raw MIME mode, and the "Advanced" section (configuration set
// as a dropdown of the region's sets or free text, tag and header rows, attachments with their total
// against SES's 40 MB, sending-authorization ARNs). Each field shows its own message, which is
// checked again on every edit, so it clears as soon as the field is fixed.
import { splitRecipients } from '../../../base/names';
import type { AttachmentView, ExtrasState, OptionsToWebview } from '../logic/optionMessages';
import type { SendExtrasForm } from '../logic/sendExtras';
import { attachmentTotal, fieldProblems, formatBytes, type ExtrasField } from '../logic/sendExtras';
import type { MessageTag } from '../../../engines/smtp/mailOptions';
import { el, show, ui } from './dom';
import { post } from './vscodeApi';
import { t } from './l10n';

/** An example header name: the protocol's, the same in every language. */
const HEADER_PLACEHOLDER = 'X-Header-Name';
const model: ExtrasState = { tags: [], headers: [], attachments: [] };
/** Fields showing a message now: re-checked on each edit. */
let shown = new Set<ExtrasField>();
let regionOf: () => string | undefined = () => undefined;
let changed: () => void = () => undefined;
let allFixed: () => void = () => undefined;

export function initOptions(
  region: () => string | undefined,
  onChange: () => void,
  onAllFixed: () => void,
  saved?: ExtrasState,
): void {
  regionOf = region;
  changed = onChange;
  allFixed = onAllFixed;
  if (saved) Object.assign(model, saved);
  renderPairs('tag');
  renderPairs('header');
  renderAttachments();
  applyRawMode();
  ui.addTag.addEventListener('click', () => addRow('tag'));
  ui.addHeader.addEventListener('click', () => addRow('header'));
  ui.attach.addEventListener('click', () => post({ type: 'pickAttachments' }));
  ui.openEml.addEventListener('click', () => post({ type: 'openEml' }));
  ui.rawMode.addEventListener('change', () => {
    applyRawMode();
    recheck();
  });
  ui.configSetSelect.addEventListener('change', () => {
    ui.configurationSet.value = ui.configSetSelect.value;
    recheck();
    changed();
  });
  for (const input of [
    ui.cc,
    ui.bcc,
    ui.replyTo,
    ui.configurationSet,
    ui.tenant,
    ui.sourceArn,
    ui.fromArn,
    ui.returnPathArn,
    ui.raw,
  ])
    input.addEventListener('input', recheck);
}

/** The rows and attachments again, in the page's language once `init` brought it. */
export function relabelOptions(): void {
  renderPairs('tag');
  renderPairs('header');
  renderAttachments();
}

/** The rows and attachments, for the webview state. */
export function extrasState(): ExtrasState {
  return {
    tags: model.tags.map((t) => ({ ...t })),
    headers: model.headers.map((h) => ({ ...h })),
    attachments: [...model.attachments],
  };
}

function applyRawMode(): void {
  const raw = ui.rawMode.checked;
  show(ui.rawBox, raw);
  show(ui.formattedBox, !raw);
  // A raw message carries its own Reply-To, headers and attachments.
  for (const row of [ui.attachmentsRow, ui.replyToRow, ui.headersRow]) show(row, !raw);
}

function rows(kind: 'tag' | 'header'): MessageTag[] {
  return kind === 'tag' ? model.tags : model.headers;
}

function addRow(kind: 'tag' | 'header'): void {
  if (rows(kind).length >= 50) return;
  rows(kind).push({ name: '', value: '' });
  renderPairs(kind);
  ui[kind === 'tag' ? 'tags' : 'headers'].querySelector<HTMLInputElement>('.pair:last-child .pair-name')?.focus();
  changed();
}

function renderPairs(kind: 'tag' | 'header'): void {
  const box = kind === 'tag' ? ui.tags : ui.headers;
  const list = rows(kind);
  box.replaceChildren(
    ...list.map((row, i) => {
      const line = el('div', 'pair');
      const name = Object.assign(el('input', 'pair-name'), { type: 'text', value: row.name, spellcheck: false });
      const value = Object.assign(el('input', 'pair-value'), { type: 'text', value: row.value, spellcheck: false });
      name.id = `${kind}-${i}-name`;
      value.id = `${kind}-${i}-value`;
      name.placeholder = kind === 'tag' ? t('name') : HEADER_PLACEHOLDER;
      value.placeholder = t('value');
      name.setAttribute('aria-label', kind === 'tag' ? t('Tag {0} name', i + 1) : t('Header {0} name', i + 1));
      value.setAttribute('aria-label', kind === 'tag' ? t('Tag {0} value', i + 1) : t('Header {0} value', i + 1));
      name.addEventListener('input', () => ((row.name = name.value), recheck(), changed()));
      value.addEventListener('input', () => ((row.value = value.value), recheck(), changed()));
      const remove = Object.assign(el('button', 'link remove', t('Remove')), { type: 'button' });
      remove.setAttribute('aria-label', kind === 'tag' ? t('Remove tag {0}', i + 1) : t('Remove header {0}', i + 1));
      remove.addEventListener('click', () => {
        list.splice(i, 1);
        shown.delete(`${kind}-${i}`);
        renderPairs(kind);
        recheck();
        changed();
      });
      const error = el('div', 'field-error');
      error.id = `${kind}-${i}-error`;
      error.setAttribute('role', 'alert');
      line.append(name, value, remove, error);
      return line;
    }),
  );
}

function renderAttachments(): void {
  ui.attachments.replaceChildren(
    ...model.attachments.map((a, i) => {
      const li = el('li', 'attachment');
      li.title = a.path;
      const remove = Object.assign(el('button', 'link remove', t('Remove')), { type: 'button' });
      remove.setAttribute('aria-label', t('Remove {0}', a.name));
      remove.addEventListener('click', () => {
        model.attachments.splice(i, 1);
        renderAttachments();
        changed();
      });
      li.append(el('span', 'name', a.name), el('span', 'muted size', formatBytes(a.size)), remove);
      return li;
    }),
  );
  const total = attachmentTotal(model.attachments.map((a) => a.size));
  ui.attachmentsTotal.textContent = model.attachments.length
    ? t('Total: {0}', total.text)
    : t('None. Files from the workspace; SES takes up to 40 MB per message.');
  ui.attachmentsTotal.classList.toggle('error', total.tooBig);
}

function addAttachments(files: AttachmentView[]): void {
  for (const f of files) if (!model.attachments.some((a) => a.path === f.path)) model.attachments.push(f);
  model.attachments.splice(50);
  renderAttachments();
  changed();
}

/** What the options hold, as the send message carries them. */
export function collectExtras(): SendExtrasForm {
  const raw = ui.rawMode.checked;
  const out: SendExtrasForm = {
    cc: ui.cc.value,
    bcc: ui.bcc.value,
    replyTo: raw ? '' : ui.replyTo.value,
    configurationSet: configSetValue(),
    tenant: ui.tenant.value,
    tags: model.tags.map((t) => ({ ...t })),
    headers: raw ? [] : model.headers.map((h) => ({ ...h })),
    attachments: raw ? [] : model.attachments.map((a) => a.path),
    sourceArn: ui.sourceArn.value,
    fromArn: ui.fromArn.value,
    returnPathArn: ui.returnPathArn.value,
  };
  if (ui.rawMode.checked) out.raw = ui.raw.value;
  return out;
}

function configSetValue(): string {
  return ui.configSetSelect.classList.contains('hidden') ? ui.configurationSet.value : ui.configSetSelect.value;
}

function errorNode(field: ExtrasField): HTMLElement | null {
  return document.getElementById(`${field}-error`);
}

function inputOf(field: ExtrasField): HTMLElement | null {
  if (field.startsWith('tag-') || field.startsWith('header-')) return document.getElementById(`${field}-name`);
  if (field === 'configurationSet' && !ui.configSetSelect.classList.contains('hidden')) return ui.configSetSelect;
  return document.getElementById(field);
}

function paint(problems: Partial<Record<ExtrasField, string>>, fields: Iterable<ExtrasField>): void {
  for (const field of fields) {
    const message = problems[field];
    const node = errorNode(field);
    if (node) node.textContent = message ?? '';
    const input = inputOf(field);
    if (message) input?.setAttribute('aria-invalid', 'true');
    else input?.removeAttribute('aria-invalid');
    if (message) shown.add(field);
    else shown.delete(field);
  }
}

/** Shows every field's problem; true when there is none. Focuses the first field with one. */
export function checkOptions(): boolean {
  const problems = fieldProblems(collectExtras(), splitRecipients, regionOf(), ui.from.value);
  const fields = Object.keys(problems) as ExtrasField[];
  paint(problems, new Set([...shown, ...fields]));
  if (fields.length) {
    if (fields.some((f) => !['cc', 'bcc', 'replyTo', 'raw'].includes(f))) ui.advancedBox.open = true;
    inputOf(fields[0])?.focus();
  }
  return fields.length === 0;
}

/** After an edit: the messages shown are checked again (a fixed field's message goes). */
function recheck(): void {
  if (!shown.size) return;
  const problems = fieldProblems(collectExtras(), splitRecipients, regionOf(), ui.from.value);
  paint(problems, [...shown]);
  if (!shown.size) allFixed();
}

export function clearOptionMessages(): void {
  paint({}, [...shown]);
  shown = new Set();
}

/** Fills the options from a past send ("Send Again"): its CC, BCC and configuration set. */
export function refillOptions(values: {
  cc: string[];
  bcc: string[];
  configurationSet?: string;
  tenant?: string;
}): void {
  ui.cc.value = values.cc.join(', ');
  ui.bcc.value = values.bcc.join(', ');
  setConfigSet(values.configurationSet ?? '');
  ui.tenant.value = values.tenant ?? '';
  if (values.configurationSet || values.tenant) ui.advancedBox.open = true;
  recheck();
}

function setConfigSet(name: string): void {
  ui.configurationSet.value = name;
  if ([...ui.configSetSelect.options].some((o) => o.value === name)) ui.configSetSelect.value = name;
}

/** Handles an options message; false if it is not one. */
export function onOptionsMessage(m: { type: string }, currentSetId: () => string | undefined): boolean {
  const o = m as OptionsToWebview;
  switch (o.type) {
    case 'attachments':
      addAttachments(o.files);
      return true;
    case 'rawOpened':
      ui.raw.value = o.raw;
      ui.rawName.textContent = `${o.name} (${formatBytes(o.raw.length)})`;
      recheck();
      changed();
      return true;
    case 'configSets': {
      if (o.setId !== currentSetId()) return true;
      const names = o.names;
      const current = ui.configurationSet.value;
      show(ui.configSetSelect, names !== undefined);
      show(ui.configurationSet, names === undefined);
      if (names) {
        const none = Object.assign(el('option', '', t('(none)')), { value: '' });
        const options = names.map((n) => Object.assign(el('option', '', n), { value: n }));
        // A name typed before (or from a past send) that the region does not list stays visible.
        if (current && !names.includes(current))
          options.push(Object.assign(el('option', '', t('{0} (not in this region)', current)), { value: current }));
        ui.configSetSelect.replaceChildren(none, ...options);
        ui.configSetSelect.value = current;
        ui.configSetHint.textContent =
          names.length === 1
            ? t('1 configuration set in this region. Sent as X-SES-CONFIGURATION-SET.')
            : names.length
              ? t('{0} configuration sets in this region. Sent as X-SES-CONFIGURATION-SET.', names.length)
              : t('The region has no configuration sets. Sent as X-SES-CONFIGURATION-SET.');
      } else ui.configSetHint.textContent = o.reason ?? '';
      return true;
    }
    case 'tenants': {
      if (o.setId !== currentSetId()) return true;
      const names = o.names ?? [];
      const paused = new Set(o.paused ?? []);
      // A paused tenant stays pickable (to see SES's refusal) but says so in the list.
      ui.tenantList.replaceChildren(
        ...names.map((n) =>
          Object.assign(el('option', '', n), { value: n, label: paused.has(n) ? t('{0} (paused)', n) : n }),
        ),
      );
      ui.tenantHint.textContent = o.names
        ? names.length
          ? t('{0} tenants in this region (pick one, or type). Sent as X-SES-TENANT.', names.length)
          : t('The region has no tenants. Sent as X-SES-TENANT.')
        : (o.reason ?? '');
      return true;
    }
  }
  return false;
}
