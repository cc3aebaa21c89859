// The page of the "Send Test Email" webview: a CSP that allows only the webview's own resources
// and one script carrying a per-load nonce; the script is the bundle of src/webview/testSend.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { esc } from '../../host/htmlText';
import { advancedSection, historySection, rawRows, recipientRows } from './htmlOptions';

/** The bundled page script (esbuild.config.mjs), beside the extension's own bundles. */
const WEBVIEW_SCRIPT = ['dist', 'webview', 'testSend.js'];

/** Scripts on; the page may load only media/ (its stylesheet, icons) and its own bundle. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'media'),
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
    ],
  };
}

export function testSendHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const media = (file: string): vscode.Uri => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', file));
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...WEBVIEW_SCRIPT));
  return `<!DOCTYPE html>
<html lang="${esc(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource}; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${media('testSend.css')}" rel="stylesheet">
<title>${esc(vscode.l10n.t('Send Test Email'))}</title>
</head>
<body>
<main>
  <header>
    <h1>${esc(vscode.l10n.t('Send Test Email'))}</h1>
    <p class="lead">${esc(vscode.l10n.t('Sends one message through the SES SMTP endpoint with saved credentials and shows each step.'))}</p>
  </header>
  <form id="form" novalidate>
    <div id="prefill-note" class="note hidden" role="status"></div>
    <div class="row">
      <label for="set">${esc(vscode.l10n.t('Credentials'))}</label>
      <div class="field">
        <select id="set" name="set" aria-describedby="set-hint"></select>
        <div id="set-hint" class="hint"></div>
        <button type="button" id="add-set" class="link hidden">${esc(vscode.l10n.t('Add SMTP credentials…'))}</button>
      </div>
    </div>
    <div class="row">
      <label for="from">${esc(vscode.l10n.t('From'))}</label>
      <div class="field">
        <input id="from" name="from" type="text" list="from-list" autocomplete="off" placeholder="sender@your-verified-domain.com" aria-describedby="from-hint">
        <datalist id="from-list"></datalist>
        <div id="from-hint" class="hint">${esc(vscode.l10n.t("Must be a verified identity (address or domain) in the credentials' region."))}</div>
      </div>
    </div>
    <div class="row">
      <label for="to">${esc(vscode.l10n.t('To'))}</label>
      <div class="field">
        <input id="to" name="to" type="text" autocomplete="off" placeholder="recipient@example.com" aria-describedby="to-hint">
        <div id="to-hint" class="hint">${esc(vscode.l10n.t('Mailbox simulator (works in the sandbox, not counted against quota):'))}</div>
        <div class="chips" role="group" aria-label="${esc(vscode.l10n.t('Mailbox simulator recipients'))}" id="simulator"></div>
        <div id="to-note" class="note hidden" role="status"></div>
      </div>
    </div>
    ${recipientRows()}
    ${rawRows()}
    <div id="formatted-box">
    <div class="row">
      <label for="subject">${esc(vscode.l10n.t('Subject'))}</label>
      <div class="field"><input id="subject" name="subject" type="text" value="${esc(vscode.l10n.t('SES SMTP test'))}"></div>
    </div>
    <div class="row">
      <label for="text">${esc(vscode.l10n.t('Text'))}</label>
      <div class="field"><textarea id="text" name="text" rows="5">${esc(vscode.l10n.t('This is a test message sent through Amazon SES SMTP by SES SMTP Toolkit.'))}</textarea></div>
    </div>
    </div>
    <details class="row-details">
      <summary>${esc(vscode.l10n.t('HTML body and connection'))}</summary>
      <div class="row">
        <label for="html">${esc(vscode.l10n.t('HTML'))}</label>
        <div class="field"><textarea id="html" name="html" rows="4" placeholder="${esc(`<p>${vscode.l10n.t('Optional HTML part')}</p>`)}"></textarea></div>
      </div>
      <div class="row">
        <label for="port">${esc(vscode.l10n.t('Port'))}</label>
        <div class="field">
          <select id="port" name="port">
            <option value="587:starttls">${esc(vscode.l10n.t('{0} · STARTTLS (recommended)', 587))}</option>
            <option value="2587:starttls">2587 · STARTTLS</option>
            <option value="465:implicit">465 · TLS</option>
            <option value="2465:implicit">2465 · TLS</option>
            <option value="25:starttls">${esc(vscode.l10n.t('{0} · STARTTLS (often blocked)', 25))}</option>
          </select>
        </div>
      </div>
    </details>
    ${advancedSection()}
    <details id="burst-box" class="row-details burst">
      <summary>${esc(vscode.l10n.t('Burst…'))}</summary>
      <p class="hint burst-lead">${esc(vscode.l10n.t("Sends many copies at a steady pace over a pool of connections, to see whether your sending stays within the account's maximum send rate. Mailbox simulator recipients only, unless you confirm."))}</p>
      <div class="row">
        <label for="burst-count">${esc(vscode.l10n.t('Messages'))}</label>
        <div class="field"><input id="burst-count" type="number" min="1" max="1000" step="1" value="20"></div>
      </div>
      <div class="row">
        <label for="burst-rate">${esc(vscode.l10n.t('Per second'))}</label>
        <div class="field">
          <input id="burst-rate" type="number" min="0.1" max="1000" step="any" aria-describedby="burst-rate-hint">
          <div id="burst-rate-hint" class="hint"></div>
        </div>
      </div>
      <div id="burst-confirm" class="warnings hidden" role="alert"></div>
      <div class="actions">
        <button type="button" id="burst-send" class="secondary">${esc(vscode.l10n.t('Send Burst'))}</button>
        <button type="button" id="burst-anyway" class="secondary hidden">${esc(vscode.l10n.t('Send Burst Anyway'))}</button>
      </div>
    </details>
    <div id="warnings" class="warnings hidden" role="alert"></div>
    <div class="actions">
      <button type="submit" id="send" class="primary">${esc(vscode.l10n.t('Send'))}</button>
      <button type="button" id="send-anyway" class="secondary hidden">${esc(vscode.l10n.t('Send Anyway'))}</button>
      <button type="button" id="cancel" class="secondary hidden">${esc(vscode.l10n.t('Cancel'))}</button>
      <span id="send-status" class="status" role="status"></span>
      <span id="form-error" class="error" role="alert"></span>
    </div>
  </form>
  <section id="burst-progress" class="hidden" aria-live="polite">
    <h2>${esc(vscode.l10n.t('Burst'))} <span id="burst-endpoint" class="muted"></span></h2>
    <progress id="burst-bar" max="1" value="0"></progress>
    <div id="burst-counts" class="burst-counts"></div>
    <div id="burst-result" class="burst-result hidden"></div>
  </section>
  <section id="progress" class="hidden" aria-live="polite">
    <h2>${esc(vscode.l10n.t('Progress'))} <span id="endpoint" class="muted"></span></h2>
    <ol id="phases" class="phases"></ol>
    <div id="result" class="result hidden"></div>
    <div id="destinations" class="destinations hidden"></div>
    <details id="transcript-box" open>
      <summary>${esc(vscode.l10n.t('Transcript (credentials masked)'))} <button type="button" id="open-log" class="link">${esc(vscode.l10n.t('Open log'))}</button></summary>
      <pre id="transcript" tabindex="0" aria-label="${esc(vscode.l10n.t('SMTP transcript'))}"></pre>
    </details>
  </section>
  ${historySection()}
</main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
