// A real DNS server on 127.0.0.1 for tests: Debian's dnsmasq in the foreground, answering only
// from the records the test gives it (NXDOMAIN for other names in its local domains).
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { promises as dns } from 'node:dns';
import net from 'node:net';

export interface DnsRecords {
  cname?: Array<[alias: string, target: string]>;
  txt?: Array<[name: string, text: string]>;
  mx?: Array<[name: string, host: string, preference: number]>;
  /** Address records (A or AAAA by the address's form). */
  address?: Array<[name: string, address: string]>;
  /** Domains answered locally: unknown names there get NXDOMAIN instead of REFUSED. */
  localDomains: string[];
}

export interface DnsServer {
  address: string;
  stop(): Promise<void>;
}

/** A port free for UDP and TCP on 127.0.0.1 a moment ago (dnsmasq listens on both). */
async function freeDnsPort(): Promise<number> {
  for (;;) {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
    const port = socket.address().port;
    const tcp = net.createServer();
    const tcpFree = await new Promise<boolean>((r) => {
      tcp.once('error', () => r(false));
      tcp.listen(port, '127.0.0.1', () => r(true));
    });
    if (tcpFree) await new Promise<void>((r) => tcp.close(() => r()));
    await new Promise<void>((r) => socket.close(() => r()));
    if (tcpFree) return port;
  }
}

/**
 * Starts dnsmasq on a free port. Between choosing the port and dnsmasq binding it another process
 * may take it ("Address already in use"): then it starts again on another port, a few times.
 */
export async function startDnsmasq(records: DnsRecords): Promise<DnsServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(records, await freeDnsPort());
    } catch (err) {
      if (attempt >= 5 || !/Address already in use/.test((err as Error).message)) throw err;
    }
  }
}

async function startOnce(records: DnsRecords, port: number): Promise<DnsServer> {
  const args = [
    '--keep-in-foreground',
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--conf-file=/dev/null',
    '--pid-file=',
    '--user=root',
    '--log-facility=-',
  ];
  for (const d of records.localDomains) args.push(`--local=/${d}/`);
  const aliases = new Set((records.cname ?? []).map(([alias]) => alias.toLowerCase()));
  const addressed = new Set<string>();
  for (const [alias, target] of records.cname ?? []) {
    // dnsmasq answers a CNAME only for a target it knows; give the target an address, unless it is
    // itself an alias (a chain: one hop per CNAME query, as a recursive resolver answers).
    if (!aliases.has(target.toLowerCase()) && !addressed.has(target.toLowerCase())) {
      args.push(`--host-record=${target},192.0.2.10`);
      addressed.add(target.toLowerCase());
    }
    args.push(`--cname=${alias},${target}`);
  }
  for (const [name, text] of records.txt ?? []) {
    if (text.includes(',')) throw new Error(`dnsmasq TXT test data cannot contain commas: ${text}`);
    args.push(`--txt-record=${name},${text}`); // no shell here, so no quotes
  }
  for (const [name, host, pref] of records.mx ?? []) args.push(`--mx-host=${name},${host},${pref}`);
  for (const [name, address] of records.address ?? []) args.push(`--host-record=${name},${address}`);
  let child: ChildProcess;
  try {
    child = spawn('dnsmasq', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    throw new Error(
      `dnsmasq could not start (Debian package dnsmasq-base; scripts/setup.sh installs it): ${(err as Error).message}`,
      { cause: err },
    );
  }
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const failed = new Promise<never>((_, reject) =>
    child.once('error', (err) => reject(new Error(`dnsmasq could not start (install dnsmasq-base): ${err.message}`))),
  );
  const address = `127.0.0.1:${port}`;
  // Ready when it answers.
  const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([address]);
  const until = Date.now() + 10_000;
  for (;;) {
    const ok = await Promise.race([
      resolver.resolveTxt(`ready-probe.${records.localDomains[0] ?? 'test'}`).then(
        () => true,
        (err: NodeJS.ErrnoException) => err.code === 'ENOTFOUND' || err.code === 'ENODATA' || err.code === 'EREFUSED',
      ),
      failed,
    ]);
    if (ok) break;
    if (child.exitCode !== null || Date.now() > until) {
      if (child.exitCode === null) child.kill('SIGKILL'); // nothing is left behind
      throw new Error(`dnsmasq did not come up on ${address}: ${stderr.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    address,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
