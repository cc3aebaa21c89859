// Issue #17: importing a credentials.csv whose region is not known. Every region's endpoint is
// pointed at 127.0.0.1: the server of the right region accepts the login, the server of another
// region refuses it (the v4 password is per region), the rest are closed ports.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { parseCredentialsCsv } from '../../../../src/features/credentials/logic/csv';
import { findRegionByLogin } from '../../../../src/engines/smtp/findRegion';
import { checkSmtpLogin } from '../../../../src/engines/smtp/session';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { SES_REGIONS } from '../../../../src/base/regions';
import { startSesSmtpServer, type SesServer } from '../../../support/sesSmtpServer';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const RIGHT = 'ap-southeast-2';
const WRONG = 'eu-west-1';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('finding the region of imported SMTP credentials by logging in', () => {
  let right: SesServer;
  let wrong: SesServer;
  let closed: number;
  const users = [{ accessKeyId: KEY, secretAccessKey: SECRET }];

  before(async () => {
    right = await startSesSmtpServer({ region: RIGHT, tls: 'starttls', users });
    wrong = await startSesSmtpServer({ region: WRONG, tls: 'starttls', users });
    closed = await closedPort();
  });
  after(async () => {
    await right.stop();
    await wrong.stop();
  });

  const hostFor = (region: string) => {
    const server = region === RIGHT ? right : region === WRONG ? wrong : undefined;
    return { host: '127.0.0.1', port: server?.port ?? closed, tls: 'starttls' as const };
  };

  test('a credentials.csv with the password for one region: that region is found, no mail sent', async () => {
    const password = deriveSmtpPassword(SECRET, RIGHT);
    const csv = `\uFEFFIAM User Name,Smtp Username,Smtp Password\r\nses-smtp-user.app,${KEY},${password}\r\n`;
    const [row] = parseCredentialsCsv(csv).rows;
    assert.equal(row.kind, 'smtp');
    if (row.kind !== 'smtp') return;
    const regions = SES_REGIONS.map((r) => r.id);
    const progress: string[] = [];
    const result = await findRegionByLogin({
      regions,
      username: row.username,
      password: row.password,
      endpointFor: hostFor,
      login: checkSmtpLogin,
      concurrency: 4,
      phaseTimeoutMs: 5000,
      ca: right.ca,
      onProgress: (_n, _t, region) => progress.push(region),
    });
    assert.equal(result.kind, 'found', JSON.stringify(result));
    assert.equal(result.kind === 'found' && result.region, RIGHT);
    assert.ok(progress.length <= regions.length);
    assert.deepEqual(right.authAttempts.slice(-1), [{ username: KEY, ok: true }]);
    assert.equal(right.received.length + wrong.received.length, 0, 'a mail was sent');
  });

  test('the password of a region not served: none found; refusals and closed ports told apart', async () => {
    // A username of its own: a login of the test before that is still under way counts for KEY.
    const username = 'AKIANOTSERVEDEXAMPLE';
    const result = await findRegionByLogin({
      regions: [WRONG, RIGHT, 'us-east-1', 'sa-east-1'],
      username,
      password: deriveSmtpPassword(SECRET, 'ca-central-1'),
      endpointFor: hostFor,
      login: checkSmtpLogin,
      phaseTimeoutMs: 5000,
      ca: right.ca,
    });
    assert.equal(result.kind, 'none');
    if (result.kind !== 'none') return;
    assert.deepEqual(result.unreachable.sort(), ['sa-east-1', 'us-east-1']);
    assert.match(result.firstFailure ?? '', /535/);
    assert.equal(wrong.authAttempts.filter((a) => a.username === username).length, 1);
  });

  test('cancelled while trying: stops, reports cancelled', async () => {
    const ac = new AbortController();
    const result = await findRegionByLogin({
      regions: SES_REGIONS.map((r) => r.id).filter((r) => r !== RIGHT),
      username: KEY,
      password: deriveSmtpPassword(SECRET, RIGHT),
      endpointFor: hostFor,
      login: checkSmtpLogin,
      concurrency: 2,
      phaseTimeoutMs: 5000,
      ca: right.ca,
      signal: ac.signal,
      onProgress: (tried) => tried >= 2 && ac.abort(),
    });
    assert.equal(result.kind, 'cancelled');
    assert.ok(result.tried < SES_REGIONS.length - 1, `tried ${result.tried}`);
  });

  test('an accessKeys.csv: the password derived for the region logs in there', async () => {
    const [row] = parseCredentialsCsv(`Access key ID,Secret access key\n${KEY},${SECRET}\n`).rows;
    assert.equal(row.kind, 'access-key');
    if (row.kind !== 'access-key') return;
    const ok = await checkSmtpLogin({
      ...hostFor(RIGHT),
      username: row.accessKeyId,
      password: deriveSmtpPassword(row.secretAccessKey, RIGHT),
      ca: right.ca,
    });
    assert.equal(ok.ok, true, JSON.stringify(ok.failure));
    const elsewhere = await checkSmtpLogin({
      ...hostFor(WRONG),
      username: row.accessKeyId,
      password: deriveSmtpPassword(row.secretAccessKey, RIGHT),
      ca: right.ca,
    });
    assert.equal(elsewhere.failure?.code, 'AUTH_FAILED');
  });
});
