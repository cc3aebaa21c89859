// The chosen regions' first answers reach the tree in one update (VS Code would hold back every
// update after the first for 200 ms): held until the last region answers, or HOLD_MS after the
// first answer when a region is slower; anything else is drawn at once.
import { test, describe, mock, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountInfo, IdentityPage } from '../../../../src/engines/aws/ses';
import { ChangeBatch, HOLD_MS } from '../../../../src/features/explorer/changeBatch';
import { ExplorerRoot } from '../../../../src/features/explorer/root';
import type { ExplorerNode, SesAccess } from '../../../../src/features/explorer/nodes/types';

/** Every region's first page waits until the test answers it. */
class HeldSes implements SesAccess {
  readonly held = new Map<string, (page: IdentityPage | Error) => void>();
  async checkCredentials(): Promise<{ ok: true }> {
    return { ok: true };
  }
  listIdentities(region: string): Promise<IdentityPage> {
    return new Promise((resolve, reject) =>
      this.held.set(region, (page) => (page instanceof Error ? reject(page) : resolve(page))),
    );
  }
  async account(): Promise<AccountInfo> {
    return { available: false, reason: 'no GetAccount here' };
  }
  identityDetails(): never {
    throw new Error('not asked in these tests');
  }
  describeError(err: unknown): string {
    return (err as Error).message;
  }
}

const settled = (): Promise<void> => new Promise((r) => setImmediate(r));
const page = (region: string): IdentityPage => ({
  identities: [{ name: `a@${region}.example.com`, type: 'EMAIL_ADDRESS', sendingEnabled: true }],
  nextToken: 'next',
});
const labels = (nodes: ExplorerNode[]): string[] => nodes.map((n) => n.getTreeItem().label);

function tree(regions: string[]): { ses: HeldSes; root: ExplorerRoot; updates: string[][] } {
  const ses = new HeldSes();
  const updates: string[][] = [];
  const root = new ExplorerRoot(
    { ses, changed: (nodes) => updates.push(labels(nodes)) },
    () => ({ regions }),
    () => undefined,
  );
  return { ses, root, updates };
}

describe('explorer: the regions first answers reach the tree together', () => {
  afterEach(() => mock.timers.reset());

  test('three regions answering one after another: one update, when the last answers, with all three', async () => {
    const { ses, root, updates } = tree(['eu-west-1', 'us-east-1', 'ap-south-1']);
    await root.getChildren();
    await settled();
    ses.held.get('us-east-1')!(page('us-east-1'));
    await settled();
    ses.held.get('ap-south-1')!(new Error('AccessDenied'));
    await settled();
    assert.deepEqual(updates, [], 'nothing drawn while eu-west-1 is still out');
    ses.held.get('eu-west-1')!(page('eu-west-1'));
    await settled();
    assert.deepEqual(updates, [['us-east-1', 'ap-south-1', 'eu-west-1']]);
  });

  test('a slow region: the others are drawn HOLD_MS after the first answer, the slow one when it answers', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { ses, root, updates } = tree(['eu-west-1', 'us-east-1', 'sa-east-1']);
    await root.getChildren();
    await settled();
    ses.held.get('eu-west-1')!(page('eu-west-1'));
    await settled();
    ses.held.get('us-east-1')!(page('us-east-1'));
    await settled();
    mock.timers.tick(HOLD_MS - 1);
    assert.deepEqual(updates, [], 'held just short of HOLD_MS');
    mock.timers.tick(1);
    assert.deepEqual(updates, [['eu-west-1', 'us-east-1']]);
    ses.held.get('sa-east-1')!(page('sa-east-1'));
    await settled();
    assert.deepEqual(updates, [['eu-west-1', 'us-east-1'], ['sa-east-1']], 'the last one alone, at once');
  });

  test('one region: drawn the moment it answers', async () => {
    const { ses, root, updates } = tree(['eu-west-1']);
    await root.getChildren();
    await settled();
    ses.held.get('eu-west-1')!(page('eu-west-1'));
    await settled();
    assert.deepEqual(updates, [['eu-west-1']]);
  });

  test('regions already loaded are not waited for: asking for the regions again holds nothing back', async () => {
    const { ses, root, updates } = tree(['eu-west-1', 'us-east-1']);
    await root.getChildren();
    await settled();
    for (const answer of ses.held.values()) answer(page('x'));
    await settled();
    assert.deepEqual(updates, [['eu-west-1', 'us-east-1']]);
    const nodes = await root.getChildren();
    await settled();
    // A page more of one region is drawn at once, not held for the other (which is not loading).
    void nodes[0].loadMore();
    await settled();
    ses.held.get('eu-west-1')!(page('eu-west-1'));
    await settled();
    assert.deepEqual(updates, [['eu-west-1', 'us-east-1'], ['eu-west-1']]);
  });
});

describe('ChangeBatch', () => {
  afterEach(() => mock.timers.reset());
  const node = (label: string): ExplorerNode => ({
    parent: undefined,
    getTreeItem: () => ({ id: label, label }),
    getChildren: async () => [],
  });

  test('a node it does not wait for passes at once, even while others are held', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const sent: string[][] = [];
    const batch = new ChangeBatch((nodes) => sent.push(labels(nodes)));
    const [a, b, other] = [node('a'), node('b'), node('identity row')];
    batch.expect([a, b]);
    batch.changed(a);
    batch.changed(other);
    assert.deepEqual(sent, [['identity row']]);
    batch.changed(b);
    assert.deepEqual(sent, [['identity row'], ['a', 'b']]);
  });

  test('after reset nothing held is sent, and a late answer passes at once', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const sent: string[][] = [];
    const batch = new ChangeBatch((nodes) => sent.push(labels(nodes)));
    const [a, b] = [node('a'), node('b')];
    batch.expect([a, b]);
    batch.changed(a);
    batch.reset();
    mock.timers.tick(HOLD_MS);
    assert.deepEqual(sent, []);
    batch.changed(b);
    assert.deepEqual(sent, [['b']]);
  });
});
