// Send Test Email's activation: the form (restored after a reload by its serializer), Send Test
// Email, Send Test Email Burst and Send Test Email from This Identity. What they run loads on their
// first use (a chunk each, esbuild.config.mjs), never during activation.
import * as vscode from 'vscode';
import type { FeatureContext } from '../../host/feature';
import type { CallContext } from '../../host/consent';
import { registerCommand } from '../../host/util';
import type { SendTestBurstArgs } from './args';
import { COMMAND, WEBVIEW } from '../../base/commandIds';
import type { PanelDeps } from './panelSend';

/** Send Test Email: its form, commands and the send history. */
export function activate(ctx: FeatureContext): void {
  const { extension, log, store, accountInfo, calls } = ctx;
  const deps: PanelDeps = { extension, extensionUri: extension.extensionUri, store, log, accountInfo, calls };
  const command = registerCommand(COMMAND.sendTestEmail, log, async (raw: unknown, call: CallContext) =>
    (await import('./sendTestEmail')).sendTestEmail(deps, raw, call),
  );
  calls.sendTestEmail = command.run;
  extension.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(WEBVIEW.testSend, {
      deserializeWebviewPanel: async (panel) => (await import('./panel')).TestSendPanel.revive(panel, deps),
    }),
    registerCommand(COMMAND.sendTestBurst, log, async (raw: SendTestBurstArgs | undefined, call: CallContext) =>
      (await import('./burstEntry')).sendTestBurst(deps, raw, call),
    ),
    registerCommand(COMMAND.explorer.sendTestEmail, log, async (raw?: unknown) =>
      (await import('./fromIdentity')).sendFromIdentity(deps, raw),
    ),
    command,
  );
}
