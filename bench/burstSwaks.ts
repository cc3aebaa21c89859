// The test burst against swaks sending the same mails one after another, a process per mail (as a
// shell loop would), each sample a triple run in rotating order:
// - like for like, both as processes: the burst through bench/burstCli.js (Node start-up, the
//   shipped dist/smtp.js, sendTestBurst) against the swaks loop;
// - as users meet them: the burst inside the running extension host (sendTestBurst in this
//   process, no start-up) against the same swaks loop.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sendTestBurst } from '../src/engines/smtp/burst';
import { deriveSmtpPassword } from '../src/base/password';
import { startSesSmtpServer } from '../test/support/sesSmtpServer';
import { startDelayProxy } from './delayProxy';
import { median, msRange, ratioRange, timed, type Row } from './pairs';

const run = promisify(execFile);
const USER = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REGION = 'us-east-1';
const POOL = 5;

export async function burstVsSwaksRows(pairs: number, delayMs: number, count: number): Promise<Row[]> {
  const password = deriveSmtpPassword(SECRET, REGION);
  const server = await startSesSmtpServer({
    region: REGION,
    tls: 'starttls',
    users: [{ accessKeyId: USER, secretAccessKey: SECRET }],
    verified: ['example.com'],
  });
  const proxy = await startDelayProxy({ host: server.host, port: server.port }, delayMs);
  const mail = { from: 'bench@example.com', to: ['success@simulator.amazonses.com'], subject: 'bench', text: 'x' };
  const options = {
    host: '127.0.0.1',
    port: proxy.port,
    tls: 'starttls' as const,
    username: USER,
    password,
    ca: server.ca,
    mail,
    count,
    rate: 1000,
    poolSize: POOL,
  };
  const inProcess = async (): Promise<number> => {
    const [t, s] = await timed(() => sendTestBurst(options));
    if (s.accepted !== count) throw new Error(`burst: ${s.accepted} of ${count} accepted`);
    return t;
  };
  const asProcess = async (): Promise<number> => {
    const [t, out] = await timed(() =>
      run(process.execPath, [path.join(__dirname, 'burstCli.js'), JSON.stringify(options)]),
    );
    const s = JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}') as { accepted?: number };
    if (s.accepted !== count) throw new Error(`burst CLI: ${s.accepted} of ${count} accepted`);
    return t;
  };
  // swaks checks no certificate by default; it does STARTTLS and AUTH LOGIN like the others.
  const swaksArgs = [
    ...['--server', '127.0.0.1', '--port', String(proxy.port), '--tls', '--auth', 'LOGIN'],
    ...['--auth-user', USER, '--auth-password', password, '--from', mail.from, '--to', mail.to[0]],
    ...['--header', 'Subject: bench', '--body', 'x', '--silent', '2'],
  ];
  const swaks = async (): Promise<number> => {
    const [t] = await timed(async () => {
      for (let i = 0; i < count; i++) await run('swaks', swaksArgs);
    });
    return t;
  };
  try {
    const sides = [asProcess, inProcess, swaks];
    const times: number[][] = [[], [], []];
    for (let i = 0; i < pairs; i++) {
      for (let k = 0; k < sides.length; k++) {
        const side = (i + k) % sides.length; // the order rotates from sample to sample
        times[side].push(await sides[side]());
      }
    }
    const [cli, host, loop] = times;
    const faster = (ours: number[]): number[] => ours.map((t, i) => loop[i] / t);
    const row = (what: string, ours: number[]): Row => ({
      what: `test burst of ${count} (sendTestBurst, pool of ${POOL}) ${what} vs ${count} sequential swaks processes, ${delayMs} ms each way, ${pairs} interleaved samples; ratio = swaks time / ours`,
      ours: msRange(ours),
      baseline: msRange(loop),
      ratio: ratioRange(faster(ours)),
      target: '≥ 10 ×',
      met: median(faster(ours)) >= 10 ? 'yes' : 'no',
    });
    return [
      row('as a process too (bench/burstCli.js: Node start-up, dist/smtp.js, the burst), like for like', cli),
      row('in the running extension host, as users meet it (no start-up)', host),
    ];
  } finally {
    await proxy.stop();
    await server.stop();
  }
}
