// The doctor's runner (time limits, cancellation, errors as findings), ranker and Markdown report
// (no secret in any form; the username as AKIA…XXXX).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  headline,
  maskText,
  rankFindings,
  renderMarkdown,
  type DoctorReport,
  type Finding,
} from '../../../../src/engines/doctor';
import { runChecks } from '../../../../src/engines/doctor/runner';
import { redactSecrets } from '../../../../src/engines/smtp/redact';

const f = (over: Partial<Finding>): Finding => ({
  check: 'login',
  verdict: 'pass',
  title: 't',
  evidence: [],
  weight: 0,
  ...over,
});

describe('doctor runner', () => {
  test('runs checks side by side; a slow one times out alone, a throwing one becomes a warning', async () => {
    const started = Date.now();
    const out = await runChecks([
      {
        check: 'login',
        label: 'slow',
        timeoutMs: 100,
        run: (s) =>
          new Promise((r) => s.addEventListener('abort', () => r([]))).then(
            () => new Promise<Finding[]>(() => undefined),
          ),
      },
      { check: 'ports', label: 'quick', timeoutMs: 1000, run: async () => [f({ check: 'ports', title: 'ok' })] },
      {
        check: 'key',
        label: 'broken',
        timeoutMs: 1000,
        run: async () => Promise.reject(new Error('boom\nsecond line')),
      },
    ]);
    assert.ok(Date.now() - started < 900, 'the time limit ended the slow check');
    assert.deepEqual(
      out.findings.map((x) => [x.check, x.verdict, x.title]),
      [
        ['login', 'warn', 'The slow check did not finish within 0.1 s.'],
        ['ports', 'pass', 'ok'],
        ['key', 'warn', 'The broken check could not run: boom'],
      ],
    );
    assert.equal(out.timings.find((t) => t.check === 'slow')?.timedOut, true);
  });

  test('cancelling the run skips what is still running, and the signal reaches the checks', async () => {
    const controller = new AbortController();
    let sawAbort = false;
    const running = runChecks(
      [
        {
          check: 'login',
          label: 'login',
          timeoutMs: 5000,
          run: (s) =>
            new Promise((_, reject) =>
              s.addEventListener('abort', () => {
                sawAbort = true;
                reject(Object.assign(new Error('x'), { name: 'AbortError' }));
              }),
            ),
        },
      ],
      controller.signal,
    );
    setTimeout(() => controller.abort(), 20);
    const out = await running;
    assert.equal(sawAbort, true);
    assert.deepEqual(
      out.findings.map((x) => [x.verdict, x.title]),
      [['skipped', 'The login check was cancelled.']],
    );
  });
});

describe('doctor ranker', () => {
  test('fails first by weight, then warnings, skipped, passes', () => {
    const ranked = rankFindings([
      f({ title: 'p' }),
      f({ verdict: 'warn', weight: 90, title: 'w' }),
      f({ verdict: 'fail', weight: 40, title: 'f40' }),
      f({ verdict: 'skipped', title: 's' }),
      f({ verdict: 'fail', weight: 80, title: 'f80' }),
    ]);
    assert.deepEqual(
      ranked.map((x) => x.title),
      ['f80', 'f40', 'w', 's', 'p'],
    );
    assert.equal(headline(ranked), 'f80');
  });

  test('a 535 plus an inactive key: the key is the cause, above the generic login diagnosis', () => {
    const ranked = rankFindings([
      f({
        check: 'login',
        verdict: 'fail',
        weight: 70,
        title:
          'SMTP login failed at h:587 (535 Authentication Credentials Invalid): The password may have been derived ' +
          'for another region',
        cause: 'wrong-region',
      }),
      f({ check: 'key', verdict: 'fail', weight: 95, title: 'The key is Inactive', cause: 'key-inactive' }),
      f({ check: 'identity', verdict: 'fail', weight: 92, title: 'elsewhere', cause: 'identity-other-region' }),
    ]);
    assert.equal(ranked[0].cause, 'key-inactive');
    assert.equal(ranked[0].weight, 98);
    assert.match(ranked[0].evidence.join(), /535/);
  });

  test('a 535 and the identity verified in another region: the region is named first', () => {
    const ranked = rankFindings([
      f({
        check: 'login',
        verdict: 'fail',
        weight: 70,
        title: 'SMTP login failed at h:587 (535 Authentication Credentials Invalid): x',
      }),
      f({
        check: 'identity',
        verdict: 'fail',
        weight: 92,
        cause: 'identity-other-region',
        title: 'verified in us-east-2',
      }),
    ]);
    assert.equal(ranked[0].cause, 'identity-other-region');
  });

  test('a refused connection and the port blocked: the port first', () => {
    const ranked = rankFindings([
      f({ check: 'login', verdict: 'fail', weight: 60, title: 'refused' }),
      f({ check: 'ports', verdict: 'fail', weight: 86, cause: 'port-blocked', title: 'port' }),
    ]);
    assert.equal(ranked[0].cause, 'port-blocked');
  });

  test('nothing wrong: the headline says so and counts what was skipped', () => {
    assert.match(headline(rankFindings([f({}), f({ verdict: 'skipped' })])), /^No problem found \(1 check skipped\)/);
  });
});

const PASSWORD = 'BLt+ADu/sekVOPzU8qxsZ9RUJq9VOImHlGTS3HByT=p5';
const KEY = 'AKIAIOSFODNN7EXAMPLE';

function report(findings: Finding[]): DoctorReport {
  return {
    startedAt: '2026-11-30T14:00:00.000Z',
    totalMs: 1234,
    findings,
    headline: headline(findings),
    timings: [{ check: 'login', ms: 10 }],
    input: {
      username: KEY,
      region: 'eu-west-1',
      host: 'email-smtp.eu-west-1.amazonaws.com',
      port: 587,
      from: 'a@example.com',
      aws: true,
    },
  };
}

describe('doctor Markdown report', () => {
  const b64 = Buffer.from(PASSWORD).toString('base64');
  const plain = Buffer.from(`\0${KEY}\0${PASSWORD}`).toString('base64');
  const leaky = [
    f({
      verdict: 'fail',
      weight: 90,
      title: `login as ${KEY} with ${PASSWORD} failed`,
      evidence: [`AUTH PLAIN ${plain}`, `b64 ${b64}`, `url ${encodeURIComponent(PASSWORD)}`],
      fix: `use ${KEY}`,
    }),
  ];

  test('no form of the password, and the username only as AKIA…XXXX', () => {
    const md = renderMarkdown(report(leaky), { password: PASSWORD });
    for (const form of [PASSWORD, b64, b64.replace(/=+$/, ''), plain, encodeURIComponent(PASSWORD), KEY])
      assert.ok(!md.includes(form), `leaked: ${form}`);
    assert.match(md, /AKIA…MPLE/);
    assert.match(md, /\*\*Most likely cause:\*\* login as AKIA…MPLE with /);
    assert.match(md, /^# SES SMTP Doctor report/);
    assert.match(md, /### 1\. ❌ fail · Login/);
  });

  test('masks whatever the session redaction masks', () => {
    const text = `x ${PASSWORD} ${b64} ${plain} ${encodeURIComponent(PASSWORD)} y`;
    const ours = maskText(text, [PASSWORD], KEY);
    assert.equal(ours.includes('********'), true);
    assert.equal(ours.replace(/AKIA…MPLE/g, KEY), redactSecrets(text, [PASSWORD], KEY));
  });

  test('a secret with Markdown characters in it is masked whole', () => {
    const odd = 'pa_ss*word[1]';
    const md = renderMarkdown(report([f({ verdict: 'fail', weight: 1, title: `used ${odd}` })]), { password: odd });
    assert.ok(!md.includes('pa\\_ss') && !md.includes('pa_ss'), md);
  });

  test('markup in findings stays text', () => {
    const md = renderMarkdown(
      report([f({ verdict: 'fail', weight: 1, title: '<img src=x> [link](command:evil) `code`' })]),
    );
    assert.ok(md.includes('\\<img src=x\\>'), 'angle brackets escaped');
    assert.ok(md.includes('\\[link\\](command:evil)'), 'no link');
    assert.ok(md.includes('\\`code\\`'));
  });
});
