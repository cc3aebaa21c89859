// Trust TLS Certificate of SMTP Relay: connects to the set's host and port (STARTTLS or implicit
// TLS as the set says, no credentials sent), shows the certificate the server presents (subject,
// issuer, validity, SHA-256 fingerprint) and pins exactly that certificate for the set. Verification
// stays on: the set then accepts certificates that verify as usual, and this one; nothing else.
import * as vscode from 'vscode';
import { pinDialog, type Dialog, type ShownCertificate } from './logic/dialogs';
import { UserError, type Log } from '../../host/util';
import type { TrustCertificateArgs } from './args';
import { offerAfterSave } from './nextSteps';
import type { FeatureCalls } from '../../host/calls';
import { resolveCredentialSet, type CredentialStore } from '../../host/credentialStore';
import { endpointOf, type CredentialSet } from '../../base/credentialSets';
import { confirmEffect, type CallContext } from '../../host/consent';
import { loadSmtp } from '../../engines/bundles/load';
import { settings } from '../../host/settings';

async function ask<C extends string>(dialog: Dialog<C>): Promise<C | undefined> {
  const labels = dialog.buttons.map((b) => b.label);
  const picked = await vscode.window.showWarningMessage(
    dialog.message,
    { modal: true, detail: dialog.detail },
    ...labels,
  );
  return dialog.buttons.find((b) => b.label === picked)?.choice;
}

/** The server's certificate, read with a time limit; the notification's Cancel stops it. */
async function fetchCertificate(set: CredentialSet): Promise<ShownCertificate> {
  const { host, port, tls } = endpointOf(set);
  const timeoutMs = Math.max(settings().phaseTimeoutMs, 1000);
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Reading the TLS certificate of {0}:{1}', host, port),
      cancellable: true,
    },
    async (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      try {
        return await loadSmtp().peerCertificate(host, port, tls, timeoutMs, controller.signal);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e.name === 'AbortError') throw new UserError(vscode.l10n.t('Reading the certificate was cancelled.'));
        throw new UserError(
          vscode.l10n.t(
            'Could not read the certificate of {0}:{1} ({2}). Check the host, the port and the TLS mode of "{3}".',
            host,
            port,
            e.code ? `${e.code}: ${e.message}` : e.message,
            set.name,
          ),
        );
      }
    },
  );
}

/**
 * allow true (the default): pin the certificate the server presents now, after the dialog that
 * shows it (a caller gets the consent modal with the same details unless the user's opt-in allows
 * unattended effects and confirm is false). allow false: remove the pin; safe, never asked.
 */
export async function trustCertificate(
  log: Log,
  store: CredentialStore,
  calls: FeatureCalls,
  args: unknown,
  call: CallContext,
): Promise<CredentialSet | undefined> {
  const set = await resolveCredentialSet(store, args, vscode.l10n.t('Trust TLS Certificate'), calls);
  if (!set) return undefined;
  // A plain object was checked against trustCertificateSchema; the row passes its CredentialNode.
  const given = call.scripted ? (args as TrustCertificateArgs | undefined) : undefined;
  const { host, port } = endpointOf(set);
  const endpoint = `${host}:${port}`;
  if (given?.allow === false) {
    if (!set.certificateSha256 && !set.legacyUntrustedCertificate) return set;
    log.info(`"${set.name}": no certificate pinned any more; only certificates that verify are accepted.`);
    return store.pinCertificate(set.id, undefined);
  }
  const cert = await fetchCertificate(set);
  if (!cert.sha256) throw new UserError(vscode.l10n.t('{0} sent no certificate; there is nothing to trust.', endpoint));
  log.info(
    `Certificate of ${endpoint}: subject ${cert.subject}; issuer ${cert.issuer}; valid ${cert.validFrom ?? '?'} to ` +
      `${cert.validTo ?? '?'}; SHA-256 ${cert.sha256}; ${cert.trusted ? 'verifies' : `does not verify (${cert.error ?? 'untrusted'})`}.`,
  );
  if (set.certificateSha256 === cert.sha256 && !call.scripted) {
    const choice = await ask({
      ...pinDialog(set.name, endpoint, cert, set.certificateSha256),
      message: vscode.l10n.t('This certificate of {0} is already trusted for "{1}".', endpoint, set.name),
      buttons: [{ label: vscode.l10n.t('Stop Trusting the Pinned Certificate'), choice: 'unpin' as const }],
    });
    if (choice !== 'unpin') return set;
    log.info(`"${set.name}": the pinned certificate is no longer trusted.`);
    return store.pinCertificate(set.id, undefined);
  }
  if (set.certificateSha256 === cert.sha256) return set;
  const dialog = pinDialog(set.name, endpoint, cert, set.certificateSha256);
  let choice: 'pin' | 'unpin' | undefined;
  const effect = {
    summary: vscode.l10n.t('Trust the TLS certificate of {0} for "{1}" (SHA-256 {2})', endpoint, set.name, cert.sha256),
    detail: dialog.detail,
    action: vscode.l10n.t('Trust This Certificate'),
  };
  const ok = await confirmEffect(call, effect, given?.confirm === false, async () => {
    choice = await ask(dialog);
    return choice !== undefined;
  });
  if (!ok) return undefined;
  if (choice === 'unpin') {
    log.info(`"${set.name}": the pinned certificate is no longer trusted.`);
    return store.pinCertificate(set.id, undefined);
  }
  const updated = await store.pinCertificate(set.id, cert.sha256);
  log.warn(`"${set.name}" now trusts the certificate of ${endpoint} with SHA-256 ${cert.sha256} (pinned).`);
  if (!call.scripted)
    void offerAfterSave(
      updated,
      vscode.l10n.t('"{0}" trusts this certificate of {1} (SHA-256 {2}).', set.name, endpoint, cert.sha256),
      calls,
    );
  return updated;
}
