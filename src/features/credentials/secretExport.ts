// "Export Credential Set to Secrets Manager": the set's username, password and endpoint as a JSON
// secret (created, or its value replaced after the user agreed), optionally encrypted with a KMS
// key. The password goes from the secret storage to AWS and nowhere else: not logged, not shown,
// not returned. The set is linked to the secret so a rotation can update it.
import * as vscode from 'vscode';
import { consentTo, type CallContext } from '../../host/consent';
import {
  DEFAULT_EXPORT_KEYS,
  SecretNameError,
  buildSecretJson,
  checkExportKeys,
  checkKmsKeyId,
  checkSecretName,
  conventionExportKeys,
  defaultSecretName,
} from './logic/secretExport';
import type { SecretMapping } from './logic/secretValue';
import { smtpHostForRegion } from '../../base/regions';
import { loadAws } from '../../engines/bundles/load';
import type { FeatureCalls } from '../../host/calls';
import { conventions } from '../../host/envSettings';
import { awsDestinationLabel, settings } from '../../host/settings';
import { UserError, type Log } from '../../host/util';
import { resolveCredentialSet } from '../../host/credentialStore';
import { workspaceConvention } from './copySendingCode';
import { AwsStepError, pickAwsPlace, withAws, type AwsPlace } from './secretImport';
import type { WriteSecretResult } from '../../engines/aws/secrets';
import type { CredentialSet } from '../../base/credentialSets';
import { describeMapping } from './secretImportValue';
import type { CredentialStore } from '../../host/credentialStore';

const t = vscode.l10n.t;

import type { ExportSecretArgs } from './args';

export interface ExportSecretResult {
  arn: string;
  name: string;
  created: boolean;
  keys: SecretMapping;
}

function named<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof SecretNameError) throw new UserError(err.message);
    throw err;
  }
}

const validator =
  (check: (v: string) => string, optional = false) =>
  (v: string) => {
    if (optional && !v.trim()) return undefined;
    try {
      check(v);
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  };

export async function exportToSecretsManager(
  log: Log,
  store: CredentialStore,
  calls: FeatureCalls,
  raw: ExportSecretArgs | undefined,
  call: CallContext,
): Promise<ExportSecretResult | undefined> {
  const title = t('Export SMTP Credential Set to Secrets Manager');
  // A plain object was checked by registerCommand against exportSecretsManagerSchema ("keys": the JSON
  // key of each field, or "convention" for a .env convention's keys; "overwrite": replace an existing
  // secret's value without asking); the view's row passes its CredentialNode, with none of these.
  const args: ExportSecretArgs = raw ?? {};
  const programmatic = raw !== undefined && Object.getPrototypeOf(raw) === Object.prototype;
  const set = await resolveCredentialSet(store, raw, title, calls);
  if (!set) return undefined;
  const linked = set.linkedSecret?.service === 'secretsmanager' ? set.linkedSecret : undefined;
  const place = await pickAwsPlace(
    { profile: args.profile, region: args.region ?? (programmatic ? (linked?.region ?? set.region) : undefined) },
    programmatic,
    title,
  );
  if (!place) return undefined;
  const name = await askSecretName(args, programmatic, linked?.name ?? defaultSecretName(set.name), place, title);
  if (name === undefined) return undefined;
  const kms = await askKmsKey(args, programmatic, title);
  if (!kms) return undefined;
  const { kmsKeyId } = kms;
  const keys = await chooseKeys(args, linked?.keys, programmatic, title);
  if (!keys) return undefined;
  if (!(await consentTo(call, exportEffect(set, name, place, args.overwrite === true, kmsKeyId)))) return undefined;
  const password = await store.requirePassword(set);
  const value = buildSecretJson(keys, {
    username: set.username,
    password,
    host: set.host ?? smtpHostForRegion(set.region ?? 'us-east-1'),
    port: set.port,
    region: set.region,
    from: set.from,
  });
  const written = await writeAsked(set, { name, value, kmsKeyId }, place, args.overwrite === true, programmatic);
  if (!written) return undefined;
  await store.linkSecret(set.id, {
    service: 'secretsmanager',
    arn: written.arn,
    name: written.name,
    region: place.region,
    profile: place.profile,
    keys,
  });
  log.info(
    `${written.created ? 'Created' : 'Updated'} the secret ${written.arn} with "${set.name}" (keys ${describeMapping(keys)}${kmsKeyId ? `, KMS key ${kmsKeyId}` : ''}).`,
  );
  if (!programmatic)
    void vscode.window.showInformationMessage(
      written.created
        ? t('Created the secret "{0}" with the credentials of "{1}".', written.name, set.name)
        : t('Updated the secret "{0}" with the credentials of "{1}".', written.name, set.name),
    );
  return { arn: written.arn, name: written.name, created: written.created, keys };
}

/** The secret's name: given; with an argument object, the linked secret's or the default; else asked. */
async function askSecretName(
  args: ExportSecretArgs,
  programmatic: boolean,
  suggested: string,
  place: AwsPlace,
  title: string,
): Promise<string | undefined> {
  let secretName = args.secretName;
  if (secretName === undefined && programmatic) secretName = suggested;
  secretName ??= await vscode.window.showInputBox({
    title,
    prompt: t('Name of the secret to create or update in {0}. {1}', place.region, awsDestinationLabel()),
    value: suggested,
    ignoreFocusOut: true,
    validateInput: validator(checkSecretName),
  });
  if (secretName === undefined) return undefined;
  return named(() => checkSecretName(secretName));
}

/** The KMS key: given, else asked in our own UI (empty: the account default); undefined when cancelled. */
async function askKmsKey(
  args: ExportSecretArgs,
  programmatic: boolean,
  title: string,
): Promise<{ kmsKeyId: string | undefined } | undefined> {
  let kms = args.kmsKeyId;
  if (kms === undefined && !programmatic) {
    kms = await vscode.window.showInputBox({
      title,
      prompt: t('KMS key to encrypt the secret with (optional): key id, alias/name or ARN'),
      placeHolder: t('empty: the account default key (aws/secretsmanager)'),
      ignoreFocusOut: true,
      validateInput: validator(checkKmsKeyId, true),
    });
    if (kms === undefined) return undefined;
  }
  return { kmsKeyId: kms?.trim() ? named(() => checkKmsKeyId(kms)) : undefined };
}

/** The export as a caller's consent dialog describes it. */
function exportEffect(
  set: CredentialSet,
  name: string,
  place: AwsPlace,
  overwrite: boolean,
  kmsKeyId: string | undefined,
): { summary: string; detail: string; action: string } {
  return {
    summary: t('Export the SMTP password of "{0}" to AWS Secrets Manager as {1} ({2})', set.name, name, place.region),
    detail: [
      t(
        'AWS credentials: profile {0}. Endpoint: {1}.',
        place.profile ?? t('default chain'),
        settings().awsEndpoint ?? 'AWS',
      ),
      overwrite
        ? t("If the secret {0} already exists, its value is REPLACED with this set's login.", name)
        : t('If the secret {0} already exists, nothing is replaced.', name),
      kmsKeyId ? t('Encrypted with the KMS key {0}.', kmsKeyId) : '',
    ]
      .filter(Boolean)
      .join('\n'),
    action: t('Export'),
  };
}

/**
 * Writes the secret; an existing one is replaced only with overwrite, or when the user agrees in our
 * own UI (an argument object without overwrite gets an error). undefined: cancelled.
 */
async function writeAsked(
  set: CredentialSet,
  secret: { name: string; value: string; kmsKeyId: string | undefined },
  place: AwsPlace,
  overwrite: boolean,
  programmatic: boolean,
): Promise<WriteSecretResult | undefined> {
  const { name } = secret;
  const aws = loadAws();
  aws.forgetCredentials();
  const client = aws.secretsManagerClient({ ...place, endpoint: settings().awsEndpoint });
  const description = 'SES SMTP credentials (exported by SES SMTP Toolkit)';
  try {
    const write = (replace: boolean) =>
      withAws(t('Writing the secret {0}…', name), (signal) =>
        aws.writeSecret(client, { ...secret, description, overwrite: replace, signal }),
      );
    try {
      return await write(overwrite);
    } catch (err) {
      if (!(err instanceof AwsStepError) || err.code !== 'SecretExists') throw err;
      if (programmatic) throw new UserError(t('{0} Pass "overwrite": true to replace its value.', err.message));
      const replace = t('Replace Its Value');
      const answer = await vscode.window.showWarningMessage(
        t('The secret "{0}" already exists in {1}. Replace its value with "{2}"?', name, place.region, set.name),
        {
          modal: true,
          detail: `${t('Secrets Manager keeps the previous value as the AWSPREVIOUS version.')}\n\n${awsDestinationLabel()}`,
        },
        replace,
      );
      if (answer !== replace) return undefined;
      return await write(true);
    }
  } finally {
    client.destroy();
  }
}

/** The JSON keys: given, the linked secret's, or picked (default, the workspace's .env convention, others). */
async function chooseKeys(
  args: ExportSecretArgs,
  linkedKeys: SecretMapping | undefined,
  programmatic: boolean,
  title: string,
): Promise<SecretMapping | undefined> {
  if (args.keys) return named(() => checkExportKeys(args.keys!));
  const all = conventions();
  const byConvention = (id: string): SecretMapping => {
    const convention = all.find((c) => c.id === id);
    if (!convention)
      throw new UserError(t('"{0}" is not a .env convention; use one of {1}.', id, all.map((c) => c.id).join(', ')));
    const keys = conventionExportKeys(convention);
    if (!keys)
      throw new UserError(t('The {0} convention has no separate username and password keys.', convention.label));
    return keys;
  };
  if (args.convention) return byConvention(args.convention);
  if (programmatic) return linkedKeys ?? { ...DEFAULT_EXPORT_KEYS };
  const fromWorkspace = await workspaceConvention();
  type Item = vscode.QuickPickItem & { keys: SecretMapping };
  const item = (label: string, keys: SecretMapping, description?: string): Item => ({
    label,
    description,
    detail: describeMapping(keys),
    keys,
  });
  const items: Item[] = [];
  if (linkedKeys) items.push(item(t('Keys of the linked secret'), linkedKeys));
  items.push(item(t('Default keys'), { ...DEFAULT_EXPORT_KEYS }, 'SMTP_USERNAME, SMTP_PASSWORD, …'));
  for (const c of all) {
    const keys = conventionExportKeys(c);
    if (!keys) continue;
    const entry = item(
      c.label,
      keys,
      c.id === fromWorkspace ? t('$(check) the convention of this workspace’s .env') : undefined,
    );
    if (c.id === fromWorkspace) items.unshift(entry);
    else items.push(entry);
  }
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: t('The JSON keys of the secret (your app reads them)'),
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return picked?.keys;
}
