// Show DNS Records as Table: a domain identity's records in an editor tab, full width, with the
// live check's verdict per record and a Copy link per name and value. One tab per domain and
// region, revealed again rather than duplicated. The page runs no script (see logic/recordsTable.ts).
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { recordsTableHtml, TABLE_COMMANDS, type RecordRow } from './logic/recordsTable';

export const RECORDS_VIEW_TYPE = 'sesSmtpToolkit.dnsRecords';

const open = new Map<string, vscode.WebviewPanel>();

export function showRecordsPanel(region: string, domain: string, rows: readonly RecordRow[], checked: string): void {
  const key = `${region} ${domain}`;
  let panel = open.get(key);
  if (panel) panel.reveal(vscode.ViewColumn.Active);
  else {
    panel = vscode.window.createWebviewPanel(
      RECORDS_VIEW_TYPE,
      vscode.l10n.t('DNS Records: {0}', domain),
      vscode.ViewColumn.Active,
      // No script; links may run only the two record copies. Nothing is loaded from anywhere.
      { enableScripts: false, enableCommandUris: TABLE_COMMANDS, localResourceRoots: [] },
    );
    open.set(key, panel);
    panel.onDidDispose(() => open.delete(key));
  }
  panel.webview.html = recordsTableHtml({
    region,
    domain,
    rows,
    checked,
    nonce: randomBytes(16).toString('base64'),
    language: vscode.env.language,
  });
}
