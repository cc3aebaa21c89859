// The SES SMTP Doctor's activation: its one command. What the command runs (run.ts) and its page
// load on its first run (a chunk of their own, esbuild.config.mjs), never during activation.
import type { FeatureContext } from '../../host/feature';
import { registerCommand } from '../../host/util';
import { COMMAND } from '../../base/commandIds';

export function activate(ctx: FeatureContext): void {
  const { log, store, extension, calls } = ctx;
  const run = registerCommand(COMMAND.runDoctor, log, async (args, call) =>
    (await import('./run')).runDoctorCommand(log, store, args, call, extension.extensionUri, calls),
  );
  calls.runDoctor = run.run;
  ctx.subscriptions.push(run);
}
