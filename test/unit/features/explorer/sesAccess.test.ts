// The bound on requests in flight per region (src/features/explorer/sesAccess.ts) that keeps sockets
// in check now that every region loads at once.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { limiter } from '../../../../src/features/explorer/sesAccess';

function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

async function settled(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

describe('requests in flight per region', () => {
  test('the limiter never runs more than its bound at once and runs every call', async () => {
    const limit = limiter(4);
    let active = 0;
    let most = 0;
    const gates = Array.from({ length: 10 }, gate);
    const runs = gates.map((g, i) =>
      limit(async () => {
        active++;
        most = Math.max(most, active);
        await g.promise;
        active--;
        return i;
      }),
    );
    await settled();
    assert.equal(active, 4);
    for (const g of gates) {
      g.open();
      await settled();
    }
    assert.deepEqual(await Promise.all(runs), [...Array(10).keys()]);
    assert.equal(most, 4);
  });
});
