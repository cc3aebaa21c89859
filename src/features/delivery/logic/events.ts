// SES's event publishing, read from the tracking queue: an SQS message body is SNS's notification
// envelope (Type "Notification", Message = SES's event JSON) or, with raw message delivery, the
// event itself. What is kept is the event only: its type, time, recipient and, per type, the bounce
// type, sub-type and diagnostic code, the delay type, the reject reason, the receiving MTA's reply.
// Never a header, subject or body. Anything else (a subscription confirmation, an event type
// tracking does not follow, malformed JSON) is ignored with a reason the caller logs.
import { expectList, expectOptionalString, expectString } from '../../../base/guards';

export type DeliveryEventType =
  'Send' | 'Delivery' | 'Bounce' | 'Complaint' | 'DeliveryDelay' | 'Reject' | 'RenderingFailure';

export interface DeliveryEvent {
  messageId: string;
  type: DeliveryEventType;
  /** ISO time of the event. */
  time: string;
  /** The recipient it is about; absent for Send, Reject and RenderingFailure (the whole message). */
  recipient?: string;
  bounceType?: string;
  bounceSubType?: string;
  diagnosticCode?: string;
  /** DeliveryDelay's delayType. */
  delayType?: string;
  /** Reject's reason or the rendering failure's message. */
  reason?: string;
  /** Delivery: the receiving MTA's reply. */
  smtpResponse?: string;
  processingTimeMillis?: number;
}

export type ParsedMessage = { events: DeliveryEvent[] } | { ignored: string };

const TYPES: Record<string, DeliveryEventType> = {
  Send: 'Send',
  Delivery: 'Delivery',
  Bounce: 'Bounce',
  Complaint: 'Complaint',
  DeliveryDelay: 'DeliveryDelay',
  Reject: 'Reject',
  'Rendering Failure': 'RenderingFailure',
  RenderingFailure: 'RenderingFailure',
};
const MAX_TEXT = 1000;
const MESSAGE_ID = /^[A-Za-z0-9._@-]{1,200}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length ? v.replace(/[\r\n\t]+/g, ' ').slice(0, MAX_TEXT) : undefined;
const timeOf = (v: unknown, fallback: string): string =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : fallback;

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

/** The events in one queue message body, or why it is ignored. */
export function parseQueueMessage(body: string): ParsedMessage {
  expectString(body, 'parseQueueMessage', 'body');
  const outer = parseJson(body);
  if (!isObject(outer)) return { ignored: 'the message is not JSON' };
  let event: unknown = outer;
  let fallbackTime = new Date(0).toISOString();
  if (typeof outer.Type === 'string') {
    if (outer.Type !== 'Notification') return { ignored: `an SNS ${outer.Type} message, not a notification` };
    if (typeof outer.Message !== 'string') return { ignored: 'an SNS notification without a Message' };
    event = parseJson(outer.Message);
    fallbackTime = timeOf(outer.Timestamp, fallbackTime);
    if (!isObject(event)) return { ignored: 'the notification’s Message is not JSON' };
  }
  return parseSesEvent(event, fallbackTime);
}

/** The per-recipient events of one SES event object (event publishing's JSON). */
export function parseSesEvent(event: unknown, fallbackTime = new Date(0).toISOString()): ParsedMessage {
  expectOptionalString(fallbackTime, 'parseSesEvent', 'fallbackTime');
  if (!isObject(event)) return { ignored: 'the event is not an object' };
  const rawType = event.eventType;
  if (typeof rawType !== 'string') {
    return {
      ignored:
        typeof event.notificationType === 'string'
          ? `an identity feedback notification (${String(event.notificationType)}), not configuration-set event publishing`
          : 'no eventType',
    };
  }
  const type = TYPES[rawType];
  if (!type) return { ignored: `event type ${rawType.slice(0, 40)} is not followed` };
  const mail = event.mail;
  const messageId = isObject(mail) ? mail.messageId : undefined;
  if (typeof messageId !== 'string' || !MESSAGE_ID.test(messageId)) return { ignored: 'no usable mail.messageId' };
  const base = { messageId, type };
  const at = (o: Json | undefined): string =>
    timeOf(o?.timestamp, timeOf(isObject(mail) ? mail.timestamp : undefined, fallbackTime));
  const recipientsOf = (list: unknown, key?: string): Json[] =>
    Array.isArray(list)
      ? list
          .map((r) => (key ? r : { emailAddress: r }) as unknown)
          .filter((r): r is Json => isObject(r) && typeof r.emailAddress === 'string' && r.emailAddress.length > 0)
      : [];
  switch (type) {
    case 'Send':
      return { events: [{ ...base, time: at(undefined) }] };
    case 'Reject': {
      const o = isObject(event.reject) ? event.reject : undefined;
      return { events: [{ ...base, time: at(undefined), reason: text(o?.reason) }] };
    }
    case 'RenderingFailure': {
      const o = isObject(event.failure) ? event.failure : undefined;
      return { events: [{ ...base, time: at(undefined), reason: text(o?.errorMessage) }] };
    }
    case 'Delivery': {
      const o = isObject(event.delivery) ? event.delivery : undefined;
      if (!o) return { ignored: 'a Delivery event without its delivery object' };
      const list = recipientsOf(o.recipients);
      if (!list.length) return { ignored: 'a Delivery event without recipients' };
      return {
        events: list.map((r) => ({
          ...base,
          time: at(o),
          recipient: String(r.emailAddress),
          smtpResponse: text(o.smtpResponse),
          processingTimeMillis: typeof o.processingTimeMillis === 'number' ? o.processingTimeMillis : undefined,
        })),
      };
    }
    case 'Bounce': {
      const o = isObject(event.bounce) ? event.bounce : undefined;
      if (!o) return { ignored: 'a Bounce event without its bounce object' };
      const list = recipientsOf(o.bouncedRecipients, 'emailAddress');
      if (!list.length) return { ignored: 'a Bounce event without bounced recipients' };
      return {
        events: list.map((r) => ({
          ...base,
          time: at(o),
          recipient: String(r.emailAddress),
          bounceType: text(o.bounceType),
          bounceSubType: text(o.bounceSubType),
          diagnosticCode: text(r.diagnosticCode),
        })),
      };
    }
    case 'Complaint': {
      const o = isObject(event.complaint) ? event.complaint : undefined;
      if (!o) return { ignored: 'a Complaint event without its complaint object' };
      const list = recipientsOf(o.complainedRecipients, 'emailAddress');
      if (!list.length) return { ignored: 'a Complaint event without complained recipients' };
      return {
        events: list.map((r) => ({
          ...base,
          time: at(o),
          recipient: String(r.emailAddress),
          reason: text(o.complaintFeedbackType) ?? text(o.complaintSubType),
        })),
      };
    }
    case 'DeliveryDelay': {
      const o = isObject(event.deliveryDelay) ? event.deliveryDelay : undefined;
      if (!o) return { ignored: 'a DeliveryDelay event without its deliveryDelay object' };
      const list = recipientsOf(o.delayedRecipients, 'emailAddress');
      if (!list.length) return { ignored: 'a DeliveryDelay event without delayed recipients' };
      return {
        events: list.map((r) => ({
          ...base,
          time: at(o),
          recipient: String(r.emailAddress),
          delayType: text(o.delayType),
          diagnosticCode: text(r.diagnosticCode),
        })),
      };
    }
  }
}

/** Events merged without duplicates (same type, time, recipient), in time order. */
export function mergeEvents(kept: readonly DeliveryEvent[], fresh: readonly DeliveryEvent[]): DeliveryEvent[] {
  expectList(kept, 'mergeEvents', 'kept');
  expectList(fresh, 'mergeEvents', 'fresh');
  const key = (e: DeliveryEvent): string => `${e.type}|${e.time}|${e.recipient ?? ''}`;
  const seen = new Map<string, DeliveryEvent>();
  for (const e of [...kept, ...fresh]) if (!seen.has(key(e))) seen.set(key(e), e);
  return [...seen.values()].sort((a, b) => a.time.localeCompare(b.time) || order(a.type) - order(b.type));
}

const ORDER: DeliveryEventType[] = [
  'Send',
  'Reject',
  'RenderingFailure',
  'DeliveryDelay',
  'Delivery',
  'Bounce',
  'Complaint',
];
const order = (t: DeliveryEventType): number => ORDER.indexOf(t);
