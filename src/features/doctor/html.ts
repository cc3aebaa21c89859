// The doctor's report page: findings as cards, most likely cause first, with "Copy as Markdown"
// and "Re-run" buttons. Every text is masked (no password; username as AKIA…XXXX) and escaped;
// the CSP allows only this page's nonce-carrying inline script and style.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { DoctorReport, Verdict } from '../../engines/doctor';
// This page loads on demand (esbuild.config.mjs ON_DEMAND), so the maskers come in directly.
import { maskKeyId } from '../../engines/doctor/key';
import { maskText } from '../../engines/doctor/mask';
import { esc } from '../../host/htmlText';

const ICON: Record<Verdict, string> = { fail: '✖', warn: '⚠', pass: '✔', skipped: '–' };

export function doctorHtml(
  report: DoctorReport | undefined,
  cspSource: string,
  password: string | undefined,
  running: boolean,
): string {
  const nonce = randomBytes(16).toString('base64');
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
          `${running ? ` · ${esc(vscode.l10n.t('re-running…'))}` : ''}</p>`,
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
  content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(vscode.l10n.t('SES SMTP Doctor'))}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px 16px; }
.muted { color: var(--vscode-descriptionForeground); }
.headline { font-size: 1.15em; padding: 8px 12px; border-left: 4px solid var(--vscode-testing-iconPassed); }
.headline.fail { border-color: var(--vscode-testing-iconFailed); }
.headline.warn { border-color: var(--vscode-editorWarning-foreground); }
.finding { border: 1px solid var(--vscode-panel-border); border-left-width: 4px; padding: 4px 12px; margin: 8px 0; }
.finding.fail { border-left-color: var(--vscode-testing-iconFailed); }
.finding.warn { border-left-color: var(--vscode-editorWarning-foreground); }
.finding.pass { border-left-color: var(--vscode-testing-iconPassed); } .finding.skipped { opacity: 0.75; }
h3 { font-size: 1em; margin: 6px 0; } ul { margin: 4px 0; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
button { border: none; padding: 4px 12px; margin-right: 8px; cursor: pointer; }
button:disabled { opacity: 0.5; }
</style></head>
<body>
<h2>${esc(vscode.l10n.t('SES SMTP Doctor'))}</h2>
<p><button id="copy" ${report ? '' : 'disabled'}>${esc(vscode.l10n.t('Copy as Markdown'))}</button>
<button id="rerun" ${running ? 'disabled' : ''}>${esc(vscode.l10n.t('Re-run'))}</button></p>
${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.getElementById('copy').addEventListener('click', () => vscode.postMessage({ type: 'copy' }));
document.getElementById('rerun').addEventListener('click', () => vscode.postMessage({ type: 'rerun' }));
</script>
</body></html>`;
}
