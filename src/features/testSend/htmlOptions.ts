// Markup of the form's options (see html.ts for the page): CC, BCC and Reply-To under To; the raw
// MIME toggle and its message; the "Advanced" section (configuration set, message tags, custom
// headers, attachments, sending-authorization ARNs); the history of sends. Every field has its own
// message line ("<field>-error"), which the page clears as the field is fixed.

function fieldError(id: string): string {
  return `<div id="${id}-error" class="field-error" role="alert"></div>`;
}

function textRow(id: string, label: string, placeholder: string, hint = ''): string {
  const hintHtml = hint ? `<div class="hint">${hint}</div>` : '';
  return `<div class="row" id="${id}-row">
      <label for="${id}">${label}</label>
      <div class="field">
        <input id="${id}" type="text" autocomplete="off" spellcheck="false" placeholder="${placeholder}">${hintHtml}
        ${fieldError(id)}
      </div>
    </div>`;
}

/** CC, BCC and Reply-To: under To. */
export const RECIPIENT_ROWS = [
  textRow('cc', 'CC', 'copy@example.com'),
  textRow(
    'bcc',
    'BCC',
    'hidden-copy@example.com',
    'Not in the message headers; counted for the sandbox like To and CC.',
  ),
  textRow('replyTo', 'Reply-To', 'replies@example.com'),
].join('\n    ');

/** The raw MIME toggle (above Subject) and the raw message, shown instead of Subject and Text. */
export const RAW_ROWS = `<div class="row">
      <span class="label">Message</span>
      <div class="field">
        <label class="toggle"><input type="checkbox" id="rawMode"> Raw MIME: send a message as written</label>
        <div class="hint">The envelope (MAIL FROM and RCPT TO) still comes from From, To, CC and BCC above;
          the configuration set, tags and ARNs are added on top. Reply-To, headers and attachments go in the message itself.</div>
      </div>
    </div>
    <div id="raw-box" class="row hidden">
      <label for="raw">Raw message</label>
      <div class="field">
        <textarea id="raw" rows="10" spellcheck="false" placeholder="From: sender@example.com&#10;To: recipient@example.com&#10;Subject: Hello&#10;&#10;Body"></textarea>
        <div class="inline-actions"><button type="button" id="open-eml" class="secondary">Open .eml…</button><span id="raw-name" class="hint"></span></div>
        ${fieldError('raw')}
      </div>
    </div>`;

const ARN_HINT = 'arn:aws:ses:eu-west-1:123456789012:identity/example.com';

/** The "Advanced" section. */
export const ADVANCED_SECTION = `<details id="advanced-box" class="row-details">
      <summary>Advanced: configuration set, tags, headers, attachments, sending authorization</summary>
      <div class="row">
        <label for="configurationSet">Configuration set</label>
        <div class="field">
          <select id="config-set-select" class="hidden" aria-label="Configuration set"></select>
          <input id="configurationSet" type="text" autocomplete="off" spellcheck="false" placeholder="my-configuration-set">
          <div id="config-set-hint" class="hint"></div>
          ${fieldError('configurationSet')}
        </div>
      </div>
      <div class="row">
        <span class="label">Message tags</span>
        <div class="field">
          <div id="tags" class="pairs"></div>
          <button type="button" id="add-tag" class="link">Add tag</button>
          <div class="hint">Sent as X-SES-MESSAGE-TAGS; they reach the configuration set's event destinations.</div>
        </div>
      </div>
      <div id="headers-row" class="row">
        <span class="label">Headers</span>
        <div class="field">
          <div id="headers" class="pairs"></div>
          <button type="button" id="add-header" class="link">Add header</button>
        </div>
      </div>
      <div id="attachments-row" class="row">
        <span class="label">Attachments</span>
        <div class="field">
          <ul id="attachments" class="attachments"></ul>
          <div class="inline-actions"><button type="button" id="attach" class="secondary">Attach Files…</button></div>
          <div id="attachments-total" class="hint"></div>
          ${fieldError('attachments')}
        </div>
      </div>
      <p class="hint burst-lead">Sending authorization: for an identity another account owns and lets you send from.</p>
      ${textRow('sourceArn', 'Source ARN', ARN_HINT)}
      ${textRow('fromArn', 'From ARN', ARN_HINT)}
      ${textRow('returnPathArn', 'Return-Path ARN', ARN_HINT)}
    </details>`;

export const HISTORY_SECTION = `<section id="history-box" aria-live="polite">
    <h2>History <button type="button" id="clear-history" class="link hidden">Clear</button></h2>
    <p class="hint">The last 20 sends in this workspace. Send Again fills the form; Save as .eml writes the message exactly as it was sent.</p>
    <ol id="history" class="history"></ol>
  </section>`;
