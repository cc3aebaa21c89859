import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { replyCode, sesMessageIdFromReply } from '../../../../src/engines/smtp/reply';

const CLASSIC = '0100018c2f9a1b7e-3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f-000000';
const SHORT_FIRST = '0107018c2f9a1b-3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f-000000';
const OTHER_END = '0100018c2f9a1b7e-3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f-000001';

describe('sesMessageIdFromReply', () => {
  const found: Array<[string, string, string]> = [
    ['the classic SES shape', `250 Ok ${CLASSIC}`, CLASSIC],
    ['a first group of 14 hex digits', `250 Ok ${SHORT_FIRST}`, SHORT_FIRST],
    ['18 hex digits first', '250 Ok 0102018c2f9a1b7e9a-3c1d2e4f-000000', '0102018c2f9a1b7e9a-3c1d2e4f-000000'],
    ['upper-case hex', `250 Ok ${CLASSIC.toUpperCase()}`, CLASSIC.toUpperCase()],
    ['an id that does not end in -000000', `250 Ok ${OTHER_END}`, OTHER_END],
    ['an id with no hyphens', '250 Ok 0100018c2f9a1b7e3c1d2e4f', '0100018c2f9a1b7e3c1d2e4f'],
    ['"OK" in upper case', `250 OK ${CLASSIC}`, CLASSIC],
    ['angle brackets', `250 Ok <${CLASSIC}>`, CLASSIC],
    ['an enhanced status code', `250 2.0.0 Ok ${CLASSIC}`, CLASSIC],
    ['trailing text after the id', `250 Ok ${CLASSIC} queued`, CLASSIC],
    ['surrounding white space and CRLF', `  250 Ok ${CLASSIC}\r\n`, CLASSIC],
    ['the last line of a multi-line reply', `250-first\r\n250 Ok ${CLASSIC}`, CLASSIC],
    ['the classic shape without "Ok"', `250 ${CLASSIC}`, CLASSIC],
  ];
  for (const [name, reply, id] of found) {
    test(`found: ${name}`, () => assert.equal(sesMessageIdFromReply(reply), id));
  }

  const none: Array<[string, unknown]> = [
    ['no reply', undefined],
    ['not a string', 250],
    ['an empty reply', ''],
    ['"250 Ok" alone', '250 Ok'],
    ['"250 Ok" and a word', '250 Ok queued'],
    ['a token without a digit', '250 Ok abcdefghijkl'],
    ['a token that is too short', '250 Ok 0100abc'],
    ['a token with characters no id has', '250 Ok 0100018c2f9a"1b7e;rm'],
    ['a token of 256 characters', `250 Ok 1${'a'.repeat(255)}`],
    ['a reply that is not 250', `554 Ok ${CLASSIC}`],
    ['"Ok" inside another word', `250 Okay ${CLASSIC.slice(0, 20)}`],
    ['a Postfix-style reply', '250 2.0.0 Ok: queued as 4Bx1y2Z3q4'],
    ['a non-SES shape without "Ok"', '250 2.0.0 accepted 12345678'],
  ];
  for (const [name, reply] of none) {
    test(`none: ${name}`, () => assert.equal(sesMessageIdFromReply(reply), undefined));
  }
});

describe('replyCode', () => {
  test('the leading three digits, or nothing', () => {
    assert.equal(replyCode('535 Authentication Credentials Invalid'), 535);
    assert.equal(replyCode('hello'), undefined);
    assert.equal(replyCode(undefined), undefined);
    assert.equal(replyCode(42), undefined);
  });
});
