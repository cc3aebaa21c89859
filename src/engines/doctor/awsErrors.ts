// AWS errors as the doctor reads them: "not allowed" becomes "skipped: needs <action>", never a
// failure of the run; "not found" is a fact some checks use.
import type { CheckId, Finding } from './types';
import { expectString } from '../../base/guards';

export function isAccessDenied(err: unknown): boolean {
  const e = err as { name?: string; Code?: string; message?: string } | undefined;
  return /AccessDenied|UnauthorizedOperation|NotAuthorized|not authorized/i.test(
    `${e?.name ?? ''} ${e?.Code ?? ''} ${e?.message ?? ''}`,
  );
}

export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return /NoSuchEntity|NotFound/i.test(e?.name ?? '') || e?.$metadata?.httpStatusCode === 404;
}

export function isUnsupported(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | undefined;
  return /UnknownOperation|InvalidAction|NotImplemented|not bundled/i.test(`${e?.name ?? ''} ${e?.message ?? ''}`);
}

export function needs(check: CheckId, action: string, why = ''): Finding {
  return {
    check,
    verdict: 'skipped',
    title: `skipped: needs ${action}${why ? ` (${why})` : ''}`,
    evidence: [],
    weight: 0,
    cause: 'needs-permission',
  };
}

/** A skipped finding for a denied or unsupported call; rethrows anything else. */
export function skipOrThrow(err: unknown, check: CheckId, action: string): Finding {
  expectString(check, 'skipOrThrow', 'check');
  expectString(action, 'skipOrThrow', 'action');
  if (isAccessDenied(err)) return needs(check, action);
  if (isUnsupported(err))
    return {
      ...needs(check, action, 'the endpoint does not offer it'),
      title: `skipped: ${action} is not available here (${String((err as Error).message).slice(0, 120)})`,
    };
  throw err;
}
