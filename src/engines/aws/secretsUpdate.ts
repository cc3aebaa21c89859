// Reading and rewriting the secret linked to a credential set when its key is rotated: Secrets
// Manager (GetSecretValue, then PutSecretValue: a new AWSCURRENT version under the secret's own KMS
// key) and SSM Parameter Store (GetParameter decrypted and DescribeParameters for its type and KMS
// key, then PutParameter Overwrite with the same type and key). Values go to AWS only: an error
// names the call and the fix, never a value (a value sent is cut from AWS's message).
import { PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { getParameterText, getSecretText, sendSecretsCommand as call } from './secrets';
import { expectObject, expectOptionalObject, expectString } from '../../base/guards';

type Sender = Parameters<typeof call>[0];

export interface StoredValue {
  value: string;
  /** SSM: the parameter's type and KMS key, written back as they were. */
  type?: string;
  kmsKeyId?: string;
}

/** The secret's current text (a binary secret is refused). */
export async function readSecretForUpdate(
  client: Pick<SecretsManagerClient, 'send'>,
  secretId: string,
  signal?: AbortSignal,
): Promise<StoredValue> {
  expectObject(client, 'readSecretForUpdate', 'client');
  expectString(secretId, 'readSecretForUpdate', 'secretId');
  expectOptionalObject(signal, 'readSecretForUpdate', 'signal');
  return { value: (await getSecretText(client, secretId, signal)).value };
}

/** Puts a new current value into an existing secret. */
export async function putSecretText(
  client: Pick<SecretsManagerClient, 'send'>,
  secretId: string,
  value: string,
  signal?: AbortSignal,
): Promise<void> {
  expectObject(client, 'putSecretText', 'client');
  expectString(secretId, 'putSecretText', 'secretId');
  expectString(value, 'putSecretText', 'value');
  expectOptionalObject(signal, 'putSecretText', 'signal');
  await call(
    client as Sender,
    new PutSecretValueCommand({ SecretId: secretId, SecretString: value }),
    `Writing the secret "${secretId.slice(0, 200)}"`,
    signal,
    value,
  );
}

/** The parameter's decrypted value, its type and (SecureString) its KMS key. */
export async function readParameterForUpdate(
  client: Pick<SSMClient, 'send'>,
  name: string,
  signal?: AbortSignal,
): Promise<StoredValue> {
  expectObject(client, 'readParameterForUpdate', 'client');
  expectString(name, 'readParameterForUpdate', 'name');
  expectOptionalObject(signal, 'readParameterForUpdate', 'signal');
  const read = await getParameterText(client, name, signal);
  const described = await call<{ Parameters?: Array<{ Name?: string; KeyId?: string; Type?: string }> }>(
    client as Sender,
    new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: [read.name] }] }),
    `Describing the parameter "${read.name.slice(0, 200)}"`,
    signal,
  );
  const meta = described.Parameters?.find((p) => p.Name === read.name);
  return { value: read.value, type: meta?.Type ?? read.type, kmsKeyId: meta?.KeyId };
}

/** Overwrites the parameter's value, keeping its type and KMS key. */
export async function putParameterText(
  client: Pick<SSMClient, 'send'>,
  name: string,
  value: string,
  kept: { type?: string; kmsKeyId?: string },
  signal?: AbortSignal,
): Promise<void> {
  expectObject(client, 'putParameterText', 'client');
  expectString(name, 'putParameterText', 'name');
  expectString(value, 'putParameterText', 'value');
  expectObject(kept, 'putParameterText', 'kept');
  expectOptionalObject(signal, 'putParameterText', 'signal');
  const type = (kept.type ?? 'SecureString') as 'SecureString' | 'String' | 'StringList';
  await call(
    client as Sender,
    new PutParameterCommand({
      Name: name,
      Value: value,
      Type: type,
      KeyId: type === 'SecureString' ? kept.kmsKeyId : undefined,
      Overwrite: true,
    }),
    `Writing the parameter "${name.slice(0, 200)}"`,
    signal,
    value,
  );
}
