// Configuration sets for Send Test Email: the names in a region (the form's picker and the check
// before a send) and a set's event destinations (shown beside the result). Through the explorer's
// chosen AWS profile; each call has a time limit and can be cancelled. The AWS SDK loads on first use.
import * as vscode from 'vscode';
import type { EventDestinationSummary } from '../../engines/aws/configSets';
import { loadAws } from '../../engines/bundles/load';
import type { AwsAccessFor } from '../../host/accountInfo';

export type ConfigurationSetListing =
  { ok: true; region: string; sets: string[] } | { ok: false; region?: string; reason: string };

export type EventDestinationListing =
  { ok: true; destinations: EventDestinationSummary[] } | { ok: false; reason: string };

/** Each AWS call gives up after this long. */
export const AWS_CALL_TIMEOUT_MS = 10_000;

const noProfile = (): string =>
  vscode.l10n.t(
    'no AWS profile is chosen in the SES explorer (choose one there to pick from the list); type the set name.',
  );

async function withClient<T>(
  access: AwsAccessFor,
  signal: AbortSignal | undefined,
  call: (ses: ReturnType<ReturnType<typeof loadAws>['sesClient']>, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const aws = loadAws();
  const client = aws.sesClient(access);
  const limit = AbortSignal.timeout(AWS_CALL_TIMEOUT_MS);
  try {
    return await call(client, signal ? AbortSignal.any([signal, limit]) : limit);
  } finally {
    client.destroy();
  }
}

function reasonOf(err: unknown, region: string, action: string, signal?: AbortSignal): string {
  if (signal?.aborted) return vscode.l10n.t('cancelled.');
  if ((err as Error)?.name === 'TimeoutError' || (err as Error)?.name === 'AbortError')
    return vscode.l10n.t('SES did not answer within {0} s.', AWS_CALL_TIMEOUT_MS / 1000);
  return loadAws().describeAwsError(err, region, action);
}

/** The configuration sets in the region, or why they could not be listed. Never rejects. */
export async function listConfigurationSetsFor(
  access: AwsAccessFor | undefined,
  signal?: AbortSignal,
): Promise<ConfigurationSetListing> {
  if (!access) return { ok: false, reason: noProfile() };
  try {
    const sets = await withClient(access, signal, (ses, s) => loadAws().listConfigurationSets(ses, { signal: s }));
    return { ok: true, region: access.region, sets };
  } catch (err) {
    return {
      ok: false,
      region: access.region,
      reason: reasonOf(err, access.region, 'ses:ListConfigurationSets', signal),
    };
  }
}

/** The tenants of the region (ListTenants), for the form's tenant suggestions, or why not. Never rejects. */
export async function listTenantsFor(
  access: AwsAccessFor | undefined,
  signal?: AbortSignal,
): Promise<{ ok: true; names: string[]; paused: string[] } | { ok: false; reason: string }> {
  if (!access)
    return {
      ok: false,
      reason: vscode.l10n.t(
        'no AWS profile is chosen in the SES explorer (choose one there to pick a tenant); type the tenant name.',
      ),
    };
  try {
    const tenants = await withClient(access, signal, (ses, s) => loadAws().listTenants(ses, { signal: s }));
    return {
      ok: true,
      names: tenants.map((t) => t.name),
      // ListTenants' SendingStatus: DISABLED is paused (by you or by SES); REINSTATED sends.
      paused: tenants.filter((t) => t.sendingStatus === 'DISABLED').map((t) => t.name),
    };
  } catch (err) {
    return { ok: false, reason: reasonOf(err, access.region, 'ses:ListTenants', signal) };
  }
}

/** The set's event destinations, or why they could not be read. Never rejects. */
export async function eventDestinationsFor(
  access: AwsAccessFor | undefined,
  configurationSet: string,
  signal?: AbortSignal,
): Promise<EventDestinationListing> {
  if (!access) return { ok: false, reason: noProfile() };
  try {
    const destinations = await withClient(access, signal, (ses, s) =>
      loadAws().getEventDestinations(ses, configurationSet, { signal: s }),
    );
    return { ok: true, destinations };
  } catch (err) {
    return { ok: false, reason: reasonOf(err, access.region, 'ses:GetConfigurationSetEventDestinations', signal) };
  }
}
