// Runs in a second window of the same profile, after the main suite: a window reload.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { hasBrowser, inWebview, waitUntil } from './support';

describe('after a window reload', () => {
  it('credential sets and their passwords are still there', async () => {
    const outcome = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.check', {
      credentialSet: 'e2e local',
      notify: false,
    })) as { ok: boolean; report: string };
    assert.equal(outcome.ok, true, outcome.report);
  });

  it('the Send Test Email panel is restored', async () => {
    await waitUntil(
      () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Send Test Email')),
      'the restored Send Test Email tab',
    );
  });

  it('the restored form holds what was typed before (its saved state)', async function () {
    if (!hasBrowser()) this.skip();
    // The To field came back from the state: the note under it is computed from its value.
    const [note] = (await inWebview({ waitText: { selector: '#to-note', text: 'success@simulator' } })) as string[];
    assert.match(note, /SES delivers it to the simulator/);
    await inWebview({ waitText: { selector: '#set option', text: 'e2e local' } });
  });
});
