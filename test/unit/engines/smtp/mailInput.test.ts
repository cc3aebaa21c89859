// The checks of a test mail's input (src/engines/smtp/mailInput.ts): a NUL or another control character in
// an address is refused naming it (issue #32), with the near misses.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type TestMail } from '../../../../src/engines/smtp/mailOptions';
import { validateTestMail, MailInputError } from '../../../../src/engines/smtp/mailInput';

const mail = (extra: Partial<TestMail> = {}): TestMail => ({
  from: 'sender@example.com',
  to: ['success@simulator.amazonses.com'],
  subject: 'Hello',
  text: 'Body',
  ...extra,
});

function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    return err as Error;
  }
  assert.fail('accepted');
}

describe('a NUL or another control character in an address', () => {
  test('a NUL in a recipient is refused naming NUL and the field', () => {
    const err = refusal(() => validateTestMail(mail({ to: ['c\0@d.co'] })));
    assert.ok(err instanceof MailInputError);
    assert.equal((err as MailInputError).field, 'to');
    assert.match(err.message, /^To contains a NUL character \(\\0\) at position 2; an email address has none/);
  });
  test('in CC, BCC, Reply-To and From too', () => {
    const cases: Array<[string, Partial<TestMail>]> = [
      ['cc', { cc: ['x\0@d.co'] }],
      ['bcc', { bcc: ['x@d\0.co'] }],
      ['replyTo', { replyTo: ['\0x@d.co'] }],
      ['from', { from: 'Me <me\0@d.co>' }],
    ];
    for (const [field, extra] of cases) {
      const err = refusal(() => validateTestMail(mail(extra)));
      assert.equal((err as MailInputError).field, field);
      assert.match(err.message, /a NUL character/);
    }
  });
  test('another control character is named by its code point', () => {
    assert.match(
      refusal(() => validateTestMail(mail({ to: ['c\u0001@d.co'] }))).message,
      /a control character \(U\+0001\)/,
    );
    assert.match(refusal(() => validateTestMail(mail({ to: ['c\u007f@d.co'] }))).message, /U\+007F/);
  });
  test('near miss: the same addresses without the NUL are accepted as they are', () => {
    const out = validateTestMail(mail({ to: ['c@d.co'], cc: ['x@d.co'], from: 'Me <me@d.co>' }));
    assert.deepEqual(out.to, ['c@d.co']);
    assert.equal(out.from, 'me@d.co');
  });
});
