// The SES calls against aws-sdk-client-mock answering as SES does: paging, Easy DKIM domains, GetAccount.
import { test, describe, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import { generateKeyPairSync } from 'node:crypto';
import {
  CreateEmailIdentityCommand,
  GetAccountCommand,
  GetEmailIdentityCommand,
  ListEmailIdentitiesCommand,
  PutEmailIdentityDkimSigningAttributesCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import {
  createIdentity,
  describeAwsError,
  DkimKeyUpgradeError,
  getAccountInfo,
  getIdentityDetails,
  listAllIdentities,
  upgradeDkimKeyTo2048,
  type IdentityDetails,
} from '../../../../src/engines/aws/ses';

const ses = new SESv2Client({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIAUNITTESTEXAMPLE1', secretAccessKey: 'x'.repeat(40) },
});
const mock = mockClient(ses);

describe('SES calls (mocked client)', () => {
  afterEach(() => mock.reset());

  test('paging follows NextToken across 2,500 identities', async () => {
    const all = Array.from({ length: 2500 }, (_, i) => ({
      IdentityName: `d${i}.example.com`,
      IdentityType: 'DOMAIN' as const,
      SendingEnabled: true,
      VerificationStatus: 'SUCCESS' as const,
    }));
    mock.on(ListEmailIdentitiesCommand).callsFake((input: { NextToken?: string; PageSize?: number }) => {
      const start = Number(input.NextToken ?? 0);
      const size = input.PageSize ?? 1000;
      const next = start + size < all.length ? String(start + size) : undefined;
      return { EmailIdentities: all.slice(start, start + size), NextToken: next };
    });
    const listed = await listAllIdentities(ses, { pageSize: 500 });
    assert.equal(listed.length, 2500);
    assert.equal(mock.commandCalls(ListEmailIdentitiesCommand).length, 5);
    assert.equal(listed[2499].name, 'd2499.example.com');
  });

  test('a domain is created with Easy DKIM RSA 2048 and its tokens are returned', async () => {
    mock.on(CreateEmailIdentityCommand).resolves({
      IdentityType: 'DOMAIN',
      VerifiedForSendingStatus: false,
      DkimAttributes: { Status: 'PENDING', Tokens: ['t1', 't2', 't3'] },
    });
    const created = await createIdentity(ses, 'Example.com');
    assert.deepEqual(created, { name: 'example.com', type: 'DOMAIN', dkimTokens: ['t1', 't2', 't3'] });
    assert.deepEqual(mock.commandCalls(CreateEmailIdentityCommand)[0].args[0].input, {
      EmailIdentity: 'example.com',
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
    });
  });

  test('identity details: verification, DKIM and MAIL FROM', async () => {
    mock.on(GetEmailIdentityCommand).resolves({
      IdentityType: 'DOMAIN',
      VerificationStatus: 'SUCCESS',
      VerifiedForSendingStatus: true,
      DkimAttributes: { Status: 'TEMPORARY_FAILURE', Tokens: ['a', 'b', 'c'], SigningEnabled: true },
      MailFromAttributes: {
        MailFromDomain: 'mail.example.com',
        MailFromDomainStatus: 'PENDING',
        BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
      },
    });
    const d = await getIdentityDetails(ses, 'example.com');
    assert.equal(d.dkimStatus, 'TEMPORARY_FAILURE');
    assert.deepEqual(d.dkimTokens, ['a', 'b', 'c']);
    assert.equal(d.mailFromDomain, 'mail.example.com');
    assert.equal(d.mailFromStatus, 'PENDING');
  });

  test('identity details: DKIM origin, signing zone, key lengths and the parent region of a replica', async () => {
    mock.on(GetEmailIdentityCommand).resolves({
      IdentityType: 'DOMAIN',
      VerificationStatus: 'SUCCESS',
      DkimAttributes: {
        Status: 'SUCCESS',
        Tokens: ['a'],
        SigningEnabled: true,
        SigningAttributesOrigin: 'AWS_SES_US_EAST_1',
        SigningHostedZone: 'dkim.us-east-1.amazonses.com',
        CurrentSigningKeyLength: 'RSA_1024_BIT',
        NextSigningKeyLength: 'RSA_2048_BIT',
        LastKeyGenerationTimestamp: new Date('2025-11-24T16:00:00Z'),
      },
    });
    const d = await getIdentityDetails(ses, 'example.com');
    assert.equal(d.dkimOrigin, 'AWS_SES_US_EAST_1');
    assert.equal(d.dkimParentRegion, 'us-east-1');
    assert.equal(d.dkimSigningHostedZone, 'dkim.us-east-1.amazonses.com');
    assert.equal(d.dkimCurrentKeyLength, 'RSA_1024_BIT');
    assert.equal(d.dkimNextKeyLength, 'RSA_2048_BIT');
    assert.equal(d.dkimLastKeyGeneration?.toISOString(), '2025-11-24T16:00:00.000Z');
  });

  const domain: IdentityDetails = {
    name: 'example.com',
    type: 'DOMAIN',
    sendingEnabled: true,
    dkimStatus: 'SUCCESS',
    dkimTokens: ['t1', 't2', 't3'],
    dkimOrigin: 'AWS_SES',
    dkimCurrentKeyLength: 'RSA_1024_BIT',
    dkimNextKeyLength: 'RSA_1024_BIT',
  };

  test('2048-bit for Easy DKIM: AWS_SES with NextSigningKeyLength RSA_2048_BIT, nothing to change in DNS', async () => {
    mock
      .on(PutEmailIdentityDkimSigningAttributesCommand)
      .resolves({ DkimStatus: 'SUCCESS', DkimTokens: ['t1', 't2', 't3'], SigningHostedZone: 'dkim.amazonses.com' });
    const r = await upgradeDkimKeyTo2048(ses, domain);
    assert.deepEqual(mock.commandCalls(PutEmailIdentityDkimSigningAttributesCommand)[0].args[0].input, {
      EmailIdentity: 'example.com',
      SigningAttributesOrigin: 'AWS_SES',
      SigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
    });
    assert.equal(r.changed, true);
    assert.match(r.dns, /nothing to change in DNS/);
  });

  test('2048-bit: nothing is sent when already there; a replica or a BYODKIM domain without a key is refused before any call', async () => {
    assert.equal(
      (
        await upgradeDkimKeyTo2048(ses, {
          ...domain,
          dkimCurrentKeyLength: 'RSA_2048_BIT',
          dkimNextKeyLength: 'RSA_2048_BIT',
        })
      ).changed,
      false,
    );
    await assert.rejects(
      upgradeDkimKeyTo2048(ses, { ...domain, dkimOrigin: 'AWS_SES_EU_WEST_1' }),
      (e: Error) => e instanceof DkimKeyUpgradeError && /in eu-west-1/.test(e.message),
    );
    await assert.rejects(
      upgradeDkimKeyTo2048(ses, { ...domain, dkimOrigin: 'EXTERNAL', dkimTokens: ['old'] }),
      /Bring Your Own DKIM: make a new 2048-bit RSA key pair/,
    );
    assert.equal(mock.commandCalls(PutEmailIdentityDkimSigningAttributesCommand).length, 0);
  });

  test('2048-bit for BYODKIM: EXTERNAL with the new selector and key; the TXT to publish comes back, the private key does not', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    mock.on(PutEmailIdentityDkimSigningAttributesCommand).resolves({ DkimStatus: 'PENDING', DkimTokens: ['sel2048'] });
    const r = await upgradeDkimKeyTo2048(
      ses,
      { ...domain, dkimOrigin: 'EXTERNAL', dkimTokens: ['old'] },
      { selector: 'sel2048', privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() },
    );
    assert.deepEqual(mock.commandCalls(PutEmailIdentityDkimSigningAttributesCommand)[0].args[0].input, {
      EmailIdentity: 'example.com',
      SigningAttributesOrigin: 'EXTERNAL',
      SigningAttributes: { DomainSigningSelector: 'sel2048', DomainSigningPrivateKey: pkcs8 },
    });
    assert.equal(r.records[0].name, 'sel2048._domainkey.example.com');
    assert.equal(
      r.records[0].value,
      `v=DKIM1; k=rsa; p=${publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`,
    );
    assert.equal('privateKeyBase64' in r, false);
    assert.ok(!JSON.stringify(r).includes(pkcs8));
  });

  test('the account: sandbox and quota', async () => {
    mock.on(GetAccountCommand).resolves({
      ProductionAccessEnabled: false,
      SendingEnabled: true,
      EnforcementStatus: 'HEALTHY',
      SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 12 },
    });
    assert.deepEqual(await getAccountInfo(ses), {
      available: true,
      sandbox: true,
      sendingEnabled: true,
      enforcementStatus: 'HEALTHY',
      max24HourSend: 200,
      maxSendRate: 1,
      sentLast24Hours: 12,
    });
  });

  test('an access-denied account call is an error, not "unavailable"', async () => {
    mock.on(GetAccountCommand).rejects(
      Object.assign(new Error('User is not authorized to perform ses:GetAccount'), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    await assert.rejects(getAccountInfo(ses), /not authorized/);
  });

  test('AWS errors read as advice', () => {
    assert.match(
      describeAwsError(Object.assign(new Error('x'), { name: 'AccessDeniedException' })),
      /Allow ses:ListEmailIdentities/,
    );
    assert.match(
      describeAwsError(
        Object.assign(new Error('x'), { name: 'AccessDeniedException' }),
        'eu-west-1',
        'ses:PutEmailIdentityDkimSigningAttributes',
      ),
      /Allow ses:PutEmailIdentityDkimSigningAttributes/,
    );
    assert.match(
      describeAwsError(Object.assign(new Error('x'), { name: 'UnrecognizedClientException' })),
      /not accepted/,
    );
    assert.doesNotMatch(
      describeAwsError(Object.assign(new Error('x'), { name: 'UnrecognizedClientException' }), 'eu-west-1'),
      /opt-in/,
    );
    assert.match(
      describeAwsError(Object.assign(new Error('x'), { name: 'UnrecognizedClientException' }), 'me-south-1'),
      /in me-south-1\. It is an opt-in region: enable it for the account/,
    );
    assert.match(describeAwsError(Object.assign(new Error('x'), { name: 'ExpiredTokenException' })), /aws sso login/);
    assert.match(
      describeAwsError(
        Object.assign(new Error('getaddrinfo ENOTFOUND email.af-south-1.amazonaws.com'), { code: 'ENOTFOUND' }),
      ),
      /opt-in regions/,
    );
  });
});
