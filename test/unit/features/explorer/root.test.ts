// The explorer's nodes in plain Node, over a fake SES: what each row says, what a region holds, how
// regions load side by side, paging, parents (for reveal), and the account info the form reads.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountInfo, IdentityDetails, IdentityPage, IdentitySummary } from '../../../../src/engines/aws/ses';
import { ExplorerRoot, type Selection } from '../../../../src/features/explorer/root';
import { RegionNode } from '../../../../src/features/explorer/nodes/regionNode';
import type { IdentityNode } from '../../../../src/features/explorer/nodes/identityNode';
import type { ExplorerNode, ItemSpec, NodeContext, SesAccess } from '../../../../src/features/explorer/nodes/types';

const SANDBOX: AccountInfo = {
  available: true,
  sandbox: true,
  sendingEnabled: true,
  max24HourSend: 200,
  maxSendRate: 1,
  sentLast24Hours: 0,
};

interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A fake SES: pages per region (by token), details per name; records every call. */
class FakeSes implements SesAccess {
  calls: string[] = [];
  pages = new Map<string, IdentityPage | Error>();
  details = new Map<string, IdentityDetails>();
  /** When set, list calls wait here until the test answers them. */
  held?: Map<string, Deferred<IdentityPage>>;

  async checkCredentials(): Promise<{ ok: true }> {
    return { ok: true };
  }
  listIdentities(region: string, nextToken?: string): Promise<IdentityPage> {
    this.calls.push(`list ${region}${nextToken ? ` ${nextToken}` : ''}`);
    if (this.held) {
      const d = deferred<IdentityPage>();
      this.held.set(region, d);
      return d.promise;
    }
    const page = this.pages.get(`${region}${nextToken ? ` ${nextToken}` : ''}`) ?? { identities: [] };
    return page instanceof Error ? Promise.reject(page) : Promise.resolve(page);
  }
  async account(): Promise<AccountInfo> {
    return SANDBOX;
  }
  async identityDetails(region: string, name: string): Promise<IdentityDetails> {
    this.calls.push(`details ${region} ${name}`);
    const d = this.details.get(name);
    if (!d) throw new Error(`no details for ${name}`);
    return d;
  }
  describeError(err: unknown, region: string): string {
    return `${region}: ${(err as Error).message}`;
  }
}

function context(ses: SesAccess): NodeContext & { changes: ExplorerNode[] } {
  const changes: ExplorerNode[] = [];
  return { ses, changes, changed: (node) => changes.push(node) };
}

const item = (n: ExplorerNode): ItemSpec => n.getTreeItem();
const row = (n: ExplorerNode): string => `${item(n).label}|${item(n).description ?? ''}`;
const identity = (
  name: string,
  verificationStatus: IdentitySummary['verificationStatus'],
  sendingEnabled = true,
): IdentitySummary => ({
  name,
  type: name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN',
  sendingEnabled,
  verificationStatus,
});
const domainDetails = (
  name: string,
  status: IdentitySummary['verificationStatus'],
  dkimStatus: IdentityDetails['dkimStatus'],
): IdentityDetails => ({
  ...identity(name, status),
  dkimStatus,
  dkimTokens: ['a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32)],
  mailFromDomain: `bounce.${name}`,
  mailFromStatus: 'PENDING',
});

async function settled(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

describe('SES Explorer nodes', () => {
  test('all chosen regions start loading at once; a failing region shows its error while the others load', async () => {
    const ses = new FakeSes();
    ses.held = new Map();
    const regions = ['eu-west-1', 'us-east-1', 'ap-south-1', 'eu-central-1', 'us-west-2', 'ca-central-1'];
    const changes: ExplorerNode[][] = [];
    const root = new ExplorerRoot(
      { ses, changed: (nodes) => changes.push(nodes) },
      (): Selection => ({ profile: 'p', regions }),
      () => undefined,
    );
    const nodes = await root.getChildren();
    assert.deepEqual(
      nodes.map((n) => item(n).label),
      regions,
    );
    await settled();
    // Nothing has answered yet, and every region has asked: six at once, not four.
    assert.deepEqual([...ses.held.keys()].sort(), [...regions].sort());
    for (const r of regions) {
      if (r === 'ap-south-1') ses.held.get(r)!.reject(new Error('AccessDenied'));
      else ses.held.get(r)!.resolve({ identities: [identity(`noreply@${r}.example.com`, 'SUCCESS')] });
    }
    const denied = await nodes[2].getChildren();
    assert.deepEqual(denied.map(row), ['Failed to load (click to retry)|ap-south-1: AccessDenied']);
    assert.equal(row(nodes[2]), 'ap-south-1|failed to load');
    const west = await nodes[0].getChildren();
    assert.deepEqual(west.map(row), [
      'Account|sandbox · 0/200 per 24 h · 1/s',
      'noreply@eu-west-1.example.com|Verified',
    ]);
    assert.equal(row(nodes[0]), 'eu-west-1|1 identity');
    // The regions told the tree about themselves only, together (changeBatch.ts); nobody asked for
    // a whole-tree refresh.
    await settled();
    assert.equal(changes.length, 1);
    assert.deepEqual(new Set(changes[0]), new Set(nodes));
  });

  test('a failed region is not asked again until Retry', async () => {
    const ses = new FakeSes();
    ses.pages.set('ap-south-1', new Error('AccessDenied'));
    const region = new RegionNode('ap-south-1', context(ses));
    await region.getChildren();
    await region.getChildren();
    assert.equal(ses.calls.filter((c) => c.startsWith('list')).length, 1);
    ses.pages.set('ap-south-1', { identities: [identity('a@example.com', 'PENDING')] });
    await region.load(true);
    assert.deepEqual((await region.getChildren()).map(row).slice(1), ['a@example.com|Pending']);
  });

  test('identity rows in the SES console words (Verified, Pending, Failed, …), DKIM as its own word', async () => {
    const ses = new FakeSes();
    const names: Array<[string, IdentitySummary['verificationStatus'], IdentityDetails['dkimStatus']]> = [
      ['verified.example.com', 'SUCCESS', 'SUCCESS'],
      ['pending.example.com', 'SUCCESS', 'PENDING'],
      ['failed.example.org', 'FAILED', 'FAILED'],
      ['flaky.example.net', 'SUCCESS', 'TEMPORARY_FAILURE'],
      ['new.example.net', 'NOT_STARTED', 'NOT_STARTED'],
    ];
    ses.pages.set('eu-west-1', {
      identities: [
        ...names.map(([n, s]) => identity(n, s)),
        identity('noreply@verified.example.com', 'SUCCESS'),
        identity('paused@example.com', 'PENDING', false),
      ],
    });
    for (const [n, s, d] of names) ses.details.set(n, domainDetails(n, s, d));
    const ctx = context(ses);
    const region = new RegionNode('eu-west-1', ctx);
    await region.getChildren();
    await settled(); // the domains' details arrive after the list
    const rows = (await region.getChildren()).slice(1);
    assert.deepEqual(rows.map(row), [
      'verified.example.com|Verified · DKIM verified',
      'pending.example.com|Verified · DKIM pending',
      'failed.example.org|Failed · DKIM failed',
      'flaky.example.net|Verified · DKIM temporary failure',
      'new.example.net|Not started · DKIM not started',
      'noreply@verified.example.com|Verified',
      'paused@example.com|Pending · sending disabled',
    ]);
    // The icon carries the state: one icon per state, an address that is verified a mail icon.
    const icons = rows.map((n) => item(n).icon?.id);
    assert.deepEqual(icons, ['pass', 'clock', 'error', 'warning', 'circle-outline', 'mail', 'clock']);
    // Arriving details updated those identity rows, one node at a time.
    assert.ok(rows.slice(0, 5).every((n) => ctx.changes.includes(n)));
    assert.match(String(item(rows[3]).tooltip), /DKIM: TEMPORARY_FAILURE\. SES could not read the records/);
  });

  test('a domain expands to DKIM state, records (copyable) and MAIL FROM; children know their parents', async () => {
    const ses = new FakeSes();
    ses.pages.set('eu-west-1', { identities: [identity('pending.example.com', 'PENDING')] });
    ses.details.set('pending.example.com', domainDetails('pending.example.com', 'PENDING', 'PENDING'));
    const region = new RegionNode('eu-west-1', context(ses));
    const domain = (await region.getChildren())[1] as IdentityNode;
    const children = await domain.getChildren();
    const lines = children.map(row);
    assert.equal(lines[0], 'DKIM|Pending · Easy DKIM');
    assert.equal(
      lines.filter((l) =>
        /^CNAME [a-c]{32}\._domainkey\.pending\.example\.com\|[a-c]{32}\.dkim\.amazonses\.com$/.test(l),
      ).length,
      3,
    );
    assert.ok(
      lines.includes('MX bounce.pending.example.com|10 feedback-smtp.eu-west-1.amazonses.com'),
      lines.join('\n'),
    );
    assert.equal(lines.at(-1), 'MAIL FROM|bounce.pending.example.com · Pending');
    const records = children.filter((n) => item(n).contextValue === 'sesRecord');
    assert.equal(records.length, 6, lines.join('\n'));
    // getParent, as reveal walks it: record → domain → region → top.
    assert.ok(records.every((r) => r.parent === domain));
    assert.equal(domain.parent, region);
    assert.equal(region.parent, undefined);
  });

  test('"Load more…" loads the next page once however often it is clicked', async () => {
    const ses = new FakeSes();
    ses.pages.set('us-east-2', { identities: [identity('u0@big.example.com', 'SUCCESS')], nextToken: 't1' });
    ses.pages.set('us-east-2 t1', { identities: [identity('u1@big.example.com', 'SUCCESS')], nextToken: 't2' });
    const region = new RegionNode('us-east-2', context(ses));
    let children = await region.getChildren();
    const more = children.at(-1)!;
    assert.equal(item(more).label, 'Load more…');
    assert.equal(more.parent, region);
    await Promise.all([region.loadMore(), region.loadMore(), region.loadMore()]);
    assert.deepEqual(
      ses.calls.filter((c) => c.startsWith('list')),
      ['list us-east-2', 'list us-east-2 t1'],
    );
    children = await region.getChildren();
    assert.deepEqual(
      children.slice(1, -1).map((n) => item(n).label),
      ['u0@big.example.com', 'u1@big.example.com'],
    );
    assert.equal(item(children.at(-1)!).label, 'Load more…');
    assert.equal(row(region), 'us-east-2|2+ identities');
  });

  test('"Load more…" advances the page token: page 2, then page 3, then no more', async () => {
    const ses = new FakeSes();
    ses.pages.set('us-east-2', { identities: [identity('u0@big.example.com', 'SUCCESS')], nextToken: 't1' });
    ses.pages.set('us-east-2 t1', { identities: [identity('u1@big.example.com', 'SUCCESS')], nextToken: 't2' });
    ses.pages.set('us-east-2 t2', { identities: [identity('u2@big.example.com', 'PENDING')] });
    const region = new RegionNode('us-east-2', context(ses));
    const labels = async (): Promise<string[]> =>
      (await region.getChildren()).slice(1).map((n) => String(item(n).label));
    assert.deepEqual(await labels(), ['u0@big.example.com', 'Load more…']);
    // The row the user clicks, each time the one the region shows now.
    const more = (): Promise<void> =>
      (region as unknown as { moreNode: { loadMore(): Promise<void> } }).moreNode.loadMore();
    await more();
    assert.deepEqual(await labels(), ['u0@big.example.com', 'u1@big.example.com', 'Load more…']);
    assert.equal(region.hasMore, true);
    await more();
    assert.deepEqual(await labels(), ['u0@big.example.com', 'u1@big.example.com', 'u2@big.example.com']);
    assert.equal(region.hasMore, false);
    assert.equal(region.loadedCount, 3);
    assert.equal(row(region), 'us-east-2|3 identities');
    assert.deepEqual(
      ses.calls.filter((c) => c.startsWith('list')),
      ['list us-east-2', 'list us-east-2 t1', 'list us-east-2 t2'],
    );
    await more(); // nothing left: no call
    assert.equal(ses.calls.filter((c) => c.startsWith('list')).length, 3);
  });

  test('an identity named by a caller is found on a later page; a missing one after the last page', async () => {
    const ses = new FakeSes();
    ses.pages.set('eu-west-3', { identities: [identity('a.example.com', 'SUCCESS')], nextToken: 't1' });
    ses.pages.set('eu-west-3 t1', { identities: [identity('b.example.com', 'SUCCESS')], nextToken: 't2' });
    ses.pages.set('eu-west-3 t2', { identities: [identity('Example.com', 'SUCCESS')] });
    const region = new RegionNode('eu-west-3', context(ses));
    const first = await region.findIdentity('a.example.com');
    assert.ok('node' in first && first.node.identity.name === 'a.example.com');
    assert.deepEqual(
      ses.calls.filter((c) => c.startsWith('list')),
      ['list eu-west-3'],
      'found on the first page: no other page asked',
    );
    // A domain in another case, on page 3.
    const third = await region.findIdentity('example.com');
    assert.ok('node' in third, Object.keys(third).join());
    assert.equal(third.node.identity.name, 'Example.com');
    assert.equal(third.node, region.identity('Example.com'), "the tree's own node");
    const missing = await region.findIdentity('nothere.example.com');
    assert.deepEqual(missing, { missing: true, listed: 3 });
    assert.equal(ses.calls.filter((c) => c.startsWith('list')).length, 3, 'each page asked once');
  });

  test("a caller naming an identity in a region that fails gets the region's error, or the next page's", async () => {
    const ses = new FakeSes();
    ses.pages.set('ap-south-1', new Error('AccessDenied'));
    assert.deepEqual(await new RegionNode('ap-south-1', context(ses)).findIdentity('example.com'), {
      error: 'ap-south-1: AccessDenied',
    });
    ses.pages.set('eu-west-3', { identities: [identity('a.example.com', 'SUCCESS')], nextToken: 't1' });
    ses.pages.set('eu-west-3 t1', new Error('Throttling'));
    assert.deepEqual(await new RegionNode('eu-west-3', context(ses)).findIdentity('example.com'), {
      error: 'eu-west-3: Throttling',
    });
    // A listing that answers with the token it was given is not asked forever.
    ses.pages.set('eu-south-1', { identities: [identity('a.example.com', 'SUCCESS')], nextToken: 'same' });
    ses.pages.set('eu-south-1 same', { identities: [identity('b.example.com', 'SUCCESS')], nextToken: 'same' });
    assert.deepEqual(await new RegionNode('eu-south-1', context(ses)).findIdentity('example.com'), {
      error: 'SES answered page same with the same NextToken; the search stopped.',
    });
    assert.equal(ses.calls.filter((c) => c === 'list eu-south-1 same').length, 1);
  });

  test('an identity node stays the same object across reloads, and a created one can be found for reveal', async () => {
    const ses = new FakeSes();
    ses.pages.set('eu-north-1', { identities: [identity('old@example.net', 'SUCCESS')] });
    const region = new RegionNode('eu-north-1', context(ses));
    const before = (await region.getChildren())[1];
    ses.pages.set('eu-north-1', {
      identities: [identity('old@example.net', 'SUCCESS'), identity('new@example.net', 'PENDING')],
    });
    const created = await region.identityCreated(identity('new@example.net', 'PENDING'));
    const after = await region.getChildren();
    assert.equal(after[1], before, 'the same node, so the tree can update it');
    assert.equal(after[2], created);
    assert.equal(created.parent, region);
    // Not on the loaded pages (a big account): still added, once, so it can be revealed.
    const far = await region.identityCreated(identity('far@example.net', 'PENDING'));
    assert.deepEqual(
      (await region.getChildren()).slice(1).map((n) => item(n).label),
      ['old@example.net', 'new@example.net', 'far@example.net'],
    );
    assert.equal(far.parent, region);
  });

  test('creating an identity asks for no details again but those of the created domain', async () => {
    const ses = new FakeSes();
    ses.pages.set('eu-west-1', {
      identities: [identity('a.example.com', 'SUCCESS'), identity('b.example.com', 'PENDING')],
    });
    for (const n of ['a.example.com', 'b.example.com']) ses.details.set(n, domainDetails(n, 'SUCCESS', 'SUCCESS'));
    const region = new RegionNode('eu-west-1', context(ses));
    await region.getChildren();
    await settled();
    ses.calls = [];
    // b.example.com was deleted and created again: SES issued new DKIM tokens.
    ses.details.set('b.example.com', {
      ...domainDetails('b.example.com', 'PENDING', 'PENDING'),
      dkimTokens: ['d'.repeat(32)],
    });
    const created = await region.identityCreated(identity('b.example.com', 'PENDING'));
    await settled();
    assert.deepEqual(
      ses.calls.filter((c) => c.startsWith('details')),
      ['details eu-west-1 b.example.com'],
    );
    assert.equal(row(created), 'b.example.com|Pending · DKIM pending');
    const cnames = (await created.getChildren()).map(row).filter((l) => l.startsWith('CNAME'));
    assert.deepEqual(cnames, [`CNAME ${'d'.repeat(32)}._domainkey.b.example.com|${'d'.repeat(32)}.dkim.amazonses.com`]);
  });

  test('the Send Test Email form learns sandbox, verified identities, maximum send rate from a loaded region only', async () => {
    const ses = new FakeSes();
    ses.pages.set('eu-west-1', {
      identities: [identity('a@example.com', 'SUCCESS'), identity('b@example.com', 'PENDING')],
    });
    const region = new RegionNode('eu-west-1', context(ses));
    assert.equal(region.accountInfo(), undefined, 'not loaded yet');
    await region.load();
    assert.deepEqual(region.accountInfo(), { sandbox: true, maxSendRate: 1, verifiedIdentities: ['a@example.com'] });
  });
});
