// Virtual Deliverability Manager's GetMessageInsights, as events: each destination's events (send,
// delivery, bounce with type, sub-type and diagnostic, complaint, delay, reject), for accounts with
// VDM, no setup needed. The answer's subject, tags and From are not read.
import { expectString } from '../../../base/guards';
import type { DeliveryEvent, DeliveryEventType } from './events';

const TYPES: Record<string, DeliveryEventType> = {
  SEND: 'Send',
  REJECT: 'Reject',
  BOUNCE: 'Bounce',
  COMPLAINT: 'Complaint',
  DELIVERY: 'Delivery',
  DELIVERY_DELAY: 'DeliveryDelay',
  RENDERING_FAILURE: 'RenderingFailure',
};
const BOUNCE_TYPES: Record<string, string> = {
  PERMANENT: 'Permanent',
  TRANSIENT: 'Transient',
  UNDETERMINED: 'Undetermined',
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v ? v.replace(/[\r\n\t]+/g, ' ').slice(0, 1000) : undefined;

function timeOf(v: unknown): string | undefined {
  const d =
    v instanceof Date
      ? v
      : typeof v === 'number'
        ? new Date(v * 1000)
        : typeof v === 'string'
          ? new Date(v)
          : undefined;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
}

/** The events of GetMessageInsights' Insights list; what is not an event tracking follows is left out. */
export function eventsFromInsights(messageId: string, insights: unknown): DeliveryEvent[] {
  expectString(messageId, 'eventsFromInsights', 'messageId');
  if (!Array.isArray(insights)) return [];
  const out: DeliveryEvent[] = [];
  for (const insight of insights) {
    if (!isObject(insight) || typeof insight.Destination !== 'string' || !insight.Destination) continue;
    const recipient = insight.Destination;
    for (const e of Array.isArray(insight.Events) ? insight.Events : []) {
      if (!isObject(e)) continue;
      const type = typeof e.Type === 'string' ? TYPES[e.Type] : undefined;
      const time = timeOf(e.Timestamp);
      if (!type || !time) continue;
      const details = isObject(e.Details) ? e.Details : {};
      const bounce = isObject(details.Bounce) ? details.Bounce : undefined;
      const complaint = isObject(details.Complaint) ? details.Complaint : undefined;
      const event: DeliveryEvent = { messageId, type, time, recipient };
      if (type === 'Bounce' && bounce) {
        const bt = text(bounce.BounceType);
        if (bt) event.bounceType = BOUNCE_TYPES[bt] ?? bt;
        const sub = text(bounce.BounceSubType);
        if (sub) event.bounceSubType = sub;
        const diag = text(bounce.DiagnosticCode);
        if (diag) event.diagnosticCode = diag;
      }
      if (type === 'Complaint' && complaint) {
        const reason = text(complaint.ComplaintFeedbackType) ?? text(complaint.ComplaintSubType);
        if (reason) event.reason = reason;
      }
      out.push(event);
    }
  }
  return out;
}
