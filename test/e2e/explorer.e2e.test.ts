import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { SESv2Client, CreateEmailIdentityCommand } from '@aws-sdk/client-sesv2';
import type { ExplorerNode } from '../../src/features/explorer';
import type { ToolkitApi } from '../../src/extension';
import { activateExtension, hasBrowser, inWorkbench, screenshot, setAwsEndpoint, waitUntil } from './support';

type Row = vscode.TreeItem & { node: ExplorerNode };
/** The rows under a node (the top when none), as the tree draws them, each with its node. */
async function rows(api: ToolkitApi, parent?: ExplorerNode): Promise<Row[]> {
  const nodes = await api.explorer.getChildren(parent);
  return nodes.map((node) => Object.assign(api.explorer.getTreeItem(node), { node }));
}

describe('SES Explorer against the AWS API peer', () => {
  let awsUrl: string;
  before(async function () {
    awsUrl = process.env.SES_E2E_AWS_URL ?? '';
    if (!awsUrl) throw new Error('AWS API peer fixture missing (SES_E2E_AWS_URL)');
    const ses = new SESv2Client({
      region: 'eu-west-1',
      endpoint: awsUrl,
      credentials: { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: 'peerRootSecretKeyExample000000000000000' },
    });
    for (const id of ['noreply@example.com', 'alerts@example.com']) {
      await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: id }));
      // The owner follows SES's verification link.
      const verified = await fetch(`${awsUrl}/_peer/ses/verify`, {
        method: 'POST',
        body: JSON.stringify({ region: 'eu-west-1', identity: id }),
      });
      assert.equal(verified.status, 204);
    }
    ses.destroy();
    await setAwsEndpoint(awsUrl);
  });
  after(async () => {
    await setAwsEndpoint(undefined);
  });

  it('shows each chosen region with its account status and identities', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', {
      profile: 'e2e',
      regions: ['eu-west-1', 'us-east-1'],
    });
    const regions = await rows(api);
    assert.deepEqual(
      regions.map((r) => r.label),
      ['eu-west-1', 'us-east-1'],
    );
    const west = await rows(api, regions[0].node);
    const labels = west.map((n) => `${n.label}|${n.description ?? ''}`);
    assert.ok(labels.includes('Account|sandbox · 0/200 per 24 h · 1/s'), labels.join('\n'));
    assert.ok(labels.includes('noreply@example.com|Verified'), labels.join('\n'));
    assert.ok(labels.includes('alerts@example.com|Verified'), labels.join('\n'));
    const east = await rows(api, regions[1].node);
    assert.ok(
      east.some((n) => n.label === 'No identities'),
      'regions are kept apart',
    );
    await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
    if (hasBrowser()) {
      // Expand eu-west-1 the way a user does, and see its children in the real tree.
      await inWorkbench({ click: '.part.sidebar .monaco-list-row[aria-label^="eu-west-1"]' });
      const [row] = (await inWorkbench({
        waitText: { selector: '.monaco-list-row', text: 'noreply@example.com', timeoutMs: 15_000 },
      })) as string[];
      assert.match(row, /noreply@example\.com/);
    }
    await new Promise((r) => setTimeout(r, 500));
    await screenshot('explorer');
  });

  it('feeds the Send Test Email warnings: verified identities of the region', async () => {
    const api = await activateExtension();
    await waitUntil(
      () => api.explorer.regionInfo('eu-west-1')?.verifiedIdentities?.includes('noreply@example.com'),
      'the region info',
    );
  });

  it('a profile without credentials gets the welcome view with its reason, not an error per region', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', {
      profile: 'no-such-profile',
      regions: ['eu-west-1', 'us-east-1'],
    });
    assert.deepEqual(await api.explorer.getChildren(), []);
    if (hasBrowser()) {
      await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
      const [welcome] = (await inWorkbench({
        waitText: {
          selector: '.welcome-view-content:visible',
          text: 'No usable AWS credentials for the chosen profile',
          timeoutMs: 15_000,
        },
      })) as string[];
      assert.match(welcome, /Show Why/);
      assert.match(welcome, /Choose AWS Profile and Regions/);
      assert.match(welcome, /How to Configure AWS Credentials/);
      const [description] = (await inWorkbench({
        text: '.pane-header[aria-label^="Explorer"] .description',
      })) as string[];
      assert.equal(description, 'no AWS credentials');
      await screenshot('explorer-no-credentials');
    }
    // "Show Why" names the profile and what the SDK found.
    if (hasBrowser()) {
      const why = vscode.commands.executeCommand<string>('sesSmtpToolkit.explorer.whyNoCredentials');
      // The headless page has no window focus, so notifications wait in the notification center.
      await vscode.commands.executeCommand('notifications.showList');
      const [toast] = (await inWorkbench({
        waitText: { selector: '.notification-list-item', text: 'has no usable credentials', timeoutMs: 15_000 },
      })) as string[];
      assert.match(toast, /Choose Profile/);
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('notifications.hideList');
      const reason = (await why) ?? '';
      assert.match(reason, /^The profile "no-such-profile" has no usable credentials: /);
      assert.match(reason, /: Could not resolve credentials using profile: \[no-such-profile\]/);
    }
    // Choosing a profile that has credentials brings the tree back.
    await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', { profile: 'e2e', regions: ['eu-west-1'] });
    assert.deepEqual(
      (await rows(api)).map((r) => r.label),
      ['eu-west-1'],
    );
  });

  it('creates an identity (a malformed one refused before any call), reveals and selects it, deletes it', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', { profile: 'e2e', regions: ['eu-north-1'] });
    await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
    if (hasBrowser()) {
      // The input box says what is wrong as you type, before any round trip to SES.
      const typed = vscode.commands.executeCommand('sesSmtpToolkit.explorer.createIdentity');
      const box = '.quick-input-widget';
      await inWorkbench({ fill: { selector: `${box} input`, value: 'not a domain' } });
      const [spaces] = (await inWorkbench({
        waitText: { selector: box, text: 'contains spaces', timeoutMs: 15_000 },
      })) as string[];
      assert.match(spaces, /"not a domain" contains spaces; enter a domain \(example\.com\) or an email address/);
      await inWorkbench({ fill: { selector: `${box} input`, value: 'sender@example' } });
      const [address] = (await inWorkbench({
        waitText: { selector: box, text: 'Not a complete address', timeoutMs: 15_000 },
      })) as string[];
      assert.match(address, /the part after the @ is not a domain\. "example" has no dot/);
      await screenshot('explorer-create-identity-input');
      await inWorkbench({ press: 'Escape' });
      assert.equal(await typed, undefined, 'nothing created');
    }
    // The same check for an argument, before any round trip to SES.
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.explorer.createIdentity', {
          region: 'eu-north-1',
          identity: 'sender@example',
        }),
      ),
      /Not a complete address: the part after the @ is not a domain\. "example" has no dot/,
    );
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('sesSmtpToolkit.explorer.createIdentity', {
      region: 'eu-north-1',
      identity: 'new@example.net',
    });
    const [region] = await rows(api);
    const node = (await rows(api, region.node)).find((n) => n.label === 'new@example.net');
    assert.ok(node);
    assert.match(String(node.description), /^(Pending|Verified)$/);
    if (hasBrowser()) {
      // The region opened by itself and the new identity is the selected row.
      const [selected] = (await inWorkbench({
        waitText: { selector: '.monaco-list-row.selected', text: 'new@example.net', timeoutMs: 15_000 },
      })) as string[];
      assert.equal(selected, `${node.label}${node.description}`);
      await screenshot('explorer-created-revealed');
    }
    // As a caller (the read-only API's rows cannot carry a flag): by name, confirm: false under the opt-in.
    await vscode.commands.executeCommand('sesSmtpToolkit.explorer.deleteIdentity', {
      region: 'eu-north-1',
      identity: { name: 'new@example.net' },
      confirm: false,
    });
    const after = await rows(api, (await rows(api))[0].node);
    assert.ok(!after.some((n) => n.label === 'new@example.net'));
  });

  it('with no profile chosen, the welcome view counts the profiles found and offers to choose one', async () => {
    const api = await activateExtension();
    const chosen = api.explorer.selection();
    await api.testHooks!.selectExplorer(undefined);
    try {
      assert.deepEqual(await api.explorer.getChildren(), []);
      if (hasBrowser()) {
        await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
        // The e2e credentials file holds one profile ("e2e").
        const [welcome] = (await inWorkbench({
          waitText: {
            selector: '.welcome-view-content:visible',
            text: '1 AWS profile found — choose it',
            timeoutMs: 15_000,
          },
        })) as string[];
        assert.match(welcome, /Choose AWS Profile and Regions/);
        assert.doesNotMatch(welcome, /`/, 'no literal markup');
        const [status] = (await inWorkbench({ text: '.statusbar-item:has-text("SES: choose profile")' })) as string[];
        assert.match(status, /SES: choose profile/);
        await screenshot('explorer-profiles-found');
      }
    } finally {
      await api.testHooks!.selectExplorer(chosen);
    }
  });
});
