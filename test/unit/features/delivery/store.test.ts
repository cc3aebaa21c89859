import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DeliveryStore, MAX_MESSAGES } from '../../../../src/features/delivery/store';
import type { DeliveryEvent } from '../../../../src/features/delivery/logic/events';

function memento() {
  const data = new Map<string, unknown>();
  return {
    data,
    keys: () => [...data.keys()],
    get: <T>(key: string, fallback?: T): T =>
      data.has(key) ? (JSON.parse(JSON.stringify(data.get(key))) as T) : (fallback as T),
    update: (key: string, value: unknown) => {
      data.set(key, JSON.parse(JSON.stringify(value)));
      return Promise.resolve();
    },
  };
}
const state = (region: string) => ({
  region,
  topicArn: `arn:aws:sns:${region}:1:t`,
  queueUrl: 'q',
  queueArn: 'qa',
  subscriptionArn: 's',
  configurationSet: 'ses-smtp-toolkit-tracking',
  createdAt: '2026-12-07T00:00:00.000Z',
});
const ev = (messageId: string, type: DeliveryEvent['type'], s = 0): DeliveryEvent => ({
  messageId,
  type,
  time: new Date(Date.UTC(2026, 11, 7, 10, 0, s)).toISOString(),
});

describe('DeliveryStore', () => {
  test('tracking per region: saved, listed, forgotten', async () => {
    const store = new DeliveryStore(memento() as never);
    await store.saveTracking(state('eu-west-1'));
    await store.saveTracking({ ...state('us-east-1'), profile: 'admin' });
    assert.equal(store.tracking('eu-west-1')?.topicArn, 'arn:aws:sns:eu-west-1:1:t');
    assert.equal(store.tracking('us-east-1')?.profile, 'admin');
    await store.forgetTracking('eu-west-1');
    assert.deepEqual(
      store.allTracking().map((s) => s.region),
      ['us-east-1'],
    );
  });
  test('events per message id, merged without duplicates, with the region', async () => {
    const store = new DeliveryStore(memento() as never);
    await store.keep('eu-west-1', [ev('a', 'Send'), ev('b', 'Send')]);
    await store.keep('eu-west-1', [ev('a', 'Send'), ev('a', 'Delivery', 1)]);
    assert.deepEqual(store.events('a'), { region: 'eu-west-1', events: [ev('a', 'Send'), ev('a', 'Delivery', 1)] });
    assert.equal(store.events('c'), undefined);
  });
  test(`at most ${MAX_MESSAGES} messages: the oldest go`, async () => {
    const m = memento();
    const store = new DeliveryStore(m as never);
    for (let i = 0; i <= MAX_MESSAGES; i++) {
      await store.keep('eu-west-1', [ev(`m${i}`, 'Send')]);
      await new Promise((r) => setImmediate(r));
    }
    assert.equal(Object.keys(m.data.get('sesSmtpToolkit.delivery.events') as object).length, MAX_MESSAGES);
    assert.equal(store.events('m0'), undefined, 'the oldest went');
    assert.ok(store.events(`m${MAX_MESSAGES}`), 'the newest stays');
  });
  test('the last bounce or complaint of mail from an address, in that region only', async () => {
    const store = new DeliveryStore(memento() as never);
    const from = { messageIds: ['a'], from: 'Me@Example.com' };
    await store.keep('eu-west-1', [ev('a', 'Send'), { ...ev('a', 'Bounce', 2), recipient: 'b@x' }], from);
    await store.keep('eu-west-1', [{ ...ev('b', 'Complaint', 5), recipient: 'c@x' }], {
      messageIds: ['b'],
      from: 'other@example.com',
    });
    await store.keep('us-east-1', [{ ...ev('c', 'Complaint', 9), recipient: 'd@x' }], {
      messageIds: ['c'],
      from: 'me@example.com',
    });
    await store.keep('eu-west-1', [{ ...ev('d', 'Delivery', 7), recipient: 'e@x' }], {
      messageIds: ['d'],
      from: 'me@example.com',
    });
    assert.equal(store.lastIssue('eu-west-1', 'me@example.com')?.recipient, 'b@x');
    assert.equal(store.lastIssue('eu-west-1', 'nobody@example.com'), undefined);
    assert.equal(store.lastIssue('us-east-1', 'ME@example.com')?.type, 'Complaint');
  });
  test('a sender given for another message id is not recorded on this one', async () => {
    const store = new DeliveryStore(memento() as never);
    await store.keep('eu-west-1', [{ ...ev('x', 'Bounce'), recipient: 'b@x' }], {
      messageIds: ['y'],
      from: 'me@example.com',
    });
    assert.equal(store.lastIssue('eu-west-1', 'me@example.com'), undefined);
  });
  test('a burst’s sender is recorded on each of its message ids, not on another', async () => {
    const store = new DeliveryStore(memento() as never);
    const sent = { messageIds: ['p', 'q'], from: 'me@example.com' };
    await store.keep('eu-west-1', [{ ...ev('q', 'Bounce', 3), recipient: 'b@x' }], sent);
    await store.keep('eu-west-1', [{ ...ev('r', 'Complaint', 8), recipient: 'c@x' }], sent);
    assert.equal(store.lastIssue('eu-west-1', 'me@example.com')?.messageId, 'q');
  });
  test('nothing but events is kept: no body, subject or header field', async () => {
    const m = memento();
    await new DeliveryStore(m as never).keep('eu-west-1', [
      { ...ev('a', 'Bounce'), recipient: 'x@y', diagnosticCode: 'smtp; 550' },
    ]);
    assert.deepEqual(
      Object.keys(
        (m.data.get('sesSmtpToolkit.delivery.events') as Record<string, { events: object[] }>).a.events[0],
      ).sort(),
      ['diagnosticCode', 'messageId', 'recipient', 'time', 'type'],
    );
  });
});
