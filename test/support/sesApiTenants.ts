// The SES API peer's tenants, which moto does not serve, in SES's REST-JSON wire format as the SDK's
// SESv2Client (3.11xx) sends and reads it: ListTenants (POST /v2/email/tenants/list), GetTenant
// (POST /v2/email/tenants/get), ListTenantResources (POST /v2/email/tenants/resources/list),
// ListResourceTenants (POST /v2/email/resources/tenants/list), GetReputationEntity
// (GET /v2/email/reputation/entities/{type}/{reference}) and the tenant's own suppression list
// (GET /v2/email/suppression/addresses/{address}?TenantName=…). Timestamps are epoch seconds, as on
// the wire. The not-found wording of GetTenant is the one AWS answers ("The requested tenant <name>
// does not exist.", as floci-io/floci#2643 recorded it against real SES). A small page size makes
// the clients follow NextToken.

export interface PeerTenant {
  name: string;
  /** Default: "tn-" and hex from the name. */
  id?: string;
  /** The customer-managed status (you paused it: DISABLED). Default ENABLED. */
  customerStatus?: 'ENABLED' | 'DISABLED' | 'REINSTATED';
  customerCause?: string;
  /** The SES-managed status (SES paused it for its reputation: DISABLED). Default ENABLED. */
  sesStatus?: 'ENABLED' | 'DISABLED';
  sesCause?: string;
  /** The most severe open reputation finding. */
  impact?: 'HIGH' | 'LOW';
  /** Associated resources: identity names (address or domain), configuration set names, template names. */
  identities?: string[];
  configurationSets?: string[];
  templates?: string[];
  /** Tenant-level suppression: SuppressionScope TENANT and this list (address → reason). */
  suppressed?: Record<string, 'BOUNCE' | 'COMPLAINT'>;
  suppressionScope?: 'ACCOUNT' | 'TENANT';
}

export const PEER_TENANT_ACCOUNT = '123456789012';
const PAGE = 2;
const CREATED = 1764000000;

export function tenantId(t: PeerTenant): string {
  return t.id ?? `tn-${Buffer.from(t.name).toString('hex').padEnd(30, '0').slice(0, 30)}`;
}

export function tenantArn(region: string, t: PeerTenant): string {
  return `arn:aws:ses:${region}:${PEER_TENANT_ACCOUNT}:tenant/${t.name}/${tenantId(t)}`;
}

/** The aggregate: DISABLED when either side is DISABLED; REINSTATED when the customer reinstated it. */
export function tenantSendingStatus(t: PeerTenant): 'ENABLED' | 'DISABLED' | 'REINSTATED' {
  if (t.customerStatus === 'DISABLED' || t.sesStatus === 'DISABLED') return 'DISABLED';
  return t.customerStatus === 'REINSTATED' ? 'REINSTATED' : 'ENABLED';
}

export function tenantResourceArns(
  region: string,
  t: PeerTenant,
): Array<{ ResourceType: string; ResourceArn: string }> {
  const arn = (kind: string, name: string): string => `arn:aws:ses:${region}:${PEER_TENANT_ACCOUNT}:${kind}/${name}`;
  return [
    ...(t.identities ?? []).map((n) => ({ ResourceType: 'EMAIL_IDENTITY', ResourceArn: arn('identity', n) })),
    ...(t.configurationSets ?? []).map((n) => ({
      ResourceType: 'CONFIGURATION_SET',
      ResourceArn: arn('configuration-set', n),
    })),
    ...(t.templates ?? []).map((n) => ({ ResourceType: 'EMAIL_TEMPLATE', ResourceArn: arn('template', n) })),
  ].sort((a, b) => a.ResourceArn.localeCompare(b.ResourceArn));
}

function paged<T>(items: T[], body: Record<string, unknown> | undefined): { page: T[]; next?: string } | string {
  const token = body?.NextToken;
  const size = body?.PageSize === undefined ? PAGE : Number(body.PageSize);
  const start =
    token === undefined ? 0 : Number(/^offset:(\d+)$/.exec(Buffer.from(String(token), 'base64').toString())?.[1]);
  if (!Number.isInteger(start) || start < 0 || start > items.length) return 'Invalid NextToken.';
  if (!Number.isInteger(size) || size < 1 || size > 1000) return 'PageSize must be between 1 and 1000.';
  const page = items.slice(start, start + size);
  return {
    page,
    next: start + size < items.length ? Buffer.from(`offset:${start + size}`).toString('base64') : undefined,
  };
}

/** Answers a tenant request; false when the path is not one. */
export function tenantRoute(
  method: string | undefined,
  url: URL,
  body: Record<string, unknown> | undefined,
  region: string,
  tenants: PeerTenant[],
  send: (status: number, body: unknown) => void,
  fail: (status: number, type: string, message: string) => void,
): boolean {
  const path = url.pathname;
  const byName = (name: unknown): PeerTenant | undefined => tenants.find((t) => t.name === name);
  const missing = (name: unknown): void =>
    fail(404, 'NotFoundException', `The requested tenant <${String(name)}> does not exist.`);
  const empty = (): void => fail(400, 'BadRequestException', 'TenantName cannot be empty');
  if (method === 'POST' && path === '/v2/email/tenants/list') {
    const filter = (body?.Filter ?? {}) as Record<string, string>;
    const list = tenants.filter(
      (t) =>
        (!filter.TENANT_NAME_CONTAINS || t.name.includes(filter.TENANT_NAME_CONTAINS)) &&
        (!filter.SENDING_STATUS || tenantSendingStatus(t) === filter.SENDING_STATUS),
    );
    const p = paged(list, body);
    if (typeof p === 'string') return (fail(400, 'BadRequestException', p), true);
    send(200, {
      Tenants: p.page.map((t) => ({
        TenantName: t.name,
        TenantId: tenantId(t),
        TenantArn: tenantArn(region, t),
        CreatedTimestamp: CREATED,
        SendingStatus: tenantSendingStatus(t),
      })),
      ...(p.next ? { NextToken: p.next } : {}),
    });
    return true;
  }
  if (method === 'POST' && path === '/v2/email/tenants/get') {
    if (!body?.TenantName) return (empty(), true);
    const t = byName(body.TenantName);
    if (!t) return (missing(body.TenantName), true);
    send(200, {
      Tenant: {
        TenantName: t.name,
        TenantId: tenantId(t),
        TenantArn: tenantArn(region, t),
        CreatedTimestamp: CREATED,
        SendingStatus: tenantSendingStatus(t),
        Tags: [],
        ...(t.suppressionScope
          ? {
              SuppressionAttributes: {
                SuppressedReasons: ['BOUNCE', 'COMPLAINT'],
                SuppressionScope: t.suppressionScope,
              },
            }
          : {}),
      },
    });
    return true;
  }
  if (method === 'POST' && path === '/v2/email/tenants/resources/list') {
    if (!body?.TenantName) return (empty(), true);
    const t = byName(body.TenantName);
    if (!t) return (missing(body.TenantName), true);
    const type = (body.Filter as Record<string, string> | undefined)?.RESOURCE_TYPE;
    const p = paged(
      tenantResourceArns(region, t).filter((r) => !type || r.ResourceType === type),
      body,
    );
    if (typeof p === 'string') return (fail(400, 'BadRequestException', p), true);
    send(200, { TenantResources: p.page, ...(p.next ? { NextToken: p.next } : {}) });
    return true;
  }
  if (method === 'POST' && path === '/v2/email/resources/tenants/list') {
    const arn = String(body?.ResourceArn ?? '');
    if (!arn.startsWith('arn:'))
      return (fail(400, 'BadRequestException', 'Provided resource identifier is not an SES resource'), true);
    const list = tenants
      .filter((t) => tenantResourceArns(region, t).some((r) => r.ResourceArn === arn))
      .map((t) => ({ TenantName: t.name, TenantId: tenantId(t), ResourceArn: arn, AssociatedTimestamp: CREATED }));
    const p = paged(list, body);
    if (typeof p === 'string') return (fail(400, 'BadRequestException', p), true);
    send(200, { ResourceTenants: p.page, ...(p.next ? { NextToken: p.next } : {}) });
    return true;
  }
  const rep = /^\/v2\/email\/reputation\/entities\/([^/]+)\/(.+)$/.exec(path);
  if (rep && method === 'GET') {
    const type = decodeURIComponent(rep[1]);
    const reference = decodeURIComponent(rep[2]);
    if (type !== 'RESOURCE') return (fail(400, 'BadRequestException', `Invalid reputation entity type ${type}.`), true);
    const t = tenants.find((x) => tenantArn(region, x) === reference);
    if (!t) return (fail(404, 'NotFoundException', `Reputation entity <${reference}> does not exist.`), true);
    const status = (s: string | undefined, cause: string | undefined): Record<string, unknown> => ({
      Status: s ?? 'ENABLED',
      ...(cause ? { Cause: cause } : {}),
      LastUpdatedTimestamp: CREATED,
    });
    send(200, {
      ReputationEntity: {
        ReputationEntityReference: reference,
        ReputationEntityType: 'RESOURCE',
        ReputationManagementPolicy: `arn:aws:ses:${region}:aws:reputation-policy/standard`,
        CustomerManagedStatus: status(t.customerStatus, t.customerCause),
        AwsSesManagedStatus: status(t.sesStatus, t.sesCause),
        SendingStatusAggregate: tenantSendingStatus(t),
        ...(t.impact ? { ReputationImpact: t.impact } : {}),
      },
    });
    return true;
  }
  const suppression = /^\/v2\/email\/suppression\/addresses\/([^/]+)$/.exec(path);
  if (suppression && method === 'GET' && url.searchParams.has('TenantName')) {
    const name = url.searchParams.get('TenantName');
    const t = byName(name);
    if (!t) return (missing(name), true);
    const address = decodeURIComponent(suppression[1]).toLowerCase();
    const reason = Object.entries(t.suppressed ?? {}).find(([a]) => a.toLowerCase() === address)?.[1];
    if (!reason)
      return (
        fail(
          404,
          'NotFoundException',
          `Email address ${address} does not exist on the suppression list of tenant ${t.name}.`,
        ),
        true
      );
    send(200, {
      SuppressedDestination: {
        EmailAddress: address,
        Reason: reason,
        LastUpdateTime: CREATED,
        Attributes: { MessageId: 'peer-message', FeedbackId: 'peer-feedback' },
        TenantName: t.name,
      },
    });
    return true;
  }
  return false;
}
