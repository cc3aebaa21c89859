// The Send Test Email protocol's messages for the form's options and history: attachments the host
// picked (name, size, path: never content), a raw message opened from an .eml, the configuration
// sets of the credentials' region, the send history, and the form preset from an explorer
// identity. Checked at run time like every message from the page.
import type { SendHistoryEntry, MailHeader, MessageTag } from '../../../engines/smtp/mailOptions';
import { expectObject } from '../../../base/guards';

export interface AttachmentView {
  path: string;
  name: string;
  size: number;
}

export interface EventDestinationView {
  name: string;
  enabled: boolean;
  /** Where the events go: "CloudWatch", "SNS", "Kinesis Firehose", "EventBridge", "Pinpoint". */
  kind: string;
  /** The event types sent there (SEND, BOUNCE, …). */
  events: string[];
  /** The topic, stream, bus or application ARN. */
  target?: string;
}

/** Webview → extension, for the options and history. */
export type OptionsFromWebview =
  | { type: 'pickAttachments' }
  | { type: 'openEml' }
  | { type: 'saveEml'; id: string }
  | { type: 'clearHistory' }
  /** "Where Is It?" on a history entry: its message id, looked up by the delivery feature. */
  | { type: 'whereIs'; id: string };

/** Extension → webview, for the options and history. */
export type OptionsToWebview =
  | { type: 'attachments'; files: AttachmentView[] }
  | { type: 'rawOpened'; name: string; raw: string }
  | {
      type: 'configSets';
      setId: string;
      /** The sets of the region (a dropdown), or undefined: free text, with the reason. */
      names?: string[];
      reason?: string;
    }
  | {
      type: 'tenants';
      setId: string;
      /** The tenants of the region (offered as the field's suggestions), or undefined: why not. */
      names?: string[];
      /** Those of `names` whose sending is paused (SES refuses their mail): marked in the list. */
      paused?: string[];
      reason?: string;
    }
  | { type: 'history'; entries: SendHistoryEntry[] }
  | {
      type: 'prefill';
      from: string;
      setId?: string;
      /** Said above the form, e.g. "change the local part" or "add credentials for eu-west-1". */
      note: string;
    };

const ID = /^[A-Za-z0-9_-]{1,100}$/;

/** An options message from the page, or undefined when the type is not one of these. */
export function parseOptionsMessage(m: Record<string, unknown>): OptionsFromWebview | undefined {
  expectObject(m, 'parseOptionsMessage', 'm');
  switch (m.type) {
    case 'pickAttachments':
    case 'openEml':
    case 'clearHistory':
      return { type: m.type };
    case 'saveEml':
      if (typeof m.id !== 'string' || !ID.test(m.id)) throw new Error('saveEml without a history id');
      return { type: 'saveEml', id: m.id };
    case 'whereIs':
      if (typeof m.id !== 'string' || !ID.test(m.id)) throw new Error('whereIs without a history id');
      return { type: 'whereIs', id: m.id };
    default:
      return undefined;
  }
}

/** The options' text fields kept in the webview state ('rawMode' is '1' or ''). */
export const OPTION_STATE_FIELDS = [
  ...['cc', 'bcc', 'replyTo', 'configurationSet', 'tenant', 'sourceArn', 'fromArn', 'returnPathArn'],
  ...['rawMode', 'raw'],
] as const;

/** The option rows and attachments the webview keeps in its state (never file content). */
export interface ExtrasState {
  tags: MessageTag[];
  headers: MailHeader[];
  attachments: AttachmentView[];
}

function rows(value: unknown): Array<{ name: string; value: string }> {
  if (!Array.isArray(value)) return [];
  return value
    .slice(0, 50)
    .filter(
      (r): r is { name: string; value: string } =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as Record<string, unknown>).name === 'string' &&
        typeof (r as Record<string, unknown>).value === 'string' &&
        (r as { name: string }).name.length <= 256 &&
        (r as { value: string }).value.length <= 998,
    )
    .map((r) => ({ name: r.name, value: r.value }));
}

/** Reads the saved rows and attachments defensively (an older form may have saved none). */
export function parseExtrasState(saved: unknown): ExtrasState {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Record<string, unknown>;
  const attachments = Array.isArray(s.attachments)
    ? s.attachments
        .slice(0, 50)
        .filter(
          (a): a is AttachmentView =>
            typeof a === 'object' &&
            a !== null &&
            typeof (a as AttachmentView).path === 'string' &&
            (a as AttachmentView).path.length <= 4_096 &&
            typeof (a as AttachmentView).name === 'string' &&
            typeof (a as AttachmentView).size === 'number' &&
            Number.isFinite((a as AttachmentView).size),
        )
        .map(({ path, name, size }) => ({ path, name, size }))
    : [];
  return { tags: rows(s.tags), headers: rows(s.headers), attachments };
}
