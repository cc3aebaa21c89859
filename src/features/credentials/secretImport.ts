// "Import Credentials from Secrets Manager" and "… from SSM Parameter Store": pick the AWS
// credentials and region, the secret (listed, with a filter box) or the parameter, read its value
// and hand it to importSecretValue (./secretImportValue.ts). Values are never logged or shown.
import * as vscode from 'vscode';
import { consentTo, type CallContext, type Effect } from '../../host/consent';
import { SecretNameError, checkParameterName, checkSecretName } from './logic/secretExport';
import type { CredentialSet } from '../../base/credentialSets';
import { validateRegion } from '../../base/regions';
import { loadAws } from '../../engines/bundles/load';
import { pickAwsProfile } from '../../host/awsProfilePicker';
import type { FeatureCalls } from '../../host/calls';
import { pickRegion } from '../../host/prompts';
import { settings } from '../../host/settings';
import { UserError, type Log } from '../../host/util';
import { offerAfterSave } from './nextSteps';
import { importSecretValue, type ReadSecret } from './secretImportValue';
import type { CredentialStore } from '../../host/credentialStore';
import type { ParameterImportArgs, SecretImportArgs } from './args';

const t = vscode.l10n.t;

export interface AwsPlace {
  /** undefined: the default credential chain. */
  profile?: string;
  region: string;
}

/**
 * The profile and region: from the arguments, else the default chain (programmatic), else picked.
 * `args` holds fields registerCommand checked (the import and export schemas) or the set's region.
 */
export async function pickAwsPlace(args: { profile?: string; region?: string }, programmatic: boolean, title: string) {
  let profile = args.profile;
  let profileRegion: string | undefined;
  if (profile === undefined && !programmatic) {
    const picked = await pickAwsProfile({ title: t('{0}: AWS credentials', title) });
    if (!picked) return undefined;
    if (picked.kind === 'profile') {
      profile = picked.name;
      profileRegion = picked.profile.region;
    }
  }
  let region = args.region;
  if (region === undefined && !programmatic) {
    const picked = await pickRegion(t('{0}: AWS region of the secret', title));
    if (!picked?.region) return undefined;
    region = picked.region;
  }
  region ??= profileRegion ?? settings().defaultRegion;
  const check = validateRegion(region, settings().extraRegions);
  if (!check.ok) throw new UserError(check.message);
  return { profile: profile || undefined, region: check.region } satisfies AwsPlace;
}

/** A failed AWS step, as the user reads it, with the AWS error name. */
export class AwsStepError extends UserError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Runs an AWS step with a cancellable progress notification; its errors become UserErrors. */
export async function withAws<T>(title: string, run: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  const aws = loadAws();
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        return run(ac.signal).catch((err: unknown) => {
          if (ac.signal.aborted) return undefined;
          throw err;
        });
      },
    );
  } catch (err) {
    if (err instanceof aws.SecretsAccessError) throw new AwsStepError(err.message, err.code);
    throw err;
  }
}

function checkedName(check: (n: string) => string, value: string): string {
  try {
    return check(value);
  } catch (err) {
    if (err instanceof SecretNameError) throw new UserError(err.message);
    throw err;
  }
}

/** What an import asked for by an argument object does, for the consent modal. */
function importEffect(
  what: string,
  place: { profile?: string; region: string },
  name?: string,
  mapping?: Record<string, string>,
): Effect {
  const keys = mapping ? Object.entries(mapping).map(([field, key]) => `${field} ← ${key}`) : [];
  return {
    summary: t('Import SMTP credentials from {0} ({1})', what, place.region),
    detail:
      t(
        "The value is read from AWS with profile {0} (endpoint: {1}) and saved as a credential set{2} in this editor's secret storage.",
        place.profile ?? t('default chain'),
        settings().awsEndpoint ?? 'AWS',
        name ? ` "${name}"` : '',
      ) + (keys.length ? `\n${t('Fields taken from the keys: {0}', keys.join(', '))}` : ''),
    action: t('Import'),
  };
}

export async function importFromSecretsManager(
  log: Log,
  store: CredentialStore,
  state: vscode.Memento,
  calls: FeatureCalls,
  raw: SecretImportArgs | undefined,
  call: CallContext,
): Promise<CredentialSet | undefined> {
  const title = t('Import SMTP Credentials from Secrets Manager');
  // Checked by registerCommand against importSecretsManagerSchema (the view's title passes nothing).
  const args: SecretImportArgs = raw ?? {};
  const programmatic = raw !== undefined;
  const place = await pickAwsPlace(args, programmatic, title);
  if (!place) return undefined;
  const aws = loadAws();
  aws.forgetCredentials(); // a profile fixed a moment ago counts
  const client = aws.secretsManagerClient({ ...place, endpoint: settings().awsEndpoint });
  try {
    let secretId = args.secretId;
    if (secretId === undefined) {
      if (programmatic) throw new UserError(t('Pass "secretId": the name or ARN of the secret.'));
      secretId = await pickSecret(client, place, title);
      if (secretId === undefined) return undefined;
    }
    const id = checkedName(checkSecretName, secretId);
    if (!(await consentTo(call, importEffect(t('the Secrets Manager secret {0}', id), place, args.name, args.mapping))))
      return undefined;
    const read = await withAws(t('Reading the secret {0}…', id), (signal) => aws.getSecretText(client, id, signal));
    if (!read) return undefined;
    const secret: ReadSecret = {
      value: read.value,
      link: { service: 'secretsmanager', arn: read.arn, name: read.name, region: place.region, profile: place.profile },
    };
    const set = await importSecretValue(log, store, state, secret, args, programmatic);
    if (set && !programmatic)
      void offerAfterSave(set, t('Imported "{0}" from the secret {1}.', set.name, read.name), calls);
    return set;
  } finally {
    client.destroy();
  }
}

type SecretsClient = ReturnType<ReturnType<typeof loadAws>['secretsManagerClient']>;

/** The secrets of the region in a QuickPick (type to filter); a typed name or ARN not listed can be used as it is. */
async function pickSecret(client: SecretsClient, place: AwsPlace, title: string): Promise<string | undefined> {
  const aws = loadAws();
  const listed = await withAws(t('Listing the secrets in {0}…', place.region), (signal) =>
    aws.listSecrets(client, { signal }),
  );
  if (!listed) return undefined;
  type Item = vscode.QuickPickItem & { id: string };
  const items: Item[] = listed.secrets.map((s) => ({
    label: s.name,
    description: s.description,
    detail: s.lastChanged ? t('changed {0}', s.lastChanged.toISOString().slice(0, 10)) : undefined,
    id: s.arn,
  }));
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = title;
  pick.placeholder = listed.truncated
    ? t('Filter the first {0} secrets in {1}, or type the name or ARN of another', listed.secrets.length, place.region)
    : listed.secrets.length
      ? t('Filter the {0} secrets in {1}, or type a secret name or ARN', listed.secrets.length, place.region)
      : t('No secrets in {0} for these credentials. Type a secret name or ARN', place.region);
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  pick.items = items;
  pick.onDidChangeValue((value) => {
    const typed = value.trim();
    const exact = items.some((i) => i.label === typed || i.id === typed);
    pick.items =
      typed && !exact
        ? [
            ...items,
            {
              label: t('$(edit) Use "{0}"', typed),
              description: t('a secret name or ARN'),
              id: typed,
              alwaysShow: true,
            },
          ]
        : items;
  });
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.id);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

export async function importFromParameterStore(
  log: Log,
  store: CredentialStore,
  state: vscode.Memento,
  calls: FeatureCalls,
  raw: ParameterImportArgs | undefined,
  call: CallContext,
): Promise<CredentialSet | undefined> {
  const title = t('Import SMTP Credentials from SSM Parameter Store');
  // Checked by registerCommand against importParameterStoreSchema (the view's title passes nothing).
  const args: ParameterImportArgs = raw ?? {};
  const programmatic = raw !== undefined;
  const place = await pickAwsPlace(args, programmatic, title);
  if (!place) return undefined;
  let name = args.parameter;
  if (name === undefined) {
    if (programmatic) throw new UserError(t('Pass "parameter": the name or ARN of the SecureString parameter.'));
    name = await vscode.window.showInputBox({
      title,
      prompt: t('Name of the SecureString parameter (it is decrypted with its KMS key)'),
      placeHolder: '/ses/smtp/prod',
      ignoreFocusOut: true,
      validateInput: (v) => {
        try {
          checkParameterName(v);
          return undefined;
        } catch (err) {
          return (err as Error).message;
        }
      },
    });
    if (name === undefined) return undefined;
  }
  const id = checkedName(checkParameterName, name);
  if (!(await consentTo(call, importEffect(t('the SSM parameter {0}', id), place, args.name, args.mapping))))
    return undefined;
  const aws = loadAws();
  aws.forgetCredentials();
  const client = aws.ssmClient({ ...place, endpoint: settings().awsEndpoint });
  try {
    const read = await withAws(t('Reading the parameter {0}…', id), (signal) =>
      aws.getParameterText(client, id, signal),
    );
    if (!read) return undefined;
    if (read.type !== 'SecureString')
      log.warn(
        `The parameter ${read.name} is a ${read.type}, not a SecureString: anyone who may read it sees the value.`,
      );
    const secret: ReadSecret = {
      value: read.value,
      link: { service: 'ssm', arn: read.arn, name: read.name, region: place.region, profile: place.profile },
    };
    const set = await importSecretValue(log, store, state, secret, args, programmatic);
    if (set && !programmatic) {
      const note = read.type === 'SecureString' ? '' : t(' It is a plain {0}: store it as a SecureString.', read.type);
      void offerAfterSave(set, t('Imported "{0}" from the parameter {1}.', set.name, read.name) + note, calls);
    }
    return set;
  } finally {
    client.destroy();
  }
}
