// What a row of the "SMTP Credentials" view shows: its description (the region only, so the row
// fits a narrow side bar), its icon state and its tooltip (the key id, host and port in a small
// table, and a legend of the icons). Pure and vscode-free; the view wraps the result.
import { endpointOf, type CredentialSet } from '../../../base/credentialSets';
import { expectObject, expectOptionalFunction, expectString } from '../../../base/guards';
import { shortFingerprint } from '../../../base/certificatePin';

export type RowIcon = 'unchecked' | 'passed' | 'failed';

/** The codicon of each icon state and what it means, in the order the legend lists them. */
export const ROW_ICONS: Record<RowIcon, { codicon: string; meaning: string }> = {
  unchecked: { codicon: 'key', meaning: 'not checked yet' },
  passed: { codicon: 'pass', meaning: 'last login check passed' },
  failed: { codicon: 'error', meaning: 'last login check failed' },
};

export interface CredentialRow {
  description: string;
  icon: RowIcon;
  /** Markdown with $(codicon) references (MarkdownString with supportThemeIcons). */
  tooltip: string;
}

/** Escapes text for Markdown, table cells included (no code spans: escapes would show in them). */
export function escapeMarkdown(text: string): string {
  expectString(text, 'escapeMarkdown', 'text');
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** The row's description: the region, or "custom host" when a set has only a host. */
export function rowDescription(
  set: Pick<CredentialSet, 'region' | 'certificateSha256' | 'legacyUntrustedCertificate'>,
): string {
  expectObject(set, 'rowDescription', 'set');
  const where = set.region ?? 'custom host';
  if (set.legacyUntrustedCertificate) return `${where} ⚠`;
  return set.certificateSha256 ? `${where} · cert pinned` : where;
}

export function rowIcon(set: Pick<CredentialSet, 'lastCheck'>): RowIcon {
  expectObject(set, 'rowIcon', 'set');
  if (!set.lastCheck) return 'unchecked';
  return set.lastCheck.ok ? 'passed' : 'failed';
}

/** The icon legend: one short line. */
export function iconLegend(): string {
  const icons = Object.values(ROW_ICONS).map((i) => `$(${i.codicon}) ${i.meaning}`);
  return `Icons: ${icons.join(' · ')} · "cert pinned": only its pinned certificate is trusted beyond those that verify · ⚠ certificate to trust again by fingerprint`;
}

export function credentialRow(set: CredentialSet, formatTime: (iso: string) => string = localTime): CredentialRow {
  expectObject(set, 'credentialRow', 'set');
  expectOptionalFunction(formatTime, 'credentialRow', 'formatTime');
  const endpoint = endpointOf(set);
  const icon = rowIcon(set);
  const rows: Array<[string, string]> = [
    ['Key id', escapeMarkdown(set.username)],
    ['Region', set.region ? escapeMarkdown(set.region) : 'from the host'],
    ['Host', escapeMarkdown(endpoint.host)],
    ['Port', `${endpoint.port} (${endpoint.tls === 'implicit' ? 'TLS' : 'STARTTLS'})`],
  ];
  if (set.from) rows.push(['Default From', escapeMarkdown(set.from)]);
  rows.push(['Password', "in the editor's secret storage"]);
  const linked = set.linkedSecret;
  if (linked) {
    const where = linked.service === 'ssm' ? 'SSM parameter' : 'Secrets Manager';
    rows.push(['Also in', `${where} ${escapeMarkdown(linked.name)} (${escapeMarkdown(linked.region)})`]);
  }
  if (set.certificateSha256)
    rows.push(['Certificate', `pinned: SHA-256 ${escapeMarkdown(shortFingerprint(set.certificateSha256))}`]);
  else if (set.legacyUntrustedCertificate)
    rows.push([
      'Certificate',
      '$(warning) **verified again**: this set used to accept any certificate; trust its certificate by fingerprint',
    ]);
  const table = ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
  const last = set.lastCheck;
  const status = last
    ? `$(${ROW_ICONS[icon].codicon}) Last check ${escapeMarkdown(formatTime(last.at))}: ${escapeMarkdown(last.summary)}`
    : `$(${ROW_ICONS.unchecked.codicon}) Not checked yet: click the row to check the login.`;
  const tooltip = [`**${escapeMarkdown(set.name)}**`, table, status, '---', iconLegend()].join('\n\n');
  return { description: rowDescription(set), icon, tooltip };
}

function localTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
