// The access keys of an IAM user, listed by the function the .env action "Look Up Access Keys of
// IAM User <name>" calls (issue #19 item 4b), against the AWS API peer, and AccessDenied from the
// IAM/STS peer in front of it.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { IAMClient, CreateAccessKeyCommand, CreateUserCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { IamLookupError, listUserAccessKeys } from '../../../../src/engines/aws/iamKeyLookup';
import { startAwsPeer, type AwsPeer } from '../../../support/awsPeer';
import { startIamStsPeer, type IamStsPeer } from '../../../support/iamStsPeer';

const WHO = 'the profile "admin"';

describe('the access keys of an IAM user (AWS API peer on 127.0.0.1)', () => {
  let awsPeer: AwsPeer;
  let peer: IamStsPeer;
  let iam: IAMClient;
  before(async () => {
    awsPeer = await startAwsPeer();
    iam = new IAMClient({ region: 'us-east-1', endpoint: awsPeer.endpoint, credentials: awsPeer.credentials });
    peer = await startIamStsPeer({
      upstream: awsPeer.endpoint,
      deny: ['iam:ListAccessKeys'],
    });
  });
  after(async () => {
    iam?.destroy();
    await peer?.stop();
    await awsPeer?.stop();
  });

  test('a user with an active and an inactive key: both, oldest first, with status and creation date', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'app-mailer' }));
    const first = (await iam.send(new CreateAccessKeyCommand({ UserName: 'app-mailer' }))).AccessKey!;
    const second = (await iam.send(new CreateAccessKeyCommand({ UserName: 'app-mailer' }))).AccessKey!;
    await iam.send(
      new UpdateAccessKeyCommand({ UserName: 'app-mailer', AccessKeyId: second.AccessKeyId, Status: 'Inactive' }),
    );
    const rows = await listUserAccessKeys(iam, 'app-mailer', { who: WHO });
    assert.deepEqual(
      rows.map((r) => [r.id, r.status]),
      [
        [first.AccessKeyId, 'Active'],
        [second.AccessKeyId, 'Inactive'],
      ],
    );
    for (const r of rows) {
      assert.match(r.id, /^AKIA[A-Z0-9]{16}$/);
      assert.ok(r.created instanceof Date && !Number.isNaN(r.created.getTime()), 'a creation date');
    }
    assert.ok(!JSON.stringify(rows).includes(first.SecretAccessKey!), 'no secret in the rows');
  });

  test('a user without keys: an empty list', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'keyless' }));
    assert.deepEqual(await listUserAccessKeys(iam, 'keyless', { who: WHO }), []);
  });

  test('an unknown user: says the user does not exist for these credentials, and the fix', async () => {
    await assert.rejects(
      listUserAccessKeys(iam, 'no-such-user', { who: WHO }),
      (err: Error) =>
        err instanceof IamLookupError &&
        err.problem === 'not-found' &&
        /^The IAM user "no-such-user" does not exist in the account of the profile "admin"\. Check the user name in the \.env, or choose a profile of the account/.test(
          err.message,
        ),
    );
  });

  test('AccessDenied: names the denied action and the fix', async () => {
    const denied = new IAMClient({ region: 'us-east-1', endpoint: peer.endpoint, credentials: awsPeer.credentials });
    try {
      await assert.rejects(
        listUserAccessKeys(denied, 'app-mailer', { who: WHO }),
        (err: Error) =>
          err instanceof IamLookupError &&
          err.problem === 'denied' &&
          /^The profile "admin" may not list the access keys of "app-mailer" \(iam:ListAccessKeys is denied\)\. Allow iam:ListAccessKeys on arn:aws:iam::<account>:user\/app-mailer, or choose another profile\.$/.test(
            err.message,
          ),
      );
      assert.ok(peer.requests.includes('iam:ListAccessKeys'), peer.requests.join(', '));
    } finally {
      denied.destroy();
    }
  });

  test('a look-up cancelled before it answers: "cancelled", nothing else', async () => {
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(
      listUserAccessKeys(iam, 'app-mailer', { who: WHO, signal: abort.signal }),
      (err: Error) => err instanceof IamLookupError && err.problem === 'cancelled',
    );
  });

  test('a name IAM cannot hold is refused before any request', async () => {
    await assert.rejects(listUserAccessKeys(iam, 'app mailer', { who: WHO }), /not a valid IAM user name/);
  });
});
