import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { activateExtension, EXTENSION_ID, hasBrowser, inWorkbench, screenshot } from './support';

describe('activation', () => {
  it('activates, and loads neither nodemailer nor the AWS SDK', async () => {
    const api = await activateExtension();
    assert.equal(typeof api.activationMs, 'number');
    console.log(`activation ms: ${api.activationMs.toFixed(2)}`);
    assert.deepEqual(api.loadedBundles(), [], 'no heavy bundle is loaded at activation');
  });

  it('contributes the SES view container with its views', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributes = ext.packageJSON.contributes;
    assert.ok(contributes.viewsContainers.activitybar.some((c: { id: string }) => c.id === 'sesSmtpToolkit'));
    const views = contributes.views.sesSmtpToolkit.map((v: { id: string }) => v.id);
    assert.deepEqual(views, ['sesSmtpToolkit.explorer', 'sesSmtpToolkit.credentials']);
    await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
    if (hasBrowser()) {
      // The workbench really shows it: the side bar's title and the activity bar entry.
      const [title] = (await inWorkbench({
        waitText: { selector: '.part.sidebar .composite.title', text: 'SES SMTP', timeoutMs: 15_000 },
      })) as string[];
      assert.match(title, /SES SMTP/);
      // Both views are in the side bar, each under its own header.
      const [panes] = (await inWorkbench({
        waitText: { selector: '.part.sidebar', text: 'SMTP Credentials', timeoutMs: 15_000 },
      })) as string[];
      assert.match(panes, /Explorer/);
      const [entries] = (await inWorkbench({ count: '.part.activitybar [aria-label^="SES SMTP"]' })) as number[];
      assert.ok(entries >= 1, 'the activity bar has the SES SMTP entry');
    }
    await screenshot('activity-bar');
  });

  it('registers its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of [
      'sesSmtpToolkit.generatePassword',
      'sesSmtpToolkit.checkLogin',
      'sesSmtpToolkit.sendTestEmail',
      'sesSmtpToolkit.credentials.add',
      'sesSmtpToolkit.showLog',
    ]) {
      assert.ok(all.includes(id), `${id} is registered`);
    }
  });

  it('generates a password from arguments without prompting', async () => {
    const result = (await vscode.commands.executeCommand('sesSmtpToolkit.generatePassword', {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      region: 'eu-central-1',
      showResult: false,
    })) as { password: string; host: string; username: string };
    assert.equal(result.username, 'AKIAIOSFODNN7EXAMPLE');
    assert.equal(result.host, 'email-smtp.eu-central-1.amazonaws.com');
    assert.equal(result.password.length, 44);
    assert.match(result.password, /^B/);
  });

  it('refuses a region typo with a did-you-mean message', async () => {
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.generatePassword', {
          accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          region: 'eu-cental-1',
          showResult: false,
        }),
      ),
      /Did you mean eu-central-1/,
    );
  });
});
