// Markup of the form's options (see html.ts for the page): CC, BCC and Reply-To under To; the raw
// MIME toggle and its message; the "Advanced" section (configuration set, message tags, custom
// headers, attachments, sending-authorization ARNs); the history of sends. Every field has its own
// message line ("<field>-error"), which the page clears as the field is fixed. The visible text goes
// through vscode.l10n.t when the page is built (these are functions: l10n.t runs after activation),
// escaped; ids, class names, example addresses and ARNs stay as they are.
import * as vscode from 'vscode';
import { esc } from '../../host/htmlText';

function fieldError(id: string): string {
  return `<div id="${id}-error" class="field-error" role="alert"></div>`;
}

/** A text input row; `label` and `hint` are already translated, `placeholder` is an example value. */
function textRow(id: string, label: string, placeholder: string, hint = ''): string {
  const hintHtml = hint ? `<div class="hint">${esc(hint)}</div>` : '';
  return `<div class="row" id="${id}-row">
      <label for="${id}">${esc(label)}</label>
      <div class="field">
        <input id="${id}" type="text" autocomplete="off" spellcheck="false" placeholder="${esc(placeholder)}">${hintHtml}
        ${fieldError(id)}
      </div>
    </div>`;
}

/** CC, BCC and Reply-To: under To. */
export function recipientRows(): string {
  return [
    textRow('cc', vscode.l10n.t('CC'), 'copy@example.com'),
    textRow(
      'bcc',
      vscode.l10n.t('BCC'),
      'hidden-copy@example.com',
      vscode.l10n.t('Not in the message headers; counted for the sandbox like To and CC.'),
    ),
    textRow('replyTo', vscode.l10n.t('Reply-To'), 'replies@example.com'),
  ].join('\n    ');
}

/** The raw MIME toggle (above Subject) and the raw message, shown instead of Subject and Text. */
export function rawRows(): string {
  return `<div class="row">
      <span class="label">${esc(vscode.l10n.t('Message'))}</span>
      <div class="field">
        <label class="toggle"><input type="checkbox" id="rawMode"> ${esc(vscode.l10n.t('Raw MIME: send a message as written'))}</label>
        <div class="hint">${esc(
          vscode.l10n.t(
            'The envelope (MAIL FROM and RCPT TO) still comes from From, To, CC and BCC above; the configuration set, tags and ARNs are added on top. Reply-To, headers and attachments go in the message itself.',
          ),
        )}</div>
      </div>
    </div>
    <div id="raw-box" class="row hidden">
      <label for="raw">${esc(vscode.l10n.t('Raw message'))}</label>
      <div class="field">
        <textarea id="raw" rows="10" spellcheck="false" placeholder="From: sender@example.com&#10;To: recipient@example.com&#10;Subject: Hello&#10;&#10;Body"></textarea>
        <div class="inline-actions"><button type="button" id="open-eml" class="secondary">${esc(vscode.l10n.t('Open .eml…'))}</button><span id="raw-name" class="hint"></span></div>
        ${fieldError('raw')}
      </div>
    </div>`;
}

const ARN_HINT = 'arn:aws:ses:eu-west-1:123456789012:identity/example.com';

/** The "Advanced" section. */
export function advancedSection(): string {
  return `<details id="advanced-box" class="row-details">
      <summary>${esc(vscode.l10n.t('Advanced: configuration set, tenant, tags, headers, attachments, sending authorization'))}</summary>
      <div class="row">
        <label for="configurationSet">${esc(vscode.l10n.t('Configuration set'))}</label>
        <div class="field">
          <select id="config-set-select" class="hidden" aria-label="${esc(vscode.l10n.t('Configuration set'))}"></select>
          <input id="configurationSet" type="text" autocomplete="off" spellcheck="false" placeholder="my-configuration-set">
          <div id="config-set-hint" class="hint"></div>
          ${fieldError('configurationSet')}
        </div>
      </div>
      <div class="row">
        <label for="tenant">${esc(vscode.l10n.t('Tenant'))}</label>
        <div class="field">
          <input id="tenant" type="text" list="tenant-list" autocomplete="off" spellcheck="false">
          <datalist id="tenant-list"></datalist>
          <div id="tenant-hint" class="hint"></div>
          ${fieldError('tenant')}
        </div>
      </div>
      <div class="row">
        <span class="label">${esc(vscode.l10n.t('Message tags'))}</span>
        <div class="field">
          <div id="tags" class="pairs"></div>
          <button type="button" id="add-tag" class="link">${esc(vscode.l10n.t('Add tag'))}</button>
          <div class="hint">${esc(vscode.l10n.t("Sent as X-SES-MESSAGE-TAGS; they reach the configuration set's event destinations."))}</div>
        </div>
      </div>
      <div id="headers-row" class="row">
        <span class="label">${esc(vscode.l10n.t('Headers'))}</span>
        <div class="field">
          <div id="headers" class="pairs"></div>
          <button type="button" id="add-header" class="link">${esc(vscode.l10n.t('Add header'))}</button>
        </div>
      </div>
      <div id="attachments-row" class="row">
        <span class="label">${esc(vscode.l10n.t('Attachments'))}</span>
        <div class="field">
          <ul id="attachments" class="attachments"></ul>
          <div class="inline-actions"><button type="button" id="attach" class="secondary">${esc(vscode.l10n.t('Attach Files…'))}</button></div>
          <div id="attachments-total" class="hint"></div>
          ${fieldError('attachments')}
        </div>
      </div>
      <p class="hint burst-lead">${esc(vscode.l10n.t('Sending authorization: for an identity another account owns and lets you send from.'))}</p>
      ${textRow('sourceArn', vscode.l10n.t('Source ARN'), ARN_HINT)}
      ${textRow('fromArn', vscode.l10n.t('From ARN'), ARN_HINT)}
      ${textRow('returnPathArn', vscode.l10n.t('Return-Path ARN'), ARN_HINT)}
    </details>`;
}

/** The history of sends, under the progress. */
export function historySection(): string {
  return `<section id="history-box" aria-live="polite">
    <h2>${esc(vscode.l10n.t('History'))} <button type="button" id="clear-history" class="link hidden">${esc(vscode.l10n.t('Clear'))}</button></h2>
    <p class="hint">${esc(vscode.l10n.t('The last 20 sends in this workspace. Send Again fills the form; Save as .eml writes the message exactly as it was sent.'))}</p>
    <ol id="history" class="history"></ol>
  </section>`;
}
