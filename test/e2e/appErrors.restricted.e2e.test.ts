// Opening a terminal activates the extension (activation event onTerminal:*), so the SES SMTP error
// lines an application prints there are underlined without any of its views opened first (#33).
// This runs first in its own window (the Restricted Mode phase: a fresh folder, nothing opened), so
// the extension is not active before the terminal opens; explaining needs no trust.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { EXTENSION_ID, waitUntil } from './support';

describe('Explain SES SMTP Error from a terminal in a fresh window (Restricted Mode)', function () {
  this.timeout(60_000);
  let terminal: vscode.Terminal | undefined;
  after(() => terminal?.dispose());

  it('opening a terminal activates the extension; the line it prints is explained', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    assert.equal(ext.isActive, false, 'nothing has activated the extension before this test');
    const line = 'Error: Invalid login: 535 Authentication Credentials Invalid';
    terminal = vscode.window.createTerminal({
      name: 'app dev server',
      shellPath: '/bin/bash',
      shellArgs: ['-c', `echo ${JSON.stringify(line)}; sleep 600`],
    });
    terminal.show();
    await waitUntil(() => ext.isActive, 'the extension to activate when a terminal opens');
    const explained = (await vscode.commands.executeCommand('sesSmtpToolkit.explainError', { text: line })) as {
      verdict: string;
      causes: Array<{ id: string }>;
    };
    assert.equal(explained.verdict, 'ses');
    assert.ok(
      explained.causes.some((c) => c.id === 'wrong-region'),
      'the 535 is explained',
    );
  });
});
