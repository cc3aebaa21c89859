// The raw MIME check of Send Test Email (src/engines/smtp/rawMime.ts), issue #18.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SES_MAX_MESSAGE_BYTES } from '../../../../src/engines/smtp/attachments';
import { checkRawMessage } from '../../../../src/engines/smtp/rawMime';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  return 'accepted';
}

describe('raw MIME check', () => {
  const multipart = [
    'From: sender@example.com',
    'To: success@simulator.amazonses.com',
    'Subject: raw',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed;',
    ' boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/alternative; boundary=inner',
    '',
    '--inner',
    'Content-Type: text/plain',
    '',
    'hi',
    '--inner--',
    '--outer--',
    '',
  ];
  test('a nested multipart message passes; LF line endings become CRLF', () => {
    const out = checkRawMessage(multipart.join('\n'), SES_MAX_MESSAGE_BYTES);
    assert.equal(out.text, multipart.join('\r\n'));
    assert.equal(out.headers.find((h) => h.name === 'Content-Type')?.value, 'multipart/mixed; boundary="outer"');
  });
  test('a message without a body, and one without a trailing line break, pass', () => {
    assert.equal(checkRawMessage('From: a@example.com', 1e6).text, 'From: a@example.com\r\n');
  });
  for (const [label, raw, reason] of [
    [
      'a nested part without its closing boundary',
      multipart.join('\r\n').replace('--inner--\r\n', ''),
      /Part 1 of the message: the closing "--inner--" line is missing/,
    ],
    [
      'a part header line that is not one',
      multipart.join('\r\n').replace('Content-Type: text/plain', 'text/plain'),
      /line 12 \("text\/plain"\) is not a header line/,
    ],
    [
      'a boundary longer than 70',
      `From: a@example.com\r\nContent-Type: multipart/mixed; boundary=${'b'.repeat(71)}\r\n\r\n`,
      /71 characters long; MIME allows at most 70/,
    ],
    [
      'larger than the limit',
      'From: a@example.com\r\n\r\nxxxx',
      /is 27 bytes, 17 bytes more than SES's limit of 10 bytes/,
    ],
  ] as const) {
    test(`refused: ${label}`, () =>
      assert.match(
        refusal(() => checkRawMessage(raw, label.startsWith('larger') ? 10 : 1e6)),
        reason,
      ));
  }
});
