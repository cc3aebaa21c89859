// The form's Send: the test mail built from the form (CC/BCC/Reply-To, the "Advanced" options, raw
// mode), the warnings before sending (CC and BCC count as recipients), the send with progress, the
// history entry with the bytes sent, and the result with the configuration set's event destinations.
import * as vscode from 'vscode';
import { trackingChoice } from './logic/trackingChoice';
import { trackingOffNote } from './trackingNote';
import { endpointOf, type CredentialSet } from '../../base/credentialSets';
import { sendWarnings, type SendForm, type ToWebview } from './logic/messages';
import { bareAddress, splitRecipients } from '../../base/names';
import { filledRows } from './logic/sendExtras';
import { simulatorNotes } from './logic/headline';
import type { TestMail } from '../../engines/smtp/mailOptions';
import { UserError, type Log } from '../../host/util';
import type { AccountInfo } from '../../host/accountInfo';
import type { FeatureCalls } from '../../host/calls';
import type { CredentialStore } from '../../host/credentialStore';
import { sendWithSet } from './sendCommand';
import { checkAttachments } from './dialogs';
import { recordSend, sendHistoryOf } from './history';

/** What the Send Test Email panel and its message handlers work with. */
export interface PanelDeps {
  /** The extension's context: the send history lives in its workspace state and storage folder (history.ts). */
  extension: vscode.ExtensionContext;
  extensionUri: vscode.Uri;
  store: CredentialStore;
  log: Log;
  accountInfo: AccountInfo;
  calls: FeatureCalls;
}

export interface SendContext {
  deps: PanelDeps;
  post(message: ToWebview): void;
  /** Runs the following of a sent message apart from the send (the form is free for the next one). */
  startFollowing?(run: (signal: AbortSignal) => Promise<void>): void;
}

const orUndefined = (s: string | undefined): string | undefined => (s && s.trim() ? s.trim() : undefined);

/** The test mail the form describes (extras left out when empty). */
export function mailFromForm(form: SendForm): TestMail {
  const rawMode = form.extras?.raw !== undefined;
  const mail: TestMail = {
    from: form.from,
    to: splitRecipients(form.to),
    // A raw message has its own subject and body.
    subject: rawMode ? '' : form.subject,
    text: rawMode ? '' : form.text,
    html: rawMode ? undefined : form.html || undefined,
  };
  const e = form.extras;
  if (!e) return mail;
  const list = (v: string): string[] | undefined => {
    const out = splitRecipients(v);
    return out.length ? out : undefined;
  };
  const tags = filledRows(e.tags);
  // A raw message is sent as written: its own Reply-To, headers and attachments (the send path refuses others).
  const raw = e.raw !== undefined;
  const headers = raw ? [] : filledRows(e.headers);
  const extras: Partial<TestMail> = {
    cc: list(e.cc),
    bcc: list(e.bcc),
    replyTo: raw ? undefined : list(e.replyTo),
    configurationSet: orUndefined(e.configurationSet),
    tenant: orUndefined(e.tenant),
    tags: tags.length ? tags : undefined,
    headers: headers.length ? headers : undefined,
    attachments: !raw && e.attachments.length ? e.attachments.map((p) => ({ path: p })) : undefined,
    sourceArn: orUndefined(e.sourceArn),
    fromArn: orUndefined(e.fromArn),
    returnPathArn: orUndefined(e.returnPathArn),
    raw: e.raw,
  };
  for (const [k, v] of Object.entries(extras)) if (v !== undefined) (mail as unknown as Record<string, unknown>)[k] = v;
  return mail;
}

/** Sends what the form holds; every outcome reaches the page as a message. */
export async function sendFromForm(ctx: SendContext, form: SendForm, signal: AbortSignal): Promise<void> {
  const { deps, post } = ctx;
  const set: CredentialSet | undefined = await deps.store.get(form.setId);
  if (!set) {
    post({ type: 'error', field: 'set', message: vscode.l10n.t('Choose saved SMTP credentials first (or add some).') });
    return;
  }
  const mail = mailFromForm(form);
  // Delivery tracking in the set's region: the send uses the tracking configuration set, unless the
  // user chose another (then this send is not followed, and the form says so).
  const trackedRegion = set.region;
  const trackingSet = trackedRegion ? deps.calls.trackingConfigurationSet(trackedRegion) : undefined;
  const choice = trackingChoice(trackingSet, mail);
  if (choice.follow) mail.configurationSet = choice.configurationSet;
  const trackingOff = trackingOffNote(choice);
  if (mail.attachments && mail.raw === undefined) await checkAttachments(mail.attachments.map((a) => a.path));
  const recipients = [...mail.to, ...(mail.cc ?? []), ...(mail.bcc ?? [])];
  if (!form.force) {
    const info = await deps.accountInfo.get(set.region);
    const warnings = sendWarnings({
      from: bareAddress(form.from),
      to: mail.to.map(bareAddress),
      cc: (mail.cc ?? []).map(bareAddress),
      bcc: (mail.bcc ?? []).map(bareAddress),
      region: set.region,
      sandbox: info?.sandbox,
      verified: info?.verifiedIdentities,
    });
    if (warnings.length) {
      post({ type: 'confirm', warnings });
      return;
    }
  }
  post({ type: 'started', endpoint: `${endpointOf({ ...set, port: form.port, tls: form.tls }).host}:${form.port}` });
  const report = await sendWithSet(deps.log, deps.store, {
    set,
    mail,
    port: form.port,
    tls: form.tls,
    aws: deps.accountInfo.awsAccess?.(set.region),
    signal,
    onPhase: (phase) => post({ type: 'phase', phase }),
    onTranscript: (line) => post({ type: 'transcript', line }),
    onRetry: (attempt, delayMs, reply) => post({ type: 'retry', attempt, delayMs, reply }),
  });
  const r = report.outcome.result;
  const attempts = report.outcome.attempts.length;
  const headline = report.headline;
  const kept = await recordSend(
    sendHistoryOf(deps.extension),
    set,
    mail,
    { ok: report.ok, headline, messageId: report.messageId, message: report.outcome.message },
    await deps.store.getPassword(set.id),
  ).catch((err: Error) => {
    deps.log.warn(`The send could not be added to the history: ${err.message}`);
    return undefined;
  });
  post({
    type: 'result',
    ok: report.ok,
    headline,
    notes: !report.ok
      ? []
      : trackingSet && !trackingOff
        ? [
            vscode.l10n.t(
              'Delivery tracking is on in {0}: each recipient’s delivery, bounce, complaint or delay appears below as SES publishes it.',
              trackedRegion ?? '',
            ),
          ]
        : simulatorNotes(recipients),
    messageId: report.messageId,
    response: r.response,
    phases: r.phases,
    attempts,
    failure: r.failure
      ? { phase: r.failure.phase, code: r.failure.code, message: r.failure.message, reply: r.failure.reply }
      : undefined,
    causes: report.causes,
    configurationSet: mail.configurationSet,
    eventDestinations: report.eventDestinations?.map((d) => ({
      name: d.name,
      enabled: d.enabled,
      kind: d.kind,
      events: d.eventTypes,
      target: d.target,
    })),
    destinationsNote: report.configurationSetNote,
    historyId: kept?.id,
    hasEml: kept?.hasEml,
  });
  post({ type: 'history', entries: sendHistoryOf(deps.extension).list() });
  if (r.failure?.code === 'TLS_CERT') void offerTrust(deps, set, r.failure.message);
  if (!report.ok || !report.messageId || !trackingSet || !trackedRegion) return;
  const messageId = report.messageId;
  if (trackingOff) {
    post({ type: 'delivery', messageId, state: 'off', note: trackingOff, message: [], recipients: [] });
    return;
  }
  const follow = (s: AbortSignal): Promise<void> =>
    followAfterSend(ctx, trackedRegion, messageId, recipients.map(bareAddress), s, kept?.id, bareAddress(form.from));
  if (ctx.startFollowing) ctx.startFollowing(follow);
  else await follow(signal);
}

/**
 * A certificate the set does not trust: the toast says why (both fingerprints when a pinned
 * certificate changed) and offers the trust dialog, which shows the certificate before anything is pinned.
 */
async function offerTrust(deps: PanelDeps, set: CredentialSet, reason: string): Promise<void> {
  const changed = set.certificateSha256 !== undefined;
  const action = changed ? vscode.l10n.t('Trust the New Certificate…') : vscode.l10n.t('Trust Certificate…');
  const formerly = set.legacyUntrustedCertificate
    ? ' ' +
      vscode.l10n.t(
        '"{0}" used to accept any certificate; that is no longer done: trust its certificate by its fingerprint.',
        set.name,
      )
    : '';
  const picked = await vscode.window.showErrorMessage(
    vscode.l10n.t('Sending with "{0}" failed: {1}', set.name, reason) + formerly,
    action,
  );
  if (picked === action)
    await deps.calls.trustCertificate({ credentialSet: set.id }).catch((err: Error) => deps.log.warn(err.message));
}

/** Follows the sent message on the region's tracking queue and shows its timeline as it grows. */
async function followAfterSend(
  ctx: SendContext,
  region: string,
  messageId: string,
  recipients: string[],
  signal: AbortSignal,
  historyId: string | undefined,
  from: string,
): Promise<void> {
  const { deps, post } = ctx;
  const show = (
    state: 'following' | 'done',
    timeline: { message: string[]; recipients: Array<{ recipient: string; outcome: string; lines: string[] }> },
    note?: string,
  ): void =>
    post({ type: 'delivery', messageId, state, note, message: timeline.message, recipients: timeline.recipients });
  show('following', {
    message: [],
    recipients: recipients.map((r) => ({ recipient: r, outcome: 'no event yet', lines: [] })),
  });
  try {
    const report = await deps.calls.followDelivery({
      region,
      messageId,
      from,
      recipients,
      signal,
      onUpdate: (t) => show('following', t),
    });
    if (!report) return;
    const note =
      report.stopped === 'settled'
        ? undefined
        : report.stopped === 'cancelled'
          ? vscode.l10n.t('Stopped following. Run "Where Is This SES Email?" with this message id to look again.')
          : vscode.l10n.t('No event yet — run "Where Is This SES Email?" later with this message id.');
    show('done', report.timeline, note);
    if (historyId) {
      await recordDelivery(deps, historyId, report.timeline.recipients);
      post({ type: 'history', entries: sendHistoryOf(deps.extension).list() });
    }
  } catch (err) {
    post({
      type: 'delivery',
      messageId,
      state: 'done',
      note: vscode.l10n.t('The message could not be followed: {0}', (err as Error).message),
      message: [],
      recipients: [],
    });
  }
}

/** The outcome per recipient, kept on the history entry ("bounce@…: bounced"). */
async function recordDelivery(
  deps: PanelDeps,
  historyId: string,
  recipients: Array<{ recipient: string; outcome: string }>,
): Promise<void> {
  const summary = recipients.map((r) => `${r.recipient}: ${r.outcome}`).join('; ');
  await sendHistoryOf(deps.extension)
    .setDelivery(historyId, summary)
    .catch((err: Error) => deps.log.warn(`The delivery outcome could not be added to the history: ${err.message}`));
}

/** The error a failed send shows in the form. */
export function sendErrorMessage(err: unknown): string {
  return err instanceof UserError
    ? err.message
    : vscode.l10n.t('Sending failed: {0}', (err as Error)?.message ?? String(err));
}
