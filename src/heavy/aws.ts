// Entry point of dist/aws.js: everything that pulls in the AWS SDK, required on first use.
import { IAMClient } from '@aws-sdk/client-iam';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
export { createSmtpUser, SmtpUserCreationError, consoleStyleUserName } from '../core/iam';

export interface AwsAccess {
  /** A profile from the shared files; undefined: the default chain (environment, SSO, files, …). */
  profile?: string;
  region: string;
  /** A custom endpoint (LocalStack, moto). */
  endpoint?: string;
}

function credentialsFor(access: AwsAccess): ReturnType<typeof fromNodeProviderChain> {
  return access.profile ? fromIni({ profile: access.profile }) : fromNodeProviderChain();
}

export function iamClient(access: AwsAccess): IAMClient {
  return new IAMClient({ region: access.region, credentials: credentialsFor(access), endpoint: access.endpoint || undefined, maxAttempts: 2 });
}

export * from '../core/ses';

export function sesClient(access: AwsAccess): SESv2Client {
  return new SESv2Client({ region: access.region, credentials: credentialsFor(access), endpoint: access.endpoint || undefined, maxAttempts: 2 });
}
