// Check Postfix or msmtp Relay Config (issue #28): reads an existing main.cf (with its sasl_passwd
// and sender map when readable, and the SASL plug-ins installed) or an msmtp config, and names each
// mistake with its fix. It reads only; the findings never hold a password.
import * as vscode from 'vscode';
import * as nodeFs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkPostfixRelay, parseMainCf, type RelayFinding } from '../../engines/deploy/postfix';
import { checkMsmtp } from '../../engines/deploy/msmtp';
import { UserError, type Log } from '../../host/util';
import type { CheckRelayArgs } from './args';

export interface CheckRelayResult {
  relay: 'postfix' | 'msmtp';
  file: string;
  findings: Array<Pick<RelayFinding, 'message' | 'fix'> & { code: string }>;
}

const MAX_BYTES = 1024 * 1024;

async function readSmall(file: string): Promise<string | undefined> {
  try {
    const stat = await nodeFs.promises.stat(file);
    if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
    return await nodeFs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The SASL client plug-ins of the machine (Debian's multiarch folders, then the classic ones). */
async function saslPlugins(): Promise<string[] | undefined> {
  const dirs = [
    '/usr/lib/x86_64-linux-gnu/sasl2',
    '/usr/lib/aarch64-linux-gnu/sasl2',
    '/usr/lib64/sasl2',
    '/usr/lib/sasl2',
  ];
  for (const dir of dirs) {
    try {
      return await nodeFs.promises.readdir(dir);
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The file behind a map setting ("hash:/etc/postfix/sasl_passwd" → the text file). */
function mapFile(value: string | undefined): string | undefined {
  const m = /^(?:hash|lmdb|btree|regexp|pcre|texthash):(\/\S+)/.exec(value ?? '');
  return m?.[1];
}

export async function checkRelayCommand(
  log: Log,
  raw: CheckRelayArgs | undefined,
): Promise<CheckRelayResult | undefined> {
  const args: CheckRelayArgs = raw && Object.getPrototypeOf(raw) === Object.prototype ? raw : {};
  const programmatic = raw !== undefined && Object.getPrototypeOf(raw) === Object.prototype;
  let kind = args.relay;
  if (!kind) {
    const picked = await vscode.window.showQuickPick(
      [
        {
          label: vscode.l10n.t('Postfix'),
          description: vscode.l10n.t('/etc/postfix/main.cf'),
          relay: 'postfix' as const,
        },
        { label: vscode.l10n.t('msmtp'), description: vscode.l10n.t('~/.msmtprc'), relay: 'msmtp' as const },
      ],
      { title: vscode.l10n.t('Check Relay Config for SES') },
    );
    if (!picked) return undefined;
    kind = picked.relay;
  }
  const file = args.file ?? (kind === 'postfix' ? '/etc/postfix/main.cf' : path.join(os.homedir(), '.msmtprc'));
  const text = await readSmall(file);
  if (text === undefined)
    throw new UserError(
      vscode.l10n.t('Cannot read {0} (missing, not a file, or over 1 MB). Give the config file as "file".', file),
    );
  let findings: CheckRelayResult['findings'];
  if (kind === 'postfix') {
    const cf = parseMainCf(text);
    const saslFile = mapFile(cf.get('smtp_sasl_password_maps'));
    const canonicalFile = mapFile(cf.get('sender_canonical_maps'));
    findings = checkPostfixRelay({
      mainCf: text,
      saslPasswd: saslFile ? await readSmall(saslFile) : undefined,
      senderCanonical: canonicalFile ? await readSmall(canonicalFile) : undefined,
      saslPlugins: await saslPlugins(),
    });
  } else {
    findings = checkMsmtp(text);
  }
  const result: CheckRelayResult = {
    relay: kind,
    file,
    findings: findings.map(({ code, message, fix }) => ({ code, message, fix })),
  };
  log.info(
    `Relay config check of ${file}: ${findings.length ? findings.map((f) => f.code).join(', ') : 'no mistakes found'}.`,
  );
  if (!programmatic) {
    const lines = [
      `# ${kind === 'postfix' ? 'Postfix' : 'msmtp'}: ${file}`,
      '',
      ...(findings.length
        ? findings.flatMap((f, i) => [`${i + 1}. ${f.message}`, `   Fix: \`${f.fix}\``, ''])
        : [vscode.l10n.t('No mistakes found for relaying through SES.')]),
    ];
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') });
    await vscode.window.showTextDocument(doc, { preview: true });
  }
  return result;
}
