// "Edit Credential Set…": host, port, region, TLS mode and From of a saved set, its login kept.
// From the row menu or the palette: a flow with every step prefilled (Enter keeps a value); with an
// argument object only the fields given change (a caller's change is consented to, as Rename).
// An SES SMTP password is made for one region: a region change derives it again from the IAM
// secret access key (asked in the flow, or "secretAccessKey" in the argument object), or is refused.
import * as vscode from 'vscode';
import type { CredentialSet } from '../../base/credentialSets';
import { mergeCredentialEdit, type CredentialEdit, type MergedEdit } from '../../base/credentialSetInput';
import { classifySmtpPassword, deriveSmtpPassword } from '../../base/password';
import { regionFromHost } from '../../base/regions';
import { isPlainObject } from '../../base/guards';
import { askRegionForHost, endpointStep, fromStep, portStep, secretKeyStep } from '../../host/prompts';
import { isFlowBack, runSteps, type Step } from '../../host/multiStepInput';
import { resolveCredentialSet, type CredentialStore } from '../../host/credentialStore';
import { settings } from '../../host/settings';
import { requireSmtpRegion } from '../../host/smtpEndpoint';
import { UserError, type Log } from '../../host/util';
import { consentTo, type CallContext } from '../../host/consent';
import type { FeatureCalls } from '../../host/calls';
import type { EditSetArgs } from './args';

const FIELDS = ['host', 'port', 'region', 'tls', 'from'] as const;

function merge(set: CredentialSet, edit: CredentialEdit): MergedEdit {
  try {
    return mergeCredentialEdit(set, edit, settings().extraRegions);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
}

/** Whether the saved password stops working with the merged region: an SES SMTP password made for the old one. */
async function passwordBoundToRegion(store: CredentialStore, set: CredentialSet, merged: MergedEdit): Promise<boolean> {
  if (!merged.regionChange) return false;
  const password = await store.getPassword(set.id);
  return password !== undefined && classifySmtpPassword(password).kind === 'v4';
}

function regionMessage(set: CredentialSet, change: { from: string; to: string }): string {
  return vscode.l10n.t(
    'SES SMTP passwords work in one region: the password of "{0}" was made for {1} and is refused in {2}. It must be derived again for {2} from the IAM secret access key of {3}.',
    set.name,
    change.from,
    change.to,
    set.username,
  );
}

export async function editSet(
  log: Log,
  store: CredentialStore,
  calls: FeatureCalls,
  args: unknown,
  call: CallContext,
): Promise<CredentialSet | undefined> {
  const set = await resolveCredentialSet(store, args, vscode.l10n.t('Edit Credential Set'), calls);
  if (!set) return undefined;
  // A plain object was checked against editSetSchema; the row passes its CredentialNode (none of these).
  const given = (isPlainObject(args) ? args : {}) as EditSetArgs;
  const edit: CredentialEdit = {};
  for (const key of FIELDS) if (given[key] !== undefined) (edit as Record<string, unknown>)[key] = given[key];
  const scripted = Object.keys(edit).length > 0 || given.secretAccessKey !== undefined;
  let merged: MergedEdit;
  let password: string | undefined;
  if (scripted) {
    merged = merge(set, edit);
    if (merged.changed.length === 0) return set;
    if (await passwordBoundToRegion(store, set, merged)) {
      if (given.secretAccessKey === undefined)
        throw new UserError(
          vscode.l10n.t(
            '{0} Give "secretAccessKey" with the region to derive it, or keep the region {1}.',
            regionMessage(set, merged.regionChange!),
            merged.regionChange!.from,
          ),
        );
      await requireSmtpRegion(merged.regionChange!.to);
      password = deriveSmtpPassword(given.secretAccessKey, merged.regionChange!.to);
    }
    const effect = {
      summary: vscode.l10n.t(
        'Change {0} of the credential set "{1}"',
        merged.changed.map((k) => `${k} → ${merged.input[k] ?? vscode.l10n.t('none')}`).join(', '),
        set.name,
      ),
      detail: password
        ? vscode.l10n.t('The password is derived again for {0}; the login (access key id) stays.', merged.input.region!)
        : vscode.l10n.t('The saved set keeps its login and password.'),
      action: vscode.l10n.t('Edit'),
    };
    if (!(await consentTo(call, effect))) return undefined;
  } else {
    const state: {
      region?: string;
      host?: string;
      port?: number;
      tls?: CredentialSet['tls'];
      from?: string;
    } = { region: set.region, host: set.host, port: set.port, tls: set.tls, from: set.from };
    const endpoint = endpointStep(state, { allowHost: true });
    // A host that is not an SES endpoint keeps a region only if the user says which (or none).
    const endpointAndRegion: Step = async (input) => {
      for (;;) {
        const region = state.region;
        await endpoint(input);
        if (state.host === undefined || regionFromHost(state.host)) return;
        try {
          state.region = await askRegionForHost(input, state.region ?? region);
          return;
        } catch (err) {
          if (!isFlowBack(err)) throw err;
          state.region = region; // Back from the region: the endpoint again, its answer kept
        }
      }
    };
    let result: MergedEdit | undefined;
    const save = async (): Promise<boolean> => {
      const m = merge(set, {
        host: state.host ?? '',
        region: state.region ?? '',
        port: state.port,
        tls: state.tls,
        from: state.from ?? '',
      });
      password = undefined;
      if (await passwordBoundToRegion(store, set, m)) {
        const secret: { secretAccessKey?: string } = {};
        const asked = await runSteps(vscode.l10n.t('Derive the SMTP password for {0}', m.regionChange!.to), [
          secretKeyStep(secret, regionMessage(set, m.regionChange!)),
        ]);
        // Not given: refused, with every answer kept: Back to keep the region, or give the key.
        if (!asked || !secret.secretAccessKey)
          throw new UserError(
            vscode.l10n.t(
              '{0} Enter the secret key, or go Back and keep {1}.',
              regionMessage(set, m.regionChange!),
              m.regionChange!.from,
            ),
          );
        await requireSmtpRegion(m.regionChange!.to);
        password = deriveSmtpPassword(secret.secretAccessKey, m.regionChange!.to);
      }
      result = m;
      return true;
    };
    const title = vscode.l10n.t('Edit "{0}"', set.name);
    if (!(await runSteps(title, [endpointAndRegion, portStep(state), fromStep(state)], save)) || !result)
      return undefined;
    merged = result;
    if (merged.changed.length === 0 && password === undefined) return set;
  }
  const updated = await store.edit(set.id, merged.input, password);
  log.info(
    `Edited credential set "${updated.name}": ${merged.changed.join(', ') || 'nothing'} changed` +
      (password ? `; password derived again for ${updated.region} (the secret is not stored).` : '; password kept.'),
  );
  if (!scripted)
    void vscode.window.showInformationMessage(
      password
        ? vscode.l10n.t('Saved "{0}"; its password was derived again for {1}.', updated.name, updated.region ?? '')
        : vscode.l10n.t('Saved "{0}"; its password is unchanged.', updated.name),
    );
  return updated;
}
