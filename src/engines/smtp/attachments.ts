// Attachments of a test mail, checked before composing: the file exists and can be read, its type
// is not one SES refuses, and the whole message stays under SES's 40 MB limit once base64 grows
// it. Plain Node (fs), no nodemailer.
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describeType } from './input';
import type { MailAttachment } from './mailOptions';
import { MailExtrasError } from './mailRules';
import { expectNumber, expectString } from '../../base/guards';

/** SES's maximum message size, after encoding, headers and attachments included. */
export const SES_MAX_MESSAGE_BYTES = 40 * 1024 * 1024;
export const MAX_ATTACHMENTS = 50;

/** File extensions SES refuses (Developer Guide, "Amazon SES unsupported attachment types"). */
export const SES_BLOCKED_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'ade adp app asp bas bat cer chm cmd com cpl crt csh der exe fxp gadget hlp hta inf ins isp its js jse ksh ' +
    'lib lnk mad maf mag mam maq mar mas mat mau mav maw mda mdb mde mdt mdw mdz msc msh msh1 msh2 mshxml ' +
    'msh1xml msh2xml msi msp mst ops pcd pif plg prf prg reg scf scr sct shb shs sys ps1 ps1xml ps2 ps2xml psc1 ' +
    'psc2 tmp url vb vbe vbs vps vsmacros vss vst vsw vxd ws wsc wsf wsh xnk'
  ).split(' '),
);

/** Bytes after base64 with 76-character lines (CRLF after each), as MIME writes it. */
export function base64Size(bytes: number): number {
  const encoded = Math.ceil(bytes / 3) * 4;
  return encoded + Math.ceil(encoded / 76) * 2;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The extension SES would refuse in a file name, or undefined. Trailing dots and spaces do not hide
 * it (Windows drops them: "x.exe." opens as x.exe), and a name that is only the extension (".exe")
 * counts as one.
 */
export function blockedExtension(filename: string): string | undefined {
  expectString(filename, 'blockedExtension', 'filename');
  if (typeof filename !== 'string') throw new Error(`A file name must be text, not ${describeType(filename)}.`);
  const base = path.basename(filename.replace(/\\/g, '/')).replace(/[. ]+$/, '');
  const dot = base.lastIndexOf('.');
  const ext = dot >= 0 ? base.slice(dot + 1).toLowerCase() : '';
  return ext && SES_BLOCKED_EXTENSIONS.has(ext) ? ext : undefined;
}

export interface CheckedAttachment extends MailAttachment {
  filename: string;
  /** The file's size on disk. */
  bytes: number;
  /** Its size in the message after base64. */
  encodedBytes: number;
}

/**
 * A size over a limit, in exact bytes as well as rounded, and by how much: near the limit both
 * round to the same figure ("40.0 MB; at most 40.0 MB" would contradict itself).
 */
export function overLimit(bytes: number, maxBytes: number): string {
  expectNumber(bytes, 'overLimit', 'bytes');
  expectNumber(maxBytes, 'overLimit', 'maxBytes');
  const exact = (n: number): string => `${n.toLocaleString('en-US')} byte${n === 1 ? '' : 's'}`;
  const rounded = maxBytes >= 1024 ? ` (${formatBytes(maxBytes)})` : '';
  return `${exact(bytes)}, ${exact(bytes - maxBytes)} more than SES's limit of ${exact(maxBytes)}${rounded}`;
}

/** "The message would be 41,944,038 bytes after base64 encoding, 998 bytes more than SES's limit …" or undefined. */
export function sizeProblem(totalBytes: number, attachments: readonly CheckedAttachment[] = []): string | undefined {
  if (typeof totalBytes !== 'number' || !Number.isFinite(totalBytes) || totalBytes < 0)
    throw new Error(`The message size must be a number of bytes, not ${describeType(totalBytes)}.`);
  if (!Array.isArray(attachments)) throw new Error(`The attachments must be a list, not ${describeType(attachments)}.`);
  if (totalBytes <= SES_MAX_MESSAGE_BYTES) return undefined;
  const largest = [...attachments].sort((a, b) => b.bytes - a.bytes)[0];
  return (
    `After base64 encoding, the message would be ${overLimit(totalBytes, SES_MAX_MESSAGE_BYTES)}. ` +
    (largest
      ? `Remove or shrink an attachment (the largest is ${largest.filename}, ${formatBytes(largest.bytes)}).`
      : 'Send a smaller message.')
  );
}

/**
 * Checks each attachment (absolute path, a readable file, a type SES takes) and the message's
 * size: `otherBytes` is the rest of the message (headers and body). Throws MailExtrasError.
 */
export async function checkAttachments(
  list: unknown,
  otherBytes = 0,
): Promise<{ attachments: CheckedAttachment[]; totalBytes: number }> {
  if (list === undefined || list === null) return { attachments: [], totalBytes: otherBytes };
  if (!Array.isArray(list))
    throw new MailExtrasError('attachments', `Attachments must be a list of {path}, not ${describeType(list)}.`);
  if (list.length > MAX_ATTACHMENTS)
    throw new MailExtrasError(
      'attachments',
      `${list.length} attachments; a test mail takes at most ${MAX_ATTACHMENTS}.`,
    );
  const out: CheckedAttachment[] = [];
  for (const [i, item] of list.entries()) {
    const where = `Attachment ${i + 1}`;
    if (!item || typeof item !== 'object' || Array.isArray(item))
      throw new MailExtrasError(
        'attachments',
        `${where} must be {path, filename?, contentType?}, not ${describeType(item)}.`,
      );
    const a = item as Record<string, unknown>;
    if (typeof a.path !== 'string' || !a.path.trim())
      throw new MailExtrasError('attachments', `${where}: the path is empty; pick a file.`);
    const file = a.path;
    if (!path.isAbsolute(file))
      throw new MailExtrasError(
        'attachments',
        `${where}: "${file}" is not an absolute path; give the full path of the file.`,
      );
    if (
      a.filename !== undefined &&
      (typeof a.filename !== 'string' || !a.filename.trim() || /[\r\n/\\]/.test(a.filename))
    )
      throw new MailExtrasError('attachments', `${where}: the file name must be a plain name such as report.pdf.`);
    if (
      a.contentType !== undefined &&
      (typeof a.contentType !== 'string' || !/^[\w.+-]+\/[\w.+-]+$/.test(a.contentType))
    )
      throw new MailExtrasError(
        'attachments',
        `${where}: the content type must be a MIME type such as application/pdf, or left out to be guessed.`,
      );
    const filename = (a.filename as string | undefined)?.trim() || path.basename(file);
    const ext = blockedExtension(filename);
    if (ext)
      throw new MailExtrasError(
        'attachments',
        `${where}: SES refuses .${ext} attachments (${filename}), a type it blocks as a common attack vector. ` +
          'Zip it or rename it with another extension if the recipient expects it.',
      );
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      throw new MailExtrasError('attachments', `${where}: ${file} does not exist; pick the file again.`);
    }
    if (!stat.isFile())
      throw new MailExtrasError('attachments', `${where}: ${file} is not a file (a folder?); pick a file.`);
    try {
      await fs.access(file, constants.R_OK);
    } catch {
      throw new MailExtrasError('attachments', `${where}: ${file} cannot be read (permissions); allow reading it.`);
    }
    out.push({
      path: file,
      filename,
      ...(a.contentType ? { contentType: a.contentType as string } : {}),
      bytes: stat.size,
      encodedBytes: base64Size(stat.size) + 200, // plus the part's own headers
    });
  }
  const totalBytes = otherBytes + out.reduce((n, a) => n + a.encodedBytes, 0);
  const problem = sizeProblem(totalBytes, out);
  if (problem) throw new MailExtrasError('attachments', problem);
  return { attachments: out, totalBytes };
}
