// Create SMTP Credentials (Dedicated IAM User) when IAM fails at each step: what was created before
// the failing step is deleted again, the new access key included, and a rollback that fails itself
// is named. The failures come from a proxy in front of the AWS API peer answering as IAM does (its error
// document and status), so the SDK raises its own exceptions.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { IAMClient, ListAccessKeysCommand, ListUsersCommand, DeleteUserCommand } from '@aws-sdk/client-iam';
import { createSmtpUser, SmtpUserCreationError, SMTP_POLICY_NAME } from '../../../../src/engines/aws/iam';
import { startAwsPeer, type AwsPeer } from '../../../support/awsPeer';
import { startIamFaultProxy, type IamFaultProxy } from '../../../support/iamFaultProxy';

describe('dedicated SMTP users: a failing IAM step rolls back what was created (the AWS API peer behind a fault proxy)', () => {
  let peer: AwsPeer;
  let proxy: IamFaultProxy;
  let direct: IAMClient;
  let viaProxy: IAMClient;
  let n = 0;
  before(async () => {
    peer = await startAwsPeer();
    proxy = await startIamFaultProxy(peer.endpoint);
    direct = new IAMClient({ region: 'us-east-1', endpoint: peer.endpoint, credentials: peer.credentials });
    viaProxy = new IAMClient({
      region: 'us-east-1',
      endpoint: proxy.endpoint,
      credentials: peer.credentials,
      maxAttempts: 1,
    });
  });
  after(async () => {
    direct?.destroy();
    viaProxy?.destroy();
    await proxy?.stop();
    await peer?.stop();
  });
  beforeEach(() => {
    proxy.faults.clear();
    proxy.dropSecret = false;
    proxy.actions.length = 0;
  });

  const userNames = async (): Promise<string[]> =>
    ((await direct.send(new ListUsersCommand({}))).Users ?? []).map((u) => u.UserName ?? '');
  const failure = async (userName: string): Promise<SmtpUserCreationError> => {
    let caught: unknown;
    await createSmtpUser(viaProxy, { region: 'eu-west-1', userName }).catch((e: unknown) => (caught = e));
    assert.ok(caught instanceof SmtpUserCreationError, `rejected with ${String(caught)}`);
    return caught;
  };
  const nextName = (): string => `ses-smtp-user.rollback-${++n}`;

  test('CreateUser refused: nothing was created, nothing to roll back', async () => {
    const userName = nextName();
    proxy.faults.set('CreateUser', {
      status: 409,
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for UsersPerAccount: 5000',
    });
    const err = await failure(userName);
    assert.equal(err.step, 'user');
    assert.deepEqual(err.rolledBack, []);
    assert.match(
      err.message,
      /^Creating the SMTP user failed at the user step: Cannot exceed quota for UsersPerAccount: 5000\.$/,
    );
    assert.deepEqual(proxy.actions, ['CreateUser']);
    assert.ok(!(await userNames()).includes(userName));
  });

  test('PutUserPolicy refused: the user is deleted', async () => {
    const userName = nextName();
    proxy.faults.set('PutUserPolicy', {
      status: 400,
      code: 'MalformedPolicyDocument',
      message: 'Policy document is malformed',
    });
    const err = await failure(userName);
    assert.equal(err.step, 'policy');
    assert.deepEqual(err.rolledBack, [`IAM user ${userName}`]);
    assert.match(err.message, /failed at the policy step: Policy document is malformed\. Rolled back: IAM user /);
    assert.deepEqual(proxy.actions, ['CreateUser', 'PutUserPolicy', 'DeleteUser']);
    assert.ok(!(await userNames()).includes(userName), 'the user is gone from IAM');
  });

  test('CreateAccessKey refused: the policy and the user are deleted', async () => {
    const userName = nextName();
    proxy.faults.set('CreateAccessKey', {
      status: 409,
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for AccessKeysPerUser: 2',
    });
    const err = await failure(userName);
    assert.equal(err.step, 'key');
    assert.deepEqual(err.rolledBack, [`inline policy ${SMTP_POLICY_NAME}`, `IAM user ${userName}`]);
    assert.deepEqual(proxy.actions, [
      'CreateUser',
      'PutUserPolicy',
      'CreateAccessKey',
      'DeleteUserPolicy',
      'DeleteUser',
    ]);
    assert.ok(!(await userNames()).includes(userName));
  });

  test('a key answered without its secret: the new key, the policy and the user are deleted', async () => {
    const userName = nextName();
    proxy.dropSecret = true;
    const err = await failure(userName);
    assert.match(err.message, /IAM returned no access key\. Rolled back: access key AKIA\w+, inline policy/);
    assert.equal(err.rolledBack.length, 3);
    assert.match(err.rolledBack[0], /^access key AKIA\w{12,}$/);
    assert.deepEqual(err.rolledBack.slice(1), [`inline policy ${SMTP_POLICY_NAME}`, `IAM user ${userName}`]);
    assert.deepEqual(proxy.actions, [
      'CreateUser',
      'PutUserPolicy',
      'CreateAccessKey',
      'DeleteAccessKey',
      'DeleteUserPolicy',
      'DeleteUser',
    ]);
    assert.ok(!(await userNames()).includes(userName));
  });

  test('a rollback step that fails is named with what to delete by hand; the key is still removed', async () => {
    const userName = nextName();
    proxy.dropSecret = true;
    proxy.faults.set('DeleteUser', {
      status: 409,
      code: 'DeleteConflict',
      message: 'Cannot delete entity, must remove tokens from principal first.',
    });
    const err = await failure(userName);
    assert.equal(err.rolledBack.length, 2);
    assert.match(err.rolledBack[0], /^access key AKIA/);
    assert.deepEqual(err.rollbackFailures, [
      `IAM user ${userName}: Cannot delete entity, must remove tokens from principal first.`,
    ]);
    assert.match(
      err.message,
      /Could not remove: IAM user .*: Cannot delete entity.* — delete these in the IAM console\.$/,
    );
    // The user stays (its deletion failed), without its key: the secret never left IAM unused.
    assert.ok((await userNames()).includes(userName));
    const keys = await direct.send(new ListAccessKeysCommand({ UserName: userName }));
    assert.deepEqual(keys.AccessKeyMetadata ?? [], [], 'the new access key was deleted');
    await direct.send(new DeleteUserCommand({ UserName: userName }));
  });
});
