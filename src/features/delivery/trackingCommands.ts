// Set Up Delivery Tracking and Remove Delivery Tracking (per region): a preview of exactly what is
// created or deleted, the IAM actions and the cost, consent for a caller's call, then the steps
// with a cancellable progress notification. What was made is kept in globalState (names and ARNs).
import * as vscode from 'vscode';
import { loadAws } from '../../engines/bundles/load';
import { SES_REGIONS } from '../../base/regions';
import type { CallContext } from '../../host/consent';
import { confirmEffect } from '../../host/consent';
import { awsEndpoint } from '../../host/settings';
import { UserError, type Log } from '../../host/util';
import type { AccountInfoService } from '../../host/accountInfo';
import type { TrackingArgs } from './args';
import { removalPreview, setupPreview } from './logic/plan';
import type { DeliveryStore, SavedTracking } from './store';

export interface TrackingDeps {
  log: Log;
  store: DeliveryStore;
  accountInfo: AccountInfoService;
}

/** The region of the argument: a field of the object, or the SES Explorer's region row. */
function regionOf(args: unknown): string | undefined {
  const r = (args as { region?: unknown } | undefined)?.region;
  return typeof r === 'string' && r ? r : undefined;
}

function profileOf(args: unknown): string | undefined {
  const p = (args as { profile?: unknown } | undefined)?.profile;
  return typeof p === 'string' ? p : undefined;
}

async function pickRegion(title: string, regions: readonly string[]): Promise<string | undefined> {
  const items = regions.map((id) => ({ label: id, description: SES_REGIONS.find((r) => r.id === id)?.name ?? '' }));
  return (await vscode.window.showQuickPick(items, { title, matchOnDescription: true }))?.label;
}

/** The AWS access: the argument's profile, else the explorer's chosen profile, else the default chain. */
export function accessFor(deps: TrackingDeps, region: string, profile: string | undefined) {
  const chosen = profile ?? deps.accountInfo.awsAccess(region)?.profile;
  return { profile: chosen || undefined, region, endpoint: awsEndpoint() };
}

const profileLabel = (profile: string | undefined): string =>
  profile ? vscode.l10n.t('the AWS profile "{0}"', profile) : vscode.l10n.t('the default AWS credentials');

export async function setUpTrackingCommand(
  deps: TrackingDeps,
  args: TrackingArgs | undefined,
  call: CallContext,
): Promise<SavedTracking | undefined> {
  const region =
    regionOf(args) ??
    (await pickRegion(
      vscode.l10n.t('Set Up Delivery Tracking: region'),
      SES_REGIONS.map((r) => r.id),
    ));
  if (!region) return undefined;
  const existing = deps.store.tracking(region);
  if (existing) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Delivery tracking is already set up in {0} (configuration set {1}).',
        region,
        existing.configurationSet,
      ),
    );
    return existing;
  }
  const access = accessFor(deps, region, profileOf(args));
  const preview = setupPreview(region, profileLabel(access.profile));
  const ok = await confirmEffect(
    call,
    { summary: preview.summary, detail: preview.detail, action: vscode.l10n.t('Set Up') },
    args?.confirm === false,
    async () =>
      (await vscode.window.showInformationMessage(
        preview.summary,
        { modal: true, detail: preview.detail },
        vscode.l10n.t('Set Up'),
      )) !== undefined,
  );
  if (!ok) return undefined;
  const aws = loadAws();
  const clients = aws.trackingClients(access);
  try {
    const state = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: preview.summary, cancellable: true },
      async (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        return aws.setUpTracking(clients, region, {
          signal: ac.signal,
          onStep: (s) => {
            deps.log.info(`Delivery tracking (${region}): ${s.action} — ${s.what}`);
            progress.report({ message: s.what });
          },
        });
      },
    );
    const saved: SavedTracking = { ...state, ...(access.profile ? { profile: access.profile } : {}) };
    await deps.store.saveTracking(saved);
    deps.log.info(`Delivery tracking is set up in ${region}.`);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Delivery tracking is set up in {0}. Send Test Email now follows each message there to delivery, bounce, complaint or delay.',
        region,
      ),
    );
    return saved;
  } catch (err) {
    const message =
      err instanceof aws.TrackingStepError ? err.message : aws.describeAwsError(err, region, 'sns:CreateTopic');
    deps.log.error(`Set Up Delivery Tracking in ${region} failed: ${message}`);
    throw new UserError(vscode.l10n.t('Delivery tracking was not set up in {0}: {1}', region, message));
  } finally {
    clients.destroy();
  }
}

export async function removeTrackingCommand(
  deps: TrackingDeps,
  args: TrackingArgs | undefined,
  call: CallContext,
): Promise<{ region: string; removed: string[] } | undefined> {
  const regions = deps.store.allTracking().map((s) => s.region);
  const region =
    regionOf(args) ??
    (regions.length === 1 ? regions[0] : await pickRegion(vscode.l10n.t('Remove Delivery Tracking: region'), regions));
  if (!region) {
    if (!regions.length)
      void vscode.window.showInformationMessage(vscode.l10n.t('Delivery tracking is not set up in any region.'));
    return undefined;
  }
  const state = deps.store.tracking(region);
  if (!state)
    throw new UserError(
      vscode.l10n.t(
        'Delivery tracking is not set up in {0} by this extension; there is nothing to remove. Set it up with "Set Up SES Delivery Tracking".',
        region,
      ),
    );
  const preview = removalPreview(state);
  const ok = await confirmEffect(
    call,
    { summary: preview.summary, detail: preview.detail, action: vscode.l10n.t('Remove') },
    args?.confirm === false,
    async () =>
      (await vscode.window.showWarningMessage(
        preview.summary,
        { modal: true, detail: preview.detail },
        vscode.l10n.t('Remove'),
      )) !== undefined,
  );
  if (!ok) return undefined;
  const aws = loadAws();
  const clients = aws.trackingClients(accessFor(deps, region, profileOf(args) ?? state.profile));
  const removed: string[] = [];
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: preview.summary, cancellable: true },
      async (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        await aws.removeTracking(clients, state, {
          signal: ac.signal,
          onStep: (s) => {
            removed.push(s.what);
            deps.log.info(`Delivery tracking (${region}): ${s.action} — ${s.what} deleted`);
            progress.report({ message: s.what });
          },
        });
      },
    );
  } catch (err) {
    const message =
      err instanceof aws.TrackingStepError ? err.message : aws.describeAwsError(err, region, 'sqs:DeleteQueue');
    deps.log.error(`Remove Delivery Tracking in ${region} failed: ${message}`);
    throw new UserError(
      vscode.l10n.t(
        'Delivery tracking was not fully removed from {0}: {1} Deleted so far: {2}.',
        region,
        message,
        removed.join(', ') || '-',
      ),
    );
  } finally {
    clients.destroy();
  }
  await deps.store.forgetTracking(region);
  void vscode.window.showInformationMessage(vscode.l10n.t('Delivery tracking is removed from {0}.', region));
  return { region, removed };
}
