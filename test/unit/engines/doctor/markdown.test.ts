// The doctor's Markdown report (src/engines/doctor/markdown.ts) and masked text (mask.ts): no secret in
// any form; the username as AKIA…XXXX.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { headline } from '../../../../src/engines/doctor/rank';
import { maskText } from '../../../../src/engines/doctor/mask';
import { renderMarkdown } from '../../../../src/engines/doctor/markdown';
import { type DoctorReport, type Finding } from '../../../../src/engines/doctor/types';
import { redactSecrets } from '../../../../src/engines/smtp/redact';
import { referenceSmtpPassword } from '../../../support/smtpPasswordV4';
import { leaks, plantedForms } from '../../../support/plantedForms';

const f = (over: Partial<Finding>): Finding => ({
  check: 'login',
  verdict: 'pass',
  title: 't',
  evidence: [],
  weight: 0,
  ...over,
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

// Pinned by issue #32 (moved from pinnedBehaviours.test.ts): each case was checked to fail when the behaviour is
// broken on purpose (the break is named in each test's comment).
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

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
