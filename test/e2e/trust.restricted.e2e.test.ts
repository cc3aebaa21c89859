// Restricted Mode (issue #30): in a folder the user has not trusted, the read-only .env help works
// (diagnostics, CodeLens, a command that only computes), and whatever would call AWS, connect to a
// server named by the folder or write a file says that the folder must be trusted first, with the
// Manage Workspace Trust action. Runs in its own window with workspace trust on (launch.ts).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXTENSION_ID, hasBrowser, inWorkbench, screenshot, waitUntil } from './support';

const TRUST = /this folder must be trusted first/;
const TOAST = '.notifications-center .notification-list-item';

describe('Restricted Mode (an untrusted folder)', () => {
  let file = '';
  const text =
    '# mail\nMAIL_MAILER=smtp\nMAIL_HOST=email-smtp.eu-west-1.amazonaws.com\nMAIL_PORT=25\n' +
    'MAIL_USERNAME=AKIAIOSFODNN7EXAMPLE\nMAIL_PASSWORD=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
  before(() => {
    file = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.env');
    writeFileSync(file, text);
  });

  it('the folder is not trusted, and the extension is active in it', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this phase opens an untrusted folder');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    await waitUntil(() => ext?.isActive, 'the extension to activate in Restricted Mode');
  });

  it('read-only help works: the .env diagnostics, the CodeLens and Generate SMTP Password', async () => {
    const doc = await vscode.workspace.openTextDocument(file);
    const codes = await waitUntil(() => {
      const found = vscode.languages.getDiagnostics(doc.uri).map((d) => String(d.code));
      return found.includes('port-25') && found.includes('secret-key-as-password') ? found : undefined;
    }, 'the .env diagnostics in Restricted Mode');
    assert.ok(codes.includes('port-25'), codes.join(', '));
    const lenses = (await vscode.commands.executeCommand(
      'vscode.executeCodeLensProvider',
      doc.uri,
    )) as vscode.CodeLens[];
    assert.ok(
      lenses.some((l) => l.command?.title.includes('Check Login')),
      lenses.map((l) => l.command?.title).join(' | '),
    );
    const generated = (await vscode.commands.executeCommand('sesSmtpToolkit.generatePassword', {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      region: 'eu-west-1',
      showResult: false,
    })) as { password?: string } | undefined;
    assert.ok(generated?.password, 'a command that only computes runs');
    if (hasBrowser()) {
      // Drawn in the editor, not only provided.
      const [lens] = (await inWorkbench({
        waitText: { selector: '.monaco-editor .codelens-decoration', text: 'Check Login', timeoutMs: 15_000 },
      })) as string[];
      assert.match(lens, /Check Login/);
      await screenshot('restricted-mode-env-help');
    }
  });

  it('a write, a login check on the folder’s server and an AWS call say the folder must be trusted first', async () => {
    await assert.rejects(
      async () =>
        vscode.commands.executeCommand('sesSmtpToolkit.writeEnv', {
          file,
          convention: 'laravel',
          values: {
            host: 'email-smtp.eu-west-1.amazonaws.com',
            username: 'AKIAIOSFODNN7EXAMPLE',
            password: 'x'.repeat(44),
          },
          confirm: false,
        }),
      TRUST,
    );
    assert.equal(readFileSync(file, 'utf8'), text, 'nothing was written');
    await assert.rejects(async () => vscode.commands.executeCommand('sesSmtpToolkit.env.checkBlock', { file }), TRUST);
    await assert.rejects(
      async () =>
        vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', {
          profile: 'default',
          regions: ['eu-west-1'],
        }),
      TRUST,
    );
    if (hasBrowser()) {
      // The notification carries the Manage Workspace Trust action, which opens the trust editor.
      // (The headless page has no window focus: notifications wait in the notification center.)
      await vscode.commands.executeCommand('notifications.showList');
      const [shown] = (await inWorkbench({
        waitText: { selector: TOAST, text: 'must be trusted first', timeoutMs: 15_000 },
      })) as string[];
      assert.match(shown, /Manage Workspace Trust/);
      await screenshot('restricted-mode-trust-needed');
      await inWorkbench({
        click: `${TOAST}:has-text("must be trusted first") .monaco-button:has-text("Manage Workspace Trust")`,
      });
      await waitUntil(
        () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label.includes('Workspace Trust'))),
        'the Workspace Trust editor',
      );
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });
});
