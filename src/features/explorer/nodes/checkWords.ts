// What a live DNS check found, in a few words a user reads at a glance ("points elsewhere",
// "CNAME chain", "a DKIM1 key is published (2048-bit)"); the check's message says the rest.
import type { RecordCheck } from '../../../core/dns/records';

const VERDICT_WORDS: Record<NonNullable<RecordCheck['verdict']>, string> = {
  exact: 'points to SES',
  chain: 'CNAME chain (reaches SES through other names)',
  'wrong-token': 'points to SES with the wrong token (an old record?)',
  'wrong-zone': 'points to another SES signing zone',
  'appended-domain': 'the domain was appended to the value',
  elsewhere: 'points elsewhere',
  missing: 'missing',
};

const STATUS_WORDS: Record<RecordCheck['status'], string> = {
  pass: 'in place',
  missing: 'missing',
  wrong: 'wrong value',
  error: 'could not be checked',
};

export function checkWords(check: RecordCheck): string {
  const misplaced = check.misplacedAt ? ` (found at ${check.misplacedAt})` : '';
  if (check.verdict) return `${VERDICT_WORDS[check.verdict]}${misplaced}`;
  // Bring Your Own DKIM: the TXT with the public key.
  if (check.record.purpose === 'dkim' && check.record.type === 'TXT') {
    if (check.status === 'pass' && check.keyBits) return `a DKIM1 key is published (${check.keyBits}-bit)`;
    if (check.status === 'wrong' && check.keyBits && check.keyBits < 1024)
      return `a ${check.keyBits}-bit key, too short for SES`;
    if (check.status === 'wrong' && check.keyBits) return `a ${check.keyBits}-bit key that is not the expected one`;
    if (check.status === 'wrong') return 'not a usable DKIM key';
  }
  return `${STATUS_WORDS[check.status]}${misplaced}`;
}

/** The short name of a record for a one-line summary: "DKIM CNAME 2 of 3", "SPF TXT", "MAIL FROM MX". */
export function recordWhat(check: RecordCheck, all: readonly RecordCheck[]): string {
  const r = check.record;
  if (r.purpose === 'dkim') {
    const dkim = all.filter((c) => c.record.purpose === 'dkim');
    return dkim.length > 1 ? `DKIM ${r.type} ${dkim.indexOf(check) + 1} of ${dkim.length}` : `DKIM ${r.type}`;
  }
  return `${r.purpose === 'mail-from-mx' ? 'MAIL FROM' : r.purpose.toUpperCase()} ${r.type}`;
}
