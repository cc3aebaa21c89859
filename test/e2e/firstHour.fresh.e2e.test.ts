// The first hour of a new user, in a fresh window (its own phase, before the main suite): the
// extension is not active yet. Opening a .env must be enough to get its CodeLens and
// diagnostics; the walkthrough shows the way from an AWS profile to a working .env.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ToolkitApi } from '../../src/extension';
import { EXTENSION_ID, hasBrowser, inWebview, inWorkbench, screenshot, waitUntil } from './support';
import { deriveSmtpPassword } from '../../src/base/password';

const env = process.env;

const WALKTHROUGH = `${EXTENSION_ID}#gettingStarted`;

/** Waits until the walkthrough's markdown media (a webview) shows the text, then lets it paint. */
async function mediaShows(text: string): Promise<void> {
  try {
    await inWebview({ waitText: { selector: 'body', text, timeoutMs: 15_000 } });
  } catch (err) {
    console.log(`walkthrough media: ${(err as Error).message.split('\n')[0]}`);
  }
  await new Promise((r) => setTimeout(r, 1000));
}

describe('first hour (fresh window)', () => {
  it('opening a .env activates the extension: CodeLens and the secret-key diagnostic, no side bar needed', async () => {
    const ext = vscode.extensions.getExtension<ToolkitApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    assert.equal(ext.isActive, false, 'nothing has activated the extension before this test');

    const file = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.env');
    // The password is an IAM secret access key (AWS's documented example), not an SMTP password.
    writeFileSync(
      file,
      '# mail\nMAIL_MAILER=smtp\nMAIL_HOST=email-smtp.eu-west-1.amazonaws.com\nMAIL_PORT=587\nMAIL_USERNAME=AKIAIOSFODNN7EXAMPLE\nMAIL_PASSWORD=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    );
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    console.log(`.env opened with language id "${doc.languageId}"`);

    await waitUntil(() => ext.isActive, 'the extension to activate on opening a .env');
    const [secret] = await waitUntil(() => {
      const found = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.code === 'secret-key-as-password');
      return found.length ? found : undefined;
    }, 'the secret-key diagnostic on the freshly opened .env');
    assert.equal(secret.range.start.line, 5, 'on the MAIL_PASSWORD line');
    assert.equal(secret.source, 'SES SMTP');

    const lenses = (await vscode.commands.executeCommand(
      'vscode.executeCodeLensProvider',
      doc.uri,
    )) as vscode.CodeLens[];
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(
      titles.some((t) => t.includes('Check Login')) && titles.some((t) => t.includes('Send Test Email')),
      titles.join(' | '),
    );
    assert.equal(lenses[0].range.start.line, 1, 'above the SMTP block');

    if (hasBrowser()) {
      // Drawn in the editor, not only provided.
      const [lens] = (await inWorkbench({
        waitText: { selector: '.monaco-editor .codelens-decoration', text: 'Check Login', timeoutMs: 15_000 },
      })) as string[];
      assert.match(lens, /Send Test Email/);
      // The side bar was never opened on the SES views: the editor alone did it.
      const [sesViews] = (await inWorkbench({
        count: '.part.sidebar .pane-header[aria-label^="SMTP Credentials"]',
      })) as number[];
      assert.equal(sesViews, 0, 'the SES SMTP views are not open');
    }
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await new Promise((r) => setTimeout(r, 1000));
    await screenshot('first-hour-env-on-open');
    await vscode.commands.executeCommand('workbench.action.closePanel');

    // Activation on a .env stays cheap: neither nodemailer nor the AWS SDK is loaded.
    assert.deepEqual(ext.exports.loadedBundles(), []);
  });

  it('the walkthrough opens with its five steps, each with its button', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
    if (!hasBrowser()) return;
    const [page] = (await inWorkbench({
      waitText: { selector: '.gettingStartedContainer', text: 'Write the settings to .env', timeoutMs: 20_000 },
    })) as string[];
    for (const step of [
      'Pick an AWS profile and regions',
      'Get SMTP credentials',
      'Check the login',
      'Send a test email',
    ])
      assert.ok(page.includes(step), `step "${step}" is shown`);
    assert.match(page, /Send Email with Amazon SES SMTP/);
    // The first step is open, with its button and its markdown beside it.
    await inWorkbench({
      waitText: {
        selector: '.gettingStartedContainer .getting-started-step.expanded',
        text: 'Choose AWS Profile and Regions',
        timeoutMs: 10_000,
      },
    });
    await mediaShows('reads your account with an AWS profile');
    await screenshot('first-hour-walkthrough');
    // The credentials step, with its three ways to get credentials.
    await inWorkbench({
      click: '.gettingStartedContainer .getting-started-step:has-text("Get SMTP credentials") .step-title',
    });
    await inWorkbench({
      waitText: {
        selector: '.gettingStartedContainer .getting-started-step.expanded',
        text: 'Create a Dedicated IAM User',
        timeoutMs: 10_000,
      },
    });
    await mediaShows('Amazon SES SMTP does not take your IAM secret access key');
    await screenshot('first-hour-walkthrough-credentials');
  });

  it('a step completes when its task worked, not when its button merely ran (issue #31 item 2)', async function () {
    if (!hasBrowser()) this.skip();
    // The button runs sesSmtpToolkit.checkLogin; the prompt it opens is cancelled: nothing is ticked.
    await inWorkbench({
      click: '.gettingStartedContainer .getting-started-step:has-text("Check the login") .step-title',
    });
    await inWorkbench({
      click: '.gettingStartedContainer .getting-started-step.expanded :is(button, a):has-text("Check SMTP Login")',
    });
    await inWorkbench(
      { waitText: { selector: '.quick-input-widget', text: 'Check SES SMTP Login', timeoutMs: 10_000 } },
      { press: 'Escape' },
    );
    // Escape may also take the page back to the welcome overview: open the walkthrough again.
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
    const done = '.gettingStartedContainer .getting-started-step:has([aria-checked="true"]):visible';
    await inWorkbench({
      waitText: { selector: '.gettingStartedContainer', text: 'Check the login', timeoutMs: 15_000 },
    });
    const [before] = (await inWorkbench({ count: done })) as number[];
    assert.equal(before, 0, 'a cancelled check ticks nothing');
    // A login that passes (the fixtures' SES-like server) ticks "Check the login", and only it.
    const check = (await vscode.commands.executeCommand('sesSmtpToolkit.checkLogin', {
      region: env.SES_E2E_SMTP_REGION,
      host: env.SES_E2E_SMTP_HOST,
      port: Number(env.SES_E2E_SMTP_PORT),
      tls: 'starttls',
      username: env.SES_E2E_ACCESS_KEY,
      password: deriveSmtpPassword(env.SES_E2E_SECRET!, env.SES_E2E_SMTP_REGION!),
      notify: false,
    })) as { ok: boolean };
    assert.equal(check.ok, true, 'the login check passed');
    await inWorkbench({ waitText: { selector: done, text: 'Check the login', timeoutMs: 15_000 } });
    const [count] = (await inWorkbench({ count: done })) as number[];
    assert.equal(count, 1, 'only that step is done');
    await screenshot('first-hour-walkthrough-step-done');
  });

  it('the credentials view links to the walkthrough', async function () {
    if (!hasBrowser()) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
    await inWorkbench({
      waitText: { selector: '.part.sidebar', text: 'Open the Getting Started Walkthrough', timeoutMs: 15_000 },
    });
    await screenshot('first-hour-credentials-welcome');
    await inWorkbench({ click: '.part.sidebar a:has-text("Open the Getting Started Walkthrough")' });
    await inWorkbench({
      waitText: { selector: '.gettingStartedContainer', text: 'Get SMTP credentials', timeoutMs: 15_000 },
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
