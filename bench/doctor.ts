// The doctor's whole run against its slowest check alone, in interleaved pairs (bench/pairs.ts):
// the checks run side by side, so the run should cost about its slowest check, not their sum.
// Everything is local (the AWS API peer, the SES and IAM/STS peers, an SES-like SMTP server) behind proxies
// that delay every chunk, so round trips count as on a real network.
// Run: npm run --silent compile-tests && node out/bench/doctor.js  (BENCH_DELAY_MS, BENCH_PAIRS)
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { doctorChecks, runDoctor } from '../src/engines/doctor';
import { type DoctorInput, type DoctorPorts } from '../src/engines/doctor/types';
import { doctorAwsFrom } from '../src/engines/doctor/awsPorts';
import { peerCertificate, resolveHost, tcpConnect } from '../src/engines/doctor/nodePorts';
import { runChecks } from '../src/engines/doctor/runner';
import { deriveSmtpPassword } from '../src/base/password';
import { checkSmtpLogin } from '../src/engines/smtp/session';
import { startIamStsPeer } from '../test/support/iamStsPeer';
import { startAwsPeer } from '../test/support/awsPeer';
import { startSesApiServer } from '../test/support/sesApiServer';
import { startSesSmtpServer } from '../test/support/sesSmtpServer';
import { startDelayProxy } from './delayProxy';
import { interleaved, median, msRange, ratioRange } from './pairs';

const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 50);
const PAIRS = Math.max(10, Number(process.env.BENCH_PAIRS ?? 10));
const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-south-1',
  'ap-southeast-2',
  'sa-east-1',
];

/** What was started, stopped in reverse order whatever happens . */
const stops: Array<() => Promise<void> | void> = [];
function started<T extends { stop(): Promise<void> }>(server: T): T {
  stops.push(() => server.stop());
  return server;
}

async function main(): Promise<void> {
  const awsPeer = started(await startAwsPeer());
  const iamRoot = new IAMClient({ region: 'us-east-1', endpoint: awsPeer.endpoint, credentials: awsPeer.credentials });
  stops.push(() => iamRoot.destroy());
  await iamRoot.send(new CreateUserCommand({ UserName: 'bench-smtp' }));
  await iamRoot.send(
    new PutUserPolicyCommand({
      UserName: 'bench-smtp',
      PolicyName: 'send',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'ses:SendRawEmail', Resource: '*' }],
      }),
    }),
  );
  const key = (await iamRoot.send(new CreateAccessKeyCommand({ UserName: 'bench-smtp' }))).AccessKey!;
  const sesApi = started(
    await startSesApiServer({
      accessKeyIds: [awsPeer.credentials.accessKeyId],
      regions: { 'eu-west-1': { identities: [{ name: 'example.com' }], account: { productionAccessEnabled: true } } },
    }),
  );
  const peer = started(await startIamStsPeer({ upstream: awsPeer.endpoint, ses: sesApi.endpoint }));
  const smtp = started(
    await startSesSmtpServer({
      region: 'eu-west-1',
      tls: 'starttls',
      users: [{ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }],
    }),
  );
  const smtpProxy = started(await startDelayProxy({ host: smtp.host, port: smtp.port }, DELAY_MS));
  const peerUrl = new URL(peer.endpoint);
  const apiProxy = started(await startDelayProxy({ host: peerUrl.hostname, port: Number(peerUrl.port) }, DELAY_MS));
  const endpoint = `http://127.0.0.1:${apiProxy.port}`;
  const credentials = awsPeer.credentials;
  const ses = new Map<string, SESv2Client>();
  const ports: DoctorPorts = {
    login: checkSmtpLogin,
    aws: doctorAwsFrom({
      iam: new IAMClient({ region: 'us-east-1', endpoint, credentials }),
      ses: (r) => ses.get(r) ?? ses.set(r, new SESv2Client({ region: r, endpoint, credentials })).get(r)!,
      sts: { region: 'eu-west-1', endpoint, credentials: async () => credentials },
    }),
    dns: async (records) =>
      records.map((record) => ({ record, status: 'pass' as const, found: [record.value], message: 'ok' })),
    resolve: resolveHost,
    connect: tcpConnect,
    certificate: (h, p, t, ms, s) => peerCertificate(h, p, t, ms, s, { ca: smtp.ca }),
    regions: REGIONS,
  };
  const input: DoctorInput = {
    username: key.AccessKeyId!,
    password: deriveSmtpPassword(key.SecretAccessKey!, 'eu-west-1'),
    region: 'eu-west-1',
    host: '127.0.0.1',
    port: 587,
    loginVia: smtpProxy.port,
    tls: 'starttls',
    from: 'app@example.com',
    to: ['customer@example.org'],
    ports: [587, 2587, 465, 2465, 25].map((port) => ({ port, via: smtpProxy.port })),
    aws: true,
    ca: smtp.ca,
  };
  const warm = await runDoctor(input, ports);
  const slowest = [...warm.timings].sort((a, b) => b.ms - a.ms)[0].check;
  const sum = warm.timings.reduce((s, t) => s + t.ms, 0);
  const whole = async (): Promise<number> => (await runDoctor(input, ports)).totalMs;
  const alone = async (): Promise<number> => {
    const t = performance.now();
    await runChecks(doctorChecks(input, ports).filter((c) => c.label === slowest));
    return performance.now() - t;
  };
  const stats = await interleaved(PAIRS, whole, alone);
  console.log(
    `SES SMTP Doctor bench: ${DELAY_MS} ms per chunk each way, ${PAIRS} interleaved pairs, ${warm.timings.length} ` +
      `checks, ${REGIONS.length} regions scanned`,
  );
  console.log(`  headline of the run: ${warm.headline}`);
  console.log(`  whole run:                  ${msRange(stats.a)}`);
  console.log(`  slowest check alone (${slowest}): ${msRange(stats.b)}`);
  console.log(`  whole run / slowest check:  ${ratioRange(stats.ratios)}`);
  console.log(
    `  the checks one after another would take about ${sum.toFixed(0)} ms (sum of one run's check times); whole ` +
      `run median ${median(stats.a).toFixed(0)} ms`,
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const stop of stops.reverse()) await stop();
  });
