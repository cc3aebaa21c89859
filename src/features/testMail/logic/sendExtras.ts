// The Send Test Email form's options beyond From/To/Subject/body, as the webview sends them: CC,
// BCC, Reply-To as typed, the "Advanced" section (configuration set, message tags, custom headers,
// attachments as paths the host picked, sending-authorization ARNs) and raw MIME mode. Checked at
// run time like every message from the page (shape and limits), and checked field by field for the
// messages the form shows under each field (fieldProblems), which clear as the field is fixed.
import type { MailHeader, MessageTag } from '../../../engines/smtp/mailOptions';
import {
  checkConfigurationSetName,
  checkCustomHeaders,
  checkMessageTags,
  checkTenantName,
} from '../../../engines/smtp/mailRules';
import { checkIdentityArn, type ArnField } from '../../../engines/smtp/sendingArns';
import { expectFunction, expectList, expectObject, expectOptionalString } from '../../../base/guards';

export interface SendExtrasForm {
  /** Recipients as typed, separated like To. */
  cc: string;
  bcc: string;
  replyTo: string;
  configurationSet: string;
  /** The SES tenant (X-SES-TENANT); '' for none. */
  tenant: string;
  tags: MessageTag[];
  headers: MailHeader[];
  /** Absolute paths of files the host picked (never their content). */
  attachments: string[];
  sourceArn: string;
  fromArn: string;
  returnPathArn: string;
  /** Raw MIME mode: the message as written; undefined in the formatted mode. */
  raw?: string;
}

export const EXTRAS_LIMITS = {
  rows: 50,
  attachments: 50,
  path: 4_096,
  /** Generous: the rules (fieldProblems, the send path) say what is too long, not the protocol. */
  rowPart: 998,
  arn: 2_048,
  configurationSet: 256,
  tenant: 256,
  /** A raw message typed or opened in the form (SES's limit is 40 MB with attachments). */
  raw: 10 * 1024 * 1024,
  /** SES's maximum message size, attachments and encoding included. */
  sesMessageBytes: 40 * 1024 * 1024,
} as const;

export function emptyExtras(): SendExtrasForm {
  return {
    cc: '',
    bcc: '',
    replyTo: '',
    configurationSet: '',
    tenant: '',
    tags: [],
    headers: [],
    attachments: [],
    sourceArn: '',
    fromArn: '',
    returnPathArn: '',
  };
}

function text(value: unknown, field: string, max: number): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new Error(`${field} is ${typeof value}, not a string`);
  if (value.length > max) throw new Error(`${field} is ${value.length} characters, more than ${max}`);
  return value;
}

function pairs(value: unknown, field: string, nameMax: number, valueMax: number): Array<MessageTag & MailHeader> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${field} is not a list`);
  if (value.length > EXTRAS_LIMITS.rows) throw new Error(`${field} has ${value.length} rows, more than 50`);
  return value.map((row: unknown, i) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new Error(`${field}[${i}] is not a row`);
    const r = row as Record<string, unknown>;
    return {
      name: text(r.name, `${field}[${i}].name`, nameMax),
      value: text(r.value, `${field}[${i}].value`, valueMax),
    };
  });
}

/** The extras of a send message from the page; throws with a reason when it is malformed. */
export function parseSendExtras(value: unknown): SendExtrasForm {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('extras is not an object');
  const e = value as Record<string, unknown>;
  const L = EXTRAS_LIMITS;
  const attachments = e.attachments ?? [];
  if (!Array.isArray(attachments)) throw new Error('attachments is not a list');
  if (attachments.length > L.attachments) throw new Error(`attachments has ${attachments.length} files, more than 50`);
  const out: SendExtrasForm = {
    cc: text(e.cc, 'cc', 2_000),
    bcc: text(e.bcc, 'bcc', 2_000),
    replyTo: text(e.replyTo, 'replyTo', 2_000),
    configurationSet: text(e.configurationSet, 'configurationSet', L.configurationSet),
    tenant: text(e.tenant, 'tenant', L.tenant),
    tags: pairs(e.tags, 'tags', L.rowPart, L.rowPart),
    headers: pairs(e.headers, 'headers', L.rowPart, L.rowPart),
    attachments: attachments.map((p, i) => text(p, `attachments[${i}]`, L.path)),
    sourceArn: text(e.sourceArn, 'sourceArn', L.arn),
    fromArn: text(e.fromArn, 'fromArn', L.arn),
    returnPathArn: text(e.returnPathArn, 'returnPathArn', L.arn),
  };
  if (e.raw !== undefined && e.raw !== null) out.raw = text(e.raw, 'raw', L.raw);
  return out;
}

/** The keys of the form's field messages: a field, or one row of tags or headers. */
export type ExtrasField =
  | 'cc'
  | 'bcc'
  | 'replyTo'
  | 'configurationSet'
  | 'tenant'
  | 'sourceArn'
  | 'fromArn'
  | 'returnPathArn'
  | 'raw'
  | 'attachments'
  | `tag-${number}`
  | `header-${number}`;

const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/u;

function bareAddress(entry: string): string {
  const m = /<([^<>]*)>\s*$/.exec(entry);
  return (m ? m[1] : entry).trim();
}

function recipientProblem(label: string, value: string, split: (v: string) => string[]): string | undefined {
  const bad = split(value).find((r) => !ADDRESS.test(bareAddress(r)));
  return bad === undefined
    ? undefined
    : `${label}: "${bad.slice(0, 80)}" is not an email address; use local@domain, separated by commas.`;
}

/** The message of a rule of the send path (core/smtp/mailRules), or undefined when it passes. */
function rule(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** A tag or header row checked alone by the send path's rules, numbered as the form numbers it. */
function rowProblem(kind: 'Tag' | 'Header', row: MessageTag, index: number): string | undefined {
  if (!row.name.trim() && !row.value.trim()) return undefined; // an empty row is ignored
  const one = [{ name: row.name.trim(), value: kind === 'Tag' ? row.value.trim() : row.value }];
  const problem = rule(() => (kind === 'Tag' ? checkMessageTags(one) : checkCustomHeaders(one)));
  return problem?.replace(new RegExp(`^${kind} 1\\b`), `${kind} ${index + 1}`);
}

/**
 * What is wrong with each option, by field, for the messages the form shows under them: the send
 * path's own rules (core/smtp/mailRules) for tags, headers, the configuration set and the ARNs, so
 * the form and the send say the same; addresses and raw MIME by shape (the send checks them fully).
 */
export function fieldProblems(
  extras: SendExtrasForm,
  split: (v: string) => string[],
  region?: string,
  from?: string,
): Partial<Record<ExtrasField, string>> {
  expectObject(extras, 'fieldProblems', 'extras');
  expectFunction(split, 'fieldProblems', 'split');
  expectOptionalString(region, 'fieldProblems', 'region');
  expectOptionalString(from, 'fieldProblems', 'from');
  const fromAddress = from && ADDRESS.test(bareAddress(from)) ? bareAddress(from) : undefined;
  const out: Partial<Record<ExtrasField, string>> = {};
  const set = (field: ExtrasField, problem: string | undefined): void => {
    if (problem) out[field] = problem;
  };
  set('cc', recipientProblem('CC', extras.cc, split));
  set('bcc', recipientProblem('BCC', extras.bcc, split));
  set('replyTo', recipientProblem('Reply-To', extras.replyTo, split));
  const cs = extras.configurationSet.trim();
  if (cs)
    set(
      'configurationSet',
      rule(() => checkConfigurationSetName(cs)),
    );
  const tenant = extras.tenant.trim();
  if (tenant)
    set(
      'tenant',
      rule(() => checkTenantName(tenant)),
    );
  const seen = new Set<string>();
  extras.tags.forEach((t, i) => {
    const name = t.name.trim();
    const twice =
      name && seen.has(name)
        ? `Tag ${i + 1}: the name "${name}" is used twice; give each tag its own name.`
        : undefined;
    seen.add(name);
    set(`tag-${i}`, rowProblem('Tag', t, i) ?? twice);
  });
  extras.headers.forEach((h, i) => set(`header-${i}`, rowProblem('Header', h, i)));
  for (const field of ['sourceArn', 'fromArn', 'returnPathArn'] as ArnField[]) {
    const arn = extras[field].trim();
    if (arn)
      set(
        field,
        rule(() => checkIdentityArn(field, arn, { region, fromAddress })),
      );
  }
  if (extras.raw !== undefined) {
    const raw = extras.raw;
    const head = raw.split(/\r?\n\r?\n/, 1)[0];
    if (!raw.trim()) out.raw = 'Raw message: paste a MIME message or open an .eml file.';
    else if (!/^From:/im.test(head)) out.raw = 'Raw message: the headers have no From: line; SES refuses it.';
  }
  return out;
}

/** "1.2 MB of 40 MB": the attachments' total against SES's message size limit. */
export function attachmentTotal(sizes: readonly number[]): { bytes: number; text: string; tooBig: boolean } {
  expectList(sizes, 'attachmentTotal', 'sizes');
  const bytes = sizes.reduce((a, b) => a + b, 0);
  // Base64 makes each attachment about 4/3 of its size in the message.
  const encoded = Math.ceil(bytes / 3) * 4;
  const tooBig = encoded > EXTRAS_LIMITS.sesMessageBytes;
  const text = `${formatBytes(bytes)} (about ${formatBytes(encoded)} encoded) of SES's 40 MB message limit`;
  return { bytes, text: tooBig ? `${text}: too large, remove some` : text, tooBig };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Only the non-empty tag and header rows. */
export function filledRows<T extends { name: string; value: string }>(rows: readonly T[]): T[] {
  expectList(rows, 'filledRows', 'rows');
  return rows
    .filter((r) => r.name.trim() || r.value.trim())
    .map((r) => ({ ...r, name: r.name.trim(), value: r.value.trim() }));
}
