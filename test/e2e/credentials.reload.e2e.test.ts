// Runs in a second window of the same profile, after the main suite: a window reload.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { waitUntil } from './support';

describe('after a window reload', () => {
  it('credential sets and their passwords are still there', async () => {
    const outcome = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.check', { credentialSet: 'e2e local', notify: false })) as { ok: boolean; report: string };
    assert.equal(outcome.ok, true, outcome.report);
  });

  it('the Send Test Email panel is restored', async () => {
    await waitUntil(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Send Test Email')), 'the restored Send Test Email tab');
  });
});
