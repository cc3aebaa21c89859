// Field checks for the Send Test Email extras in a command's argument object: CC/BCC/Reply-To,
// custom headers, attachments, configuration set, message tags, sending-authorization ARNs and a
// raw MIME message. The rules themselves are the send path's (core/smtp/mailRules, rawMime), so
// the argument check and the send refuse the same values with the same reasons. Pure.
import {
  checkConfigurationSetName,
  checkCustomHeaders,
  checkMessageTags,
  MailExtrasError,
} from '../../../engines/smtp/mailRules';
import { checkIdentityArn, type ArnField } from '../../../engines/smtp/sendingArns';
import { checkRawMessage } from '../../../engines/smtp/rawMime';
import { blockedExtension, SES_MAX_MESSAGE_BYTES } from '../../../engines/smtp/attachments';
import { arg, ArgumentError, checkString, fail, LIMITS, type FieldCheck } from '../../../base/fields';
import { address } from '../../../base/fields';
import { typeOf } from '../../../base/names';

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
export function optionalRecipients(split: (to: string) => string[]): FieldCheck {
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
    list.forEach((a, i) => address(a, Array.isArray(value) ? `${field}[${i}]` : field, {}));
    return Array.isArray(value) ? [...value] : value;
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

export const headers: FieldCheck = (value, field) =>
  rule(field, () => checkCustomHeaders(pairs('[{"name": "X-App-Request-Id", "value": "42"}]')(value, field)));

export const tags: FieldCheck = (value, field) =>
  rule(field, () => checkMessageTags(pairs('[{"name": "campaign", "value": "welcome"}]')(value, field)));

export const configurationSet: FieldCheck = (value, field) => rule(field, () => checkConfigurationSetName(value));

export function identityArn(kind: ArnField): FieldCheck {
  return (value, field) => rule(field, () => checkIdentityArn(kind, value, {}));
}

export const attachments: FieldCheck = (value, field) => {
  if (!Array.isArray(value))
    fail(field, `must be an array such as [{"path": "/home/me/report.pdf"}], not ${typeOf(value)}.`);
  if (value.length > 50) fail(field, `lists ${value.length} files; a test mail takes at most 50.`);
  return value.map((item, i) => {
    const f = `${field}[${i}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item))
      fail(f, `must be an object such as {"path": "/home/me/report.pdf"}, not ${typeOf(item)}.`);
    const a = item as Record<string, unknown>;
    const unknown = Object.keys(a).find((k) => !['path', 'filename', 'contentType'].includes(k));
    if (unknown) fail(f, `has "${unknown}"; it takes "path", "filename" and "contentType".`);
    checkString(a.path, `${f}.path`, { max: LIMITS.path, example: '"/home/me/report.pdf"' });
    if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(a.path as string))
      fail(`${f}.path`, 'is not an absolute path; give the full path, such as "/home/me/report.pdf".');
    if (a.filename !== undefined) {
      checkString(a.filename, `${f}.filename`, { max: 255, example: '"report.pdf"' });
      if (/[/\\]/.test(a.filename as string)) fail(`${f}.filename`, 'must be a plain file name such as report.pdf.');
    }
    const shownName = (a.filename as string | undefined) ?? (a.path as string).split(/[/\\]/).pop() ?? '';
    const ext = blockedExtension(shownName);
    if (ext)
      fail(
        a.filename !== undefined ? `${f}.filename` : `${f}.path`,
        `names a .${ext} file; SES refuses .${ext} attachments (a type it blocks as a common attack vector). Zip it or leave it out.`,
      );
    if (
      a.contentType !== undefined &&
      (typeof a.contentType !== 'string' || !/^[\w.+-]+\/[\w.+-]+$/.test(a.contentType))
    )
      fail(`${f}.contentType`, 'must be a MIME type such as "application/pdf", or left out to be guessed.');
    return { ...a };
  });
};

export const raw: FieldCheck = (value, field) => {
  if (typeof value !== 'string')
    fail(field, `must be a MIME message as text ("From: …\\r\\n…"), not ${typeOf(value)}.`);
  rule(field, () => checkRawMessage(value, SES_MAX_MESSAGE_BYTES));
  return value;
};

/** Across fields: To, CC and BCC together within SES's 50; raw replaces subject, text, html and attachments. */
export function mailRefine(split: (to: string) => string[]): (value: Record<string, unknown>) => void {
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
