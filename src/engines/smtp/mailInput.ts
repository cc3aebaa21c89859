// Checks a test mail before it is composed: addresses (From, To, CC, BCC, Reply-To; at most 50
// recipients in all), subject and body, and the extras' rules (mailRules.ts, rawMime.ts). Throws
// MailInputError naming the field. Pure and synchronous; attachments, which need the file system,
// are checked in compose.ts.
import { describeType } from './input';
import {
  checkConfigurationSetName,
  checkCustomHeaders,
  checkMessageTags,
  checkTenantName,
  MailExtrasError,
} from './mailRules';
import { ARN_HEADERS, checkIdentityArn, type ArnField } from './sendingArns';
import type { MailHeader, MessageTag } from './mailOptions';
import { checkRawMessage, type RawMessage } from './rawMime';
import { SES_MAX_MESSAGE_BYTES } from './attachments';
import type { TestMail } from './mailOptions';

export class MailInputError extends Error {
  constructor(
    readonly field: keyof TestMail,
    message: string,
  ) {
    super(message);
  }
}

export type AddressField = 'from' | 'to' | 'cc' | 'bcc' | 'replyTo';

const LABEL: Readonly<Record<AddressField, string>> = {
  from: 'From',
  to: 'To',
  cc: 'CC',
  bcc: 'BCC',
  replyTo: 'Reply-To',
};

/** SES accepts at most 50 recipients per message, To, CC and BCC together. */
export const MAX_RECIPIENTS = 50;

const ADDRESS = /^[^\s@<>()[\]\\,;:"]+(?:\.[^\s@<>()[\]\\,;:"]+)*@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/u;

/** The bare address of "Name <addr>" or "addr"; throws MailInputError with a readable message. */
export function parseAddress(field: AddressField, input: string): { address: string; name?: string } {
  const label = LABEL[field];
  if (input !== undefined && input !== null && typeof input !== 'string') {
    throw new MailInputError(field, `${label} must be text, not ${describeType(input)}.`);
  }
  const value = (input ?? '').trim();
  if (!value) throw new MailInputError(field, `${label} is empty. Enter an address such as sender@example.com.`);
  if (/[\r\n]/.test(value))
    throw new MailInputError(field, `${label} contains a line break, which would inject mail headers. Remove it.`);
  const at = [...value].findIndex((c) => c !== '\t' && (c < ' ' || c === '\u007f'));
  if (at >= 0) {
    const code = [...value][at].charCodeAt(0);
    const what =
      code === 0
        ? 'a NUL character (\\0)'
        : `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
    throw new MailInputError(
      field,
      `${label} contains ${what} at position ${at + 1}; an email address has none. Remove it.`,
    );
  }
  if (value.length > 320)
    throw new MailInputError(field, `${label} is ${value.length} characters long; an address has at most 320.`);
  const named = /^(?:"((?:[^"\\]|\\.)*)"|([^<>"]*?))\s*<([^<>]+)>$/.exec(value);
  const address = (named ? named[3] : value).trim();
  const name = named ? (named[1] ?? named[2] ?? '').trim() || undefined : undefined;
  if (!ADDRESS.test(address)) {
    throw new MailInputError(
      field,
      `${label} "${address.slice(0, 80)}" is not an email address. ` +
        'Use local@domain, optionally as "Name <local@domain>".',
    );
  }
  return { address, name };
}

function addressList(field: Exclude<AddressField, 'from'>, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new MailInputError(field, `${LABEL[field]} must be a list of addresses, not ${describeType(value)}.`);
  return value.map((v: string) => parseAddress(field, v).address);
}

/** What the checks found: the envelope and the extras as they will be written. */
export interface CheckedMail {
  from: string;
  /** To only (the burst sends to these). */
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  /** Every envelope recipient (RCPT TO): To, CC and BCC, each address once. */
  recipients: string[];
  headers: MailHeader[];
  tags: MessageTag[];
  configurationSet?: string;
  tenant?: string;
  arns: Partial<Record<ArnField, string>>;
  raw?: RawMessage;
}

/** Checks a test mail; `region` (of the credentials) is held against the ARNs. Throws MailInputError. */
export function validateTestMail(mail: TestMail, context: { region?: string } = {}): CheckedMail {
  if (!mail || typeof mail !== 'object' || Array.isArray(mail)) {
    throw new MailInputError(
      'from',
      `The test mail must be an object with from, to, subject and text, not ${describeType(mail)}.`,
    );
  }
  for (const field of ['subject', 'text', 'html'] as const) {
    const value: unknown = mail[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new MailInputError(field, `The ${field} must be text, not ${describeType(value)}.`);
    }
  }
  const from = parseAddress('from', mail.from).address;
  if (!Array.isArray(mail.to) || mail.to.length === 0)
    throw new MailInputError('to', 'To is empty. Enter at least one recipient, or pick a mailbox simulator address.');
  if (mail.to.length > MAX_RECIPIENTS)
    throw new MailInputError('to', `${mail.to.length} recipients; SES accepts at most ${MAX_RECIPIENTS} per message.`);
  const to = mail.to.map((t) => parseAddress('to', t).address);
  const cc = addressList('cc', mail.cc);
  const bcc = addressList('bcc', mail.bcc);
  const replyTo = addressList('replyTo', mail.replyTo);
  const total = to.length + cc.length + bcc.length;
  if (total > MAX_RECIPIENTS)
    throw new MailInputError(
      bcc.length ? 'bcc' : 'cc',
      `${total} recipients in To, CC and BCC together (${to.length} + ${cc.length} + ${bcc.length}); SES accepts at ` +
        `most ${MAX_RECIPIENTS} per message. Send several messages instead.`,
    );
  if (/[\r\n]/.test(mail.subject ?? ''))
    throw new MailInputError(
      'subject',
      'The subject contains a line break, which would inject mail headers. Keep it on one line.',
    );
  if ((mail.subject ?? '').length > 998)
    throw new MailInputError('subject', 'The subject is longer than 998 characters, the limit of one header line.');
  if ((mail.text ?? '').length + (mail.html ?? '').length > 10 * 1024 * 1024)
    throw new MailInputError('text', 'The body is larger than 10 MB; a test mail does not need that much.');
  const seen = new Set<string>();
  const recipients = [...to, ...cc, ...bcc].filter((a) => {
    const key = a.toLowerCase();
    return seen.has(key) ? false : (seen.add(key), true);
  });
  try {
    const arns: CheckedMail['arns'] = {};
    for (const field of Object.keys(ARN_HEADERS) as ArnField[]) {
      if (mail[field] !== undefined && mail[field] !== '')
        arns[field] = checkIdentityArn(field, mail[field], { region: context.region, fromAddress: from });
    }
    return {
      from,
      to,
      cc,
      bcc,
      replyTo,
      recipients,
      headers: checkCustomHeaders(mail.headers),
      tags: checkMessageTags(mail.tags),
      configurationSet:
        mail.configurationSet === undefined || mail.configurationSet === ''
          ? undefined
          : checkConfigurationSetName(mail.configurationSet),
      tenant: mail.tenant === undefined || mail.tenant === '' ? undefined : checkTenantName(mail.tenant),
      arns,
      raw: mail.raw === undefined ? undefined : checkRawMessage(mail.raw, SES_MAX_MESSAGE_BYTES),
    };
  } catch (err) {
    if (err instanceof MailExtrasError) throw new MailInputError(err.field as keyof TestMail, err.message);
    throw err;
  }
}
