// The Send Test Email form's options beyond From/To/Subject/body, as the webview sends them: CC,
// BCC, Reply-To as typed, the "Advanced" section (configuration set, message tags, custom headers,
// attachments as paths the host picked, sending-authorization ARNs) and raw MIME mode. Checked at
// run time like every message from the page (shape and limits), and checked field by field for the
// messages the form shows under each field (fieldProblems), which clear as the field is fixed.
import type { MailHeader, MessageTag } from '../smtp/mailOptions';

export interface SendExtrasForm {
  /** Recipients as typed, separated like To. */
  cc: string;
  bcc: string;
  replyTo: string;
  configurationSet: string;
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
  tagPart: 256,
  headerName: 76,
  headerValue: 998,
  arn: 2_048,
  configurationSet: 64,
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
    tags: pairs(e.tags, 'tags', L.tagPart, L.tagPart),
    headers: pairs(e.headers, 'headers', L.headerName, L.headerValue),
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
  | 'sourceArn'
  | 'fromArn'
  | 'returnPathArn'
  | 'raw'
  | 'attachments'
  | `tag-${number}`
  | `header-${number}`;

const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/u;
const TAG_PART = /^[A-Za-z0-9_-]+$/;
// RFC 5322 field name: printable ASCII except the colon.
const HEADER_NAME = /^[!-9;-~]+$/;
const RESERVED_HEADER = /^(from|to|cc|bcc|reply-to|subject|date|message-id|mime-version|content-.*|x-ses-.*)$/i;
const ARN = /^arn:aws[a-z-]*:ses:[a-z0-9-]+:\d{12}:identity\/\S+$/;
const CONFIG_SET = /^[A-Za-z0-9_-]{1,64}$/;

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

function arnProblem(label: string, arn: string, region: string | undefined): string | undefined {
  if (!arn.trim()) return undefined;
  if (!ARN.test(arn.trim()))
    return `${label}: not an identity ARN; it looks like arn:aws:ses:eu-west-1:123456789012:identity/example.com.`;
  const arnRegion = arn.trim().split(':')[3];
  if (region && arnRegion !== region)
    return `${label}: the ARN is in ${arnRegion}, but the credentials send in ${region}; use the identity's ARN in ${region}.`;
  return undefined;
}

function pairProblem(kind: 'Tag' | 'Header', row: MessageTag, others: readonly MessageTag[]): string | undefined {
  const name = row.name.trim();
  if (!name && !row.value.trim()) return undefined; // an empty row is ignored
  if (kind === 'Tag') {
    if (!TAG_PART.test(name)) return 'Tag name: letters, digits, - and _ only (at most 256).';
    if (!TAG_PART.test(row.value.trim())) return `Tag ${name}: the value may hold letters, digits, - and _ only.`;
    if (others.some((o) => o.name.trim() === name)) return `Tag ${name} is given twice; SES takes each name once.`;
    return undefined;
  }
  if (!HEADER_NAME.test(name)) return 'Header name: printable characters without spaces or a colon.';
  if (RESERVED_HEADER.test(name))
    return `${name} is set by the form or by SES; use its own field (From, CC, configuration set…).`;
  if (/[\r\n]/.test(row.value)) return `${name}: the value must stay on one line.`;
  return undefined;
}

/**
 * What is wrong with each option, by field, for the messages the form shows under them. Shape
 * checks only (the send path applies SES's full rules and its refusal is shown as the result).
 */
export function fieldProblems(
  extras: SendExtrasForm,
  split: (v: string) => string[],
  region?: string,
): Partial<Record<ExtrasField, string>> {
  const out: Partial<Record<ExtrasField, string>> = {};
  const set = (field: ExtrasField, problem: string | undefined): void => {
    if (problem) out[field] = problem;
  };
  set('cc', recipientProblem('CC', extras.cc, split));
  set('bcc', recipientProblem('BCC', extras.bcc, split));
  set('replyTo', recipientProblem('Reply-To', extras.replyTo, split));
  const cs = extras.configurationSet.trim();
  if (cs && !CONFIG_SET.test(cs))
    out.configurationSet = 'Configuration set: letters, digits, - and _ only, at most 64 characters.';
  extras.tags.forEach((t, i) => set(`tag-${i}`, pairProblem('Tag', t, extras.tags.slice(0, i))));
  extras.headers.forEach((h, i) => set(`header-${i}`, pairProblem('Header', h, [])));
  set('sourceArn', arnProblem('Source ARN', extras.sourceArn, region));
  set('fromArn', arnProblem('From ARN', extras.fromArn, region));
  set('returnPathArn', arnProblem('Return-Path ARN', extras.returnPathArn, region));
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
  return rows
    .filter((r) => r.name.trim() || r.value.trim())
    .map((r) => ({ ...r, name: r.name.trim(), value: r.value.trim() }));
}
