import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import type { CredentialSet } from '../../src/base/credentialSets';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  activateExtension,
  allowUnattendedEffects,
  hasBrowser,
  inWorkbench,
  screenshot,
  setAwsEndpoint,
  waitUntil,
} from './support';

describe('dedicated SMTP user through IAM (AWS API peer)', () => {
  let createdKey = '';
  let workspaceSettings = '';
  before(async () => {
    if (!process.env.SES_E2E_AWS_URL) throw new Error('AWS API peer fixture missing (SES_E2E_AWS_URL)');
    await setAwsEndpoint(process.env.SES_E2E_AWS_URL);
    // A repository's own settings name another endpoint (a closed port here): it must be ignored,
    // the user's setting (the AWS API peer) counts. The folder's settings are loaded once its other value shows.
    const dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode');
    mkdirSync(dir, { recursive: true });
    workspaceSettings = path.join(dir, 'settings.json');
    writeFileSync(
      workspaceSettings,
      JSON.stringify({ 'sesSmtpToolkit.aws.endpoint': 'http://127.0.0.1:9', 'sesSmtpToolkit.smtp.timeoutSeconds': 16 }),
    );
    await waitUntil(
      () => vscode.workspace.getConfiguration('sesSmtpToolkit').inspect('smtp.timeoutSeconds')?.workspaceValue === 16,
      'the workspace settings to load',
    );
  });
  after(async () => {
    rmSync(path.dirname(workspaceSettings), { recursive: true, force: true });
    await setAwsEndpoint(undefined);
  });

  it('creates the IAM user with a profile from the shared credentials file and saves its SMTP password (a workspace endpoint is ignored)', async () => {
    const set = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.createIamUser', {
      profile: 'e2e',
      region: 'eu-west-1',
      userName: 'ses-smtp-user.e2e',
      fromPatterns: ['*@example.com'],
      confirm: false,
    })) as CredentialSet;
    assert.equal(set.name, 'ses-smtp-user.e2e');
    createdKey = set.username;
    assert.match(set.username, /^AKIA/);
    assert.equal(set.region, 'eu-west-1');
    const api = await activateExtension();
    assert.ok(api.loadedBundles().includes('aws'), 'the AWS SDK bundle is loaded on first use');
  });

  it('.env: an IAM user name as SMTP_USER offers its access keys; the picked key id replaces the name', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(folder, '.env.iamuser');
    writeFileSync(
      file,
      "SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_PORT=587\nSMTP_USER='ses-smtp-user.e2e' # who\nSMTP_PASSWORD=x\n",
    );
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const found = await waitUntil(
      () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'username-not-access-key'),
      'the IAM-user-name diagnostic',
    );
    const actions = (await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider',
      doc.uri,
      found.range,
    )) as vscode.CodeAction[];
    const lookUp = actions.find((a) => a.title === 'Look Up Access Keys of IAM User ses-smtp-user.e2e');
    assert.ok(lookUp?.command, `the action is offered: ${actions.map((a) => a.title).join(', ')}`);
    const args = { ...(lookUp.command.arguments![0] as object), profile: 'e2e' };
    let result: { accessKeyId: string; key: string } | undefined;
    if (hasBrowser()) {
      // The user's path: the quick pick of the user's keys, the first one taken with Enter.
      const running = vscode.commands.executeCommand(lookUp.command.command, args);
      const [title] = (await inWorkbench({
        waitText: { selector: '.quick-input-widget', text: 'Access keys of IAM user ses-smtp-user.e2e' },
      })) as string[];
      assert.match(title, /Active/);
      await screenshot('env-iam-user-access-keys');
      await inWorkbench({ press: 'Enter' });
      result = (await running) as typeof result;
    } else {
      // No browser (test-electron): the key made by the test above, chosen through the argument.
      result = (await vscode.commands.executeCommand(lookUp.command.command, {
        ...args,
        accessKeyId: createdKey,
      })) as typeof result;
    }
    assert.equal(result!.accessKeyId, createdKey);
    assert.equal(result!.key, 'SMTP_USER');
    // The file's quoting and comment are kept; only the value changed.
    assert.equal(doc.lineAt(2).text, `SMTP_USER='${result!.accessKeyId}' # who`);
    await waitUntil(
      () => !vscode.languages.getDiagnostics(doc.uri).some((d) => d.code === 'username-not-access-key'),
      'the diagnostic to go',
    );
    assert.ok(readFileSync(file, 'utf8').includes('ses-smtp-user.e2e'), 'the file on disk is changed only on save');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    rmSync(file, { force: true });
  });

  it('.env look-up by a caller without the opt-in: the consent modal is asked, the file is not changed', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(folder, '.env.lookupconsent');
    const text = 'SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_USER=ses-smtp-user.e2e\nSMTP_PASSWORD=x\n';
    writeFileSync(file, text);
    await allowUnattendedEffects(false);
    try {
      await assert.rejects(
        Promise.resolve(
          vscode.commands.executeCommand('sesSmtpToolkit.env.lookUpAccessKeys', {
            file,
            profile: 'e2e',
            accessKeyId: createdKey,
          }),
        ),
        (err: Error) => {
          // The test host refuses modals; its message quotes the question.
          assert.match(
            err.message,
            /asks SES SMTP Toolkit to: Write access key id AKIA\w+ of IAM user ses-smtp-user\.e2e as the SMTP username/,
          );
          return true;
        },
      );
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
      assert.equal(doc?.getText() ?? readFileSync(file, 'utf8'), text, 'the username is unchanged');
    } finally {
      await allowUnattendedEffects(true);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(file, { force: true });
    }
  });

  it('.env look-up in an untitled document (not a file on disk) is refused before anything is written', async () => {
    const doc = await vscode.workspace.openTextDocument({
      content: 'SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_USER=ses-smtp-user.e2e\nSMTP_PASSWORD=x\n',
    });
    const before = doc.getText();
    try {
      await assert.rejects(
        Promise.resolve(
          vscode.commands.executeCommand('sesSmtpToolkit.env.lookUpAccessKeys', {
            uri: doc.uri.toString(),
            profile: 'e2e',
            accessKeyId: createdKey,
          }),
        ),
        /written only into a \.env file saved in an open folder, not into untitled:.*Save the file in the project folder/,
      );
      assert.equal(doc.getText(), before, 'the document is unchanged');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('.env look-up of an IAM user that does not exist: says so and what to do', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(folder, '.env.nouser');
    writeFileSync(file, 'SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_USER=nobody-here\nSMTP_PASSWORD=x\n');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('sesSmtpToolkit.env.lookUpAccessKeys', { file, profile: 'e2e' })),
      /The IAM user "nobody-here" does not exist in the account of the profile "e2e"\. Check the user name/,
    );
    rmSync(file, { force: true });
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
