// Rotation, the step after the switch that writes the new key into the set's linked Secrets Manager
// secret or SSM parameter: asked, read, rewritten with the secret's own key names (other keys kept),
// written back; a failure says how to fix it and does not roll back.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { rotateCredentials } from '../../../../../src/features/credentials/logic/rotation';
import { recover } from '../../../../../src/features/credentials/logic/rotationRecovery';
import { rewriteSecretValue, SecretRewriteError } from '../../../../../src/features/credentials/logic/rotationSecret';
import { RotationError, type RotationJournal } from '../../../../../src/features/credentials/logic/rotationTypes';
import type { LinkedSecret } from '../../../../../src/base/credentialSets';
import { deriveSmtpPassword } from '../../../../../src/base/password';
import { harness, OLD_KEY, USER, type FakeSecret, type Harness } from './rotationFakes';

const SET = { id: 'set-1', name: 'prod', username: OLD_KEY, region: 'eu-west-1' };
const NEW_KEY = 'AKIANEWKEY0000000001';
const NEW_SECRET = 'newSecretKey1'.padEnd(40, 'x');
const NEW_PW = deriveSmtpPassword(NEW_SECRET, 'eu-west-1');
const OLD_SECRET = 'oldSecretKeyForTheFakeIam0123456789abcd';
const OLD_PW = deriveSmtpPassword(OLD_SECRET, 'eu-west-1');
/** An IAM secret access key (40 characters) that an app keeps in the secret instead of a password. */
const APP_IAM_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SM: LinkedSecret = {
  service: 'secretsmanager',
  arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/mail-AbCdEf',
  name: 'app/mail',
  region: 'eu-west-1',
  keys: { username: 'MAIL_USER', password: 'MAIL_PASS', host: 'MAIL_HOST' },
};
const SSM: LinkedSecret = {
  service: 'ssm',
  arn: 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/smtp',
  name: '/app/smtp',
  region: 'eu-west-1',
};
const APP_JSON = {
  DB_URL: 'postgres://db/app',
  MAIL_USER: OLD_KEY,
  MAIL_PASS: OLD_PW,
  MAIL_HOST: 'email-smtp.eu-west-1.amazonaws.com',
  RETRIES: 3,
  FEATURES: { beta: true },
};

function withSecret(secret: Partial<FakeSecret> & { value: string }, more: Parameters<typeof harness>[0] = {}) {
  return harness({ ...more, secret: { link: SM, ...secret } });
}

async function rejected(h: Harness): Promise<RotationError> {
  try {
    await rotateCredentials(h.ports, { set: SET });
  } catch (err) {
    assert.ok(err instanceof RotationError, String(err));
    return err;
  }
  assert.fail('the rotation succeeded');
}

/** No secret (old or new password, IAM secret keys) in the journal or the progress lines. */
function leakFree(h: Harness, ...more: string[]): void {
  const text = JSON.stringify([h.journal.saved, h.progress]) + more.join('\n');
  for (const s of [NEW_SECRET, NEW_PW, OLD_SECRET, OLD_PW, APP_IAM_SECRET])
    assert.ok(!text.includes(s), 'a secret leaked');
}

describe('rotation: the linked secret', () => {
  test('no linked secret: no question, nothing read or written, the journal says none', async () => {
    const h = harness();
    const r = await rotateCredentials(h.ports, { set: SET });
    assert.equal(h.ports.secret, undefined);
    assert.equal(r.linkedSecret, undefined);
    assert.equal(h.journal.saved.find((j) => j.step === 'secret-updated')?.linkedSecret, 'none');
  });

  test('JSON with its own key names: username and password replaced, every other key and its order kept', async () => {
    const h = withSecret({ value: JSON.stringify(APP_JSON) });
    const r = await rotateCredentials(h.ports, { set: SET });
    assert.deepEqual(h.secretCalls, ['confirm', 'read', 'write']);
    const written = JSON.parse(h.secretValue!);
    assert.deepEqual(written, { ...APP_JSON, MAIL_USER: NEW_KEY, MAIL_PASS: NEW_PW });
    assert.deepEqual(Object.keys(written), Object.keys(APP_JSON));
    assert.deepEqual(r.linkedSecret, { service: 'secretsmanager', name: 'app/mail', arn: SM.arn, outcome: 'updated' });
    const steps = h.journal.saved.map((j) => `${j.step}${j.linkedSecret ? `:${j.linkedSecret}` : ''}`);
    assert.deepEqual(steps.slice(4), ['secret-updated:updated', 'old-key-inactive:updated']);
    assert.deepEqual(h.iam.ids(), [`${OLD_KEY}:Inactive`, `${NEW_KEY}:Active`], 'the old key goes Inactive after');
    leakFree(h);
  });

  test('a pretty-printed JSON secret stays pretty-printed with its indent', async () => {
    const h = withSecret({ value: JSON.stringify(APP_JSON, null, 4) + '\n' });
    await rotateCredentials(h.ports, { set: SET });
    assert.equal(h.secretValue, JSON.stringify({ ...APP_JSON, MAIL_USER: NEW_KEY, MAIL_PASS: NEW_PW }, null, 4));
  });

  test('JSON whose host is in another region gets that region’s password of the new key', async () => {
    const value = JSON.stringify({ ...APP_JSON, MAIL_HOST: 'email-smtp.us-east-1.amazonaws.com' });
    const h = withSecret({ value });
    await rotateCredentials(h.ports, { set: SET });
    assert.equal(JSON.parse(h.secretValue!).MAIL_PASS, deriveSmtpPassword(NEW_SECRET, 'us-east-1'));
  });

  test('a secret holding the IAM secret access key gets the new key’s secret access key', async () => {
    const h = withSecret({
      value: JSON.stringify({ AWS_ACCESS_KEY_ID: OLD_KEY, AWS_SECRET_ACCESS_KEY: APP_IAM_SECRET }),
    });
    h.ports.secret!.link = { ...SM, keys: { username: 'AWS_ACCESS_KEY_ID', password: 'AWS_SECRET_ACCESS_KEY' } };
    await rotateCredentials(h.ports, { set: SET });
    assert.deepEqual(JSON.parse(h.secretValue!), { AWS_ACCESS_KEY_ID: NEW_KEY, AWS_SECRET_ACCESS_KEY: NEW_SECRET });
  });

  test('plain-string secrets: "username:password" and a lone password keep their form', async () => {
    const pair = harness({ secret: { link: { ...SM, keys: undefined }, value: `${OLD_KEY}:${OLD_PW}` } });
    await rotateCredentials(pair.ports, { set: SET });
    assert.equal(pair.secretValue, `${NEW_KEY}:${NEW_PW}`);
    const lone = harness({ secret: { link: { ...SM, keys: undefined }, value: `${OLD_PW}\n` } });
    await rotateCredentials(lone.ports, { set: SET });
    assert.equal(lone.secretValue, NEW_PW);
  });

  test('SSM: the parameter is written with the type and KMS key it was read with', async () => {
    const value = JSON.stringify({ user: OLD_KEY, password: OLD_PW });
    const h = harness({ secret: { link: SSM, value, type: 'SecureString', kmsKeyId: 'alias/app' } });
    const r = await rotateCredentials(h.ports, { set: SET });
    assert.deepEqual(JSON.parse(h.secretWrites[0].value), { user: NEW_KEY, password: NEW_PW });
    assert.deepEqual(h.secretWrites[0].read, { value, type: 'SecureString', kmsKeyId: 'alias/app' });
    assert.equal(r.linkedSecret?.service, 'ssm');
    assert.equal(r.linkedSecret?.outcome, 'updated');
  });

  test('declined: the secret is neither read nor written, the rotation goes on, the journal says declined', async () => {
    const h = withSecret({ value: JSON.stringify(APP_JSON), confirm: false });
    const r = await rotateCredentials(h.ports, { set: SET });
    assert.deepEqual(h.secretCalls, ['confirm']);
    assert.equal(h.secretValue, JSON.stringify(APP_JSON));
    assert.equal(r.linkedSecret?.outcome, 'declined');
    assert.equal(h.journal.saved.find((j) => j.step === 'secret-updated')?.linkedSecret, 'declined');
    assert.deepEqual(h.iam.ids(), [`${OLD_KEY}:Inactive`, `${NEW_KEY}:Active`]);
  });
});

describe('rotation: the linked secret fails, after the switch', () => {
  const cases: Array<[string, Partial<FakeSecret> & { value: string }, RegExp]> = [
    [
      'the write is refused',
      { value: JSON.stringify(APP_JSON), writeError: new Error('AccessDeniedException: not allowed') },
      /updating the secret "app\/mail" failed: AccessDeniedException: not allowed\./,
    ],
    [
      'the read fails',
      { value: '', readError: new Error('ResourceNotFoundException: gone') },
      /updating the secret "app\/mail" failed: ResourceNotFoundException: gone\./,
    ],
    [
      'the secret holds another key',
      { value: JSON.stringify({ ...APP_JSON, MAIL_USER: 'AKIASOMEOTHERKEY0009' }) },
      /it holds the key AKIASOMEOTHERKEY0009, not the old key AKIAOLDKEY0000000001, so it was left as it was/,
    ],
    [
      'the password key is not in the secret',
      { value: JSON.stringify({ MAIL_USER: OLD_KEY, SMTP_PASSWORD_X: OLD_PW }) },
      /no key of it is known to hold the password \("MAIL_PASS" is not in it\)/,
    ],
  ];
  for (const [name, secret, said] of cases)
    test(`${name}: reported with the fix, set on the new key, old key Active and remembered`, async () => {
      const h = withSecret(secret);
      const err = await rejected(h);
      assert.match(err.message, said);
      assert.match(err.message, /^The set "prod" now uses the new key AKIANEWKEY0000000001, but updating/);
      assert.match(
        err.message,
        /The old key AKIAOLDKEY0000000001 is still Active: update the secret "app\/mail" by hand, or run Export SMTP Credential Set to Secrets Manager on the set, then use Delete Old Key\./,
      );
      assert.equal(err.rolledBack, false);
      assert.equal(err.step, 'env-updated');
      assert.equal(h.set.username, NEW_KEY, 'no roll-back: the set keeps the new key');
      assert.deepEqual(h.iam.ids(), [`${OLD_KEY}:Active`, `${NEW_KEY}:Active`]);
      assert.deepEqual(h.remembered, [`${USER}/${OLD_KEY}`]);
      assert.equal(h.journal.entries.size, 0);
      if (!secret.writeError) assert.equal(h.secretWrites.length, 0, 'nothing written');
      leakFree(h, err.message);
    });

  test('SSM failure names the parameter and the put-parameter fix; .env files already written are counted', async () => {
    const env = [{ file: '/w/.env', before: `U=${OLD_KEY}\n`, after: `U=${NEW_KEY}\n` }];
    const h = harness({ env, secret: { link: SSM, value: OLD_PW, writeError: new Error('ParameterLimitExceeded') } });
    const err = await rejected(h);
    assert.match(
      err.message,
      /updating the parameter "\/app\/smtp" failed: ParameterLimitExceeded\. 1 \.env file\(s\) were updated\./,
    );
    assert.match(
      err.message,
      /put the new username and password in the parameter "\/app\/smtp" by hand \(aws ssm put-parameter --overwrite\)/,
    );
  });
});

describe('a resumed rotation and the linked secret (the new key’s secret is gone)', () => {
  const journal: RotationJournal = {
    version: 1,
    setId: 'set-1',
    setName: 'prod',
    userName: USER,
    oldKeyId: OLD_KEY,
    newKeyId: NEW_KEY,
    step: 'env-updated',
    at: '2026-06-01T12:00:05.000Z',
    startedAt: '2026-06-01T12:00:00.000Z',
  };

  test('finishing from env-updated writes the set’s password into the secret, then sets the old key Inactive', async () => {
    const h = withSecret({ value: JSON.stringify(APP_JSON) });
    await h.iam.createAccessKey(USER);
    const out = await recover(h.ports, journal, NEW_KEY, NEW_PW);
    assert.equal(out.result?.linkedSecret?.outcome, 'updated');
    assert.deepEqual(JSON.parse(h.secretValue!), { ...APP_JSON, MAIL_USER: NEW_KEY, MAIL_PASS: NEW_PW });
    assert.deepEqual(h.iam.ids(), [`${OLD_KEY}:Inactive`, `${NEW_KEY}:Active`]);
  });

  test('finishing from secret-updated does not touch the secret again', async () => {
    const h = withSecret({ value: JSON.stringify(APP_JSON) });
    await h.iam.createAccessKey(USER);
    await recover(h.ports, { ...journal, step: 'secret-updated', linkedSecret: 'updated' }, NEW_KEY, NEW_PW);
    assert.deepEqual(h.secretCalls, []);
  });

  test('an IAM secret key or another region’s password cannot be made: refused with what to do by hand', () => {
    const change = { oldUsername: OLD_KEY, newUsername: NEW_KEY, password: NEW_PW, setRegion: 'eu-west-1' };
    assert.throws(
      () => rewriteSecretValue(`${OLD_KEY}:${APP_IAM_SECRET}`, undefined, change),
      (err: unknown) =>
        err instanceof SecretRewriteError &&
        /holds the IAM secret access key.*put the new key’s secret/.test(err.message),
    );
    const other = JSON.stringify({ username: OLD_KEY, password: OLD_PW, region: 'ap-south-1' });
    assert.throws(
      () => rewriteSecretValue(other, { username: 'username', password: 'password', region: 'region' }, change),
      /holds the SMTP password for ap-south-1, not eu-west-1/,
    );
    // Near miss: the same region needs no secret.
    const same = JSON.stringify({ username: OLD_KEY, password: OLD_PW, region: 'EU-WEST-1' });
    const keys = { username: 'username', password: 'password', region: 'region' };
    assert.equal(JSON.parse(rewriteSecretValue(same, keys, change)).password, NEW_PW);
  });

  test('a secret that already holds the new key is written again (idempotent); another username is not', () => {
    const change = { oldUsername: OLD_KEY, newUsername: NEW_KEY, password: NEW_PW, setRegion: 'eu-west-1' };
    assert.equal(rewriteSecretValue(`${NEW_KEY}:${NEW_PW}`, undefined, change), `${NEW_KEY}:${NEW_PW}`);
    assert.throws(
      () => rewriteSecretValue(`someone@example.com:${OLD_PW}`, undefined, change),
      /it holds another username, not the old key/,
    );
  });
});
