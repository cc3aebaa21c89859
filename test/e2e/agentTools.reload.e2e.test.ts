// The language model tools after a window reload (the second phase, same profile): the window
// restores the Send Test Email panel, which activates the extension before VS Code knows the
// contributed tools; the tools it refused then are registered again and work (#29).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { waitUntil } from './support';

describe('Language model tools after a window reload', function () {
  this.timeout(60_000);

  it('the language model tools are there again after the reload', async () => {
    await waitUntil(
      () => vscode.lm.tools.filter((t) => t.name.startsWith('sesSmtp_')).length === 8,
      'the eight sesSmtp_ tools in vscode.lm.tools',
      40_000,
    );
    const text = (
      await vscode.lm.invokeTool('sesSmtp_explainError', {
        input: { text: '454 Throttling failure: Maximum sending rate exceeded.' },
        toolInvocationToken: undefined,
      })
    ).content
      .map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : ''))
      .join('');
    assert.match(text, /454|rate/i);
  });
});
