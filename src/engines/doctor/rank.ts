// Orders the findings by how likely each is THE reason mail does not go out, and writes the
// headline. Each check weighs its own finding; the rules here join what checks see separately
// (a 535 plus an inactive key is the key; a refused connection plus a blocked port is the port).
import type { Finding } from './types';
import { expectList } from '../../base/guards';

const ORDER = { fail: 0, warn: 1, skipped: 2, pass: 3 } as const;

const KEY_CAUSES = new Set(['key-inactive', 'key-not-found', 'key-other-account']);

function boost(findings: Finding[], test: (f: Finding) => boolean, weight: number, note?: string): void {
  for (const f of findings) {
    if (!test(f) || f.weight >= weight) continue;
    f.weight = weight;
    if (note) f.evidence = [...f.evidence, note];
  }
}

export function rankFindings(input: readonly Finding[]): Finding[] {
  expectList(input, 'rankFindings', 'input');
  const findings = input.map((f) => ({ ...f, evidence: [...f.evidence] }));
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
    return (
      `No problem found${skipped ? ` (${skipped} check${skipped > 1 ? 's' : ''} skipped)` : ''}: the login, ` +
      `the account and the identity look right.`
    );
  }
  return top.title;
}
