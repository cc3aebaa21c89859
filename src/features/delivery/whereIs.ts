// Where Is This SES Email?: a message id (typed, pasted from an app's log, or passed by a history
// entry) and its timeline, from the events kept in the extension and a fresh poll of the region's
// tracking queue. Without tracking in the region it says how to set it up.
import * as vscode from 'vscode';
import { UserError } from '../../host/util';
import type { CallContext } from '../../host/consent';
import type { WhereIsArgs } from './args';
import { messageId as checkMessageId } from './logic/messageId';
import { buildTimeline } from './logic/timeline';
import type { DeliveryTimelineView } from '../../host/calls';
import { followDelivery } from './followDelivery';
import { accessFor, type TrackingDeps } from './trackingCommands';
import { loadAws } from '../../engines/bundles/load';
import { eventsFromInsights } from './logic/insights';
import type { DeliveryEvent } from './logic/events';

export interface WhereIsResult {
  messageId: string;
  region?: string;
  timeline: DeliveryTimelineView;
  /** Whether the region's tracking queue was polled. */
  polled: boolean;
  /** Where the events came from when not from the tracking queue: GetMessageInsights (VDM). */
  source?: 'insights';
}

/** The timeline as Markdown. */
export function timelineMarkdown(result: WhereIsResult, note: string): string {
  const t = result.timeline;
  const lines = [`# Where is ${result.messageId}?`, '', result.region ? `Region: ${result.region}` : '', ''];
  for (const m of t.message) lines.push(`- ${m}`);
  if (t.message.length) lines.push('');
  for (const r of t.recipients) {
    lines.push(`## ${r.recipient} — ${r.outcome}`, '');
    for (const l of r.lines) lines.push(`- ${l}`);
    lines.push('');
  }
  if (!t.recipients.length && !t.message.length) lines.push('No event is known for this message yet.', '');
  if (note) lines.push(note);
  return lines.join('\n');
}

export async function whereIsCommand(
  deps: TrackingDeps,
  args: WhereIsArgs | undefined,
  call: CallContext,
): Promise<WhereIsResult | undefined> {
  let id = args?.messageId;
  if (!id) {
    const typed = await vscode.window.showInputBox({
      title: vscode.l10n.t('Where Is This SES Email?'),
      prompt: vscode.l10n.t('The message id of the "250 Ok <id>" reply (or from your app\'s log)'),
      validateInput: (v) => {
        try {
          checkMessageId(v, 'messageId', {});
          return undefined;
        } catch (e) {
          return (e as Error).message;
        }
      },
    });
    if (!typed) return undefined;
    id = checkMessageId(typed, 'messageId', {});
  }
  const kept = deps.store.events(id);
  const regions = deps.store.allTracking().map((s) => s.region);
  const region = args?.region ?? kept?.region ?? (regions.length === 1 ? regions[0] : undefined);
  const known = kept?.events ?? [];
  if (!region || !deps.store.tracking(region)) {
    // Accounts with Virtual Deliverability Manager: GetMessageInsights, no setup needed.
    const insights = region ? await insightsFor(deps, region, id, args?.profile) : undefined;
    if (insights && 'events' in insights && region) {
      await deps.store.keep(region, insights.events);
      const events = deps.store.events(id)?.events ?? insights.events;
      const result: WhereIsResult = {
        messageId: id,
        region,
        timeline: buildTimeline(id, events),
        polled: false,
        source: 'insights',
      };
      if (!call.scripted)
        await show(result, vscode.l10n.t('From Virtual Deliverability Manager (GetMessageInsights) in {0}.', region));
      return result;
    }
    const how =
      vscode.l10n.t(
        'Delivery tracking is not set up{0}. Run "Set Up SES Delivery Tracking" for the region you send from; from then on, every test mail is followed, and ids of mail sent with the configuration set ses-smtp-toolkit-tracking can be looked up here.',
        region ? vscode.l10n.t(' in {0}', region) : '',
      ) + (insights && 'reason' in insights ? ` ${insights.reason}` : '');
    const result: WhereIsResult = { messageId: id, region, timeline: buildTimeline(id, known), polled: false };
    if (call.scripted) {
      if (!known.length) throw new UserError(how);
      return result;
    }
    await show(result, how);
    return result;
  }
  const report = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Looking for events of {0} in {1}', id, region),
      cancellable: true,
    },
    (_p, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      // A short look: one long poll (what is already queued comes at once).
      return followDelivery(deps, { region, messageId: id, recipients: [], signal: ac.signal }, 11_000);
    },
  );
  // From the store: what this poll read and what another follower (a send's) kept meanwhile.
  const events = deps.store.events(id)?.events ?? known;
  const recipients = report?.timeline.recipients.map((r) => r.recipient) ?? [];
  const result: WhereIsResult = {
    messageId: id,
    region,
    timeline: buildTimeline(id, events, recipients),
    polled: true,
  };
  if (!call.scripted)
    await show(
      result,
      result.timeline.settled
        ? ''
        : vscode.l10n.t('No final event yet: SES may still be trying. Run "Where Is This SES Email?" again later.'),
    );
  return result;
}

/** GetMessageInsights for the id: its events, or why there are none (no VDM, not found, denied). */
async function insightsFor(
  deps: TrackingDeps,
  region: string,
  messageId: string,
  profile: string | undefined,
): Promise<{ events: DeliveryEvent[] } | { reason: string }> {
  const aws = loadAws();
  const ses = aws.sesClient(accessFor(deps, region, profile));
  try {
    const found = await aws.getMessageInsights(ses, messageId, { signal: AbortSignal.timeout(10_000) });
    if (!found)
      return {
        reason: vscode.l10n.t('Virtual Deliverability Manager has no message {0} in {1} either.', messageId, region),
      };
    const events = eventsFromInsights(messageId, found);
    return events.length
      ? { events }
      : { reason: vscode.l10n.t('Virtual Deliverability Manager has no event for it yet.') };
  } catch (err) {
    deps.log.info(`GetMessageInsights ${messageId} in ${region}: ${(err as Error).message}`);
    return {
      reason: vscode.l10n.t(
        'Accounts with Virtual Deliverability Manager can look messages up without setup; here GetMessageInsights answered: {0}',
        aws.describeAwsError(err, region, 'ses:GetMessageInsights'),
      ),
    };
  } finally {
    ses.destroy();
  }
}

async function show(result: WhereIsResult, note: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({
    language: 'markdown',
    content: timelineMarkdown(result, note),
  });
  await vscode.window.showTextDocument(doc, { preview: true });
}
