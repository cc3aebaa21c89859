// "SES SMTP: Send Test Email": without recipients it opens the form (preselecting a set); given
// {credentialSet, from, to, …} it sends without the form, after consent, and returns the report,
// which joins the send history.
import * as vscode from 'vscode';
import { trackingChoice } from './logic/trackingChoice';
import { trackingOffNote } from './trackingNote';
import { consentTo, type CallContext } from '../../host/consent';
import { sendEffect } from './sendEffect';
import { bareAddress, splitRecipients } from '../../base/names';
import { resolveCredentialSet } from '../../host/credentialStore';
import { UserError } from '../../host/util';
import type { SendTestEmailArgs } from './args';
import { sendWithSet, type SendReport } from './sendCommand';
import { TestSendPanel } from './panel';
import { recordReport, sendHistoryOf } from './history';
import type { PanelDeps } from './panelSend';

/** The send's report; with delivery tracking in the region, whether this send is followed. */
export type TrackedSendReport = SendReport & {
  tracking?: { configurationSet: string; following: boolean; note?: string };
};

export async function sendTestEmail(
  deps: PanelDeps,
  raw: unknown,
  call: CallContext,
): Promise<TrackedSendReport | boolean | undefined> {
  const { store, log, accountInfo, calls } = deps;
  // A plain object was checked against sendTestEmailSchema (also when another feature calls it through
  // ctx.calls: run() passes the same boundary); a row passes its node, which only opens the form.
  const args = (raw ?? {}) as SendTestEmailArgs & { set?: { id: string } };
  if (args.to === undefined) {
    // Without recipients: the form, preselecting the set of a view item or argument.
    const set =
      args.set?.id ?? (typeof args.credentialSet === 'string' ? (await store.get(args.credentialSet))?.id : undefined);
    TestSendPanel.createOrShow(deps, set);
    return true;
  }
  const set = await resolveCredentialSet(store, args, vscode.l10n.t('Send Test Email'), calls);
  if (!set) return undefined;
  const to = Array.isArray(args.to) ? args.to : splitRecipients(String(args.to));
  if (!to.every((t) => typeof t === 'string'))
    throw new UserError(vscode.l10n.t('Argument "to" must be a string or an array of strings.'));
  const from = args.from ?? set.from;
  if (!from)
    throw new UserError(vscode.l10n.t('No From address: pass "from" or set a default From on "{0}".', set.name));
  const tls = args.tls;
  const list = (v: string | string[] | undefined): string[] | undefined =>
    v === undefined ? undefined : Array.isArray(v) ? v : splitRecipients(v);
  const mail = {
    from,
    to,
    subject: args.subject ?? vscode.l10n.t('SES SMTP test'),
    text: args.text ?? vscode.l10n.t('Test message from SES SMTP Toolkit.'),
    html: args.html,
    cc: list(args.cc),
    bcc: list(args.bcc),
    replyTo: list(args.replyTo),
    headers: args.headers,
    attachments: args.attachments,
    configurationSet: args.configurationSet,
    tenant: args.tenant,
    tags: args.tags,
    sourceArn: args.sourceArn,
    fromArn: args.fromArn,
    returnPathArn: args.returnPathArn,
    raw: args.raw,
  };
  // Delivery tracking in the set's region: the tracking configuration set unless the caller named one.
  const trackingSet = set.region ? calls.trackingConfigurationSet(set.region) : undefined;
  const choice = trackingChoice(trackingSet, mail);
  const tracked = choice.follow;
  if (choice.follow) mail.configurationSet = choice.configurationSet;
  const port = args.port;
  if (!(await consentTo(call, sendEffect(set, mail, port, tls)))) return undefined;
  const report = await sendWithSet(log, store, {
    set,
    mail,
    port,
    tls,
    aws: accountInfo.awsAccess?.(set.region),
  });
  const historyId = await recordReport(
    log,
    sendHistoryOf(deps.extension),
    set,
    mail,
    report,
    await store.getPassword(set.id),
  );
  if (!trackingSet || !set.region) return report;
  const recipients = [...mail.to, ...(mail.cc ?? []), ...(mail.bcc ?? [])];
  if (tracked && report.ok && report.messageId)
    followInBackground(deps, set.region, report.messageId, recipients, historyId, from);
  return {
    ...report,
    tracking: tracked
      ? { configurationSet: trackingSet, following: true }
      : { configurationSet: trackingSet, following: false, note: trackingOffNote(choice) },
  };
}

/**
 * Follows a message sent by an argument object in a cancellable notification (the command has
 * already returned its report): the outcome per recipient at the end, kept on the history entry.
 */
function followInBackground(
  deps: PanelDeps,
  region: string,
  messageId: string,
  recipients: string[],
  historyId: string | undefined,
  from: string,
): void {
  void vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Following {0} to delivery', messageId),
      cancellable: true,
    },
    async (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      try {
        const report = await deps.calls.followDelivery({
          region,
          messageId,
          from: bareAddress(from),
          recipients,
          signal: ac.signal,
          onUpdate: (t) =>
            progress.report({ message: t.recipients.map((r) => `${r.recipient}: ${r.outcome}`).join('; ') }),
        });
        if (!report) return;
        const summary = report.timeline.recipients.map((r) => `${r.recipient}: ${r.outcome}`).join('; ');
        if (historyId) await sendHistoryOf(deps.extension).setDelivery(historyId, summary);
        void vscode.window.showInformationMessage(
          report.stopped === 'settled'
            ? vscode.l10n.t('Test mail {0}: {1}', messageId, summary)
            : vscode.l10n.t(
                'Test mail {0}: no final event yet ({1}). Run "Where Is This SES Email?" later.',
                messageId,
                summary,
              ),
        );
      } catch (err) {
        deps.log.warn(`Following ${messageId} failed: ${(err as Error).message}`);
      }
    },
  );
}
