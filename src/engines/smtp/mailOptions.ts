// What a test mail may carry beyond From/To/Subject/body, as the SES console's "Send test email" and
// a real app's mail do: CC/BCC/Reply-To, custom headers, attachments, a configuration set and message
// tags (sent as SES's X-SES-* headers over SMTP), sending-authorization ARNs, or a raw MIME message
// sent as written, and the test mail itself. Shared by the send path (send.ts), the command's argument object, the
// webview protocol and the send history. Types only here; the rules live beside the send path.

export interface MailHeader {
  name: string;
  value: string;
}

export interface MessageTag {
  name: string;
  value: string;
}

export interface MailAttachment {
  /** The file to attach, an absolute path (the form picks it from the workspace). */
  path: string;
  /** The name shown to the recipient; the path's base name when absent. */
  filename?: string;
  /** A MIME type; guessed from the name when absent. */
  contentType?: string;
}

export interface MailExtras {
  cc?: string[];
  bcc?: string[];
  replyTo?: string[];
  /** Extra headers; reserved ones (From, To, Subject, Date, Message-ID, MIME-Version, Content-*, X-SES-*) are refused. */
  headers?: MailHeader[];
  attachments?: MailAttachment[];
  /** Sent as X-SES-CONFIGURATION-SET. */
  configurationSet?: string;
  /** Sent as X-SES-TENANT: the SES tenant the message is sent for. */
  tenant?: string;
  /** Sent as X-SES-MESSAGE-TAGS: name=value pairs. */
  tags?: MessageTag[];
  /** Sending authorization: X-SES-SOURCE-ARN, X-SES-FROM-ARN, X-SES-RETURN-PATH-ARN. */
  sourceArn?: string;
  fromArn?: string;
  returnPathArn?: string;
  /** A complete MIME message sent as written (raw mode); the envelope still comes from from/to/cc/bcc. */
  raw?: string;
}

/** One past send as the history keeps it: never a secret, never the body. */
export interface SendHistoryEntry {
  id: string;
  /** ISO 8601 time of the send. */
  at: string;
  setId: string;
  setName: string;
  region: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  configurationSet?: string;
  /** The SES tenant it was sent for (X-SES-TENANT). */
  tenant?: string;
  messageId?: string;
  ok: boolean;
  /** The result's headline, e.g. "Sent: accepted by SES" or "Rejected (554): …". */
  headline: string;
  /** Whether the exact message bytes were kept, for Save as .eml. */
  hasEml: boolean;
  /** With delivery tracking: each recipient's outcome ("bounce@…: bounced; …"). */
  delivery?: string;
}

/** A test mail; the extras (CC/BCC, headers, attachments, configuration set, tags, ARNs, raw MIME) are optional. */
export interface TestMail extends MailExtras {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}
