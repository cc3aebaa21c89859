// "Load All" and "Filter Identities" over the explorer's real SES access (the shipped dist/aws.js):
// against the SES API peer, 10,000 identities arrive in at most 12 ListEmailIdentities requests
// (PageSize 1,000); against an endpoint that fails on any PageSize (as SES emulators such as moto
// 5.2.1 do), the listing falls back to the default page and remembers that for the endpoint.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { startSesApiServer, type SesApiServer } from '../../../support/sesApiServer';
import { startAwsPeer, type AwsPeer } from '../../../support/awsPeer';
import { PooledSesAccess } from '../../../../src/features/explorer/sesAccess';
import { RegionNode } from '../../../../src/features/explorer/nodes/regionNode';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createIdentity } from '../../../../src/engines/aws/ses';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');
const KEY = { accessKeyId: 'AKIAPEERTESTEXAMPLE1', secretAccessKey: 'peerTestSecretKeyExample00000000000000' };

before(() => {
  // lazy.ts loads the AWS bundle from beside itself: give it the shipped one.
  copyFileSync(path.join(ROOT, 'dist', 'aws.js'), path.join(__dirname, '..', '..', '..', '..', 'src', 'aws.js'));
});

function withKeys<T>(keys: { accessKeyId: string; secretAccessKey: string }, run: () => Promise<T>): Promise<T> {
  process.env.AWS_ACCESS_KEY_ID = keys.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = keys.secretAccessKey;
  return run();
}

describe('Load All against the SES API peer', () => {
  let peer: SesApiServer;
  before(async () => {
    const identities = Array.from({ length: 10_000 }, (_, i) => ({ name: `user${i}@big.example.com` }));
    peer = await startSesApiServer({ accessKeyIds: [KEY.accessKeyId], regions: { 'us-east-2': { identities } } });
  });
  after(() => peer.stop());

  test('10,000 identities in at most 12 listing requests; the filter narrows the rows', () =>
    withKeys(KEY, async () => {
      const ses = new PooledSesAccess((region) => ({ region, endpoint: peer.endpoint }));
      const node = new RegionNode('us-east-2', { ses, changed: () => undefined });
      const listings = (): number =>
        peer.requests.filter((r) => r === 'POST /v2/email/list-identities us-east-2').length;
      try {
        await node.load();
        assert.equal(listings(), 1, 'the first page as before');
        assert.match(node.getTreeItem().description ?? '', /^100\+ identities$/);
        assert.equal(await node.loadAll(), 10_000);
        assert.ok(listings() <= 12, `${listings()} listing requests`);
        assert.equal(node.getTreeItem().description, '10000 identities');
        const names = (await node.getChildren()).map((n) => n.getTreeItem().label);
        assert.equal(new Set(names).size, names.length, 'no row twice');
        assert.deepEqual(node.setFilter('  USER9999@ '), { shown: 1, loaded: 10_000, complete: true });
        const rows = (await node.getChildren()).map((n) => n.getTreeItem().label);
        assert.ok(rows.includes('user9999@big.example.com') && rows.length <= 2, rows.join(', '));
        assert.match(node.getTreeItem().description ?? '', /"user9999@": 1 of 10000 identities/);
        node.setFilter('nothing-like-this');
        const labels = (await node.getChildren()).map((n) => n.getTreeItem().label);
        assert.ok(labels.includes('No identity contains "nothing-like-this"'), labels.join(', '));
        assert.ok(!labels.some((l) => l.includes('@big')), 'no identity row');
        node.setFilter('');
        assert.equal((await node.getChildren()).filter((n) => /@big/.test(n.getTreeItem().label)).length, 10_000);
      } finally {
        ses.dispose();
      }
    }));
});

describe('Load All against an endpoint without PageSize support', () => {
  let awsPeer: AwsPeer;
  before(async () => {
    awsPeer = await startAwsPeer({ sesLacks: ['PageSize'] });
  });
  after(() => awsPeer.stop());

  test('falls back to the default page, remembers it per endpoint, and lists every identity', () =>
    withKeys(awsPeer.credentials, async () => {
      const ses = new PooledSesAccess((region) => ({ region, endpoint: awsPeer.endpoint }));
      try {
        const client = new SESv2Client({
          region: 'eu-west-1',
          endpoint: awsPeer.endpoint,
          credentials: awsPeer.credentials,
        });
        for (const name of ['a@example.com', 'b@example.com', 'c@example.org']) await createIdentity(client, name);
        client.destroy();
        const first = await ses.listIdentitiesBulk('eu-west-1');
        assert.deepEqual(first.identities.map((i) => i.name).sort(), [
          'a@example.com',
          'b@example.com',
          'c@example.org',
        ]);
        const refused = (ses as unknown as { noPageSize: Set<string> }).noPageSize;
        assert.equal(refused.size, 1, 'the endpoint is remembered as refusing PageSize');
        const node = new RegionNode('eu-west-1', { ses, changed: () => undefined });
        assert.equal(await node.loadAll(), 3);
        assert.equal(node.setFilter('EXAMPLE.COM').shown, 2);
      } finally {
        ses.dispose();
      }
    }));
});
