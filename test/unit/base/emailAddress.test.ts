// The one address validator and the From patterns (src/base/emailAddress.ts): each refusal with its
// reason, the near misses accepted.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { NameError } from '../../../src/base/names';
import { parseEmailAddress, validateFromPattern } from '../../../src/base/emailAddress';

describe('the one address validator', () => {
  const good: Array<[string, { address: string; name?: string }]> = [
    ['a@example.com', { address: 'a@example.com' }],
    ['  a@example.com  ', { address: 'a@example.com' }],
    ['Jane Doe <jane@example.com>', { address: 'jane@example.com', name: 'Jane Doe' }],
    ['"Doe, Jane" <jane@example.com>', { address: 'jane@example.com', name: 'Doe, Jane' }],
    ['<jane@example.com>', { address: 'jane@example.com' }],
    ["o'brien+tag@mail.example.co.uk", { address: "o'brien+tag@mail.example.co.uk" }],
    ['success@simulator.amazonses.com', { address: 'success@simulator.amazonses.com' }],
    [`${'a'.repeat(64)}@example.com`, { address: `${'a'.repeat(64)}@example.com` }],
  ];
  for (const [input, want] of good) {
    test(`accepts ${input.slice(0, 40)}`, () => {
      const got = parseEmailAddress(input, 'From');
      assert.equal(got.address, want.address);
      assert.equal(got.name, want.name);
      assert.equal(`${got.local}@${got.domain}`, want.address);
    });
  }
  const bad: Array<[string, unknown, RegExp]> = [
    ['empty', '', /^From is empty\. Enter an address/],
    ['a number', 5, /^From must be text such as sender@example\.com, not a number \(5\)/],
    ['no @', 'sender.example.com', /is not an email address: it has no @/],
    ['two @', 'a@b@example.com', /more than one @/],
    ['no domain dot', 'a@localhost', /its domain "localhost" is not valid/],
    ['an unclosed quote', '"Jane <jane@example.com>', /a quote is never closed/],
    ['a header injection', 'a@example.com\r\nBcc: x@y.z', /line break, which would inject mail headers/],
    ['a NUL (which addressparser would drop silently)', 'a@example.com\0x', /contains a NUL character/],
    ['a space', 'jane doe@example.com', /text outside the address/],
    ['two addresses', 'a@example.com, b@example.com', /holds 2 addresses; give one/],
    ['a group', 'team: a@example.com;', /is a group/],
    ['text after <>', '<a@example.com> x', /the <…> part must come last/],
    ['nothing before @', '@example.com', /nothing comes before the @/],
    ['nothing after @', 'a@', /nothing comes after the @/],
    ['a 65-character local part', `${'a'.repeat(65)}@example.com`, /at most 64/],
    ['a non-ASCII local part', 'jörg@example.com', /non-ASCII characters, which SES does not accept/],
    ['a double dot', 'a..b@example.com', /dot at its start or end|cannot hold unquoted/],
    ['a domain literal', 'a@[127.0.0.1]', /its domain .* is not valid/],
    ['1 MB', `${'a'.repeat(1024 * 1024)}@example.com`, /at most 320/],
    [
      'a 321-character address',
      `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.com`,
      /at most 320/,
    ],
  ];
  for (const [name, input, message] of bad)
    test(`refuses ${name}`, () =>
      assert.throws(
        () => parseEmailAddress(input, 'From'),
        (err: Error) => err instanceof NameError && message.test(err.message),
      ));
  test('a bare address only, where a name makes no sense', () => {
    assert.throws(
      () => parseEmailAddress('Jane <jane@example.com>', 'The identity', { allowName: false }),
      /without a name or <>/,
    );
  });
  test('From patterns: an address or *@domain, lower-cased', () => {
    assert.equal(validateFromPattern('*@Example.com'), '*@example.com');
    assert.equal(validateFromPattern('NoReply@Example.com'), 'noreply@example.com');
    assert.throws(() => validateFromPattern('*@localhost'), /is not a From pattern: "localhost" has no dot/);
    assert.throws(() => validateFromPattern('*.example.com'), /is not an email address: it has no @/);
  });
});
