// The Doctor never contradicts its own evidence (issue #31, item 4): a key lookup that a passing
// login disproves becomes a note (never the headline), findings about the profile's account say
// nothing once the key is another account's, the recipient asked about always appears (or why it
// was skipped), and for a host that is not SES only its own port is judged. The findings come from
// the real rules (doctorCases.ts) or from runDoctor over fake ports: no network, no AWS.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { runDoctor } from '../../../../src/engines/doctor';
import { headline, rankFindings } from '../../../../src/engines/doctor/rank';
import { renderMarkdown } from '../../../../src/engines/doctor/markdown';
import type { DoctorAws, DoctorInput, DoctorPorts, Finding } from '../../../../src/engines/doctor/types';
import type { SmtpCheckResult } from '../../../../src/engines/smtp/types';
import { DOCTOR_CASES, KEY } from './adviceCases';

const named = (name: string, message = name): Error => Object.assign(new Error(message), { name });
const denied = named('AccessDenied', 'User: x is not authorized to perform: y');
const errno = (code: string): Error => Object.assign(new Error(code), { code });

const cases = async (...names: string[]): Promise<Finding[]> => {
  const out: Finding[] = [];
  for (const n of names) {
    assert.ok(DOCTOR_CASES[n], n);
    out.push(...(await DOCTOR_CASES[n]()));
  }
  return out;
};
const byCause = (ranked: Finding[], cause: string): Finding | undefined => ranked.find((f) => f.cause === cause);
const fails = (ranked: Finding[]): string[] => ranked.filter((f) => f.verdict === 'fail').map((f) => f.cause ?? '');

describe('a key lookup against the SMTP login', () => {
  test('login passed + key not found (STS not allowed): a note naming another account, never the headline', async () => {
    const ranked = rankFindings(
      await cases('login: accepted', 'key: not found, STS not allowed', 'account: production'),
    );
    const note = byCause(ranked, 'key-not-visible');
    assert.ok(note, ranked.map((f) => f.cause).join());
    assert.equal(note.verdict, 'skipped');
    assert.equal(note.weight, 0);
    assert.match(
      note.title,
      /does not know AKIA…MPLE, yet the SMTP login with it passed: the key belongs to another account/,
    );
    assert.match(note.fix!, /AWS profile of the account that owns the key/);
    assert.ok(note.evidence.some((e) => /sts:GetAccessKeyInfo would name the owner/.test(e)));
    assert.deepEqual(fails(ranked), []);
    assert.equal(byCause(ranked, 'key-not-found'), undefined);
    assert.doesNotMatch(headline(ranked), /does not exist/);
    assert.match(
      headline(ranked),
      /^No problem found .*the SMTP login works; the AWS checks could not look at the key's own account/,
    );
  });

  test("login passed + key not found while STS places it in the profile's account: deleted moments ago", async () => {
    const ranked = rankFindings(await cases('login: accepted', 'key: not found'));
    const note = byCause(ranked, 'key-deleted-recently');
    assert.ok(note, ranked.map((f) => f.cause).join());
    assert.equal(note.verdict, 'skipped');
    assert.match(note.title, /STS places it in the profile's account: it was probably deleted moments ago/);
    assert.deepEqual(fails(ranked), []);
  });

  test('near miss: login failed with 535 + key not found is still the failure, first', async () => {
    const ranked = rankFindings(await cases('login: 535 with the access key', 'key: not found, STS not allowed'));
    assert.equal(ranked[0].cause, 'key-not-found');
    assert.equal(ranked[0].verdict, 'fail');
    assert.equal(ranked[0].weight, 98);
    assert.match(headline(ranked), /does not exist in this account/);
  });

  test('near miss: the login could not connect + key not found is still a failure', async () => {
    const ranked = rankFindings(await cases('login: refused', 'key: not found, STS not allowed'));
    assert.equal(byCause(ranked, 'key-not-found')?.verdict, 'fail');
    assert.equal(byCause(ranked, 'key-not-visible'), undefined);
  });

  test('near miss: no login verdict (it timed out) + key not found is still a failure', async () => {
    const timedOut: Finding = {
      check: 'login',
      verdict: 'warn',
      title: 'The SMTP login check did not finish within 45 s.',
      evidence: [],
      weight: 12,
      cause: 'timeout',
    };
    const ranked = rankFindings([timedOut, ...(await cases('key: not found, STS not allowed'))]);
    assert.equal(ranked[0].cause, 'key-not-found');
  });

  test("login passed + another account's key: a note, and the profile's account findings are not judged", async () => {
    const ranked = rankFindings(
      await cases(
        'login: accepted',
        "key: another account's",
        'identity: nowhere',
        'account: sandbox',
        'recipient: not verified in the sandbox',
        'dns: all in place',
      ),
    );
    const note = byCause(ranked, 'key-seen-from-other-account');
    assert.ok(note, ranked.map((f) => f.cause).join());
    assert.equal(note.verdict, 'skipped');
    assert.match(note.title, /of account 222222222222; the AWS profile is in account 111111111111/);
    assert.deepEqual(fails(ranked), []);
    assert.equal(ranked.filter((f) => f.verdict === 'warn').length, 0, 'the sandbox warning is not judged either');
    const notJudged = ranked.filter((f) => f.cause === 'other-account-not-judged');
    assert.deepEqual(notJudged.map((f) => f.check).sort(), ['account', 'identity', 'recipient']);
    for (const f of notJudged) {
      assert.match(f.title, /^Not judged: /);
      assert.ok(f.evidence.some((e) => /the key belongs to another account/.test(e)));
    }
    assert.equal(byCause(ranked, 'dns-records'), undefined);
    assert.match(headline(ranked), /could not look at the key's own account/);
  });

  test("near miss: login failed with 535 + another account's key: the key stays first; the profile's identity is not judged", async () => {
    const ranked = rankFindings(
      await cases('login: 535 with the access key', "key: another account's", 'identity: only in another region'),
    );
    assert.equal(ranked[0].cause, 'key-other-account');
    assert.equal(ranked[0].verdict, 'fail');
    const identity = ranked.find((f) => f.check === 'identity')!;
    assert.equal(identity.cause, 'other-account-not-judged');
    assert.equal(identity.verdict, 'skipped');
  });

  test('near miss: the same account (login passed, key found): the account findings stay judged', async () => {
    const ranked = rankFindings(await cases('login: accepted', 'key: active, used before', 'identity: nowhere'));
    assert.deepEqual(fails(ranked), ['identity-not-verified']);
    assert.match(headline(ranked), /^Neither app@example\.com nor example\.com is an SES identity/);
  });

  test('login passed + key listed Inactive: a warning that SES has not caught up, below a real failure', async () => {
    const ranked = rankFindings(await cases('login: accepted', 'key: inactive', 'identity: nowhere'));
    assert.equal(ranked[0].cause, 'identity-not-verified');
    const key = byCause(ranked, 'key-inactive-recent');
    assert.ok(key);
    assert.equal(key.verdict, 'warn');
    assert.match(key.title, /IAM lists AKIA…MPLE as Inactive, yet the SMTP login with it just passed/);
  });

  test('near miss: login failed with 535 + key Inactive: the key is the failure', async () => {
    const ranked = rankFindings(await cases('login: 535 with the access key', 'key: inactive'));
    assert.equal(ranked[0].cause, 'key-inactive');
    assert.equal(ranked[0].verdict, 'fail');
  });

  test('login passed + the key lookup denied: still skipped, with the reason why it could not see the key', async () => {
    const ranked = rankFindings(await cases('login: accepted', 'key: STS not allowed'));
    const skipped = ranked.filter((f) => f.check === 'key' && f.cause === 'needs-permission');
    assert.ok(skipped.length);
    for (const f of skipped)
      assert.ok(
        f.evidence.some((e) => /a restricted caller/.test(e)),
        f.title,
      );
  });
});

describe('the network against the SMTP login', () => {
  test('login passed on the port the probe called blocked: a note, not a failure', async () => {
    const ranked = rankFindings(await cases('login: accepted', 'ports: nothing reachable'));
    const note = byCause(ranked, 'port-probe-inconclusive');
    assert.ok(note);
    assert.equal(note.verdict, 'skipped');
    assert.match(note.title, /^The probe of port 587 failed, but the SMTP login on it passed/);
    assert.deepEqual(fails(ranked), []);
  });

  test('near miss: login refused + port blocked: the port is the failure, first', async () => {
    const ranked = rankFindings(await cases('login: refused', 'ports: nothing reachable'));
    assert.equal(ranked[0].cause, 'port-blocked');
    assert.equal(ranked[0].verdict, 'fail');
  });

  test('login passed although the name lookup failed: a note', async () => {
    const ranked = rankFindings(await cases('login: accepted', 'endpoint: does not resolve'));
    assert.equal(byCause(ranked, 'endpoint-dns-inconclusive')?.verdict, 'skipped');
    assert.deepEqual(fails(ranked), []);
  });

  test('near miss: the login failed and the name does not resolve: the name is the failure', async () => {
    const ranked = rankFindings(await cases('login: refused', 'endpoint: does not resolve'));
    assert.equal(ranked[0].cause, 'endpoint-dns');
  });
});

// runDoctor over fake ports: the whole run, as the command gives it its input.
const SES_HOST = 'email-smtp.eu-west-1.amazonaws.com';

function fakePorts(over: Partial<DoctorPorts> = {}, aws?: Partial<DoctorAws>, open: number[] = [587]): DoctorPorts {
  const result = (ok: boolean): SmtpCheckResult => ({
    ok,
    host: SES_HOST,
    port: 587,
    tls: 'starttls',
    phaseReached: ok ? 'quit' : 'connect',
    phases: [{ phase: 'connect', ms: 1, ok }],
    totalMs: 1,
    transcript: [],
    ...(ok ? {} : { failure: { phase: 'connect', code: 'REFUSED', message: 'Connection refused' } }),
  });
  const no = (): Promise<never> => Promise.reject(denied);
  return {
    login: async (o) => result(open.includes(o.port)),
    aws: aws
      ? {
          callerAccount: async () => ({ account: '111111111111' }),
          accessKeyAccount: async () => '111111111111',
          accessKeyLastUsed: async () => ({ userName: 'smtp-user' }),
          listAccessKeys: async () => [{ id: KEY, status: 'Active' }],
          simulateSend: async () => ({ decision: 'allowed', policies: [] }),
          userPolicies: no,
          account: async () => ({ available: true, sandbox: false, sendingEnabled: true }),
          identity: async () => undefined,
          suppressed: async () => undefined,
          ...aws,
        }
      : undefined,
    dns: async () => [],
    resolve: async () => ['192.0.2.1'],
    connect: async (_h, port) => {
      if (open.includes(port)) return 1;
      throw errno('ETIMEDOUT');
    },
    certificate: async () => ({ subject: 'CN=x', issuer: 'CN=Amazon', altNames: [], trusted: true }),
    regions: ['eu-west-1'],
    ...over,
  };
}

const doctorInput = (over: Partial<DoctorInput> = {}): DoctorInput => ({
  username: KEY,
  password: 'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5',
  region: 'eu-west-1',
  host: SES_HOST,
  port: 587,
  tls: 'starttls',
  aws: true,
  ...over,
});

const recipients = (findings: Finding[]): Finding[] => findings.filter((f) => f.check === 'recipient');

describe('the recipient asked about always appears', () => {
  test('with a profile and a region: its checks are in the report', async () => {
    const r = await runDoctor(doctorInput({ to: ['you@example.org'] }), fakePorts({}, {}));
    assert.deepEqual(
      recipients(r.findings).map((f) => [f.verdict, f.title]),
      [['pass', 'you@example.org is not suppressed.']],
    );
  });

  test('without an AWS profile: a skipped finding names the recipient and why; the simulator still passes', async () => {
    const to = ['you@example.org', 'success@simulator.amazonses.com'];
    const r = await runDoctor(doctorInput({ to, aws: false }), fakePorts());
    const found = recipients(r.findings);
    assert.deepEqual(
      found.map((f) => [f.verdict, f.cause ?? '', f.title]),
      [
        [
          'skipped',
          'no-profile',
          'skipped: you@example.org (suppression list, sandbox verification): needs an AWS profile (for ' +
            'ses:GetSuppressedDestination)',
        ],
        ['pass', '', 'success@simulator.amazonses.com is the mailbox simulator.'],
      ],
    );
    assert.match(renderMarkdown(r, { password: 'x' }), /- To: you@example\.org, success@simulator\.amazonses\.com/);
  });

  test('near miss: without an AWS profile and without a recipient, no recipient finding', async () => {
    const r = await runDoctor(doctorInput({ aws: false }), fakePorts());
    assert.deepEqual(recipients(r.findings), []);
  });

  test('with a profile but no region (a custom host): skipped, saying the region is unknown', async () => {
    const r = await runDoctor(
      doctorInput({ to: ['you@example.org'], region: undefined, host: 'smtp.example.com' }),
      fakePorts({}, {}),
    );
    const [x, ...rest] = recipients(r.findings);
    assert.equal(rest.length, 0);
    assert.equal(x.verdict, 'skipped');
    assert.equal(x.cause, 'no-region');
    assert.match(x.title, /you@example\.org .*the SES region is unknown \(smtp\.example\.com is not an SES endpoint/);
  });

  test('ses:GetAccount denied: the suppression list is still read, and the sandbox check says why it was not made', async () => {
    const r = await runDoctor(
      doctorInput({ to: ['gone@example.org'] }),
      fakePorts({}, { account: () => Promise.reject(denied), suppressed: async () => ({ reason: 'BOUNCE' }) }),
    );
    const found = recipients(r.findings);
    assert.deepEqual(found.map((f) => f.cause).sort(), ['sandbox-unknown', 'suppressed']);
    assert.match(
      found.find((f) => f.cause === 'sandbox-unknown')!.title,
      /Sandbox verification of gone@example\.org not checked: .*\(needs ses:GetAccount\)/,
    );
    assert.equal(r.findings[0].cause, 'suppressed');
  });

  test('the sandbox and the identity lookup denied: the pass does not claim the recipient is verified', async () => {
    const r = await runDoctor(
      doctorInput({ to: ['you@example.org'] }),
      fakePorts(
        {},
        {
          account: async () => ({ available: true, sandbox: true, sendingEnabled: true }),
          identity: () => Promise.reject(denied),
        },
      ),
    );
    const found = recipients(r.findings);
    assert.ok(
      found.some((f) => f.title === 'you@example.org is not suppressed.'),
      found.map((f) => f.title).join('\n'),
    );
    assert.ok(found.some((f) => f.evidence.includes('the sandbox verification of you@example.org was not checked')));
  });
});

describe('a custom host: only its own port is judged', () => {
  // run.ts hands the SES port list to every run; a relay's other ports are none of its business.
  const sesList = [587, 2587, 465, 2465, 25].map((port) => ({ port }));

  test('a relay on 2525: only 2525 probed, passing, the SES ports named as not checked', async () => {
    const probed: number[] = [];
    const ports = fakePorts({}, undefined, [2525]);
    const connect = ports.connect;
    ports.connect = (h, p, ms, s) => {
      probed.push(p);
      return connect(h, p, ms, s);
    };
    const r = await runDoctor(
      doctorInput({ host: 'smtp.example.com', region: undefined, port: 2525, ports: sesList, aws: false }),
      ports,
    );
    assert.deepEqual(probed, [2525]);
    const x = r.findings.find((f) => f.check === 'ports')!;
    assert.equal(x.verdict, 'pass');
    assert.equal(x.title, 'Port 2525 on smtp.example.com is reachable.');
    assert.ok(
      x.evidence.includes(
        'other SES ports (587, 2587, 465, 2465, 25) not checked: smtp.example.com is not an SES SMTP endpoint',
      ),
    );
    assert.ok(!r.findings.some((f) => /blocked/.test(f.title)), r.findings.map((f) => f.title).join('\n'));
  });

  test('a relay on 587 with the SES ports closed: no warning about 2587, 465, 2465 or 25', async () => {
    const r = await runDoctor(
      doctorInput({ host: 'relay.example.com', region: undefined, ports: sesList, aws: false }),
      fakePorts(),
    );
    const x = r.findings.find((f) => f.check === 'ports')!;
    assert.equal(x.verdict, 'pass');
    assert.equal(x.cause, undefined);
  });

  test('a relay whose own port does not answer: a failure about that port only', async () => {
    const r = await runDoctor(
      doctorInput({ host: 'relay.example.com', region: undefined, port: 2525, ports: sesList, aws: false }),
      fakePorts({}, undefined, []),
    );
    const x = r.findings.find((f) => f.check === 'ports')!;
    assert.equal(x.verdict, 'fail');
    assert.equal(x.cause, 'port-blocked');
    assert.equal(
      x.title,
      'Port 2525 on relay.example.com cannot be reached from here: no answer (a firewall drops it).',
    );
    assert.doesNotMatch(x.fix!, /Use port/);
  });

  test('near miss: the SES endpoint with 25 closed still names 25 (every SES port judged)', async () => {
    const r = await runDoctor(
      doctorInput({ ports: sesList, aws: false }),
      fakePorts({}, undefined, [587, 2587, 465, 2465]),
    );
    const x = r.findings.find((f) => f.check === 'ports')!;
    assert.equal(x.cause, 'other-port-blocked');
    assert.match(x.title, /^Port 25 blocked from here; port 587 works/);
  });

  test('near miss: an SES VPC endpoint counts as SES', async () => {
    const r = await runDoctor(
      doctorInput({ host: 'vpce-0a1b2c3d.email-smtp.eu-west-1.vpce.amazonaws.com', ports: sesList, aws: false }),
      fakePorts({}, undefined, [587, 2587, 465, 2465]),
    );
    assert.equal(r.findings.find((f) => f.check === 'ports')!.cause, 'other-port-blocked');
  });

  test('near miss: SES ports mapped to local servers (via) stand in for SES and are all judged', async () => {
    const mapped = [587, 2587, 465, 2465, 25].map((port) => ({ port, via: port + 40000 }));
    const r = await runDoctor(
      doctorInput({ host: '127.0.0.1', region: undefined, ports: mapped, loginVia: 40587, aws: false }),
      fakePorts({}, undefined, [40587, 42587, 40465, 42465]),
    );
    const x = r.findings.find((f) => f.check === 'ports')!;
    assert.equal(x.cause, 'other-port-blocked');
    assert.match(x.title, /^Port 25 blocked/);
  });
});
