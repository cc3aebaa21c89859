import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { eventsFromInsights } from '../../../../../src/features/delivery/logic/insights';
import { buildTimeline } from '../../../../../src/features/delivery/logic/timeline';

const ID = 'm-1';
const at = new Date('2026-12-07T10:00:00.000Z');

describe('eventsFromInsights', () => {
  test('each destination’s events, the bounce’s details in tracking’s words', () => {
    const events = eventsFromInsights(ID, [
      {
        Destination: 'bounce@simulator.amazonses.com',
        Isp: 'Amazon SES',
        Events: [
          { Timestamp: at, Type: 'SEND' },
          {
            Timestamp: new Date(at.getTime() + 1000),
            Type: 'BOUNCE',
            Details: {
              Bounce: {
                BounceType: 'PERMANENT',
                BounceSubType: 'General',
                DiagnosticCode: 'smtp; 550 5.1.1 user unknown',
              },
            },
          },
        ],
      },
      {
        Destination: 'complaint@simulator.amazonses.com',
        Events: [
          { Timestamp: 1765101602, Type: 'COMPLAINT', Details: { Complaint: { ComplaintFeedbackType: 'abuse' } } },
        ],
      },
    ]);
    assert.deepEqual(events[1], {
      messageId: ID,
      type: 'Bounce',
      time: '2026-12-07T10:00:01.000Z',
      recipient: 'bounce@simulator.amazonses.com',
      bounceType: 'Permanent',
      bounceSubType: 'General',
      diagnosticCode: 'smtp; 550 5.1.1 user unknown',
    });
    assert.deepEqual(
      [events[2].type, events[2].reason, events[2].time],
      ['Complaint', 'abuse', '2025-12-07T10:00:02.000Z'],
    );
    const t = buildTimeline(ID, events);
    assert.deepEqual(
      t.recipients.map((r) => r.outcome),
      ['bounced', 'complained'],
    );
  });
  test('OPEN, CLICK, SUBSCRIPTION and unknown types are left out; so are events without a time', () => {
    const events = eventsFromInsights(ID, [
      {
        Destination: 'a@x.example',
        Events: [
          { Timestamp: at, Type: 'OPEN' },
          { Timestamp: at, Type: 'CLICK' },
          { Timestamp: at, Type: 'SUBSCRIPTION' },
          { Timestamp: at, Type: 'delivery' },
          { Type: 'DELIVERY' },
          { Timestamp: 'not a date', Type: 'DELIVERY' },
          { Timestamp: at, Type: 'DELIVERY' },
        ],
      },
    ]);
    assert.deepEqual(
      events.map((e) => e.type),
      ['Delivery'],
    );
  });
  test('a destination without an address, or not a list at all: nothing', () => {
    assert.deepEqual(eventsFromInsights(ID, [{ Events: [{ Timestamp: at, Type: 'SEND' }] }, null, 'x']), []);
    assert.deepEqual(eventsFromInsights(ID, undefined), []);
    assert.deepEqual(eventsFromInsights(ID, { Insights: [] }), []);
  });
  test('an unknown bounce type is kept as SES wrote it', () => {
    const [e] = eventsFromInsights(ID, [
      {
        Destination: 'a@x',
        Events: [{ Timestamp: at, Type: 'BOUNCE', Details: { Bounce: { BounceType: 'NEW_KIND' } } }],
      },
    ]);
    assert.equal(e.bounceType, 'NEW_KIND');
  });
});
