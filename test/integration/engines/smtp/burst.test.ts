// sendTestBurst against the SES-like server: every message accepted at an unthrottled rate, 454s
// counted once the server's maximum send rate is passed (and retried only as SES advises), 5xx never
// retried, a cancel that stops the burst, and no connection left open afterwards.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { burstHeadline } from '../../../../src/engines/smtp/burstMath';
import { sendTestBurst, type BurstOptions } from '../../../../src/engines/smtp/burst';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { startSesSmtpServer, type SesServer } from '../../../support/sesSmtpServer';

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REGION = 'eu-west-1';

async function allClosed(server: SesServer): Promise<void> {
  // The pool's QUIT and the server's close arrive shortly after the burst returns.
  for (let i = 0; i < 200 && server.closedSessions() < server.openedSessions(); i++)
    await new Promise((r) => setTimeout(r, 10));
  assert.equal(server.closedSessions(), server.openedSessions(), 'every connection the burst opened is closed');
}

describe('sendTestBurst against an SES-like server', () => {
  let server: SesServer;
  const options = (extra: Partial<BurstOptions> = {}): BurstOptions => ({
    host: server.host,
    port: server.port,
    tls: 'starttls',
    username: ACCESS_KEY,
    password: deriveSmtpPassword(SECRET, REGION),
    ca: server.ca,
    mail: { from: 'burst@example.com', to: ['success@simulator.amazonses.com'], subject: 'burst', text: 'x' },
    count: 20,
    rate: 1000,
    poolSize: 3,
    ...extra,
  });

  before(async () => {
    server = await startSesSmtpServer({
      region: REGION,
      tls: 'starttls',
      users: [{ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET }],
      verified: ['example.com'],
    });
  });
  after(() => server.stop());

  test('N messages, all accepted, over at most poolSize connections, all closed after', async () => {
    server.options.maxSendRate = undefined;
    const before = server.received.length;
    const opened = server.openedSessions();
    const progress: number[] = [];
    const s = await sendTestBurst(options({ onProgress: (o) => progress.push(o.index) }));
    assert.deepEqual([s.accepted, s.throttled, s.failed, s.notSent], [20, 0, 0, 0]);
    assert.equal(server.received.length - before, 20);
    assert.ok(server.openedSessions() - opened <= 3, `${server.openedSessions() - opened} connections`);
    assert.deepEqual(
      [...progress].sort((a, b) => a - b),
      [...Array(20).keys()],
      'progress for every message',
    );
    assert.ok(s.latencyP50Ms !== undefined && s.latencyP95Ms !== undefined && s.latencyP95Ms >= s.latencyP50Ms);
    await allClosed(server);
  });

  test("SES's per-session limit: a 421 is retried at once over a new connection; under the limit, none", async () => {
    server.options.maxSendRate = undefined;
    server.options.maxMessagesPerSession = 10;
    try {
      const hits = server.sessionLimitHits();
      const s = await sendTestBurst(
        options({ count: 25, poolSize: 1, messagesPerConnection: 100, retryDelaysMs: [60_000, 60_000] }),
      );
      assert.equal(s.accepted, 25, burstHeadline(s));
      assert.ok(server.sessionLimitHits() - hits >= 2, 'the server closed sessions at its limit');
      assert.equal(s.sessionLimitReplies, server.sessionLimitHits() - hits);
      assert.match(burstHeadline(s), /SES closed \d+ session\(s\) at its per-session message limit \(421\)/);
      const before = server.sessionLimitHits();
      const under = await sendTestBurst(options({ count: 25, poolSize: 1, messagesPerConnection: 10 }));
      assert.equal(under.accepted, 25);
      assert.equal(server.sessionLimitHits(), before, 'the pool reconnected before the limit');
      assert.equal(under.sessionLimitReplies, 0);
      assert.doesNotMatch(burstHeadline(under), /per-session/);
    } finally {
      server.options.maxMessagesPerSession = undefined;
    }
    await allClosed(server);
  });

  test('each accepted message carries the id of its "250 Ok <id>" (delivery tracking follows them)', async () => {
    server.options.maxSendRate = undefined;
    const before = server.received.length;
    const ids: Array<string | undefined> = [];
    await sendTestBurst(options({ count: 5, onProgress: (o) => ids.push(o.messageId) }));
    const given = server.received.slice(before).map((m) => m.messageId);
    assert.equal(given.length, 5);
    assert.deepEqual([...ids].sort(), [...given].sort());
    await allClosed(server);
  });

  test('past the maximum send rate: 454s are counted, retried after a back-off, and never exceed N', async () => {
    server.options.maxSendRate = 2;
    const waits: number[] = [];
    const before = server.rateThrottled();
    const s = await sendTestBurst(
      options({ maxSendRate: 2, retryDelaysMs: [7], sleep: async (ms) => void waits.push(ms) }),
    );
    server.options.maxSendRate = undefined;
    assert.ok(s.throttled > 0, 'some messages ended throttled');
    assert.equal(s.accepted + s.throttled + s.failed, 20);
    assert.equal(s.throttledReplies, server.rateThrottled() - before, 'every 454 the server sent is counted');
    assert.ok(waits.includes(7), 'a 454 was retried after the back-off');
    assert.equal(s.maxSendRate, 2);
    assert.match(s.failures[0]?.reply ?? '', /454 Throttling failure: Maximum sending rate exceeded/);
    await allClosed(server);
  });

  test('a 5xx is never retried', async () => {
    server.options.rejectNext = { count: 1, code: 554, text: 'Message rejected: Email address is not verified.' };
    const waits: number[] = [];
    const s = await sendTestBurst(
      options({ count: 3, poolSize: 1, rate: 1000, retryDelaysMs: [777], sleep: async (ms) => void waits.push(ms) }),
    );
    assert.equal(s.failed, 1);
    assert.equal(s.accepted, 2);
    assert.ok(!waits.includes(777), 'no retry wait (pacing waits only)');
    await allClosed(server);
  });

  test('wrong password: the burst stops at the first login failure instead of failing N times', async () => {
    const s = await sendTestBurst(
      options({ password: deriveSmtpPassword(SECRET, 'us-east-1'), count: 50, rate: 50, poolSize: 1 }),
    );
    assert.equal(s.accepted, 0);
    assert.ok(s.failed >= 1 && s.notSent > 0, JSON.stringify(s));
    assert.match(s.stoppedReason ?? '', /535 Authentication Credentials Invalid/);
    await allClosed(server);
  });

  test('cancel stops the burst: no more messages after it, the rest counted as not sent', async () => {
    const controller = new AbortController();
    const before = server.received.length;
    const s = await sendTestBurst(
      options({
        count: 1000,
        rate: 20,
        signal: controller.signal,
        onProgress: (_o, sum) => sum.accepted >= 3 && controller.abort(),
      }),
    );
    const afterCancel = server.received.length;
    assert.equal(s.cancelled, true);
    assert.ok(s.accepted >= 3 && s.accepted < 1000);
    assert.equal(s.notSent, 1000 - s.accepted - s.failed - s.throttled);
    await allClosed(server);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(server.received.length, afterCancel, 'nothing arrives after the burst returned');
    assert.ok(afterCancel - before < 1000);
  });
});
