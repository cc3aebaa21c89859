// The explorer's SES calls: one client per region (and profile and endpoint), reused for every call
// there and destroyed on refresh, and at most a few requests in flight per client. All regions load
// at once, so this bound is what keeps sockets in check: each region uses at most MAX_IN_FLIGHT.
import type { AccountInfo, IdentityDetails, IdentityPage, SesSender } from '../../core/aws/ses';
import { loadAws, loadedBundles } from '../../lazy';
import type { SesAccess } from './nodes/types';

export const MAX_IN_FLIGHT_PER_REGION = 4;

// No PageSize: the service's default page (moto 5.2.1 fails on any PageSize).
const PAGE_SIZE: number | undefined = undefined;

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

export class PooledSesAccess implements SesAccess {
  private readonly clients = new Map<string, Pooled>();

  constructor(private readonly accessFor: (region: string) => AccessFor) {}

  /** A client for the region; one per profile, region and endpoint. */
  sender(region: string): SesSender {
    const access = this.accessFor(region);
    const key = `${access.profile ?? ''}|${access.region}|${access.endpoint ?? ''}`;
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

  account(region: string): Promise<AccountInfo> {
    const aws = loadAws();
    return aws
      .getAccountInfo(this.sender(region))
      .catch((e: unknown) => ({ available: false as const, reason: aws.describeAwsError(e, region) }));
  }

  identityDetails(region: string, name: string): Promise<IdentityDetails> {
    return loadAws().getIdentityDetails(this.sender(region), name);
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
