// The deploy feature (#28): Push SMTP Settings To… a target where the app runs (GitHub Actions,
// Heroku, Fly, Vercel, Kubernetes, Docker Compose), from a saved credential set. The command's code
// loads on first use.
import type { FeatureContext } from '../../host/feature';
import { registerCommand } from '../../host/util';
import { COMMAND } from '../../base/commandIds';
import type { PushArgs } from './args';

export function activate(ctx: FeatureContext): void {
  const deps = { log: ctx.log, store: ctx.store, calls: ctx.calls };
  ctx.subscriptions.push(
    registerCommand<unknown, PushArgs>(COMMAND.deploy.push, ctx.log, async (args, call) =>
      (await import('./push')).pushCommand(deps, args, call),
    ),
  );
}
