// A test burst with a saved credential set: shared by the form's "Burst…" section and by the
// "Send Test Burst" command. The pace defaults to the region's MaxSendRate (from the explorer,
// through the AccountInfo service) or the sandbox's 1/s when that is unknown.
import * as vscode from 'vscode';
import { endpointOf, type CredentialSet } from '../../base/credentialSets';
import {
  burstHeadline,
  effectiveRate,
  type BurstMessageOutcome,
  type BurstSummary,
} from '../../engines/smtp/burstMath';
import type { TestMail } from '../../engines/smtp/mailOptions';
import type { TlsMode } from '../../base/regions';
import { loadSmtp } from '../../engines/bundles/load';
import type { AccountInfo } from '../../host/accountInfo';
import type { CredentialStore } from '../../host/credentialStore';
import { settings } from '../../host/settings';
import { UserError, type Log } from '../../host/util';

export interface BurstRequest {
  set: CredentialSet;
  mail: TestMail;
  count: number;
  /** Messages per second; undefined: the account's MaxSendRate. */
  rate?: number;
  poolSize?: number;
  port?: number;
  tls?: TlsMode;
  confirmNonSimulator?: boolean;
  signal?: AbortSignal;
  onStart?: (info: { endpoint: string; rate: number; maxSendRate?: number }) => void;
  onProgress?: (done: BurstMessageOutcome, summary: BurstSummary) => void;
}

export interface BurstReport {
  ok: boolean;
  headline: string;
  summary: BurstSummary;
}

export async function burstWithSet(
  log: Log,
  store: CredentialStore,
  accountInfo: AccountInfo,
  request: BurstRequest,
): Promise<BurstReport> {
  const { set } = request;
  const password = await store.requirePassword(set);
  const endpoint = endpointOf({ ...set, port: request.port ?? set.port, tls: request.tls ?? set.tls });
  const maxSendRate = (await accountInfo.get(set.region))?.maxSendRate;
  const rate = effectiveRate(request.rate, maxSendRate);
  const { sendTestBurst, SmtpInputError, MailInputError } = loadSmtp();
  log.info(
    `Test burst with "${set.name}": ${request.count} messages to ${request.mail.to.join(', ')} through ${endpoint.host}:${endpoint.port} at ${rate}/s.`,
  );
  if (set.certificateSha256) {
    // The pool cannot check a pin before AUTH (src/engines/smtp/burst.ts): a relay whose certificate
    // only the pin accepts is refused once here, clearly, instead of once per message.
    const cert = await loadSmtp().peerCertificate(
      endpoint.host,
      endpoint.port,
      endpoint.tls,
      settings().phaseTimeoutMs,
      request.signal ?? new AbortController().signal,
    );
    if (!cert.trusted)
      throw new UserError(
        vscode.l10n.t(
          'Send Test Email Burst verifies certificates as usual and does not use the certificate pinned for "{0}": {1}:{2} presents one that does not verify ({3}). Send single test emails to this relay instead.',
          set.name,
          endpoint.host,
          endpoint.port,
          cert.error ?? 'untrusted',
        ),
      );
  }
  request.onStart?.({ endpoint: `${endpoint.host}:${endpoint.port}`, rate, maxSendRate });
  let summary: BurstSummary;
  try {
    summary = await sendTestBurst({
      ...endpoint,
      username: set.username,
      password,
      mail: request.mail,
      count: request.count,
      rate,
      poolSize: request.poolSize,
      maxSendRate,
      confirmNonSimulator: request.confirmNonSimulator,
      phaseTimeoutMs: settings().phaseTimeoutMs,
      signal: request.signal,
      onProgress: request.onProgress,
    });
  } catch (err) {
    if (err instanceof SmtpInputError || err instanceof MailInputError) throw new UserError(err.message);
    throw err;
  }
  const headline = burstHeadline(summary);
  const ok = summary.accepted === summary.requested;
  log[ok ? 'info' : 'warn'](
    `Test burst: ${headline}${summary.failures.length ? `\n  ${summary.failures.map((f) => `${f.count} × ${f.reply}`).join('\n  ')}` : ''}`,
  );
  return { ok, headline, summary };
}
