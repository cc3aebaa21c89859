import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import type { CredentialSet } from '../../src/core/smtp/credentialSets';
import { activateExtension, setAwsEndpoint } from './support';

describe('dedicated SMTP user through IAM (moto)', () => {
  before(async () => {
    if (!process.env.SES_E2E_MOTO_URL) throw new Error('moto fixture missing (SES_E2E_MOTO_URL)');
    await setAwsEndpoint(process.env.SES_E2E_MOTO_URL);
  });
  after(async () => {
    await setAwsEndpoint(undefined);
  });

  it('creates the IAM user with a profile from the shared credentials file and saves its SMTP password', async () => {
    const set = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.createIamUser', {
      profile: 'e2e',
      region: 'eu-west-1',
      userName: 'ses-smtp-user.e2e',
      fromPatterns: ['*@example.com'],
      confirm: false,
    })) as CredentialSet;
    assert.equal(set.name, 'ses-smtp-user.e2e');
    assert.match(set.username, /^AKIA/);
    assert.equal(set.region, 'eu-west-1');
    const api = await activateExtension();
    assert.ok(api.loadedBundles().includes('aws'), 'the AWS SDK bundle is loaded on first use');
  });

  it('an unknown profile gets a readable error', async () => {
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.credentials.createIamUser', {
          profile: 'no-such-profile',
          region: 'eu-west-1',
          userName: 'ses-smtp-user.x',
          fromPatterns: [],
          confirm: false,
        }),
      ),
      /Creating the SMTP user failed|profile/i,
    );
  });
});
