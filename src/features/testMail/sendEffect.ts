// What a test mail asked for by an argument object will do, for the consent modal
// (features/consent.ts): who gets it, from which address, through which server, and every file
// attached (by full path), so the user sees exactly what leaves the machine.
import * as vscode from 'vscode';
import { endpointOf, type CredentialSet } from '../../base/credentialSets';
import type { TlsMode } from '../../base/regions';
import type { Effect } from '../../host/consent';

interface MailParts {
  from: string;
  to: string[];
  subject?: string;
  cc?: string[];
  bcc?: string[];
  attachments?: Array<{ path: string; filename?: string }>;
  raw?: string;
}

export function sendEffect(set: CredentialSet, mail: MailParts, port?: number, tls?: TlsMode): Effect {
  const endpoint = endpointOf({ ...set, port: port ?? set.port, tls: tls ?? set.tls });
  const lines = [
    vscode.l10n.t('From: {0}', mail.from),
    vscode.l10n.t('To: {0}', mail.to.join(', ')),
    mail.cc?.length ? vscode.l10n.t('CC: {0}', mail.cc.join(', ')) : '',
    mail.bcc?.length ? vscode.l10n.t('BCC: {0}', mail.bcc.join(', ')) : '',
    mail.subject !== undefined ? vscode.l10n.t('Subject: {0}', mail.subject) : '',
    ...(mail.attachments ?? []).map((a) =>
      a.filename
        ? vscode.l10n.t('Attached file: {0} (named {1} in the mail)', a.path, a.filename)
        : vscode.l10n.t('Attached file: {0}', a.path),
    ),
    mail.raw !== undefined ? vscode.l10n.t('A raw MIME message given by the caller is sent as written.') : '',
    vscode.l10n.t('Sent with the saved login "{0}" through {1}:{2}.', set.name, endpoint.host, endpoint.port),
  ];
  return {
    summary: vscode.l10n.t(
      'Send a test email to {0} from {1}',
      [...mail.to, ...(mail.cc ?? []), ...(mail.bcc ?? [])].join(', '),
      mail.from,
    ),
    detail: lines.filter(Boolean).join('\n'),
    action: vscode.l10n.t('Send'),
  };
}
