// Issue #17: SMTP credentials imported from AWS Secrets Manager and SSM Parameter Store, and a set
// exported to Secrets Manager, against the AWS API peer on 127.0.0.1 (one port serves both APIs). What
// the extension does with the values is the core's (parse, map, extract); errors name the cause
// and the fix, and no value reaches an error message or the remembered mappings.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
  DescribeSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { SecretsAccessError } from '../../../../src/engines/aws/secretsErrors';
import {
  describeSecret,
  getParameterText,
  getSecretText,
  listSecrets,
  writeSecret,
} from '../../../../src/engines/aws/secrets';
import {
  extractCredentials,
  guessMapping,
  parseSecretValue,
} from '../../../../src/features/credentials/logic/secretValue';
import {
  DEFAULT_EXPORT_KEYS,
  buildSecretJson,
  rememberMapping,
} from '../../../../src/features/credentials/logic/secretExport';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { startAwsPeer, type AwsPeer } from '../../../support/awsPeer';

const REGION = 'eu-west-1';
const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PASSWORD = deriveSmtpPassword(SECRET, REGION);
const OTHER_PASSWORD = deriveSmtpPassword(SECRET, 'eu-central-1');

/** What the import does with a value read from AWS, with the guessed mapping. */
function importValue(text: string) {
  const value = parseSecretValue(text);
  const mapping = value.kind === 'json' ? guessMapping(Object.keys(value.fields)) : {};
  return { mapping, found: extractCredentials(value, mapping) };
}

/** Every secret of this file; none may appear in an error message or in what is remembered. */
const VALUES = [PASSWORD, OTHER_PASSWORD, SECRET];
function secretFree(text: string, where: string): void {
  for (const v of VALUES) assert.ok(!text.includes(v), `${where} holds a secret value: ${text}`);
}

/** A client whose calls of one kind fail with a given AWS error (what the peer does not simulate). */
function failing(client: SecretsManagerClient, on: new (...a: never[]) => unknown, name: string, message: string) {
  return {
    send: (command: unknown, options?: unknown) => {
      if (command instanceof on) return Promise.reject(Object.assign(new Error(message), { name }));
      return client.send(command as never, options as never);
    },
  } as Pick<SecretsManagerClient, 'send'>;
}

describe('Secrets Manager and SSM Parameter Store (AWS API peer on 127.0.0.1)', () => {
  let awsPeer: AwsPeer;
  let sm: SecretsManagerClient;
  let ssm: SSMClient;
  const errors: string[] = [];

  /** Runs `run`, expects a SecretsAccessError with `code` and `reason`, and keeps its message for the leak check. */
  async function refused(run: () => Promise<unknown>, code: string, reason: RegExp): Promise<void> {
    await assert.rejects(run, (err: unknown) => {
      assert.ok(err instanceof SecretsAccessError, String(err));
      assert.equal(err.code, code);
      assert.match(err.message, reason);
      errors.push(err.message);
      return true;
    });
  }

  before(async () => {
    awsPeer = await startAwsPeer();
    const config = { region: REGION, endpoint: awsPeer.endpoint, credentials: awsPeer.credentials };
    sm = new SecretsManagerClient(config);
    ssm = new SSMClient(config);
  });
  after(async () => {
    sm?.destroy();
    ssm?.destroy();
    await awsPeer?.stop();
  });

  test('import from Secrets Manager: listed with a filter, read, its own key names mapped', async () => {
    await sm.send(
      new CreateSecretCommand({
        Name: 'ses/smtp/jlaap',
        Description: 'SES SMTP for jlaap',
        SecretString: JSON.stringify({
          SMTP_USER: KEY,
          SMTP_PASS: PASSWORD,
          SMTP_HOST: 'email-smtp.eu-west-1.amazonaws.com',
          SMTP_PORT: 587,
          note: 'rotated by hand',
        }),
      }),
    );
    await sm.send(new CreateSecretCommand({ Name: 'db/prod', SecretString: '{"password":"x"}' }));
    const all = await listSecrets(sm);
    assert.deepEqual(all.secrets.map((s) => s.name).sort(), ['db/prod', 'ses/smtp/jlaap']);
    const filtered = await listSecrets(sm, { filter: 'smtp' });
    assert.deepEqual(
      filtered.secrets.map((s) => s.name),
      ['ses/smtp/jlaap'],
    );
    assert.equal(filtered.truncated, false);
    secretFree(JSON.stringify(all), 'the listing');

    const read = await getSecretText(sm, 'ses/smtp/jlaap');
    assert.match(read.arn, /^arn:aws:secretsmanager:eu-west-1:\d{12}:secret:ses\/smtp\/jlaap-/);
    const { mapping, found } = importValue(read.value);
    assert.deepEqual(mapping, { username: 'SMTP_USER', password: 'SMTP_PASS', host: 'SMTP_HOST', port: 'SMTP_PORT' });
    assert.deepEqual(found, {
      username: KEY,
      password: PASSWORD,
      passwordKind: 'smtp',
      host: 'email-smtp.eu-west-1.amazonaws.com',
      region: REGION,
      port: 587,
    });
    const remembered = JSON.stringify(rememberMapping(undefined, read.arn, mapping));
    secretFree(remembered, 'the remembered mapping');
    assert.match(remembered, /SMTP_PASS/);
  });

  test('import from Secrets Manager: a plain "user:password" secret and an IAM secret key', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'ses/smtp/plain', SecretString: `${KEY}:${PASSWORD}` }));
    assert.deepEqual(importValue((await getSecretText(sm, 'ses/smtp/plain')).value).found, {
      username: KEY,
      password: PASSWORD,
      passwordKind: 'smtp',
    });
    await sm.send(
      new CreateSecretCommand({
        Name: 'iam/ses-sender',
        SecretString: JSON.stringify({ AccessKeyId: KEY, SecretAccessKey: SECRET }),
      }),
    );
    const { found } = importValue((await getSecretText(sm, 'iam/ses-sender')).value);
    assert.equal(found.passwordKind, 'iam-secret');
    assert.equal(deriveSmtpPassword(found.password, REGION), PASSWORD, 'the password derived for the region');
  });

  test('import from SSM Parameter Store: a SecureString is decrypted and read', async () => {
    await ssm.send(
      new PutParameterCommand({
        Name: '/ses/smtp/prod',
        Type: 'SecureString',
        Value: JSON.stringify({ username: KEY, password: PASSWORD, region: REGION }),
      }),
    );
    const read = await getParameterText(ssm, '/ses/smtp/prod');
    assert.equal(read.type, 'SecureString');
    assert.equal(read.name, '/ses/smtp/prod');
    assert.match(read.arn, /^arn:aws:ssm:eu-west-1:\d{12}:parameter\/ses\/smtp\/prod$/);
    assert.deepEqual(importValue(read.value).found, {
      username: KEY,
      password: PASSWORD,
      passwordKind: 'smtp',
      region: REGION,
    });
    await ssm.send(new PutParameterCommand({ Name: '/ses/smtp/plain', Type: 'String', Value: PASSWORD }));
    const plain = await getParameterText(ssm, '/ses/smtp/plain');
    assert.equal(plain.type, 'String', 'a plain String is told apart (the import warns)');
    assert.deepEqual(importValue(plain.value).found, { password: PASSWORD, passwordKind: 'smtp' });
  });

  test('export then re-import: the same username and password come back', async () => {
    const value = buildSecretJson(DEFAULT_EXPORT_KEYS, {
      username: KEY,
      password: PASSWORD,
      host: 'email-smtp.eu-west-1.amazonaws.com',
      port: 587,
    });
    const written = await writeSecret(sm, { name: 'ses/smtp/roundtrip', value, overwrite: false });
    assert.equal(written.created, true);
    assert.match(written.arn, /secret:ses\/smtp\/roundtrip-/);
    secretFree(JSON.stringify(written), 'the export result');
    const back = importValue((await getSecretText(sm, written.arn)).value);
    assert.equal(back.found.username, KEY);
    assert.equal(back.found.password, PASSWORD);
    assert.equal(back.found.region, REGION);
  });

  test('export with a KMS key id: the secret records the key', async () => {
    const value = buildSecretJson(DEFAULT_EXPORT_KEYS, {
      username: KEY,
      password: PASSWORD,
      host: 'h.example',
      port: 587,
    });
    await writeSecret(sm, { name: 'ses/smtp/kms', value, kmsKeyId: 'alias/ses-smtp', overwrite: false });
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'ses/smtp/kms' }));
    assert.equal(described.KmsKeyId, 'alias/ses-smtp');
  });

  test('updating an existing secret: refused until confirmed, then the value is replaced (previous kept)', async () => {
    const make = (password: string) =>
      buildSecretJson(DEFAULT_EXPORT_KEYS, { username: KEY, password, host: 'h.example', port: 587 });
    await writeSecret(sm, { name: 'ses/smtp/update', value: make(PASSWORD), overwrite: false });
    await refused(
      () => writeSecret(sm, { name: 'ses/smtp/update', value: make(OTHER_PASSWORD), overwrite: false }),
      'SecretExists',
      /The secret "ses\/smtp\/update" already exists\. Confirm to replace its value, or choose another name\./,
    );
    assert.equal(importValue((await getSecretText(sm, 'ses/smtp/update')).value).found.password, PASSWORD, 'unchanged');
    const updated = await writeSecret(sm, { name: 'ses/smtp/update', value: make(OTHER_PASSWORD), overwrite: true });
    assert.equal(updated.created, false);
    assert.equal(importValue((await getSecretText(sm, 'ses/smtp/update')).value).found.password, OTHER_PASSWORD);
    const previous = await sm.send(
      new GetSecretValueCommand({ SecretId: 'ses/smtp/update', VersionStage: 'AWSPREVIOUS' }),
    );
    assert.equal(importValue(previous.SecretString!).found.password, PASSWORD, 'AWSPREVIOUS holds the old value');
  });

  test('a secret or parameter that does not exist: named, with where to look', async () => {
    await refused(
      () => getSecretText(sm, 'ses/smtp/missing'),
      'ResourceNotFoundException',
      /^Reading the secret "ses\/smtp\/missing" failed \(ResourceNotFoundException.*\)\. Check the name and the region/,
    );
    await refused(
      () => getParameterText(ssm, '/ses/smtp/missing'),
      'ParameterNotFound',
      /^Reading the parameter "\/ses\/smtp\/missing" failed \(ParameterNotFound.*\)\. Check the name \(with its leading \/\) and the region/,
    );
    assert.equal(await describeSecret(sm, 'ses/smtp/missing'), undefined, 'a missing secret is simply absent');
  });

  test('access denied (simulated: the peer does not enforce IAM): the permissions to add are named', async () => {
    const denied = failing(
      sm,
      GetSecretValueCommand,
      'AccessDeniedException',
      'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: secretsmanager:GetSecretValue',
    );
    await refused(
      () => getSecretText(denied, 'ses/smtp/jlaap'),
      'AccessDeniedException',
      /failed \(AccessDeniedException: User: .* is not authorized to perform: secretsmanager:GetSecretValue\)\. The credentials may not do this: allow secretsmanager:ListSecrets, GetSecretValue/,
    );
  });

  test('a KMS key that cannot be used (simulated: the peer does not check KMS keys): the key is named with the fix', async () => {
    const kms = failing(
      sm,
      CreateSecretCommand,
      'EncryptionFailure',
      'Secrets Manager cannot encrypt the secret with the KMS key alias/missing.',
    );
    await refused(
      () =>
        writeSecret(kms, {
          name: 'ses/smtp/kms-missing',
          value: '{"a":"b"}',
          kmsKeyId: 'alias/missing',
          overwrite: false,
        }),
      'EncryptionFailure',
      /\(EncryptionFailure: .*\)\. Secrets Manager could not encrypt with the KMS key: .* Check that the KMS key "alias\/missing" exists in this region/,
    );
    assert.equal(await describeSecret(sm, 'ses/smtp/kms-missing'), undefined, 'nothing was created');
  });

  test('an AWS message that echoes the value sent is cut before it reaches the user', async () => {
    const value = buildSecretJson(DEFAULT_EXPORT_KEYS, {
      username: KEY,
      password: PASSWORD,
      host: 'h.example',
      port: 587,
    });
    const echo = failing(sm, CreateSecretCommand, 'ValidationException', `Value ${value} at 'secretString' failed`);
    await refused(
      () => writeSecret(echo, { name: 'ses/smtp/echo', value, overwrite: false }),
      'ValidationException',
      /Value \*{8} at 'secretString' failed/,
    );
  });

  test('an unreachable endpoint and a cancelled call fail readably', async () => {
    const nowhere = new SecretsManagerClient({
      region: REGION,
      endpoint: 'http://127.0.0.1:9',
      credentials: awsPeer.credentials,
      maxAttempts: 1,
    });
    try {
      await refused(() => listSecrets(nowhere), 'Error', /AWS could not be reached: check the network/);
    } finally {
      nowhere.destroy();
    }
    const ac = new AbortController();
    ac.abort();
    await refused(() => listSecrets(sm, { signal: ac.signal }), 'AbortError', /It was cancelled/);
  });

  test('no error message of this file holds a secret value', () => {
    assert.ok(errors.length >= 7, `${errors.length} errors collected`);
    for (const message of errors) secretFree(message, 'an error message');
  });
});
