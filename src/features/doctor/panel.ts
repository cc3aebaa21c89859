// The doctor's report panel: one at a time (revealed, not duplicated), showing the last run with
// "Copy as Markdown" (masked) and "Re-run". The password stays on the extension side.
import { folderTrusted, showTrustNeeded } from '../../host/trust';
import * as vscode from 'vscode';
import type { DoctorReport } from '../../engines/doctor';
import { loadSmtp } from '../../engines/bundles/load';
import type { Log } from '../../host/util';
import { doctorHtml } from './html';

export const DOCTOR_VIEW_TYPE = 'sesSmtpToolkit.doctor';

export class DoctorPanel {
  static current: DoctorPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private report: DoctorReport | undefined;
  private running = false;

  static show(log: Log, rerun: () => Promise<DoctorReport | undefined>, password: string | undefined): DoctorPanel {
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
      {
        enableScripts: true,
        localResourceRoots: [],
      },
    );
    DoctorPanel.current = new DoctorPanel(panel, log, rerun, password);
    return DoctorPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly log: Log,
    private rerun: () => Promise<DoctorReport | undefined>,
    private password: string | undefined,
  ) {
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m), null, this.disposables);
    this.render();
  }

  setRunning(running: boolean): void {
    this.running = running;
    this.render();
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
    this.panel.webview.html = doctorHtml(this.report, this.panel.webview.cspSource, this.password, this.running);
  }

  private async onMessage(message: unknown): Promise<void> {
    const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
    if (type === 'copy') {
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
