// Network faults against loopback peers: every case ends within its time limit with a named
// error, no unhandled rejection, and no socket left open.
import { test, describe, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { checkSmtpLogin } from '../../../../src/engines/smtp/session';
import { sendTestMail } from '../../../../src/engines/smtp/send';
import { diagnose } from '../../../../src/engines/smtp/diagnose';
import { deriveSmtpPassword } from '../../../../src/base/password';
import {
  openTcpHandles,
  openingToTls,
  startScriptedServer,
  write,
  type ScriptedServer,
} from '../../../support/faultyServers';
import { expiredCertificate, testCertificate } from '../../../support/tls';
import { startSesSmtpServer } from '../../../support/sesSmtpServer';

const USER = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PASSWORD = deriveSmtpPassword(SECRET, 'us-east-1');
const mail = { from: 'a@example.com', to: ['success@simulator.amazonses.com'], subject: 's', text: 'body' };

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

describe('network faults', () => {
  let servers: ScriptedServer[] = [];
  let handlesBefore = 0;
  before(() => {
    process.on('unhandledRejection', onUnhandled);
    handlesBefore = openTcpHandles();
  });
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    servers = [];
    // Let closes land, then nothing of ours may remain open.
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(openTcpHandles(), handlesBefore, 'no socket or server left open');
  });
  after(() => {
    process.off('unhandledRejection', onUnhandled);
    assert.deepEqual(unhandled, [], 'no unhandled rejection');
  });
  const serve = async (...args: Parameters<typeof startScriptedServer>): Promise<ScriptedServer> => {
    const s = await startScriptedServer(...args);
    servers.push(s);
    return s;
  };

  test('a drop right after the STARTTLS reply fails in the starttls phase', async () => {
    const server = await serve(async (socket, lines) => {
      const it = lines[Symbol.asyncIterator]();
      write(socket, '220 ready');
      await it.next();
      write(socket, '250-test\r\n250 STARTTLS');
      await it.next();
      write(socket, '220 Ready to start TLS');
      socket.destroy();
    });
    const result = await checkSmtpLogin({
      host: '127.0.0.1',
      port: server.port,
      tls: 'starttls',
      username: USER,
      password: PASSWORD,
      phaseTimeoutMs: 3000,
    });
    assert.equal(result.ok, false);
    assert.equal(result.failure?.phase, 'starttls');
    assert.ok(['TLS', 'CLOSED'].includes(result.failure!.code), result.failure!.code);
  });

  test('a server whose EHLO lists no STARTTLS is named as offering none, not as a failed TLS handshake', async () => {
    const server = await serve(async (socket, lines) => {
      const it = lines[Symbol.asyncIterator]();
      write(socket, '220 relay.example ESMTP');
      await it.next(); // EHLO
      write(socket, '250-relay.example\r\n250-PIPELINING\r\n250 AUTH PLAIN LOGIN');
      await it.next(); // STARTTLS, sent because TLS is required
      write(socket, '502 5.5.1 Unrecognized command');
      await it.next();
    });
    const result = await checkSmtpLogin({
      host: '127.0.0.1',
      port: server.port,
      tls: 'starttls',
      username: USER,
      password: PASSWORD,
      phaseTimeoutMs: 3000,
    });
    assert.equal(result.ok, false);
    assert.equal(result.failure?.code, 'TLS_NOT_OFFERED', JSON.stringify(result.failure));
    assert.match(result.failure!.message, /offers no STARTTLS/);
    assert.equal(result.failure?.reply, '502 5.5.1 Unrecognized command');
    assert.ok(!server.received.some((l) => /^AUTH/i.test(l)), 'no credentials were sent in the clear');
    assert.equal(diagnose(result)[0].id, 'starttls-not-offered');
  });

  test('a server that lists STARTTLS but answers it with 454 is a temporary failure, not "no STARTTLS"', async () => {
    const server = await serve(async (socket, lines) => {
      const it = lines[Symbol.asyncIterator]();
      write(socket, '220 relay.example ESMTP');
      await it.next(); // EHLO
      write(socket, '250-relay.example\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN');
      await it.next(); // STARTTLS
      write(socket, '454 4.7.0 TLS not available due to temporary reason');
      await it.next();
    });
    const result = await checkSmtpLogin({
      host: '127.0.0.1',
      port: server.port,
      tls: 'starttls',
      username: USER,
      password: PASSWORD,
      phaseTimeoutMs: 3000,
    });
    assert.equal(result.failure?.code, 'TEMPORARY', JSON.stringify(result.failure));
    assert.equal(result.failure?.phase, 'starttls');
    assert.equal(result.failure?.responseCode, 454);
  });

  test('the login check ends at 235: QUIT is sent, no 221 awaited, and no socket is left', async () => {
    const cert = testCertificate();
    let quitSeen: () => void = () => undefined;
    const quit = new Promise<void>((resolve) => (quitSeen = resolve));
    const server = await serve(
      async (socket, lines, upgrade) => {
        const it = lines[Symbol.asyncIterator]();
        const secure = await openingToTls(socket, it, upgrade);
        await it.next(); // EHLO
        write(secure, '250-test\r\n250 AUTH PLAIN LOGIN');
        await it.next(); // AUTH
        write(secure, '235 Authentication successful.');
        const next = await it.next();
        if (next.value === 'QUIT' || next.done) quitSeen();
        // Never answers QUIT and never closes its side (half-open): waiting for 221 or for the server's
        // close would run into the time limit, and a socket only ended would stay open.
      },
      { cert, allowHalfOpen: true },
    );
    const listening = openTcpHandles();
    const result = await checkSmtpLogin({
      host: '127.0.0.1',
      port: server.port,
      tls: 'starttls',
      username: USER,
      password: PASSWORD,
      ca: cert.cert,
      phaseTimeoutMs: 5000,
    });
    assert.equal(result.ok, true, JSON.stringify(result.failure));
    assert.equal(result.phaseReached, 'quit');
    assert.deepEqual(
      result.phases.map((p) => p.phase),
      ['connect', 'greeting', 'ehlo', 'starttls', 'ehlo-tls', 'auth', 'quit'],
    );
    assert.ok(
      result.transcript.some((l) => l.dir === 'C' && l.text === 'QUIT'),
      'the transcript shows QUIT',
    );
    assert.ok(!result.transcript.some((l) => l.dir === 'S' && /^221/.test(l.text)), 'no 221 was waited for');
    await quit; // the server saw QUIT (or the connection closing)
    // Only the server's own half-open socket remains: ours is gone without the server closing.
    // (nodemailer alone would keep it up to 5 s; the bound here is under that.)
    for (let waited = 0; openTcpHandles() > listening + 1 && waited < 2000; waited += 10) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(openTcpHandles(), listening + 1, 'the client socket is closed while the server keeps its side open');
  });

  test('a drop in the middle of DATA fails the send in the data phase, named as a closed connection', async () => {
    const cert = testCertificate();
    const server = await serve(async (socket, lines, upgrade) => {
      const it = lines[Symbol.asyncIterator]();
      const secure = await openingToTls(socket, it, upgrade);
      await it.next(); // EHLO
      write(secure, '250-test\r\n250 AUTH PLAIN LOGIN');
      await it.next(); // AUTH
      write(secure, '235 Authentication successful.');
      await it.next(); // MAIL
      write(secure, '250 Ok');
      await it.next(); // RCPT
      write(secure, '250 Ok');
      await it.next(); // DATA
      write(secure, '354 End data with <CR><LF>.<CR><LF>');
      await it.next(); // first line of the message
      secure.destroy();
    });
    const outcome = await sendTestMail({
      host: '127.0.0.1',
      port: server.port,
      tls: 'starttls',
      username: USER,
      password: PASSWORD,
      ca: cert.cert,
      phaseTimeoutMs: 3000,
      retryDelaysMs: [],
      mail,
    });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.result.failure?.phase, 'data');
    assert.equal(outcome.result.failure?.code, 'CLOSED');
    assert.equal(diagnose(outcome.result)[0].id, 'connection-closed');
  });

  test('a server that never greets times out in the greeting phase', async () => {
    const server = await serve(async () => undefined);
    const result = await checkSmtpLogin({
      host: '127.0.0.1',
      port: server.port,
      tls: 'starttls',
      username: USER,
      password: PASSWORD,
      phaseTimeoutMs: 800,
    });
    assert.equal(result.failure?.code, 'TIMEOUT');
    assert.equal(result.failure?.phase, 'greeting');
    assert.equal(diagnose(result)[0].id, 'no-greeting');
  });

  test('a server that answers one byte per second times out in the greeting phase', async () => {
    const timers = new Set<NodeJS.Timeout>();
    const server = await serve(async (socket) => {
      const greeting = '220 slow server ready\r\n';
      let i = 0;
      const tick = (): void => {
        if (socket.destroyed || i >= greeting.length) return;
        socket.write(greeting[i++]);
        const t = setTimeout(tick, 1000);
        timers.add(t);
      };
      tick();
      socket.on('close', () => timers.forEach(clearTimeout));
    });
    const result = await checkSmtpLogin({
      host: '127.0.0.1',
      port: server.port,
      tls: 'starttls',
      username: USER,
      password: PASSWORD,
      phaseTimeoutMs: 2500,
    });
    timers.forEach(clearTimeout);
    assert.equal(result.failure?.code, 'TIMEOUT');
    assert.equal(result.failure?.phase, 'greeting');
    assert.match(result.failure!.message, /greeting took longer than 2\.5 s/i);
  });

  test('an expired certificate is refused, even when its CA is trusted', async () => {
    const cert = expiredCertificate();
    const server = await startSesSmtpServer({
      region: 'us-east-1',
      tls: 'implicit',
      users: [{ accessKeyId: USER, secretAccessKey: SECRET }],
      certificate: cert,
    });
    try {
      const result = await checkSmtpLogin({
        host: server.host,
        port: server.port,
        tls: 'implicit',
        username: USER,
        password: PASSWORD,
        ca: cert.cert,
        phaseTimeoutMs: 3000,
      });
      assert.equal(result.failure?.code, 'TLS_CERT');
      assert.match(result.failure!.message, /expired/i);
      assert.equal(server.authAttempts.length, 0, 'no credentials were sent');
    } finally {
      await server.stop();
    }
  });

  test('a certificate for another host name is refused, and named as a name mismatch with the name to dial', async () => {
    const cert = testCertificate({ names: 'DNS:not-this-host.example' });
    const server = await startSesSmtpServer({
      region: 'us-east-1',
      tls: 'starttls',
      users: [{ accessKeyId: USER, secretAccessKey: SECRET }],
      certificate: cert,
    });
    try {
      const result = await checkSmtpLogin({
        host: server.host,
        port: server.port,
        tls: 'starttls',
        username: USER,
        password: PASSWORD,
        ca: cert.cert,
        phaseTimeoutMs: 3000,
      });
      assert.equal(result.failure?.code, 'TLS_CERT');
      assert.equal(result.failure?.phase, 'starttls');
      assert.equal(server.authAttempts.length, 0, 'no credentials were sent');
      // Trusted (its CA is given) but for another name: not taken for an interception.
      const [cause] = diagnose(result, { region: 'us-east-1' });
      assert.equal(cause.id, 'tls-name-mismatch');
      assert.match(cause.fix, /^Connect by name, not by address: email-smtp\.us-east-1\.amazonaws\.com/);
    } finally {
      await server.stop();
    }
  });

  test('a storm of 421 replies ends after the retries with the 421 named', async () => {
    let connections = 0;
    const server = await serve(async (socket) => {
      connections++;
      write(socket, '421 Too many concurrent SMTP connections; please try again later.');
      socket.end();
    });
    const outcome = await sendTestMail({
      host: '127.0.0.1',
      port: server.port,
      tls: 'starttls',
      username: USER,
      password: PASSWORD,
      phaseTimeoutMs: 3000,
      retryDelaysMs: [1, 1, 1],
      mail,
    });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.attempts.length, 4, 'first try plus three retries');
    assert.equal(connections, 4);
    assert.equal(outcome.result.failure?.responseCode, 421);
    assert.equal(diagnose(outcome.result)[0].id, 'too-many-connections');
  });

  test('a storm of 454 throttling replies ends after the retries as throttled', async () => {
    const server = await startSesSmtpServer({
      region: 'us-east-1',
      tls: 'starttls',
      users: [{ accessKeyId: USER, secretAccessKey: SECRET }],
      throttleNext: 100,
    });
    try {
      const outcome = await sendTestMail({
        host: server.host,
        port: server.port,
        tls: 'starttls',
        username: USER,
        password: PASSWORD,
        ca: server.ca,
        phaseTimeoutMs: 3000,
        retryDelaysMs: [1, 1],
        mail,
      });
      assert.equal(outcome.ok, false);
      assert.equal(outcome.attempts.length, 3);
      assert.equal(diagnose(outcome.result)[0].id, 'throttled');
      assert.equal(server.received.length, 0);
    } finally {
      await server.stop();
    }
  });

  test('connection refused ends at once as REFUSED', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const outcome = await sendTestMail({
      host: '127.0.0.1',
      port,
      tls: 'starttls',
      username: USER,
      password: PASSWORD,
      phaseTimeoutMs: 3000,
      retryDelaysMs: [1],
      mail,
    });
    assert.equal(outcome.result.failure?.code, 'REFUSED');
    assert.equal(outcome.attempts.length, 1, 'a refused connection is not a 4xx and is not retried');
  });
});
