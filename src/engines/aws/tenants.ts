// SES tenants (API v2, tenant management): the tenants of a region, one tenant with its sending
// status and suppression scope, the resources associated with it, the tenants a resource belongs
// to, a tenant's reputation entity (who paused it, the reputation impact), and an address on a
// tenant's own suppression list. An SMTP sender picks the tenant with the X-SES-TENANT header
// (SES Developer Guide, "Tenants", Using SMTP with tenants); the send then fails unless the tenant
// is not paused and the From identity and the configuration set are associated with it.
import {
  GetReputationEntityCommand,
  GetSuppressedDestinationCommand,
  GetTenantCommand,
  ListResourceTenantsCommand,
  ListTenantResourcesCommand,
  ListTenantsCommand,
} from '@aws-sdk/client-sesv2';
import type { SesSender } from './ses';
import { expectObject, expectOptionalObject, expectOptionalString, expectString } from '../../base/guards';

/** ENABLED, DISABLED (paused) or REINSTATED (sending again despite open reputation findings). */
export type TenantSendingStatus = 'ENABLED' | 'DISABLED' | 'REINSTATED';

export interface TenantSummary {
  name: string;
  id?: string;
  arn?: string;
  created?: Date;
  /** Absent when the answer does not carry it (ListTenants may leave it out). */
  sendingStatus?: string;
}

export interface TenantDetails extends TenantSummary {
  /** TENANT: the tenant has its own suppression list; ACCOUNT (the default): the account's. */
  suppressionScope: 'ACCOUNT' | 'TENANT';
  suppressedReasons: string[];
}

export interface TenantResourceRow {
  /** EMAIL_IDENTITY, CONFIGURATION_SET or EMAIL_TEMPLATE. */
  type: string;
  arn: string;
  /** The identity, set or template name from the ARN. */
  name: string;
}

export interface StatusRecordView {
  status?: string;
  cause?: string;
  updated?: Date;
}

export interface TenantReputation {
  /** DISABLED when either the customer-managed or the SES-managed status is DISABLED. */
  sendingStatus?: string;
  customer?: StatusRecordView;
  ses?: StatusRecordView;
  /** HIGH or LOW: the most severe open reputation finding; absent when there is none. */
  impact?: string;
  /** The reputation policy ARN (standard, strict, none). */
  policy?: string;
}

const MAX_PAGES = 50;

/** Every item of a listing that pages with NextToken (at most MAX_PAGES pages). */
async function allPages<T>(page: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const { items, next } = await page(token);
    out.push(...items);
    token = next || undefined;
    if (!token) break;
  }
  return out;
}
type Options = { signal?: AbortSignal };

const isNotFound = (err: unknown): boolean =>
  (err as { name?: string })?.name === 'NotFoundException' ||
  (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;

/** The resource name an SES ARN ends with: "arn:aws:ses:r:a:identity/example.com" → "example.com". */
export function sesResourceName(arn: string): string {
  expectString(arn, 'sesResourceName', 'arn');
  const resource = arn.split(':').slice(5).join(':');
  const slash = resource.indexOf('/');
  return slash === -1 ? resource : resource.slice(slash + 1);
}

/** Whether a status stops mail: DISABLED (paused by the user or by SES). REINSTATED sends. */
export function isPausedStatus(status: string | undefined): boolean {
  expectOptionalString(status, 'isPausedStatus', 'status');
  return status === 'DISABLED';
}

/** Every tenant of the client's region, following NextToken. */
export async function listTenants(ses: SesSender, options: Options = {}): Promise<TenantSummary[]> {
  expectObject(ses, 'listTenants', 'ses');
  expectOptionalObject(options, 'listTenants', 'options');
  return allPages(async (token) => {
    const res = await ses.send(new ListTenantsCommand({ NextToken: token }), { abortSignal: options.signal });
    const items = (res.Tenants ?? []).flatMap((t): TenantSummary[] =>
      t.TenantName
        ? [
            {
              name: t.TenantName,
              id: t.TenantId,
              arn: t.TenantArn,
              created: t.CreatedTimestamp,
              ...(t.SendingStatus ? { sendingStatus: t.SendingStatus } : {}),
            },
          ]
        : [],
    );
    return { items, next: res.NextToken };
  });
}

/** One tenant; undefined when the region has no tenant of that name. */
export async function getTenant(
  ses: SesSender,
  name: string,
  options: Options = {},
): Promise<TenantDetails | undefined> {
  expectObject(ses, 'getTenant', 'ses');
  expectString(name, 'getTenant', 'name');
  expectOptionalObject(options, 'getTenant', 'options');
  try {
    const res = await ses.send(new GetTenantCommand({ TenantName: name }), { abortSignal: options.signal });
    const t = res.Tenant;
    if (!t) return undefined;
    return {
      name: t.TenantName ?? name,
      id: t.TenantId,
      arn: t.TenantArn,
      created: t.CreatedTimestamp,
      sendingStatus: t.SendingStatus,
      suppressionScope: t.SuppressionAttributes?.SuppressionScope === 'TENANT' ? 'TENANT' : 'ACCOUNT',
      suppressedReasons: [...(t.SuppressionAttributes?.SuppressedReasons ?? [])],
    };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** The identities, configuration sets and templates associated with the tenant, following NextToken. */
export async function listTenantResources(
  ses: SesSender,
  tenant: string,
  options: Options = {},
): Promise<TenantResourceRow[]> {
  expectObject(ses, 'listTenantResources', 'ses');
  expectString(tenant, 'listTenantResources', 'tenant');
  expectOptionalObject(options, 'listTenantResources', 'options');
  return allPages(async (token) => {
    const res = await ses.send(new ListTenantResourcesCommand({ TenantName: tenant, NextToken: token }), {
      abortSignal: options.signal,
    });
    const items = (res.TenantResources ?? []).flatMap((r): TenantResourceRow[] =>
      r.ResourceArn
        ? [{ type: r.ResourceType ?? 'unknown', arn: r.ResourceArn, name: sesResourceName(r.ResourceArn) }]
        : [],
    );
    return { items, next: res.NextToken };
  });
}

/** The names of the tenants a resource (identity, configuration set, template ARN) is associated with. */
export async function listResourceTenants(
  ses: SesSender,
  resourceArn: string,
  options: Options = {},
): Promise<string[]> {
  expectObject(ses, 'listResourceTenants', 'ses');
  expectString(resourceArn, 'listResourceTenants', 'resourceArn');
  expectOptionalObject(options, 'listResourceTenants', 'options');
  return allPages(async (token) => {
    const res = await ses.send(new ListResourceTenantsCommand({ ResourceArn: resourceArn, NextToken: token }), {
      abortSignal: options.signal,
    });
    const items = (res.ResourceTenants ?? []).flatMap((r) => (r.TenantName ? [r.TenantName] : []));
    return { items, next: res.NextToken };
  });
}

const record = (
  r: { Status?: string; Cause?: string; LastUpdatedTimestamp?: Date } | undefined,
): StatusRecordView | undefined =>
  r ? { status: r.Status, cause: r.Cause, updated: r.LastUpdatedTimestamp } : undefined;

/** The tenant's reputation entity (GetReputationEntity, type RESOURCE, reference: the tenant ARN). */
export async function getTenantReputation(
  ses: SesSender,
  tenantArn: string,
  options: Options = {},
): Promise<TenantReputation> {
  expectObject(ses, 'getTenantReputation', 'ses');
  expectString(tenantArn, 'getTenantReputation', 'tenantArn');
  expectOptionalObject(options, 'getTenantReputation', 'options');
  const res = await ses.send(
    new GetReputationEntityCommand({ ReputationEntityType: 'RESOURCE', ReputationEntityReference: tenantArn }),
    { abortSignal: options.signal },
  );
  const e = res.ReputationEntity ?? {};
  return {
    sendingStatus: e.SendingStatusAggregate,
    customer: record(e.CustomerManagedStatus),
    ses: record(e.AwsSesManagedStatus),
    impact: e.ReputationImpact,
    policy: e.ReputationManagementPolicy,
  };
}

/** An address on the tenant's own suppression list (GetSuppressedDestination with TenantName); undefined: not there. */
export async function tenantSuppressedDestination(
  ses: SesSender,
  tenant: string,
  address: string,
  options: Options = {},
): Promise<{ reason: string; at?: Date } | undefined> {
  expectObject(ses, 'tenantSuppressedDestination', 'ses');
  expectString(tenant, 'tenantSuppressedDestination', 'tenant');
  expectString(address, 'tenantSuppressedDestination', 'address');
  expectOptionalObject(options, 'tenantSuppressedDestination', 'options');
  try {
    const res = await ses.send(new GetSuppressedDestinationCommand({ EmailAddress: address, TenantName: tenant }), {
      abortSignal: options.signal,
    });
    const d = res.SuppressedDestination;
    return d ? { reason: d.Reason ?? 'unknown', at: d.LastUpdateTime } : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** A tenant as the explorer's row shows it. */
export interface TenantRowView {
  name: string;
  arn?: string;
  status: string;
  /** The status in a few words for the row ("paused by SES"); `status` has the reason too. */
  brief?: string;
  paused: boolean;
  impact?: string;
}

/** The region's tenants (at most 100) with their status from the reputation entity, 4 calls at once. */
export async function tenantRows(ses: SesSender, options: Options = {}): Promise<TenantRowView[]> {
  expectObject(ses, 'tenantRows', 'ses');
  expectOptionalObject(options, 'tenantRows', 'options');
  const list = (await listTenants(ses, options)).slice(0, 100);
  const out: TenantRowView[] = new Array(list.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < list.length) {
      const i = next++;
      const t = list[i];
      const rep = t.arn ? await getTenantReputation(ses, t.arn, options).catch(() => undefined) : undefined;
      out[i] = {
        name: t.name,
        arn: t.arn,
        status: describeTenantStatus(t.sendingStatus, rep),
        brief: describeTenantStatus(t.sendingStatus, rep, { brief: true }),
        paused: isPausedStatus(rep?.sendingStatus ?? t.sendingStatus),
        ...(rep?.impact ? { impact: rep.impact } : {}),
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, list.length) }, worker));
  return out;
}

/**
 * "paused (by you: Status manually updated.)", "enabled", "reinstated": a tenant's status in words;
 * `brief`: without the reason ("paused by you"), for a row that has little room.
 */
export function describeTenantStatus(
  status: string | undefined,
  reputation?: TenantReputation,
  options: { brief?: boolean } = {},
): string {
  expectOptionalString(status, 'describeTenantStatus', 'status');
  expectOptionalObject(reputation, 'describeTenantStatus', 'reputation');
  expectOptionalObject(options, 'describeTenantStatus', 'options');
  const aggregate = reputation?.sendingStatus ?? status;
  if (!aggregate) return 'status unknown';
  if (isPausedStatus(aggregate)) {
    const byYou = isPausedStatus(reputation?.customer?.status);
    const bySes = isPausedStatus(reputation?.ses?.status);
    const who = byYou && bySes ? 'by you and by SES' : bySes ? 'by SES' : byYou ? 'by you' : '';
    if (options.brief) return who ? `paused ${who}` : 'paused';
    const cause = (bySes ? reputation?.ses?.cause : reputation?.customer?.cause) ?? '';
    return `paused${who || cause ? ` (${[who, cause].filter(Boolean).join(': ')})` : ''}`;
  }
  return aggregate.toLowerCase();
}
