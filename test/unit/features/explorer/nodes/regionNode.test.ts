// "Load All" and "Filter Identities" on a region node, over a fake SES access: large pages when the
// access offers them, every page followed once, no DKIM prefetch storm, and a filter that narrows
// rows by substring and says so in the region's row.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountInfo, IdentityPage, IdentitySummary } from '../../../../../src/engines/aws/ses';
import { RegionNode } from '../../../../../src/features/explorer/nodes/regionNode';
import { pageSizeRefused } from '../../../../../src/features/explorer/sesAccess';
import type { SesAccess } from '../../../../../src/features/explorer/nodes/types';

const summary = (name: string): IdentitySummary => ({
  name,
  type: name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN',
  sendingEnabled: true,
  verificationStatus: 'SUCCESS',
});

/** 250 identities in pages of 100 (listIdentities) or 1,000 (listIdentitiesBulk, when offered). */
class PagedSes implements SesAccess {
  calls: string[] = [];
  readonly all = Array.from({ length: 250 }, (_, i) => summary(i % 5 ? `user${i}@example.com` : `d${i}.example.org`));
  constructor(readonly bulk: boolean) {}
  async checkCredentials(): Promise<{ ok: true }> {
    return { ok: true };
  }
  private page(token: string | undefined, size: number): IdentityPage {
    const start = token ? Number(token) : 0;
    const end = Math.min(this.all.length, start + size);
    return { identities: this.all.slice(start, end), nextToken: end < this.all.length ? String(end) : undefined };
  }
  async listIdentities(_region: string, token?: string): Promise<IdentityPage> {
    this.calls.push(`list ${token ?? ''}`);
    return this.page(token, 100);
  }
  async account(): Promise<AccountInfo> {
    return { available: true, sandbox: false, sendingEnabled: true, maxSendRate: 14 };
  }
  async identityDetails(_region: string, name: string): Promise<never> {
    this.calls.push(`details ${name}`);
    throw new Error('not needed');
  }
  describeError(err: unknown): string {
    return String(err);
  }
}

class BulkSes extends PagedSes {
  async listIdentitiesBulk(_region: string, token?: string): Promise<IdentityPage> {
    this.calls.push(`bulk ${token ?? ''}`);
    return (this as unknown as { page(t: string | undefined, s: number): IdentityPage }).page(token, 1000);
  }
}

const ctx = (ses: SesAccess) => ({ ses, changed: () => undefined });
const labels = async (node: RegionNode): Promise<string[]> =>
  (await node.getChildren()).map((n) => n.getTreeItem().label);

describe('Load All', () => {
  test('with large pages: the first page, then one bulk request for the rest', async () => {
    const ses = new BulkSes(true);
    const node = new RegionNode('eu-west-1', ctx(ses));
    assert.equal(await node.loadAll(), 250);
    const lists = ses.calls.filter((c) => !c.startsWith('details'));
    assert.deepEqual(lists, ['list ', 'bulk 100']);
    assert.equal(node.getTreeItem().description, '250 identities');
    assert.ok(!(await labels(node)).includes('Load more…'));
  });
  test('without them: every default page, each once', async () => {
    const ses = new PagedSes(false);
    const node = new RegionNode('eu-west-1', ctx(ses));
    assert.equal(await node.loadAll(), 250);
    assert.deepEqual(
      ses.calls.filter((c) => c.startsWith('list')),
      ['list ', 'list 100', 'list 200'],
    );
  });
  test('pages after the first fetch no DKIM details for their domains', async () => {
    const ses = new BulkSes(true);
    const node = new RegionNode('eu-west-1', ctx(ses));
    await node.loadAll();
    await new Promise((r) => setTimeout(r, 20));
    const details = ses.calls.filter((c) => c.startsWith('details'));
    assert.ok(
      details.every((c) => Number(/d(\d+)\./.exec(c)?.[1]) < 100),
      details.join(', '),
    );
  });
});

describe('Filter Identities', () => {
  test('narrows rows by substring in any case, and the region row says how many of how many', async () => {
    const node = new RegionNode('eu-west-1', ctx(new PagedSes(false)));
    await node.load();
    assert.deepEqual(node.setFilter(' .EXAMPLE.org '), { shown: 20, loaded: 100, complete: false });
    const rows = (await labels(node)).filter((l) => l.includes('@') || l.includes('.example.'));
    assert.equal(rows.length, 20);
    assert.ok(rows.every((l) => l.endsWith('.example.org')));
    assert.equal(node.getTreeItem().description, '".example.org": 20 of 100+ identities');
  });
  test('no match: one row that says so and points to Load All; an empty filter shows every row', async () => {
    const node = new RegionNode('eu-west-1', ctx(new PagedSes(false)));
    await node.load();
    node.setFilter('zzz');
    const rows = await labels(node);
    assert.ok(rows.includes('No identity contains "zzz"'));
    assert.ok(!rows.some((l) => l.includes('@example.com')));
    node.setFilter('');
    assert.equal((await labels(node)).filter((l) => l.includes('example')).length, 100);
    assert.equal(node.filterText, '');
  });
});

describe('PageSize refusals', () => {
  const err = (status: number, name: string, message = 'x') =>
    Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
  test('moto’s 500 and a validation error about PageSize fall back; other failures do not', () => {
    assert.equal(pageSizeRefused(err(500, 'SyntaxError')), true);
    assert.equal(pageSizeRefused(err(400, 'BadRequestException', 'PageSize must be between 0 and 1000.')), true);
    assert.equal(pageSizeRefused(err(400, 'ValidationException')), true);
    assert.equal(pageSizeRefused(err(403, 'AccessDeniedException')), false);
    assert.equal(pageSizeRefused(err(400, 'BadRequestException', 'Invalid NextToken.')), false);
    assert.equal(pageSizeRefused(err(429, 'TooManyRequestsException')), false);
    assert.equal(pageSizeRefused(new Error('socket hang up')), false);
  });
});
