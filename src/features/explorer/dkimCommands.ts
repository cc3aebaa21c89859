// The explorer's DKIM commands: move an Easy DKIM key to 2048-bit (SES makes the key; nothing
// changes in DNS), and follow a Deterministic Easy DKIM replica to the identity it replicates.
import * as vscode from 'vscode';
import { consentTo, unattendedEffectsAllowed, type CallContext } from '../../host/consent';
import { settings } from '../../host/settings';
import type { IdentityDetails } from '../../engines/aws/ses';
import { planDkimKeyUpgrade } from '../../engines/dns/dkimDisplay';
import { loadAws } from '../../engines/bundles/load';
import { UserError, type Log } from '../../host/util';
import { DkimParentNode, upgradeQuestion } from './nodes/dkimRows';
import { IdentityNode } from './nodes/identityNode';
import type { ExplorerNode } from './nodes/types';
import type { SesExplorer } from './provider';
import type { IdentityConfirmArgs } from './args';

const UPGRADE_ACTION = 'ses:PutEmailIdentityDkimSigningAttributes';

export interface DkimCommandDeps {
  explorer: SesExplorer;
  view: vscode.TreeView<ExplorerNode>;
  log: Log;
}

interface Target {
  region: string;
  name: string;
  confirm: boolean;
}

/** The domain from the menu (its node) or from an argument object {region, identity: {name}, confirm?}. */
function target(raw: unknown): Target {
  if (raw instanceof IdentityNode) {
    const confirm = (raw as IdentityNode & { confirm?: boolean }).confirm !== false;
    return { region: raw.region, name: raw.identity.name, confirm };
  }
  // Checked by registerCommand against identityConfirmSchema (args.ts).
  const args = (raw ?? {}) as IdentityConfirmArgs;
  if (!args.region || !args.identity?.name)
    throw new UserError(
      vscode.l10n.t('Pick a domain in the SES Explorer, or pass {"region": …, "identity": {"name": …}}.'),
    );
  return { region: args.region, name: args.identity.name, confirm: args.confirm !== false };
}

export async function upgradeDkimKey(deps: DkimCommandDeps, raw: unknown, call: CallContext): Promise<unknown> {
  const { explorer } = deps;
  const { region, name, confirm } = target(raw);
  // A caller without the user's opt-in: one modal before anything is asked of SES.
  const consentFirst = call.scripted && !unattendedEffectsAllowed();
  if (consentFirst) {
    const effect = {
      summary: vscode.l10n.t('Move the Easy DKIM key of {0} in {1} to 2048-bit', name, region),
      detail: vscode.l10n.t(
        'If SES signs {0} with a 1024-bit Easy DKIM key, it is told to make the next key 2048-bit (AWS profile {1}, endpoint {2}). Nothing changes in DNS.',
        name,
        explorer.selection()?.profile ?? vscode.l10n.t('default chain'),
        settings().awsEndpoint ?? 'AWS',
      ),
      action: vscode.l10n.t('Move Key'),
    };
    if (!(await consentTo(call, effect))) return undefined;
  }
  const aws = loadAws();
  let details: IdentityDetails;
  try {
    details = await explorer.ses.identityDetails(region, name); // as SES has it now, not as loaded
  } catch (err) {
    throw new UserError(vscode.l10n.t('{0}: {1}', name, aws.describeAwsError(err, region, 'ses:GetEmailIdentity')));
  }
  const plan = planDkimKeyUpgrade(details);
  if (plan.action === 'none') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} ({1}): {2} {3}', name, region, plan.summary, plan.dns),
    );
    return { ...plan, changed: false };
  }
  // Bring Your Own DKIM and replicas are refused by the call below, before anything is sent.
  if (plan.action === 'easy') {
    const ask = upgradeQuestion(name, region, plan);
    // confirm: false skips the question for the UI's own calls and a caller under the opt-in.
    if (!consentFirst && confirm) {
      const answer = await vscode.window.showWarningMessage(
        ask.message,
        { modal: true, detail: ask.detail },
        ask.button,
      );
      if (answer !== ask.button) return undefined;
    }
  }
  let result: Awaited<ReturnType<typeof aws.upgradeDkimKeyTo2048>>;
  try {
    result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Moving the DKIM key of {0} to 2048-bit…', name),
      },
      () => explorer.ses.upgradeDkimKey(region, details),
    );
  } catch (err) {
    if (err instanceof aws.DkimKeyUpgradeError)
      throw new UserError(vscode.l10n.t('Cannot move the DKIM key to 2048-bit: {0}', err.message));
    throw new UserError(vscode.l10n.t('{0}: {1}', name, aws.describeAwsError(err, region, UPGRADE_ACTION)));
  }
  // That identity's row and records only; the region's list is not asked again.
  await explorer
    .regionNode(region)
    ?.refreshIdentity(name)
    .catch(() => undefined);
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      '{0} ({1}): the next DKIM key is 2048-bit. SES generates it and switches to it on its own. {2}',
      name,
      region,
      plan.dns,
    ),
  );
  return result;
}

/** The "Replicates DKIM of …" row: reveals the parent identity, or offers to add its region first. */
export async function showDkimParent(
  deps: DkimCommandDeps,
  raw: unknown,
  call: CallContext,
): Promise<ExplorerNode | undefined> {
  if (!(raw instanceof DkimParentNode))
    throw new UserError(vscode.l10n.t('Use the "Replicates DKIM of …" row of a domain in the SES Explorer.'));
  const { explorer, view } = deps;
  const { parentRegion, name } = raw;
  let region = explorer.regionNode(parentRegion);
  if (!region) {
    const selection = explorer.selection();
    if (!selection) throw new UserError(vscode.l10n.t('Choose an AWS profile and regions first (SES Explorer).'));
    const add = vscode.l10n.t('Add {0}', parentRegion);
    const question = vscode.l10n.t(
      '{0} replicates the DKIM of {0} in {1}, which the SES Explorer does not show. Add {1} to the explorer?',
      name,
      parentRegion,
    );
    // Adding a region to the explorer is asked, except for a caller under the user's opt-in.
    const skip = call.scripted && unattendedEffectsAllowed();
    if (!skip && (await vscode.window.showInformationMessage(question, add)) !== add) return undefined;
    await explorer.select({ ...selection, regions: [...selection.regions, parentRegion] });
    await explorer.getChildren();
    region = explorer.regionNode(parentRegion);
    if (!region)
      throw new UserError(
        vscode.l10n.t('{0} could not be shown: check the AWS credentials (SES Explorer).', parentRegion),
      );
  }
  await region.load();
  const node = region.identity(name);
  if (!node) {
    throw new UserError(
      vscode.l10n.t(
        '{0} is not among the identities loaded in {1} (deleted there, or on a later page: use "Load more…").',
        name,
        parentRegion,
      ),
    );
  }
  await Promise.resolve(view.reveal(node, { select: true, focus: true })).catch((e: unknown) =>
    deps.log.warn(`Could not reveal ${name} in ${parentRegion}: ${String(e)}`),
  );
  return node;
}
