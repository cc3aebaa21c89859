import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  mergeEvents,
  parseQueueMessage,
  parseSesEvent,
  type DeliveryEvent,
} from '../../../../../src/features/delivery/logic/events';
import { sesEventsFor } from '../../../../support/sesEvents';

const ID = '0100018c1234abcd-11111111-2222-3333-4444-555555555555-000000';
const mail = { messageId: ID, timestamp: '2026-12-07T10:00:00.000Z', destination: ['a@x.example'] };
const envelope = (event: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    Type: 'Notification',
    MessageId: 'n-1',
    TopicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-smtp-toolkit-tracking',
    Message: typeof event === 'string' ? event : JSON.stringify(event),
    Timestamp: '2026-12-07T10:00:05.000Z',
    ...extra,
  });
const events = (body: string): DeliveryEvent[] => {
  const out = parseQueueMessage(body);
  assert.ok('events' in out, `ignored: ${'ignored' in out ? out.ignored : ''}`);
  return out.events;
};
const ignored = (body: string): string => {
  const out = parseQueueMessage(body);
  assert.ok('ignored' in out, 'expected the message to be ignored');
  return out.ignored;
};

describe('parseQueueMessage: each event type in SNS’s envelope', () => {
  test('Send: the whole message, no recipient', () => {
    assert.deepEqual(events(envelope({ eventType: 'Send', mail, send: {} })), [
      { messageId: ID, type: 'Send', time: '2026-12-07T10:00:00.000Z' },
    ]);
  });
  test('Delivery: one event per recipient, with the MTA’s reply and the processing time', () => {
    const got = events(
      envelope({
        eventType: 'Delivery',
        mail,
        delivery: {
          timestamp: '2026-12-07T10:00:01.000Z',
          processingTimeMillis: 546,
          recipients: ['a@x.example', 'b@x.example'],
          smtpResponse: '250 2.6.0 Message received',
        },
      }),
    );
    assert.deepEqual(
      got.map((e) => [e.type, e.recipient, e.smtpResponse, e.processingTimeMillis, e.time]),
      [
        ['Delivery', 'a@x.example', '250 2.6.0 Message received', 546, '2026-12-07T10:00:01.000Z'],
        ['Delivery', 'b@x.example', '250 2.6.0 Message received', 546, '2026-12-07T10:00:01.000Z'],
      ],
    );
  });
  test('Bounce: type, sub-type and each recipient’s diagnostic code', () => {
    const [e] = events(
      envelope({
        eventType: 'Bounce',
        mail,
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: [
            { emailAddress: 'bounce@simulator.amazonses.com', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
          ],
          timestamp: '2026-12-07T10:00:02.000Z',
        },
      }),
    );
    assert.deepEqual(e, {
      messageId: ID,
      type: 'Bounce',
      time: '2026-12-07T10:00:02.000Z',
      recipient: 'bounce@simulator.amazonses.com',
      bounceType: 'Permanent',
      bounceSubType: 'General',
      diagnosticCode: 'smtp; 550 5.1.1 user unknown',
    });
  });
  test('Complaint: the recipient and the feedback type', () => {
    const [e] = events(
      envelope({
        eventType: 'Complaint',
        mail,
        complaint: {
          complainedRecipients: [{ emailAddress: 'c@x.example' }],
          complaintFeedbackType: 'abuse',
          timestamp: '2026-12-07T10:00:03.000Z',
        },
      }),
    );
    assert.deepEqual([e.type, e.recipient, e.reason], ['Complaint', 'c@x.example', 'abuse']);
  });
  test('DeliveryDelay: the delay type and diagnostic', () => {
    const [e] = events(
      envelope({
        eventType: 'DeliveryDelay',
        mail,
        deliveryDelay: {
          delayType: 'TransientCommunicationFailure',
          delayedRecipients: [
            { emailAddress: 'd@x.example', status: '4.4.1', diagnosticCode: 'smtp; 421 4.4.1 Unable to connect' },
          ],
          timestamp: '2026-12-07T10:05:00.000Z',
        },
      }),
    );
    assert.deepEqual(
      [e.type, e.recipient, e.delayType, e.diagnosticCode],
      ['DeliveryDelay', 'd@x.example', 'TransientCommunicationFailure', 'smtp; 421 4.4.1 Unable to connect'],
    );
  });
  test('Reject: SES’s reason', () => {
    const [e] = events(envelope({ eventType: 'Reject', mail, reject: { reason: 'Bad content' } }));
    assert.deepEqual([e.type, e.recipient, e.reason], ['Reject', undefined, 'Bad content']);
  });
  test('Rendering Failure (SES spells it with a space): the error message', () => {
    const [e] = events(
      envelope({
        eventType: 'Rendering Failure',
        mail,
        failure: { errorMessage: 'Attribute name missing', templateName: 't' },
      }),
    );
    assert.deepEqual([e.type, e.reason], ['RenderingFailure', 'Attribute name missing']);
  });
  test('raw message delivery: the event itself is the body', () => {
    assert.equal(events(JSON.stringify({ eventType: 'Send', mail, send: {} }))[0].type, 'Send');
  });
  test('no time in the event: the mail’s timestamp', () => {
    const [e] = events(envelope({ eventType: 'Reject', mail, reject: {} }));
    assert.equal(e.time, mail.timestamp);
  });
  test('nothing of the headers or subject is kept', () => {
    const out = events(
      envelope({
        eventType: 'Send',
        mail: { ...mail, commonHeaders: { subject: 'secret plans' }, headers: [{ name: 'X', value: 'y' }] },
        send: {},
      }),
    );
    assert.doesNotMatch(JSON.stringify(out), /secret plans|"X"/);
  });
  test('the SES-like server’s events parse, one per simulator outcome', () => {
    const all = sesEventsFor({
      messageId: ID,
      source: 'me@example.com',
      destination: [
        'success@simulator.amazonses.com',
        'bounce@simulator.amazonses.com',
        'complaint@simulator.amazonses.com',
      ],
      configurationSet: 'ses-smtp-toolkit-tracking',
      region: 'eu-west-1',
      account: '123456789012',
    }).flatMap((e) => events(envelope(e.event)));
    assert.deepEqual(
      all.map((e) => `${e.type} ${e.recipient ?? '-'}`),
      [
        'Send -',
        'Delivery success@simulator.amazonses.com',
        'Bounce bounce@simulator.amazonses.com',
        'Delivery complaint@simulator.amazonses.com',
        'Complaint complaint@simulator.amazonses.com',
      ],
    );
  });
});

describe('parseQueueMessage: near misses are ignored with a reason', () => {
  test('not JSON', () => assert.match(ignored('not json'), /not JSON/));
  test('a JSON array', () => assert.match(ignored('[]'), /not JSON/));
  test('an SNS SubscriptionConfirmation', () =>
    assert.match(
      ignored(JSON.stringify({ Type: 'SubscriptionConfirmation', Message: 'x' })),
      /SubscriptionConfirmation/,
    ));
  test('a notification whose Message is not JSON', () =>
    assert.match(ignored(envelope('{broken')), /Message is not JSON/));
  test('a notification without a Message', () =>
    assert.match(ignored(JSON.stringify({ Type: 'Notification' })), /without a Message/));
  test('identity feedback notifications (notificationType) are another feature', () =>
    assert.match(ignored(envelope({ notificationType: 'Bounce', mail })), /notificationType|identity feedback/));
  test('an event type tracking does not follow (Open)', () =>
    assert.match(ignored(envelope({ eventType: 'Open', mail, open: {} })), /Open is not followed/));
  test('lowercase event type is not SES’s', () =>
    assert.match(ignored(envelope({ eventType: 'bounce', mail })), /not followed/));
  test('no mail.messageId', () =>
    assert.match(ignored(envelope({ eventType: 'Send', mail: {}, send: {} })), /messageId/));
  test('a messageId with spaces or markup', () =>
    assert.match(ignored(envelope({ eventType: 'Send', mail: { messageId: '<b>x</b> y' }, send: {} })), /messageId/));
  test('a Bounce without its bounce object', () =>
    assert.match(ignored(envelope({ eventType: 'Bounce', mail })), /without its bounce/));
  test('a Bounce without recipients', () =>
    assert.match(
      ignored(envelope({ eventType: 'Bounce', mail, bounce: { bounceType: 'Permanent', bouncedRecipients: [] } })),
      /without bounced recipients/,
    ));
  test('a Delivery whose recipients are not strings', () =>
    assert.match(
      ignored(envelope({ eventType: 'Delivery', mail, delivery: { recipients: [1, null] } })),
      /without recipients/,
    ));
  test('a Complaint without complained recipients', () =>
    assert.match(ignored(envelope({ eventType: 'Complaint', mail, complaint: {} })), /without complained/));
  test('a DeliveryDelay without delayed recipients', () =>
    assert.match(ignored(envelope({ eventType: 'DeliveryDelay', mail, deliveryDelay: {} })), /without delayed/));
  test('parseSesEvent refuses a non-object', () =>
    assert.deepEqual(parseSesEvent(null), { ignored: 'the event is not an object' }));
});

describe('a long diagnostic is cut and stays one line', () => {
  test('1000 characters at most, no newlines', () => {
    const [e] = events(
      envelope({
        eventType: 'Bounce',
        mail,
        bounce: {
          bounceType: 'Permanent',
          bouncedRecipients: [{ emailAddress: 'a@x.example', diagnosticCode: `a\r\nb${'x'.repeat(2000)}` }],
        },
      }),
    );
    assert.equal(e.diagnosticCode?.length, 1000);
    assert.match(e.diagnosticCode ?? '', /^a b/);
  });
});

describe('mergeEvents', () => {
  const send: DeliveryEvent = { messageId: ID, type: 'Send', time: '2026-12-07T10:00:00.000Z' };
  const bounce: DeliveryEvent = {
    messageId: ID,
    type: 'Bounce',
    time: '2026-12-07T10:00:01.000Z',
    recipient: 'a@x.example',
  };
  test('duplicates (a redelivered SQS message) are kept once, in time order', () => {
    assert.deepEqual(mergeEvents([bounce], [send, bounce]), [send, bounce]);
  });
  test('same time, another recipient: both kept', () => {
    const other = { ...bounce, recipient: 'b@x.example' };
    assert.equal(mergeEvents([bounce], [other]).length, 2);
  });
});
