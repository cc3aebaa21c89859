import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  rotateCredentials,
  twoKeysMessage,
  waitForLogin,
} from '../../../../../src/features/credentials/logic/rotation';
import { RotationError, type RotationJournal } from '../../../../../src/features/credentials/logic/rotationTypes';
import { deriveSmtpPassword } from '../../../../../src/base/password';
import { harness, OLD_KEY, USER, type Harness } from './rotationFakes';

const SET = { id: 'set-1', name: 'prod', username: OLD_KEY, region: 'eu-west-1' };
const ENV = [{ file: '/w/.env', before: `SMTP_USER=${OLD_KEY}\n`, after: 'SMTP_USER=AKIANEWKEY0000000001\n' }];
const RETRY = { ok: false as const, retry: true, summary: '535 Authentication Credentials Invalid' };

async function rejected(h: Harness, input = {}): Promise<RotationError> {
  try {
    await rotateCredentials(h.ports, { set: SET, ...input });
  } catch (err) {
    assert.ok(err instanceof RotationError, String(err));
    return err;
  }
  assert.fail('the rotation succeeded');
}

/** No journal entry ever held the new key's secret or a password. */
function journalHoldsNoSecret(h: Harness): void {
  const secrets = [...h.iam.keys.values()].flat().map((k) => k.secret);
  const text = JSON.stringify(h.journal.saved);
  for (const s of [...secrets, h.set.password].filter(Boolean))
    assert.ok(!text.includes(s!), 'a secret in the journal');
  for (const e of h.journal.saved)
    assert.deepEqual(
      Object.keys(e).sort(),
      [
        'at',
        'linkedSecret',
        'newKeyId',
        'oldKeyId',
        'setId',
        'setName',
        'startedAt',
        'step',
        'userName',
        'version',
      ].filter(
        (k) => (k !== 'newKeyId' || e.newKeyId !== undefined) && (k !== 'linkedSecret' || e.linkedSecret !== undefined),
      ),
    );
}

describe('rotation: success', () => {
  test('new key checked until the login passes, set switched, .env updated, old key Inactive and remembered', async () => {
    const h = harness({ logins: [RETRY, RETRY, { ok: true }], env: ENV });
    const r = await rotateCredentials(h.ports, { set: SET });
    const newKey = h.iam.keys.get(USER)![1];
    assert.equal(r.newKeyId, newKey.id);
    assert.equal(r.loginAttempts, 3);
    assert.deepEqual(h.sleeps, [1000, 2000]);
    assert.deepEqual(h.set, { username: newKey.id, password: deriveSmtpPassword(newKey.secret, 'eu-west-1') });
    // Other sets and .env blocks of the same key in another region get that region's password.
    assert.equal(h.passwordFor!('us-east-1'), deriveSmtpPassword(newKey.secret, 'us-east-1'));
    assert.equal(h.envPasswordFor!('ap-south-1'), deriveSmtpPassword(newKey.secret, 'ap-south-1'));
    assert.deepEqual(r.envFiles, ['/w/.env']);
    assert.deepEqual(h.envConfirmed, [ENV]);
    assert.deepEqual(h.iam.ids(), [`${OLD_KEY}:Inactive`, `${newKey.id}:Active`]);
    assert.equal(r.oldKey, 'inactive');
    assert.deepEqual(h.remembered, [`${USER}/${OLD_KEY}`]);
    assert.deepEqual(
      h.journal.saved.map((j) => j.step),
      ['creating-key', 'key-created', 'set-updated', 'env-updated', 'secret-updated', 'old-key-inactive'],
    );
    assert.equal(h.journal.saved[4].linkedSecret, 'none', 'the journal says the set has no linked secret');
    assert.equal(r.linkedSecret, undefined);
    assert.equal(h.journal.entries.size, 0, 'the journal is cleared at the end');
    journalHoldsNoSecret(h);
  });

  test('"now" deletes the old key; "never" keeps it Inactive and does not remember it', async () => {
    const now = harness({ oldKeyAction: 'now' });
    const r = await rotateCredentials(now.ports, { set: SET });
    assert.equal(r.oldKey, 'deleted');
    assert.deepEqual(now.iam.ids(), [`${r.newKeyId}:Active`]);
    assert.deepEqual(now.remembered, []);
    const never = harness({ oldKeyAction: 'never' });
    const r2 = await rotateCredentials(never.ports, { set: SET });
    assert.equal(r2.oldKey, 'inactive');
    assert.deepEqual(never.remembered, []);
    assert.deepEqual(never.iam.ids(), [`${OLD_KEY}:Inactive`, `${r2.newKeyId}:Active`]);
  });

  test('declined .env update: files listed as skipped, nothing written, old key still set Inactive', async () => {
    const h = harness({ env: ENV, confirmEnv: false });
    const r = await rotateCredentials(h.ports, { set: SET });
    assert.deepEqual(r.envFiles, []);
    assert.deepEqual(r.envFilesSkipped, ['/w/.env']);
    assert.deepEqual(h.envApplied, []);
    assert.equal(h.iam.ids()[0], `${OLD_KEY}:Inactive`);
  });

  test('no .env file uses the old key: no question asked', async () => {
    const h = harness({ env: [] });
    const r = await rotateCredentials(h.ports, { set: SET });
    assert.deepEqual(h.envConfirmed, []);
    assert.deepEqual([r.envFiles, r.envFilesSkipped], [[], []]);
  });
});

describe('rotation: refused before anything changes', () => {
  test('the user already has two keys: the other must go, with its state and last use', async () => {
    const h = harness();
    h.iam.keys.get(USER)!.push({
      id: 'AKIAOTHERKEY00000002',
      status: 'Inactive',
      created: new Date('2024-01-01'),
      secret: 's',
      lastUsed: new Date('2025-03-04T10:00:00Z'),
    });
    const err = await rejected(h);
    assert.equal(err.step, 'checks');
    assert.match(err.message, /already has two access keys/);
    assert.match(err.message, /AKIAOTHERKEY00000002 must go first because this set uses the other one/);
    assert.match(err.message, /it is Inactive and was last used 2025-03-04/);
    assert.ok(!h.iam.calls.some((c) => c.startsWith('create')), 'no key created');
    assert.equal(h.journal.saved.length, 0);
  });

  test('near miss: the other key is Active and never used: the message warns about what may use it', () => {
    const m = twoKeysMessage(USER, OLD_KEY, { id: 'AKIAOTHERKEY00000002', status: 'Active' });
    assert.match(m, /it is Active and was never used: make sure nothing else signs in with it/);
  });

  test('a username that is not an access key id', async () => {
    const h = harness();
    const err = await rejected(h, { set: { ...SET, username: 'smtp-relay-user' } });
    assert.match(err.message, /is not an IAM access key id \(AKIA…\), so there is no key to rotate/);
    assert.deepEqual(h.iam.calls, []);
  });

  test('IAM does not know the key (another account): say which credentials are needed', async () => {
    const h = harness();
    h.iam.fail.keyOwner = new Error('AccessDenied: not authorized to perform iam:GetAccessKeyLastUsed');
    const err = await rejected(h);
    assert.match(err.message, /Could not find the IAM user of the access key AKIAOLDKEY0000000001: AccessDenied/);
    assert.match(err.message, /Choose AWS credentials of the account that owns the key/);
  });

  test('listing the keys is denied: say which IAM actions the credentials need', async () => {
    const h = harness();
    h.iam.fail.list = new Error('AccessDenied: iam:ListAccessKeys');
    const err = await rejected(h);
    assert.match(err.message, /Could not list the access keys of the IAM user "ses-smtp-user\.app": AccessDenied/);
    assert.match(
      err.message,
      /need iam:ListAccessKeys, iam:CreateAccessKey, iam:UpdateAccessKey and iam:DeleteAccessKey/,
    );
    assert.ok(!h.iam.calls.some((c) => c.startsWith('create')));
  });

  test('the user does not list the key any more', async () => {
    const h = harness();
    h.iam.keyOwner = async () => ({ userName: 'someone-else', lastUsed: undefined });
    h.iam.keys.set('someone-else', []);
    const err = await rejected(h);
    assert.match(err.message, /"someone-else" does not list the key AKIAOLDKEY0000000001/);
  });

  test('cancelled before it starts', async () => {
    const h = harness();
    const err = await rejected(h, { signal: AbortSignal.abort() });
    assert.match(err.message, /Cancelled; nothing was changed/);
    assert.deepEqual(h.iam.calls, []);
  });

  test('creating the key fails: nothing to roll back, journal cleared', async () => {
    const h = harness();
    h.iam.fail.create = new Error('LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2');
    const err = await rejected(h);
    assert.equal(err.rolledBack, true);
    assert.match(err.message, /Creating a new access key failed: LimitExceeded.*Nothing was changed/);
    assert.equal(h.journal.entries.size, 0);
  });
});

describe('rotation: failures before the switch roll back', () => {
  test('a login failure that waiting cannot fix: new key deleted at once, set and .env untouched', async () => {
    const h = harness({ logins: [{ ok: false, retry: false, summary: 'Connection refused' }], env: ENV });
    const err = await rejected(h);
    assert.equal(err.rolledBack, true);
    assert.equal(err.step, 'key-created');
    assert.match(err.message, /the login check with the new key failed: Connection refused/);
    assert.match(err.message, /The new key AKIANEWKEY0000000001 was deleted again; nothing else was changed/);
    assert.deepEqual(h.iam.ids(), [`${OLD_KEY}:Active`]);
    assert.deepEqual(h.set, {});
    assert.deepEqual([h.envConfirmed, h.sleeps], [[], []]);
    assert.equal(h.journal.entries.size, 0);
    journalHoldsNoSecret(h);
  });

  test('a key that never propagates: bounded backoff, then roll back', async () => {
    const h = harness({ logins: [RETRY] });
    const err = await rejected(h, { maxWaitMs: 20_000 });
    // 1 + 2 + 4 + 8 = 15 s waited; the next pause (10 s) would pass 20 s.
    assert.deepEqual(h.sleeps, [1000, 2000, 4000, 8000]);
    assert.match(err.message, /still failed the login check after 5 attempts in 15 s \(last: 535 Authentication/);
    assert.deepEqual(h.iam.ids(), [`${OLD_KEY}:Active`]);
  });

  test('cancelled while waiting: rolled back', async () => {
    const controller = new AbortController();
    const h = harness({ logins: [RETRY], onSleep: () => controller.abort() });
    const err = await rejected(h, { signal: controller.signal });
    assert.match(err.message, /^Cancelled\. The new key AKIANEWKEY0000000001 was deleted again/);
    assert.equal(err.rolledBack, true);
    assert.deepEqual(h.iam.ids(), [`${OLD_KEY}:Active`]);
  });

  test('saving the set fails: rolled back', async () => {
    const h = harness({ updateSetError: new Error('secret storage unavailable') });
    const err = await rejected(h);
    assert.match(err.message, /Rotation stopped: secret storage unavailable\. The new key .* was deleted again/);
    assert.deepEqual(h.iam.ids(), [`${OLD_KEY}:Active`]);
  });

  test('the roll-back itself fails: the journal stays for the next start, the message says what to delete', async () => {
    const h = harness({ logins: [{ ok: false, retry: false, summary: 'TLS failed' }] });
    h.iam.fail.delete = new Error('Throttling');
    const err = await rejected(h);
    assert.equal(err.rolledBack, false);
    assert.match(
      err.message,
      /Deleting the new key AKIANEWKEY0000000001 failed too \(Throttling\): delete it in the IAM console/,
    );
    const left = [...h.journal.entries.values()] as RotationJournal[];
    assert.deepEqual(
      left.map((j) => [j.step, j.newKeyId]),
      [['key-created', 'AKIANEWKEY0000000001']],
    );
  });
});

describe('rotation: failures after the switch keep the new key and say what is left', () => {
  test('writing the .env files fails: old key stays Active and is remembered for Delete Old Key', async () => {
    const h = harness({ env: ENV, applyEnvError: new Error('.env is read-only') });
    const err = await rejected(h);
    assert.equal(err.step, 'set-updated');
    assert.match(err.message, /now uses the new key .* updating the .env files failed: .env is read-only/);
    assert.match(err.message, /The old key AKIAOLDKEY0000000001 is still Active/);
    assert.equal(h.iam.ids()[0], `${OLD_KEY}:Active`);
    assert.deepEqual(h.remembered, [`${USER}/${OLD_KEY}`]);
    assert.equal(h.journal.entries.size, 0);
  });

  test('setting the old key Inactive fails', async () => {
    const h = harness();
    h.iam.fail.update = new Error('AccessDenied: iam:UpdateAccessKey');
    const err = await rejected(h);
    assert.equal(err.step, 'secret-updated');
    assert.match(err.message, /setting the old key AKIAOLDKEY0000000001 Inactive failed: AccessDenied/);
    assert.equal(h.set.username, 'AKIANEWKEY0000000001');
  });

  test('deleting the old key "now" fails: it stays Inactive and is remembered', async () => {
    const h = harness({ oldKeyAction: 'now' });
    const create = h.iam.createAccessKey.bind(h.iam);
    h.iam.createAccessKey = async (u) => {
      const k = await create(u);
      h.iam.fail.delete = new Error('Throttling');
      return k;
    };
    const r = await rotateCredentials(h.ports, { set: SET });
    assert.equal(r.oldKey, 'inactive');
    assert.deepEqual(h.remembered, [`${USER}/${OLD_KEY}`]);
    assert.ok(h.progress.some((p) => /Deleting the old key failed \(Throttling\)/.test(p)));
  });
});

describe('waitForLogin backoff', () => {
  test('pauses double from the first delay up to 10 s', async () => {
    const h = harness({ logins: [RETRY, RETRY, RETRY, RETRY, { ok: true }] });
    const attempts = await waitForLogin(h.ports, 'AKIAX', 'pw', { firstDelayMs: 4000, maxWaitMs: 60_000 });
    assert.equal(attempts, 5);
    assert.deepEqual(h.sleeps, [4000, 8000, 10_000, 10_000]);
  });

  test('near miss: a wait that ends exactly at the limit is still taken', async () => {
    const h = harness({ logins: [RETRY, RETRY, { ok: true }] });
    assert.equal(await waitForLogin(h.ports, 'AKIAX', 'pw', { firstDelayMs: 1000, maxWaitMs: 3000 }), 3);
    assert.deepEqual(h.sleeps, [1000, 2000]);
  });
});
