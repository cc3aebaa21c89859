// The "Send Test Email" webview: one panel, revealed rather than duplicated, restored after a
// reload by a serializer. The password never reaches the webview; every message from it is
// validated (src/features/testMail/logic/messages.ts, the protocol both sides share) before anything happens.
// The page's script is src/webview/testSend, bundled to dist/webview/testSend.js.
import { folderTrusted, showTrustNeeded, trustMessage } from '../../host/trust';
import * as vscode from 'vscode';
import { describeCredentialSet, endpointOf } from '../../base/credentialSets';
import { parseFromWebview } from './logic/messages';
import { bareAddress, splitRecipients } from '../../base/names';
import type { BurstForm } from './logic/burstMessages';
import type { OptionsToWebview } from './logic/optionMessages';
import type { SendForm, SetView, ToWebview } from './logic/messages';
import { MAILBOX_SIMULATOR } from '../../engines/smtp/mailboxSimulator';
import { burstRecipientProblem } from '../../engines/smtp/burstMath';
import { UserError } from '../../host/util';
import { burstWithSet } from './burstCommand';
import { testSendHtml, webviewOptions } from './html';
import { sendErrorMessage, sendFromForm, type PanelDeps } from './panelSend';
import { onOptionsMessage } from './panelOptions';
import { listConfigurationSetsFor, listTenantsFor } from './configSets';
import { sendHistoryOf } from './history';
import { WEBVIEW } from '../../base/commandIds';

type Prefill = Extract<OptionsToWebview, { type: 'prefill' }>;

export class TestSendPanel {
  static current: TestSendPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private sending: AbortController | undefined;
  /** Following the last sent message (delivery tracking); a new send or Cancel stops it. */
  private following: AbortController | undefined;
  private preselect: string | undefined;
  private openBurst = false;
  private prefillNext: Prefill | undefined;

  static createOrShow(deps: PanelDeps, setId?: string): TestSendPanel {
    if (TestSendPanel.current) {
      TestSendPanel.current.panel.reveal(vscode.ViewColumn.Active);
      if (setId) void TestSendPanel.current.pushInit(setId);
      return TestSendPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      WEBVIEW.testSend,
      vscode.l10n.t('Send Test Email'),
      vscode.ViewColumn.Active,
      {
        ...webviewOptions(deps.extensionUri),
        retainContextWhenHidden: true,
      },
    );
    TestSendPanel.current = new TestSendPanel(panel, deps, setId);
    return TestSendPanel.current;
  }

  static revive(panel: vscode.WebviewPanel, deps: PanelDeps): void {
    panel.webview.options = webviewOptions(deps.extensionUri);
    TestSendPanel.current = new TestSendPanel(panel, deps);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PanelDeps,
    setId?: string,
  ) {
    this.preselect = setId;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'ses.svg');
    panel.webview.html = testSendHtml(panel.webview, deps.extensionUri);
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((m) => void this.onMessage(m), null, this.disposables);
    deps.store.onDidChange(() => void this.pushInit(), null, this.disposables);
  }

  dispose(): void {
    TestSendPanel.current = undefined;
    this.sending?.abort();
    this.following?.abort();
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  /** Opens the form's "Burst…" section. */
  showBurst(): void {
    this.openBurst = true; // a new page gets it after its init
    this.post({ type: 'showBurst' });
  }

  /** Presets the form (from an explorer identity); a new page gets it after its init. */
  prefill(message: Prefill): void {
    this.prefillNext = message;
    if (message.setId) this.preselect = message.setId;
    this.post(message);
  }

  post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private async pushInit(setId?: string): Promise<void> {
    if (setId) this.preselect = setId;
    const sets = await this.deps.store.list();
    const view = await Promise.all(
      sets.map(async (s): Promise<SetView> => {
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
          maxSendRate: info?.maxSendRate,
        };
      }),
    );
    this.post({
      type: 'init',
      sets: view,
      preselect: this.preselect,
      simulator: MAILBOX_SIMULATOR,
      l10n: vscode.l10n.bundle,
    });
    if (this.openBurst) this.post({ type: 'showBurst' });
    this.openBurst = false;
    if (this.prefillNext) this.post(this.prefillNext);
    this.prefillNext = undefined;
    this.post({ type: 'history', entries: sendHistoryOf(this.deps.extension).list() });
    const chosen = view.find((v) => v.id === this.preselect) ?? view[0];
    if (chosen) await this.pushConfigSets(chosen.id);
  }

  private async pushConfigSets(setId: string): Promise<void> {
    const set = await this.deps.store.get(setId);
    if (!set) return;
    const listing = await listConfigurationSetsFor(this.deps.accountInfo.awsAccess?.(set.region));
    if (listing.ok)
      this.post({ type: 'configSets', setId, names: [...listing.sets].sort((a, b) => a.localeCompare(b)) });
    else this.post({ type: 'configSets', setId, reason: vscode.l10n.t('Free text: {0}', listing.reason) });
    const tenants = await listTenantsFor(this.deps.accountInfo.awsAccess?.(set.region));
    if (tenants.ok)
      this.post({
        type: 'tenants',
        setId,
        names: [...tenants.names].sort((a, b) => a.localeCompare(b)),
        paused: tenants.paused,
      });
    else this.post({ type: 'tenants', setId, reason: vscode.l10n.t('Free text: {0}', tenants.reason) });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = parseFromWebview(raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Ignored a message from the Send Test Email view: ${parsed.reason}.`);
      return;
    }
    const message = parsed.value;
    // Restricted Mode: the page may stay open, but nothing is sent and no AWS call is made.
    if (!folderTrusted() && message.type !== 'ready' && message.type !== 'openLog' && message.type !== 'cancel') {
      if (message.type === 'send' || message.type === 'burst') this.post({ type: 'error', message: trustMessage() });
      void showTrustNeeded();
      return;
    }
    switch (message.type) {
      case 'ready':
        await this.pushInit();
        return;
      case 'selectSet':
        this.preselect = message.setId;
        await this.pushConfigSets(message.setId);
        return;
      case 'openLog':
        this.deps.log.show(true);
        return;
      case 'addCredentials':
        await this.deps.calls.addCredentials().catch(() => undefined); // it reports its own errors
        return;
      case 'cancel':
        this.sending?.abort();
        this.following?.abort();
        return;
      case 'send':
        await this.send(message.form);
        return;
      case 'burst':
        await this.burst(message.form);
        return;
      default:
        await onOptionsMessage(this.deps, message, (m) => this.post(m));
    }
  }

  private async send(form: SendForm): Promise<void> {
    if (this.sending) {
      this.post({ type: 'error', message: vscode.l10n.t('A send is already running; cancel it first.') });
      return;
    }
    this.following?.abort();
    const controller = new AbortController();
    this.sending = controller;
    const startFollowing = (run: (signal: AbortSignal) => Promise<void>): void => {
      const follow = new AbortController();
      this.following = follow;
      void run(follow.signal).finally(() => {
        if (this.following === follow) this.following = undefined;
      });
    };
    try {
      await sendFromForm({ deps: this.deps, post: (m) => this.post(m), startFollowing }, form, controller.signal);
    } catch (err) {
      this.post({ type: 'error', message: sendErrorMessage(err) });
    } finally {
      this.sending = undefined;
    }
  }

  /** "Burst…": N messages paced at a rate; progress at most every 100 ms, then the summary. */
  private async burst(form: BurstForm): Promise<void> {
    if (this.sending) {
      this.post({ type: 'error', message: vscode.l10n.t('A send is already running; cancel it first.') });
      return;
    }
    const set = await this.deps.store.get(form.setId);
    if (!set) {
      this.post({
        type: 'error',
        field: 'set',
        message: vscode.l10n.t('Choose saved SMTP credentials first (or add some).'),
      });
      return;
    }
    const to = splitRecipients(form.to).map(bareAddress);
    const problem = burstRecipientProblem(to, form.confirm);
    if (problem) {
      this.post({ type: 'burstConfirm', message: problem });
      return;
    }
    const controller = new AbortController();
    this.sending = controller;
    let last = 0;
    try {
      const report = await burstWithSet(this.deps, {
        set,
        mail: {
          from: form.from,
          to,
          subject: form.subject,
          text: form.text,
          ...(form.configurationSet ? { configurationSet: form.configurationSet } : {}),
          ...(form.tenant ? { tenant: form.tenant } : {}),
        },
        count: form.count,
        rate: form.rate,
        port: form.port,
        tls: form.tls,
        confirmNonSimulator: form.confirm,
        signal: controller.signal,
        onStart: (info) => this.post({ type: 'burstStarted', count: form.count, ...info }),
        onProgress: (_done, s) => {
          const done = s.accepted + s.throttled + s.failed;
          if (Date.now() - last < 100 && done < form.count) return;
          last = Date.now();
          const { accepted, throttled, failed } = s;
          this.post({ type: 'burstProgress', done, count: form.count, accepted, throttled, failed });
        },
        onFollow: (delivery) => this.post({ type: 'burstFollowing', delivery }),
      });
      this.post({ type: 'burstResult', ok: report.ok, headline: report.headline, summary: report.summary });
    } catch (err) {
      const message =
        err instanceof UserError ? err.message : vscode.l10n.t('The burst failed: {0}', (err as Error).message);
      this.post({ type: 'error', message });
    } finally {
      this.sending = undefined;
    }
  }
}

export class TestSendSerializer implements vscode.WebviewPanelSerializer {
  constructor(private readonly deps: PanelDeps) {}
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    TestSendPanel.revive(panel, this.deps);
  }
}
