// AWS Secrets Manager and SSM Parameter Store calls for importing and exporting SMTP credentials.
// Values are returned to the caller and sent to AWS, never put in an error: a failure is
// described by its AWS error name with the fix, and AWS's own message is kept only when it cannot
// hold the value (AWS does not echo secret values in errors).
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  UpdateSecretCommand,
  type Filter,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { SecretsAccessError, describeSecretsError, errorName } from './secretsErrors';
import { expectObject, expectOptionalObject, expectString } from '../../base/guards';
import { makeRedactor } from '../smtp/redact';

type Sender = { send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown> };

/** Secrets listed at most (ten pages of 100). */
export const MAX_LISTED_SECRETS = 1000;

export interface SecretSummary {
  name: string;
  arn: string;
  description?: string;
  lastChanged?: Date;
}

export interface ListSecretsResult {
  secrets: SecretSummary[];
  /** More secrets matched than were listed. */
  truncated: boolean;
}

async function call<T>(
  client: Sender,
  command: unknown,
  what: string,
  signal?: AbortSignal,
  /** A value sent in the request: cut out of AWS's message, should it be echoed there. */
  sent?: string,
): Promise<T> {
  try {
    return (await client.send(command as never, { abortSignal: signal })) as T;
  } catch (err) {
    const described = describeSecretsError(err, what);
    if (!sent) throw described;
    // The project's one masking function: the value raw, JSON-escaped, URL-encoded, base64, …
    const masked = makeRedactor([sent])(described.message);
    if (masked !== described.message) throw new SecretsAccessError(masked, described.code);
    throw described;
  }
}

/** Sends one Secrets Manager or SSM command; errors described, a value sent cut from AWS's message. */
export const sendSecretsCommand = call;

/** The secrets whose name, description or tags contain `filter` (all when empty); names only. */
export async function listSecrets(
  client: Pick<SecretsManagerClient, 'send'>,
  options: { filter?: string; max?: number; signal?: AbortSignal } = {},
): Promise<ListSecretsResult> {
  expectObject(client, 'listSecrets', 'client');
  expectOptionalObject(options, 'listSecrets', 'options');
  const max = Math.min(options.max ?? MAX_LISTED_SECRETS, MAX_LISTED_SECRETS);
  const filter = options.filter?.trim();
  const Filters: Filter[] | undefined = filter ? [{ Key: 'all', Values: [filter.slice(0, 512)] }] : undefined;
  const secrets: SecretSummary[] = [];
  let NextToken: string | undefined;
  do {
    const page = await call<{
      SecretList?: Array<{ Name?: string; ARN?: string; Description?: string; LastChangedDate?: Date }>;
      NextToken?: string;
    }>(
      client as Sender,
      new ListSecretsCommand({ MaxResults: 100, NextToken, Filters, SortOrder: 'asc' }),
      'Listing the secrets',
      options.signal,
    );
    for (const s of page.SecretList ?? []) {
      if (!s.Name || !s.ARN) continue;
      secrets.push({ name: s.Name, arn: s.ARN, description: s.Description, lastChanged: s.LastChangedDate });
    }
    NextToken = page.NextToken;
  } while (NextToken && secrets.length < max);
  return { secrets: secrets.slice(0, max), truncated: Boolean(NextToken) || secrets.length > max };
}

export interface SecretText {
  arn: string;
  name: string;
  value: string;
}

/** A secret's current text value. A binary secret is refused (SMTP credentials are text). */
export async function getSecretText(
  client: Pick<SecretsManagerClient, 'send'>,
  secretId: string,
  signal?: AbortSignal,
): Promise<SecretText> {
  expectObject(client, 'getSecretText', 'client');
  expectString(secretId, 'getSecretText', 'secretId');
  expectOptionalObject(signal, 'getSecretText', 'signal');
  const out = await call<{ ARN?: string; Name?: string; SecretString?: string; SecretBinary?: Uint8Array }>(
    client as Sender,
    new GetSecretValueCommand({ SecretId: secretId }),
    `Reading the secret "${secretId.slice(0, 200)}"`,
    signal,
  );
  if (out.SecretString === undefined) {
    throw new SecretsAccessError(
      `The secret "${out.Name ?? secretId}" holds binary data, not text. ` +
        'Store the SMTP credentials as a text or JSON secret.',
      'BinarySecret',
    );
  }
  return { arn: out.ARN ?? secretId, name: out.Name ?? secretId, value: out.SecretString };
}

export interface ParameterText extends SecretText {
  type: 'SecureString' | 'String' | 'StringList';
}

/** An SSM parameter's value, decrypted when it is a SecureString. */
export async function getParameterText(
  client: Pick<SSMClient, 'send'>,
  name: string,
  signal?: AbortSignal,
): Promise<ParameterText> {
  expectObject(client, 'getParameterText', 'client');
  expectString(name, 'getParameterText', 'name');
  expectOptionalObject(signal, 'getParameterText', 'signal');
  const out = await call<{ Parameter?: { ARN?: string; Name?: string; Value?: string; Type?: string } }>(
    client as Sender,
    new GetParameterCommand({ Name: name, WithDecryption: true }),
    `Reading the parameter "${name.slice(0, 200)}"`,
    signal,
  );
  const p = out.Parameter;
  if (!p || p.Value === undefined)
    throw new SecretsAccessError(`The parameter "${name}" has no value.`, 'ParameterNotFound');
  return {
    arn: p.ARN ?? name,
    name: p.Name ?? name,
    value: p.Value,
    type: (p.Type ?? 'String') as ParameterText['type'],
  };
}

export interface WriteSecretOptions {
  name: string;
  /** The JSON text; sent to AWS only. */
  value: string;
  kmsKeyId?: string;
  description?: string;
  /** Replace the value of a secret that exists; otherwise an existing secret is an error (SecretExists). */
  overwrite: boolean;
  signal?: AbortSignal;
}

export interface WriteSecretResult {
  arn: string;
  name: string;
  created: boolean;
  versionId?: string;
}

/** Whether a secret exists (its ARN), without reading its value. */
export async function describeSecret(
  client: Pick<SecretsManagerClient, 'send'>,
  secretId: string,
  signal?: AbortSignal,
): Promise<{ arn: string; name: string; kmsKeyId?: string } | undefined> {
  expectObject(client, 'describeSecret', 'client');
  expectString(secretId, 'describeSecret', 'secretId');
  expectOptionalObject(signal, 'describeSecret', 'signal');
  try {
    const out = (await client.send(new DescribeSecretCommand({ SecretId: secretId }), { abortSignal: signal })) as {
      ARN?: string;
      Name?: string;
      KmsKeyId?: string;
      DeletedDate?: Date;
    };
    if (out.DeletedDate)
      throw new SecretsAccessError(
        `The secret "${secretId}" is scheduled for deletion. Restore it in the AWS console, or choose another name.`,
        'InvalidRequestException',
      );
    return { arn: out.ARN ?? secretId, name: out.Name ?? secretId, kmsKeyId: out.KmsKeyId };
  } catch (err) {
    if (err instanceof SecretsAccessError) throw err;
    if (errorName(err) === 'ResourceNotFoundException') return undefined;
    throw describeSecretsError(err, `Looking up the secret "${secretId.slice(0, 200)}"`);
  }
}

/** Creates the secret, or (overwrite) puts a new value in the existing one (and its KMS key, if given). */
export async function writeSecret(
  client: Pick<SecretsManagerClient, 'send'>,
  options: WriteSecretOptions,
): Promise<WriteSecretResult> {
  expectObject(client, 'writeSecret', 'client');
  expectObject(options, 'writeSecret', 'options');
  const existing = await describeSecret(client, options.name, options.signal);
  const what = `Writing the secret "${options.name.slice(0, 200)}"`;
  if (!existing) {
    const out = await call<{ ARN?: string; Name?: string; VersionId?: string }>(
      client as Sender,
      new CreateSecretCommand({
        Name: options.name,
        SecretString: options.value,
        KmsKeyId: options.kmsKeyId || undefined,
        Description: options.description,
      }),
      what,
      options.signal,
      options.value,
    ).catch((err: unknown) => {
      throw kmsHint(err, options.kmsKeyId);
    });
    return { arn: out.ARN ?? options.name, name: out.Name ?? options.name, created: true, versionId: out.VersionId };
  }
  if (!options.overwrite) {
    throw new SecretsAccessError(
      `The secret "${existing.name}" already exists. Confirm to replace its value, or choose another name.`,
      'SecretExists',
    );
  }
  if (options.kmsKeyId && options.kmsKeyId !== existing.kmsKeyId) {
    const out = await call<{ VersionId?: string }>(
      client as Sender,
      new UpdateSecretCommand({ SecretId: existing.arn, KmsKeyId: options.kmsKeyId, SecretString: options.value }),
      what,
      options.signal,
      options.value,
    ).catch((err: unknown) => {
      throw kmsHint(err, options.kmsKeyId);
    });
    return { arn: existing.arn, name: existing.name, created: false, versionId: out.VersionId };
  }
  const out = await call<{ VersionId?: string }>(
    client as Sender,
    new PutSecretValueCommand({ SecretId: existing.arn, SecretString: options.value }),
    what,
    options.signal,
    options.value,
  );
  return { arn: existing.arn, name: existing.name, created: false, versionId: out.VersionId };
}

function kmsHint(err: unknown, kmsKeyId: string | undefined): unknown {
  if (!kmsKeyId || !(err instanceof SecretsAccessError)) return err;
  if (/^KMS|kms/i.test(err.code) || /kms/i.test(err.message))
    return new SecretsAccessError(
      `${err.message} Check that the KMS key "${kmsKeyId}" exists in this region and that you may use it ` +
        '(kms:GenerateDataKey, kms:Decrypt), or leave the key empty for the account default.',
      err.code,
    );
  return err;
}
