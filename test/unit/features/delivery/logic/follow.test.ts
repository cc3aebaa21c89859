import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  countOutcomes,
  followMessage,
  followMessages,
  type FollowPorts,
} from '../../../../../src/features/delivery/logic/follow';
import type { Outcome, Timeline } from '../../../../../src/features/delivery/logic/timeline';
import type { DeliveryEvent } from '../../../../../src/features/delivery/logic/events';

const ID = 'msg-1';
const body = (event: object): string =>
  JSON.stringify({ Type: 'Notification', Message: JSON.stringify(event), Timestamp: '2026-12-07T10:00:00Z' });
const mail = (id = ID) => ({ messageId: id, timestamp: '2026-12-07T10:00:00.000Z' });
const bounce = (id = ID) =>
  body({
    eventType: 'Bounce',
    mail: mail(id),
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [
        { emailAddress: 'bounce@simulator.amazonses.com', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
      ],
      timestamp: '2026-12-07T10:00:01Z',
    },
  });

function ports(batches: string[][], clock?: { t: number }) {
  const waits: number[] = [];
  const removed: string[] = [];
  const kept: DeliveryEvent[] = [];
  const logs: string[] = [];
  let n = 0;
  const p: FollowPorts = {
    receive: (wait) => {
      waits.push(wait);
      if (clock) clock.t += wait * 1000;
      const batch = batches.shift() ?? [];
      return Promise.resolve(batch.map((b) => ({ body: b, receiptHandle: `h${n++}` })));
    },
    remove: (h) => {
      removed.push(...h);
      return Promise.resolve();
    },
    keep: (e) => void kept.push(...e),
    log: (l) => void logs.push(l),
  };
  return { p, waits, removed, kept, logs };
}

describe('followMessage', () => {
  test('stops once every recipient is settled; keeps and deletes what it read, other messages’ events too', async () => {
    const { p, removed, kept, logs, waits } = ports([
      [body({ eventType: 'Send', mail: mail(), send: {} }), 'garbage'],
      [bounce('other'), bounce()],
    ]);
    const updates: string[] = [];
    const r = await followMessage(p, ID, {
      recipients: ['bounce@simulator.amazonses.com'],
      onUpdate: (t) => updates.push(t.recipients[0].outcome),
    });
    assert.equal(r.stopped, 'settled');
    assert.equal(r.timeline.recipients[0].outcome, 'bounced');
    assert.deepEqual(updates, ['accepted', 'bounced']);
    assert.deepEqual(removed, ['h0', 'h1', 'h2', 'h3']);
    assert.deepEqual(
      kept.map((e) => `${e.messageId} ${e.type}`),
      [`${ID} Send`, 'other Bounce', `${ID} Bounce`],
    );
    assert.equal(logs.length, 1);
    assert.match(logs[0], /ignored: the message is not JSON/);
    assert.ok(waits.every((w) => w >= 1 && w <= 20));
  });
  test('nothing comes: stops when the time is up, each poll a long one', async () => {
    const clock = { t: 0 };
    const { p, waits } = ports([], clock);
    const r = await followMessage(p, ID, { recipients: ['a@x.example'], totalMs: 45_000, now: () => clock.t });
    assert.equal(r.stopped, 'time is up');
    assert.deepEqual(waits, [20, 20, 5]);
    assert.equal(r.timeline.recipients[0].outcome, 'no event yet');
  });
  test('cancelled: stops without polling again', async () => {
    const ac = new AbortController();
    const { p, waits } = ports([]);
    const slow: FollowPorts = { ...p, receive: (w, s) => (ac.abort(), p.receive(w, s)) };
    const r = await followMessage(slow, ID, { recipients: ['a@x.example'], signal: ac.signal });
    assert.equal(r.stopped, 'cancelled');
    assert.equal(waits.length, 1);
  });
  test('events already kept that settle it: no poll at all', async () => {
    const { p, waits } = ports([]);
    const known: DeliveryEvent[] = [
      { messageId: ID, type: 'Delivery', time: '2026-12-07T10:00:00.000Z', recipient: 'a@x.example' },
    ];
    const r = await followMessage(p, ID, { recipients: ['a@x.example'], known });
    assert.equal(r.stopped, 'settled');
    assert.equal(waits.length, 0);
  });
  test('a receive error that is not a cancel is thrown', async () => {
    const { p } = ports([]);
    await assert.rejects(
      followMessage({ ...p, receive: () => Promise.reject(new Error('denied')) }, ID, { recipients: ['a@x'] }),
      /denied/,
    );
  });
});

describe('followMessages (a burst) and countOutcomes', () => {
  const delivery = (id: string, to = 'success@simulator.amazonses.com') =>
    body({
      eventType: 'Delivery',
      mail: mail(id),
      delivery: { recipients: [to], timestamp: '2026-12-07T10:00:02Z', smtpResponse: '250 ok' },
    });
  test('one queue, several messages: settled when every message is, each timeline its own', async () => {
    const { p, waits, kept } = ports([[delivery('m1'), bounce('stranger')], [delivery('m2')]]);
    const seen: number[] = [];
    const r = await followMessages(p, ['m1', 'm2'], {
      recipients: ['success@simulator.amazonses.com'],
      onUpdate: (t) => seen.push(t.filter((x) => x.settled).length),
    });
    assert.equal(r.stopped, 'settled');
    assert.deepEqual(
      r.timelines.map((t) => `${t.messageId} ${t.recipients[0].outcome}`),
      ['m1 delivered', 'm2 delivered'],
    );
    assert.deepEqual(seen, [1, 2]);
    assert.equal(waits.length, 2);
    assert.ok(
      kept.some((e) => e.messageId === 'stranger'),
      'other messages’ events are kept too',
    );
  });
  test('events of other messages only: no update, and the time runs out with the messages waiting', async () => {
    const clock = { t: 0 };
    const { p } = ports([[bounce('stranger')]], clock);
    let updates = 0;
    const r = await followMessages(p, ['m1'], {
      recipients: ['a@x.example'],
      totalMs: 30_000,
      now: () => clock.t,
      onUpdate: () => updates++,
    });
    assert.equal(r.stopped, 'time is up');
    assert.equal(updates, 0);
    assert.equal(countOutcomes(r.timelines)['no event yet'], 1);
  });
  test('kept events are looked up per message id', async () => {
    const { p, waits } = ports([]);
    const kept: Record<string, DeliveryEvent[]> = {
      m1: [{ messageId: 'm1', type: 'Delivery', time: '2026-12-07T10:00:00.000Z', recipient: 'a@x.example' }],
      m2: [{ messageId: 'm2', type: 'Complaint', time: '2026-12-07T10:00:00.000Z', recipient: 'a@x.example' }],
    };
    const r = await followMessages(p, ['m1', 'm2'], { recipients: ['a@x.example'], known: (id) => kept[id] ?? [] });
    assert.equal(r.stopped, 'settled');
    assert.equal(waits.length, 0);
  });
  test('countOutcomes counts each recipient of each message under its outcome, every outcome present', () => {
    const t = (outcomes: string[]): Timeline => ({
      messageId: 'x',
      message: [],
      settled: false,
      recipients: outcomes.map((o, i) => ({ recipient: `r${i}@x`, outcome: o as Outcome, lines: [] })),
    });
    const c = countOutcomes([
      t(['delivered', 'bounced', 'complained']),
      t(['delivered', 'delayed', 'rejected', 'accepted', 'no event yet']),
    ]);
    assert.deepEqual(c, {
      accepted: 1,
      delivered: 2,
      bounced: 1,
      complained: 1,
      delayed: 1,
      rejected: 1,
      'no event yet': 1,
    });
    assert.deepEqual(Object.values(countOutcomes([])), [0, 0, 0, 0, 0, 0, 0]);
  });
  test('a list of ids is required', async () => {
    const { p } = ports([]);
    await assert.rejects(followMessages(p, 'm1' as never), /messageIds/);
  });
});

describe('two followers on one queue', () => {
  test('events another follower took and kept are seen after the next poll', async () => {
    const store: DeliveryEvent[] = [];
    const { p } = ports([[], []]);
    let polls = 0;
    const racing: FollowPorts = {
      ...p,
      receive: async (w, s) => {
        const got = await p.receive(w, s);
        // After the first poll, the other follower reads this message's delivery and keeps it.
        if (++polls === 1)
          store.push({ messageId: 'm1', type: 'Delivery', time: '2026-12-07T10:00:03.000Z', recipient: 'a@x.example' });
        return got;
      },
    };
    const updates: string[] = [];
    const r = await followMessages(racing, ['m1'], {
      recipients: ['a@x.example'],
      known: (id) => store.filter((e) => e.messageId === id),
      onUpdate: (t) => updates.push(t[0].recipients[0].outcome),
    });
    assert.equal(r.stopped, 'settled');
    assert.equal(r.polls, 1);
    assert.deepEqual(updates, ['delivered']);
  });
});
