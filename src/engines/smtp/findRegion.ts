// Which region an SMTP username and password belong to: the v4 password is derived for one
// region, so the login succeeds only at that region's endpoint. Tries each region's endpoint
// with a bounded number of logins at a time, stops at the first success or when cancelled.
// The login itself is passed in (checkSmtpLogin through loadSmtp() in the extension), and so is
// the endpoint of a region, so tests point every region at a local server.
import type { SmtpCheckOptions, SmtpCheckResult } from './types';
import type { TlsMode } from '../../base/regions';
import { expectObject } from '../../base/guards';

export interface RegionProbeOptions {
  regions: readonly string[];
  username: string;
  password: string;
  /** The endpoint of a region (default in the extension: smtpHostForRegion, port 587, STARTTLS). */
  endpointFor: (region: string) => { host: string; port: number; tls: TlsMode };
  login: (options: SmtpCheckOptions) => Promise<SmtpCheckResult>;
  /** Logins at a time (default 4). */
  concurrency?: number;
  phaseTimeoutMs?: number;
  signal?: AbortSignal;
  ca?: SmtpCheckOptions['ca'];
  /** Called after each region was tried. */
  onProgress?: (tried: number, total: number, region: string) => void;
}

export type RegionProbeResult =
  | { kind: 'found'; region: string; tried: number }
  | { kind: 'cancelled'; tried: number }
  /** No region accepted the login; failures counts the regions that could not be reached at all. */
  | { kind: 'none'; tried: number; unreachable: string[]; firstFailure?: string };

/** Failures that say nothing about the credentials (the endpoint was not reached). */
const UNREACHABLE = /^(DNS|REFUSED|TIMEOUT|TLS|TLS_CERT|TLS_NOT_OFFERED|CLOSED)$/;

export async function findRegionByLogin(options: RegionProbeOptions): Promise<RegionProbeResult> {
  expectObject(options, 'findRegionByLogin', 'options');
  const queue = [...options.regions];
  const total = queue.length;
  const inner = new AbortController();
  const onAbort = (): void => inner.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let tried = 0;
  let found: string | undefined;
  const unreachable: string[] = [];
  let firstFailure: string | undefined;
  const worker = async (): Promise<void> => {
    for (let region = queue.shift(); region !== undefined; region = queue.shift()) {
      if (found || inner.signal.aborted) return;
      const result = await options
        .login({
          ...options.endpointFor(region),
          username: options.username,
          password: options.password,
          phaseTimeoutMs: options.phaseTimeoutMs,
          signal: inner.signal,
          ca: options.ca,
        })
        .catch(
          (err: unknown) =>
            ({ ok: false, failure: { code: 'ERROR', message: String(err) } }) as unknown as SmtpCheckResult,
        );
      tried++;
      options.onProgress?.(tried, total, region);
      if (result.ok) {
        found ??= region;
        inner.abort();
        return;
      }
      const code = String(result.failure?.code ?? '');
      if (UNREACHABLE.test(code)) unreachable.push(region);
      else firstFailure ??= result.failure?.message;
    }
  };
  try {
    const n = Math.max(1, Math.min(options.concurrency ?? 4, total));
    await Promise.all(Array.from({ length: n }, worker));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (found) return { kind: 'found', region: found, tried };
  if (options.signal?.aborted) return { kind: 'cancelled', tried };
  return { kind: 'none', tried, unreachable, firstFailure };
}
