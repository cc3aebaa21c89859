// The input checks of sendTestBurst (src/engines/smtp/burst.ts), which refuse before any socket is opened.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sendTestBurst, validateBurstOptions, type BurstOptions } from '../../../../src/engines/smtp/burst';
import { SmtpInputError } from '../../../../src/engines/smtp/input';

describe('burst input checks (before any socket)', () => {
  const base: BurstOptions = {
    host: '127.0.0.1',
    port: 1,
    tls: 'starttls',
    username: 'AKIAIOSFODNN7EXAMPLE',
    password: 'x'.repeat(44),
    mail: { from: 'a@example.com', to: ['success@simulator.amazonses.com'], subject: 's', text: 't' },
    count: 20,
    rate: 14,
  };
  const bad: Array<[string, Partial<BurstOptions>, RegExp]> = [
    ['count 0', { count: 0 }, /count must be a whole number from 1 to 1000/],
    ['count 1001', { count: 1001 }, /count must be a whole number from 1 to 1000, not 1001/],
    ['count 2.5', { count: 2.5 }, /count must be a whole number/],
    ['count as a string', { count: '20' as unknown as number }, /count must be/],
    ['rate 0', { rate: 0 }, /rate must be a number from 0\.1 to 1000/],
    ['rate NaN', { rate: NaN }, /rate must be/],
    ['rate Infinity', { rate: Infinity }, /rate must be/],
    ['pool of 0', { poolSize: 0 }, /poolSize must be a whole number from 1 to 20/],
    ['pool of 21', { poolSize: 21 }, /poolSize/],
    ['a real recipient', { mail: { ...base.mail, to: ['me@example.com'] } }, /not a mailbox simulator address/],
  ];
  for (const [label, change, reason] of bad) {
    test(`refuses ${label}`, async () => {
      assert.throws(() => validateBurstOptions({ ...base, ...change }), reason);
      await assert.rejects(
        sendTestBurst({ ...base, ...change }),
        (e: Error) => e instanceof SmtpInputError && reason.test(e.message),
      );
    });
  }
  test('accepts a confirmed real recipient and the limits themselves', () => {
    assert.doesNotThrow(() =>
      validateBurstOptions({ ...base, mail: { ...base.mail, to: ['me@example.com'] }, confirmNonSimulator: true }),
    );
    assert.doesNotThrow(() => validateBurstOptions({ ...base, count: 1000, rate: 0.1, poolSize: 20 }));
    assert.doesNotThrow(() => validateBurstOptions({ ...base, count: 1, rate: 1000, poolSize: 1 }));
  });
});
