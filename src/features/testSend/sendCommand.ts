// Sending a test mail with a saved credential set: shared by the webview and by the
// "Send Test Email" command when it is called with an argument object.
import { endpointOf, type CredentialSet } from '../../core/smtp/credentialSets';
import type { Cause } from '../../core/smtp/diagnose';
import type { SendOutcome, TestMail } from '../../core/smtp/send';
import type { SmtpPhase, TranscriptLine } from '../../core/smtp/session';
import type { TlsMode } from '../../core/smtp/regions';
import { loadSmtp } from '../../lazy';
import { settings } from '../settings';
import { UserError, type Log } from '../util';
import type { CredentialStore } from '../credentials/store';

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
}

export interface SendReport {
  ok: boolean;
  messageId?: string;
  outcome: SendOutcome;
  causes: Cause[];
}

export async function sendWithSet(log: Log, store: CredentialStore, request: SendRequest): Promise<SendReport> {
  const { set } = request;
  const password = await store.requirePassword(set);
  const endpoint = endpointOf({ ...set, port: request.port ?? set.port, tls: request.tls ?? set.tls });
  const { sendTestMail, MailInputError } = loadSmtp();
  log.info(
    `Sending a test mail with "${set.name}" through ${endpoint.host}:${endpoint.port} to ${request.mail.to.join(', ')}.`,
  );
  let outcome: SendOutcome;
  try {
    outcome = await sendTestMail({
      ...endpoint,
      username: set.username,
      password,
      allowUntrustedCertificate: set.allowUntrustedCertificate === true,
      mail: request.mail,
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
  });
  const report = formatCheckReport(outcome.result, causes, {
    title: 'Test mail',
    username: set.username,
    region: set.region,
  });
  log[outcome.ok ? 'info' : 'warn'](`\n${report}`);
  return { ok: outcome.ok, messageId: outcome.messageId, outcome, causes };
}
