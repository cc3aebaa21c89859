// Rotate SMTP Credentials with a linked secret, against real peers on 127.0.0.1: the AWS API peer for IAM,
// Secrets Manager and SSM, and the SES-like SMTP server (which learns each key IAM creates and refuses
// Inactive ones). A set imported from (or exported to) a secret is rotated; afterwards the secret holds
// the new key under its own key names, its other keys are as they were, and importing it again gives
// credentials that log in. A secret that cannot be written is reported and nothing is rolled back.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { iamKeyPort, type RotationIam } from '../../../../../src/engines/aws/iamKeys';
import { getParameterText, getSecretText, writeSecret } from '../../../../../src/engines/aws/secrets';
import {
  putParameterText,
  putSecretText,
  readParameterForUpdate,
  readSecretForUpdate,
} from '../../../../../src/engines/aws/secretsUpdate';
import { rotateCredentials } from '../../../../../src/features/credentials/logic/rotation';
import { DEFAULT_EXPORT_KEYS, buildSecretJson } from '../../../../../src/features/credentials/logic/secretExport';
import {
  extractCredentials,
  parseSecretValue,
  type SecretMapping,
} from '../../../../../src/features/credentials/logic/secretValue';
import {
  RotationError,
  type LinkedSecretPort,
  type RotationJournal,
  type RotationPorts,
} from '../../../../../src/features/credentials/logic/rotationTypes';
import type { LinkedSecret } from '../../../../../src/base/credentialSets';
import { checkSmtpLogin } from '../../../../../src/engines/smtp/session';
import { deriveSmtpPassword } from '../../../../../src/base/password';
import { startAwsPeer, type AwsPeer } from '../../../../support/awsPeer';
import { startSesSmtpServer, type SesServer } from '../../../../support/sesSmtpServer';

const REGION = 'eu-west-1';
const HOST = `email-smtp.${REGION}.amazonaws.com`;

describe('Rotation updates the linked secret (AWS API peer: IAM, Secrets Manager, SSM + SES-like SMTP on 127.0.0.1)', () => {
  let awsPeer: AwsPeer;
  let iam: IAMClient;
  let sm: SecretsManagerClient;
  let ssm: SSMClient;
  let smtp: SesServer;
  let n = 0;

  before(async () => {
    awsPeer = await startAwsPeer();
    const config = { endpoint: awsPeer.endpoint, credentials: awsPeer.credentials };
    iam = new IAMClient({ region: 'us-east-1', ...config });
    sm = new SecretsManagerClient({ region: REGION, ...config });
    ssm = new SSMClient({ region: REGION, ...config });
    smtp = await startSesSmtpServer({ region: REGION, tls: 'starttls', users: [] });
  });
  after(async () => {
    iam?.destroy();
    sm?.destroy();
    ssm?.destroy();
    await smtp?.stop();
    await awsPeer?.stop();
  });

  const login = (username: string, password: string) =>
    checkSmtpLogin({ host: smtp.host, port: smtp.port, tls: 'starttls', username, password, ca: smtp.ca });

  /** An IAM user with one key SES knows; the key's password for the region. */
  async function keyOfNewUser() {
    const userName = `ses-smtp-user.linked-${++n}`;
    await iam.send(new CreateUserCommand({ UserName: userName }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
    smtp.addUser({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey!, userName });
    return { userName, id: key.AccessKeyId!, password: deriveSmtpPassword(key.SecretAccessKey!, REGION) };
  }

  /** The secret port as the extension builds it, with the core AWS calls against the AWS API peer. */
  function secretPort(link: LinkedSecret): LinkedSecretPort {
    return {
      link,
      setRegion: REGION,
      confirm: async () => true,
      read: () => (link.service === 'ssm' ? readParameterForUpdate(ssm, link.name) : readSecretForUpdate(sm, link.arn)),
      write: (value, read) =>
        link.service === 'ssm' ? putParameterText(ssm, link.name, value, read) : putSecretText(sm, link.arn, value),
    };
  }

  /** Rotation ports: real IAM (SES learns new keys), the real login check, the set in memory. */
  function ports(link: LinkedSecret, set: { username: string; password: string }) {
    const real = iamKeyPort(iam);
    const bridged: RotationIam = {
      ...real,
      async createAccessKey(user) {
        const k = await real.createAccessKey(user);
        smtp.addUser({ accessKeyId: k.id, secretAccessKey: k.secret, userName: user });
        return k;
      },
      async updateAccessKey(user, id, status) {
        await real.updateAccessKey(user, id, status);
        smtp.setKeyStatus(id, status);
      },
    };
    const journal = new Map<string, RotationJournal>();
    const saved: RotationJournal[] = [];
    const p: RotationPorts = {
      iam: bridged,
      secret: secretPort(link),
      checkLogin: async (u, pw, signal) => {
        const r = await checkSmtpLogin({ ...smtpAt(), username: u, password: pw, signal });
        return r.ok ? { ok: true } : { ok: false, retry: r.failure?.code === 'AUTH_FAILED', summary: 'failed' };
      },
      updateSet: async (u, pw) => {
        set.username = u;
        set.password = pw;
      },
      planEnv: async () => [],
      confirmEnv: async () => false,
      applyEnv: async () => [],
      chooseOldKeyAction: async () => 'later',
      rememberOldKey: async () => undefined,
      journal: {
        load: async () => [...journal.values()],
        save: async (e) => {
          saved.push({ ...e });
          journal.set(e.setId, { ...e });
        },
        clear: async (id) => void journal.delete(id),
      },
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      now: () => new Date(),
    };
    return { ports: p, saved };
  }
  const smtpAt = () => ({ host: smtp.host, port: smtp.port, tls: 'starttls' as const, ca: smtp.ca });

  const keysOf = async (userName: string) =>
    ((await iam.send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata ?? [])
      .map((k) => `${k.AccessKeyId}:${k.Status}`)
      .sort();

  /** What an import does with the value: parse, map, extract. */
  function reimport(text: string, mapping?: SecretMapping) {
    return extractCredentials(parseSecretValue(text), mapping);
  }

  test('imported JSON secret with its own key names: rotated, new key under the same names, other keys kept, re-import logs in', async () => {
    const key = await keyOfNewUser();
    const original = {
      APP_DB_PASSWORD: 'db-secret-stays',
      MAIL_USER: key.id,
      MAIL_PASS: key.password,
      MAIL_HOST: HOST,
      RETRIES: 3,
      FEATURES: { digest: true },
    };
    const created = await sm.send(
      new CreateSecretCommand({ Name: `app/mail-${n}`, SecretString: JSON.stringify(original) }),
    );
    // The import: the user maps the keys once; the set is linked to the secret with them.
    const mapping = { username: 'MAIL_USER', password: 'MAIL_PASS', host: 'MAIL_HOST' };
    const read = await getSecretText(sm, `app/mail-${n}`);
    const imported = reimport(read.value, mapping);
    assert.equal(imported.username, key.id);
    const link: LinkedSecret = {
      service: 'secretsmanager',
      arn: read.arn,
      name: read.name,
      region: REGION,
      keys: mapping,
    };
    assert.equal(link.arn, created.ARN);
    const set = { username: imported.username!, password: imported.password };
    const { ports: p, saved } = ports(link, set);

    const r = await rotateCredentials(p, { set: { id: `s${n}`, name: 'app', username: set.username, region: REGION } });
    assert.deepEqual(r.linkedSecret, { service: 'secretsmanager', name: read.name, arn: read.arn, outcome: 'updated' });
    const now = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: read.arn }))).SecretString!);
    assert.deepEqual(now, { ...original, MAIL_USER: r.newKeyId, MAIL_PASS: set.password });
    assert.deepEqual(Object.keys(now), Object.keys(original), 'the keys keep their order');
    const again = reimport(JSON.stringify(now), mapping);
    assert.equal((await login(again.username!, again.password)).ok, true, 'the re-imported credentials log in');
    assert.equal((await login(key.id, key.password)).ok, false, 'the old key (Inactive) does not');
    assert.deepEqual(await keysOf(key.userName), [`${key.id}:Inactive`, `${r.newKeyId}:Active`].sort());
    assert.ok(saved.some((j) => j.step === 'secret-updated' && j.linkedSecret === 'updated'));
    assert.ok(!JSON.stringify(saved).includes(set.password), 'the journal holds no password');
  });

  test('exported set (default keys): rotate, then the re-import of the secret logs in with the new key', async () => {
    const key = await keyOfNewUser();
    const value = buildSecretJson(DEFAULT_EXPORT_KEYS, {
      username: key.id,
      password: key.password,
      host: HOST,
      port: 587,
    });
    const written = await writeSecret(sm, { name: `ses/smtp/export-${n}`, value, overwrite: false });
    const link: LinkedSecret = {
      service: 'secretsmanager',
      arn: written.arn,
      name: written.name,
      region: REGION,
      keys: { ...DEFAULT_EXPORT_KEYS },
    };
    const set = { username: key.id, password: key.password };
    const r = await rotateCredentials(ports(link, set).ports, {
      set: { id: `s${n}`, name: 'exported', username: key.id, region: REGION },
    });
    const back = reimport((await getSecretText(sm, written.arn)).value, DEFAULT_EXPORT_KEYS);
    assert.deepEqual([back.username, back.password, back.host, back.port], [r.newKeyId, set.password, HOST, 587]);
    assert.equal((await login(back.username!, back.password)).ok, true);
  });

  test('SSM SecureString "user:password" with its KMS key: rewritten in place, same type and key', async () => {
    const key = await keyOfNewUser();
    const name = `/app/smtp-${n}`;
    await ssm.send(
      new PutParameterCommand({
        Name: name,
        Value: `${key.id}:${key.password}`,
        Type: 'SecureString',
        KeyId: 'alias/app-smtp',
      }),
    );
    const read = await getParameterText(ssm, name);
    const link: LinkedSecret = { service: 'ssm', arn: read.arn, name: read.name, region: REGION };
    const set = { username: key.id, password: key.password };
    const r = await rotateCredentials(ports(link, set).ports, {
      set: { id: `s${n}`, name: 'ssm', username: key.id, region: REGION },
    });
    assert.equal(r.linkedSecret?.outcome, 'updated');
    const after = await readParameterForUpdate(ssm, name);
    assert.equal(after.value, `${r.newKeyId}:${set.password}`);
    assert.equal(after.type, 'SecureString');
    assert.equal(after.kmsKeyId, 'alias/app-smtp');
    const raw = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    assert.equal(raw.Parameter?.Version, 2, 'one new version of the parameter');
    const again = reimport(after.value);
    assert.equal((await login(again.username!, again.password)).ok, true);
  });

  test('the secret is gone: reported with the fix, the set keeps the new key, the old key stays Active', async () => {
    const key = await keyOfNewUser();
    const secretName = `app/gone-${n}`;
    const out = await sm.send(
      new CreateSecretCommand({
        Name: secretName,
        SecretString: JSON.stringify({ username: key.id, password: key.password }),
      }),
    );
    const link: LinkedSecret = { service: 'secretsmanager', arn: out.ARN!, name: secretName, region: REGION };
    await sm.send(new DeleteSecretCommand({ SecretId: out.ARN!, ForceDeleteWithoutRecovery: true }));
    const set = { username: key.id, password: key.password };
    await assert.rejects(
      rotateCredentials(ports(link, set).ports, {
        set: { id: `s${n}`, name: 'gone', username: key.id, region: REGION },
      }),
      (err: unknown) => {
        assert.ok(err instanceof RotationError);
        assert.equal(err.rolledBack, false);
        assert.match(
          err.message,
          new RegExp(`updating the secret "${secretName}" failed: .*ResourceNotFoundException`),
        );
        assert.match(err.message, /is still Active: update the secret .* by hand, or run Export SMTP Credential Set/);
        assert.ok(!err.message.includes(set.password), 'no password in the message');
        return true;
      },
    );
    assert.notEqual(set.username, key.id, 'the set uses the new key');
    assert.equal((await login(set.username, set.password)).ok, true);
    assert.deepEqual(await keysOf(key.userName), [`${key.id}:Active`, `${set.username}:Active`].sort());
  });
});
