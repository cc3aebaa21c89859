// Every chosen region at once in the real workbench: from Refresh until VS Code has drawn each
// region's loaded row, 17 regions against the slowest region alone (issue #15). The moment a row
// is drawn is when VS Code's tree view asks the provider for that region's item with its loaded
// description: after the provider's change event and VS Code's own debouncing of those events,
// just before the row goes to the window. Measured, never asserted; what is asserted is that
// every region appears with its identities.
// Stand-alone (npm test) it starts its own SES API peer in the host, without delay, and runs one
// quick pair. With SES_BENCH_HOST_URL (the bench's peer behind its delaying proxy, bench/hostExplorer.ts)
// it measures BENCH_PAIRS interleaved pairs and writes test-results/host-explorer.json.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ToolkitApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/features/explorer';
import type { Selection } from '../../src/features/explorer/root';
import { interleaved, median, type PairStats } from '../../bench/pairs';
import { startSesApiServer, type SesApiServer } from '../support/sesApiServer';
import { activateExtension, screenshot, setAwsEndpoint } from './support';
import { E2E_ACCESS_KEY_ID, HOST_IDENTITIES, HOST_REGIONS, hostRegions } from './explorerRegions';

/**
 * Watches VS Code fetch the explorer's rows: until() resolves once every expected region was drawn
 * loaded, counting only region nodes VS Code had not drawn before until() was called (a Refresh
 * makes new ones), so a late redraw of a replaced node never ends a sample early.
 */
function watchDrawn(api: ToolkitApi): {
  until(regions: string[]): Promise<Map<string, string>>;
  stop(): void;
} {
  const hooks = api.testHooks!;
  const firstSeen = new WeakMap<ExplorerNode, number>();
  let generation = 0;
  let want: { regions: Set<string>; drawn: Map<string, string>; done: () => void } | undefined;
  hooks.watchExplorerDraws((node, item) => {
    if (!firstSeen.has(node)) firstSeen.set(node, generation);
    const region = String(item.label);
    const fresh = firstSeen.get(node) === generation;
    if (want && fresh && item.contextValue === 'sesRegion' && item.description && want.regions.has(region)) {
      want.drawn.set(region, String(item.description));
      if (want.drawn.size === want.regions.size) want.done();
    }
  });
  return {
    until(regions) {
      generation++;
      return new Promise((resolve) => {
        const drawn = new Map<string, string>();
        want = { regions: new Set(regions), drawn, done: () => ((want = undefined), resolve(drawn)) };
      });
    },
    stop() {
      want = undefined;
      hooks.watchExplorerDraws(undefined);
    },
  };
}

describe('SES Explorer: every region at once in the real host', () => {
  const benchUrl = process.env.SES_BENCH_HOST_URL;
  let peer: SesApiServer | undefined;
  let selectionBefore: Selection | undefined;
  before(async () => {
    selectionBefore = (await activateExtension()).explorer.selection();
    if (!benchUrl) peer = await startSesApiServer({ accessKeyIds: [E2E_ACCESS_KEY_ID], regions: hostRegions() });
    await setAwsEndpoint(benchUrl ?? peer!.endpoint);
  });
  after(async () => {
    await (await activateExtension()).testHooks!.selectExplorer(selectionBefore);
    await setAwsEndpoint(undefined);
    await peer?.stop();
  });

  it('17 regions: each shows its identities; timed from Refresh against the slowest region alone', async function () {
    this.timeout(benchUrl ? 15 * 60_000 : 60_000);
    const api = await activateExtension();
    await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
    const watch = watchDrawn(api);
    try {
      /** Chooses the regions and lets them load, then times a Refresh until every one is drawn. */
      const sample = async (regions: string[]): Promise<number> => {
        const chosen = watch.until(regions);
        await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', { profile: 'e2e', regions });
        await withTimeout(chosen, regions);
        const drawn = watch.until(regions);
        const started = performance.now();
        await vscode.commands.executeCommand('sesSmtpToolkit.explorer.refresh');
        const rows = await withTimeout(drawn, regions);
        const ms = performance.now() - started;
        // Every region appeared with its first page, none failed.
        for (const region of regions) assert.equal(rows.get(region), `${HOST_IDENTITIES} identities`, region);
        return ms;
      };
      if (!benchUrl) {
        // One quick pair: the regions appear; nothing is measured.
        await sample([HOST_REGIONS[0]]);
        await sample(HOST_REGIONS);
        const top = await api.explorer.getChildren();
        assert.deepEqual(
          top.map(
            (n) => `${String(api.explorer.getTreeItem(n).label)}|${String(api.explorer.getTreeItem(n).description)}`,
          ),
          HOST_REGIONS.map((r) => `${r}|${HOST_IDENTITIES} identities`),
        );
        await screenshot('explorer-17-regions');
        return;
      }
      const pairs = Math.max(10, Number(process.env.BENCH_PAIRS ?? 10));
      await sample(HOST_REGIONS); // warm-up
      const singles: Array<[string, number]> = [];
      for (const region of HOST_REGIONS)
        singles.push([region, median([await sample([region]), await sample([region])])]);
      const [slowest] = singles.reduce((a, b) => (b[1] > a[1] ? b : a));
      const stats = await interleaved(
        pairs,
        () => sample(HOST_REGIONS),
        () => sample([slowest]),
      );
      await screenshot('explorer-17-regions');
      writeFigures({ regions: HOST_REGIONS.length, slowest, singles, ...summary(stats) });
    } finally {
      watch.stop();
    }
  });
});

async function withTimeout<T>(p: Promise<T>, regions: string[]): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the explorer did not draw every region of ${regions.join(', ')} loaded within 30 s`)),
      30_000,
    );
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function summary(stats: PairStats): Record<string, unknown> {
  const range = (v: number[]) => ({ median: median(v), min: Math.min(...v), max: Math.max(...v) });
  return {
    pairs: stats.pairs,
    allMs: range(stats.a),
    slowestMs: range(stats.b),
    ratio: range(stats.ratios),
    raw: stats,
  };
}

function writeFigures(figures: Record<string, unknown>): void {
  // Read by the bench (bench/hostExplorer.ts), never asserted here.
  console.log(`host explorer: ${JSON.stringify(figures)}`);
  const results = process.env.SES_E2E_RESULTS;
  if (!results) return;
  mkdirSync(results, { recursive: true });
  writeFileSync(path.join(results, 'host-explorer.json'), JSON.stringify(figures, null, 2));
}
