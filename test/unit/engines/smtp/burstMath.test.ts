// The arithmetic of a test burst (src/engines/smtp/burstMath.ts): pacing, the recipient rule,
// percentiles and the summary.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  burstHeadline,
  deliveryLine,
  isSessionLimitReply,
  burstRecipientProblem,
  effectiveRate,
  FALLBACK_RATE,
  percentile,
  startOffsetMs,
  summarizeBurst,
  waitBeforeMs,
  type BurstDelivery,
  type BurstMessageOutcome,
} from '../../../../src/engines/smtp/burstMath';

describe('burst pacing', () => {
  test('message i starts i/rate seconds after the start', () => {
    assert.equal(startOffsetMs(0, 14), 0);
    assert.equal(startOffsetMs(14, 14), 1000);
    assert.equal(startOffsetMs(3, 0.5), 6000);
  });
  test('the wait is what is left until that moment, never negative', () => {
    assert.equal(waitBeforeMs(10, 10, 400), 600);
    assert.equal(waitBeforeMs(10, 10, 1500), 0);
  });
  test('a rate of 0 or below is refused', () => {
    assert.throws(() => startOffsetMs(1, 0), RangeError);
    assert.throws(() => startOffsetMs(1, -2), RangeError);
  });
  test('the rate: the chosen one, else the account maximum, else the sandbox rate; clamped', () => {
    assert.equal(effectiveRate(5, 14), 5);
    assert.equal(effectiveRate(undefined, 14), 14);
    assert.equal(effectiveRate(undefined, undefined), FALLBACK_RATE);
    assert.equal(effectiveRate(undefined, 0), FALLBACK_RATE);
    assert.equal(effectiveRate(5000, undefined), 1000);
    assert.equal(effectiveRate(0.01, undefined), 0.1);
  });
});

describe('burst recipients', () => {
  test('mailbox simulator addresses, labels included, need no confirmation', () => {
    assert.equal(
      burstRecipientProblem(['success@simulator.amazonses.com', 'bounce+x@SIMULATOR.amazonses.com'], false),
      undefined,
    );
  });
  test('a real mailbox is refused unless confirmed, and the reason names it and the quota', () => {
    const problem = burstRecipientProblem(['success@simulator.amazonses.com', 'me@example.com'], false);
    assert.match(problem ?? '', /me@example\.com is not a mailbox simulator address.*daily quota.*reputation/);
    assert.equal(burstRecipientProblem(['me@example.com'], true), undefined);
  });
  test('near misses of the simulator domain are real mailboxes', () => {
    for (const a of ['x@simulator.amazonses.com.evil.com', 'x@amazonses.com', 'x@fake-simulator.amazonses.com']) {
      assert.ok(burstRecipientProblem([a], false), a);
    }
  });
  test('no recipient at all is a problem even when confirmed', () => {
    assert.match(burstRecipientProblem([], true) ?? '', /needs a recipient/);
  });
});

describe('burst statistics', () => {
  test('nearest-rank percentiles', () => {
    const values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    assert.equal(percentile(values, 50), 5);
    assert.equal(percentile(values, 95), 10);
    assert.equal(percentile(values, 0), 1);
    assert.equal(percentile([42], 95), 42);
    assert.equal(percentile([], 50), undefined);
  });
  const o = (
    index: number,
    kind: BurstMessageOutcome['kind'],
    extra: Partial<BurstMessageOutcome> = {},
  ): BurstMessageOutcome => ({ index, kind, throttledReplies: 0, attempts: 1, ...extra });
  test('counts, latencies of accepted messages only, grouped failures, the rate achieved', () => {
    const s = summarizeBurst(
      [
        o(0, 'accepted', { latencyMs: 10 }),
        o(1, 'accepted', { latencyMs: 30, throttledReplies: 1, attempts: 2 }),
        o(2, 'throttled', {
          latencyMs: 1,
          throttledReplies: 3,
          reply: '454 Throttling failure: Maximum sending rate exceeded.',
        }),
        o(3, 'failed', { latencyMs: 999, reply: '554 Message rejected' }),
        o(4, 'failed', { reply: '554 Message rejected' }),
      ],
      { requested: 8, elapsedMs: 2000, targetRate: 4, maxSendRate: 2, cancelled: true },
    );
    assert.deepEqual([s.accepted, s.throttled, s.failed, s.notSent, s.throttledReplies], [2, 1, 2, 3, 4]);
    assert.equal(s.latencyP50Ms, 10);
    assert.equal(s.latencyP95Ms, 30);
    assert.equal(s.achievedRate, 1);
    assert.deepEqual(s.failures[0], { reply: '554 Message rejected', count: 2 });
    assert.match(burstHeadline(s), /2 of 8 accepted, 1 throttled \(454\), 2 failed, 3 not sent/);
    assert.match(burstHeadline(s), /1\.0 accepted\/s at a pace of 4\/s; account maximum 2\/s \(50%\)/);
  });
  test('no accepted message: no latency, a rate of 0', () => {
    const s = summarizeBurst([o(0, 'failed')], { requested: 1, elapsedMs: 0, targetRate: 1, cancelled: false });
    assert.equal(s.latencyP50Ms, undefined);
    assert.equal(s.achievedRate, 0);
    assert.doesNotMatch(burstHeadline(s), /p50|account maximum/);
  });
});

describe('burst delivery line (delivery tracking on)', () => {
  const d = (extra: Partial<BurstDelivery> = {}): BurstDelivery => ({
    configurationSet: 'ses-smtp-toolkit-tracking',
    delivered: 3,
    bounced: 1,
    complained: 2,
    delayed: 0,
    rejected: 0,
    waiting: 0,
    stopped: 'settled',
    ...extra,
  });
  test('settled: delivered, bounced and complained, nothing else', () => {
    assert.equal(deliveryLine(d()), 'delivered 3, bounced 1, complained 2');
  });
  test('delays, rejections and recipients still waiting are named only when there are some', () => {
    assert.equal(
      deliveryLine(d({ delayed: 1, rejected: 2, waiting: 4, stopped: 'time is up' })),
      'delivered 3, bounced 1, complained 2, delayed 1, rejected 2, no final event yet 4',
    );
  });
  test('a cancelled following says so next to what is still waiting', () => {
    assert.match(
      deliveryLine(d({ waiting: 2, stopped: 'cancelled' })),
      /no final event yet 2 \(following cancelled\)$/,
    );
  });
  test('a failed following gives its reason instead of counts', () => {
    assert.equal(
      deliveryLine(d({ stopped: 'failed', error: 'sqs:ReceiveMessage denied' })),
      'delivery not followed: sqs:ReceiveMessage denied',
    );
  });
  test('the headline ends with the delivery line only when the summary has one', () => {
    const s = summarizeBurst([{ index: 0, kind: 'accepted', throttledReplies: 0, attempts: 1, latencyMs: 5 }], {
      requested: 1,
      elapsedMs: 10,
      targetRate: 1,
      cancelled: false,
    });
    assert.doesNotMatch(burstHeadline(s), /delivered/);
    assert.match(burstHeadline({ ...s, delivery: d() }), / \u00b7 delivered 3, bounced 1, complained 2$/);
  });
});

describe('SES per-session limit reply', () => {
  test("SES's 421 at the per-session limit, with or without an enhanced code", () => {
    assert.equal(
      isSessionLimitReply('421 Connection closed by server. Maximum message count per session reached.'),
      true,
    );
    assert.equal(isSessionLimitReply('421 4.3.0 Maximum message count per session reached'), true);
  });
  test('near misses: another 421, the same words without 421, nothing', () => {
    assert.equal(isSessionLimitReply('421 Too many concurrent SMTP connections'), false);
    assert.equal(isSessionLimitReply('421 4.7.0 Try again later, closing connection.'), false);
    assert.equal(isSessionLimitReply('554 Maximum message count per session reached'), false);
    assert.equal(isSessionLimitReply(undefined), false);
  });
  test('the headline names the sessions SES closed, and says to send fewer per connection', () => {
    const s = summarizeBurst(
      [{ index: 0, kind: 'accepted', throttledReplies: 0, attempts: 2, latencyMs: 5, sessionLimitReplies: 1 }],
      { requested: 1, elapsedMs: 10, targetRate: 1, cancelled: false },
    );
    assert.equal(s.sessionLimitReplies, 1);
    assert.match(
      burstHeadline(s),
      /SES closed 1 session\(s\) at its per-session message limit \(421\) and the pool reconnected/,
    );
  });
});
