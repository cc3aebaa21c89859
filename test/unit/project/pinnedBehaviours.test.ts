// Behaviours of issue #32 that no test held: each case below was checked to fail when the
// behaviour is broken on purpose (the break is named in each test's comment).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { identityFindings } from '../../../src/engines/doctor/sesAccount';
import { checkPermission } from '../../../src/engines/doctor/permission';
import { lookupKey } from '../../../src/engines/doctor/key';
import { doctorAwsFrom } from '../../../src/engines/doctor/awsPorts';
import { headline, rankFindings, renderMarkdown, type DoctorReport, type Finding } from '../../../src/engines/doctor';
import type { DoctorAws } from '../../../src/engines/doctor/types';
import type { IdentityDetails } from '../../../src/engines/aws/ses';
import { diagnose, type Cause } from '../../../src/engines/smtp/diagnose';
import { summarizeCheck } from '../../../src/engines/smtp/report';
import type { SmtpCheckResult } from '../../../src/engines/smtp/types';
import { validateRegion } from '../../../src/base/regions';
import { referenceSmtpPassword } from '../../support/smtpPasswordV4';
import { leaks, plantedForms } from '../../support/plantedForms';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const identity = (name: string): IdentityDetails => ({
  name,
  type: name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN',
  sendingEnabled: true,
  verificationStatus: 'SUCCESS',
  dkimStatus: 'SUCCESS',
  dkimTokens: [],
});

function fakeAws(over: Partial<DoctorAws>): DoctorAws {
  const no = (): Promise<never> => Promise.reject(new Error('not faked'));
  return {
    callerAccount: async () => ({ account: '111111111111' }),
    accessKeyAccount: async () => '111111111111',
    accessKeyLastUsed: async () => ({ userName: 'smtp-user' }),
    listAccessKeys: async () => [{ id: KEY, status: 'Active' }],
    simulateSend: no,
    userPolicies: no,
    account: no,
    identity: async () => undefined,
    suppressed: async () => undefined,
    ...over,
  };
}

describe("the Doctor's identity-in-another-region fix", () => {
  // Break: `email-smtp.${region}` instead of `${other}` in sesAccount.ts.
  test("names the endpoint of the region where the identity is, not the credentials' region", async () => {
    const aws = {
      identity: async (r: string, n: string) =>
        r === 'ap-southeast-2' && n === 'example.com' ? identity(n) : undefined,
    };
    const [f] = await identityFindings(aws, 'eu-west-1', 'app@example.com', [
      'eu-west-1',
      'us-east-2',
      'ap-southeast-2',
    ]);
    assert.equal(f.cause, 'identity-other-region');
    assert.equal(
      f.fix,
      'SES identities are per region. Send through email-smtp.ap-southeast-2.amazonaws.com with a password derived ' +
        'for ap-southeast-2, or verify example.com in eu-west-1.',
    );
  });
  test('with a 535 the fix says the password was probably made for another region too', async () => {
    const aws = {
      identity: async (r: string, n: string) => (r === 'us-east-2' && n === 'example.com' ? identity(n) : undefined),
    };
    const [f] = await identityFindings(aws, 'eu-west-1', 'app@example.com', ['eu-west-1', 'us-east-2'], true);
    assert.match(
      f.fix ?? '',
      /^SES identities are per region\. Send through email-smtp\.us-east-2\.amazonaws\.com with a password derived for us-east-2 \(the 535 suggests/,
    );
  });
  test('false alarm: the identity verified here (and elsewhere too) is a pass', async () => {
    const aws = { identity: async (_r: string, n: string) => (n === 'example.com' ? identity(n) : undefined) };
    const found = await identityFindings(aws, 'eu-west-1', 'app@example.com', ['eu-west-1', 'us-east-2']);
    assert.deepEqual(
      found.map((f) => [f.verdict, f.title]),
      [['pass', 'example.com is verified in eu-west-1.']],
    );
  });
});

describe("the Doctor's permission finding", () => {
  // Break: `m.SourcePolicyType` instead of `m.SourcePolicyId` in awsPorts.ts.
  const simulating = (decision: string): DoctorAws => {
    const iam = {
      send: async (command: { constructor: { name: string } }) => {
        assert.equal(command.constructor.name, 'SimulatePrincipalPolicyCommand');
        return {
          EvaluationResults: [
            {
              EvalDecision: decision,
              MatchedStatements: [{ SourcePolicyId: 'DenyOutsideExampleCom', SourcePolicyType: 'IAM Policy' }],
            },
          ],
        };
      },
    };
    const real = doctorAwsFrom({
      iam: iam as never,
      ses: () => ({ send: async () => ({}) }) as never,
      sts: {
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:9',
        credentials: async () => ({ accessKeyId: 'x', secretAccessKey: 'y' }),
      },
    });
    return fakeAws({ simulateSend: real.simulateSend });
  };
  test('an explicit Deny names the policy that decided, not its type', async () => {
    const aws = simulating('explicitDeny');
    const [f] = await checkPermission(aws, await lookupKey(aws, KEY), 'eu-west-1', 'app@example.com');
    assert.equal(f.cause, 'explicit-deny');
    assert.equal(
      f.title,
      'An explicit Deny in DenyOutsideExampleCom stops IAM user smtp-user from sending as app@example.com.',
    );
    assert.ok(f.evidence.includes('decided by: DenyOutsideExampleCom'), f.evidence.join(' | '));
    assert.ok(!f.title.includes('IAM Policy'));
  });
  test('false alarm: an allowed simulation is a pass naming nothing as wrong', async () => {
    const aws = simulating('allowed');
    const [f] = await checkPermission(aws, await lookupKey(aws, KEY), 'eu-west-1', 'app@example.com');
    assert.deepEqual(
      [f.verdict, f.title, f.fix],
      ['pass', 'IAM user smtp-user may call ses:SendRawEmail as app@example.com.', undefined],
    );
  });
});

describe('the secret access key given to the Doctor', () => {
  // Break: drop options.secrets from the masked list in markdown.ts.
  test('is masked in its Markdown, in every form, with the SMTP password derived from it', () => {
    const report: DoctorReport = {
      input: { username: KEY, host: 'email-smtp.eu-west-1.amazonaws.com', port: 587, region: 'eu-west-1', aws: true },
      findings: [],
      headline: 'x',
      startedAt: '2026-01-01T00:00:00.000Z',
      totalMs: 1,
      timings: [],
    };
    const derived = referenceSmtpPassword(SECRET, 'eu-west-1');
    for (const form of [...plantedForms(SECRET, KEY), ...plantedForms(derived, KEY)]) {
      const md = renderMarkdown(
        { ...report, findings: [{ check: 'login', verdict: 'fail', title: 't', evidence: [form.text], weight: 1 }] },
        { password: 'BOther+Password/ThatIsNotDerivedFromTheKey00=', secrets: [SECRET] },
      ).replace(/\\([\\`*_[\]<>|])/g, '$1');
      assert.ok(!leaks(md, SECRET) && !leaks(md, derived), `${form.name}: ${md}`);
    }
  });
});

describe('the summary picks the first (most likely) cause', () => {
  // Break: `causes[causes.length - 1]` in report.ts, or `ranked[ranked.length - 1]` in rank.ts.
  const failed: SmtpCheckResult = {
    ok: false,
    host: 'email-smtp.eu-west-1.amazonaws.com',
    port: 587,
    tls: 'starttls',
    phaseReached: 'auth',
    phases: [],
    totalMs: 10,
    transcript: [],
    failure: {
      phase: 'auth',
      code: 'AUTH_FAILED',
      message: 'Invalid login',
      reply: '535 Authentication Credentials Invalid',
      responseCode: 535,
    },
  };
  test('summarizeCheck: the first of the ranked causes', () => {
    const causes = diagnose(failed, {
      username: KEY,
      password: referenceSmtpPassword(SECRET, 'eu-west-1'),
      region: 'eu-west-1',
    });
    assert.ok(causes.length >= 3, 'several causes, so first and last differ');
    assert.equal(
      summarizeCheck(failed, causes),
      `SMTP login failed (535 Authentication Credentials Invalid): ${causes[0].title}`,
    );
    assert.equal(causes[0].id, 'wrong-region');
  });
  test("the Doctor's headline: the top finding after ranking", () => {
    const f = (title: string, verdict: Finding['verdict'], weight: number): Finding => ({
      check: 'login',
      verdict,
      title,
      evidence: [],
      weight,
    });
    const ranked = rankFindings([f('minor', 'warn', 20), f('the cause', 'fail', 90), f('lesser', 'fail', 50)]);
    assert.equal(headline(ranked), 'the cause');
  });
});

describe('the wrong-region diagnosis', () => {
  // Break: compare match.region with known.region (undefined here) or with the host's region mixed up.
  const check = (
    host: string,
  ): {
    ok: false;
    host: string;
    port: number;
    failure: { phase: 'auth'; code: 'AUTH_FAILED'; message: string; reply: string; responseCode: number };
  } => ({
    ok: false,
    host,
    port: 587,
    failure: {
      phase: 'auth',
      code: 'AUTH_FAILED',
      message: 'Invalid login',
      reply: '535 Authentication Credentials Invalid',
      responseCode: 535,
    },
  });
  test('a password made for eu-west-1, used at the eu-central-1 endpoint: certain, naming both', () => {
    const causes = diagnose(check('email-smtp.eu-central-1.amazonaws.com'), {
      username: KEY,
      password: referenceSmtpPassword(SECRET, 'eu-west-1'),
      secretAccessKey: SECRET,
    });
    assert.deepEqual(causes[0], {
      id: 'wrong-region',
      confidence: 'certain',
      title: 'The password was derived for eu-west-1, not eu-central-1.',
      fix: 'Derive the password again for eu-central-1, or send through email-smtp.eu-west-1.amazonaws.com.',
    });
  });
  test("false alarm: the password made for the endpoint's own region is not called the wrong region", () => {
    const causes = diagnose(check('email-smtp.eu-central-1.amazonaws.com'), {
      username: KEY,
      password: referenceSmtpPassword(SECRET, 'eu-central-1'),
      secretAccessKey: SECRET,
    });
    assert.ok(!causes.some((c) => c.id === 'wrong-region'), causes.map((c) => c.id).join());
    assert.equal(causes[0].id, 'key-inactive');
  });
  test('the region meant (known.region) wins over the host when both are given', () => {
    const causes = diagnose(check('email-smtp.eu-central-1.amazonaws.com'), {
      username: KEY,
      password: referenceSmtpPassword(SECRET, 'eu-west-1'),
      secretAccessKey: SECRET,
      region: 'eu-west-1',
    });
    assert.ok(!causes.some((c) => c.id === 'wrong-region'));
    assert.equal(causes[0].id, 'host-region-mismatch');
  });
});

describe('greeting timeouts by port', () => {
  // Break: drop 2465 from the implicit ports in diagnoseConnection.ts.
  const timeout = (port: number): Cause[] =>
    diagnose({
      ok: false,
      host: 'email-smtp.eu-west-1.amazonaws.com',
      port,
      failure: { phase: 'greeting', code: 'TIMEOUT', message: 'Greeting timed out' },
    });
  for (const port of [465, 2465])
    test(`${port} is implicit TLS`, () =>
      assert.deepEqual(timeout(port), [
        {
          id: 'no-greeting',
          confidence: 'likely',
          title: 'The connection opened but the server never sent its greeting.',
          fix: `Port ${port} expects TLS from the first byte: use implicit TLS (secure: true), not STARTTLS.`,
        },
      ]));
  for (const port of [587, 2587, 25])
    test(`${port} is STARTTLS: the advice is the mode switch or a proxy`, () =>
      assert.equal(
        timeout(port)[0].fix,
        'If you connected with implicit TLS to a STARTTLS port (or plain SMTP to 465/2465), switch the TLS mode: ' +
          'STARTTLS on 587/2587/25, implicit TLS on 465/2465. Otherwise a proxy may be holding the connection.',
      ));
});

describe('a refused connection', () => {
  // Break: remove REFUSED from CONNECTION_RULES (the generic "unknown" cause answers then).
  const refused = (port: number): Cause[] =>
    diagnose({
      ok: false,
      host: 'email-smtp.eu-west-1.amazonaws.com',
      port,
      failure: { phase: 'connect', code: 'REFUSED', message: 'Connection refused' },
    });
  test('gets its specific advice', () =>
    assert.deepEqual(refused(587), [
      {
        id: 'nothing-listening',
        confidence: 'likely',
        title: 'Nothing accepted the connection on email-smtp.eu-west-1.amazonaws.com:587.',
        fix:
          'Check the host and port: SES listens on 587 and 2587 (STARTTLS) and on 465 and 2465 (TLS). A local firewall ' +
          'or proxy may also reject the connection.',
      },
    ]));
  test('on port 25 it is the blocked port', () =>
    assert.deepEqual(refused(25), [
      {
        id: 'port-25-blocked',
        confidence: 'likely',
        title: 'Port 25 is blocked or throttled on this network (EC2 and many ISPs do this).',
        fix: 'Use port 587 or 2587 with STARTTLS, or 465/2465 with TLS.',
      },
    ]));
});

describe('"did you mean" ties', () => {
  // Break: `d <= bestDistance` in nearestRegion (the last of equally near regions wins).
  for (const [typo, first, alsoAsNear] of [
    ['us-wst-3', 'us-west-1', 'us-west-2'],
    ['eu-wst-5', 'eu-west-1', 'eu-west-3'],
    ['us-est-3', 'us-east-1', 'us-west-2'],
    ['ap-south', 'ap-south-1', 'ap-south-2'],
  ] as const) {
    test(`${typo}: ${first} (first in the table), not ${alsoAsNear}`, () => {
      const check = validateRegion(typo);
      assert.equal(check.ok, false);
      assert.equal(check.ok ? undefined : check.suggestion, first);
      assert.match(check.ok ? '' : check.message, new RegExp(`Did you mean ${first}\\?$`));
    });
  }
  test('false alarm: a region of the table is accepted, not "corrected"', () => {
    assert.deepEqual(validateRegion('us-west-2'), { ok: true, region: 'us-west-2', known: true });
  });
});
