// Language model tools (#29): the Doctor, the login check, identity and account status, Where Is
// This SES Email?, a test mail to the mailbox simulator and a .env write, for the editor's agent and
// for any extension through vscode.lm.invokeTool. Registration only; each call loads ./invoke.
import * as vscode from 'vscode';
import type { FeatureContext } from '../../host/feature';
import { TOOL } from '../../base/commandIds';

export function activate(ctx: FeatureContext): void {
  // Hosts without the language model API (older VS Code, some forks) get no tools.
  if (typeof vscode.lm?.registerTool !== 'function') return;
  const deps = { log: ctx.log, store: ctx.store, accountInfo: ctx.accountInfo };
  for (const name of Object.values(TOOL)) {
    try {
      ctx.subscriptions.push(
        vscode.lm.registerTool<Record<string, unknown>>(name, {
          prepareInvocation: async (options) => (await import('./invoke')).prepareTool(name, options.input),
          invoke: async (options, token) =>
            (await import('./invoke')).invokeTool(
              deps,
              name,
              options.input,
              token,
              options.toolInvocationToken !== undefined,
            ),
        }),
      );
    } catch (err) {
      // A tool VS Code refuses (seen in a window reloaded by the e2e tier) must not fail the whole
      // activation: the Send Test Email panel's restore and every other feature depend on it.
      ctx.log.warn(`The language model tool ${name} could not be registered: ${(err as Error).message}`);
    }
  }
}
