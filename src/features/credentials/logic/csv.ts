// The CSV files AWS hands out with credentials: the SES console's credentials.csv ("IAM User Name,
// Smtp Username,Smtp Password", or "User Name,SMTP Username,SMTP Password") and IAM's
// accessKeys.csv ("Access key ID,Secret access key"). Pure parsing: BOM, CRLF and quoted fields
// are handled; a problem is reported with its line and what is wrong, never with a secret in it.
// The parser itself is in csvParse.ts, which dist/extension.js loads on demand.

/** Longest file read (a credentials file is a few hundred bytes). */
export const MAX_CSV_BYTES = 64 * 1024;
/** Most credential rows taken from one file. */
export const MAX_CSV_ROWS = 50;

/** Marks a CsvError, so `instanceof` holds for one thrown by another bundle's copy (dist/ondemand.js). */
const CSV_ERROR = Symbol.for('ses-smtp-toolkit.CsvError');

export class CsvError extends Error {
  constructor(
    message: string,
    /** 1-based line of the problem, when there is one. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }

  get [CSV_ERROR](): true {
    return true;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && CSV_ERROR in value;
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
