// The one domain validator, the host validator and the address validator (src/base/names.ts): the
// domain rules, one label and IPv4 allowed for hosts; each rule refused on its own, the near misses
// accepted; each address refusal with its reason, and the From patterns.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { bareAddress, NameError, validateDomainName, validateHostName } from '../../../src/base/names';
import { parseEmailAddress, validateFromPattern } from '../../../src/base/emailAddress';

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

describe('bareAddress', () => {
  test('the address inside angle brackets, display name and spaces dropped, case kept', () => {
    assert.equal(bareAddress('"Ops, Team" <Ops@Example.com>'), 'Ops@Example.com');
    assert.equal(bareAddress('  ops@example.com '), 'ops@example.com');
    assert.equal(bareAddress('<a@b.example>'), 'a@b.example');
  });
  test('text without brackets is only trimmed; a lone bracket is not taken for one', () => {
    assert.equal(bareAddress('Name a@b.example'), 'Name a@b.example');
    assert.equal(bareAddress('a@b.example>'), 'a@b.example>');
  });
  test('a value that is not a string is refused', () => {
    assert.throws(() => bareAddress(undefined as never), /bareAddress/);
  });
});
