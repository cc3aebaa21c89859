// Interleaved A/B pairs, the way every figure in bench/RESULTS.md is measured: each pair runs A and
// B back to back, the order alternating from pair to pair, so drift (a busy core, a warming cache)
// falls on both sides alike. Reported as the median of the per-pair ratios A/B with its range.
/** One row of the table in bench/RESULTS.md. */
export interface Row {
  what: string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  met: string;
}

export interface PairStats {
  pairs: number;
  a: number[];
  b: number[];
  ratios: number[];
}

export function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
}

/** Runs `pairs` interleaved pairs (at least 10); fn A and B return their own duration in ms. */
export async function interleaved(
  pairs: number,
  a: () => Promise<number>,
  b: () => Promise<number>,
): Promise<PairStats> {
  const stats: PairStats = { pairs, a: [], b: [], ratios: [] };
  for (let i = 0; i < pairs; i++) {
    let ta: number;
    let tb: number;
    if (i % 2 === 0) {
      ta = await a();
      tb = await b();
    } else {
      tb = await b();
      ta = await a();
    }
    stats.a.push(ta);
    stats.b.push(tb);
    stats.ratios.push(ta / tb);
  }
  return stats;
}

/** "123 ms [110–140]" */
export function msRange(values: number[]): string {
  return `${median(values).toFixed(0)} ms [${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}]`;
}

/** "0.97 × [0.91–1.04]" */
export function ratioRange(ratios: number[]): string {
  return `${median(ratios).toFixed(2)} × [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}]`;
}
