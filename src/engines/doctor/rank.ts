// Orders the findings by how likely each is THE reason mail does not go out, and writes the
// headline. Each check weighs its own finding; the rules here join what checks see separately
// (a 535 plus an inactive key is the key; a refused connection plus a blocked port is the port).
// First the findings are reconciled with the evidence: a failure that another check disproves (the
// SMTP login passed, so the key exists and the port is open) becomes a note saying why the check
// could not see it, and findings about the AWS profile's account say nothing once the key is known
// to belong to another account.
import type { Finding } from './types';
import { expectList } from '../../base/guards';

const ORDER = { fail: 0, warn: 1, skipped: 2, pass: 3 } as const;

const KEY_CAUSES = new Set(['key-inactive', 'key-not-found', 'key-other-account']);

/** Notes that say the AWS checks saw another account than the key's. */
const NOT_THE_KEYS_ACCOUNT = new Set(['key-not-visible', 'key-seen-from-other-account']);

function boost(findings: Finding[], test: (f: Finding) => boolean, weight: number, note?: string): void {
  for (const f of findings) {
    if (!test(f) || f.weight >= weight) continue;
    f.weight = weight;
    if (note) f.evidence = [...f.evidence, note];
  }
}

/** Checks that read the AWS profile's account (SES account, identities, suppression list, IAM policies). */
const ACCOUNT_CHECKS = new Set<Finding['check']>(['account', 'identity', 'recipient', 'permission', 'tenant']);

/** A finding turned into a note: never a failure, never ranked above one, never the headline. */
function note(f: Finding, title: string, evidence: string[], fix: string | undefined, cause: string): Finding {
  const out: Finding = { check: f.check, verdict: 'skipped', title, evidence: [...f.evidence, ...evidence], weight: 0 };
  if (fix) out.fix = fix;
  out.cause = cause;
  return out;
}

const maskedKey = (title: string): string => /\bA[KS]IA…[A-Z0-9]{4}\b/.exec(title)?.[0] ?? 'the key';

/** The key lookup against a passing login: the key exists and works, so IAM looked in the wrong place. */
function reconcileKey(f: Finding): Finding {
  const key = maskedKey(f.title);
  if (f.cause === 'key-not-found') {
    const accounts = f.evidence
      .map((e) => /(?:belongs to|is in) account (\d{12})/.exec(e)?.[1])
      .filter((a): a is string => Boolean(a));
    const sameAccount = accounts.length === 2 && accounts[0] === accounts[1];
    return note(
      f,
      sameAccount
        ? `IAM does not find ${key}, yet the SMTP login with it passed and STS places it in the profile's ` +
            `account: it was probably deleted moments ago, and SES will refuse it soon.`
        : `IAM in the AWS profile's account does not know ${key}, yet the SMTP login with it passed: the key ` +
            `belongs to another account than the profile's.`,
      [
        'the SMTP login passed, so SES knows the key and its password',
        sameAccount
          ? 'iam:GetAccessKeyLastUsed answered NoSuchEntity in the account that owns the key'
          : "iam:GetAccessKeyLastUsed only finds keys of the caller's own account; sts:GetAccessKeyInfo would name " +
            'the owner, but it did not answer (the profile may not call it)',
      ],
      sameAccount
        ? 'If the key was deleted on purpose, create a new one and derive the SMTP password from its secret.'
        : "To check the key's user, permissions, identities and sandbox, run the Doctor with an AWS profile of " +
            'the account that owns the key.',
      sameAccount ? 'key-deleted-recently' : 'key-not-visible',
    );
  }
  if (f.cause === 'key-other-account') {
    const [, owner, caller] = /belongs to account (\d{12}), not to the profile's account (\d{12})/.exec(f.title) ?? [];
    return note(
      f,
      `The SMTP login passed with ${key} of account ${owner ?? 'another account'}; the AWS profile is in account ` +
        `${caller ?? 'another account'}, so the profile's SES and IAM checks look at the wrong account.`,
      ['the SMTP login passed, so the key works'],
      `To check identities, sandbox and permissions where the key sends, run the Doctor with an AWS profile of ` +
        `account ${owner ?? 'the key'}.`,
      'key-seen-from-other-account',
    );
  }
  if (f.cause === 'key-inactive')
    return {
      ...f,
      verdict: 'warn',
      title: `IAM lists ${key} as Inactive, yet the SMTP login with it just passed: SES has not caught up yet.`,
      evidence: [...f.evidence, 'the SMTP login passed'],
      fix: 'Logins with this key will soon be refused: make it Active again, or switch to a new key now.',
      weight: 60,
      cause: 'key-inactive-recent',
    };
  if (f.cause === 'needs-permission')
    return {
      ...f,
      evidence: [
        ...f.evidence,
        'the SMTP login passed, so the key works; the AWS profile may not look it up (a restricted caller)',
      ],
    };
  return f;
}

/** The failures a passing login disproves; the rest as they are. */
function reconcile(findings: Finding[]): Finding[] {
  const loginPassed = findings.some((f) => f.check === 'login' && f.verdict === 'pass');
  let out = findings;
  if (loginPassed) {
    out = out.map((f) => {
      if (f.check === 'key') return reconcileKey(f);
      if (f.verdict === 'fail' && f.cause === 'port-blocked') {
        const port = /^Port (\d+)/.exec(f.title)?.[1] ?? 'the port';
        return note(
          f,
          `The probe of port ${port} failed, but the SMTP login on it passed: the port is open (the probe met a ` +
            `flaky network or its time limit).`,
          [`the probe said: ${f.title}`],
          undefined,
          'port-probe-inconclusive',
        );
      }
      if (f.verdict === 'fail' && f.cause === 'endpoint-dns')
        return note(
          f,
          'The host name lookup failed once, but the SMTP login reached the host: the name resolves.',
          [`the lookup said: ${f.title}`],
          undefined,
          'endpoint-dns-inconclusive',
        );
      return f;
    });
  }
  // The key is another account's: what the profile's account says about sending is not evidence.
  const elsewhere = out.some((f) => f.cause === 'key-other-account' || NOT_THE_KEYS_ACCOUNT.has(f.cause ?? ''));
  if (elsewhere) {
    out = out.map((f) =>
      ACCOUNT_CHECKS.has(f.check) && (f.verdict === 'fail' || f.verdict === 'warn')
        ? note(
            f,
            `Not judged: ${f.title}`,
            [
              `seen in the AWS profile's account, but the key belongs to another account, whose SES and IAM ` +
                `settings apply (${f.cause ?? f.check})`,
            ],
            f.fix,
            'other-account-not-judged',
          )
        : f,
    );
  }
  return out;
}

export function rankFindings(input: readonly Finding[]): Finding[] {
  expectList(input, 'rankFindings', 'input');
  const findings = reconcile(input.map((f) => ({ ...f, evidence: [...f.evidence] })));
  const login = findings.find((f) => f.check === 'login' && f.verdict === 'fail');
  const authFailed = Boolean(login && /\(535 /.test(login.title));
  const connectFailed = Boolean(login && login.weight === 60);
  if (authFailed) {
    // A 535 says "this key and password do not work here"; a key that is off, gone or foreign says why.
    boost(
      findings,
      (f) => f.verdict === 'fail' && KEY_CAUSES.has(f.cause ?? ''),
      98,
      'The SMTP login failed with 535, which this explains.',
    );
    boost(
      findings,
      (f) => f.cause === 'identity-other-region',
      96,
      'The SMTP login failed with 535: the password was probably made for the region where the identity is.',
    );
  }
  if (connectFailed) boost(findings, (f) => f.cause === 'port-blocked' || f.cause === 'endpoint-dns', 96);
  return findings.sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict] || b.weight - a.weight);
}

export function headline(ranked: readonly Finding[]): string {
  expectList(ranked, 'headline', 'ranked');
  const top = ranked[0];
  if (!top || top.verdict === 'pass' || top.verdict === 'skipped') {
    const skipped = ranked.filter((f) => f.verdict === 'skipped').length;
    const counted = `No problem found${skipped ? ` (${skipped} check${skipped > 1 ? 's' : ''} skipped)` : ''}`;
    if (ranked.some((f) => NOT_THE_KEYS_ACCOUNT.has(f.cause ?? '')))
      return `${counted}: the SMTP login works; the AWS checks could not look at the key's own account (see the notes).`;
    return `${counted}: the login, the account and the identity look right.`;
  }
  return top.title;
}
