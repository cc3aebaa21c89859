// Send Test Email extras (issue #18): each rule with its branches and near misses: message tags,
// configuration set names, custom headers, sending-authorization ARNs, recipients. The composed
// message, attachments, raw MIME and the diagnosis are in compose.test.ts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkConfigurationSetName,
  checkCustomHeaders,
  checkMessageTags,
  formatTagsHeader,
  parseTagsHeader,
  reservedHeaderReason,
} from '../../../../src/engines/smtp/mailRules';
import { checkIdentityArn } from '../../../../src/engines/smtp/sendingArns';
import { type TestMail } from '../../../../src/engines/smtp/mailOptions';
import { validateTestMail } from '../../../../src/engines/smtp/mailInput';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  return 'accepted';
}

const mail = (extra: Partial<TestMail> = {}): TestMail => ({
  from: 'sender@example.com',
  to: ['success@simulator.amazonses.com'],
  subject: 'Hello',
  text: 'Body',
  ...extra,
});

describe('message tags', () => {
  test('accepted: letters, digits, _ and -, at the 256-character and 50-tag limits, SES feedback ids', () => {
    const tags = [
      { name: 'campaign', value: 'welcome-2' },
      { name: 'A_b-9', value: '0' },
      { name: 'n'.repeat(256), value: 'v'.repeat(256) },
      { name: 'ses:feedback-id-a', value: 'shop_1' },
      ...Array.from({ length: 46 }, (_, i) => ({ name: `t${i}`, value: 'x' })),
    ];
    assert.equal(checkMessageTags(tags).length, 50);
    assert.deepEqual(checkMessageTags(undefined), []);
  });
  for (const [name, tags, reason] of [
    [
      '257-character name',
      [{ name: 'n'.repeat(257), value: 'v' }],
      /name is 257 characters long; SES allows at most 256/,
    ],
    ['257-character value', [{ name: 'n', value: 'v'.repeat(257) }], /value is 257 characters long/],
    [
      '51 tags',
      Array.from({ length: 51 }, (_, i) => ({ name: `t${i}`, value: 'x' })),
      /51 message tags; SES accepts at most 50/,
    ],
    ['a space', [{ name: 'order id', value: 'x' }], /Tag 1: the name "order id" contains " "/],
    ['a dot in the value', [{ name: 'order', value: 'a.b' }], /Tag 1 \(order\): the value "a.b" contains "\."/],
    ['an equals sign', [{ name: 'a=b', value: 'x' }], /contains "="/],
    ['a comma', [{ name: 'a', value: 'x,y' }], /contains ","/],
    ['non-ASCII', [{ name: 'ünï', value: 'x' }], /contains "ü"/],
    ['another ses: name', [{ name: 'ses:feedback-id-c', value: 'x' }], /contains ":"/],
    [
      'the same name twice',
      [
        { name: 'a', value: '1' },
        { name: 'a', value: '2' },
      ],
      /Tag 2: the name "a" is used twice/,
    ],
    ['an empty value', [{ name: 'a', value: '' }], /the value is empty/],
    ['not a list', { a: 'b' }, /Tags must be a list of \{name, value\}, not an object/],
  ] as const) {
    test(`refused: ${name}`, () =>
      assert.match(
        refusal(() => checkMessageTags(tags)),
        reason,
      ));
  }
  test('written as SES reads them, and read back', () => {
    const header = formatTagsHeader([
      { name: 'a', value: '1' },
      { name: 'b', value: 'two' },
    ]);
    assert.equal(header, 'a=1, b=two');
    assert.deepEqual(parseTagsHeader(header), {
      ok: true,
      tags: [
        { name: 'a', value: '1' },
        { name: 'b', value: 'two' },
      ],
    });
    const bad = parseTagsHeader('a=1; b=2');
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.reason, /"a=1; b=2" is not name=value/);
    assert.match(parseTagsHeader('a').ok ? '' : 'refused', /refused/);
  });
});

describe('configuration set name', () => {
  test('accepted: letters, digits, _ and -, 64 characters, trimmed', () => {
    assert.equal(checkConfigurationSetName(' my-set_1 '), 'my-set_1');
    assert.equal(checkConfigurationSetName('s'.repeat(64)), 's'.repeat(64));
  });
  for (const [label, value, reason] of [
    ['65 characters', 's'.repeat(65), /65 characters long; SES names have at most 64/],
    ['a dot', 'my.set', /may contain only ASCII letters, digits, "_" and "-"/],
    ['a space inside', 'my set', /may contain only/],
    ['empty', '  ', /is empty; give its name or leave it out/],
    ['a number', 5, /must be a name, not a number \(5\)/],
  ] as const) {
    test(`refused: ${label}`, () =>
      assert.match(
        refusal(() => checkConfigurationSetName(value)),
        reason,
      ));
  }
});

describe('custom headers', () => {
  test('accepted: X- headers, List-Unsubscribe, a 998-character line, a tab and non-ASCII in the value', () => {
    const out = checkCustomHeaders([
      { name: 'X-App-Request-Id', value: '42' },
      { name: 'List-Unsubscribe', value: '<mailto:u@example.com>' },
      { name: 'X-Long', value: 'v'.repeat(998 - 'X-Long: '.length) },
      { name: 'X-Tab', value: 'a\tb' },
      { name: 'X-Name', value: 'Zoë' },
    ]);
    assert.equal(out.length, 5);
  });
  test('each reserved header says why', () => {
    assert.match(reservedHeaderReason('Reply-To') ?? '', /use the Reply-To field/);
    assert.match(reservedHeaderReason('content-transfer-encoding') ?? '', /MIME structure/);
    assert.match(reservedHeaderReason('X-SES-MESSAGE-TAGS') ?? '', /message tags/);
    assert.match(reservedHeaderReason('Return-Path') ?? '', /envelope sender/);
    assert.equal(reservedHeaderReason('X-SESSION'), undefined, 'a near miss of X-SES- is allowed');
    assert.equal(reservedHeaderReason('Contents'), undefined, 'a near miss of Content- is allowed');
    assert.equal(reservedHeaderReason('Fromage'), undefined);
  });
  for (const [label, headers, reason] of [
    ['a name with a space', [{ name: 'X A', value: '1' }], /is not a header name/],
    ['a name with a colon', [{ name: 'X:A', value: '1' }], /is not a header name/],
    ['Subject', [{ name: 'SUBJECT', value: 'x' }], /SUBJECT cannot be set here: use the Subject field/],
    [
      'a CRLF in the value',
      [{ name: 'X-A', value: 'a\r\nBcc: evil@example.com' }],
      /line break, which would inject headers/,
    ],
    ['a 999-character line', [{ name: 'X-Long', value: 'v'.repeat(999 - 'X-Long: '.length) }], /999 characters long/],
    ['a DEL in the value', [{ name: 'X-A', value: 'a\x7f' }], /control character/],
  ] as const) {
    test(`refused: ${label}`, () =>
      assert.match(
        refusal(() => checkCustomHeaders(headers)),
        reason,
      ));
  }
});

describe('sending-authorization ARNs', () => {
  const ctx = { region: 'eu-west-1', fromAddress: 'sender@example.com' };
  test('accepted: the From domain, the From address (any case), other partitions in their regions', () => {
    assert.ok(checkIdentityArn('sourceArn', 'arn:aws:ses:eu-west-1:123456789012:identity/example.com', ctx));
    assert.ok(checkIdentityArn('fromArn', 'arn:aws:ses:eu-west-1:123456789012:identity/Sender@Example.com', ctx));
    assert.ok(checkIdentityArn('returnPathArn', 'arn:aws:ses:eu-west-1:123456789012:identity/other.com', ctx));
    assert.ok(checkIdentityArn('sourceArn', 'arn:aws-cn:ses:cn-north-1:123456789012:identity/example.com', {}));
    assert.ok(checkIdentityArn('sourceArn', 'arn:aws-us-gov:ses:us-gov-west-1:123456789012:identity/example.com', {}));
  });
  for (const [label, field, arn, reason] of [
    [
      'another region',
      'sourceArn',
      'arn:aws:ses:us-east-1:123456789012:identity/example.com',
      /is for us-east-1, but these credentials send through eu-west-1/,
    ],
    [
      'another domain',
      'fromArn',
      'arn:aws:ses:eu-west-1:123456789012:identity/other.com',
      /authorizes other.com, but From is sender@example.com/,
    ],
    [
      'a subdomain of From',
      'sourceArn',
      'arn:aws:ses:eu-west-1:123456789012:identity/mail.example.com',
      /must be the From address or its domain/,
    ],
    [
      'another address',
      'sourceArn',
      'arn:aws:ses:eu-west-1:123456789012:identity/other@example.com',
      /authorizes other@example.com/,
    ],
    ['an IAM ARN', 'fromArn', 'arn:aws:iam::123456789012:user/x', /is not an SES identity ARN/],
    [
      'a 13-digit account',
      'fromArn',
      'arn:aws:ses:eu-west-1:1234567890123:identity/example.com',
      /is not an SES identity ARN/,
    ],
  ] as const) {
    test(`refused: ${label}`, () =>
      assert.match(
        refusal(() => checkIdentityArn(field, arn, ctx)),
        reason,
      ));
  }
});

describe('recipients', () => {
  test('To, CC and BCC count together: 50 pass, 51 are refused naming the count', () => {
    const many = (n: number, p: string): string[] => Array.from({ length: n }, (_, i) => `${p}${i}@example.com`);
    const ok = validateTestMail(mail({ to: many(20, 't'), cc: many(20, 'c'), bcc: many(10, 'b') }));
    assert.equal(ok.recipients.length, 50);
    const err = refusal(() => validateTestMail(mail({ to: many(20, 't'), cc: many(20, 'c'), bcc: many(11, 'b') })));
    assert.match(err, /51 recipients in To, CC and BCC together \(20 \+ 20 \+ 11\); SES accepts at most 50/);
  });
  test('an address in CC twice goes once into the envelope; Reply-To does not count', () => {
    const out = validateTestMail(
      mail({ cc: ['a@example.com', 'A@example.com'], bcc: ['b@example.com'], replyTo: ['r@example.com'] }),
    );
    assert.deepEqual(out.recipients, ['success@simulator.amazonses.com', 'a@example.com', 'b@example.com']);
  });
  test('CC, BCC and Reply-To use the To parser with their own label', () => {
    assert.match(
      refusal(() => validateTestMail(mail({ cc: ['nobody'] }))),
      /^CC "nobody" is not an email address/,
    );
    assert.match(
      refusal(() => validateTestMail(mail({ bcc: ['a@b.com\nX: y'] }))),
      /^BCC contains a line break/,
    );
    assert.match(
      refusal(() => validateTestMail(mail({ replyTo: [''] }))),
      /^Reply-To is empty/,
    );
    assert.match(
      refusal(() => validateTestMail(mail({ cc: 'a@example.com' as never }))),
      /CC must be a list/,
    );
  });
});
