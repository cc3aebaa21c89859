// Entry point of dist/aws.js: everything that pulls in the AWS SDK, required on first use.
import { IAMClient } from '@aws-sdk/client-iam';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
export { createSmtpUser, SmtpUserCreationError, consoleStyleUserName } from '../core/iam';

export interface AwsAccess {
  /** A profile from the shared files; undefined: the default chain (environment, SSO, files, …). */
  profile?: string;
  region: string;
  /** A custom endpoint (LocalStack, moto). */
  endpoint?: string;
}

export function iamClient(access: AwsAccess): IAMClient {
  const credentials = access.profile ? fromIni({ profile: access.profile }) : fromNodeProviderChain();
  return new IAMClient({ region: access.region, credentials, endpoint: access.endpoint || undefined, maxAttempts: 2 });
}

export * from '../core/ses';

export function sesClient(access: AwsAccess): import('@aws-sdk/client-sesv2').SESv2Client {
  // Required here, inside the bundle that is loaded on first use.
  const { SESv2Client } = require('@aws-sdk/client-sesv2') as typeof import('@aws-sdk/client-sesv2');
  const credentials = access.profile ? fromIni({ profile: access.profile }) : fromNodeProviderChain();
  return new SESv2Client({ region: access.region, credentials, endpoint: access.endpoint || undefined, maxAttempts: 2 });
}
