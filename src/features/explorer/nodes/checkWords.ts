// What a live DNS check found, in a few words a user reads at a glance ("points elsewhere",
// "CNAME chain", "a DKIM1 key is published (2048-bit)"); the check's message says the rest.
import type { RecordCheck } from '../../../engines/dns/check';
import { l10n } from './l10n';

function verdictWords(verdict: NonNullable<RecordCheck['verdict']>): string {
  const words: Record<NonNullable<RecordCheck['verdict']>, string> = {
    exact: l10n.t('points to SES'),
    chain: l10n.t('CNAME chain (reaches SES through other names)'),
    'wrong-token': l10n.t('points to SES with the wrong token (an old record?)'),
    'wrong-zone': l10n.t('points to another SES signing zone'),
    'appended-domain': l10n.t('the domain was appended to the value'),
    elsewhere: l10n.t('points elsewhere'),
    missing: l10n.t('missing'),
  };
  return words[verdict];
}

function statusWords(status: RecordCheck['status']): string {
  const words: Record<RecordCheck['status'], string> = {
    pass: l10n.t('in place'),
    missing: l10n.t('missing'),
    wrong: l10n.t('wrong value'),
    error: l10n.t('could not be checked'),
  };
  return words[status];
}

export function checkWords(check: RecordCheck): string {
  const misplaced = (words: string): string =>
    check.misplacedAt ? l10n.t('{0} (found at {1})', words, check.misplacedAt) : words;
  if (check.verdict) return misplaced(verdictWords(check.verdict));
  // Bring Your Own DKIM: the TXT with the public key.
  if (check.record.purpose === 'dkim' && check.record.type === 'TXT') {
    if (check.status === 'pass' && check.keyBits) return l10n.t('a DKIM1 key is published ({0}-bit)', check.keyBits);
    if (check.status === 'wrong' && check.keyBits && check.keyBits < 1024)
      return l10n.t('a {0}-bit key, too short for SES', check.keyBits);
    if (check.status === 'wrong' && check.keyBits)
      return l10n.t('a {0}-bit key that is not the expected one', check.keyBits);
    if (check.status === 'wrong') return l10n.t('not a usable DKIM key');
  }
  return misplaced(statusWords(check.status));
}

/** The short name of a record for a one-line summary: "DKIM CNAME 2 of 3", "SPF TXT", "MAIL FROM MX". */
export function recordWhat(check: RecordCheck, all: readonly RecordCheck[]): string {
  const r = check.record;
  if (r.purpose === 'dkim') {
    const dkim = all.filter((c) => c.record.purpose === 'dkim');
    return dkim.length > 1
      ? l10n.t('DKIM {0} {1} of {2}', r.type, dkim.indexOf(check) + 1, dkim.length)
      : `DKIM ${r.type}`;
  }
  return `${r.purpose === 'mail-from-mx' ? 'MAIL FROM' : r.purpose.toUpperCase()} ${r.type}`;
}
