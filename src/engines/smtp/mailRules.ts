// The rules a test mail's extras follow before anything is sent: SES message tags, the
// configuration set name, custom headers (RFC 5322 field names, reserved ones refused with the
// reason) and the sending-authorization ARNs. Each check throws MailExtrasError naming the field,
// what is wrong and how to fix it. Pure: no network, no file system, no nodemailer.
import type { MailHeader, MessageTag } from './mailOptions';
import { expectList, expectString } from '../../base/guards';

export class MailExtrasError extends Error {
  constructor(
    /** The TestMail field at fault: "tags", "headers", "sourceArn" … */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'MailExtrasError';
  }
}

function shown(value: string, max = 60): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

/** "a number (42)", "an array", "null": the wording of the argument checks. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || typeof value === 'boolean') return `a ${typeof value} (${String(value)})`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** SES's limits (API reference, MessageTag and ConfigurationSetName; Developer Guide, event publishing). */
export const SES_LIMITS = {
  /** Name and value: ASCII letters, digits, underscore, dash; 256 characters or fewer (SESv2 MessageTag). */
  tagLength: 256,
  tags: 50,
  configurationSetLength: 64,
  /** CreateTenant: up to 64 letters, digits, "-" and "_". */
  tenantLength: 64,
  headers: 50,
  /** RFC 5322: a line has at most 998 characters. */
  headerLine: 998,
} as const;

const SES_NAME = /^[A-Za-z0-9_-]+$/;
/** SES's own tags for fine-grained feedback (ses:feedback-id-a / -b) are the only names with a colon. */
const SES_FEEDBACK_TAGS = new Set(['ses:feedback-id-a', 'ses:feedback-id-b']);

function checkTagPart(part: 'name' | 'value', text: unknown, index: number, name?: string): string {
  const where = `Tag ${index + 1}${name && part === 'value' ? ` (${name})` : ''}`;
  if (typeof text !== 'string')
    throw new MailExtrasError('tags', `${where}: the ${part} must be text, not ${typeName(text)}.`);
  if (!text) throw new MailExtrasError('tags', `${where}: the ${part} is empty; SES needs a ${part} for every tag.`);
  if (text.length > SES_LIMITS.tagLength)
    throw new MailExtrasError(
      'tags',
      `${where}: the ${part} is ${text.length} characters long; SES allows at most ${SES_LIMITS.tagLength}.`,
    );
  if (part === 'name' && SES_FEEDBACK_TAGS.has(text)) return text;
  if (!SES_NAME.test(text)) {
    const bad = [...text].find((c) => !/[A-Za-z0-9_-]/.test(c)) ?? '';
    throw new MailExtrasError(
      'tags',
      `${where}: the ${part} ${shown(text)} contains ${JSON.stringify(bad)}; SES allows only ASCII letters, digits, ` +
        `"_" and "-" (write "order_id", not "order id" or "order.id").`,
    );
  }
  return text;
}

/** Message tags as SES takes them; returns them unchanged. */
export function checkMessageTags(tags: unknown): MessageTag[] {
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags))
    throw new MailExtrasError('tags', `Tags must be a list of {name, value}, not ${typeName(tags)}.`);
  if (tags.length > SES_LIMITS.tags)
    throw new MailExtrasError(
      'tags',
      `${tags.length} message tags; SES accepts at most ${SES_LIMITS.tags} per message.`,
    );
  const seen = new Set<string>();
  return tags.map((tag: unknown, i) => {
    if (!tag || typeof tag !== 'object' || Array.isArray(tag))
      throw new MailExtrasError('tags', `Tag ${i + 1} must be {name, value}, not ${typeName(tag)}.`);
    const t = tag as Record<string, unknown>;
    const name = checkTagPart('name', t.name, i);
    const value = checkTagPart('value', t.value, i, name);
    if (seen.has(name))
      throw new MailExtrasError('tags', `Tag ${i + 1}: the name "${name}" is used twice; give each tag its own name.`);
    seen.add(name);
    return { name, value };
  });
}

/** X-SES-MESSAGE-TAGS: "n1=v1, n2=v2". */
export function formatTagsHeader(tags: readonly MessageTag[]): string {
  expectList(tags, 'formatTagsHeader', 'tags');
  return tags.map((t) => `${t.name}=${t.value}`).join(', ');
}

/** Reads an X-SES-MESSAGE-TAGS value; returns the tags or the reason it is malformed. */
export function parseTagsHeader(value: string): { ok: true; tags: MessageTag[] } | { ok: false; reason: string } {
  expectString(value, 'parseTagsHeader', 'value');
  const tags: MessageTag[] = [];
  for (const pair of value.split(',')) {
    const m = /^\s*([^=\s]*)\s*=\s*(\S*)\s*$/.exec(pair);
    if (!m) return { ok: false, reason: `"${pair.trim()}" is not name=value` };
    tags.push({ name: m[1], value: m[2] });
  }
  try {
    checkMessageTags(tags);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  return { ok: true, tags };
}

/** A configuration set name: letters, digits, "_" and "-", at most 64 characters. */
export function checkConfigurationSetName(name: unknown): string {
  if (typeof name !== 'string')
    throw new MailExtrasError('configurationSet', `The configuration set must be a name, not ${typeName(name)}.`);
  const value = name.trim();
  if (!value)
    throw new MailExtrasError('configurationSet', 'The configuration set is empty; give its name or leave it out.');
  if (value.length > SES_LIMITS.configurationSetLength)
    throw new MailExtrasError(
      'configurationSet',
      `The configuration set name is ${value.length} characters long; SES names have at most ${SES_LIMITS.configurationSetLength}.`,
    );
  if (!SES_NAME.test(value))
    throw new MailExtrasError(
      'configurationSet',
      `The configuration set name ${shown(value)} may contain only ASCII letters, digits, "_" and "-"; ` +
        'copy the name from the SES console (Configuration sets).',
    );
  return value;
}

/**
 * A tenant name, sent as X-SES-TENANT (SES Developer Guide, "Tenants": Using SMTP with tenants).
 * CreateTenant allows up to 64 letters, digits, "-" and "_" (SES API reference).
 */
export function checkTenantName(name: unknown): string {
  if (typeof name !== 'string')
    throw new MailExtrasError('tenant', `The tenant must be a name, not ${typeName(name)}.`);
  const value = name.trim();
  if (!value) throw new MailExtrasError('tenant', 'The tenant is empty; give its name or leave it out.');
  if (value.length > SES_LIMITS.tenantLength)
    throw new MailExtrasError(
      'tenant',
      `The tenant name is ${value.length} characters long; SES tenant names have at most ${SES_LIMITS.tenantLength}.`,
    );
  if (!SES_NAME.test(value))
    throw new MailExtrasError(
      'tenant',
      `The tenant name ${shown(value)} may contain only ASCII letters, digits, "_" and "-"; ` +
        'copy the name from the SES console (Tenants).',
    );
  return value;
}

/** Headers the form may not set, each with the reason (lower-case name or prefix ending in "-"). */
export const RESERVED_HEADERS: ReadonlyArray<{ name: string; prefix?: boolean; reason: string }> = [
  { name: 'from', reason: 'use the From field' },
  { name: 'to', reason: 'use the To field' },
  { name: 'cc', reason: 'use the CC field' },
  { name: 'bcc', reason: 'use the BCC field (BCC never appears in the headers)' },
  { name: 'reply-to', reason: 'use the Reply-To field' },
  { name: 'subject', reason: 'use the Subject field' },
  { name: 'sender', reason: 'SES takes the sender from From and the sending-authorization ARNs' },
  { name: 'return-path', reason: 'SES sets it from the envelope sender (MAIL FROM)' },
  { name: 'date', reason: 'it is written when the message is composed' },
  { name: 'message-id', reason: 'it is written when the message is composed, and SES assigns its own' },
  { name: 'mime-version', reason: 'it is written when the message is composed' },
  { name: 'content-', prefix: true, reason: 'Content-* headers describe the MIME structure the composer builds' },
  { name: 'dkim-signature', reason: 'SES signs the message (Easy DKIM); a signature made earlier would not verify' },
  {
    name: 'x-ses-',
    prefix: true,
    reason:
      'use the configuration set, message tags, tenant and sending-authorization fields, which write the X-SES-* headers',
  },
];

/** Why a header name is reserved, or undefined when the form may set it. */
export function reservedHeaderReason(name: string): string | undefined {
  expectString(name, 'reservedHeaderReason', 'name');
  const n = name.toLowerCase();
  return RESERVED_HEADERS.find((r) => (r.prefix ? n.startsWith(r.name) : n === r.name))?.reason;
}

/** RFC 5322 field name: printable US-ASCII (33–126) except ":". */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/** Custom headers: valid names, one-line values, none reserved. */
export function checkCustomHeaders(headers: unknown): MailHeader[] {
  if (headers === undefined || headers === null) return [];
  if (!Array.isArray(headers))
    throw new MailExtrasError('headers', `Headers must be a list of {name, value}, not ${typeName(headers)}.`);
  if (headers.length > SES_LIMITS.headers)
    throw new MailExtrasError(
      'headers',
      `${headers.length} custom headers; a test mail takes at most ${SES_LIMITS.headers}.`,
    );
  return headers.map((h: unknown, i) => {
    const where = `Header ${i + 1}`;
    if (!h || typeof h !== 'object' || Array.isArray(h))
      throw new MailExtrasError('headers', `${where} must be {name, value}, not ${typeName(h)}.`);
    const { name, value } = h as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim())
      throw new MailExtrasError('headers', `${where}: the name is empty; give a name such as X-App-Request-Id.`);
    const n = name.trim();
    if (!FIELD_NAME.test(n))
      throw new MailExtrasError(
        'headers',
        `${where}: ${shown(n)} is not a header name; names are printable ASCII without spaces or ":" (such as X-App-Request-Id).`,
      );
    const reason = reservedHeaderReason(n);
    if (reason) throw new MailExtrasError('headers', `${where}: ${n} cannot be set here: ${reason}.`);
    if (typeof value !== 'string')
      throw new MailExtrasError('headers', `${where} (${n}): the value must be text, not ${typeName(value)}.`);
    if (/[\r\n]/.test(value))
      throw new MailExtrasError(
        'headers',
        `${where} (${n}): the value contains a line break, which would inject headers; keep it on one line.`,
      );
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x08\x0b-\x1f\x7f]/.test(value))
      throw new MailExtrasError('headers', `${where} (${n}): the value contains a control character; remove it.`);
    if (n.length + 2 + value.length > SES_LIMITS.headerLine)
      throw new MailExtrasError(
        'headers',
        `${where} (${n}): the header is ${n.length + 2 + value.length} characters long; a header line has at most ${SES_LIMITS.headerLine}.`,
      );
    return { name: n, value };
  });
}
