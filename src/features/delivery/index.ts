// The delivery tracking feature (#26): Set Up / Remove Delivery Tracking per region, Where Is This
// Message?, and, for Send Test Email through ctx.calls, the region's tracking configuration set and
// the following of a sent message. The commands' code loads on first use.
import type { FeatureContext } from '../../host/feature';
import { registerCommand } from '../../host/util';
import { COMMAND } from '../../base/commandIds';
import { DeliveryStore } from './store';
import type { TrackingArgs, WhereIsArgs } from './args';

export function activate(ctx: FeatureContext): void {
  const store = new DeliveryStore(ctx.extension.globalState);
  const deps = { log: ctx.log, store, accountInfo: ctx.accountInfo };
  ctx.calls.trackingConfigurationSet = (region) => store.tracking(region)?.configurationSet;
  ctx.calls.trackingSummary = async (region, from) => {
    const issue = from ? store.lastIssue(region, from) : undefined;
    const { describeEvent } = await import('./logic/timeline');
    return {
      configurationSet: store.tracking(region)?.configurationSet,
      lastIssue: issue
        ? `${issue.time.slice(0, 16).replace('T', ' ')} UTC ${issue.recipient ?? ''}: ${describeEvent(issue)}`
        : undefined,
    };
  };
  ctx.calls.followDelivery = async (request) => (await import('./followDelivery')).followDelivery(deps, request);
  ctx.calls.followDeliveries = async (request) => (await import('./followDelivery')).followDeliveries(deps, request);
  const whereIs = registerCommand<unknown, WhereIsArgs>(COMMAND.delivery.whereIs, ctx.log, async (args, call) =>
    (await import('./whereIs')).whereIsCommand(deps, args, call),
  );
  ctx.calls.whereIsMessage = whereIs.run;
  ctx.subscriptions.push(
    whereIs,
    registerCommand<unknown, TrackingArgs>(COMMAND.delivery.setUp, ctx.log, async (args, call) =>
      (await import('./trackingCommands')).setUpTrackingCommand(deps, args, call),
    ),
    registerCommand<unknown, TrackingArgs>(COMMAND.delivery.remove, ctx.log, async (args, call) =>
      (await import('./trackingCommands')).removeTrackingCommand(deps, args, call),
    ),
  );
}
