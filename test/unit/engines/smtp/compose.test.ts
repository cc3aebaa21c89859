// The composed test mail (src/engines/smtp/compose.ts), issue #18: X-SES-* headers, BCC never in the
// headers, raw mode as written.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { composeMail, appliedExtras } from '../../../../src/engines/smtp/compose';
import type { TestMail } from '../../../../src/engines/smtp/mailOptions';
import type { MailInputError } from '../../../../src/engines/smtp/mailInput';

async function refusalAsync(run: () => Promise<unknown>): Promise<{ message: string; field?: string }> {
  try {
    await run();
  } catch (err) {
    return { message: (err as Error).message, field: (err as MailInputError).field };
  }
  return { message: 'accepted' };
}

const mail = (extra: Partial<TestMail> = {}): TestMail => ({
  from: 'sender@example.com',
  to: ['success@simulator.amazonses.com'],
  subject: 'Hello',
  text: 'Body',
  ...extra,
});

describe('composing', () => {
  test('X-SES headers, CC and Reply-To in the headers; BCC only in the envelope', async () => {
    const out = await composeMail(
      mail({
        cc: ['Carol <carol@example.com>'],
        bcc: ['hidden@example.com'],
        replyTo: ['replies@example.com'],
        headers: [{ name: 'X-App-Request-Id', value: '42' }],
        configurationSet: 'events',
        tags: [
          { name: 'campaign', value: 'welcome' },
          { name: 'env', value: 'test' },
        ],
        sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com',
      }),
      { region: 'eu-west-1' },
    );
    const head = out.message.toString('utf8').split('\r\n\r\n')[0];
    assert.match(head, /^X-SES-CONFIGURATION-SET: events$/m);
    assert.match(head, /^X-SES-MESSAGE-TAGS: campaign=welcome, env=test$/m);
    assert.match(head, /^X-SES-SOURCE-ARN: arn:aws:ses:eu-west-1:123456789012:identity\/example\.com$/m);
    assert.match(
      head,
      /^X-App-Request-Id: 42$/im,
      'header names are case-insensitive; nodemailer writes X-App-Request-ID',
    );
    assert.match(head, /^Cc: Carol <carol@example\.com>$/m);
    assert.match(head, /^Reply-To: replies@example\.com$/m);
    assert.doesNotMatch(out.message.toString('utf8'), /hidden@example\.com/);
    assert.ok(out.checked.recipients.includes('hidden@example.com'));
    const extras = appliedExtras(out);
    assert.deepEqual(extras.bcc, ['hidden@example.com']);
    assert.deepEqual(extras.headers, ['X-App-Request-Id']);
    assert.equal(extras.raw, false);
    assert.equal(extras.messageBytes, out.message.length);
  });
  test('raw mode: the message as written with the X-SES headers on top', async () => {
    const raw = 'From: sender@example.com\r\nSubject: raw\r\n\r\nhello\r\n';
    const out = await composeMail(mail({ raw, configurationSet: 'events', tags: [{ name: 'a', value: 'b' }] }));
    assert.equal(out.message.toString('utf8'), `X-SES-CONFIGURATION-SET: events\r\nX-SES-MESSAGE-TAGS: a=b\r\n${raw}`);
  });
  test('raw mode: the same X-SES header in the message and the form is a conflict', async () => {
    const raw = 'X-SES-CONFIGURATION-SET: other\r\nFrom: sender@example.com\r\n\r\nhello\r\n';
    const out = await refusalAsync(() => composeMail(mail({ raw, configurationSet: 'events' })));
    assert.equal(out.field, 'raw');
    assert.match(out.message, /already has a X-SES-CONFIGURATION-SET header and the form sets one too/);
  });
  test('an ARN for another region is refused with the field named, before anything is sent', async () => {
    const out = await refusalAsync(() =>
      composeMail(mail({ fromArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com' }), {
        region: 'eu-west-1',
      }),
    );
    assert.equal(out.field, 'fromArn');
    assert.match(out.message, /is for us-east-1, but these credentials send through eu-west-1/);
  });
});
