// The one domain validator and the host validator (src/base/names.ts): the domain rules, one label
// and IPv4 allowed for hosts; each rule refused on its own, the near misses accepted.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { NameError, validateDomainName, validateHostName } from '../../../src/base/names';

describe('the one domain validator', () => {
  const good: Array<[string, string]> = [
    ['example.com', 'example.com'],
    ['Example.COM.', 'example.com'],
    [' mail.example.co.uk ', 'mail.example.co.uk'],
    ['_dmarc.example.com', '_dmarc.example.com'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    [`${'a'.repeat(63)}.com`, `${'a'.repeat(63)}.com`],
  ];
  for (const [input, out] of good)
    test(`accepts ${input.slice(0, 40)}`, () => assert.equal(validateDomainName(input), out));
  test('accepts a 253-character domain', () => {
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    assert.equal(name.length, 253);
    assert.equal(validateDomainName(name), name);
  });
  const bad: Array<[string, unknown, RegExp]> = [
    ['empty', '', /The domain is empty/],
    ['a number', 5, /must be text such as example\.com, not a number \(5\)/],
    ['null', null, /not null/],
    ['a URL', 'https://example.com/path', /is a URL; enter only the domain/],
    ['an address', 'me@example.com', /is an email address; the domain is the part after the @ \(example\.com\)/],
    ['no dot', 'localhost', /has no dot/],
    ['two dots', 'example..com', /empty label/],
    ['a 64-character label', `${'a'.repeat(64)}.com`, /is 64 characters long; each part of a domain has at most 63/],
    [
      '254 characters',
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
      /is 254 characters long; DNS names have at most 253/,
    ],
    ['1 MB', `${'a'.repeat(1024 * 1024)}.com`, /at most 253/],
    ['an IDN', 'bücher.de', /punycode form \(xn--/],
    ['a leading hyphen', '-bad.example.com', /not valid: use letters, digits and hyphens/],
    ['a NUL', 'exa\0mple.com', /contains a NUL character/],
    ['a line break', 'example.com\nx', /contains a line break/],
    ['a space', 'exa mple.com', /contains a space/],
  ];
  for (const [name, input, message] of bad)
    test(`refuses ${name}`, () =>
      assert.throws(
        () => validateDomainName(input),
        (err: Error) => err instanceof NameError && message.test(err.message),
      ));
});

describe('the host validator (the domain rules, one label and IPv4 allowed)', () => {
  for (const host of [
    'localhost',
    '127.0.0.1',
    'email-smtp.eu-west-1.amazonaws.com',
    'Relay.Example.com.',
    `${'a'.repeat(63)}.example.com`,
  ]) {
    test(`accepts ${host.slice(0, 40)}`, () => assert.equal(validateHostName(host), host));
  }
  const bad: Array<[string, unknown, RegExp]> = [
    ['a NUL', 'smtp.example.com\0', /contains a NUL character/],
    [
      '254 characters',
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
      /254 characters long; host names have at most 253/,
    ],
    [
      'a 64-character label',
      `${'a'.repeat(64)}.example.com`,
      /64 characters long; each part of a host name has at most 63/,
    ],
    ['a scheme', 'smtps://x.example.com', /without a scheme, port or path/],
    ['IPv6 brackets', '[::1]', /without a scheme, port or path/],
    ['an underscore-free bad label', 'a-.example.com', /may hold only letters, digits and hyphens/],
    ['an object', {}, /must be text .* not an object/],
  ];
  for (const [name, input, message] of bad)
    test(`refuses ${name}`, () =>
      assert.throws(
        () => validateHostName(input),
        (err: Error) => err instanceof NameError && message.test(err.message),
      ));
});
