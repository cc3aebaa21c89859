// The SMTP rows of bench/RESULTS.md: the login check, one test mail and the test burst, each as
// the extension runs it against nodemailer's own, both in this process, behind the delaying proxy.
import nodemailer from 'nodemailer';
import { checkSmtpLogin } from '../src/engines/smtp/session';
import { deriveSmtpPassword } from '../src/base/password';
import { sendTestMail } from '../src/engines/smtp/send';
import { sendTestBurst } from '../src/engines/smtp/burst';
import { startSesSmtpServer } from '../test/support/sesSmtpServer';
import { startDelayProxy } from './delayProxy';
import { interleaved, median, msRange, ratioRange, timed, type Row } from './pairs';

const USER = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REGION = 'us-east-1';
const PASSWORD = deriveSmtpPassword(SECRET, REGION);

/** The SES-like server that accepts mail from example.com, behind a proxy delaying each leg by delayMs. */
async function sendingPeer(delayMs: number) {
  const server = await startSesSmtpServer({
    region: REGION,
    tls: 'starttls',
    users: [{ accessKeyId: USER, secretAccessKey: SECRET }],
    verified: ['example.com'],
  });
  const proxy = await startDelayProxy({ host: server.host, port: server.port }, delayMs);
  return { server, proxy };
}

/** The login check as the extension runs it vs nodemailer's own verify(), both in this process. */
export async function login(rows: Row[], PAIRS: number, DELAY_MS: number): Promise<void> {
  const server = await startSesSmtpServer({
    region: REGION,
    tls: 'starttls',
    users: [{ accessKeyId: USER, secretAccessKey: SECRET }],
  });
  const proxies = [
    await startDelayProxy({ host: server.host, port: server.port }, DELAY_MS / 2),
    await startDelayProxy({ host: server.host, port: server.port }, DELAY_MS),
  ];
  const ours = (port: number) => async (): Promise<number> => {
    const [t, result] = await timed(() =>
      checkSmtpLogin({ host: '127.0.0.1', port, tls: 'starttls', username: USER, password: PASSWORD, ca: server.ca }),
    );
    if (!result.ok) throw new Error(`our login check failed: ${result.failure?.message}`);
    return t;
  };
  const verify = (port: number) => async (): Promise<number> => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      requireTLS: true,
      auth: { user: USER, pass: PASSWORD },
      tls: { ca: server.ca },
    });
    const [t] = await timed(() => transport.verify());
    transport.close();
    return t;
  };
  try {
    const slow = await interleaved(PAIRS, ours(proxies[1].port), verify(proxies[1].port));
    const fast = await interleaved(PAIRS, ours(proxies[0].port), verify(proxies[0].port));
    // One-way delays from the slope between the two proxy latencies (what the delay adds per leg).
    const legs = (at100: number[], at50: number[]): number => (median(at100) - median(at50)) / (DELAY_MS / 2);
    const oursLegs = legs(slow.a, fast.a);
    const verifyLegs = legs(slow.b, fast.b);
    rows.push({
      what: `login check (checkSmtpLogin) vs nodemailer verify(), both in-process, ${DELAY_MS} ms each way, ${PAIRS} interleaved pairs`,
      ours: msRange(slow.a),
      baseline: msRange(slow.b),
      ratio: ratioRange(slow.ratios),
      target: '≤ 1.0 ×',
      met: median(slow.ratios) <= 1.0 ? 'yes' : 'no',
    });
    rows.push({
      what: 'one-way network delays a login check waits for (slope between 50 and 100 ms per leg)',
      ours: `${oursLegs.toFixed(1)}`,
      baseline: `verify(): ${verifyLegs.toFixed(1)}`,
      ratio: `${(oursLegs / verifyLegs).toFixed(2)} ×`,
      target: '≤ 12 delays',
      met: oursLegs <= 12.5 ? 'yes' : 'no',
    });
  } finally {
    for (const p of proxies) await p.stop();
    await server.stop();
  }
}

/** One test mail as the extension sends it (sendTestMail) vs nodemailer's sendMail on a new transport. */
export async function send(rows: Row[], PAIRS: number, DELAY_MS: number): Promise<void> {
  const { server, proxy } = await sendingPeer(DELAY_MS);
  const mail = { from: 'bench@example.com', to: ['success@simulator.amazonses.com'], subject: 'bench', text: 'x' };
  try {
    const stats = await interleaved(
      PAIRS,
      async () => {
        const [t, outcome] = await timed(() =>
          sendTestMail({
            host: '127.0.0.1',
            port: proxy.port,
            tls: 'starttls',
            username: USER,
            password: PASSWORD,
            ca: server.ca,
            mail,
          }),
        );
        if (!outcome.ok) throw new Error('our send failed');
        return t;
      },
      async () => {
        const transport = nodemailer.createTransport({
          host: '127.0.0.1',
          port: proxy.port,
          secure: false,
          requireTLS: true,
          auth: { user: USER, pass: PASSWORD },
          tls: { ca: server.ca },
        });
        const [t] = await timed(() => transport.sendMail({ ...mail, to: mail.to[0] }));
        transport.close();
        return t;
      },
    );
    rows.push({
      what: `one test mail (sendTestMail) vs nodemailer sendMail on a new transport, in-process, ${DELAY_MS} ms each way, ${PAIRS} interleaved pairs`,
      ours: msRange(stats.a),
      baseline: msRange(stats.b),
      ratio: ratioRange(stats.ratios),
      target: '≤ 1.05 ×',
      met: median(stats.ratios) <= 1.05 ? 'yes' : 'no',
    });
  } finally {
    await proxy.stop();
    await server.stop();
  }
}

/**
 * A test burst (sendTestBurst, the extension's code path, unthrottled pace) against a bare
 * nodemailer pool of the same size sending the same messages at once, both in-process. (Against
 * swaks: bench/burstSwaks.ts, with process start-up on both sides.)
 */
export async function burst(rows: Row[], PAIRS: number, DELAY_MS: number): Promise<void> {
  const { server, proxy } = await sendingPeer(DELAY_MS);
  const POOL = 5;
  const mail = { from: 'bench@example.com', to: ['success@simulator.amazonses.com'], subject: 'bench', text: 'x' };
  const ours = (count: number) => async (): Promise<number> => {
    const [t, s] = await timed(() =>
      sendTestBurst({
        host: '127.0.0.1',
        port: proxy.port,
        tls: 'starttls',
        username: USER,
        password: PASSWORD,
        ca: server.ca,
        mail,
        count,
        rate: 1000,
        poolSize: POOL,
      }),
    );
    if (s.accepted !== count) throw new Error(`burst: ${s.accepted} of ${count} accepted`);
    return t;
  };
  const pool = (count: number) => async (): Promise<number> => {
    const transport = nodemailer.createTransport({
      pool: true,
      maxConnections: POOL,
      maxMessages: Infinity,
      host: '127.0.0.1',
      port: proxy.port,
      secure: false,
      requireTLS: true,
      auth: { user: USER, pass: PASSWORD },
      tls: { ca: server.ca },
    });
    const [t] = await timed(() =>
      Promise.all(Array.from({ length: count }, () => transport.sendMail({ ...mail, to: mail.to[0] }))),
    );
    transport.close();
    return t;
  };
  const N = Number(process.env.BENCH_BURST_N ?? 100);
  try {
    const perSecond = (n: number, ms: number[]): string => `${(n / (median(ms) / 1000)).toFixed(1)}/s`;
    const vsPool = await interleaved(PAIRS, ours(N), pool(N));
    const speed = vsPool.ratios.map((r) => 1 / r);
    rows.push({
      what: `test burst of ${N} (sendTestBurst, pool of ${POOL}) vs a bare nodemailer pool of ${POOL} sending them all at once, in-process, ${DELAY_MS} ms each way, ${PAIRS} interleaved pairs; ratio = throughput ours / theirs`,
      ours: `${msRange(vsPool.a)} (${perSecond(N, vsPool.a)})`,
      baseline: `${msRange(vsPool.b)} (${perSecond(N, vsPool.b)})`,
      ratio: ratioRange(speed),
      target: '≥ 0.9 ×',
      met: median(speed) >= 0.9 ? 'yes' : 'no',
    });
  } finally {
    await proxy.stop();
    await server.stop();
  }
}
