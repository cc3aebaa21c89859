// Builds the bytes of a test mail: with nodemailer's MailComposer for a formatted message (CC,
// Reply-To, custom headers, attachments; BCC only ever in the envelope), or the raw MIME message
// as written. Either way the SES headers go on top: X-SES-CONFIGURATION-SET, X-SES-TENANT, X-SES-MESSAGE-TAGS and
// the sending-authorization ARNs.
import MailComposer from 'nodemailer/lib/mail-composer';
import { checkAttachments, sizeProblem, SES_MAX_MESSAGE_BYTES, type CheckedAttachment } from './attachments';
import { MailInputError, validateTestMail, type CheckedMail } from './mailInput';
import { formatTagsHeader, MailExtrasError } from './mailRules';
import { ARN_HEADERS, type ArnField } from './sendingArns';
import type { MailHeader } from './mailOptions';
import type { TestMail } from './mailOptions';
import { expectObject } from '../../base/guards';

/** The X-SES-* headers the extras ask for, in the order SES documents them. */
export function sesHeaders(
  checked: Pick<CheckedMail, 'configurationSet' | 'tags' | 'arns'> & Partial<Pick<CheckedMail, 'tenant'>>,
): MailHeader[] {
  expectObject(checked, 'sesHeaders', 'checked');
  const out: MailHeader[] = [];
  if (checked.configurationSet) out.push({ name: 'X-SES-CONFIGURATION-SET', value: checked.configurationSet });
  if (checked.tenant) out.push({ name: 'X-SES-TENANT', value: checked.tenant });
  if (checked.tags.length) out.push({ name: 'X-SES-MESSAGE-TAGS', value: formatTagsHeader(checked.tags) });
  for (const field of Object.keys(ARN_HEADERS) as ArnField[]) {
    const arn = checked.arns[field];
    if (arn) out.push({ name: ARN_HEADERS[field], value: arn });
  }
  return out;
}

/** "Name: value" lines, each ending in CRLF (values are ASCII: set names, tags and ARNs are checked). */
function headerLines(headers: readonly MailHeader[]): string {
  return headers.map((h) => `${h.name}: ${h.value}\r\n`).join('');
}

export interface ComposedMail {
  /** The message exactly as it goes out. */
  message: Buffer;
  checked: CheckedMail;
  attachments: CheckedAttachment[];
}

function build(composer: MailComposer): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) =>
    composer.compile().build((err: Error | null, message: Buffer) => (err ? reject(err) : resolve(message))),
  );
}

function rethrow(err: unknown): never {
  if (err instanceof MailExtrasError) throw new MailInputError(err.field as keyof TestMail, err.message);
  throw err;
}

/** A raw message with the form's X-SES-* headers on top; one the message already has is a conflict. */
function composeRaw(checked: CheckedMail & { raw: NonNullable<CheckedMail['raw']> }): Buffer {
  const extra = sesHeaders(checked);
  for (const h of extra) {
    if (checked.raw.headers.some((r) => r.name.toLowerCase() === h.name.toLowerCase()))
      throw new MailInputError(
        'raw',
        `The raw message already has a ${h.name} header and the form sets one too; remove it from the message or clear the field.`,
      );
  }
  return Buffer.from(headerLines(extra) + checked.raw.text, 'utf8');
}

/** Checks the mail (attachments included) and builds its bytes. Throws MailInputError for bad input. */
export async function composeMail(mail: TestMail, context: { region?: string } = {}): Promise<ComposedMail> {
  const checked = validateTestMail(mail, context);
  if (checked.raw) {
    const message = composeRaw({ ...checked, raw: checked.raw });
    const problem = sizeProblem(message.length);
    if (problem) throw new MailInputError('raw', problem);
    return { message, checked, attachments: [] };
  }
  const bodyBytes = Buffer.byteLength(mail.text ?? '') + Buffer.byteLength(mail.html ?? '') * 1.4 + 4096;
  const { attachments } = await checkAttachments(mail.attachments, Math.ceil(bodyBytes)).catch(rethrow);
  const headers: MailHeader[] = [{ name: 'X-Mailer', value: 'SES SMTP Toolkit test mail' }, ...checked.headers];
  const composer = new MailComposer({
    from: mail.from.trim(),
    to: mail.to.map((t) => t.trim()),
    cc: mail.cc?.length ? mail.cc.map((t) => t.trim()) : undefined,
    replyTo: mail.replyTo?.length ? mail.replyTo.map((t) => t.trim()) : undefined,
    subject: mail.subject,
    text: mail.text,
    html: mail.html || undefined,
    headers: headers.map((h) => ({ key: h.name, value: h.value })),
    attachments: attachments.map((a) => ({
      path: a.path,
      filename: a.filename,
      ...(a.contentType ? { contentType: a.contentType } : {}),
    })),
  });
  let message: Buffer;
  try {
    // The X-SES-* headers go on top as SES spells them (nodemailer would write X-Ses-Configuration-Set).
    message = Buffer.concat([Buffer.from(headerLines(sesHeaders(checked)), 'utf8'), await build(composer)]);
  } catch (err) {
    throw new MailInputError('attachments', `The message could not be composed: ${(err as Error).message}`);
  }
  if (message.length > SES_MAX_MESSAGE_BYTES)
    throw new MailInputError('attachments', sizeProblem(message.length, attachments) ?? 'The message is too large.');
  return { message, checked, attachments };
}

/** What a send carried beyond From/To/Subject/body, for the command's result and the log (never a secret). */
export interface AppliedExtras {
  cc: string[];
  bcc: string[];
  replyTo: string[];
  /** Custom header names (their values may be anything the user typed, so only names are echoed). */
  headers: string[];
  attachments: Array<{ filename: string; bytes: number }>;
  configurationSet?: string;
  tenant?: string;
  tags: Array<{ name: string; value: string }>;
  sourceArn?: string;
  fromArn?: string;
  returnPathArn?: string;
  /** Raw mode: the MIME message was sent as written. */
  raw: boolean;
  /** Size of the message as sent. */
  messageBytes: number;
}

export function appliedExtras(composed: Pick<ComposedMail, 'checked' | 'attachments' | 'message'>): AppliedExtras {
  expectObject(composed, 'appliedExtras', 'composed');
  const { checked } = composed;
  return {
    cc: checked.cc,
    bcc: checked.bcc,
    replyTo: checked.replyTo,
    headers: checked.headers.map((h) => h.name),
    attachments: composed.attachments.map((a) => ({ filename: a.filename, bytes: a.bytes })),
    ...(checked.configurationSet ? { configurationSet: checked.configurationSet } : {}),
    ...(checked.tenant ? { tenant: checked.tenant } : {}),
    tags: checked.tags,
    ...checked.arns,
    raw: checked.raw !== undefined,
    messageBytes: composed.message.length,
  };
}
