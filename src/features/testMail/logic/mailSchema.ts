// The argument object of "Send Test Email": the mail's fields and every extra (CC/BCC/Reply-To,
// headers, attachments, configuration set, tags, sending-authorization ARNs, raw MIME).
import { splitRecipients } from '../../../base/names';
import * as f from '../../../base/fields';
import { ArgumentError, LIMITS } from '../../../base/fields';
import * as mail from './fieldsMail';
import type { CommandSchema } from '../../../base/schema';

/** Text and HTML together stay within the body limit. */
function bodyTotal(value: Record<string, unknown>): void {
  const size =
    (typeof value.text === 'string' ? value.text.length : 0) + (typeof value.html === 'string' ? value.html.length : 0);
  if (size > LIMITS.body)
    throw new ArgumentError(
      'text',
      `Arguments "text" and "html" together are ${(size / 1024 / 1024).toFixed(1)} MB; a test mail body may have at most 10 MB.`,
    );
}

const mailRefine = mail.mailRefine(splitRecipients);

export const sendTestEmailSchema: CommandSchema = {
  fields: {
    credentialSet: f.setRef,
    set: f.setItem,
    from: f.address,
    to: f.recipients(splitRecipients),
    subject: f.subject,
    text: f.body,
    html: f.body,
    port: f.port,
    tls: f.tls,
    cc: mail.optionalRecipients(splitRecipients),
    bcc: mail.optionalRecipients(splitRecipients),
    replyTo: mail.optionalRecipients(splitRecipients),
    headers: mail.headers,
    attachments: mail.attachments,
    configurationSet: mail.configurationSet,
    tags: mail.tags,
    sourceArn: mail.identityArn('sourceArn'),
    fromArn: mail.identityArn('fromArn'),
    returnPathArn: mail.identityArn('returnPathArn'),
    raw: mail.raw,
  },
  refine: (value) => {
    bodyTotal(value);
    mailRefine(value);
  },
  example:
    '{"credentialSet": "prod eu-west-1", "from": "noreply@example.com", "to": "success@simulator.amazonses.com"}',
};
