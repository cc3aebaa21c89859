// SES tenants (issue #27): the engine's calls against the SES API peer, which serves tenant
// management in SES's REST-JSON wire format (moto has none): ListTenants and ListTenantResources
// across pages, GetTenant and its NotFoundException, ListResourceTenants, GetReputationEntity with
// who paused the tenant, and the tenant's own suppression list beside the account's.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import {
  describeTenantStatus,
  getTenant,
  getTenantReputation,
  listResourceTenants,
  listTenantResources,
  listTenants,
  tenantSuppressedDestination,
} from '../../../../src/engines/aws/tenants';
import { startSesApiServer, type SesApiServer } from '../../../support/sesApiServer';

const KEY = { accessKeyId: 'AKIAPEERTESTEXAMPLE1', secretAccessKey: 'peerTestSecretKeyExample00000000000000' };
const ARN = (kind: string, name: string): string => `arn:aws:ses:eu-west-1:123456789012:${kind}/${name}`;

describe('SES tenants against the SES API peer', () => {
  let peer: SesApiServer;
  const clients: SESv2Client[] = [];
  const client = (region = 'eu-west-1'): SESv2Client => {
    const c = new SESv2Client({ region, endpoint: peer.endpoint, credentials: KEY, maxAttempts: 1 });
    clients.push(c);
    return c;
  };
  before(async () => {
    peer = await startSesApiServer({
      accessKeyIds: [KEY.accessKeyId],
      regions: {
        'eu-west-1': {
          suppressed: { 'gone@example.org': 'BOUNCE' },
          tenants: [
            {
              name: 'acme',
              identities: ['acme.example', 'billing@other.example'],
              configurationSets: ['acme-events', 'shared'],
              templates: ['welcome'],
              suppressionScope: 'TENANT',
              suppressed: { 'left@example.org': 'COMPLAINT' },
            },
            {
              name: 'globex',
              customerStatus: 'DISABLED',
              customerCause: 'Status manually updated.',
              identities: ['globex.example'],
            },
            { name: 'initech', sesStatus: 'DISABLED', sesCause: 'High bounce rate', impact: 'HIGH' },
            { name: 'umbrella', customerStatus: 'REINSTATED', impact: 'LOW', configurationSets: ['shared'] },
            { name: 'hooli' },
          ],
        },
      },
    });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await peer.stop();
  });

  test('ListTenants follows NextToken over every page and reads name, id, ARN and status', async () => {
    const tenants = await listTenants(client());
    assert.deepEqual(
      tenants.map((t) => `${t.name} ${t.sendingStatus}`),
      ['acme ENABLED', 'globex DISABLED', 'initech DISABLED', 'umbrella REINSTATED', 'hooli ENABLED'],
    );
    assert.match(tenants[0].arn ?? '', /^arn:aws:ses:eu-west-1:123456789012:tenant\/acme\/tn-[0-9a-f]{30}$/);
    assert.ok(tenants[0].created instanceof Date);
    const posts = peer.requests.filter((r) => r.startsWith('POST /v2/email/tenants/list'));
    assert.equal(posts.length, 3, 'five tenants in pages of two');
  });

  test('another region has its own tenants (none here)', async () => {
    assert.deepEqual(await listTenants(client('us-east-1')), []);
  });

  test('GetTenant reads the suppression scope; an unknown tenant is undefined, not an error', async () => {
    const acme = await getTenant(client(), 'acme');
    assert.equal(acme?.suppressionScope, 'TENANT');
    assert.deepEqual(acme?.suppressedReasons, ['BOUNCE', 'COMPLAINT']);
    const hooli = await getTenant(client(), 'hooli');
    assert.equal(hooli?.suppressionScope, 'ACCOUNT', 'no suppression attributes: the account list');
    assert.equal(await getTenant(client(), 'acm'), undefined);
  });

  test('ListTenantResources lists identities, sets and templates by ARN over pages, with their names', async () => {
    const rows = await listTenantResources(client(), 'acme');
    assert.deepEqual(rows.map((r) => `${r.type} ${r.name}`).sort(), [
      'CONFIGURATION_SET acme-events',
      'CONFIGURATION_SET shared',
      'EMAIL_IDENTITY acme.example',
      'EMAIL_IDENTITY billing@other.example',
      'EMAIL_TEMPLATE welcome',
    ]);
    assert.ok(rows.some((r) => r.arn === ARN('identity', 'acme.example')));
    await assert.rejects(listTenantResources(client(), 'nobody'), /The requested tenant <nobody> does not exist/);
  });

  test('ListResourceTenants names every tenant a shared configuration set belongs to', async () => {
    assert.deepEqual((await listResourceTenants(client(), ARN('configuration-set', 'shared'))).sort(), [
      'acme',
      'umbrella',
    ]);
    assert.deepEqual(await listResourceTenants(client(), ARN('configuration-set', 'Shared')), [], 'names are exact');
  });

  test('GetReputationEntity says who paused a tenant and why, and the reputation impact', async () => {
    const arnOf = async (name: string): Promise<string> =>
      (await listTenants(client())).find((t) => t.name === name)?.arn ?? '';
    const globex = await getTenantReputation(client(), await arnOf('globex'));
    assert.equal(globex.sendingStatus, 'DISABLED');
    assert.equal(globex.customer?.status, 'DISABLED');
    assert.equal(describeTenantStatus(undefined, globex), 'paused (by you: Status manually updated.)');
    const initech = await getTenantReputation(client(), await arnOf('initech'));
    assert.equal(initech.impact, 'HIGH');
    assert.equal(describeTenantStatus(undefined, initech), 'paused (by SES: High bounce rate)');
    const umbrella = await getTenantReputation(client(), await arnOf('umbrella'));
    assert.equal(describeTenantStatus(undefined, umbrella), 'reinstated', 'REINSTATED sends: not paused');
    // Brief, for the explorer's row: who paused it, not why.
    assert.equal(describeTenantStatus(undefined, globex, { brief: true }), 'paused by you');
    assert.equal(describeTenantStatus(undefined, initech, { brief: true }), 'paused by SES');
    assert.equal(describeTenantStatus(undefined, umbrella, { brief: true }), 'reinstated');
    assert.equal(describeTenantStatus('DISABLED', undefined, { brief: true }), 'paused', 'paused, by whom not known');
    assert.match(umbrella.policy ?? '', /reputation-policy\/standard$/);
  });

  test("an address on the tenant's own suppression list is found there, not on the account's", async () => {
    const tenantList = await tenantSuppressedDestination(client(), 'acme', 'left@example.org');
    assert.equal(tenantList?.reason, 'COMPLAINT');
    assert.equal(await tenantSuppressedDestination(client(), 'acme', 'gone@example.org'), undefined);
    assert.equal(await tenantSuppressedDestination(client(), 'hooli', 'left@example.org'), undefined);
  });
});
