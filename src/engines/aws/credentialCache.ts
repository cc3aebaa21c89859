import { expectFunction, expectOptionalObject } from '../../base/guards';
// A caching wrapper for an AWS credential provider, kept apart from the SDK so it is tested in
// plain Node. Concurrent callers share one fetch; long-term keys are re-read after `ttlMs` (so an
// edited credentials file is picked up), temporary ones shortly before they expire; a failure is
// not remembered; the SDK's argument (the calling client's config) is passed through.
export interface CachedIdentity {
  expiration?: Date;
}

export function cachedProvider<A extends unknown[], T extends CachedIdentity>(
  base: (...args: A) => Promise<T>,
  options: { ttlMs?: number; refreshBeforeMs?: number; now?: () => number } = {},
): (...args: A) => Promise<T> {
  expectFunction(base, 'cachedProvider', 'base');
  expectOptionalObject(options, 'cachedProvider', 'options');
  const ttl = options.ttlMs ?? 60_000;
  const before = options.refreshBeforeMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let cached: { promise: Promise<T>; at: number } | undefined;
  const fetch = (args: A): Promise<T> => {
    const entry = { promise: base(...args), at: now() };
    entry.promise.catch(() => cached === entry && (cached = undefined));
    cached = entry;
    return entry.promise;
  };
  return async (...args: A) => {
    const entry = cached;
    const identity = await (entry ? entry.promise : fetch(args));
    const stale = identity.expiration
      ? identity.expiration.getTime() - now() < before
      : now() - (entry?.at ?? now()) >= ttl;
    if (!stale) return identity;
    // One refresh for every caller that found the same stale entry.
    if (cached === entry || cached === undefined) return fetch(args);
    return cached.promise;
  };
}

/** A credentials error as one line, without a credential_process command line (it may hold tokens). */
export function describeCredentialError(err: unknown): string {
  const message = String((err as Error)?.message ?? err).split('\n')[0];
  return /^Command failed:/i.test(message)
    ? 'the credential_process command failed (run it in a terminal to see why)'
    : message.slice(0, 300);
}
