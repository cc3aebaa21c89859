import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  IAMClient,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  CreateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import {
  createSmtpUser,
  consoleStyleUserName,
  SmtpUserCreationError,
  SMTP_POLICY_NAME,
} from '../../../../src/engines/aws/iam';
import { startAwsPeer, type AwsPeer } from '../../../support/awsPeer';

describe('dedicated SMTP users in IAM (AWS API peer on 127.0.0.1)', () => {
  let awsPeer: AwsPeer;
  let iam: IAMClient;
  before(async () => {
    awsPeer = await startAwsPeer();
    iam = new IAMClient({ region: 'us-east-1', endpoint: awsPeer.endpoint, credentials: awsPeer.credentials });
  });
  after(async () => {
    iam?.destroy();
    await awsPeer?.stop();
  });

  test('creates the user, a policy allowing only ses:SendRawEmail from the given addresses, a key, and the v4 password', async () => {
    const created = await createSmtpUser(iam, {
      region: 'eu-central-1',
      fromPatterns: ['*@example.com', 'noreply@example.org'],
      now: new Date(Date.UTC(2026, 10, 25, 4, 5, 6)),
    });
    assert.equal(created.userName, 'ses-smtp-user.20261125-040506');
    assert.match(created.accessKeyId, /^AKIA/);
    assert.equal(created.smtpPassword.length, 44);
    assert.ok(!JSON.stringify(created).toLowerCase().includes('secretaccesskey'), 'no secret is returned');
    await iam.send(new GetUserCommand({ UserName: created.userName }));
    const policy = await iam.send(
      new GetUserPolicyCommand({ UserName: created.userName, PolicyName: SMTP_POLICY_NAME }),
    );
    const doc = JSON.parse(decodeURIComponent(policy.PolicyDocument!));
    assert.deepEqual(doc.Statement, [
      {
        Effect: 'Allow',
        Action: 'ses:SendRawEmail',
        Resource: '*',
        Condition: { StringLike: { 'ses:FromAddress': ['*@example.com', 'noreply@example.org'] } },
      },
    ]);
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: created.userName }));
    assert.deepEqual(
      keys.AccessKeyMetadata?.map((k) => k.AccessKeyId),
      [created.accessKeyId],
    );
  });

  test('a failure at the access-key step rolls back the policy and the user', async () => {
    const userName = 'ses-smtp-user.rollback-test';
    const failing = {
      send: (command: unknown) => {
        if (command instanceof CreateAccessKeyCommand) return Promise.reject(new Error('LimitExceeded: simulated'));
        return iam.send(command as never);
      },
    };
    await assert.rejects(
      createSmtpUser(failing as Pick<IAMClient, 'send'>, { region: 'us-east-1', userName }),
      (err: unknown) => {
        assert.ok(err instanceof SmtpUserCreationError);
        assert.equal(err.step, 'key');
        assert.deepEqual(err.rolledBack, [`inline policy ${SMTP_POLICY_NAME}`, `IAM user ${userName}`]);
        assert.match(err.message, /failed at the key step: LimitExceeded: simulated\. Rolled back: inline policy/);
        return true;
      },
    );
    const users = await iam.send(new ListUsersCommand({}));
    assert.ok(!users.Users?.some((u) => u.UserName === userName), 'the half-created user is gone');
  });

  test('an existing user name fails at the first step with nothing to roll back', async () => {
    const userName = consoleStyleUserName(new Date(Date.UTC(2030, 0, 1)));
    await createSmtpUser(iam, { region: 'us-east-1', userName });
    await assert.rejects(
      createSmtpUser(iam, { region: 'us-east-1', userName }),
      (err: unknown) => err instanceof SmtpUserCreationError && err.step === 'user' && err.rolledBack.length === 0,
    );
  });

  test('bad names and From patterns are refused before any call', async () => {
    await assert.rejects(
      createSmtpUser(iam, { region: 'us-east-1', userName: 'has space' }),
      /not a valid IAM user name/,
    );
    await assert.rejects(
      createSmtpUser(iam, { region: 'us-east-1', fromPatterns: ['example.com'] }),
      /not a From pattern: use an address .* or \*@example\.com/,
    );
  });
});
