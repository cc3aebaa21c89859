import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildTimeline, describeEvent } from '../../../../../src/features/delivery/logic/timeline';
import type { DeliveryEvent } from '../../../../../src/features/delivery/logic/events';

const ID = 'm-1';
const at = (s: number): string => new Date(Date.UTC(2026, 11, 7, 10, 0, s)).toISOString();
const send: DeliveryEvent = { messageId: ID, type: 'Send', time: at(0) };

describe('buildTimeline', () => {
  test('no events: each recipient waits, not settled', () => {
    const t = buildTimeline(ID, [], ['a@x.example']);
    assert.deepEqual(t.recipients, [{ recipient: 'a@x.example', outcome: 'no event yet', lines: [] }]);
    assert.equal(t.settled, false);
  });
  test('Send only: accepted, not settled', () => {
    const t = buildTimeline(ID, [send], ['a@x.example']);
    assert.equal(t.recipients[0].outcome, 'accepted');
    assert.deepEqual(t.message, ['10:00:00 Accepted by SES (Send)']);
    assert.equal(t.settled, false);
  });
  test('delivered and bounced recipients: settled, each with its line', () => {
    const t = buildTimeline(
      ID,
      [
        send,
        {
          messageId: ID,
          type: 'Delivery',
          time: at(1),
          recipient: 'a@x.example',
          smtpResponse: '250 ok',
          processingTimeMillis: 5,
        },
        {
          messageId: ID,
          type: 'Bounce',
          time: at(2),
          recipient: 'B@x.example',
          bounceType: 'Permanent',
          bounceSubType: 'General',
          diagnosticCode: 'smtp; 550 5.1.1 user unknown',
        },
      ],
      ['a@x.example', 'b@x.example'],
    );
    assert.deepEqual(
      t.recipients.map((r) => r.outcome),
      ['delivered', 'bounced'],
    );
    assert.match(
      t.recipients[1].lines[0],
      /^10:00:02 Bounced \(Permanent \/ General\): smtp; 550 5\.1\.1 user unknown — a permanent bounce/,
    );
    assert.equal(t.settled, true);
  });
  test('a complaint after the delivery wins', () => {
    const t = buildTimeline(ID, [
      { messageId: ID, type: 'Delivery', time: at(1), recipient: 'c@x.example' },
      { messageId: ID, type: 'Complaint', time: at(3), recipient: 'c@x.example', reason: 'abuse' },
    ]);
    assert.equal(t.recipients[0].outcome, 'complained');
  });
  test('a delay is not final; a delivery after it is', () => {
    const delay: DeliveryEvent = {
      messageId: ID,
      type: 'DeliveryDelay',
      time: at(1),
      recipient: 'd@x.example',
      delayType: 'MailboxFull',
    };
    assert.equal(buildTimeline(ID, [send, delay]).recipients[0].outcome, 'delayed');
    assert.equal(buildTimeline(ID, [send, delay]).settled, false);
    assert.equal(
      buildTimeline(ID, [send, delay, { ...delay, type: 'Delivery', time: at(9) }]).recipients[0].outcome,
      'delivered',
    );
  });
  test('a reject settles the message', () => {
    const t = buildTimeline(
      ID,
      [{ messageId: ID, type: 'Reject', time: at(0), reason: 'Bad content' }],
      ['a@x.example'],
    );
    assert.equal(t.recipients[0].outcome, 'rejected');
    assert.equal(t.settled, true);
  });
  test('another message’s events are left out', () => {
    const t = buildTimeline(ID, [{ ...send, messageId: 'm-2' }], ['a@x.example']);
    assert.equal(t.recipients[0].outcome, 'no event yet');
  });
});

describe('describeEvent', () => {
  const b = (bounceType: string, bounceSubType: string): DeliveryEvent => ({
    messageId: ID,
    type: 'Bounce',
    time: at(0),
    recipient: 'a@x',
    bounceType,
    bounceSubType,
  });
  test('suppression list: says so and how to remove', () =>
    assert.match(
      describeEvent(b('Permanent', 'OnAccountSuppressionList')),
      /on the account's suppression list — remove it/,
    ));
  test('permanent: suppression follows', () =>
    assert.match(
      describeEvent(b('Permanent', 'NoEmail')),
      /permanent bounce: SES puts the address on the account's suppression list/,
    ));
  test('transient: not suppressed', () =>
    assert.match(
      describeEvent(b('Transient', 'MailboxFull')),
      /Soft bounce \(Transient \/ MailboxFull\) — temporary; the address is not suppressed/,
    ));
  test('undetermined: no advice', () =>
    assert.equal(describeEvent(b('Undetermined', 'Undetermined')), 'Bounced (Undetermined / Undetermined)'));
  test('rendering failure', () =>
    assert.match(
      describeEvent({ messageId: ID, type: 'RenderingFailure', time: at(0), reason: 'x' }),
      /Template rendering failed: x/,
    ));
  test('delay', () =>
    assert.match(
      describeEvent({ messageId: ID, type: 'DeliveryDelay', time: at(0), delayType: 'IPFailure' }),
      /Delayed \(IPFailure\)/,
    ));
});
