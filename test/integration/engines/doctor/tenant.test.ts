// The Doctor's tenant check (#27) through its real AWS port (doctorAwsFrom: GetTenant,
// ListTenantResources, GetReputationEntity, GetSuppressedDestination with TenantName) against the
// SES API peer, which serves tenants in SES's wire format. Each rule with its near miss: the tenant
// exists or not, paused by you or by SES or reinstated, the From identity by address or by domain,
// the configuration set exact or not, the tenant's own suppression list or the account's.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { doctorAwsFrom } from '../../../../src/engines/doctor/awsPorts';
import { tenantFindings, tenantRecipientFindings } from '../../../../src/engines/doctor/tenant';
import type { DoctorAws, Finding } from '../../../../src/engines/doctor/types';
import { startSesApiServer, type SesApiServer } from '../../../support/sesApiServer';

const CREDENTIALS = { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: 'peerRootSecretKeyExample000000000000000' };
const R = 'eu-west-1';
const brief = (fs: Finding[]): string[] => fs.map((f) => `${f.verdict}:${f.cause ?? ''}`);

describe('the Doctor reads a tenant through the SDK and checks it', () => {
  let api: SesApiServer;
  let aws: DoctorAws;
  const clients: SESv2Client[] = [];
  before(async () => {
    api = await startSesApiServer({
      accessKeyIds: [CREDENTIALS.accessKeyId],
      regions: {
        [R]: {
          suppressed: { 'gone@example.org': 'BOUNCE' },
          tenants: [
            {
              name: 'acme',
              identities: ['acme.example', 'ceo@other.example'],
              configurationSets: ['acme-events'],
              suppressionScope: 'TENANT',
              suppressed: { 'left@example.org': 'COMPLAINT' },
            },
            {
              name: 'mine-paused',
              customerStatus: 'DISABLED',
              customerCause: 'Status manually updated.',
              identities: ['acme.example'],
              configurationSets: ['acme-events'],
            },
            {
              name: 'ses-paused',
              sesStatus: 'DISABLED',
              sesCause: 'High bounce rate',
              impact: 'HIGH',
              identities: ['acme.example'],
              configurationSets: ['acme-events'],
            },
            {
              name: 'back',
              customerStatus: 'REINSTATED',
              impact: 'HIGH',
              identities: ['acme.example'],
              configurationSets: ['acme-events'],
            },
            {
              name: 'shared-list',
              identities: ['acme.example'],
              configurationSets: ['acme-events'],
              suppressed: { 'left@example.org': 'BOUNCE' },
            },
          ],
        },
      },
    });
    aws = doctorAwsFrom({
      iam: { send: () => Promise.reject(new Error('not used')) },
      ses: (region) => {
        const c = new SESv2Client({ region, endpoint: api.endpoint, credentials: CREDENTIALS, maxAttempts: 1 });
        clients.push(c);
        return c;
      },
      sts: { region: R, endpoint: api.endpoint, credentials: async () => CREDENTIALS },
    });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await api?.stop();
  });

  test('a tenant that may send: one pass naming the identity and the set', async () => {
    const found = await tenantFindings(aws, R, 'acme', 'noreply@acme.example', 'acme-events');
    assert.deepEqual(brief(found), ['pass:']);
    assert.equal(
      found[0].title,
      'The tenant "acme" sends in eu-west-1 (enabled); the From identity and the configuration set belong to it.',
    );
  });

  test('an unknown tenant, and its near miss in another region', async () => {
    assert.deepEqual(brief(await tenantFindings(aws, R, 'acmee', 'noreply@acme.example', 'acme-events')), [
      'fail:tenant-not-found',
    ]);
    assert.deepEqual(brief(await tenantFindings(aws, 'us-east-1', 'acme', undefined, 'acme-events')), [
      'fail:tenant-not-found',
    ]);
  });

  test('paused by you: resume it; paused by SES: the finding first; reinstated sends (warned about its finding)', async () => {
    const mine = await tenantFindings(aws, R, 'mine-paused', 'noreply@acme.example', 'acme-events');
    assert.deepEqual(brief(mine), ['fail:tenant-paused']);
    assert.match(mine[0].title, /paused in eu-west-1 \(by you\): Status manually updated\./);
    assert.match(mine[0].fix ?? '', /--sending-status ENABLED/);
    const ses = await tenantFindings(aws, R, 'ses-paused', 'noreply@acme.example', 'acme-events');
    assert.deepEqual(brief(ses), ['fail:tenant-paused']);
    assert.match(ses[0].title, /paused in eu-west-1 by SES: High bounce rate/);
    assert.match(ses[0].fix ?? '', /list-recommendations/);
    assert.deepEqual(brief(await tenantFindings(aws, R, 'back', 'noreply@acme.example', 'acme-events')), [
      'pass:',
      'warn:tenant-reputation',
    ]);
  });

  test('the From identity: by its domain or as an address identity; another domain fails', async () => {
    assert.deepEqual(brief(await tenantFindings(aws, R, 'acme', 'Billing <billing@acme.example>', 'acme-events')), [
      'pass:',
    ]);
    assert.deepEqual(brief(await tenantFindings(aws, R, 'acme', 'ceo@other.example', 'acme-events')), ['pass:']);
    const other = await tenantFindings(aws, R, 'acme', 'sales@other.example', 'acme-events');
    assert.deepEqual(brief(other), ['fail:tenant-identity-not-associated']);
    assert.match(other[0].evidence[0], /identities of acme: acme\.example, ceo@other\.example/);
  });

  test('the configuration set: exact names only; none given is a warning', async () => {
    assert.deepEqual(brief(await tenantFindings(aws, R, 'acme', 'noreply@acme.example', 'Acme-Events')), [
      'fail:tenant-configuration-set-not-associated',
    ]);
    assert.deepEqual(brief(await tenantFindings(aws, R, 'acme', 'noreply@acme.example', undefined)), [
      'pass:',
      'warn:tenant-no-configuration-set',
    ]);
  });

  test("the tenant's own suppression list drops a recipient the account's list does not have", async () => {
    const found = await tenantRecipientFindings(aws, R, 'acme', [
      'left@example.org',
      'new@example.org',
      'success@simulator.amazonses.com',
    ]);
    assert.deepEqual(brief(found), ['fail:tenant-suppressed']);
    assert.match(found[0].title, /^left@example\.org is on the suppression list of the tenant "acme"/);
    assert.match(found[0].fix ?? '', /--tenant-name acme/);
  });

  test('near miss: a tenant on the account list (scope ACCOUNT) is not looked up in a list of its own', async () => {
    assert.deepEqual(await tenantRecipientFindings(aws, R, 'shared-list', ['left@example.org']), []);
    assert.ok(!api.requests.some((r) => r.includes('left%40example.org') && r.includes('shared-list')));
  });
});
