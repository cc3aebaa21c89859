// A test burst with a saved credential set: shared by the form's "Burst…" section and by the
// "Send Test Burst" command. The pace defaults to the region's MaxSendRate (from the explorer,
// through the AccountInfo service) or the sandbox's 1/s when that is unknown. With delivery
// tracking set up in the set's region, the burst is sent with the tracking configuration set and
// its accepted messages are followed to delivery (bounded, cancellable with the burst): the
// summary counts delivered, bounced and complained recipients.
import * as vscode from 'vscode';
import { trackingChoice } from './logic/trackingChoice';
import { trackingOffNote } from './trackingNote';
import { endpointOf, type CredentialSet } from '../../base/credentialSets';
import {
  burstHeadline,
  deliveryLine,
  effectiveRate,
  type BurstDelivery,
  type BurstMessageOutcome,
  type BurstSummary,
} from '../../engines/smtp/burstMath';
import { bareAddress } from '../../base/names';
import type { DeliveryCounts, FeatureCalls } from '../../host/calls';
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
  /** Messages per connection before the pool reconnects (under SES's per-session limit). */
  messagesPerConnection?: number;
  port?: number;
  tls?: TlsMode;
  confirmNonSimulator?: boolean;
  signal?: AbortSignal;
  onStart?: (info: { endpoint: string; rate: number; maxSendRate?: number }) => void;
  onProgress?: (done: BurstMessageOutcome, summary: BurstSummary) => void;
  /** While the accepted messages are followed to delivery (tracking on): the counts so far. */
  onFollow?: (delivery: BurstDelivery) => void;
}

export interface BurstReport {
  ok: boolean;
  headline: string;
  summary: BurstSummary;
}

export interface BurstDeps {
  log: Log;
  store: CredentialStore;
  accountInfo: AccountInfo;
  calls: FeatureCalls;
}

function toDelivery(
  configurationSet: string,
  counts: DeliveryCounts,
  stopped: BurstDelivery['stopped'],
): BurstDelivery {
  return {
    configurationSet,
    delivered: counts.delivered,
    bounced: counts.bounced,
    complained: counts.complained,
    delayed: counts.delayed,
    rejected: counts.rejected,
    waiting: counts.accepted + counts['no event yet'],
    stopped,
  };
}

export async function burstWithSet(deps: BurstDeps, request: BurstRequest): Promise<BurstReport> {
  const { log, store, accountInfo, calls } = deps;
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
  // Only when the burst names no set of its own and is not for a tenant (logic/trackingChoice.ts).
  const choice = trackingChoice(set.region ? calls.trackingConfigurationSet(set.region) : undefined, request.mail);
  const trackingSet = choice.follow && !request.mail.configurationSet ? choice.configurationSet : undefined;
  if (!choice.follow && choice.reason === 'tenant-without-set')
    deps.log.info(
      `Test burst for tenant ${choice.tenant}: not followed by delivery tracking (${trackingOffNote(choice)})`,
    );
  const mail = trackingSet ? { ...request.mail, configurationSet: trackingSet } : request.mail;
  request.onStart?.({ endpoint: `${endpoint.host}:${endpoint.port}`, rate, maxSendRate });
  let summary: BurstSummary;
  const messageIds: string[] = [];
  try {
    summary = await sendTestBurst({
      ...endpoint,
      username: set.username,
      password,
      mail,
      count: request.count,
      rate,
      poolSize: request.poolSize,
      messagesPerConnection: request.messagesPerConnection,
      maxSendRate,
      confirmNonSimulator: request.confirmNonSimulator,
      phaseTimeoutMs: settings().phaseTimeoutMs,
      signal: request.signal,
      onProgress: (done, s) => {
        if (done.messageId) messageIds.push(done.messageId);
        request.onProgress?.(done, s);
      },
    });
  } catch (err) {
    if (err instanceof SmtpInputError || err instanceof MailInputError) throw new UserError(err.message);
    throw err;
  }
  if (trackingSet && set.region && messageIds.length && !request.signal?.aborted)
    summary = { ...summary, delivery: await followBurst(deps, request, set.region, trackingSet, messageIds) };
  const headline = burstHeadline(summary);
  const ok = summary.accepted === summary.requested;
  log[ok ? 'info' : 'warn'](
    `Test burst: ${headline}${summary.failures.length ? `\n  ${summary.failures.map((f) => `${f.count} × ${f.reply}`).join('\n  ')}` : ''}`,
  );
  return { ok, headline, summary };
}

/** Follows the burst's accepted messages on the tracking queue; a failure is reported in the summary, not thrown. */
async function followBurst(
  deps: BurstDeps,
  request: BurstRequest,
  region: string,
  configurationSet: string,
  messageIds: string[],
): Promise<BurstDelivery> {
  const recipients = [...request.mail.to, ...(request.mail.cc ?? []), ...(request.mail.bcc ?? [])];
  try {
    const report = await deps.calls.followDeliveries({
      region,
      messageIds,
      from: bareAddress(request.mail.from),
      recipients,
      signal: request.signal,
      onUpdate: (counts) => request.onFollow?.(toDelivery(configurationSet, counts, 'settled')),
    });
    if (!report) throw new Error(vscode.l10n.t('delivery tracking is no longer set up in {0}', region));
    const delivery = toDelivery(configurationSet, report.counts, report.stopped);
    deps.log.info(`Test burst delivery (${configurationSet}): ${deliveryLine(delivery)}.`);
    return delivery;
  } catch (err) {
    const error = (err as Error).message;
    deps.log.warn(`Test burst: following its messages to delivery failed: ${error}`);
    const none = { delivered: 0, bounced: 0, complained: 0, delayed: 0, rejected: 0, waiting: messageIds.length };
    return { configurationSet, ...none, stopped: 'failed', error };
  }
}
