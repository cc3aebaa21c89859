// The explorer's SES calls: one client per region (and profile and endpoint), reused for every call
// there and destroyed on refresh, and at most a few requests in flight per client. All regions load
// at once, so this bound is what keeps sockets in check: each region uses at most MAX_IN_FLIGHT.
import type { AccountInfo, IdentityDetails, IdentityPage, SesSender } from '../../engines/aws/ses';
import { loadAws, loadedBundles } from '../../engines/bundles/load';
import type { SesAccess, TenantRow } from './nodes/types';
import type { TenantResourceRow } from '../../engines/aws/tenants';

export const MAX_IN_FLIGHT_PER_REGION = 4;

// No PageSize: the service's default page (moto 5.2.1 fails on any PageSize).
const PAGE_SIZE: number | undefined = undefined;
/** "Load All" asks for SES's largest page; an endpoint that refuses PageSize gets the default page. */
export const BULK_PAGE_SIZE = 1000;

/** Listing in large pages, for "Load All" (10,000 identities in about 10 requests). */
export interface BulkListing {
  listIdentitiesBulk(region: string, nextToken?: string): Promise<IdentityPage>;
}

/** An endpoint that fails on PageSize (moto 5.2.1 answers 500) rather than a listing that failed. */
export function pageSizeRefused(err: unknown): boolean {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  return status === 500 || (status === 400 && /PageSize|Validation/i.test(`${e.name} ${e.message}`));
}

export interface AccessFor {
  profile?: string;
  region: string;
  endpoint?: string;
}

/** Runs at most `max` calls at once; the rest wait their turn. */
export function limiter(max: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (fn) => {
    while (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

interface Pooled {
  sender: SesSender;
  destroy(): void;
}

export class PooledSesAccess implements SesAccess, BulkListing {
  private readonly clients = new Map<string, Pooled>();
  /** Endpoints (profile|region|endpoint) known to refuse PageSize, remembered across refreshes. */
  private readonly noPageSize = new Set<string>();

  constructor(private readonly accessFor: (region: string) => AccessFor) {}

  /** A client for the region; one per profile, region and endpoint. */
  private key(region: string): string {
    const access = this.accessFor(region);
    return `${access.profile ?? ''}|${access.region}|${access.endpoint ?? ''}`;
  }

  sender(region: string): SesSender {
    const access = this.accessFor(region);
    const key = this.key(region);
    let pooled = this.clients.get(key);
    if (!pooled) {
      const client = loadAws().sesClient(access);
      const limit = limiter(MAX_IN_FLIGHT_PER_REGION);
      pooled = {
        sender: { send: ((command: never) => limit(() => client.send(command))) as SesSender['send'] },
        destroy: () => client.destroy(),
      };
      this.clients.set(key, pooled);
    }
    return pooled.sender;
  }

  /** Closes every client (a refresh, another profile or endpoint) and re-reads credentials next time. */
  reset(): void {
    for (const pooled of this.clients.values()) pooled.destroy();
    this.clients.clear();
    this.forgetCredentials();
  }

  /** Credentials are read afresh next time (after `aws sso login` or an edit of ~/.aws). */
  forgetCredentials(): void {
    // Without loading the SDK just for this.
    if (loadedBundles().includes('aws')) loadAws().forgetCredentials();
  }

  checkCredentials(profile: string | undefined, region: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    return loadAws().checkCredentials(profile, region);
  }

  listIdentities(region: string, nextToken?: string): Promise<IdentityPage> {
    return loadAws().listIdentitiesPage(this.sender(region), nextToken, PAGE_SIZE);
  }

  async listIdentitiesBulk(region: string, nextToken?: string): Promise<IdentityPage> {
    const key = this.key(region);
    if (!this.noPageSize.has(key)) {
      try {
        return await loadAws().listIdentitiesPage(this.sender(region), nextToken, BULK_PAGE_SIZE);
      } catch (err) {
        if (!pageSizeRefused(err)) throw err;
        this.noPageSize.add(key);
      }
    }
    return this.listIdentities(region, nextToken);
  }

  account(region: string): Promise<AccountInfo> {
    const aws = loadAws();
    return aws
      .getAccountInfo(this.sender(region))
      .catch((e: unknown) => ({ available: false as const, reason: aws.describeAwsError(e, region) }));
  }

  identityDetails(region: string, name: string): Promise<IdentityDetails> {
    return loadAws().getIdentityDetails(this.sender(region), name);
  }

  tenants(region: string): Promise<TenantRow[]> {
    return loadAws().tenantRows(this.sender(region));
  }

  tenantResources(region: string, tenant: string): Promise<TenantResourceRow[]> {
    return loadAws().listTenantResources(this.sender(region), tenant);
  }

  createIdentity(region: string, identity: string): ReturnType<ReturnType<typeof loadAws>['createIdentity']> {
    return loadAws().createIdentity(this.sender(region), identity);
  }

  deleteIdentity(region: string, identity: string): Promise<void> {
    return loadAws().deleteIdentity(this.sender(region), identity);
  }

  /** Moves the identity's DKIM key to 2048-bit as its origin allows (see upgradeDkimKeyTo2048). */
  upgradeDkimKey(
    region: string,
    details: IdentityDetails,
  ): ReturnType<ReturnType<typeof loadAws>['upgradeDkimKeyTo2048']> {
    return loadAws().upgradeDkimKeyTo2048(this.sender(region), details);
  }

  describeError(err: unknown, region: string): string {
    return loadAws().describeAwsError(err, region);
  }

  dispose(): void {
    this.reset();
  }
}
