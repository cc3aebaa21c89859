// After the window reload: the rotation left waiting by rotation.e2e.test.ts is found in the
// journal on start, offered with Roll Back (its new key's secret died with the window), and rolled
// back: the new key is deleted in IAM and the set keeps its key.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { activateExtension, hasBrowser, inWorkbench, screenshot, setAwsEndpoint, waitUntil } from './support';

const env = process.env;
const USER = 'ses-smtp-user.rotation-interrupted';
const SET = 'rotation interrupted';
const ITEM = '.notifications-center .notification-list-item';

describe('Rotate SMTP Credentials after a window reload', function () {
  this.timeout(90_000);

  it('finds the interrupted rotation and rolls it back: new key deleted, the set keeps its key', async function () {
    if (!hasBrowser()) this.skip(); // the offer is a notification with buttons
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: env.SES_E2E_AWS_URL,
      credentials: { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: 'peerRootSecretKeyExample000000000000000' },
    });
    const keys = async (): Promise<string[]> =>
      ((await iam.send(new ListAccessKeysCommand({ UserName: USER }))).AccessKeyMetadata ?? []).map(
        (k) => `${k.AccessKeyId}:${k.Status}`,
      );
    await setAwsEndpoint(env.SES_E2E_IAM_URL);
    try {
      assert.equal((await keys()).length, 2, 'the interrupted rotation left its new key');
      // The next start: the extension looks for interrupted rotations when it activates.
      await activateExtension();
      await vscode.commands.executeCommand('notifications.showList');
      const [offer] = (await inWorkbench({
        waitText: { selector: ITEM, text: 'was interrupted', timeoutMs: 30_000 },
      })) as string[];
      assert.match(offer, /A rotation of "rotation interrupted" \(IAM user ses-smtp-user\.rotation-interrupted\)/);
      assert.match(offer, /before the set was updated.*Roll Back deletes the new key AKIA/);
      await screenshot('rotation-recovery-offer');
      await inWorkbench({ click: `${ITEM}:has-text("was interrupted") .monaco-button:has-text("Roll Back")` });
      await waitUntil(async () => (await keys()).length === 1, 'the new key to be deleted');
      await vscode.commands.executeCommand('sesSmtpToolkit.credentials.copyUsername', { credentialSet: SET });
      const username = await vscode.env.clipboard.readText();
      assert.deepEqual(await keys(), [`${username}:Active`], 'the set keeps its Active key');
      await inWorkbench({ waitText: { selector: ITEM, text: 'Rolled back the rotation', timeoutMs: 15_000 } });
      await screenshot('rotation-recovery-done');
      await vscode.commands.executeCommand('sesSmtpToolkit.credentials.delete', { credentialSet: SET, confirm: false });
    } finally {
      await setAwsEndpoint(undefined);
      iam.destroy();
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });
});
