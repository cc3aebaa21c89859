// Issue #17: SMTP credentials imported from Secrets Manager and SSM Parameter Store, and a set
// exported to Secrets Manager, in a real VS Code host against the AWS API peer. The round trip is proven by a
// login: a set exported, imported back and checked against the SES-like SMTP server.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { CredentialSet } from '../../src/base/credentialSets';
import { deriveSmtpPassword } from '../../src/base/password';
import { hasBrowser, inWorkbench, screenshot, setAwsEndpoint } from './support';

const env = process.env;
const REGION = env.SES_E2E_SMTP_REGION ?? 'eu-west-1';
const QUICK = '.quick-input-widget';
const TITLE = `${QUICK} .quick-input-title`;
const INPUT = `${QUICK} .quick-input-box input`;
const ROWS = `${QUICK} .monaco-list-row`;
// The profile written by the fixtures (test/e2e/fixtures.ts) for the AWS API peer.
const ROOT_KEY = { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: 'peerRootSecretKeyExample000000000000000' };

describe('SMTP credentials from and to AWS Secrets Manager / SSM (AWS API peer)', function () {
  this.timeout(120_000);
  const created: CredentialSet[] = [];
  let password: string;
  let sm: SecretsManagerClient;
  let ssm: SSMClient;

  before(async () => {
    if (!env.SES_E2E_AWS_URL || !env.SES_E2E_SMTP_PORT) throw new Error('the e2e fixtures are not running');
    await setAwsEndpoint(env.SES_E2E_AWS_URL);
    password = deriveSmtpPassword(env.SES_E2E_SECRET ?? '', REGION);
    const config = { region: REGION, endpoint: env.SES_E2E_AWS_URL, credentials: ROOT_KEY };
    sm = new SecretsManagerClient(config);
    ssm = new SSMClient(config);
  });
  after(async () => {
    sm?.destroy();
    ssm?.destroy();
    for (const set of created)
      await vscode.commands
        .executeCommand('sesSmtpToolkit.credentials.delete', { credentialSet: set.id, confirm: false })
        .then(undefined, () => undefined);
    await setAwsEndpoint(undefined);
  });

  async function loginOk(set: CredentialSet): Promise<boolean> {
    const outcome = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.check', {
      credentialSet: set.id,
      notify: false,
    })) as { ok: boolean };
    return outcome.ok;
  }

  it('exports a set, refuses to overwrite without consent, and imports it back: the login works', async () => {
    const set = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
      name: 'secrets e2e',
      host: env.SES_E2E_SMTP_HOST,
      port: Number(env.SES_E2E_SMTP_PORT),
      tls: 'starttls',
      username: env.SES_E2E_ACCESS_KEY,
      password,
    })) as CredentialSet;
    created.push(set);
    const exported = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.exportSecretsManager', {
      credentialSet: set.id,
      profile: 'e2e',
      region: REGION,
      secretName: 'ses/smtp/e2e-roundtrip',
    })) as { arn: string; created: boolean; keys: Record<string, string> };
    assert.equal(exported.created, true);
    assert.deepEqual(exported.keys, {
      username: 'SMTP_USERNAME',
      password: 'SMTP_PASSWORD',
      host: 'SMTP_HOST',
      port: 'SMTP_PORT',
    });
    assert.ok(!JSON.stringify(exported).includes(password), 'the result holds no password');

    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.credentials.exportSecretsManager', {
          credentialSet: set.id,
          profile: 'e2e',
          region: REGION,
          secretName: 'ses/smtp/e2e-roundtrip',
        }),
      ),
      /already exists\. Confirm to replace its value, or choose another name\. Pass "overwrite": true/,
    );
    const again = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.exportSecretsManager', {
      credentialSet: set.id,
      profile: 'e2e',
      region: REGION,
      secretName: 'ses/smtp/e2e-roundtrip',
      convention: 'laravel',
      overwrite: true,
    })) as { created: boolean };
    assert.equal(again.created, false);

    const imported = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.importSecretsManager', {
      profile: 'e2e',
      region: REGION,
      secretId: exported.arn,
      name: 'secrets e2e imported',
    })) as CredentialSet;
    created.push(imported);
    assert.equal(imported.username, env.SES_E2E_ACCESS_KEY);
    assert.equal(imported.host, env.SES_E2E_SMTP_HOST);
    assert.equal(imported.port, Number(env.SES_E2E_SMTP_PORT));
    assert.deepEqual(imported.linkedSecret, {
      service: 'secretsmanager',
      arn: exported.arn,
      name: 'ses/smtp/e2e-roundtrip',
      region: REGION,
      profile: 'e2e',
      keys: { username: 'MAIL_USERNAME', password: 'MAIL_PASSWORD', host: 'MAIL_HOST', port: 'MAIL_PORT' },
    });
    assert.equal(await loginOk(imported), true, 'the imported password logs in');
  });

  it('imports an SSM SecureString holding "user:password" and an IAM secret key to derive from', async () => {
    await ssm.send(
      new PutParameterCommand({
        Name: '/ses/smtp/e2e',
        Type: 'SecureString',
        Value: JSON.stringify({
          user: env.SES_E2E_ACCESS_KEY,
          secret_key: env.SES_E2E_SECRET,
          host: env.SES_E2E_SMTP_HOST,
          port: env.SES_E2E_SMTP_PORT,
        }),
      }),
    );
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.credentials.importParameterStore', {
          profile: 'e2e',
          region: REGION,
          parameter: '/ses/smtp/e2e',
        }),
      ),
      /holds an IAM secret access key, not an SMTP password\. Pass "onProblem": "derive"/,
    );
    const set = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.importParameterStore', {
      profile: 'e2e',
      region: REGION,
      parameter: '/ses/smtp/e2e',
      onProblem: 'derive',
      smtpRegion: REGION,
    })) as CredentialSet;
    created.push(set);
    assert.equal(set.name, 'e2e');
    assert.equal(set.linkedSecret?.service, 'ssm');
    assert.equal(await loginOk(set), true, 'the password derived for the region logs in');
  });

  it('a missing secret is named with where to look; keys that cannot be guessed ask for "mapping"', async () => {
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.credentials.importSecretsManager', {
          profile: 'e2e',
          region: REGION,
          secretId: 'ses/smtp/not-there',
        }),
      ),
      /Reading the secret "ses\/smtp\/not-there" failed \(ResourceNotFoundException.*Check the name and the region/,
    );
    await sm.send(
      new CreateSecretCommand({
        Name: 'ses/smtp/odd-keys',
        SecretString: JSON.stringify({ id: env.SES_E2E_ACCESS_KEY, token: password }),
      }),
    );
    const odd = { profile: 'e2e', region: REGION, secretId: 'ses/smtp/odd-keys' };
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('sesSmtpToolkit.credentials.importSecretsManager', odd)),
      /No key of the secret was chosen for the password \(keys: "id", "token"\).*Pass "mapping"/,
    );
    const set = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.importSecretsManager', {
      ...odd,
      mapping: { username: 'id', password: 'token' },
      smtpRegion: REGION,
    })) as CredentialSet;
    created.push(set);
    assert.equal(set.username, env.SES_E2E_ACCESS_KEY);
    assert.equal(set.region, REGION);
  });

  it('the import picker lists the secrets with a filter box, then asks which key holds what (screenshots)', async function () {
    if (!hasBrowser()) this.skip();
    await sm.send(
      new CreateSecretCommand({
        Name: 'apps/mailer/smtp',
        Description: 'the mailer of the shop',
        SecretString: JSON.stringify({
          login: env.SES_E2E_ACCESS_KEY,
          smtp_secret: password,
          relay: env.SES_E2E_SMTP_HOST,
          relay_port: env.SES_E2E_SMTP_PORT,
        }),
      }),
    );
    const flow = Promise.resolve(vscode.commands.executeCommand('sesSmtpToolkit.credentials.importSecretsManager'));
    await inWorkbench({ waitText: { selector: TITLE, text: 'AWS credentials', timeoutMs: 15_000 } });
    await inWorkbench({ fill: { selector: INPUT, value: 'e2e' } }, { press: 'Enter' });
    await inWorkbench({ waitText: { selector: TITLE, text: 'AWS region of the secret', timeoutMs: 15_000 } });
    await inWorkbench({ fill: { selector: INPUT, value: REGION } }, { press: 'Enter' });
    await inWorkbench({ waitText: { selector: ROWS, text: 'apps/mailer/smtp', timeoutMs: 20_000 } });
    await inWorkbench({ fill: { selector: INPUT, value: 'mailer' } });
    await inWorkbench({ waitText: { selector: ROWS, text: 'the mailer of the shop' } });
    await screenshot('secrets-import-picker');
    await inWorkbench({ press: 'Enter' });
    await inWorkbench({ waitText: { selector: ROWS, text: '← login', timeoutMs: 15_000 } });
    const [rows] = (await inWorkbench({ text: `${QUICK} .monaco-list` })) as string[];
    assert.match(rows, /Username.*← login/s, 'the username key is guessed');
    assert.ok(!rows.includes(password), 'no value is shown');
    // Password → smtp_secret; Host → relay; Port → relay_port.
    for (const [field, key] of [
      ['Password', 'smtp_secret'],
      ['Host', 'relay'],
      ['Port', 'relay_port'],
    ]) {
      await inWorkbench({ fill: { selector: INPUT, value: field } }, { press: 'Enter' });
      await inWorkbench({ waitText: { selector: TITLE, text: 'The key that holds', timeoutMs: 15_000 } });
      await inWorkbench({ fill: { selector: INPUT, value: key } }, { press: 'Enter' });
      await inWorkbench({ waitText: { selector: ROWS, text: `← ${key}`, timeoutMs: 15_000 } });
    }
    await inWorkbench({ waitText: { selector: ROWS, text: 'Use these keys' } });
    await screenshot('secrets-import-mapping');
    await inWorkbench({ fill: { selector: INPUT, value: 'Use these keys' } }, { press: 'Enter' });
    const set = (await flow) as CredentialSet;
    assert.ok(set, 'the set was saved');
    created.push(set);
    assert.equal(set.name, 'smtp');
    assert.deepEqual(set.linkedSecret?.keys, {
      username: 'login',
      password: 'smtp_secret',
      host: 'relay',
      port: 'relay_port',
    });
    assert.equal(await loginOk(set), true);
  });
});
