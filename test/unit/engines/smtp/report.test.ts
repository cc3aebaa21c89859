// The summary of an SMTP check (src/engines/smtp/report.ts). Pinned by issue #32: each case was checked to
// fail when the behaviour is broken on purpose (the break is named in each test's comment).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { headline, rankFindings } from '../../../../src/engines/doctor/rank';
import { type Finding } from '../../../../src/engines/doctor/types';
import { diagnose } from '../../../../src/engines/smtp/diagnose';
import { summarizeCheck } from '../../../../src/engines/smtp/report';
import type { SmtpCheckResult } from '../../../../src/engines/smtp/types';
import { referenceSmtpPassword } from '../../../support/smtpPasswordV4';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

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
