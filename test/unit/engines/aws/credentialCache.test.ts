import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cachedProvider, describeCredentialError } from '../../../../src/engines/aws/credentialCache';

describe('cached AWS credential provider', () => {
  const setup = (answers: Array<{ key: string; expiration?: Date } | Error>) => {
    let clock = 1_000_000;
    const calls: unknown[] = [];
    const base = async (arg?: unknown) => {
      calls.push(arg);
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      if (next instanceof Error) throw next;
      return next;
    };
    const provider = cachedProvider(base, { ttlMs: 60_000, refreshBeforeMs: 300_000, now: () => clock });
    return { provider, calls, tick: (ms: number) => (clock += ms), now: () => clock };
  };

  test('concurrent callers share one read, and the SDK argument reaches the base provider', async () => {
    const { provider, calls } = setup([{ key: 'a' }]);
    const arg = { callerClientConfig: { region: 'cn-north-1' } };
    const got = await Promise.all([provider(arg), provider(arg), provider(arg)]);
    assert.deepEqual(
      got.map((g) => g.key),
      ['a', 'a', 'a'],
    );
    assert.deepEqual(calls, [arg]);
  });

  test('long-term keys are read again after the ttl: an edited credentials file is picked up', async () => {
    const { provider, calls, tick } = setup([{ key: 'old' }, { key: 'fixed' }]);
    assert.equal((await provider()).key, 'old');
    tick(30_000);
    assert.equal((await provider()).key, 'old');
    tick(31_000);
    assert.equal((await provider()).key, 'fixed');
    assert.equal(calls.length, 2);
  });

  test('temporary credentials are renewed shortly before they expire, once for concurrent callers', async () => {
    const s = setup([]);
    const answers = [
      { key: 't1', expiration: new Date(s.now() + 10 * 60_000) },
      { key: 't2', expiration: new Date(s.now() + 70 * 60_000) },
    ];
    const { provider, calls, tick } = setupWith(answers, s);
    assert.equal((await provider()).key, 't1');
    tick(6 * 60_000); // 4 minutes left
    const renewed = await Promise.all([provider(), provider(), provider()]);
    assert.deepEqual(
      renewed.map((r) => r.key),
      ['t2', 't2', 't2'],
    );
    assert.equal(calls.length, 2);
  });

  test('a failure is not remembered', async () => {
    const { provider, calls } = setup([new Error('Could not load credentials'), { key: 'b' }]);
    await assert.rejects(provider(), /Could not load credentials/);
    assert.equal((await provider()).key, 'b');
    assert.equal(calls.length, 2);
  });

  test('a failing credential_process is described without its command line', () => {
    assert.equal(
      describeCredentialError(new Error('Command failed: /usr/bin/get-creds --token abc123\nboom')),
      'the credential_process command failed (run it in a terminal to see why)',
    );
    assert.equal(
      describeCredentialError(new Error('Could not resolve credentials using profile: [x]\nmore')),
      'Could not resolve credentials using profile: [x]',
    );
  });
});

// A provider over a fixed answer list, sharing a clock with setup()'s.
function setupWith(
  answers: Array<{ key: string; expiration?: Date }>,
  s: { tick: (ms: number) => number; now: () => number },
) {
  const calls: unknown[] = [];
  const provider = cachedProvider(
    async () => {
      calls.push(1);
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      return next;
    },
    { ttlMs: 60_000, refreshBeforeMs: 300_000, now: s.now },
  );
  return { provider, calls, tick: s.tick };
}
