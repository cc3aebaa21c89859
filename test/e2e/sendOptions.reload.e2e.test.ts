// Send Test Email options after a window reload (the second phase, same profile): the history of
// the first phase is listed again and Save as .eml still writes the bytes that were sent.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hasBrowser, inWebview, waitUntil } from './support';
import { answerFileDialog, receivedRaw } from './sendOptionsSupport';

describe('Send Test Email options after a window reload', function () {
  this.timeout(90_000);

  it('the history is still listed and Save as .eml writes the message as it was sent', async function () {
    if (!hasBrowser()) this.skip();
    await waitUntil(
      () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Send Test Email')),
      'the restored Send Test Email tab',
    );
    const [entry] = (await inWebview({
      waitText: { selector: '#history .history-entry', text: 'options raw e2e' },
    })) as string[];
    assert.match(entry, /✓ Accepted by SES/);
    const sent = (await receivedRaw()).find((m) => /Subject: options raw e2e/.test(m.raw));
    assert.ok(sent, 'the server received the raw send of the first phase');
    const target = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'saved-after-reload.eml');
    await inWebview({
      click: '#history .history-entry:has-text("options raw e2e") button[data-action="save"]',
    });
    await answerFileDialog(target, 'Save the Sent Message', /\.eml$/);
    await waitUntil(() => existsSync(target), 'the saved .eml');
    assert.equal(readFileSync(target, 'utf8'), sent.raw);
  });
});
