// The deploy feature (#28): Push SMTP Settings To… a target where the app runs (GitHub Actions,
// Heroku, Fly, Vercel, Kubernetes, Docker Compose, a Postfix relay, msmtp), from a saved credential
// set; Check Relay Config for SES names the mistakes of an existing Postfix or msmtp config. The
// commands' code loads on first use.
import type { FeatureContext } from '../../host/feature';
import { registerCommand } from '../../host/util';
import { COMMAND } from '../../base/commandIds';
import type { CheckRelayArgs, PushArgs } from './args';

export function activate(ctx: FeatureContext): void {
  const deps = { log: ctx.log, store: ctx.store, calls: ctx.calls };
  ctx.subscriptions.push(
    registerCommand<unknown, PushArgs>(COMMAND.deploy.push, ctx.log, async (args, call) =>
      (await import('./push')).pushCommand(deps, args, call),
    ),
    registerCommand<unknown, CheckRelayArgs>(COMMAND.deploy.checkRelay, ctx.log, async (args) =>
      (await import('./checkRelay')).checkRelayCommand(ctx.log, args),
    ),
  );
}
