// Entry point of dist/aws.js: everything that pulls in the AWS SDK, required on first use.
import { IAMClient } from '@aws-sdk/client-iam';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { TrackingClients } from '../aws/tracking';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { getHomeDir, loadSharedConfigFiles } from '@smithy/core/config';
import path from 'node:path';
import { profilesFromFiles, type AwsProfile } from '../aws/profiles';
import { cachedProvider, describeCredentialError } from '../aws/credentialCache';
export { createSmtpUser, SmtpUserCreationError, consoleStyleUserName } from '../aws/iam';
export { iamKeyPort, keyAgeOf } from '../aws/iamKeys';
export { listUserAccessKeys, IamLookupError, type AccessKeyRow } from '../aws/iamKeyLookup';
import { doctorAwsFrom } from '../doctor/awsPorts';
import type { DoctorAws } from '../doctor/types';
import { expectObject } from '../../base/guards';

export interface AwsAccess {
  /** A profile from the shared files; undefined: the default chain (environment, SSO, files, …). */
  profile?: string;
  region: string;
  /** A custom endpoint (LocalStack, moto). */
  endpoint?: string;
}

type Provider = ReturnType<typeof fromNodeProviderChain>;

// One provider per profile, shared by every client of every region, so the files (or SSO cache,
// instance metadata, a credential_process, a role's AssumeRole) are read once a minute, not once
// per region: the explorer's credential check resolves it and its 17 regions reuse the answer.
// A role or SSO profile gets the first caller's region for its STS/SSO call; the credentials it
// returns are valid in every region.
const providers = new Map<string, Provider>();

function credentialsFor(access: AwsAccess): Provider {
  const key = access.profile ?? '';
  let provider = providers.get(key);
  if (!provider) {
    // ignoreCache: the files are read again on each (cached) fetch, so edits are picked up.
    provider = cachedProvider(
      access.profile
        ? fromIni({ profile: access.profile, ignoreCache: true })
        : fromNodeProviderChain({ ignoreCache: true }),
    );
    providers.set(key, provider);
  }
  return provider;
}

/** Forget what was read, e.g. after `aws sso login` or an edit of the credentials file. */
export function forgetCredentials(): void {
  providers.clear();
}

/** Whether the profile (or the default chain) yields credentials in the region, and if not, why. */
export async function checkCredentials(
  profile: string | undefined,
  region = 'us-east-1',
): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await credentialsFor({ profile, region })();
    return { ok: true };
  } catch (err) {
    // Nothing found, an SSO session that expired, a credential_process that fails: the same for
    // every region, so it is said once (the explorer's welcome view), not per region.
    const why = describeCredentialError(err);
    return {
      ok: false,
      reason: profile
        ? `The profile "${profile}" has no usable credentials: ${why}`
        : `No AWS credentials were found (environment, shared files, SSO, instance role): ${why}`,
    };
  }
}

/**
 * Every AWS call has a deadline: a connection that does not open in 10 s or an answer that does not
 * come in 30 s is an error the user sees (an unreachable endpoint would otherwise wait for the
 * operating system's TCP timeout, minutes later). Calls also take the caller's abort signal.
 */
const AWS_TIMEOUTS = { connectionTimeout: 10_000, requestTimeout: 30_000 };

/** The settings every client of one access shares: region, the profile's credentials, endpoint, deadlines. */
function clientConfig(access: AwsAccess) {
  return {
    region: access.region,
    credentials: credentialsFor(access),
    endpoint: access.endpoint || undefined,
    maxAttempts: 2,
    requestHandler: AWS_TIMEOUTS,
  };
}

export function iamClient(access: AwsAccess): IAMClient {
  expectObject(access, 'iamClient', 'access');
  return new IAMClient(clientConfig(access));
}

export * from '../aws/ses';
export * from '../aws/secrets';
export { SecretsAccessError, describeSecretsError } from '../aws/secretsErrors';
export * from '../aws/secretsUpdate';

/** Secrets Manager in a region (import and export of SMTP credentials). */
export function secretsManagerClient(access: AwsAccess): SecretsManagerClient {
  expectObject(access, 'secretsManagerClient', 'access');
  return new SecretsManagerClient(clientConfig(access));
}

/** SSM Parameter Store in a region (SecureString import). */
export function ssmClient(access: AwsAccess): SSMClient {
  expectObject(access, 'ssmClient', 'access');
  return new SSMClient(clientConfig(access));
}
export * from '../aws/configSets';
export * from '../aws/tenants';
export * from '../aws/tracking';
export * from '../aws/insights';

/** SNS, SQS and SES clients of one access, for delivery tracking; destroy() closes all three. */
export function trackingClients(access: AwsAccess): TrackingClients & { destroy(): void } {
  expectObject(access, 'trackingClients', 'access');
  const sns = new SNSClient(clientConfig(access));
  // The long poll waits up to 20 s; the deadline leaves it room.
  const sqs = new SQSClient({ ...clientConfig(access), requestHandler: { ...AWS_TIMEOUTS, requestTimeout: 40_000 } });
  const ses = new SESv2Client(clientConfig(access));
  return {
    sns,
    sqs,
    ses,
    destroy: () => {
      sns.destroy();
      sqs.destroy();
      ses.destroy();
    },
  };
}

export function sesClient(access: AwsAccess): SESv2Client {
  expectObject(access, 'sesClient', 'access');
  return new SESv2Client(clientConfig(access));
}

/**
 * The AWS profiles fromIni can resolve, read with the SDK's own loader (the one fromIni uses):
 * AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE or ~/.aws/config and ~/.aws/credentials, read
 * afresh on each call. A file that is missing or that the SDK refuses counts as empty, as for
 * the SDK.
 */
export async function readAwsProfiles(env: NodeJS.ProcessEnv = process.env): Promise<AwsProfile[]> {
  const home = env === process.env ? getHomeDir() : env.HOME || env.USERPROFILE || getHomeDir();
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    configFilepath: env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
    filepath: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
    ignoreCache: true,
  });
  return profilesFromFiles(configFile, credentialsFile);
}

/**
 * The SES SMTP Doctor's AWS calls (STS, IAM, SESv2) for a profile; `access.region` is where STS is
 * asked and the SES clients of other regions share the profile's credentials.
 */
export function doctorAws(access: AwsAccess): DoctorAws {
  expectObject(access, 'doctorAws', 'access');
  const ses = new Map<string, SESv2Client>();
  return doctorAwsFrom({
    iam: iamClient(access),
    ses: (region) => {
      let client = ses.get(region);
      if (!client) ses.set(region, (client = sesClient({ ...access, region })));
      return client;
    },
    sts: { region: access.region, endpoint: access.endpoint, credentials: credentialsFor(access) },
  });
}
