// Does a region have an SES SMTP endpoint? Resolves email-smtp.<region>.amazonaws.com before a
// password is derived or written for the region: SES has the API in more regions than SMTP, and
// AWS's lists lag. Only an authoritative "no such name" (NXDOMAIN) refuses the region; a resolver
// that times out or cannot be reached proves nothing, and the caller goes on (offline work stays
// possible). The resolver is passed in, so tests point it at a local DNS server or a fake.
import { promises as dnsPromises } from 'node:dns';
import { smtpHostForRegion, smtpRegions } from '../../base/regions';
import { typeOf } from '../../base/names';

/** Resolves a host name to its addresses; rejects with node's DNS error codes (ENOTFOUND = NXDOMAIN). */
export type ResolveHost = (host: string, signal?: AbortSignal) => Promise<string[]>;

export type EndpointCheck =
  | { kind: 'found'; region: string; host: string; addresses: string[] }
  /** The name does not exist: SES has no SMTP endpoint there. */
  | { kind: 'missing'; region: string; host: string; message: string }
  /** DNS gave no answer either way (timeout, refused, no network): not a reason to stop. */
  | { kind: 'unknown'; region: string; host: string; reason: string }
  | { kind: 'cancelled'; region: string; host: string };

/** Codes by which a resolver says the name does not exist (c-ares: ENOTFOUND; getaddrinfo: ENOTFOUND too). */
const NO_SUCH_NAME = new Set(['ENOTFOUND', 'NXDOMAIN']);

/** node's resolver (system servers, or the given ones such as ['127.0.0.1:5353']), A then AAAA, cancellable. */
export function dnsResolveHost(options: { servers?: readonly string[]; timeoutMs?: number } = {}): ResolveHost {
  return async (host, signal) => {
    const resolver = new dnsPromises.Resolver({ timeout: options.timeoutMs ?? 3000, tries: 2 });
    if (options.servers?.length) resolver.setServers([...options.servers]);
    const onAbort = (): void => resolver.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      try {
        return await resolver.resolve4(host);
      } catch (err) {
        // A name with only IPv6 addresses answers NODATA for A.
        if ((err as NodeJS.ErrnoException).code !== 'ENODATA') throw err;
        return await resolver.resolve6(host);
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  };
}

/** The user-facing refusal, naming the regions of the table (and settings) that have an endpoint. */
export function noEndpointMessage(region: string, extraRegions: readonly string[] = []): string {
  const withEndpoint = smtpRegions(extraRegions)
    .map((r) => r.id)
    .filter((id) => id !== region);
  return (
    `SES has no SMTP endpoint in ${region}: ${smtpHostForRegion(region)} does not exist in DNS, so no SMTP password ` +
    `was derived or written for it. The SES API may still work there, but SMTP mail must go through a region ` +
    `that has an endpoint: ${withEndpoint.join(', ')}. If AWS has since opened SMTP in ${region}, check that ` +
    `the host resolves from this machine.`
  );
}

export interface EndpointCheckerOptions {
  resolve: ResolveHost;
  /** Extra regions (setting), named in the refusal as regions with an endpoint. */
  extraRegions?: () => readonly string[];
}

/**
 * Checks regions, remembering each answer for the session: a found or missing endpoint is asked
 * once; an unknown answer (timeout, no network) is asked again next time. Concurrent checks of a
 * region share one lookup unless the first caller cancels.
 */
export class SmtpEndpointChecker {
  private readonly known = new Map<string, EndpointCheck>();
  private readonly pending = new Map<string, Promise<EndpointCheck>>();

  constructor(private readonly options: EndpointCheckerOptions) {
    if (typeof options !== 'object' || options === null || typeof options.resolve !== 'function')
      throw new Error(`SmtpEndpointChecker needs {resolve}, not ${typeOf(options)}.`);
  }

  async check(region: string, signal?: AbortSignal): Promise<EndpointCheck> {
    if (typeof region !== 'string' || !region)
      throw new Error(`The region must be text such as us-east-1, not ${typeOf(region)}.`);
    const id = region.trim().toLowerCase();
    const host = smtpHostForRegion(id);
    const cached = this.known.get(id);
    if (cached) return cached;
    if (signal?.aborted) return { kind: 'cancelled', region: id, host };
    let running = this.pending.get(id);
    if (!running) {
      running = this.lookup(id, host, signal).finally(() => this.pending.delete(id));
      this.pending.set(id, running);
    }
    // A caller that cancels stops waiting at once, whatever the lookup still does.
    const cancelled = new Promise<EndpointCheck>((resolve) => {
      if (!signal) return;
      signal.addEventListener('abort', () => resolve({ kind: 'cancelled', region: id, host }), { once: true });
    });
    return Promise.race([running, cancelled]);
  }

  private async lookup(region: string, host: string, signal?: AbortSignal): Promise<EndpointCheck> {
    let result: EndpointCheck;
    try {
      const addresses = await this.options.resolve(host, signal);
      result = { kind: 'found', region, host, addresses };
    } catch (err) {
      const code = String((err as NodeJS.ErrnoException)?.code ?? '');
      if (signal?.aborted || code === 'ECANCELLED') return { kind: 'cancelled', region, host };
      if (NO_SUCH_NAME.has(code)) {
        result = { kind: 'missing', region, host, message: noEndpointMessage(region, this.options.extraRegions?.()) };
      } else {
        return {
          kind: 'unknown',
          region,
          host,
          reason: `${host} could not be looked up (${code || (err as Error)?.message || 'no answer'}); going on without the check.`,
        };
      }
    }
    this.known.set(region, result);
    return result;
  }

  /** Forgets every answer (the DNS servers setting changed). */
  clear(): void {
    this.known.clear();
  }
}
