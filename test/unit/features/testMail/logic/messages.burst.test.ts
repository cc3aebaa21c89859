// The burst messages the Send Test Email page may send (src/features/testMail/logic/messages.ts).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseFromWebview } from '../../../../../src/features/testMail/logic/messages';

describe('burst messages from the webview', () => {
  const form = { setId: 's', from: 'a@example.com', to: 'success@simulator.amazonses.com', subject: 's', text: 't' };
  const burst = { ...form, port: 587, tls: 'starttls', count: 20 };
  test('a burst form is accepted with its count, optional rate and confirmation', () => {
    const parsed = parseFromWebview({ type: 'burst', form: { ...burst, rate: 14, confirm: true } });
    assert.deepEqual(parsed, { ok: true, value: { type: 'burst', form: { ...burst, rate: 14, confirm: true } } });
    const noRate = parseFromWebview({ type: 'burst', form: burst });
    assert.equal(noRate.ok && noRate.value.type === 'burst' && noRate.value.form.rate, undefined);
  });
  for (const [label, change, reason] of [
    ['count 0', { count: 0 }, /count is not a whole number from 1 to 1000/],
    ['count 1001', { count: 1001 }, /count/],
    ['count as text', { count: '20' }, /count/],
    ['rate 0', { rate: 0 }, /rate is not a number from 0\.1 to 1000/],
    ['rate Infinity', { rate: Infinity }, /rate/],
    ['confirm as text', { confirm: 'yes' }, /confirm is not a boolean/],
    ['a huge To', { to: 'x'.repeat(3000) }, /to is 3000 characters/],
    ['no tls', { tls: 'none' }, /tls/],
  ] as const) {
    test(`refuses ${label}`, () => {
      const parsed = parseFromWebview({ type: 'burst', form: { ...burst, ...change } });
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.reason, reason);
    });
  }
});
