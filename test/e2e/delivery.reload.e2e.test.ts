// Delivery tracking after a window reload (the second phase, same profile): the history entry of
// the first phase's mail to the bounce simulator still shows its bounce, and its "Where Is It?"
// opens the timeline from the events the extension kept (tracking was removed in the first phase,
// so nothing is polled: what shows is what was kept).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { hasBrowser, inWebview, waitUntil } from './support';

describe('Delivery tracking after a window reload', function () {
  this.timeout(90_000);

  it('the history entry still shows the bounce, and Where Is It? shows the kept timeline', async function () {
    if (!hasBrowser()) this.skip();
    await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail');
    await waitUntil(
      () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Send Test Email')),
      'the Send Test Email tab',
    );
    const [entry] = (await inWebview({
      waitText: { selector: '#history .history-entry', text: 'bounce@simulator.amazonses.com: bounced' },
    })) as string[];
    assert.match(entry, /tracking e2e/);
    await inWebview({
      click:
        '#history .history-entry:has-text("bounce@simulator.amazonses.com: bounced") button[data-action="whereIs"]',
    });
    let shown = '';
    await waitUntil(
      () => {
        shown = vscode.workspace.textDocuments.find((d) => d.getText().startsWith('# Where is '))?.getText() ?? '';
        return shown !== '';
      },
      'the Where Is timeline document',
      30_000,
    );
    assert.match(shown, /## bounce@simulator\.amazonses\.com — bounced/);
    assert.match(shown, /Bounced \(Permanent \/ General\): smtp; 550 5\.1\.1 user unknown/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
