// SES (v2 API) behind small functions: identities page by page, identity details (verification,
// DKIM, MAIL FROM), the account (sandbox, quota), create/delete identity, and an all-region scan
// with bounded concurrency where each region reports as soon as it answers.
import { isOptInRegion } from '../../base/regions';
import { describeCredentialError } from './credentialCache';
import {
  CreateEmailIdentityCommand,
  DeleteEmailIdentityCommand,
  GetAccountCommand,
  GetConfigurationSetCommand,
  GetEmailIdentityCommand,
  ListEmailIdentitiesCommand,
  PutEmailIdentityDkimSigningAttributesCommand,
  type SESv2Client,
} from '@aws-sdk/client-sesv2';
import { parseDkimOrigin, type DkimKeyLength } from '../dns/dkim';
import { planDkimKeyUpgrade, type DkimKeyUpgradePlan } from '../dns/dkimDisplay';
import {
  expectFunction,
  expectList,
  expectNumber,
  expectObject,
  expectOptionalFunction,
  expectOptionalNumber,
  expectOptionalObject,
  expectOptionalString,
  expectString,
} from '../../base/guards';

export type SesSender = Pick<SESv2Client, 'send'>;

export type IdentityStatus = 'PENDING' | 'SUCCESS' | 'FAILED' | 'TEMPORARY_FAILURE' | 'NOT_STARTED';

export interface IdentitySummary {
  name: string;
  type: 'EMAIL_ADDRESS' | 'DOMAIN' | 'MANAGED_DOMAIN';
  sendingEnabled: boolean;
  verificationStatus?: IdentityStatus;
}

export interface IdentityPage {
  identities: IdentitySummary[];
  nextToken?: string;
}

export interface IdentityDetails extends IdentitySummary {
  dkimStatus?: IdentityStatus;
  dkimTokens: string[];
  dkimSigningEnabled?: boolean;
  /** SigningAttributesOrigin: AWS_SES (Easy DKIM), EXTERNAL (BYODKIM), AWS_SES_<REGION> (Deterministic Easy DKIM). */
  dkimOrigin?: string;
  /** Deterministic Easy DKIM: the region of the parent identity this one replicates (e.g. us-east-1). */
  dkimParentRegion?: string;
  /** SigningHostedZone: the zone the Easy DKIM CNAMEs point into; absent in older answers. */
  dkimSigningHostedZone?: string;
  dkimCurrentKeyLength?: DkimKeyLength;
  dkimNextKeyLength?: DkimKeyLength;
  dkimLastKeyGeneration?: Date;
  mailFromDomain?: string;
  mailFromStatus?: IdentityStatus;
}

export type AccountInfo =
  | {
      available: true;
      sandbox: boolean;
      sendingEnabled: boolean;
      enforcementStatus?: string;
      max24HourSend?: number;
      maxSendRate?: number;
      sentLast24Hours?: number;
      /** Auto Validation of recipients at the account level (absent: not reported). */
      autoValidation?: { enabled: boolean; threshold?: string };
    }
  | { available: false; reason: string };

/** One page of identities. pageSize undefined: the service's default page. */
export async function listIdentitiesPage(ses: SesSender, nextToken?: string, pageSize?: number): Promise<IdentityPage> {
  expectObject(ses, 'listIdentitiesPage', 'ses');
  expectOptionalString(nextToken, 'listIdentitiesPage', 'nextToken');
  expectOptionalNumber(pageSize, 'listIdentitiesPage', 'pageSize');
  const out = await ses.send(new ListEmailIdentitiesCommand({ NextToken: nextToken, PageSize: pageSize }));
  return {
    identities: (out.EmailIdentities ?? []).map((i) => ({
      name: i.IdentityName ?? '',
      type: (i.IdentityType ?? 'EMAIL_ADDRESS') as IdentitySummary['type'],
      sendingEnabled: Boolean(i.SendingEnabled),
      verificationStatus: i.VerificationStatus as IdentityStatus | undefined,
    })),
    nextToken: out.NextToken || undefined,
  };
}

/** Every identity, following NextToken; stops at `limit` as a guard. */
export async function listAllIdentities(
  ses: SesSender,
  options: { pageSize?: number; limit?: number; signal?: AbortSignal } = {},
): Promise<IdentitySummary[]> {
  expectObject(ses, 'listAllIdentities', 'ses');
  expectOptionalObject(options, 'listAllIdentities', 'options');
  const all: IdentitySummary[] = [];
  let token: string | undefined;
  do {
    if (options.signal?.aborted) throw new Error('cancelled');
    const page = await listIdentitiesPage(ses, token, options.pageSize);
    all.push(...page.identities);
    token = page.nextToken;
  } while (token && all.length < (options.limit ?? 100_000));
  return all;
}

export async function getIdentityDetails(ses: SesSender, name: string): Promise<IdentityDetails> {
  expectObject(ses, 'getIdentityDetails', 'ses');
  expectString(name, 'getIdentityDetails', 'name');
  const out = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: name }));
  const dkim = out.DkimAttributes;
  return {
    name,
    type: (out.IdentityType ?? (name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN')) as IdentitySummary['type'],
    sendingEnabled: Boolean(out.VerifiedForSendingStatus),
    verificationStatus: out.VerificationStatus as IdentityStatus | undefined,
    dkimStatus: out.DkimAttributes?.Status as IdentityStatus | undefined,
    dkimTokens: out.DkimAttributes?.Tokens ?? [],
    dkimSigningEnabled: out.DkimAttributes?.SigningEnabled,
    dkimOrigin: dkim?.SigningAttributesOrigin,
    dkimParentRegion: parseDkimOrigin(dkim?.SigningAttributesOrigin).parentRegion,
    dkimSigningHostedZone: dkim?.SigningHostedZone || undefined,
    dkimCurrentKeyLength: dkim?.CurrentSigningKeyLength,
    dkimNextKeyLength: dkim?.NextSigningKeyLength,
    dkimLastKeyGeneration: dkim?.LastKeyGenerationTimestamp,
    mailFromDomain: out.MailFromAttributes?.MailFromDomain,
    mailFromStatus: out.MailFromAttributes?.MailFromDomainStatus as IdentityStatus | undefined,
  };
}

/** The account in the client's region; an endpoint without GetAccount (moto) gives available: false. */
/** The account's Auto Validation setting, when GetAccount reports one. */
function autoValidationOf(
  threshold:
    | { ConditionThresholdEnabled?: string; OverallConfidenceThreshold?: { ConfidenceVerdictThreshold?: string } }
    | undefined,
): { autoValidation?: { enabled: boolean; threshold?: string } } {
  if (!threshold?.ConditionThresholdEnabled) return {};
  return {
    autoValidation: {
      enabled: threshold.ConditionThresholdEnabled === 'ENABLED',
      threshold: threshold.OverallConfidenceThreshold?.ConfidenceVerdictThreshold,
    },
  };
}

export async function getAccountInfo(ses: SesSender): Promise<AccountInfo> {
  expectObject(ses, 'getAccountInfo', 'ses');
  try {
    const a = await ses.send(new GetAccountCommand({}));
    return {
      available: true,
      sandbox: !a.ProductionAccessEnabled,
      sendingEnabled: Boolean(a.SendingEnabled),
      enforcementStatus: a.EnforcementStatus,
      max24HourSend: a.SendQuota?.Max24HourSend,
      maxSendRate: a.SendQuota?.MaxSendRate,
      sentLast24Hours: a.SendQuota?.SentLast24Hours,
      ...autoValidationOf(a.SuppressionAttributes?.ValidationAttributes?.ConditionThreshold),
    };
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode;
    if (
      status === 404 ||
      status === 501 ||
      /not (found|implemented)|Deserialization|UnknownOperation/i.test(`${e.name} ${e.message}`)
    ) {
      return { available: false, reason: 'this endpoint does not offer GetAccount' };
    }
    throw err;
  }
}

/**
 * A configuration set's own Auto Validation setting, which overrides the account's for mail sent
 * with the set (ENABLED with its threshold, or DISABLED); `autoValidation` absent: the set inherits
 * the account's. Undefined when the region has no such set.
 */
export async function getConfigurationSetAutoValidation(
  ses: SesSender,
  name: string,
): Promise<{ autoValidation?: { enabled: boolean; threshold?: string } } | undefined> {
  expectObject(ses, 'getConfigurationSetAutoValidation', 'ses');
  expectString(name, 'getConfigurationSetAutoValidation', 'name');
  try {
    const out = await ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: name }));
    return autoValidationOf(out.SuppressionOptions?.ValidationOptions?.ConditionThreshold);
  } catch (err) {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NotFoundException' || e.$metadata?.httpStatusCode === 404) return undefined;
    throw err;
  }
}

export class IdentityInputError extends Error {}

/** Creates a domain (Easy DKIM, RSA 2048) or an email address identity. */
export async function createIdentity(
  ses: SesSender,
  identity: string,
): Promise<{ name: string; type: 'DOMAIN' | 'EMAIL_ADDRESS'; dkimTokens: string[] }> {
  expectObject(ses, 'createIdentity', 'ses');
  expectString(identity, 'createIdentity', 'identity');
  const name = identity.trim().toLowerCase();
  const isEmail = name.includes('@');
  if (
    isEmail ? !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(name) : !/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(name)
  ) {
    throw new IdentityInputError(
      `"${identity.slice(0, 80)}" is neither a domain (example.com) nor an email address (noreply@example.com).`,
    );
  }
  const out = await ses.send(
    new CreateEmailIdentityCommand({
      EmailIdentity: name,
      DkimSigningAttributes: isEmail ? undefined : { NextSigningKeyLength: 'RSA_2048_BIT' },
    }),
  );
  return { name, type: isEmail ? 'EMAIL_ADDRESS' : 'DOMAIN', dkimTokens: out.DkimAttributes?.Tokens ?? [] };
}

export async function deleteIdentity(ses: SesSender, identity: string): Promise<void> {
  expectObject(ses, 'deleteIdentity', 'ses');
  expectString(identity, 'deleteIdentity', 'identity');
  await ses.send(new DeleteEmailIdentityCommand({ EmailIdentity: identity }));
}

export class DkimKeyUpgradeError extends Error {}

export interface DkimKeyUpgradeResult extends DkimKeyUpgradePlan {
  /** False when nothing was sent (already 2048-bit). */
  changed: boolean;
  /** What SES answered (tokens, signing zone) when a call was made. */
  dkimStatus?: IdentityStatus;
  dkimTokens?: string[];
  dkimSigningHostedZone?: string;
}

/**
 * Moves a domain's DKIM to 2048-bit keys, as its origin allows:
 * - Easy DKIM: PutEmailIdentityDkimSigningAttributes (AWS_SES, NextSigningKeyLength RSA_2048_BIT);
 *   SES makes the new key itself and the CNAMEs stay as they are.
 * - Bring Your Own DKIM: a new 2048-bit key pair is needed; with `byodkim` (the new private key and
 *   its selector) it is sent as EXTERNAL, and the result names the TXT to publish. Without it this
 *   throws a DkimKeyUpgradeError saying what to do: sending AWS_SES would drop the user's key.
 * - Deterministic Easy DKIM: the keys are the parent region's; this throws, naming that region.
 * SES allows one key length change a day.
 */
export async function upgradeDkimKeyTo2048(
  ses: SesSender,
  details: IdentityDetails,
  byodkim?: { selector: string; privateKey: string },
): Promise<DkimKeyUpgradeResult> {
  expectObject(ses, 'upgradeDkimKeyTo2048', 'ses');
  expectObject(details, 'upgradeDkimKeyTo2048', 'details');
  expectOptionalObject(byodkim, 'upgradeDkimKeyTo2048', 'byodkim');
  const plan = planDkimKeyUpgrade(details, byodkim);
  if (plan.action === 'none') return { ...plan, changed: false };
  if (plan.action === 'refuse') throw new DkimKeyUpgradeError(plan.summary);
  const out = await ses.send(
    new PutEmailIdentityDkimSigningAttributesCommand(
      plan.action === 'easy'
        ? {
            EmailIdentity: details.name,
            SigningAttributesOrigin: 'AWS_SES',
            SigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
          }
        : {
            EmailIdentity: details.name,
            SigningAttributesOrigin: 'EXTERNAL',
            SigningAttributes: { DomainSigningSelector: plan.selector, DomainSigningPrivateKey: plan.privateKeyBase64 },
          },
    ),
  );
  const { privateKeyBase64: _secret, ...shown } = plan;
  void _secret;
  return {
    ...shown,
    changed: true,
    dkimStatus: out.DkimStatus as IdentityStatus | undefined,
    dkimTokens: out.DkimTokens,
    dkimSigningHostedZone: out.SigningHostedZone || undefined,
  };
}

/** Runs fn over items with at most `limit` at once; onResult fires as each one finishes. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
  onResult?: (item: T, result: PromiseSettledResult<R>) => void,
): Promise<Array<PromiseSettledResult<R>>> {
  expectList(items, 'mapLimit', 'items');
  expectNumber(limit, 'mapLimit', 'limit');
  expectFunction(fn, 'mapLimit', 'fn');
  expectOptionalFunction(onResult, 'mapLimit', 'onResult');
  const results: Array<PromiseSettledResult<R>> = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await fn(items[i]) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
      onResult?.(items[i], results[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export interface RegionScan {
  region: string;
  identities?: IdentitySummary[];
  error?: string;
}

/** Lists identities in every region, `concurrency` regions at once; a failing region does not stop the others. */
export async function scanRegions(
  clientFor: (region: string) => SesSender,
  regions: readonly string[],
  options: { concurrency?: number; pageSize?: number; onRegion?: (scan: RegionScan) => void } = {},
): Promise<RegionScan[]> {
  expectFunction(clientFor, 'scanRegions', 'clientFor');
  expectList(regions, 'scanRegions', 'regions');
  expectOptionalObject(options, 'scanRegions', 'options');
  const settled = await mapLimit(
    regions,
    options.concurrency ?? 8,
    (region) => listAllIdentities(clientFor(region), { pageSize: options.pageSize }),
    (region, result) =>
      options.onRegion?.(
        result.status === 'fulfilled'
          ? { region, identities: result.value }
          : { region, error: describeAwsError(result.reason, region) },
      ),
  );
  return settled.map((r, i) =>
    r.status === 'fulfilled'
      ? { region: regions[i], identities: r.value }
      : { region: regions[i], error: describeAwsError(r.reason, regions[i]) },
  );
}

/** A readable, secret-free line for an AWS error, with the fix where one is known. `action`: the IAM action to name when access is denied. */
export function describeAwsError(err: unknown, region?: string, action = 'ses:ListEmailIdentities'): string {
  expectOptionalString(region, 'describeAwsError', 'region');
  expectOptionalString(action, 'describeAwsError', 'action');
  const e = err as Error & { name?: string; $metadata?: { httpStatusCode?: number }; code?: string };
  const name = e?.name ?? 'Error';
  if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(name))
    return `Access denied: the credentials may not call SES here (${e.message}). Allow ${action} for this user or role.`;
  if (/UnrecognizedClient|InvalidClientTokenId|SignatureDoesNotMatch/i.test(name)) {
    if (region && isOptInRegion(region))
      return `The AWS credentials were not accepted in ${region}. It is an opt-in region: enable it for the account (AWS console → Account → AWS Regions), or check the profile's access key.`;
    return 'The AWS credentials were not accepted (unknown or inactive access key). Check the profile.';
  }
  if (/ExpiredToken/i.test(name)) return 'The session has expired. Sign in again (for SSO: aws sso login).';
  if (/CredentialsProviderError/i.test(name))
    return `No AWS credentials: ${describeCredentialError(e)}. Choose a profile or configure credentials.`;
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|TimeoutError/i.test(`${name} ${e.code ?? ''} ${e.message}`))
    return `The SES endpoint could not be reached (${e.message}). The region may be disabled for the account (opt-in regions) or the network blocks it.`;
  return `${name}: ${e?.message ?? String(err)}`;
}
