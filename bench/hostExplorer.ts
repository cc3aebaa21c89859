// The explorer's first nodes of 17 regions at once against the slowest region alone, in the real
// workbench (code-server), as users meet it: test/e2e/explorer-regions.e2e.test.ts times, inside
// the host, a Refresh until VS Code has drawn every region's loaded row, in interleaved pairs, and
// writes test-results/host-explorer.json. This starts the SES API peer holding every region
// behind the delaying proxy, in this process (idle while the host runs), and passes its URL in.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startSesApiServer } from '../test/support/sesApiServer';
import { E2E_ACCESS_KEY_ID, hostRegions } from '../test/e2e/explorerRegions';
import { startDelayProxy } from './delayProxy';
import type { Row } from './pairs';

const ROOT = path.resolve(__dirname, '..', '..');

interface Range {
  median: number;
  min: number;
  max: number;
}
interface Figures {
  regions: number;
  slowest: string;
  pairs: number;
  allMs: Range;
  slowestMs: Range;
  ratio: Range;
}

const ms = (r: Range): string => `${r.median.toFixed(0)} ms [${r.min.toFixed(0)}–${r.max.toFixed(0)}]`;

export async function hostExplorerRow(pairs: number, delayMs: number): Promise<Row | string> {
  const server = await startSesApiServer({ accessKeyIds: [E2E_ACCESS_KEY_ID], regions: hostRegions() });
  const url = new URL(server.endpoint);
  const proxy = await startDelayProxy({ host: url.hostname, port: Number(url.port) }, delayMs);
  const file = path.join(ROOT, 'test-results', 'host-explorer.json');
  rmSync(file, { force: true });
  let failed = '';
  try {
    await promisify(execFile)('node', [path.join(ROOT, 'out', 'test', 'e2e', 'launch.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        E2E_GREP: 'every region at once in the real host',
        SES_BENCH_HOST_URL: `http://127.0.0.1:${proxy.port}`,
        BENCH_PAIRS: String(pairs),
      },
      maxBuffer: 64 * 2 ** 20,
      timeout: 30 * 60_000,
    });
  } catch (err) {
    const e = err as { stdout?: string; message: string };
    failed = `${e.message.split('\n')[0]}\n${(e.stdout ?? '')
      .split('\n')
      .filter((l) => /e2e failure/.test(l))
      .join('\n')}`;
  } finally {
    await proxy.stop();
    await server.stop();
  }
  if (!existsSync(file)) return `Explorer in the real host: no figures (${failed || 'the test wrote none'}).`;
  const f = JSON.parse(readFileSync(file, 'utf8')) as Figures;
  return {
    what: `explorer in the real host: ${f.regions} regions vs slowest region (${f.slowest}): from Refresh until VS Code has drawn every region's loaded row (code-server, one SES API peer for every region, ${delayMs} ms each way, ${f.pairs} interleaved pairs)`,
    ours: ms(f.allMs),
    baseline: ms(f.slowestMs),
    ratio: `${f.ratio.median.toFixed(2)} × [${f.ratio.min.toFixed(2)}–${f.ratio.max.toFixed(2)}]`,
    target: '≤ 1.3 ×',
    met: f.ratio.median <= 1.3 ? 'yes' : 'no',
  };
}
