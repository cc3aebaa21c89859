// The doctor's ranker and headline (src/engines/doctor/rank.ts).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { headline, rankFindings } from '../../../../src/engines/doctor/rank';
import { type Finding } from '../../../../src/engines/doctor/types';

const f = (over: Partial<Finding>): Finding => ({
  check: 'login',
  verdict: 'pass',
  title: 't',
  evidence: [],
  weight: 0,
  ...over,
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
