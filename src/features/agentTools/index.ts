// Language model tools (#29): the Doctor, the login check, identity and account status, Where Is
// This SES Email?, a test mail to the mailbox simulator and a .env write, for the editor's agent and
// for any extension through vscode.lm.invokeTool. Registration only; each call loads ./invoke.
import * as vscode from 'vscode';
import type { FeatureContext } from '../../host/feature';
import { TOOL } from '../../base/commandIds';

/** Waits before registering again the tools VS Code refused (ms): after the window has restored its editors. */
const RETRY_MS = [10_000, 10_000, 20_000];

export function activate(ctx: FeatureContext): void {
  // Hosts without the language model API (older VS Code, some forks) get no tools.
  if (typeof vscode.lm?.registerTool !== 'function') return;
  const deps = { log: ctx.log, store: ctx.store, accountInfo: ctx.accountInfo };
  let disposed = false;
  ctx.subscriptions.push({ dispose: () => void (disposed = true) });
  const register = (name: string): boolean => {
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
      return true;
    } catch (err) {
      // Activated very early (a window restoring the Send Test Email panel), VS Code may not know the
      // contributed tools yet and refuses them. That must not fail the whole activation (the panel's
      // restore and every other feature depend on it): the refused tools are registered again later.
      ctx.log.warn(`The language model tool ${name} could not be registered yet: ${(err as Error).message}`);
      return false;
    }
  };
  let pending = Object.values(TOOL).filter((name) => !register(name));
  const retry = (attempt: number): void => {
    if (!pending.length || disposed) return;
    if (attempt >= RETRY_MS.length) {
      ctx.log.error(`The language model tools ${pending.join(', ')} could not be registered.`);
      return;
    }
    setTimeout(() => {
      if (disposed) return;
      pending = pending.filter((name) => !register(name));
      retry(attempt + 1);
    }, RETRY_MS[attempt]);
  };
  retry(0);
}
