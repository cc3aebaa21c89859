// What Create Identity refuses as you type, before any call to SES (src/base/identity.ts).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { identityInputProblem } from '../../../src/base/identity';

describe('Create Identity input', () => {
  test('domains and addresses pass', () => {
    for (const ok of [
      'example.com',
      'mail.example.co.uk',
      ' Example.COM ',
      'noreply@example.com',
      'a.b+tag@sub.example.org',
      'xn--bcher-kva.example',
    ]) {
      assert.equal(identityInputProblem(ok), undefined, ok);
    }
  });

  const refused: Array<[string, RegExp]> = [
    ['not a domain', /^"not a domain" contains spaces; enter a domain \(example\.com\) or an email address/],
    ['sender@example', /^Not a complete address: the part after the @ is not a domain\. "example" has no dot/],
    ['example', /^Not a domain: "example" has no dot/],
    ['https://example.com', /^Not a domain: .*is a URL; enter only the domain/],
    ['@example.com', /needs one @ with a name before it/],
    ['noreply@', /has nothing after the @/],
    ['a@b@example.com', /needs one @ with a name before it/],
    ['example.c0m', /"c0m" is not a top-level domain/],
    ['exa_mple..com', /empty label/],
    ['', /^Enter a domain/],
  ];
  for (const [input, message] of refused) {
    test(`"${input}" is refused with a clear message`, () => {
      assert.match(identityInputProblem(input) ?? '(accepted)', message);
    });
  }
});
