import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveSmtpPassword } from '../../src/base/password';
import { hasBrowser, inWorkbench, screenshot, waitUntil } from './support';

const env = process.env;

describe('.env integration', () => {
  let folder: string;
  before(async () => {
    folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    // These tests write with argument objects (confirm: false): the user's opt-in allows it.
    await vscode.workspace
      .getConfiguration('sesSmtpToolkit')
      .update('security.allowUnattendedEffects', true, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    // Back to the harness's default for the suites after this one (test/e2e/index.ts turns it on).
    await vscode.workspace
      .getConfiguration('sesSmtpToolkit')
      .update('security.allowUnattendedEffects', true, vscode.ConfigurationTarget.Global);
  });

  it('writes SMTP settings into a workspace .env, byte for byte as expected', async () => {
    const file = path.join(folder, '.env');
    writeFileSync(
      file,
      '# app settings\r\nexport APP_KEY=base64:abc # keep\r\nMAIL_HOST=smtp.old.example\r\n\r\nDB_URL=postgres://x',
    );
    const result = (await vscode.commands.executeCommand('sesSmtpToolkit.writeEnv', {
      file,
      convention: 'laravel',
      values: {
        host: 'email-smtp.eu-west-1.amazonaws.com',
        port: 587,
        username: 'AKIAIOSFODNN7EXAMPLE',
        password: 'BLt+ADu/sekVOPzU8qxsZ9RUJq9VOImHlGTS3HByT=p5',
        from: 'noreply@example.com',
      },
      confirm: false,
    })) as { keys: string[] };
    assert.deepEqual(result.keys, [
      'MAIL_MAILER',
      'MAIL_HOST',
      'MAIL_PORT',
      'MAIL_USERNAME',
      'MAIL_PASSWORD',
      'MAIL_ENCRYPTION',
      'MAIL_FROM_ADDRESS',
    ]);
    assert.equal(
      readFileSync(file, 'utf8'),
      '# app settings\r\nexport APP_KEY=base64:abc # keep\r\nMAIL_HOST=email-smtp.eu-west-1.amazonaws.com\r\n' +
        'MAIL_MAILER=smtp\r\nMAIL_PORT=587\r\nMAIL_USERNAME=AKIAIOSFODNN7EXAMPLE\r\n' +
        'MAIL_PASSWORD=BLt+ADu/sekVOPzU8qxsZ9RUJq9VOImHlGTS3HByT=p5\r\nMAIL_ENCRYPTION=tls\r\n' +
        'MAIL_FROM_ADDRESS=noreply@example.com\r\n\r\nDB_URL=postgres://x',
    );
  });

  it('refuses a .env symlinked to a file git tracks, and an absolute path outside the folder (argument objects)', async () => {
    const values = {
      host: 'email-smtp.eu-west-1.amazonaws.com',
      username: 'AKIAIOSFODNN7EXAMPLE',
      password: 'BLt+ADu/sekVOPzU8qxsZ9RUJq9VOImHlGTS3HByT=p5',
    };
    // A repository inside the folder with a tracked file, and a .env at the top linked to it.
    const repo = path.join(folder, 'tracked-repo');
    mkdirSync(repo, { recursive: true });
    const tracked = path.join(repo, 'app.env');
    writeFileSync(tracked, 'APP=1\n');
    const git = (...a: string[]): void => {
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], {
        cwd: repo,
        stdio: 'ignore',
      });
    };
    git('init', '-q');
    git('add', 'app.env');
    git('commit', '-q', '-m', 'tracked');
    const link = path.join(folder, '.env.linked');
    symlinkSync(tracked, link);
    const outsideDir = mkdtempSync(path.join(tmpdir(), 'ses-outside-'));
    const outside = path.join(outsideDir, '.env');
    writeFileSync(outside, 'B=1\n');
    try {
      await assert.rejects(
        async () =>
          vscode.commands.executeCommand('sesSmtpToolkit.writeEnv', {
            file: link,
            convention: 'generic',
            values,
            confirm: false,
          }),
        /git tracks .*app\.env.*\.env\.linked links to it/,
      );
      assert.equal(readFileSync(tracked, 'utf8'), 'APP=1\n', 'the tracked file is unchanged');
      await assert.rejects(
        async () =>
          vscode.commands.executeCommand('sesSmtpToolkit.writeEnv', {
            file: outside,
            convention: 'generic',
            values,
            confirm: false,
          }),
        /outside the open workspace folder/,
      );
      assert.equal(readFileSync(outside, 'utf8'), 'B=1\n', 'the outside file is unchanged');
    } finally {
      rmSync(link, { force: true });
      rmSync(repo, { recursive: true, force: true });
      rmSync(outsideDir, { recursive: true, force: true });
    }
  });

  it("a caller's confirm: false needs the user's opt-in; a bare env.confirmWrite does not press Write", async () => {
    const file = path.join(folder, '.env.consent');
    const before = 'APP=1\n';
    writeFileSync(file, before);
    const args = {
      file,
      convention: 'generic',
      values: {
        host: 'email-smtp.eu-west-1.amazonaws.com',
        username: 'AKIAIOSFODNN7EXAMPLE',
        password: 'BLt+ADu/sekVOPzU8qxsZ9RUJq9VOImHlGTS3HByT=p5',
      },
    };
    const toolkit = vscode.workspace.getConfiguration('sesSmtpToolkit');
    try {
      // 1. Opt-in off: the consent modal is asked (the test host refuses to show modals, and says
      // what it was asked to show): nothing written.
      await toolkit.update('security.allowUnattendedEffects', undefined, vscode.ConfigurationTarget.Global);
      await assert.rejects(
        async () => vscode.commands.executeCommand('sesSmtpToolkit.writeEnv', { ...args, confirm: false }),
        /refused to show dialog.*asks SES SMTP Toolkit to: Write SMTP settings, including the password, to .*\.env\.consent/,
      );
      assert.equal(readFileSync(file, 'utf8'), before, 'confirm: false alone writes nothing');
    } finally {
      await toolkit.update('security.allowUnattendedEffects', true, vscode.ConfigurationTarget.Global);
    }
    // 2. A diff is pending: a bare confirmWrite (any caller can run it) is not the title's Write.
    const diffOpen = (): boolean => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff && input.modified.scheme === 'ses-smtp-env-preview';
    };
    const pending = vscode.commands.executeCommand('sesSmtpToolkit.writeEnv', args);
    await waitUntil(diffOpen, 'the pending diff');
    assert.equal(await vscode.commands.executeCommand('sesSmtpToolkit.env.confirmWrite'), false);
    assert.equal(readFileSync(file, 'utf8'), before, 'a bare confirmWrite writes nothing');
    await vscode.commands.executeCommand('sesSmtpToolkit.env.cancelWrite');
    assert.equal(await pending, undefined);
    assert.equal(readFileSync(file, 'utf8'), before);
    await waitUntil(() => !diffOpen(), 'the diff to close');
    rmSync(file, { force: true });
  });

  it("env.confirmWrite with the diff's URI does not press Write while the user looks at another tab", async () => {
    const file = path.join(folder, '.env.background');
    const other = path.join(folder, 'other.txt');
    const before = 'APP=1\n';
    writeFileSync(file, before);
    writeFileSync(other, 'something else\n');
    const isPreview = (input: unknown): input is vscode.TabInputTextDiff =>
      input instanceof vscode.TabInputTextDiff && input.modified.scheme === 'ses-smtp-env-preview';
    const pending = vscode.commands.executeCommand('sesSmtpToolkit.writeEnv', {
      file,
      convention: 'generic',
      values: {
        host: 'email-smtp.eu-west-1.amazonaws.com',
        username: 'AKIAIOSFODNN7EXAMPLE',
        password: 'BLt+ADu/sekVOPzU8qxsZ9RUJq9VOImHlGTS3HByT=p5',
      },
    });
    await waitUntil(() => isPreview(vscode.window.tabGroups.activeTabGroup.activeTab?.input), 'the pending diff');
    // The user turns to another file in the same group; the diff stays open behind it.
    await vscode.window.showTextDocument(vscode.Uri.file(other), { preview: false });
    const diffTab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => isPreview(t.input));
    assert.ok(diffTab && !diffTab.isActive, 'the diff is open but not the active tab');
    // A caller reads the diff's URI from the tabs and passes it as the title button would.
    const uri = (diffTab.input as vscode.TabInputTextDiff).modified;
    assert.equal(await vscode.commands.executeCommand('sesSmtpToolkit.env.confirmWrite', uri), false);
    assert.equal(readFileSync(file, 'utf8'), before, 'nothing written behind the user');
    await vscode.commands.executeCommand('sesSmtpToolkit.env.cancelWrite');
    assert.equal(await pending, undefined);
    assert.equal(readFileSync(file, 'utf8'), before);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    rmSync(file, { force: true });
    rmSync(other, { force: true });
  });

  it('Write SMTP Settings to .env: the diff has Write and Cancel on its title; closing it writes nothing', async () => {
    const file = path.join(folder, '.env.diff');
    const before = 'APP_NAME=demo\nSMTP_HOST=smtp.old.example\n';
    writeFileSync(file, before);
    const password = 'BLt+ADu/sekVOPzU8qxsZ9RUJq9VOImHlGTS3HByT=p5';
    const args = {
      file,
      convention: 'generic',
      values: { host: 'email-smtp.eu-west-1.amazonaws.com', username: 'AKIAIOSFODNN7EXAMPLE', password },
    };
    const diffOpen = (): boolean => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff && input.modified.scheme === 'ses-smtp-env-preview';
    };
    const WRITE = '.editor-actions [aria-label^="Write to .env"]';
    const CANCEL = '.editor-actions [aria-label^="Cancel Writing to .env"]';

    // 1. Closing the diff without choosing: nothing is written, the command returns nothing.
    const closed = vscode.commands.executeCommand('sesSmtpToolkit.writeEnv', args);
    await waitUntil(diffOpen, 'the pending diff');
    // The title actions are drawn a moment after the diff opens: wait for them, then count them.
    const titleActions = async (): Promise<number[]> =>
      (await inWorkbench({ count: WRITE }, { count: CANCEL })) as number[];
    if (hasBrowser()) {
      const shown = await waitUntil(async () => {
        const counts = await titleActions();
        return counts.some((n) => n > 0) ? counts : undefined;
      }, 'the title actions of the pending diff');
      await new Promise((r) => setTimeout(r, 300)); // both, if both come
      assert.deepEqual(await titleActions(), [1, 1], `Write and Cancel on the diff title (first seen: ${shown})`);
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(await closed, undefined);
    assert.equal(readFileSync(file, 'utf8'), before);
    if (hasBrowser())
      await waitUntil(
        async () => (await titleActions()).every((n) => n === 0),
        'no Write/Cancel once the diff is gone',
      );

    // 2. Clicking Write on the title writes the shown change.
    const written = vscode.commands.executeCommand('sesSmtpToolkit.writeEnv', args);
    await waitUntil(diffOpen, 'the pending diff again');
    if (hasBrowser()) {
      await inWorkbench({ waitText: { selector: '.editor-group-container.active', text: 'SMTP_HOST' } });
      await screenshot('env-write-diff-title-actions');
      await inWorkbench({ click: WRITE });
    } else {
      // The title action passes the diff's document; a bare call does not count as Write.
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as vscode.TabInputTextDiff;
      await vscode.commands.executeCommand('sesSmtpToolkit.env.confirmWrite', input.modified);
    }
    const result = (await written) as { keys: string[] };
    assert.ok(result.keys.includes('SMTP_PASSWORD'), JSON.stringify(result));
    assert.match(readFileSync(file, 'utf8'), /^SMTP_HOST=email-smtp\.eu-west-1\.amazonaws\.com$/m);
    assert.ok(readFileSync(file, 'utf8').startsWith('APP_NAME=demo\n'));
    await waitUntil(() => !diffOpen(), 'the diff to close after Write');

    // 3. Cancel on the title: nothing is written.
    writeFileSync(file, before);
    const cancelled = vscode.commands.executeCommand('sesSmtpToolkit.writeEnv', args);
    await waitUntil(diffOpen, 'the pending diff a third time');
    if (hasBrowser()) await inWorkbench({ click: CANCEL });
    else await vscode.commands.executeCommand('sesSmtpToolkit.env.cancelWrite');
    assert.equal(await cancelled, undefined);
    assert.equal(readFileSync(file, 'utf8'), before);
    await waitUntil(() => !diffOpen(), 'the diff to close after Cancel');
    rmSync(file, { force: true });
  });

  it('shows diagnostics on a bad .env, and a quick fix repairs it', async () => {
    const file = path.join(folder, '.env.local');
    writeFileSync(
      file,
      'MAIL_MAILER=smtp\nMAIL_HOST=email-smtp.eu-wset-1.amazonaws.com\nMAIL_PORT=25\n' +
        'MAIL_USERNAME=AKIAIOSFODNN7EXAMPLE\nMAIL_PASSWORD=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    );
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const diags = await waitUntil(() => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length >= 3 ? d : undefined;
    }, 'diagnostics on .env.local');
    const codes = diags.map((d) => String(d.code)).sort();
    assert.deepEqual(codes, ['host-region-typo', 'port-25', 'secret-key-as-password']);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await new Promise((r) => setTimeout(r, 1500));
    await screenshot('env-diagnostics');
    await vscode.commands.executeCommand('workbench.action.closePanel');

    const host = diags.find((d) => d.code === 'host-region-typo')!;
    const actions = (await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider',
      doc.uri,
      host.range,
    )) as vscode.CodeAction[];
    const fix = actions.find((a) => a.title === 'Use eu-west-1');
    assert.ok(fix?.edit, `a quick fix is offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /^MAIL_HOST=email-smtp\.eu-west-1\.amazonaws\.com$/m);
    await waitUntil(
      () => !vscode.languages.getDiagnostics(doc.uri).some((d) => d.code === 'host-region-typo'),
      'the fixed diagnostic to go',
    );

    // With the host's region known, the IAM secret key gets the password derived for it, and leaves the file.
    const secret = await waitUntil(
      () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'secret-key-as-password'),
      'the secret-key diagnostic after the host fix',
    );
    const derive = await waitUntil(async () => {
      const all = (await vscode.commands.executeCommand(
        'vscode.executeCodeActionProvider',
        doc.uri,
        secret.range,
      )) as vscode.CodeAction[];
      return all.find((a) => a.title === 'Replace with the SMTP password derived for eu-west-1');
    }, 'the "derived password" quick fix');
    assert.ok(derive.edit && (await vscode.workspace.applyEdit(derive.edit)));
    const derived = deriveSmtpPassword('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'eu-west-1');
    assert.ok(!doc.getText().includes('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'), 'the secret is gone');
    assert.ok(doc.getText().split('\n').includes(`MAIL_PASSWORD=${derived}`), doc.getText());
    await waitUntil(
      () => !vscode.languages.getDiagnostics(doc.uri).some((d) => d.code === 'secret-key-as-password'),
      'the secret-key diagnostic to go',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('checks a .env with 80,000 blank lines, and shows the diagnostics of the last edit after typing', async () => {
    const file = path.join(folder, '.env.big');
    const block =
      'MAIL_PORT=25\nMAIL_USERNAME=AKIAIOSFODNN7EXAMPLE\nMAIL_PASSWORD=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
    writeFileSync(
      file,
      `MAIL_MAILER=smtp\nMAIL_HOST=email-smtp.eu-west-1.amazonaws.com\n${'\n'.repeat(80000)}${block}# end\n`,
    );
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const diags = await waitUntil(() => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length >= 2 ? d : undefined;
    }, 'diagnostics on .env.big');
    assert.deepEqual(diags.map((d) => String(d.code)).sort(), ['port-25', 'secret-key-as-password']);
    assert.equal(diags.find((d) => d.code === 'port-25')!.range.start.line, 80002);
    // Several quick edits: the port goes 26, 27, ..., 587; only the last state counts.
    const portLine = doc.lineAt(80002);
    for (const port of ['26', '27', '28', '587']) {
      const edit = new vscode.WorkspaceEdit();
      const line = doc.lineAt(80002);
      edit.replace(doc.uri, new vscode.Range(line.range.start.translate(0, 'MAIL_PORT='.length), line.range.end), port);
      assert.ok(await vscode.workspace.applyEdit(edit));
    }
    assert.equal(doc.lineAt(80002).text, 'MAIL_PORT=587', portLine.text);
    await waitUntil(() => {
      const codes = vscode.languages.getDiagnostics(doc.uri).map((d) => String(d.code));
      return codes.length === 1 && codes[0] === 'secret-key-as-password';
    }, 'port-25 to go after the edits');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('puts CodeLens above an SMTP block; "Check Login" logs in with the block\'s values', async () => {
    const file = path.join(folder, '.env.test');
    const password = deriveSmtpPassword(env.SES_E2E_SECRET ?? '', env.SES_E2E_SMTP_REGION ?? 'eu-west-1');
    writeFileSync(
      file,
      `# mail\nSMTP_HOST=${env.SES_E2E_SMTP_HOST}\nSMTP_PORT=${env.SES_E2E_SMTP_PORT}\n` +
        `SMTP_USER=${env.SES_E2E_ACCESS_KEY}\nSMTP_PASSWORD=${password}\n`,
    );
    const doc = await vscode.workspace.openTextDocument(file);
    const lenses = (await vscode.commands.executeCommand(
      'vscode.executeCodeLensProvider',
      doc.uri,
    )) as vscode.CodeLens[];
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(
      titles.length === 4 &&
        titles.some((t) => t.includes('Check Login')) &&
        titles.some((t) => t.includes('Send Test Email')) &&
        titles.some((t) => t.includes('Save as Credentials')) &&
        titles.some((t) => t.includes('Push To…')),
      titles.join(' | '),
    );
    assert.equal(lenses[0].range.start.line, 1);
    const check = lenses.find((l) => l.command?.title.includes('Check Login'))!.command!;
    const outcome = (await vscode.commands.executeCommand(check.command, {
      ...(check.arguments![0] as object),
      notify: false,
    })) as { ok: boolean; report: string };
    assert.equal(outcome.ok, true, outcome.report);
  });

  it('a Laravel .env with MAIL_PASSWORD=pa ss: phpdotenv refuses the file; quoting fixes it (#21)', async () => {
    const file = path.join(folder, '.env.laravel');
    writeFileSync(
      file,
      'MAIL_MAILER=smtp\nMAIL_HOST=email-smtp.eu-west-1.amazonaws.com\nMAIL_PORT=587\n' +
        'MAIL_USERNAME=AKIAIOSFODNN7EXAMPLE\nMAIL_PASSWORD=pa ss\n',
    );
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const found = await waitUntil(
      () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'value-unquoted-whitespace'),
      'the unquoted-whitespace diagnostic',
    );
    assert.equal(found.range.start.line, 4);
    assert.match(found.message, /phpdotenv \(Laravel\) refuses the whole \.env file/);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await new Promise((r) => setTimeout(r, 1500));
    await screenshot('env-dialect-laravel-whitespace');
    await vscode.commands.executeCommand('workbench.action.closePanel');

    const actions = (await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider',
      doc.uri,
      found.range,
    )) as vscode.CodeAction[];
    const quote = actions.find((a) => a.title === 'Quote the value');
    assert.ok(quote?.edit, `a quick fix is offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(quote.edit));
    assert.equal(doc.lineAt(4).text, "MAIL_PASSWORD='pa ss'");
    await waitUntil(
      () => !vscode.languages.getDiagnostics(doc.uri).some((d) => d.code === 'value-unquoted-whitespace'),
      'the diagnostic to go once the value is quoted',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    rmSync(file, { force: true });
  });
});
