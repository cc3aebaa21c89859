// The doctor's report page: findings as cards, most likely cause first, with "Copy as Markdown"
// and "Re-run" buttons. Every text is masked (no password; username as AKIA…XXXX) and escaped;
// the CSP allows only the page's own stylesheet and one script carrying a per-load nonce: the bundle
// of page/, which speaks the protocol of logic/messages.ts.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { DoctorReport, Verdict } from '../../engines/doctor/types';
// The page loads with the Doctor's run (run.ts is a chunk of its own), so the maskers come in directly.
import { maskKeyId } from '../../engines/doctor/key';
import { maskText } from '../../engines/doctor/mask';
import { esc } from '../../host/htmlText';

const ICON: Record<Verdict, string> = { fail: '✖', warn: '⚠', pass: '✔', skipped: '–' };

/** Scripts on; the page may load only media/ (its stylesheet) and the bundled page scripts. */
export function doctorWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'media'),
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
    ],
  };
}

export function doctorHtml(
  report: DoctorReport | undefined,
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  password: string | undefined,
  running: boolean,
): string {
  const nonce = randomBytes(16).toString('base64');
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'doctor.css'));
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'doctor.js'));
  const m = (t: string): string => esc(report ? maskText(t, [password], report.input.username) : t);
  const body = !report
    ? `<p class="muted">${esc(vscode.l10n.t('Running the checks…'))}</p>`
    : [
        `<p class="headline ${report.findings[0]?.verdict ?? 'pass'}">` +
          `<strong>${esc(vscode.l10n.t('Most likely cause:'))}</strong> ${m(report.headline)}</p>`,
        `<p class="muted">${esc(vscode.l10n.t('Username'))} <code>${esc(maskKeyId(report.input.username))}</code>` +
          ` · ${esc(report.input.region ?? vscode.l10n.t('unknown region'))}` +
          ` · <code>${m(report.input.host)}:${report.input.port}</code>` +
          `${report.input.from ? ` · ${esc(vscode.l10n.t('From'))} ${m(report.input.from)}` : ''} · ${report.totalMs} ms` +
          `<span id="running"${running ? '' : ' hidden'}> · ${esc(vscode.l10n.t('re-running…'))}</span></p>`,
        ...report.findings.map(
          (f, i) => `<section class="finding ${f.verdict}" data-check="${f.check}" data-cause="${esc(f.cause ?? '')}">
  <h3><span class="icon">${ICON[f.verdict]}</span> ${i + 1}. ${m(f.title)}</h3>
  <p class="muted">${f.check} · ${f.verdict}</p>
  ${f.evidence.length ? `<ul>${f.evidence.map((e) => `<li>${m(e)}</li>`).join('')}</ul>` : ''}
  ${f.fix ? `<p><strong>${esc(vscode.l10n.t('Fix:'))}</strong> ${m(f.fix)}</p>` : ''}
</section>`,
        ),
      ].join('\n');
  return `<!DOCTYPE html>
<html lang="${esc(vscode.env.language)}"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy"
  content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${style}" rel="stylesheet">
<title>${esc(vscode.l10n.t('SES SMTP Doctor'))}</title>
</head>
<body>
<h2>${esc(vscode.l10n.t('SES SMTP Doctor'))}</h2>
<p><button id="copy" ${report ? '' : 'disabled'}>${esc(vscode.l10n.t('Copy as Markdown'))}</button>
<button id="rerun" ${running ? 'disabled' : ''}>${esc(vscode.l10n.t('Re-run'))}</button></p>
${body}
<script nonce="${nonce}" src="${script}"></script>
</body></html>`;
}
