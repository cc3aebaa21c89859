// The AWS API peer of the tests (test/support/awsPeer.ts) through the SDK's current clients: the
// errors come back with AWS's codes and statuses as the SDK reads them, callers are told apart by
// their access key, and the rules the product's tests lean on (IAM's two-key quota, delete
// conflicts, secret version stages, SSM's default key) hold, each with its near miss.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  IAMClient,
  PutUserPolicyCommand,
  SimulatePrincipalPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CreateEmailIdentityCommand, ListEmailIdentitiesCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DescribeParametersCommand, GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { stsQuery, xmlValue } from '../../../src/engines/doctor/stsQuery';
import { startAwsPeer, type AwsPeer } from '../../support/awsPeer';

type Key = { accessKeyId: string; secretAccessKey: string };
const STRANGER: Key = {
  accessKeyId: 'AKIASTRANGEREXAMPLE1',
  secretAccessKey: 'strangerSecretKeyExample0000000000000000',
};

/** The error's SDK name and HTTP status. */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return `${e.name} ${e.$metadata?.httpStatusCode}: ${e.message}`;
  }
  throw new Error('the call succeeded');
}

describe('the AWS API peer (SDK clients on 127.0.0.1)', () => {
  let peer: AwsPeer;
  const clients: Array<{ destroy(): void }> = [];
  const opts = (credentials: Key, region = 'eu-west-1') => ({
    region,
    endpoint: peer.endpoint,
    credentials,
    maxAttempts: 1,
  });
  const iam = (k: Key = peer.credentials): IAMClient => {
    const c = new IAMClient(opts(k, 'us-east-1'));
    clients.push(c);
    return c;
  };
  const sm = (k: Key = peer.credentials): SecretsManagerClient => {
    const c = new SecretsManagerClient(opts(k));
    clients.push(c);
    return c;
  };
  const ssm = (k: Key = peer.credentials): SSMClient => {
    const c = new SSMClient(opts(k));
    clients.push(c);
    return c;
  };
  const ses = (k: Key = peer.credentials, region = 'eu-west-1'): SESv2Client => {
    const c = new SESv2Client(opts(k, region));
    clients.push(c);
    return c;
  };
  const sts = (k: Key, action: string, params?: Record<string, string>): Promise<string> =>
    stsQuery({ region: 'us-east-1', endpoint: peer.endpoint, credentials: async () => k, action, params });
  const userKey = async (userName: string): Promise<Key> => {
    const k = (await iam().send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
    return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };
  };

  before(async () => {
    peer = await startAwsPeer();
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await peer.stop();
  });

  test('a key the account does not know is refused by each service with its own error', async () => {
    assert.match(await failure(iam(STRANGER).send(new GetUserCommand({}))), /^InvalidClientTokenId 403:/);
    assert.match(await failure(sts(STRANGER, 'GetCallerIdentity')), /^InvalidClientTokenId 403:/);
    assert.match(await failure(sm(STRANGER).send(new ListSecretsCommand({}))), /^UnrecognizedClientException 400:/);
    assert.match(
      await failure(ssm(STRANGER).send(new DescribeParametersCommand({}))),
      /^UnrecognizedClientException 400:/,
    );
    assert.match(
      await failure(ses(STRANGER).send(new ListEmailIdentitiesCommand({}))),
      /^UnrecognizedClientException 403:/,
    );
  });

  test('callers told apart by key: the root, an IAM user, and the same user once its key is Inactive', async () => {
    assert.match(
      xmlValue(await sts(peer.credentials, 'GetCallerIdentity'), 'Arn') ?? '',
      /^arn:aws:iam::123456789012:root$/,
    );
    await iam().send(new CreateUserCommand({ UserName: 'caller' }));
    const key = await userKey('caller');
    assert.equal(xmlValue(await sts(key, 'GetCallerIdentity'), 'Arn'), 'arn:aws:iam::123456789012:user/caller');
    assert.equal((await iam(key).send(new GetUserCommand({}))).User?.UserName, 'caller');
    await iam().send(
      new UpdateAccessKeyCommand({ UserName: 'caller', AccessKeyId: key.accessKeyId, Status: 'Inactive' }),
    );
    assert.match(await failure(sts(key, 'GetCallerIdentity')), /^InvalidClientTokenId 403:/);
  });

  test("IAM's quota of two access keys per user: the second key is made, the third refused", async () => {
    await iam().send(new CreateUserCommand({ UserName: 'two-keys' }));
    await userKey('two-keys');
    await userKey('two-keys');
    assert.match(
      await failure(userKey('two-keys')),
      /^LimitExceededException 409: Cannot exceed quota for AccessKeysPerUser: 2$/,
    );
  });

  test('a user with a key cannot be deleted (DeleteConflict); an unknown user is NoSuchEntity', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'keeper' }));
    await userKey('keeper');
    assert.match(
      await failure(iam().send(new DeleteUserCommand({ UserName: 'keeper' }))),
      /^DeleteConflictException 409:/,
    );
    assert.match(await failure(iam().send(new GetUserCommand({ UserName: 'nobody' }))), /^NoSuchEntityException 404:/);
    assert.match(
      await failure(iam().send(new CreateUserCommand({ UserName: 'keeper' }))),
      /^EntityAlreadyExistsException 409:/,
    );
  });

  test("GetAccessKeyLastUsed: N/A before the key's first use, then the service and region it signed for", async () => {
    await iam().send(new CreateUserCommand({ UserName: 'user-of-ses' }));
    const key = await userKey('user-of-ses');
    const before = await iam().send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.accessKeyId }));
    assert.equal(before.UserName, 'user-of-ses');
    assert.deepEqual(
      [before.AccessKeyLastUsed?.ServiceName, before.AccessKeyLastUsed?.LastUsedDate],
      ['N/A', undefined],
    );
    await ses(key, 'ap-south-1').send(new ListEmailIdentitiesCommand({}));
    const used = (await iam().send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.accessKeyId })))
      .AccessKeyLastUsed;
    assert.deepEqual([used?.ServiceName, used?.Region], ['ses', 'ap-south-1']);
    assert.ok(used?.LastUsedDate instanceof Date);
  });

  test('SimulatePrincipalPolicy over the user policies: allowed, a near miss of the condition, an explicit Deny', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'sim' }));
    const allow = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'ses:SendRawEmail',
          Resource: '*',
          Condition: { StringLike: { 'ses:FromAddress': '*@example.com' } },
        },
      ],
    };
    await iam().send(
      new PutUserPolicyCommand({ UserName: 'sim', PolicyName: 'send', PolicyDocument: JSON.stringify(allow) }),
    );
    const simulate = async (from: string) =>
      (
        await iam().send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: 'arn:aws:iam::123456789012:user/sim',
            ActionNames: ['ses:SendRawEmail'],
            ResourceArns: ['arn:aws:ses:eu-west-1:123456789012:identity/example.com'],
            ContextEntries: [{ ContextKeyName: 'ses:FromAddress', ContextKeyType: 'string', ContextKeyValues: [from] }],
          }),
        )
      ).EvaluationResults?.[0];
    const ok = await simulate('app@example.com');
    assert.equal(ok?.EvalDecision, 'allowed');
    assert.deepEqual(
      ok?.MatchedStatements?.map((m) => m.SourcePolicyId),
      ['send'],
    );
    assert.equal((await simulate('app@example.org'))?.EvalDecision, 'implicitDeny');
    const deny = { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: 'ses:*', Resource: '*' } };
    await iam().send(
      new PutUserPolicyCommand({ UserName: 'sim', PolicyName: 'stop', PolicyDocument: JSON.stringify(deny) }),
    );
    assert.equal((await simulate('app@example.com'))?.EvalDecision, 'explicitDeny');
  });

  test('Secrets Manager: names are unique, versions move AWSCURRENT to AWSPREVIOUS, a deleted secret cannot be read', async () => {
    const c = sm();
    const made = await c.send(new CreateSecretCommand({ Name: 'ses/smtp/app', SecretString: 'one' }));
    assert.match(made.ARN ?? '', /^arn:aws:secretsmanager:eu-west-1:123456789012:secret:ses\/smtp\/app-[0-9a-f]{6}$/);
    assert.match(
      await failure(c.send(new CreateSecretCommand({ Name: 'ses/smtp/app', SecretString: 'x' }))),
      /^ResourceExistsException 400:/,
    );
    const second = await c.send(new PutSecretValueCommand({ SecretId: made.ARN, SecretString: 'two' }));
    const read = await c.send(new GetSecretValueCommand({ SecretId: 'ses/smtp/app' }));
    assert.deepEqual([read.SecretString, read.VersionId], ['two', second.VersionId]);
    const stages = (await c.send(new DescribeSecretCommand({ SecretId: 'ses/smtp/app' }))).VersionIdsToStages ?? {};
    assert.deepEqual(stages[made.VersionId!], ['AWSPREVIOUS']);
    assert.deepEqual(stages[second.VersionId!], ['AWSCURRENT']);
    assert.equal(
      (await c.send(new ListSecretsCommand({ Filters: [{ Key: 'all', Values: ['smtp'] }] }))).SecretList?.length,
      1,
    );
    assert.equal(
      (await c.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['other/'] }] }))).SecretList?.length,
      0,
    );
    assert.match(
      await failure(c.send(new GetSecretValueCommand({ SecretId: 'ses/smtp/none' }))),
      /^ResourceNotFoundException 400:/,
    );
    await c.send(new DeleteSecretCommand({ SecretId: 'ses/smtp/app', RecoveryWindowInDays: 7 }));
    assert.match(
      await failure(c.send(new GetSecretValueCommand({ SecretId: 'ses/smtp/app' }))),
      /^InvalidRequestException 400:/,
    );
    // Secrets are kept per region.
    assert.equal((await sm().send(new ListSecretsCommand({}))).SecretList?.length, 0);
  });

  test('SSM: overwrite only when asked; a SecureString takes alias/aws/ssm when no KeyId is sent, on overwrite too', async () => {
    const c = ssm();
    await c.send(
      new PutParameterCommand({ Name: '/ses/smtp/pw', Value: 'one', Type: 'SecureString', KeyId: 'alias/mine' }),
    );
    assert.match(
      await failure(c.send(new PutParameterCommand({ Name: '/ses/smtp/pw', Value: 'two', Type: 'SecureString' }))),
      /^ParameterAlreadyExists 400:/,
    );
    const put = await c.send(
      new PutParameterCommand({ Name: '/ses/smtp/pw', Value: 'two', Type: 'SecureString', Overwrite: true }),
    );
    assert.equal(put.Version, 2);
    const described = await c.send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: ['/ses/smtp/pw'] }],
      }),
    );
    assert.equal(described.Parameters?.[0]?.KeyId, 'alias/aws/ssm');
    assert.equal(
      (await c.send(new GetParameterCommand({ Name: '/ses/smtp/pw', WithDecryption: true }))).Parameter?.Value,
      'two',
    );
    assert.notEqual((await c.send(new GetParameterCommand({ Name: '/ses/smtp/pw' }))).Parameter?.Value, 'two');
    assert.match(await failure(c.send(new GetParameterCommand({ Name: '/ses/smtp/none' }))), /^ParameterNotFound 400:/);
  });

  test('SES: the POST list path of current clients with paging; verification by the owner; a second CreateEmailIdentity is AlreadyExists', async () => {
    const c = ses(peer.credentials, 'sa-east-1');
    for (const n of ['a@example.com', 'b@example.com', 'c@example.com'])
      await c.send(new CreateEmailIdentityCommand({ EmailIdentity: n }));
    const first = await c.send(new ListEmailIdentitiesCommand({ PageSize: 2 }));
    assert.equal(first.EmailIdentities?.length, 2);
    const rest = await c.send(new ListEmailIdentitiesCommand({ PageSize: 2, NextToken: first.NextToken }));
    assert.deepEqual(
      rest.EmailIdentities?.map((i) => i.IdentityName),
      ['c@example.com'],
    );
    assert.equal(rest.NextToken, undefined);
    assert.ok(peer.requests.includes('ses:POST /v2/email/list-identities'));
    assert.deepEqual(
      first.EmailIdentities?.map((i) => i.VerificationStatus),
      ['PENDING', 'PENDING'],
      'an address waits for its owner',
    );
    const verify = (identity: string) =>
      fetch(`${peer.endpoint}/_peer/ses/verify`, {
        method: 'POST',
        body: JSON.stringify({ region: 'sa-east-1', identity }),
      }).then((r) => r.status);
    assert.equal(await verify('a@example.com'), 204);
    assert.equal(await verify('z@example.com'), 404);
    const after = await c.send(new ListEmailIdentitiesCommand({}));
    assert.deepEqual(
      after.EmailIdentities?.map((i) => `${i.IdentityName} ${i.VerificationStatus}`),
      ['a@example.com SUCCESS', 'b@example.com PENDING', 'c@example.com PENDING'],
    );
    assert.match(
      await failure(c.send(new CreateEmailIdentityCommand({ EmailIdentity: 'a@example.com' }))),
      /^AlreadyExistsException 400:/,
    );
  });

  test('what the peer does not serve is refused in each protocol: an unknown action, a malformed key id, another service', async () => {
    assert.match(
      await failure(sts(peer.credentials, 'AssumeRole')),
      /^InvalidAction 400: Could not find operation AssumeRole/,
    );
    assert.match(
      await failure(sts(peer.credentials, 'GetAccessKeyInfo', { AccessKeyId: 'AKIA1' })),
      /^ValidationError 400:/,
    );
    const info = await sts(peer.credentials, 'GetAccessKeyInfo', { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
    assert.equal(xmlValue(info, 'Account'), '123456789012');
    const signedFor = (service: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          `${peer.endpoint}/`,
          {
            method: 'POST',
            headers: {
              authorization: `AWS4-HMAC-SHA256 Credential=${peer.credentials.accessKeyId}/20260101/eu-west-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
              'x-amz-target': 'AmazonSQS.ListQueues',
            },
          },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    // SQS is served (awsPeerSnsSqs.ts), but not every action of it.
    const sqs = await signedFor('sqs');
    assert.equal(sqs.status, 400);
    assert.match(sqs.body, /"__type":"com\.amazonaws\.sqs#UnsupportedOperation".*ListQueues is not served/);
    const kinesis = await signedFor('kinesis');
    assert.equal(kinesis.status, 400);
    assert.match(kinesis.body, /"__type":"UnknownOperationException".*does not serve the service \\"kinesis\\"/);
  });

  test("the IAM users' keys are readable without a signature only, for the e2e secrets sweep", async () => {
    const get = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) =>
        http
          .get(`${peer.endpoint}/_peer/access-keys`, { headers }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject),
      );
    assert.equal(await get({}), 200);
    assert.notEqual(
      await get({
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIAPEERROOTEXAMPLE1/20260101/us-east-1/iam/aws4_request',
      }),
      200,
    );
    assert.ok(peer.accessKeys().every((k) => k.userName !== undefined && k.secretAccessKey.length >= 40));
  });
});
