// The doctor's runner (src/engines/doctor/runner.ts): time limits, cancellation, errors as findings.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type Finding } from '../../../../src/engines/doctor/types';
import { runChecks } from '../../../../src/engines/doctor/runner';

const f = (over: Partial<Finding>): Finding => ({
  check: 'login',
  verdict: 'pass',
  title: 't',
  evidence: [],
  weight: 0,
  ...over,
});

describe('doctor runner', () => {
  test('runs checks side by side; a slow one times out alone, a throwing one becomes a warning', async () => {
    const started = Date.now();
    const out = await runChecks([
      {
        check: 'login',
        label: 'slow',
        timeoutMs: 100,
        run: (s) =>
          new Promise((r) => s.addEventListener('abort', () => r([]))).then(
            () => new Promise<Finding[]>(() => undefined),
          ),
      },
      { check: 'ports', label: 'quick', timeoutMs: 1000, run: async () => [f({ check: 'ports', title: 'ok' })] },
      {
        check: 'key',
        label: 'broken',
        timeoutMs: 1000,
        run: async () => Promise.reject(new Error('boom\nsecond line')),
      },
    ]);
    assert.ok(Date.now() - started < 900, 'the time limit ended the slow check');
    assert.deepEqual(
      out.findings.map((x) => [x.check, x.verdict, x.title]),
      [
        ['login', 'warn', 'The slow check did not finish within 0.1 s.'],
        ['ports', 'pass', 'ok'],
        ['key', 'warn', 'The broken check could not run: boom'],
      ],
    );
    assert.equal(out.timings.find((t) => t.check === 'slow')?.timedOut, true);
  });

  test('cancelling the run skips what is still running, and the signal reaches the checks', async () => {
    const controller = new AbortController();
    let sawAbort = false;
    const running = runChecks(
      [
        {
          check: 'login',
          label: 'login',
          timeoutMs: 5000,
          run: (s) =>
            new Promise((_, reject) =>
              s.addEventListener('abort', () => {
                sawAbort = true;
                reject(Object.assign(new Error('x'), { name: 'AbortError' }));
              }),
            ),
        },
      ],
      controller.signal,
    );
    setTimeout(() => controller.abort(), 20);
    const out = await running;
    assert.equal(sawAbort, true);
    assert.deepEqual(
      out.findings.map((x) => [x.verdict, x.title]),
      [['skipped', 'The login check was cancelled.']],
    );
  });
});
