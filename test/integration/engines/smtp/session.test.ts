import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { checkSmtpLogin } from '../../../../src/engines/smtp/session';
import { SmtpInputError } from '../../../../src/engines/smtp/input';
import { type SmtpCheckOptions, type SmtpCheckResult } from '../../../../src/engines/smtp/types';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { diagnose } from '../../../../src/engines/smtp/diagnose';
import { startSesSmtpServer, type SesServer } from '../../../support/sesSmtpServer';
import { startScriptedServer } from '../../../support/faultyServers';

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REGION = 'eu-central-1';

/** Waits until `done()` holds; a bound, not a timing assertion. */
async function until(done: () => boolean, what: string, limitMs = 5000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > limitMs) assert.fail(`waited ${limitMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function assertNoSecret(result: SmtpCheckResult, secret: string, username = ACCESS_KEY): void {
  const text = JSON.stringify(result);
  const forms = [
    secret,
    Buffer.from(secret).toString('base64'),
    Buffer.from(`\0${username}\0${secret}`).toString('base64'),
    encodeURIComponent(secret),
  ];
  for (const form of forms)
    assert.ok(!text.includes(form), `result must not contain a form of the password: ${form.slice(0, 6)}…`);
}

describe('checkSmtpLogin against an SES-like server', () => {
  let starttls: SesServer;
  let implicit: SesServer;
  before(async () => {
    const users = [{ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET }];
    starttls = await startSesSmtpServer({ region: REGION, tls: 'starttls', users });
    implicit = await startSesSmtpServer({ region: REGION, tls: 'implicit', users });
  });
  after(async () => {
    await starttls.stop();
    await implicit.stop();
  });

  test('a correct v4 password logs in over STARTTLS', async () => {
    const password = deriveSmtpPassword(SECRET, REGION);
    const closedBefore = starttls.closedSessions();
    const result = await checkSmtpLogin({
      host: starttls.host,
      port: starttls.port,
      tls: 'starttls',
      username: ACCESS_KEY,
      password,
      ca: starttls.ca,
    });
    assert.equal(result.failure, undefined, JSON.stringify(result.failure));
    assert.equal(result.ok, true);
    assert.deepEqual(
      result.phases.map((p) => p.phase),
      ['connect', 'greeting', 'ehlo', 'starttls', 'ehlo-tls', 'auth', 'quit'],
    );
    assert.ok(result.phases.every((p) => p.ok && p.ms >= 0));
    assert.match(result.tlsProtocol ?? '', /TLSv1\.[23]/);
    assert.match(result.greeting ?? '', /^220 /);
    assert.ok(
      result.transcript.some((l) => l.dir === 'S' && /^235/.test(l.text)),
      'transcript shows the 235 reply',
    );
    assert.ok(
      result.transcript.some((l) => l.dir === 'C' && /^AUTH PLAIN \*+$/.test(l.text)),
      'AUTH line is masked',
    );
    assertNoSecret(result, password);
    assert.deepEqual(starttls.authAttempts.at(-1), { username: ACCESS_KEY, ok: true });
    // The check ends at 235 with QUIT sent; the server then sees the session end.
    assert.equal(result.transcript.at(-1)?.text, 'QUIT');
    await until(() => starttls.closedSessions() > closedBefore, 'the server to see the session end');
  });

  test('a correct v4 password logs in over implicit TLS', async () => {
    const password = deriveSmtpPassword(SECRET, REGION);
    const result = await checkSmtpLogin({
      host: implicit.host,
      port: implicit.port,
      tls: 'implicit',
      username: ACCESS_KEY,
      password,
      ca: implicit.ca,
    });
    assert.equal(result.ok, true, JSON.stringify(result.failure));
    assert.deepEqual(
      result.phases.map((p) => p.phase),
      ['connect', 'greeting', 'ehlo', 'auth', 'quit'],
    );
    assertNoSecret(result, password);
  });

  test('a password derived for another region gets 535 and the diagnosis names that region', async () => {
    const password = deriveSmtpPassword(SECRET, 'us-west-2');
    const result = await checkSmtpLogin({
      host: starttls.host,
      port: starttls.port,
      tls: 'starttls',
      username: ACCESS_KEY,
      password,
      ca: starttls.ca,
    });
    assert.equal(result.ok, false);
    assert.equal(result.failure?.code, 'AUTH_FAILED');
    assert.equal(result.failure?.phase, 'auth');
    assert.equal(result.failure?.reply, '535 Authentication Credentials Invalid');
    assertNoSecret(result, password);
    const causes = diagnose(result, { username: ACCESS_KEY, password, secretAccessKey: SECRET, region: REGION });
    assert.equal(causes[0].id, 'wrong-region');
    assert.match(causes[0].title, /us-west-2/);
    assert.match(causes[0].fix, /eu-central-1/);
  });

  test('an IAM secret key used as the password is named as such', async () => {
    const result = await checkSmtpLogin({
      host: starttls.host,
      port: starttls.port,
      tls: 'starttls',
      username: ACCESS_KEY,
      password: SECRET,
      ca: starttls.ca,
    });
    assert.equal(result.failure?.code, 'AUTH_FAILED');
    assertNoSecret(result, SECRET);
    const causes = diagnose(result, { username: ACCESS_KEY, password: SECRET, region: REGION });
    assert.equal(causes[0].id, 'secret-key-as-password');
    assert.match(causes[0].title, /secret access key/i);
  });

  test('a server that never greets times out in the greeting phase within the limit', async () => {
    const silent = await startScriptedServer(async () => undefined);
    try {
      const port = silent.port;
      const result = await checkSmtpLogin({
        host: '127.0.0.1',
        port,
        tls: 'starttls',
        username: ACCESS_KEY,
        password: 'x'.repeat(44),
        phaseTimeoutMs: 400,
      });
      assert.equal(result.ok, false);
      assert.equal(result.failure?.code, 'TIMEOUT');
      assert.equal(result.failure?.phase, 'greeting');
      assert.match(result.failure?.message ?? '', /greeting took longer than 0\.4 s/i);
      const causes = diagnose(result, { username: ACCESS_KEY, password: 'x'.repeat(44), port });
      assert.equal(causes[0].id, 'no-greeting');
    } finally {
      await silent.stop();
    }
  });

  test('connection refused is named, and port 25 gets the 587 advice', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const result = await checkSmtpLogin({
      host: '127.0.0.1',
      port,
      tls: 'starttls',
      username: ACCESS_KEY,
      password: 'x',
      phaseTimeoutMs: 2000,
    });
    assert.equal(result.failure?.code, 'REFUSED');
    assert.equal(result.failure?.phase, 'connect');
    const causes = diagnose({ ...result, port: 25 }, { username: ACCESS_KEY, password: 'x', port: 25 });
    assert.equal(causes[0].id, 'port-25-blocked');
  });

  test('an untrusted certificate is refused (verification stays on)', async () => {
    const password = deriveSmtpPassword(SECRET, REGION);
    const result = await checkSmtpLogin({
      host: starttls.host,
      port: starttls.port,
      tls: 'starttls',
      username: ACCESS_KEY,
      password,
    });
    assert.equal(result.ok, false);
    assert.equal(result.failure?.code, 'TLS_CERT');
    assert.equal(result.failure?.phase, 'starttls');
    assert.match(result.failure?.message ?? '', /self-signed certificate/);
    const causes = diagnose(result, { username: ACCESS_KEY, password });
    assert.equal(causes[0].id, 'tls-certificate');
  });

  test('cancelling ends the check with CANCELLED', async () => {
    const controller = new AbortController();
    const silent = await startScriptedServer(async () => undefined);
    try {
      const port = silent.port;
      const pending = checkSmtpLogin({
        host: '127.0.0.1',
        port,
        tls: 'starttls',
        username: ACCESS_KEY,
        password: 'x',
        phaseTimeoutMs: 30_000,
        signal: controller.signal,
        onPhase: (p) => p === 'greeting' && controller.abort(),
      });
      const result = await pending;
      assert.equal(result.failure?.code, 'CANCELLED');
    } finally {
      await silent.stop();
    }
  });

  test('535 Account not subscribed to SES is diagnosed as such', async () => {
    const server = await startSesSmtpServer({ region: 'af-south-1', tls: 'starttls', users: [], notSubscribed: true });
    try {
      const password = deriveSmtpPassword(SECRET, 'af-south-1');
      const result = await checkSmtpLogin({
        host: server.host,
        port: server.port,
        tls: 'starttls',
        username: ACCESS_KEY,
        password,
        ca: server.ca,
      });
      assert.equal(result.failure?.reply, '535 Account not subscribed to SES');
      const causes = diagnose(result, { username: ACCESS_KEY, password, region: 'af-south-1' });
      assert.equal(causes[0].id, 'not-subscribed');
    } finally {
      await server.stop();
    }
  });
});

describe('checkSmtpLogin refuses bad options before connecting', () => {
  const good: SmtpCheckOptions = { host: '127.0.0.1', port: 1, tls: 'starttls', username: ACCESS_KEY, password: 'x' };
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['tls "bogus"', { tls: 'bogus' }, 'tls', /tls must be "starttls" or "implicit", not string "bogus"/],
    ['a time limit of 1e7 s', { phaseTimeoutMs: 1e10 }, 'phaseTimeoutMs', /at most 600 seconds, not 10000000 s/],
    ['a time limit just over 600 s', { phaseTimeoutMs: 600_001 }, 'phaseTimeoutMs', /at most 600 seconds/],
    ['a time limit of 0', { phaseTimeoutMs: 0 }, 'phaseTimeoutMs', /more than 0/],
    ['a negative time limit', { phaseTimeoutMs: -5 }, 'phaseTimeoutMs', /more than 0/],
    ['a time limit of NaN', { phaseTimeoutMs: NaN }, 'phaseTimeoutMs', /not NaN/],
    ['a time limit of Infinity', { phaseTimeoutMs: Infinity }, 'phaseTimeoutMs', /not Infinity/],
    ['a time limit as text', { phaseTimeoutMs: '15000' }, 'phaseTimeoutMs', /not string "15000"/],
    ['a numeric host', { host: 42 }, 'host', /host must be a string, not number 42/],
    ['a host with a space', { host: 'email smtp.example.com' }, 'host', /is not a host name/],
    ['a host with a NUL', { host: 'email-smtp.example.com\0' }, 'host', /is not a host name/],
    ['a port as text', { port: '587' }, 'port', /whole number from 1 to 65535, not string "587"/],
    ['port 0', { port: 0 }, 'port', /whole number/],
    ['a numeric password', { password: 12345 }, 'password', /password must be a string, not number/],
    ['a bigint port', { port: 587n }, 'port', /not bigint 587/],
    ['a symbol username', { username: Symbol('u') }, 'username', /not symbol/],
    ['a missing username', { username: undefined }, 'username', /username must be a string, not undefined/],
    [
      'a client name with a line break',
      { clientName: 'a\r\nMAIL FROM:<x>' },
      'clientName',
      /host name or address literal/,
    ],
    ['onPhase that is not a function', { onPhase: 'x' }, 'onPhase', /must be a function/],
  ];
  for (const [name, change, field, message] of cases) {
    test(name, async () => {
      await assert.rejects(checkSmtpLogin({ ...good, ...change } as unknown as SmtpCheckOptions), (err: unknown) => {
        assert.ok(err instanceof SmtpInputError, String(err));
        assert.equal(err.field, field);
        assert.match(err.message, message);
        return true;
      });
    });
  }
  test('no options at all', async () => {
    await assert.rejects(
      checkSmtpLogin(undefined as unknown as SmtpCheckOptions),
      /The SMTP options must be an object, not undefined/,
    );
  });
  test('the largest time limit and a fraction of a second are accepted', async () => {
    for (const phaseTimeoutMs of [600_000, 0.5]) {
      const result = await checkSmtpLogin({ ...good, phaseTimeoutMs, signal: AbortSignal.abort() });
      assert.equal(result.failure?.code, 'CANCELLED');
    }
  });
});
