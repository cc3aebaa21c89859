// The doctor's report panel: one at a time (revealed, not duplicated), showing the last run with
// "Copy as Markdown" (masked) and "Re-run". The password stays on the extension side. The page
// talks through the typed protocol of logic/messages.ts: every message is checked, and one that is
// not a known, well-formed message is logged (its reason only) and ignored.
import { folderTrusted, showTrustNeeded } from '../../host/trust';
import * as vscode from 'vscode';
import type { DoctorReport } from '../../engines/doctor/types';
import { parseFromDoctorPage, type ToDoctorPage } from './logic/messages';
import { loadSmtp } from '../../engines/bundles/load';
import type { Log } from '../../host/util';
import { WEBVIEW } from '../../base/commandIds';
import { doctorHtml, doctorWebviewOptions } from './html';

export const DOCTOR_VIEW_TYPE = WEBVIEW.doctor;

export class DoctorPanel {
  static current: DoctorPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private report: DoctorReport | undefined;
  private running = false;

  static show(
    log: Log,
    rerun: () => Promise<DoctorReport | undefined>,
    password: string | undefined,
    extensionUri: vscode.Uri,
  ): DoctorPanel {
    if (DoctorPanel.current) {
      DoctorPanel.current.rerun = rerun;
      DoctorPanel.current.password = password;
      DoctorPanel.current.panel.reveal(vscode.ViewColumn.Active);
      return DoctorPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      DOCTOR_VIEW_TYPE,
      vscode.l10n.t('SES SMTP Doctor'),
      vscode.ViewColumn.Active,
      doctorWebviewOptions(extensionUri),
    );
    DoctorPanel.current = new DoctorPanel(panel, log, rerun, password, extensionUri);
    return DoctorPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly log: Log,
    private rerun: () => Promise<DoctorReport | undefined>,
    private password: string | undefined,
    private readonly extensionUri: vscode.Uri,
  ) {
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m), null, this.disposables);
    this.render();
  }

  /** A run starts or ends without a new report: the page turns its buttons (no reload). */
  setRunning(running: boolean): void {
    this.running = running;
    this.postState();
  }

  showReport(report: DoctorReport): void {
    this.report = report;
    this.running = false;
    this.render();
  }

  /** The report as Markdown, masked. */
  markdown(): string | undefined {
    return this.report ? loadSmtp().doctor.renderMarkdown(this.report, { password: this.password }) : undefined;
  }

  private render(): void {
    this.panel.webview.html = doctorHtml(
      this.report,
      this.panel.webview,
      this.extensionUri,
      this.password,
      this.running,
    );
  }

  /** Lost while the page is hidden or loading; the page asks again with `ready` when it loads. */
  private postState(): void {
    const state: ToDoctorPage = { type: 'state', running: this.running, hasReport: this.report !== undefined };
    void this.panel.webview.postMessage(state);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = parseFromDoctorPage(raw);
    if (!parsed.ok) {
      this.log.warn(`Ignored a message from the Doctor view: ${parsed.reason}.`);
      return;
    }
    const type = parsed.value.type;
    if (type === 'ready') {
      this.postState();
    } else if (type === 'copy') {
      const md = this.markdown();
      if (!md) return;
      await vscode.env.clipboard.writeText(md);
      void vscode.window.showInformationMessage(vscode.l10n.t('Doctor report copied as Markdown (secrets masked).'));
    } else if (type === 'rerun' && !this.running) {
      if (!folderTrusted()) return void showTrustNeeded(); // Restricted Mode: no connection
      this.setRunning(true);
      try {
        const report = await this.rerun();
        if (report) this.showReport(report);
        else this.setRunning(false);
      } catch (err) {
        this.log.error(err instanceof Error ? err : new Error(String(err)));
        this.setRunning(false);
      }
    }
  }

  dispose(): void {
    DoctorPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
