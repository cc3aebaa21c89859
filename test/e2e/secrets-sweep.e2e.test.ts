// The secret-leak sweep (runs last in the main phase): every command path that handles a secret is
// run with marker secrets, then every place a secret could end up is searched for each secret
// used in this run (raw, base64, URL-encoded): the user data folder (settings, logs, the output
// channel, state databases), the workspace apart from the .env files the user asked us to write,
// the browser's localStorage/sessionStorage/IndexedDB (workbench and webview state), the Send Test
// Email history (workspace state) and the .eml files it keeps of each send, and every text
// the workbench and the webviews have shown during the whole run (notifications, hovers, inputs,
// the output panel), recorded by the launcher from the first page load.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { deriveSmtpPassword } from '../../src/base/password';
import type { CredentialSet } from '../../src/base/credentialSets';
import {
  browserStorage,
  filesUnder,
  getJson,
  hasBrowser,
  inWorkbench,
  secretForms,
  secretsTypedByTests,
  seenText,
  setAwsEndpoint,
} from './support';

const env = process.env;
const REGION = env.SES_E2E_SMTP_REGION ?? 'eu-west-1';
// A made-up IAM secret (40 characters of the secret key alphabet), used only in this sweep.
const MARKER_SECRET = 'SweepMarker/Secret+Key0123456789abcdefgh';
const MARKER_PASSWORD = deriveSmtpPassword(MARKER_SECRET, REGION);
const PROFILE_SECRET = 'peerRootSecretKeyExample000000000000000';

/**
 * Rotation: a key made here (its secret is recorded, since the rotation deletes it), rotated with a
 * .env update and the old key deleted; the new key's secret stays in the AWS API peer for the search. The
 * journal, the old-key record and the profile memory are in globalState, which is searched.
 */
async function sweepRotation(secrets: Map<string, string>): Promise<void> {
  const user = 'ses-smtp-user.sweep-rotation';
  if (!env.SES_E2E_IAM_URL) throw new Error('the IAM proxy fixture is not running (SES_E2E_IAM_URL unset)');
  const iam = new IAMClient({
    region: 'us-east-1',
    endpoint: env.SES_E2E_IAM_URL,
    credentials: { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: PROFILE_SECRET },
  });
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const envFile = path.join(folder, '.env.sweep-rotation');
  await setAwsEndpoint(env.SES_E2E_IAM_URL);
  try {
    await iam.send(new CreateUserCommand({ UserName: user }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey!;
    const password = deriveSmtpPassword(key.SecretAccessKey!, REGION);
    secrets.set(key.SecretAccessKey!, 'the secret key of the rotated-away key');
    secrets.set(password, 'the SMTP password of the rotated-away key');
    const set = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
      name: 'sweep rotation',
      region: REGION,
      host: env.SES_E2E_SMTP_HOST,
      port: Number(env.SES_E2E_SMTP_PORT),
      tls: 'starttls',
      username: key.AccessKeyId,
      password,
    })) as CredentialSet;
    writeFileSync(envFile, `SMTP_USER=${key.AccessKeyId}\nSMTP_PASSWORD=${password}\n`);
    const result = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.rotate', {
      credentialSet: set.id,
      profile: 'e2e',
      updateEnvFiles: true,
      deleteOldKey: 'now',
    })) as { newKeyId: string };
    assert.ok(readFileSync(envFile, 'utf8').includes(result.newKeyId), 'the .env file got the new key');
    await vscode.commands.executeCommand('sesSmtpToolkit.credentials.delete', {
      credentialSet: set.id,
      confirm: false,
    });
  } finally {
    await setAwsEndpoint(undefined);
    iam.destroy();
  }
}

describe('secret-leak sweep (marker secrets, every command path)', function () {
  this.timeout(180_000);
  const secrets = new Map<string, string>(); // secret → what it is

  before(function () {
    if (!env.SES_E2E_SMTP_PORT || !env.SES_E2E_AWS_URL) throw new Error('the e2e fixtures are not running');
    assert.equal(MARKER_SECRET.length, 40);
  });

  it('runs the secret-handling command paths with marker secrets', async () => {
    const smtp = { host: env.SES_E2E_SMTP_HOST, port: Number(env.SES_E2E_SMTP_PORT), tls: 'starttls' };
    // Generate: the secret goes in, the password comes out (offered with copy buttons, never shown).
    const generated = (await vscode.commands.executeCommand('sesSmtpToolkit.generatePassword', {
      accessKeyId: 'AKIASWEEPMARKER00001',
      secretAccessKey: MARKER_SECRET,
      region: REGION,
    })) as { password: string };
    assert.equal(generated.password, MARKER_PASSWORD);
    // Check a login that fails (an unknown user) and one given the secret to find the region.
    const failed = (await vscode.commands.executeCommand('sesSmtpToolkit.checkLogin', {
      ...smtp,
      region: REGION,
      username: 'AKIASWEEPMARKER00001',
      password: MARKER_PASSWORD,
      notify: false,
    })) as { ok: boolean };
    assert.equal(failed.ok, false);
    await vscode.commands.executeCommand('sesSmtpToolkit.checkLogin', {
      ...smtp,
      region: REGION,
      username: env.SES_E2E_ACCESS_KEY,
      password: MARKER_PASSWORD,
      secretAccessKey: MARKER_SECRET,
    });
    // A saved set: add (the IAM secret pasted as the password is turned into the right one), check, rename, copy, send, delete.
    const set = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
      name: 'sweep',
      region: REGION,
      ...smtp,
      username: env.SES_E2E_ACCESS_KEY,
      password: MARKER_PASSWORD,
      from: 'sender@example.com',
    })) as CredentialSet;
    await vscode.commands.executeCommand('sesSmtpToolkit.credentials.check', { credentialSet: set.id });
    await vscode.commands.executeCommand('sesSmtpToolkit.credentials.rename', {
      credentialSet: set.id,
      newName: 'sweep renamed',
    });
    // Edit: a region change derives the password again from the marker secret, then back.
    for (const region of ['us-west-2', REGION])
      await vscode.commands.executeCommand('sesSmtpToolkit.credentials.editSet', {
        credentialSet: set.id,
        region,
        secretAccessKey: MARKER_SECRET,
      });
    // Copy Password refuses a caller (issue #34): the password never reaches this test's clipboard.
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.credentials.copyPassword', { credentialSet: set.id }),
      ),
      /never hands out a saved password/,
    );
    // A send with the marker password: the history keeps it, with the .eml of what was sent.
    await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail', {
      credentialSet: set.id,
      to: 'success@simulator.amazonses.com',
      subject: 'sweep history',
    });
    // .env: write the set into a new file, then run its CodeLens login check.
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const envFile = path.join(folder, '.env.sweep');
    writeFileSync(envFile, 'APP=1\n');
    // A write asked by an argument object with confirm: false runs under the user's opt-in only.
    const toolkit = vscode.workspace.getConfiguration('sesSmtpToolkit');
    const optIn = toolkit.inspect<boolean>('security.allowUnattendedEffects')?.globalValue;
    await toolkit.update('security.allowUnattendedEffects', true, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('sesSmtpToolkit.writeEnv', {
      file: envFile,
      convention: 'generic',
      credentialSet: set.id,
      confirm: false,
    });
    await toolkit.update('security.allowUnattendedEffects', optIn, vscode.ConfigurationTarget.Global);
    assert.ok(
      readFileSync(envFile, 'utf8').includes(MARKER_PASSWORD),
      'the password is in the .env the user asked for',
    );
    const doc = await vscode.workspace.openTextDocument(envFile);
    const lenses = (await vscode.commands.executeCommand(
      'vscode.executeCodeLensProvider',
      doc.uri,
    )) as vscode.CodeLens[];
    const check = lenses.find((l) => l.command?.title.includes('Check Login'))!.command!;
    await vscode.commands.executeCommand(check.command, { ...(check.arguments![0] as object), notify: false });
    // The language model tools with the marker set (#29): no answer holds a secret in any form.
    await toolkit.update('security.allowUnattendedEffects', true, vscode.ConfigurationTarget.Global);
    const agentEnv = path.join(folder, '.env.sweep-agent');
    writeFileSync(agentEnv, 'APP=1\n');
    const toolCalls: Array<[string, object]> = [
      ['sesSmtp_checkLogin', { credentialSet: 'sweep renamed' }],
      ['sesSmtp_checkLogin', { file: envFile }],
      ['sesSmtp_runDoctor', { credentialSet: 'sweep renamed', from: 'sender@example.com' }],
      ['sesSmtp_sendTestEmail', { credentialSet: 'sweep renamed', to: 'success@simulator.amazonses.com' }],
      ['sesSmtp_writeEnv', { credentialSet: 'sweep renamed', file: agentEnv, convention: 'laravel' }],
    ];
    for (const [name, input] of toolCalls) {
      const text = await Promise.resolve(vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined })).then(
        (r) => r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join(''),
        (err: Error) => err.message,
      );
      for (const secret of [MARKER_PASSWORD, MARKER_SECRET])
        assert.ok(!text.includes(secret), `${name} answered with a secret`);
      assert.ok(text.length > 20, `${name} answered: ${text}`);
    }
    await toolkit.update('security.allowUnattendedEffects', optIn, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('sesSmtpToolkit.credentials.delete', {
      credentialSet: set.id,
      confirm: false,
    });
    // AWS: a dedicated IAM user (its secret exists only in the AWS API peer and for a moment in the host), the explorer.
    await setAwsEndpoint(env.SES_E2E_AWS_URL);
    try {
      await vscode.commands.executeCommand('sesSmtpToolkit.credentials.createIamUser', {
        profile: 'e2e',
        region: REGION,
        userName: 'ses-smtp-user.sweep',
        fromPatterns: [],
        confirm: false,
      });
      // Secrets Manager and SSM (issue #17): the marker password exported, imported back, and read
      // from a SecureString; the values live in the AWS API peer only, the key names in globalState.
      const toAws = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
        name: 'sweep aws',
        ...smtp,
        username: env.SES_E2E_ACCESS_KEY,
        password: MARKER_PASSWORD,
      })) as CredentialSet;
      const exported = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.exportSecretsManager', {
        credentialSet: toAws.id,
        profile: 'e2e',
        region: REGION,
        secretName: 'ses/smtp/sweep',
      })) as { arn: string };
      await vscode.commands
        .executeCommand('sesSmtpToolkit.credentials.exportSecretsManager', {
          credentialSet: toAws.id,
          profile: 'e2e',
          region: REGION,
          secretName: 'ses/smtp/sweep',
        })
        .then(
          () => assert.fail('an existing secret is not overwritten without consent'),
          () => undefined,
        );
      const back = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.importSecretsManager', {
        profile: 'e2e',
        region: REGION,
        secretId: exported.arn,
        mapping: { username: 'SMTP_USERNAME', password: 'SMTP_PASSWORD', host: 'SMTP_HOST', port: 'SMTP_PORT' },
      })) as CredentialSet;
      const ssm = new SSMClient({
        region: REGION,
        endpoint: env.SES_E2E_AWS_URL,
        credentials: { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: PROFILE_SECRET },
      });
      await ssm.send(
        new PutParameterCommand({
          Name: '/ses/smtp/sweep',
          Type: 'SecureString',
          Value: `${env.SES_E2E_ACCESS_KEY}:${MARKER_SECRET}`,
        }),
      );
      ssm.destroy();
      const fromSsm = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.importParameterStore', {
        profile: 'e2e',
        region: REGION,
        parameter: '/ses/smtp/sweep',
        onProblem: 'derive',
        smtpRegion: REGION,
      })) as CredentialSet;
      for (const s of [toAws, back, fromSsm])
        await vscode.commands.executeCommand('sesSmtpToolkit.credentials.delete', {
          credentialSet: s.id,
          confirm: false,
        });
      await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', { profile: 'e2e', regions: [REGION] });
      await vscode.commands.executeCommand('sesSmtpToolkit.explorer.createIdentity', {
        region: REGION,
        identity: 'sweep@example.com',
      });
    } finally {
      await setAwsEndpoint(undefined);
    }
    await sweepRotation(secrets);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('no secret of this run in user data, workspace, browser storage, webview state or any text shown', async function () {
    // Every secret the run has used: the fixture's IAM secret and the passwords made from it, the
    // marker, the profile's secret key, and each IAM user's secret key in the AWS API peer with its password.
    secrets.set(env.SES_E2E_SECRET ?? '', 'the fixture IAM secret');
    for (const r of [REGION, 'us-west-2'])
      secrets.set(deriveSmtpPassword(env.SES_E2E_SECRET ?? '', r), `the fixture password for ${r}`);
    secrets.set(MARKER_SECRET, 'the marker IAM secret');
    secrets.set(MARKER_PASSWORD, 'the marker SMTP password');
    secrets.set(PROFILE_SECRET, 'the e2e profile secret key');
    const peer = await getJson<{ accessKeys?: Array<{ accessKeyId: string; secretAccessKey: string }> }>(
      `${env.SES_E2E_AWS_URL}/_peer/access-keys`,
    );
    const iamKeys = peer.accessKeys ?? [];
    assert.ok(iamKeys.length >= 1, `the IAM users of this run are in the AWS API peer (${iamKeys.length})`);
    for (const k of iamKeys) {
      secrets.set(k.secretAccessKey, `the secret key of ${k.accessKeyId}`);
      secrets.set(deriveSmtpPassword(k.secretAccessKey, REGION), `the SMTP password of ${k.accessKeyId}`);
    }
    secrets.delete('');

    const hits: string[] = [];
    const search = (where: string, text: string, skip: ReadonlySet<string> = new Set()): void => {
      for (const [secret, what] of secrets)
        if (!skip.has(secret))
          for (const form of secretForms(secret)) if (text.includes(form)) hits.push(`${where}: ${what}`);
    };
    const userData = env.SES_E2E_USER_DATA ?? '';
    const files = filesUnder(userData);
    assert.ok(
      files.some((f) => f.endsWith(`${path.sep}settings.json`)),
      'settings.json is searched',
    );
    assert.ok(
      files.some((f) => /SES SMTP\.log$/.test(f)),
      'the output channel log is searched',
    );
    // globalState and workspaceState: state.vscdb on disk (desktop), the browser's IndexedDB (code-server).
    const stateOnDisk = files.some((f) => /state\.vscdb$/.test(f));
    // The history's .eml files live in the extension's storage folder, under the user data.
    assert.ok(
      files.some((f) => /sendHistory[\\/][0-9a-f]{16}\.eml$/.test(f)),
      'the .eml files of the send history are searched',
    );
    for (const f of files) search(path.relative(userData, f), readFileSync(f, 'latin1'));
    // The workspace, but not the .env files the user asked us to write the password into.
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    for (const f of filesUnder(folder).filter((f) => !/^\.env(\.[\w-]+)?$/.test(path.basename(f))))
      search(`workspace ${path.relative(folder, f)}`, readFileSync(f, 'latin1'));
    if (!hasBrowser()) assert.ok(stateOnDisk, 'the state databases (globalState, workspaceState) are searched');
    if (hasBrowser()) {
      const storage = await browserStorage();
      assert.match(storage, /indexedDB /, 'the browser storage was read');
      assert.ok(
        stateOnDisk || storage.includes('sesSmtpToolkit.explorer.selection'),
        "the extension's globalState is among the searched places",
      );
      assert.ok(
        stateOnDisk || storage.includes('sweep history'),
        'the send history (workspace state) is among the searched places',
      );
      search('browser storage', storage);
      const seen = await seenText();
      assert.match(
        seen,
        /SMTP password derived for eu-west-1/,
        'the recorded text includes a notification that has closed',
      );
      assert.match(seen, /535 Authentication Credentials Invalid/, 'the recorded text includes the login reports');
      // A key a test typed into a password box is in the record as keystrokes (support.ts typingSecret).
      search('text shown in the workbench or a webview', seen, secretsTypedByTests());
      const [page] = (await inWorkbench({ html: 'body' })) as string[];
      search('the workbench page now', page);
    }
    assert.deepEqual([...new Set(hits)], [], 'no secret anywhere');
  });
});
