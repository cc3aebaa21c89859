// The Doctor's certificate probe keeps TLS verification on: a certificate this machine does not
// trust is reported as refused, with Node's reason; one it trusts is read for its issuer.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { peerCertificate } from '../../../../src/engines/doctor/nodePorts';
import { startSesSmtpServer } from '../../../support/sesSmtpServer';

let server: Awaited<ReturnType<typeof startSesSmtpServer>>;
before(async () => {
  server = await startSesSmtpServer({ region: 'eu-west-1', tls: 'starttls', users: [] });
});
after(() => server.stop());

test('a certificate from a CA this machine does not trust is not trusted, with the reason, and still shown', async () => {
  const cert = await peerCertificate(server.host, server.port, 'starttls', 5000, new AbortController().signal);
  assert.equal(cert.trusted, false);
  assert.match(cert.error ?? '', /CERT|SELF_SIGNED|UNABLE_TO/);
  // Read, not refused: the trust dialog shows who it claims to be and its fingerprint.
  assert.equal(cert.issuer, 'localhost');
  assert.match(cert.sha256 ?? '', /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
});

test('a trusted certificate is read for its issuer and names', async () => {
  const cert = await peerCertificate(server.host, server.port, 'starttls', 5000, new AbortController().signal, {
    ca: server.ca,
  });
  assert.equal(cert.trusted, true);
  assert.equal(cert.error, undefined);
  assert.notEqual(cert.issuer, '(none)');
});

// A server that hangs up (a 421 greeting then a close, or a close with no greeting): the probe says
// what the server did at once, instead of waiting out its time limit and calling it a time-out.
for (const [what, greeting] of [
  ['after a 421 greeting', '421 4.3.2 Service not available, closing transmission channel\r\n'],
  ['before any greeting', ''],
] as const) {
  test(`a server that closes the connection ${what} is reported as such at once, not as a time-out`, async () => {
    const sockets = new Set<net.Socket>();
    const closer = net.createServer((socket) => {
      sockets.add(socket);
      socket.end(greeting);
    });
    await new Promise<void>((r) => closer.listen(0, '127.0.0.1', r));
    try {
      const { port } = closer.address() as net.AddressInfo;
      // A limit far beyond how long the test runs: before the fix the probe waited it out.
      const err = await peerCertificate('127.0.0.1', port, 'starttls', 120_000, new AbortController().signal).then(
        () => assert.fail('the probe resolved'),
        (e: NodeJS.ErrnoException) => e,
      );
      if (greeting) {
        // The 421 itself ends the probe: no EHLO goes to a server that refused the session.
        assert.equal(err.code, 'NO_GREETING');
        assert.match(err.message, /421 4\.3\.2/);
      } else {
        assert.equal(err.code, 'CLOSED');
        assert.match(err.message, /closed the connection/);
      }
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => closer.close(() => r()));
    }
  });
}
