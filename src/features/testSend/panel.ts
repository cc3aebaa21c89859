// The "Send Test Email" webview: one panel, revealed rather than duplicated, restored after a
// reload by a serializer. The password never reaches the webview; every message from it is
// validated (src/core/webviewMessages.ts) before anything happens.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { describeCredentialSet, endpointOf, type CredentialSet } from '../../core/smtp/credentialSets';
import { parseFromWebview, sendWarnings, splitRecipients, type SendForm } from '../../core/webview/messages';
import { MAILBOX_SIMULATOR } from '../../core/smtp/mailboxSimulator';
import type { AccountInfo } from '../accountInfo';
import type { CredentialStore } from '../credentials/store';
import { UserError, type Log } from '../util';
import { sendWithSet } from './sendCommand';

export const TEST_SEND_VIEW_TYPE = 'sesSmtpToolkit.testSend';

export interface PanelDeps {
  extensionUri: vscode.Uri;
  store: CredentialStore;
  log: Log;
  accountInfo: AccountInfo;
}

export class TestSendPanel {
  static current: TestSendPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private sending: AbortController | undefined;
  private preselect: string | undefined;

  static createOrShow(deps: PanelDeps, setId?: string): TestSendPanel {
    if (TestSendPanel.current) {
      TestSendPanel.current.panel.reveal(vscode.ViewColumn.Active);
      if (setId) void TestSendPanel.current.pushInit(setId);
      return TestSendPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(TEST_SEND_VIEW_TYPE, 'Send Test Email', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'media')],
    });
    TestSendPanel.current = new TestSendPanel(panel, deps, setId);
    return TestSendPanel.current;
  }

  static revive(panel: vscode.WebviewPanel, deps: PanelDeps): void {
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(deps.extensionUri, 'media')] };
    TestSendPanel.current = new TestSendPanel(panel, deps);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    setId?: string,
  ) {
    this.preselect = setId;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'ses.svg');
    panel.webview.html = this.html();
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((m) => void this.onMessage(m), null, this.disposables);
    deps.store.onDidChange(() => void this.pushInit(), null, this.disposables);
  }

  dispose(): void {
    TestSendPanel.current = undefined;
    this.sending?.abort();
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  private post(message: unknown): void {
    void this.panel.webview.postMessage(message);
  }

  private async pushInit(setId?: string): Promise<void> {
    if (setId) this.preselect = setId;
    const sets = await this.deps.store.list();
    const view = await Promise.all(
      sets.map(async (s) => {
        const info = await this.deps.accountInfo.get(s.region);
        const endpoint = endpointOf(s);
        return {
          id: s.id,
          name: s.name,
          description: describeCredentialSet(s),
          region: s.region ?? '',
          host: endpoint.host,
          port: s.port,
          tls: s.tls,
          from: s.from ?? '',
          sandbox: info?.sandbox,
          identities: (info?.verifiedIdentities ?? []).filter((i) => i.includes('@')).slice(0, 500),
          domains: (info?.verifiedIdentities ?? []).filter((i) => !i.includes('@')).slice(0, 500),
        };
      }),
    );
    this.post({ type: 'init', sets: view, preselect: this.preselect, simulator: MAILBOX_SIMULATOR });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = parseFromWebview(raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Ignored a message from the Send Test Email view: ${parsed.reason}.`);
      return;
    }
    const message = parsed.value;
    switch (message.type) {
      case 'ready':
        await this.pushInit();
        return;
      case 'selectSet':
        this.preselect = message.setId;
        return;
      case 'openLog':
        this.deps.log.show(true);
        return;
      case 'addCredentials':
        await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add');
        return;
      case 'cancel':
        this.sending?.abort();
        return;
      case 'send':
        await this.send(message.form);
        return;
    }
  }

  private async send(form: SendForm): Promise<void> {
    if (this.sending) {
      this.post({ type: 'error', message: 'A send is already running; cancel it first.' });
      return;
    }
    const set: CredentialSet | undefined = await this.deps.store.get(form.setId);
    if (!set) {
      this.post({ type: 'error', field: 'set', message: 'Choose saved SMTP credentials first (or add some).' });
      return;
    }
    const to = splitRecipients(form.to);
    if (!form.force) {
      const info = await this.deps.accountInfo.get(set.region);
      const warnings = sendWarnings({ from: bare(form.from), to: to.map(bare), region: set.region, sandbox: info?.sandbox, verified: info?.verifiedIdentities });
      if (warnings.length) {
        this.post({ type: 'confirm', warnings });
        return;
      }
    }
    const controller = new AbortController();
    this.sending = controller;
    this.post({ type: 'started', endpoint: `${endpointOf({ ...set, port: form.port, tls: form.tls }).host}:${form.port}` });
    try {
      const report = await sendWithSet(this.deps.log, this.deps.store, {
        set,
        mail: { from: form.from, to, subject: form.subject, text: form.text, html: form.html || undefined },
        port: form.port,
        tls: form.tls,
        signal: controller.signal,
        onPhase: (phase) => this.post({ type: 'phase', phase }),
        onTranscript: (line) => this.post({ type: 'transcript', line }),
        onRetry: (attempt, delayMs, reply) => this.post({ type: 'retry', attempt, delayMs, reply }),
      });
      const r = report.outcome.result;
      this.post({
        type: 'result',
        ok: report.ok,
        messageId: report.messageId,
        response: r.response,
        phases: r.phases,
        attempts: report.outcome.attempts.length,
        failure: r.failure ? { phase: r.failure.phase, code: r.failure.code, message: r.failure.message, reply: r.failure.reply } : undefined,
        causes: report.causes,
      });
    } catch (err) {
      const message = err instanceof UserError ? err.message : `Sending failed: ${(err as Error).message}`;
      this.post({ type: 'error', message });
    } finally {
      this.sending = undefined;
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const media = (file: string): vscode.Uri => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', file));
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource}; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${media('testSend.css')}" rel="stylesheet">
<title>Send Test Email</title>
</head>
<body>
<main>
  <header>
    <h1>Send Test Email</h1>
    <p class="lead">Sends one message through the SES SMTP endpoint with saved credentials and shows each step.</p>
  </header>
  <form id="form" novalidate>
    <div class="row">
      <label for="set">Credentials</label>
      <div class="field">
        <select id="set" name="set" aria-describedby="set-hint"></select>
        <div id="set-hint" class="hint"></div>
        <button type="button" id="add-set" class="link hidden">Add SMTP credentials…</button>
      </div>
    </div>
    <div class="row">
      <label for="from">From</label>
      <div class="field">
        <input id="from" name="from" type="text" list="from-list" autocomplete="off" placeholder="sender@your-verified-domain.com" aria-describedby="from-hint">
        <datalist id="from-list"></datalist>
        <div id="from-hint" class="hint">Must be a verified identity (address or domain) in the credentials' region.</div>
      </div>
    </div>
    <div class="row">
      <label for="to">To</label>
      <div class="field">
        <input id="to" name="to" type="text" autocomplete="off" placeholder="recipient@example.com" aria-describedby="to-hint">
        <div id="to-hint" class="hint">Mailbox simulator (works in the sandbox, not counted against quota):</div>
        <div class="chips" role="group" aria-label="Mailbox simulator recipients" id="simulator"></div>
      </div>
    </div>
    <div class="row">
      <label for="subject">Subject</label>
      <div class="field"><input id="subject" name="subject" type="text" value="SES SMTP test"></div>
    </div>
    <div class="row">
      <label for="text">Text</label>
      <div class="field"><textarea id="text" name="text" rows="5">This is a test message sent through Amazon SES SMTP by SES SMTP Toolkit.</textarea></div>
    </div>
    <details class="row-details">
      <summary>HTML body and connection</summary>
      <div class="row">
        <label for="html">HTML</label>
        <div class="field"><textarea id="html" name="html" rows="4" placeholder="&lt;p&gt;Optional HTML part&lt;/p&gt;"></textarea></div>
      </div>
      <div class="row">
        <label for="port">Port</label>
        <div class="field">
          <select id="port" name="port">
            <option value="587:starttls">587 · STARTTLS (recommended)</option>
            <option value="2587:starttls">2587 · STARTTLS</option>
            <option value="465:implicit">465 · TLS</option>
            <option value="2465:implicit">2465 · TLS</option>
            <option value="25:starttls">25 · STARTTLS (often blocked)</option>
          </select>
        </div>
      </div>
    </details>
    <div id="warnings" class="warnings hidden" role="alert"></div>
    <div class="actions">
      <button type="submit" id="send" class="primary">Send</button>
      <button type="button" id="send-anyway" class="secondary hidden">Send Anyway</button>
      <button type="button" id="cancel" class="secondary hidden">Cancel</button>
      <span id="form-error" class="error" role="alert"></span>
    </div>
  </form>
  <section id="progress" class="hidden" aria-live="polite">
    <h2>Progress <span id="endpoint" class="muted"></span></h2>
    <ol id="phases" class="phases"></ol>
    <div id="result" class="result hidden"></div>
    <details id="transcript-box" open>
      <summary>Transcript (credentials masked) <button type="button" id="open-log" class="link">Open log</button></summary>
      <pre id="transcript" tabindex="0" aria-label="SMTP transcript"></pre>
    </details>
  </section>
</main>
<script nonce="${nonce}" src="${media('testSend.js')}"></script>
</body>
</html>`;
  }
}

function bare(address: string): string {
  const m = /<([^>]+)>/.exec(address);
  return (m ? m[1] : address).trim();
}

export class TestSendSerializer implements vscode.WebviewPanelSerializer {
  constructor(private readonly deps: PanelDeps) {}
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    TestSendPanel.revive(panel, this.deps);
  }
}
