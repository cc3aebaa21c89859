// A domain identity's DNS records as a table a person can read and copy from: what each record is
// for, its type, name and value in full, and the live check's verdict. The page is markup only: no
// script runs in it; each Copy is a command link to Copy Record Name / Copy Record Value with the
// record's argument object, and the panel allows only those two commands. Pure and vscode-free.
import type { DnsRecord } from '../../../engines/dns/records';
import type { RecordCheck } from '../../../engines/dns/check';
import { COMMAND } from '../../../base/commandIds';
import { expectList, expectObject, expectOptionalList, expectString } from '../../../base/guards';
import { checkWords } from '../nodes/checkWords';
import { l10n } from '../nodes/l10n';

export interface RecordRow {
  /** What the record is for: "DKIM 1 of 3", "MAIL FROM", "SPF", "DMARC". */
  record: string;
  type: DnsRecord['type'];
  name: string;
  value: string;
  required: boolean;
  /** The live check's status; undefined when DNS was not checked. */
  status?: RecordCheck['status'];
  /** A few words ("in place", "points elsewhere"), then the check's message. */
  verdict: string;
  message: string;
}

function purposeLabel(record: DnsRecord, index: number, count: number): string {
  if (record.purpose === 'dkim') return count > 1 ? l10n.t('DKIM {0} of {1}', index + 1, count) : 'DKIM';
  if (record.purpose === 'mail-from-mx') return 'MAIL FROM';
  if (record.purpose === 'spf') return l10n.t('SPF (MAIL FROM)');
  return 'DMARC';
}

/** One row per record, in the order SES lists them, with the check of the same record when given. */
export function recordRows(records: readonly DnsRecord[], checks: readonly RecordCheck[] | undefined): RecordRow[] {
  expectList(records, 'recordRows', 'records');
  expectOptionalList(checks, 'recordRows', 'checks');
  const dkim = records.filter((r) => r.purpose === 'dkim');
  return records.map((record) => {
    const check = checks?.find(
      (c) => c.record.type === record.type && c.record.name === record.name && c.record.value === record.value,
    );
    return {
      record: purposeLabel(record, dkim.indexOf(record), dkim.length),
      type: record.type,
      name: record.name,
      value: record.value,
      required: record.required,
      status: check?.status,
      verdict: check ? checkWords(check) : l10n.t('not checked'),
      message: check?.message ?? '',
    };
  });
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The command link that copies a record's name or value (its argument object, URI-encoded). */
export function copyLink(
  region: string,
  domain: string,
  row: Pick<RecordRow, 'type' | 'name'>,
  what: 'name' | 'value',
): string {
  expectString(region, 'copyLink', 'region');
  expectString(domain, 'copyLink', 'domain');
  const id = what === 'name' ? COMMAND.explorer.copyRecordName : COMMAND.explorer.copyRecordValue;
  const args = { region, identity: { name: domain }, record: { type: row.type, name: row.name } };
  return `command:${id}?${encodeURIComponent(JSON.stringify([args]))}`;
}

/** The commands the page's links may run (the panel's enableCommandUris). */
export const TABLE_COMMANDS: readonly string[] = [COMMAND.explorer.copyRecordName, COMMAND.explorer.copyRecordValue];

const MARK: Record<RecordCheck['status'], string> = { pass: '✔', missing: '✖', wrong: '✖', error: '⚠' };

/**
 * The page: a CSP that allows no script and only the page's own style element (its nonce), colours
 * from the editor's theme, every value escaped.
 */
export function recordsTableHtml(page: {
  region: string;
  domain: string;
  rows: readonly RecordRow[];
  nonce: string;
  language?: string;
  /** When DNS was checked (a readable time), or why it was not. */
  checked: string;
}): string {
  expectObject(page, 'recordsTableHtml', 'page');
  const { region, domain, rows, nonce } = page;
  const copy = (row: RecordRow, what: 'name' | 'value'): string => {
    const label =
      what === 'name'
        ? l10n.t('Copy the name of the {0} record', row.record)
        : l10n.t('Copy the value of the {0} record', row.record);
    return `<a class="copy" role="button" href="${esc(copyLink(region, domain, row, what))}" title="${esc(label)}" aria-label="${esc(label)}">${esc(l10n.t('Copy'))}</a>`;
  };
  const body = rows
    .map(
      (row) => `<tr class="${row.status ?? 'unchecked'}">
  <td>${esc(row.record)}${row.required ? '' : ` <span class="muted">${esc(l10n.t('(recommended)'))}</span>`}</td>
  <td>${esc(row.type)}</td>
  <td><code>${esc(row.name)}</code> ${copy(row, 'name')}</td>
  <td><code>${esc(row.value)}</code> ${copy(row, 'value')}</td>
  <td class="verdict">${row.status ? `<span class="mark">${MARK[row.status]}</span> ` : ''}<strong>${esc(row.verdict)}</strong>${row.message ? `<br><span class="muted">${esc(row.message)}</span>` : ''}</td>
</tr>`,
    )
    .join('\n');
  const title = l10n.t('DNS records of {0}', domain);
  return `<!DOCTYPE html>
<html lang="${esc(page.language ?? 'en')}"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${esc(nonce)}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(title)}</title>
<style nonce="${esc(nonce)}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 16px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); }
th { font-weight: 600; }
code { font-family: var(--vscode-editor-font-family); word-break: break-all; }
.muted { color: var(--vscode-descriptionForeground); }
a.copy { color: var(--vscode-textLink-foreground); margin-left: 4px; white-space: nowrap; }
a.copy:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
tr.pass .mark { color: var(--vscode-testing-iconPassed, #3fb950); }
tr.missing .mark, tr.wrong .mark { color: var(--vscode-errorForeground); }
tr.error .mark { color: var(--vscode-editorWarning-foreground); }
</style>
</head>
<body>
<h2>${esc(title)}</h2>
<p class="muted">${esc(l10n.t('Region {0} · {1}', region, page.checked))}</p>
<table>
<thead><tr><th>${esc(l10n.t('Record'))}</th><th>${esc(l10n.t('Type'))}</th><th>${esc(l10n.t('Name'))}</th><th>${esc(l10n.t('Value'))}</th><th>${esc(l10n.t('Live check'))}</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</body></html>`;
}
