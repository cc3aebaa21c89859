// The CSV files AWS hands out with credentials: the SES console's credentials.csv ("IAM User Name,
// Smtp Username,Smtp Password", or "User Name,SMTP Username,SMTP Password") and IAM's
// accessKeys.csv ("Access key ID,Secret access key"). Pure parsing: BOM, CRLF and quoted fields
// are handled; a problem is reported with its line and what is wrong, never with a secret in it.
import { classifySmtpPassword, classifySmtpUsername } from '../../../base/password';
import { describeArgument, expectObject, expectString } from '../../../base/guards';

/** Longest file read (a credentials file is a few hundred bytes). */
export const MAX_CSV_BYTES = 64 * 1024;
/** Most credential rows taken from one file. */
export const MAX_CSV_ROWS = 50;

export class CsvError extends Error {
  constructor(
    message: string,
    /** 1-based line of the problem, when there is one. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

export interface SmtpCsvRow {
  kind: 'smtp';
  line: number;
  iamUserName?: string;
  username: string;
  password: string;
}

export interface AccessKeyCsvRow {
  kind: 'access-key';
  line: number;
  iamUserName?: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** A credentials.csv may yield access-key rows too: an IAM secret in its password column, when allowed. */
export type CredentialsCsv =
  { kind: 'smtp'; rows: Array<SmtpCsvRow | AccessKeyCsvRow> } | { kind: 'access-key'; rows: AccessKeyCsvRow[] };

export interface CsvOptions {
  /** An IAM secret access key in the "Smtp Password" column: refused (default) or kept as a key to derive from. */
  secretInPasswordColumn?: 'refuse' | 'derive';
}

/** Splits CSV text into records of fields (RFC 4180: quotes, doubled quotes, CRLF or LF). */
export function splitCsv(text: string): Array<{ line: number; fields: string[] }> {
  expectString(text, 'splitCsv', 'text');
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let wasQuoted = false;
  const end = (): void => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') {
      if (field.trim() !== '' || wasQuoted) throw new CsvError(`Line ${line}: a quote in the middle of a field.`, line);
      field = '';
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') end();
    else if (c === '\r' && text[i + 1] === '\n') continue;
    else if (c === '\n' || c === '\r') {
      end();
      records.push({ line: start, fields });
      fields = [];
      line++;
      start = line;
    } else if (wasQuoted && c !== ' ' && c !== '\t') {
      throw new CsvError(`Line ${line}: text after a closing quote.`, line);
    } else if (!wasQuoted) field += c;
  }
  if (quoted) throw new CsvError(`Line ${start}: a quoted field is not closed.`, start);
  if (field !== '' || fields.length) {
    end();
    records.push({ line: start, fields });
  }
  return records.filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === ''));
}

const norm = (h: string): string => h.trim().toLowerCase().replace(/\s+/g, ' ');

const SMTP_HEADERS = { user: ['iam user name', 'user name'], username: ['smtp username'], password: ['smtp password'] };
const KEY_HEADERS = { user: ['user name', 'iam user name'], id: ['access key id'], secret: ['secret access key'] };

function column(header: string[], names: string[]): number {
  return header.findIndex((h) => names.includes(norm(h)));
}

/** Parses a credentials.csv or accessKeys.csv. Throws CsvError naming the line and the fix. */
export function parseCredentialsCsv(input: string | Buffer, options: CsvOptions = {}): CredentialsCsv {
  if (typeof input !== 'string' && !Buffer.isBuffer(input))
    throw new CsvError(
      `parseCredentialsCsv needs the text or the bytes of the .csv file, not ${describeArgument(input)}.`,
    );
  expectObject(options, 'parseCredentialsCsv', 'options');
  if (Buffer.isBuffer(input) && input.length > MAX_CSV_BYTES) throw tooBig(input.length);
  let text = Buffer.isBuffer(input) ? input.toString('utf8') : input;
  if (text.length > MAX_CSV_BYTES) throw tooBig(text.length);
  if (text.includes('\0'))
    throw new CsvError('The file is not text (it contains NUL bytes); choose the .csv file AWS offered.');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = splitCsv(text);
  if (records.length === 0)
    throw new CsvError('The file is empty; choose the credentials.csv the SES console downloaded.');
  const [head, ...rows] = records;
  const header = head.fields;
  const smtp = { username: column(header, SMTP_HEADERS.username), password: column(header, SMTP_HEADERS.password) };
  const keys = { id: column(header, KEY_HEADERS.id), secret: column(header, KEY_HEADERS.secret) };
  if (smtp.username < 0 && keys.id < 0) {
    throw new CsvError(
      `Line ${head.line}: the header is not one AWS writes. Expected "IAM User Name,Smtp Username,Smtp Password" ` +
        '(SES console) or "Access key ID,Secret access key" (IAM).',
      head.line,
    );
  }
  if (rows.length === 0) throw new CsvError(`The file has a header on line ${head.line} but no credentials below it.`);
  if (rows.length > MAX_CSV_ROWS)
    throw new CsvError(`The file has ${rows.length} rows; at most ${MAX_CSV_ROWS} are taken.`);
  if (smtp.username >= 0) {
    if (smtp.password < 0)
      throw new CsvError(`Line ${head.line}: there is an "Smtp Username" column but no "Smtp Password".`, head.line);
    const user = column(header, SMTP_HEADERS.user);
    return {
      kind: 'smtp',
      rows: rows.map((r) => smtpRow(r.line, r.fields, header.length, [user, smtp.username, smtp.password], options)),
    };
  }
  if (keys.secret < 0)
    throw new CsvError(`Line ${head.line}: there is an "Access key ID" column but no "Secret access key".`, head.line);
  const user = column(header, KEY_HEADERS.user);
  return {
    kind: 'access-key',
    rows: rows.map((r) => keyRow(r.line, r.fields, header.length, user, keys.id, keys.secret)),
  };
}

function tooBig(size: number): CsvError {
  return new CsvError(
    `The file has ${size} bytes; a credentials file from AWS has a few hundred. Choose the right file.`,
  );
}

function cell(fields: string[], i: number): string | undefined {
  return i >= 0 ? fields[i]?.trim() : undefined;
}

function checkWidth(line: number, fields: string[], width: number): void {
  if (fields.length !== width) {
    throw new CsvError(
      `Line ${line}: it has ${fields.length} fields, the header has ${width}. Was a value cut or pasted in?`,
      line,
    );
  }
}

function smtpRow(
  line: number,
  fields: string[],
  width: number,
  [u, un, pw]: [number, number, number],
  options: CsvOptions,
): SmtpCsvRow | AccessKeyCsvRow {
  checkWidth(line, fields, width);
  const rawUser = cell(fields, un) ?? '';
  const user = classifySmtpUsername(rawUser);
  if (user.kind === 'empty') throw new CsvError(`Line ${line}: the SMTP username is empty.`, line);
  if (user.kind !== 'access-key')
    throw new CsvError(`Line ${line}: the SMTP username is not an access key id (AKIA…): ${user.summary}`, line);
  const password = cell(fields, pw) ?? '';
  if (!password) throw new CsvError(`Line ${line}: the SMTP password is empty.`, line);
  const kind = classifySmtpPassword(password).kind;
  if (kind === 'v2')
    throw new CsvError(`Line ${line}: the SMTP password is a legacy version 2 password, which SES refuses.`, line);
  if (kind === 'malformed')
    throw new CsvError(`Line ${line}: the SMTP password is not in the SES form (44 base64 characters).`, line);
  const iamUserName = cell(fields, u) || undefined;
  if (kind === 'iam-secret' && options.secretInPasswordColumn === 'derive') {
    return { kind: 'access-key', line, iamUserName, accessKeyId: user.cleaned, secretAccessKey: password };
  }
  if (kind === 'iam-secret') {
    throw new CsvError(
      `Line ${line}: the "SMTP password" looks like an IAM secret access key, not an SMTP password. ` +
        'Import it as an accessKeys.csv (Access key ID,Secret access key) to derive the password.',
      line,
    );
  }
  return { kind: 'smtp', line, iamUserName, username: user.cleaned, password };
}

function keyRow(line: number, fields: string[], width: number, u: number, id: number, sk: number): AccessKeyCsvRow {
  checkWidth(line, fields, width);
  const accessKeyId = cell(fields, id) ?? '';
  const user = classifySmtpUsername(accessKeyId);
  if (user.kind === 'empty') throw new CsvError(`Line ${line}: the access key id is empty.`, line);
  if (user.kind !== 'access-key')
    throw new CsvError(`Line ${line}: the access key id is not one (AKIA…): ${user.summary}`, line);
  const secretAccessKey = cell(fields, sk) ?? '';
  if (!secretAccessKey) throw new CsvError(`Line ${line}: the secret access key is empty.`, line);
  if (!/^[A-Za-z0-9/+]{40}$/.test(secretAccessKey)) {
    throw new CsvError(`Line ${line}: the secret access key is not 40 characters of letters, digits, / and +.`, line);
  }
  return {
    kind: 'access-key',
    line,
    iamUserName: cell(fields, u) || undefined,
    accessKeyId: user.cleaned,
    secretAccessKey,
  };
}
