// The argument objects of Send Test Email and Send Test Burst: the mail's fields and every extra
// (CC/BCC/Reply-To, headers, attachments, configuration set, tenant, tags, sending-authorization ARNs, raw
// MIME), and a burst's count, rate and pool. The extras' rules are the send path's (engines/smtp:
// mailRules, rawMime, sendingArns, attachments), so the argument check and the send refuse the same
// values with the same reasons. src/commandArgs.ts gathers these schemas for registerCommand's
// check; a handler takes its type from here (ArgsOf) with `import type` only. Pure and vscode-free.
import {
  checkConfigurationSetName,
  checkCustomHeaders,
  checkMessageTags,
  checkTenantName,
  MailExtrasError,
} from '../../engines/smtp/mailRules';
import { checkIdentityArn, type ArnField } from '../../engines/smtp/sendingArns';
import { checkRawMessage } from '../../engines/smtp/rawMime';
import { blockedExtension, SES_MAX_MESSAGE_BYTES } from '../../engines/smtp/attachments';
import type { MailAttachment, MailHeader, MessageTag } from '../../engines/smtp/mailOptions';
import { BURST_LIMITS } from '../../engines/smtp/burstMath';
import { splitRecipients, typeOf } from '../../base/names';
import * as f from '../../base/fields';
import { arg, ArgumentError, checkString, fail, LIMITS, type FieldCheck } from '../../base/fields';
import { commandSchema, type ArgsOf, type CommandSchema } from '../../base/schema';
import { COMMAND } from '../../base/commandIds';

/** Runs a send-path rule and reports its refusal as this argument's. */
function rule<T>(field: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof MailExtrasError) throw new ArgumentError(field, `${arg(field)}: ${err.message}`);
    throw err;
  }
}

/** CC, BCC, Reply-To: like "to" (a string or an array), but may be empty. */
function optionalRecipients(split: (to: string) => string[]): FieldCheck<string | string[]> {
  return (value, field) => {
    let list: unknown[];
    if (typeof value === 'string') {
      if (value.length > LIMITS.addressField * LIMITS.recipients)
        fail(field, `is ${value.length} characters long; give at most ${LIMITS.recipients} addresses.`);
      list = value.trim() ? split(value) : [];
    } else if (Array.isArray(value)) {
      list = value;
    } else {
      fail(field, `must be an address or an array of addresses such as ["team@example.com"], not ${typeOf(value)}.`);
    }
    if (list.length > LIMITS.recipients)
      fail(field, `lists ${list.length} addresses; SES accepts at most ${LIMITS.recipients} recipients per message.`);
    list.forEach((a, i) => f.address(a, Array.isArray(value) ? `${field}[${i}]` : field, {}));
    return Array.isArray(value) ? [...(value as string[])] : value;
  };
}

function pairs(example: string): (value: unknown, field: string) => Array<{ name: unknown; value: unknown }> {
  return (value, field) => {
    if (!Array.isArray(value)) fail(field, `must be an array such as ${example}, not ${typeOf(value)}.`);
    return value.map((item, i) => {
      if (!item || typeof item !== 'object' || Array.isArray(item))
        fail(`${field}[${i}]`, `must be an object such as ${example.slice(1, -1)}, not ${typeOf(item)}.`);
      const keys = Object.keys(item as object).filter((k) => k !== 'name' && k !== 'value');
      if (keys.length) fail(`${field}[${i}]`, `has "${keys[0]}"; it takes only "name" and "value".`);
      const { name, value: v } = item as { name: unknown; value: unknown };
      return { name, value: v };
    });
  };
}

const headers: FieldCheck<MailHeader[]> = (value, field) =>
  rule(field, () => checkCustomHeaders(pairs('[{"name": "X-App-Request-Id", "value": "42"}]')(value, field)));

const tags: FieldCheck<MessageTag[]> = (value, field) =>
  rule(field, () => checkMessageTags(pairs('[{"name": "campaign", "value": "welcome"}]')(value, field)));

const configurationSet: FieldCheck<string> = (value, field) => rule(field, () => checkConfigurationSetName(value));

/** The SES tenant the mail is sent for (X-SES-TENANT). */
const tenant: FieldCheck<string> = (value, field) => rule(field, () => checkTenantName(value));

function identityArn(kind: ArnField): FieldCheck<string> {
  return (value, field) => rule(field, () => checkIdentityArn(kind, value, {}));
}

const attachments: FieldCheck<MailAttachment[]> = (value, field) => {
  if (!Array.isArray(value))
    fail(field, `must be an array such as [{"path": "/home/me/report.pdf"}], not ${typeOf(value)}.`);
  if (value.length > 50) fail(field, `lists ${value.length} files; a test mail takes at most 50.`);
  return value.map((item, i) => {
    const at = `${field}[${i}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item))
      fail(at, `must be an object such as {"path": "/home/me/report.pdf"}, not ${typeOf(item)}.`);
    const a = item as Record<string, unknown>;
    const unknown = Object.keys(a).find((k) => !['path', 'filename', 'contentType'].includes(k));
    if (unknown) fail(at, `has "${unknown}"; it takes "path", "filename" and "contentType".`);
    checkString(a.path, `${at}.path`, { max: LIMITS.path, example: '"/home/me/report.pdf"' });
    if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(a.path as string))
      fail(`${at}.path`, 'is not an absolute path; give the full path, such as "/home/me/report.pdf".');
    if (a.filename !== undefined) {
      checkString(a.filename, `${at}.filename`, { max: 255, example: '"report.pdf"' });
      if (/[/\\]/.test(a.filename as string)) fail(`${at}.filename`, 'must be a plain file name such as report.pdf.');
    }
    const shownName = (a.filename as string | undefined) ?? (a.path as string).split(/[/\\]/).pop() ?? '';
    const ext = blockedExtension(shownName);
    if (ext)
      fail(
        a.filename !== undefined ? `${at}.filename` : `${at}.path`,
        `names a .${ext} file; SES refuses .${ext} attachments (a type it blocks as a common attack vector). Zip it or leave it out.`,
      );
    if (
      a.contentType !== undefined &&
      (typeof a.contentType !== 'string' || !/^[\w.+-]+\/[\w.+-]+$/.test(a.contentType))
    )
      fail(`${at}.contentType`, 'must be a MIME type such as "application/pdf", or left out to be guessed.');
    return { ...a } as unknown as MailAttachment;
  });
};

const raw: FieldCheck<string> = (value, field) => {
  if (typeof value !== 'string')
    fail(field, `must be a MIME message as text ("From: …\\r\\n…"), not ${typeOf(value)}.`);
  rule(field, () => checkRawMessage(value, SES_MAX_MESSAGE_BYTES));
  return value;
};

/** Across fields: To, CC and BCC together within SES's 50; raw replaces subject, text, html and attachments. */
function mailRefine(split: (to: string) => string[]): (value: Record<string, unknown>) => void {
  const count = (v: unknown): number => (Array.isArray(v) ? v.length : typeof v === 'string' ? split(v).length : 0);
  return (value) => {
    const total = count(value.to) + count(value.cc) + count(value.bcc);
    if (total > LIMITS.recipients)
      throw new ArgumentError(
        'to',
        `Arguments "to", "cc" and "bcc" name ${total} recipients together; SES accepts at most ${LIMITS.recipients} per message.`,
      );
    if (value.raw !== undefined) {
      const clash = ['subject', 'text', 'html', 'attachments', 'headers'].find((k) => value[k] !== undefined);
      if (clash)
        throw new ArgumentError(
          clash,
          `Argument "${clash}" cannot go with "raw": a raw message is sent as written. Put it in the raw message, or leave "raw" out.`,
        );
    }
  };
}

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

const refineMail = mailRefine(splitRecipients);

export const sendTestEmailSchema = commandSchema({
  fields: {
    ...f.SET_FIELDS,
    from: f.address,
    to: f.recipients(splitRecipients),
    subject: f.subject,
    text: f.body,
    html: f.body,
    port: f.port,
    tls: f.tls,
    cc: optionalRecipients(splitRecipients),
    bcc: optionalRecipients(splitRecipients),
    replyTo: optionalRecipients(splitRecipients),
    headers,
    attachments,
    configurationSet,
    tenant,
    tags,
    sourceArn: identityArn('sourceArn'),
    fromArn: identityArn('fromArn'),
    returnPathArn: identityArn('returnPathArn'),
    raw,
  },
  refine: (value) => {
    bodyTotal(value);
    refineMail(value);
  },
  example:
    '{"credentialSet": "prod eu-west-1", "from": "noreply@example.com", "to": "success@simulator.amazonses.com"}',
});

/** A number argument within limits (a string of digits is accepted, as elsewhere). */
function numberIn(min: number, max: number, integer: boolean, what: string): FieldCheck<number> {
  return (value, field) => {
    const n = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
    const kind = `${integer ? 'a whole number' : 'a number'} of ${what} from ${min} to ${max}`;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      throw new ArgumentError(field, `Argument "${field}" must be ${kind}, not ${typeOf(value)}.`);
    }
    if (n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new ArgumentError(field, `Argument "${field}" is ${n}; give ${kind}.`);
    }
    return n;
  };
}

export const sendTestBurstSchema = commandSchema({
  fields: {
    ...f.SET_FIELDS,
    from: f.address,
    to: f.recipients(splitRecipients),
    count: numberIn(BURST_LIMITS.count.min, BURST_LIMITS.count.max, true, 'messages'),
    rate: numberIn(BURST_LIMITS.rate.min, BURST_LIMITS.rate.max, false, 'messages per second'),
    poolSize: numberIn(BURST_LIMITS.poolSize.min, BURST_LIMITS.poolSize.max, true, 'connections'),
    messagesPerConnection: numberIn(
      BURST_LIMITS.messagesPerConnection.min,
      BURST_LIMITS.messagesPerConnection.max,
      true,
      'messages per connection',
    ),
    port: f.port,
    tls: f.tls,
    configurationSet,
    tenant,
    confirmNonSimulator: f.boolean,
  },
  example: '{"credentialSet": "prod eu-west-1", "count": 20, "rate": 14}',
});

export type SendTestEmailArgs = ArgsOf<typeof sendTestEmailSchema>;
export type SendTestBurstArgs = ArgsOf<typeof sendTestBurstSchema>;

/** The Send Test Email commands with the argument object each accepts. */
export const TEST_MAIL_SCHEMAS: Readonly<Record<string, CommandSchema>> = {
  [COMMAND.sendTestEmail]: sendTestEmailSchema,
  [COMMAND.sendTestBurst]: sendTestBurstSchema,
};
