import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { PutEmailIdentityDkimSigningAttributesCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import {
  createIdentity,
  deleteIdentity,
  describeAwsError,
  DkimKeyUpgradeError,
  getAccountInfo,
  getIdentityDetails,
  listAllIdentities,
  listIdentitiesPage,
  mapLimit,
  scanRegions,
  upgradeDkimKeyTo2048,
} from '../../../../src/engines/aws/ses';
import { domainRecords, identityRecords } from '../../../../src/engines/dns/records';
import { describeDkim } from '../../../../src/engines/dns/dkimDisplay';
import { startAwsPeer, type AwsPeer } from '../../../support/awsPeer';
import { startSesApiServer, tokensFor, type SesApiServer } from '../../../support/sesApiServer';

describe('SES identities against the AWS API peer on 127.0.0.1', () => {
  let awsPeer: AwsPeer;
  const clients: SESv2Client[] = [];
  const client = (region: string, endpoint = awsPeer.endpoint): SESv2Client => {
    const c = new SESv2Client({ region, endpoint, credentials: awsPeer.credentials, maxAttempts: 1 });
    clients.push(c);
    return c;
  };
  before(async () => {
    awsPeer = await startAwsPeer();
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await awsPeer?.stop();
  });

  test('identities are listed per region, regions kept apart', async () => {
    await createIdentity(client('eu-west-1'), 'noreply@west.example.com');
    await createIdentity(client('eu-west-1'), 'Sender@West.Example.com');
    await createIdentity(client('us-east-1'), 'noreply@east.example.com');
    const west = await listAllIdentities(client('eu-west-1'));
    const east = await listAllIdentities(client('us-east-1'));
    assert.deepEqual(west.map((i) => i.name).sort(), ['noreply@west.example.com', 'sender@west.example.com']);
    assert.deepEqual(
      east.map((i) => `${i.name}:${i.type}`),
      ['noreply@east.example.com:EMAIL_ADDRESS'],
    );
  });

  test('90 identities in one region are all listed', async () => {
    const ses = client('ap-south-1');
    const names = Array.from({ length: 90 }, (_, i) => `user${i}@bulk.example.com`);
    const created = await mapLimit(names, 8, (n) => createIdentity(ses, n));
    assert.ok(created.every((r) => r.status === 'fulfilled'));
    const listed = await listAllIdentities(ses);
    assert.equal(listed.length, 90);
    assert.equal(new Set(listed.map((i) => i.name)).size, 90);
  });

  test('create and delete an identity', async () => {
    const ses = client('eu-north-1');
    await createIdentity(ses, 'temp@example.com');
    assert.ok((await listAllIdentities(ses)).some((i) => i.name === 'temp@example.com'));
    await deleteIdentity(ses, 'temp@example.com');
    assert.ok(!(await listAllIdentities(ses)).some((i) => i.name === 'temp@example.com'));
  });

  test('an invalid identity is refused before any call', async () => {
    await assert.rejects(
      createIdentity(client('eu-west-1'), 'not an identity'),
      /neither a domain .* nor an email address/,
    );
  });

  test('GetAccount of a new account: a sandbox with the sandbox quota', async () => {
    const account = await getAccountInfo(client('eu-west-1'));
    assert.equal(account.available, true);
    assert.ok(account.available && account.sandbox && account.max24HourSend === 200 && account.maxSendRate === 1);
  });

  test('an endpoint without GetAccount (as SES emulators): the account is "unavailable", not an error', async () => {
    const lacking = await startSesApiServer({ accessKeyIds: [awsPeer.credentials.accessKeyId], lacks: ['GetAccount'] });
    try {
      const account = await getAccountInfo(client('eu-west-1', lacking.endpoint));
      assert.deepEqual(account, { available: false, reason: 'this endpoint does not offer GetAccount' });
    } finally {
      await lacking.stop();
    }
  });

  test('scanning 16 regions: a failing region reports its error while the others load', async () => {
    const regions = [
      'us-east-1',
      'us-east-2',
      'us-west-1',
      'us-west-2',
      'ap-south-1',
      'ap-northeast-1',
      'ap-northeast-2',
      'ap-southeast-1',
      'ap-southeast-2',
      'ca-central-1',
      'eu-central-1',
      'eu-west-1',
      'eu-west-2',
      'eu-west-3',
      'eu-north-1',
      'sa-east-1',
    ];
    const seen: string[] = [];
    const scans = await scanRegions((r) => (r === 'eu-west-3' ? client(r, 'http://127.0.0.1:9') : client(r)), regions, {
      concurrency: 4,
      onRegion: (s) => seen.push(s.region),
    });
    assert.equal(scans.length, 16);
    assert.deepEqual([...seen].sort(), [...regions].sort(), 'every region reported once');
    const failed = scans.filter((s) => s.error);
    assert.deepEqual(
      failed.map((s) => s.region),
      ['eu-west-3'],
    );
    assert.match(failed[0].error!, /could not be reached/);
    assert.equal(scans.find((s) => s.region === 'us-east-1')?.identities?.[0]?.name, 'noreply@east.example.com');
    assert.equal(scans.find((s) => s.region === 'ap-south-1')?.identities?.length, 90);
  });
});

// DKIM states and tokens, MAIL FROM, GetAccount and paging past 100, against an SES API peer
// (test/support/sesApiServer.ts) started with that data.
describe('SES identities against the SES API peer on 127.0.0.1', () => {
  let peer: SesApiServer;
  const clients: SESv2Client[] = [];
  const KEY = { accessKeyId: 'AKIAPEERTESTEXAMPLE1', secretAccessKey: 'peerTestSecretKeyExample00000000000000' };
  const client = (region: string, credentials = KEY): SESv2Client => {
    const c = new SESv2Client({ region, endpoint: peer.endpoint, credentials, maxAttempts: 1 });
    clients.push(c);
    return c;
  };
  before(async () => {
    peer = await startSesApiServer({
      accessKeyIds: [KEY.accessKeyId],
      regions: {
        'us-east-2': {
          identities: Array.from({ length: 10_000 }, (_, i) => ({ name: `user${i}@big.example.com` })),
          account: { productionAccessEnabled: true, max24HourSend: 100000, maxSendRate: 50, sentLast24Hours: 1234 },
        },
        'eu-west-1': {
          identities: [
            {
              name: 'pending.example.com',
              verificationStatus: 'PENDING',
              dkimStatus: 'PENDING',
              mailFromDomain: 'mail.pending.example.com',
              mailFromStatus: 'PENDING',
            },
            { name: 'failed.example.com', verificationStatus: 'FAILED', dkimStatus: 'FAILED' },
          ],
        },
        // DKIM as SES returns it since December 2025: per-identity signing zone, origins, key lengths.
        'us-east-1': {
          identities: [
            {
              name: 'shared.example.com',
              dkimTokens: ['parent1', 'parent2', 'parent3'],
              signingHostedZone: 'dkim.us-east-1.amazonses.example',
            },
          ],
        },
        'eu-west-2': {
          identities: [
            {
              name: 'zoned.example.com',
              signingHostedZone: 'dkim.eu-west-2.amazonses.example',
              currentKeyLength: 'RSA_1024_BIT',
              nextKeyLength: 'RSA_1024_BIT',
              lastKeyGenerationTimestamp: 1700000000,
            },
            { name: 'older.example.com', signingHostedZone: null },
            { name: 'byo.example.com', dkimOrigin: 'EXTERNAL', dkimTokens: ['sel2024'] },
            {
              name: 'shared.example.com',
              dkimOrigin: 'AWS_SES_US_EAST_1',
              signingHostedZone: 'dkim.us-east-1.amazonses.example',
            },
            { name: 'noreply@zoned.example.com' },
          ],
        },
        'ap-south-1': {
          fail: {
            status: 403,
            type: 'AccessDeniedException',
            message: 'User is not authorized to perform ses:ListEmailIdentities',
          },
        },
        // How an opt-in region that the account has not enabled answers.
        'af-south-1': {
          fail: {
            status: 403,
            type: 'UnrecognizedClientException',
            message: 'The security token included in the request is invalid.',
          },
        },
      },
    });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await peer?.stop();
  });

  test('10,000 identities: pages of the service default and of 1000 cover each exactly once', async () => {
    const first = await listIdentitiesPage(client('us-east-2'));
    assert.equal(first.identities.length, 100);
    assert.ok(first.nextToken);
    const all = await listAllIdentities(client('us-east-2'), { pageSize: 1000 });
    assert.equal(all.length, 10_000);
    assert.equal(new Set(all.map((i) => i.name)).size, 10_000);
    assert.equal(peer.requests.filter((r) => r === 'POST /v2/email/list-identities us-east-2').length, 11);
  });

  test("a domain's DKIM state, tokens and MAIL FROM come through to its DNS records", async () => {
    const d = await getIdentityDetails(client('eu-west-1'), 'pending.example.com');
    assert.equal(d.dkimStatus, 'PENDING');
    assert.equal(d.verificationStatus, 'PENDING');
    assert.deepEqual(d.dkimTokens, tokensFor('pending.example.com'));
    assert.equal(d.mailFromStatus, 'PENDING');
    const records = domainRecords(d.name, 'eu-west-1', d.dkimTokens, d.mailFromDomain);
    const token = tokensFor('pending.example.com')[0];
    assert.ok(
      records.some(
        (r) =>
          r.type === 'CNAME' &&
          r.name === `${token}._domainkey.pending.example.com` &&
          r.value === `${token}.dkim.amazonses.com`,
      ),
    );
    assert.ok(
      records.some(
        (r) =>
          r.type === 'MX' &&
          r.name === 'mail.pending.example.com' &&
          /feedback-smtp\.eu-west-1\.amazonses\.com/.test(r.value),
      ),
    );
    assert.equal((await getIdentityDetails(client('eu-west-1'), 'failed.example.com')).dkimStatus, 'FAILED');
  });

  test('DKIM: the signing zone, origin and key lengths come through, and the CNAMEs point into that zone', async () => {
    const d = await getIdentityDetails(client('eu-west-2'), 'zoned.example.com');
    assert.equal(d.dkimOrigin, 'AWS_SES');
    assert.equal(d.dkimSigningHostedZone, 'dkim.eu-west-2.amazonses.example');
    assert.equal(d.dkimCurrentKeyLength, 'RSA_1024_BIT');
    assert.equal(d.dkimNextKeyLength, 'RSA_1024_BIT');
    assert.equal(d.dkimLastKeyGeneration?.toISOString(), '2023-11-14T22:13:20.000Z');
    const dkim = identityRecords(d, 'eu-west-2').filter((r) => r.purpose === 'dkim');
    assert.deepEqual(
      dkim.map((r) => r.value),
      tokensFor('zoned.example.com').map((t) => `${t}.dkim.eu-west-2.amazonses.example`),
    );
    // The explorer's current call (no 5th argument) still works, with the old zone and a note saying so.
    assert.match(
      domainRecords(d.name, 'eu-west-2', d.dkimTokens, d.mailFromDomain)[0].note!,
      /dkim\.amazonses\.com is assumed/,
    );
  });

  test('DKIM: an answer without SigningHostedZone falls back to dkim.amazonses.com and says so', async () => {
    const d = await getIdentityDetails(client('eu-west-2'), 'older.example.com');
    assert.equal(d.dkimSigningHostedZone, undefined);
    const [r] = identityRecords(d, 'eu-west-2');
    assert.equal(r.value, `${tokensFor('older.example.com')[0]}.dkim.amazonses.com`);
    assert.match(r.note!, /did not return a signing zone/);
    assert.ok(describeDkim(d).tooltip.some((l) => /did not return a signing zone/.test(l)));
  });

  test('DKIM: Bring Your Own DKIM is one TXT at the selector, not three CNAMEs', async () => {
    const d = await getIdentityDetails(client('eu-west-2'), 'byo.example.com');
    assert.equal(d.dkimOrigin, 'EXTERNAL');
    assert.equal(d.dkimCurrentKeyLength, undefined);
    const dkim = identityRecords(d, 'eu-west-2').filter((r) => r.purpose === 'dkim');
    assert.deepEqual(
      dkim.map((r) => `${r.type} ${r.name}`),
      ['TXT sel2024._domainkey.byo.example.com'],
    );
    assert.equal(describeDkim(d).mode, 'byodkim');
  });

  test("DKIM: a Deterministic Easy DKIM replica names its parent region and has the parent's tokens", async () => {
    const d = await getIdentityDetails(client('eu-west-2'), 'shared.example.com');
    assert.equal(d.dkimOrigin, 'AWS_SES_US_EAST_1');
    assert.equal(d.dkimParentRegion, 'us-east-1');
    assert.deepEqual(d.dkimTokens, ['parent1', 'parent2', 'parent3']);
    const shown = describeDkim(d);
    assert.equal(shown.parentRegion, 'us-east-1');
    assert.equal(shown.records[0].value, 'parent1.dkim.us-east-1.amazonses.example');
    assert.match(shown.tooltip[0], /replicates the identity in us-east-1/);
    const before = peer.requests.length;
    await assert.rejects(
      upgradeDkimKeyTo2048(client('eu-west-2'), d),
      (e: Error) => e instanceof DkimKeyUpgradeError && /in us-east-1/.test(e.message),
    );
    assert.equal(peer.requests.length, before, 'refused before any call');
  });

  test('DKIM: moving Easy DKIM to 2048-bit sets the next key length; tokens and zone stay, nothing for DNS', async () => {
    const ses = client('eu-west-2');
    const d = await getIdentityDetails(ses, 'zoned.example.com');
    const r = await upgradeDkimKeyTo2048(ses, d);
    assert.equal(r.changed, true);
    assert.equal(r.action, 'easy');
    assert.match(r.dns, /Easy DKIM: nothing to change in DNS/);
    assert.deepEqual(r.dkimTokens, d.dkimTokens);
    assert.equal(r.dkimSigningHostedZone, 'dkim.eu-west-2.amazonses.example');
    assert.ok(peer.requests.includes('PUT /v2/email/identities/zoned.example.com/dkim/signing eu-west-2'));
    const after = await getIdentityDetails(ses, 'zoned.example.com');
    assert.equal(after.dkimCurrentKeyLength, 'RSA_1024_BIT');
    assert.equal(after.dkimNextKeyLength, 'RSA_2048_BIT');
    assert.deepEqual(after.dkimTokens, d.dkimTokens);
    const again = await upgradeDkimKeyTo2048(ses, after);
    assert.equal(again.changed, false);
    assert.match(again.summary, /Already moving to 2048-bit/);
  });

  test('DKIM: moving BYODKIM to 2048-bit sends the new key and selector; the TXT to publish comes back', async () => {
    const ses = client('eu-west-2');
    const d = await getIdentityDetails(ses, 'byo.example.com');
    await assert.rejects(upgradeDkimKeyTo2048(ses, d), /a new 2048-bit RSA key pair/);
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const r = await upgradeDkimKeyTo2048(ses, d, {
      selector: 'sel2026',
      privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    });
    assert.equal(r.action, 'byodkim');
    assert.deepEqual(r.dkimTokens, ['sel2026']);
    assert.deepEqual(
      r.records.map((x) => `${x.type} ${x.name} ${x.value}`),
      [
        `TXT sel2026._domainkey.byo.example.com v=DKIM1; k=rsa; p=${publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`,
      ],
    );
    assert.match(r.dns, /a new key to publish/);
    const after = await getIdentityDetails(ses, 'byo.example.com');
    assert.equal(after.dkimOrigin, 'EXTERNAL');
    assert.equal(after.dkimStatus, 'PENDING');
    assert.deepEqual(after.dkimTokens, ['sel2026']);
  });

  test('DKIM: the peer refuses what SES refuses (an address, a bad key, an unknown origin)', async () => {
    const ses = client('eu-west-2');
    await assert.rejects(
      ses.send(
        new PutEmailIdentityDkimSigningAttributesCommand({
          EmailIdentity: 'noreply@zoned.example.com',
          SigningAttributesOrigin: 'AWS_SES',
          SigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
        }),
      ),
      { name: 'BadRequestException' },
    );
    await assert.rejects(
      ses.send(
        new PutEmailIdentityDkimSigningAttributesCommand({
          EmailIdentity: 'older.example.com',
          SigningAttributesOrigin: 'EXTERNAL',
          SigningAttributes: { DomainSigningSelector: 's', DomainSigningPrivateKey: 'bm90IGEga2V5' },
        }),
      ),
      { name: 'BadRequestException' },
    );
    await assert.rejects(
      ses.send(
        new PutEmailIdentityDkimSigningAttributesCommand({
          EmailIdentity: 'older.example.com',
          SigningAttributesOrigin: 'AWS_SES_US_EAST_1',
        }),
      ),
      { name: 'BadRequestException' },
    );
    await assert.rejects(
      ses.send(
        new PutEmailIdentityDkimSigningAttributesCommand({
          EmailIdentity: 'missing.example.com',
          SigningAttributesOrigin: 'AWS_SES',
        }),
      ),
      { name: 'NotFoundException' },
    );
  });

  test('GetAccount: production with its quota, and a sandbox in another region', async () => {
    assert.deepEqual(await getAccountInfo(client('us-east-2')), {
      available: true,
      sandbox: false,
      sendingEnabled: true,
      enforcementStatus: 'HEALTHY',
      max24HourSend: 100000,
      maxSendRate: 50,
      sentLast24Hours: 1234,
    });
    const eu = await getAccountInfo(client('eu-west-1'));
    assert.equal(eu.available && eu.sandbox, true);
  });

  test('AccessDenied in one region and an unknown key are named with their fix', async () => {
    const denied = await listIdentitiesPage(client('ap-south-1')).catch((e: unknown) => describeAwsError(e));
    assert.match(String(denied), /^Access denied: .*not authorized.*Allow ses:ListEmailIdentities/);
    const unknown = await listIdentitiesPage(
      client('eu-west-1', { accessKeyId: 'AKIANOTKNOWNEXAMPLE1', secretAccessKey: 'x'.repeat(40) }),
    ).catch((e: unknown) => describeAwsError(e));
    assert.match(String(unknown), /credentials were not accepted/);
    const scans = await scanRegions((r) => client(r), ['af-south-1', 'eu-west-1']);
    assert.match(scans[0].error!, /not accepted in af-south-1\. It is an opt-in region: enable it for the account/);
    assert.equal(scans[1].identities?.length, 2);
  });

  test('a new domain starts PENDING with three tokens; delete removes it', async () => {
    const created = await createIdentity(client('eu-central-1'), 'New.Example.org');
    assert.deepEqual(created, { name: 'new.example.org', type: 'DOMAIN', dkimTokens: tokensFor('new.example.org') });
    assert.equal((await listAllIdentities(client('eu-central-1')))[0].verificationStatus, 'PENDING');
    await deleteIdentity(client('eu-central-1'), 'new.example.org');
    assert.deepEqual(await listAllIdentities(client('eu-central-1')), []);
  });
});
