// A message's events as a timeline per recipient, and each event in words: what happened and what
// it means (a permanent bounce puts the address on the suppression list; a delay is retried).
import { expectList, expectObject, expectOptionalList } from '../../../base/guards';
import type { DeliveryEvent } from './events';

export type Outcome = 'accepted' | 'delivered' | 'bounced' | 'complained' | 'delayed' | 'rejected' | 'no event yet';

export interface RecipientTimeline {
  recipient: string;
  outcome: Outcome;
  /** One line per event, oldest first: "12:00:01 Delivered — …". */
  lines: string[];
}

export interface Timeline {
  messageId: string;
  /** Lines about the whole message (Send, Reject, rendering failure). */
  message: string[];
  recipients: RecipientTimeline[];
  /** Every recipient has a final outcome (delivered, bounced, complained) or the message was rejected. */
  settled: boolean;
}

/** What one event says, in words. */
export function describeEvent(e: DeliveryEvent): string {
  expectObject(e, 'describeEvent', 'e');
  const diag = e.diagnosticCode ? `: ${e.diagnosticCode}` : '';
  switch (e.type) {
    case 'Send':
      return 'Accepted by SES (Send)';
    case 'Reject':
      return `Rejected by SES${e.reason ? `: ${e.reason}` : ''} — SES did not send it (it found a virus or the content was refused)`;
    case 'RenderingFailure':
      return `Template rendering failed${e.reason ? `: ${e.reason}` : ''} — nothing was sent`;
    case 'Delivery':
      return (
        `Delivered${e.smtpResponse ? ` — the receiving server answered "${e.smtpResponse}"` : ''}` +
        `${e.processingTimeMillis !== undefined ? ` after ${e.processingTimeMillis} ms` : ''}`
      );
    case 'DeliveryDelay':
      return `Delayed${e.delayType ? ` (${e.delayType})` : ''}${diag} — SES keeps retrying for a while`;
    case 'Complaint':
      return `Complaint${e.reason ? ` (${e.reason})` : ''} — the recipient marked it as spam; SES adds the address to the account's suppression list when complaints are suppressed`;
    case 'Bounce': {
      const kind = [e.bounceType, e.bounceSubType].filter(Boolean).join(' / ');
      if (e.bounceSubType === 'OnAccountSuppressionList')
        return `Not sent (${kind}): the address is on the account's suppression list — remove it there (SES console → Suppression list) if it works again${diag ? ` (${e.diagnosticCode})` : ''}`;
      if (e.bounceType === 'Permanent')
        return `Bounced (${kind})${diag} — a permanent bounce: SES puts the address on the account's suppression list when bounces are suppressed; do not send to it again`;
      if (e.bounceType === 'Transient')
        return `Soft bounce (${kind})${diag} — temporary; the address is not suppressed`;
      return `Bounced${kind ? ` (${kind})` : ''}${diag}`;
    }
  }
}

const FINAL: Record<string, Outcome> = { Delivery: 'delivered', Bounce: 'bounced', Complaint: 'complained' };

function clock(iso: string): string {
  return iso.slice(11, 19);
}

/** The timeline of one message's events; `recipients` lists who it was sent to (those without events show as waiting). */
export function buildTimeline(
  messageId: string,
  events: readonly DeliveryEvent[],
  recipients: readonly string[] = [],
): Timeline {
  expectList(events, 'buildTimeline', 'events');
  expectOptionalList(recipients, 'buildTimeline', 'recipients');
  const mine = events.filter((e) => e.messageId === messageId);
  const message = mine.filter((e) => !e.recipient).map((e) => `${clock(e.time)} ${describeEvent(e)}`);
  const rejected = mine.some((e) => e.type === 'Reject' || e.type === 'RenderingFailure');
  const accepted = mine.some((e) => e.type === 'Send');
  const names: string[] = [];
  for (const r of [...recipients, ...mine.map((e) => e.recipient ?? '')])
    if (r && !names.some((n) => n.toLowerCase() === r.toLowerCase())) names.push(r);
  const rows = names.map((recipient): RecipientTimeline => {
    const own = mine.filter((e) => e.recipient?.toLowerCase() === recipient.toLowerCase());
    let outcome: Outcome = rejected ? 'rejected' : accepted ? 'accepted' : 'no event yet';
    for (const e of own) {
      if (e.type === 'DeliveryDelay' && (outcome === 'accepted' || outcome === 'no event yet')) outcome = 'delayed';
      // A complaint comes after a delivery and says more; a bounce after a delay is final.
      if (FINAL[e.type] && !(outcome === 'complained' && e.type === 'Delivery')) outcome = FINAL[e.type];
    }
    return { recipient, outcome, lines: own.map((e) => `${clock(e.time)} ${describeEvent(e)}`) };
  });
  const settled =
    rejected || (rows.length > 0 && rows.every((r) => ['delivered', 'bounced', 'complained'].includes(r.outcome)));
  return { messageId, message, recipients: rows, settled };
}
