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

type Provider = ReturnType<typeof fromNodeProviderChain>;
type Identity = Awaited<ReturnType<Provider>>;

// One provider per profile, shared by every client, so the files (or SSO cache, or instance
// metadata) are read once and not once per region and call. Credentials close to expiry are
// fetched again; a failure is not remembered, so the next call tries again.
const providers = new Map<string, Provider>();

function credentialsFor(access: AwsAccess): Provider {
  const key = access.profile ?? '';
  let provider = providers.get(key);
  if (!provider) {
    const base = access.profile ? fromIni({ profile: access.profile }) : fromNodeProviderChain();
    let cached: Promise<Identity> | undefined;
    const fetch = (): Promise<Identity> => {
      const p = base();
      p.catch(() => cached === p && (cached = undefined));
      return (cached = p);
    };
    provider = async () => {
      const identity = await (cached ?? fetch());
      return identity.expiration && identity.expiration.getTime() - Date.now() < 5 * 60_000 ? fetch() : identity;
    };
    providers.set(key, provider);
  }
  return provider;
}

/** Forget what was read, e.g. after `aws sso login` or an edit of the credentials file. */
export function forgetCredentials(): void {
  providers.clear();
}

/** Whether the profile (or the default chain) yields credentials, and if not, why. */
export async function checkCredentials(profile: string | undefined): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await credentialsFor({ profile, region: 'us-east-1' })();
    return { ok: true };
  } catch (err) {
    // Nothing found, an SSO session that expired, a credential_process that fails: the same for
    // every region, so it is said once (the explorer's welcome view), not per region.
    const e = err as Error;
    return { ok: false, reason: profile ? `The profile "${profile}" has no usable credentials: ${e.message}` : `No AWS credentials were found (environment, shared files, SSO, instance role): ${e.message}` };
  }
}

export function iamClient(access: AwsAccess): IAMClient {
  return new IAMClient({ region: access.region, credentials: credentialsFor(access), endpoint: access.endpoint || undefined, maxAttempts: 2 });
}

export * from '../core/ses';

export function sesClient(access: AwsAccess): SESv2Client {
  return new SESv2Client({ region: access.region, credentials: credentialsFor(access), endpoint: access.endpoint || undefined, maxAttempts: 2 });
}
