// Sending a test mail with a saved credential set: shared by the webview and by the
// "Send Test Email" command when it is called with an argument object.
import * as vscode from 'vscode';
import { walkthroughStepDone } from '../../host/walkthrough';
import { endpointOf, type CredentialSet } from '../../base/credentialSets';
import type { Cause } from '../../engines/smtp/diagnose';
import type { SendOutcome } from '../../engines/smtp/send';
import type { TestMail } from '../../engines/smtp/mailOptions';
import type { AppliedExtras } from '../../engines/smtp/compose';
import type { EventDestinationSummary } from '../../engines/aws/configSets';
import { sendHeadline } from './logic/headline';
import type { AwsAccessFor } from '../../host/accountInfo';
import { listConfigurationSetsFor, eventDestinationsFor } from './configSets';
import type { TranscriptLine } from '../../engines/smtp/types';
import type { SmtpPhase } from '../../engines/smtp/phases';
import type { TlsMode } from '../../base/regions';
import { loadAws, loadSmtp } from '../../engines/bundles/load';
import { settings } from '../../host/settings';
import { UserError, type Log } from '../../host/util';
import type { CredentialStore } from '../../host/credentialStore';

export interface SendRequest {
  set: CredentialSet;
  mail: TestMail;
  port?: number;
  tls?: TlsMode;
  signal?: AbortSignal;
  onPhase?: (phase: SmtpPhase) => void;
  onTranscript?: (line: TranscriptLine) => void;
  onRetry?: (attempt: number, delayMs: number, reply: string | undefined) => void;
  retryDelaysMs?: number[];
  /**
   * Where to look the configuration set up before sending (and its event destinations after):
   * the explorer's profile, from AccountInfo.awsAccess(region). Undefined: not checked.
   */
  aws?: AwsAccessFor;
}

export interface SendReport {
  ok: boolean;
  messageId?: string;
  /** "Accepted by SES" or "Rejected (554): Configuration set … does not exist". */
  headline: string;
  outcome: SendOutcome;
  causes: Cause[];
  /** What the message carried beyond From/To/Subject/body. */
  extras?: AppliedExtras;
  /** The configuration set's event destinations, when a profile could read them. */
  eventDestinations?: EventDestinationSummary[];
  /** Why the set or its destinations could not be looked up (no profile, no permission …). */
  configurationSetNote?: string;
}

export async function sendWithSet(log: Log, store: CredentialStore, request: SendRequest): Promise<SendReport> {
  const { set } = request;
  const password = await store.requirePassword(set);
  const endpoint = endpointOf({ ...set, port: request.port ?? set.port, tls: request.tls ?? set.tls });
  const { sendTestMail, MailInputError, appliedExtras } = loadSmtp();
  const configurationSet = request.mail.configurationSet?.trim();
  let configurationSetNote: string | undefined;
  if (configurationSet) {
    const listing = await listConfigurationSetsFor(request.aws, request.signal);
    if (listing.ok) {
      const missing = loadAws().missingConfigurationSet(configurationSet, listing.sets, listing.region);
      if (missing) throw new UserError(missing);
    } else {
      configurationSetNote = vscode.l10n.t('The configuration set was not checked before sending: {0}', listing.reason);
      log.info(configurationSetNote);
    }
  }
  log.info(
    `Sending a test mail with "${set.name}" through ${endpoint.host}:${endpoint.port} to ${request.mail.to.join(', ')}.`,
  );
  let outcome: SendOutcome;
  try {
    outcome = await sendTestMail({
      ...endpoint,
      username: set.username,
      password,
      pinnedCertificateSha256: set.certificateSha256,
      mail: request.mail,
      region: set.region,
      phaseTimeoutMs: settings().phaseTimeoutMs,
      signal: request.signal,
      onPhase: request.onPhase,
      onTranscript: request.onTranscript,
      onRetry: (attempt, delay, reply) => {
        log.warn(`Attempt ${attempt} got "${reply ?? 'a temporary failure'}"; retrying in ${delay / 1000} s.`);
        request.onRetry?.(attempt, delay, reply);
      },
      retryDelaysMs: request.retryDelaysMs,
    });
  } catch (err) {
    if (err instanceof MailInputError) throw new UserError(err.message);
    throw err;
  }
  const { diagnose, formatCheckReport } = loadSmtp();
  const causes = diagnose(outcome.result, {
    username: set.username,
    password,
    region: set.region,
    host: endpoint.host,
    port: endpoint.port,
    from: request.mail.from,
    to: [...request.mail.to, ...(request.mail.cc ?? []), ...(request.mail.bcc ?? [])],
    ...(request.mail.tenant ? { tenant: request.mail.tenant } : {}),
  });
  const report = formatCheckReport(outcome.result, causes, {
    title: 'Test mail',
    username: set.username,
    region: set.region,
  });
  log[outcome.ok ? 'info' : 'warn'](`\n${report}`);
  if (outcome.ok) walkthroughStepDone('mailSent');
  const extras =
    outcome.checked && outcome.message
      ? appliedExtras({
          ...outcome,
          checked: outcome.checked,
          message: outcome.message,
          attachments: outcome.attachments ?? [],
        })
      : undefined;
  let eventDestinations: EventDestinationSummary[] | undefined;
  if (outcome.ok && configurationSet && request.aws) {
    const found = await eventDestinationsFor(request.aws, configurationSet, request.signal);
    if (found.ok) eventDestinations = found.destinations;
    else configurationSetNote = vscode.l10n.t('The event destinations could not be read: {0}', found.reason);
  }
  const headline = sendHeadline({
    ok: outcome.ok,
    failure: outcome.result.failure,
    from: request.mail.from,
    region: set.region,
    attempts: outcome.attempts.length,
  });
  return {
    ok: outcome.ok,
    messageId: outcome.messageId,
    headline,
    outcome,
    causes,
    ...(extras ? { extras } : {}),
    ...(eventDestinations ? { eventDestinations } : {}),
    ...(configurationSetNote ? { configurationSetNote } : {}),
  };
}
