// The explorer's first nodes for all chosen regions at once, as the explorer loads them (its
// ExplorerRoot and region nodes over its pooled SES access and the shipped dist/aws.js: the
// credential check, then every region's first page and account at once, their rows sent to the
// tree together), against the same for the slowest region alone. Fresh clients and credentials
// for every sample, as after a Refresh.
//
// Two peers. The fair one: every region its own endpoint in its own process (bench/regionPeer.ts,
// the project's SES API peer behind the delaying proxy), as AWS answers each region on its own
// machines. And one AWS API peer (test/support/awsPeer.ts) for every region, in this process behind
// one proxy, kept to show what a shared peer adds: its requests queue in one process on the same cores.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { createIdentity } from '../src/engines/aws/ses';
import { startAwsPeer } from '../test/support/awsPeer';
import { startSesApiServer } from '../test/support/sesApiServer';
import { HOST_IDENTITIES, HOST_REGIONS } from '../test/e2e/explorerRegions';
import { startDelayProxy } from './delayProxy';
import { interleaved, median, msRange, ratioRange, timed, type Row } from './pairs';

const ROOT = path.resolve(__dirname, '..', '..');
// The same 17 regions and account size as the real-host row (bench/hostExplorer.ts).
const REGIONS = HOST_REGIONS;
const IDENTITIES = HOST_IDENTITIES;

type Endpoints = (region: string) => string;

/**
 * Times the explorer's first nodes of `chosen`, every region at its endpoint: from asking for the
 * regions until the tree has been told about every region's loaded row (the change events the
 * provider passes to VS Code, batched as in the extension).
 */
async function firstNodes(chosen: string[], endpoint: Endpoints): Promise<number> {
  const { ExplorerRoot } = await import('../src/features/explorer/root');
  const { PooledSesAccess } = await import('../src/features/explorer/sesAccess');
  const { loadAws } = await import('../src/engines/bundles/load');
  loadAws().forgetCredentials(); // as a Refresh does: credentials are read again
  const ses = new PooledSesAccess((region) => ({ region, endpoint: endpoint(region) }));
  const told = new Set<unknown>();
  let allTold!: () => void;
  const shown = new Promise<void>((resolve) => (allTold = resolve));
  const root = new ExplorerRoot(
    {
      ses,
      changed: (nodes) => {
        for (const n of nodes) told.add(n);
        if (told.size >= chosen.length) allTold();
      },
    },
    () => ({ regions: chosen }),
    () => undefined,
  );
  const [t, nodes] = await timed(async () => {
    const nodes = await root.getChildren();
    await shown;
    return nodes;
  });
  const failed = nodes.filter((n) => n.getTreeItem().description === 'failed to load');
  ses.dispose();
  if (nodes.length !== chosen.length || failed.length) throw new Error('explorer bench: a region did not load');
  return t;
}

async function compare(what: string, pairs: number, endpoint: Endpoints): Promise<Row> {
  await firstNodes(REGIONS, endpoint); // warm-up
  const singles: Array<[string, number]> = [];
  for (const region of REGIONS) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push(await firstNodes([region], endpoint));
    singles.push([region, median(times)]);
  }
  const [slowest] = singles.reduce((a, b) => (b[1] > a[1] ? b : a));
  const stats = await interleaved(
    pairs,
    () => firstNodes(REGIONS, endpoint),
    () => firstNodes([slowest], endpoint),
  );
  return {
    what: `explorer: first nodes of ${REGIONS.length} regions at once vs the slowest region (${slowest}) alone, as the explorer loads them (${what}, ${pairs} interleaved pairs)`,
    ours: msRange(stats.a),
    baseline: msRange(stats.b),
    ratio: ratioRange(stats.ratios),
    target: '≤ 1.3 ×',
    met: median(stats.ratios) <= 1.3 ? 'yes' : 'no',
  };
}

/** Every region its own peer process (SES API peer + delay), as AWS has an endpoint per region. */
async function perRegionPeers(pairs: number, delayMs: number): Promise<Row> {
  const accessKeyId = 'AKIAIOSFODNN7EXAMPLE';
  process.env.AWS_ACCESS_KEY_ID = accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const children: ChildProcess[] = [];
  const ports = new Map<string, number>();
  try {
    await Promise.all(
      REGIONS.map(async (region) => {
        const child = spawn(
          process.execPath,
          [path.join(__dirname, 'regionPeer.js'), region, accessKeyId, String(IDENTITIES), String(delayMs)],
          { stdio: ['pipe', 'pipe', 'inherit'] },
        );
        children.push(child);
        const line = await new Promise<string>((resolve, reject) => {
          child.stdout?.once('data', (d: Buffer) => resolve(d.toString()));
          child.once('exit', (code) => reject(new Error(`region peer ${region} exited (${code})`)));
        });
        ports.set(region, (JSON.parse(line) as { port: number }).port);
      }),
    );
    return await compare(
      `SES API peer, one process per region, ${delayMs} ms each way`,
      pairs,
      (region) => `http://127.0.0.1:${ports.get(region)}`,
    );
  } finally {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.stdin?.end();
          }),
      ),
    );
  }
}

/** One AWS API peer answering every region, behind one proxy in this process. */
async function sharedPeer(pairs: number, delayMs: number): Promise<Row> {
  const awsPeer = await startAwsPeer();
  const url = new URL(awsPeer.endpoint);
  const proxy = await startDelayProxy({ host: url.hostname, port: Number(url.port) }, delayMs);
  process.env.AWS_ACCESS_KEY_ID = awsPeer.credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = awsPeer.credentials.secretAccessKey;
  try {
    const { SESv2Client } = await import('@aws-sdk/client-sesv2');
    for (const region of REGIONS) {
      const c = new SESv2Client({ region, endpoint: awsPeer.endpoint, credentials: awsPeer.credentials });
      for (let i = 0; i < IDENTITIES; i++) await createIdentity(c, `user${i}@${region}.example.com`);
      c.destroy();
    }
    const row = await compare(
      `one AWS API peer for every region, ${delayMs} ms each way: the peer's queue is in the figure`,
      pairs,
      () => `http://127.0.0.1:${proxy.port}`,
    );
    return { ...row, target: 'shown for comparison', met: '–' };
  } finally {
    await proxy.stop();
    await awsPeer.stop();
  }
}

/** "Load All" of a 10,000-identity region as the explorer runs it: how many listing requests. */
async function loadAllRequests(): Promise<Row> {
  const accessKeyId = 'AKIAIOSFODNN7EXAMPLE';
  process.env.AWS_ACCESS_KEY_ID = accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const identities = Array.from({ length: 10_000 }, (_, i) => ({ name: `user${i}@big.example.com` }));
  const peer = await startSesApiServer({ accessKeyIds: [accessKeyId], regions: { 'us-east-2': { identities } } });
  const { PooledSesAccess } = await import('../src/features/explorer/sesAccess');
  const { RegionNode } = await import('../src/features/explorer/nodes/regionNode');
  const { loadAws } = await import('../src/engines/bundles/load');
  loadAws().forgetCredentials(); // the shared peer row's key is still cached
  const ses = new PooledSesAccess((region) => ({ region, endpoint: peer.endpoint }));
  try {
    const node = new RegionNode('us-east-2', { ses, changed: () => undefined });
    const [t, loaded] = await timed(() => node.loadAll());
    const requests = peer.requests.filter((r) => r === 'POST /v2/email/list-identities us-east-2').length;
    if (loaded !== identities.length) throw new Error(`Load All: ${loaded} of ${identities.length}`);
    return {
      what: "Load All of a region with 10,000 identities (RegionNode.loadAll over the explorer's SES access, SES API peer, no delay): listing requests",
      ours: `${requests} requests (${t.toFixed(0)} ms)`,
      baseline: '100 requests at the default page size',
      ratio: `${(requests / 100).toFixed(2)} ×`,
      target: '≤ 12 requests',
      met: requests <= 12 ? 'yes' : 'no',
    };
  } finally {
    ses.dispose();
    await peer.stop();
  }
}

export async function explorerRows(pairs: number, delayMs: number): Promise<Row[]> {
  // lazy.ts loads the AWS bundle from beside itself: give it the shipped one.
  copyFileSync(path.join(ROOT, 'dist', 'aws.js'), path.join(__dirname, '..', 'src', 'aws.js'));
  return [await perRegionPeers(pairs, delayMs), await sharedPeer(pairs, delayMs), await loadAllRequests()];
}
