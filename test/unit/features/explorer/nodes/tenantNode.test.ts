// Tenants in the SES Explorer (#27), over a fake SES access: the region shows a "Tenants" row only
// when it has tenants; each tenant shows its status (paused, by whom) and reputation impact; opening
// one lists its identities, configuration sets and templates, or says why they did not load.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountInfo, IdentityPage } from '../../../../../src/engines/aws/ses';
import type { TenantResourceRow } from '../../../../../src/engines/aws/tenants';
import { RegionNode } from '../../../../../src/features/explorer/nodes/regionNode';
import type { SesAccess, TenantRow } from '../../../../../src/features/explorer/nodes/types';

class FakeSes implements SesAccess {
  constructor(
    private readonly rows: TenantRow[] | Error,
    private readonly resources: Record<string, TenantResourceRow[] | Error> = {},
  ) {}
  async checkCredentials(): Promise<{ ok: true }> {
    return { ok: true };
  }
  async listIdentities(): Promise<IdentityPage> {
    return { identities: [] };
  }
  async account(): Promise<AccountInfo> {
    return { available: true, sandbox: false, sendingEnabled: true };
  }
  async identityDetails(): Promise<never> {
    throw new Error('not needed');
  }
  describeError(err: unknown): string {
    return `described: ${(err as Error).message}`;
  }
  async tenants(): Promise<TenantRow[]> {
    if (this.rows instanceof Error) throw this.rows;
    return this.rows;
  }
  async tenantResources(_region: string, tenant: string): Promise<TenantResourceRow[]> {
    const r = this.resources[tenant] ?? [];
    if (r instanceof Error) throw r;
    return r;
  }
}

const region = async (ses: SesAccess) => {
  const node = new RegionNode('eu-west-1', { ses, changed: () => {} });
  return { node, children: await node.getChildren() };
};
const ARN = 'arn:aws:ses:eu-west-1:123456789012:';

describe('tenants in the SES Explorer', () => {
  test('a region with tenants has a Tenants row counting the paused ones; each tenant its status', async () => {
    const { children } = await region(
      new FakeSes([
        { name: 'acme', status: 'enabled', paused: false },
        {
          name: 'globex',
          status: 'paused (by SES: High bounce rate)',
          brief: 'paused by SES',
          paused: true,
          impact: 'HIGH',
        },
      ]),
    );
    const tenantsRow = children.find((c) => c.getTreeItem().label === 'Tenants');
    assert.ok(tenantsRow);
    assert.equal(tenantsRow.getTreeItem().description, '2 tenants, 1 paused');
    const [acme, globex] = await tenantsRow.getChildren();
    assert.deepEqual([acme.getTreeItem().description, acme.getTreeItem().icon?.id], ['enabled', 'pass']);
    assert.deepEqual(
      [globex.getTreeItem().description, globex.getTreeItem().icon?.id],
      ['paused by SES · impact HIGH', 'debug-pause'],
    );
    // The reason is in the tooltip (the row's accessible name), after the tenant and region.
    assert.match(
      String(globex.getTreeItem().tooltip),
      /^Tenant globex in eu-west-1: paused \(by SES: High bounce rate\), reputation impact HIGH/,
    );
  });

  test("a tenant row's tooltip (its accessible name) says the tenant and its status before the ARN", async () => {
    const arn = `${ARN}tenant/globex/tn-1`;
    const { children } = await region(
      new FakeSes([{ name: 'globex', arn, status: 'paused (by you)', paused: true, impact: 'LOW' }], {
        globex: [{ type: 'CONFIGURATION_SET', arn: `${ARN}configuration-set/events`, name: 'events' }],
      }),
    );
    const [globex] = await children.find((c) => c.getTreeItem().label === 'Tenants')!.getChildren();
    assert.equal(
      globex.getTreeItem().tooltip,
      `Tenant globex in eu-west-1: paused (by you), reputation impact LOW\n${arn}`,
    );
    const [events] = await globex.getChildren();
    assert.equal(
      events.getTreeItem().tooltip,
      `events (configuration set) of the tenant globex\n${ARN}configuration-set/events`,
    );
    // Near miss: no ARN in the answer, no empty line.
    const { children: noArn } = await region(new FakeSes([{ name: 'acme', status: 'enabled', paused: false }]));
    const [acme] = await noArn.find((c) => c.getTreeItem().label === 'Tenants')!.getChildren();
    assert.equal(acme.getTreeItem().tooltip, 'Tenant acme in eu-west-1: enabled');
  });

  test('near miss: a region without tenants, or whose tenants cannot be read, has no Tenants row', async () => {
    for (const ses of [new FakeSes([]), new FakeSes(new Error('UnknownOperationException'))]) {
      const { children } = await region(ses);
      assert.ok(!children.some((c) => c.getTreeItem().label === 'Tenants'));
      assert.ok(!children.some((c) => /Failed/.test(c.getTreeItem().label)), 'the region itself did not fail');
    }
  });

  test('opening a tenant lists its resources by kind; none or a failure says so', async () => {
    const ses = new FakeSes(
      [
        { name: 'acme', status: 'enabled', paused: false },
        { name: 'empty', status: 'enabled', paused: false },
        { name: 'denied', status: 'enabled', paused: false },
      ],
      {
        acme: [
          { type: 'EMAIL_IDENTITY', arn: `${ARN}identity/acme.example`, name: 'acme.example' },
          { type: 'CONFIGURATION_SET', arn: `${ARN}configuration-set/events`, name: 'events' },
        ],
        denied: new Error('AccessDenied'),
      },
    );
    const { children } = await region(ses);
    const tenants = await children.find((c) => c.getTreeItem().label === 'Tenants')!.getChildren();
    const rows = async (i: number) => (await tenants[i].getChildren()).map((n) => n.getTreeItem());
    assert.deepEqual(
      (await rows(0)).map((r) => `${r.label} (${r.description})`),
      ['acme.example (identity)', 'events (configuration set)'],
    );
    assert.equal((await rows(1))[0].label, 'No resources');
    const [failed] = await rows(2);
    assert.equal(failed.label, 'Failed to load the resources');
    assert.equal(failed.description, 'described: AccessDenied');
  });
});
