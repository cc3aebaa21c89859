// Runs the doctor's checks side by side, each with its own time limit and the run's AbortSignal.
// A check that throws, times out or is cancelled becomes a finding; it never fails the run.
import type { CheckId, Finding } from './types';
import { expectList, expectOptionalObject } from '../../base/guards';

export interface DoctorCheck {
  check: CheckId;
  /** Words for "the … check" in messages. */
  label: string;
  timeoutMs: number;
  run(signal: AbortSignal): Promise<Finding[]>;
}

export interface RunOutcome {
  findings: Finding[];
  timings: Array<{ check: string; ms: number; timedOut?: boolean }>;
}

class CheckTimeout extends Error {}

/** Whether an error (or its cause) is a cancellation. */
export function isAbort(err: unknown): boolean {
  const e = err as { name?: string; code?: string } | undefined;
  return e?.name === 'AbortError' || e?.code === 'ABORT_ERR';
}

function withLimit<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, outer?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new CheckTimeout());
      controller.abort(new CheckTimeout());
    }, ms);
  });
  const cancelled = new Promise<never>((_, reject) => {
    if (controller.signal.aborted) reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
    controller.signal.addEventListener(
      'abort',
      () => reject(Object.assign(new Error('cancelled'), { name: 'AbortError' })),
      { once: true },
    );
  });
  return Promise.race([work(controller.signal), limit, cancelled]).finally(() => {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  });
}

/** Runs every check at once; findings in check order, each check's own order kept. */
export async function runChecks(checks: readonly DoctorCheck[], signal?: AbortSignal): Promise<RunOutcome> {
  expectList(checks, 'runChecks', 'checks');
  expectOptionalObject(signal, 'runChecks', 'signal');
  const timings: RunOutcome['timings'] = [];
  const results = await Promise.all(
    checks.map(async (c): Promise<Finding[]> => {
      const started = Date.now();
      try {
        const found = await withLimit((s) => c.run(s), c.timeoutMs, signal);
        timings.push({ check: c.label, ms: Date.now() - started });
        return found;
      } catch (err) {
        const ms = Date.now() - started;
        if (err instanceof CheckTimeout) {
          timings.push({ check: c.label, ms, timedOut: true });
          const s = (c.timeoutMs / 1000).toFixed(c.timeoutMs % 1000 ? 1 : 0);
          return [
            {
              check: c.check,
              verdict: 'warn',
              title: `The ${c.label} check did not finish within ${s} s.`,
              evidence: [],
              fix: 'Run the doctor again; if it keeps timing out, the network or the API is slow or blocked.',
              weight: 12,
              cause: 'timeout',
            },
          ];
        }
        timings.push({ check: c.label, ms });
        if (signal?.aborted || isAbort(err)) {
          return [
            {
              check: c.check,
              verdict: 'skipped',
              title: `The ${c.label} check was cancelled.`,
              evidence: [],
              weight: 0,
              cause: 'cancelled',
            },
          ];
        }
        const message = String((err as Error)?.message ?? err)
          .split('\n')[0]
          .slice(0, 300);
        return [
          {
            check: c.check,
            verdict: 'warn',
            title: `The ${c.label} check could not run: ${message}`,
            evidence: [],
            weight: 10,
            cause: 'check-error',
          },
        ];
      }
    }),
  );
  return { findings: results.flat(), timings };
}
