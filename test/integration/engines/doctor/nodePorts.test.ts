// The Doctor's certificate probe keeps TLS verification on: a certificate this machine does not
// trust is reported as refused, with Node's reason; one it trusts is read for its issuer.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { peerCertificate } from '../../../../src/engines/doctor/nodePorts';
import { startSesSmtpServer } from '../../../support/sesSmtpServer';

let server: Awaited<ReturnType<typeof startSesSmtpServer>>;
before(async () => {
  server = await startSesSmtpServer({ region: 'eu-west-1', tls: 'starttls', users: [] });
});
after(() => server.stop());

test('a certificate from a CA this machine does not trust is refused, with the reason', async () => {
  const cert = await peerCertificate(server.host, server.port, 'starttls', 5000, new AbortController().signal);
  assert.equal(cert.trusted, false);
  assert.match(cert.error ?? '', /CERT|SELF_SIGNED|UNABLE_TO/);
  assert.match(cert.issuer, /^unknown/);
});

test('a trusted certificate is read for its issuer and names', async () => {
  const cert = await peerCertificate(server.host, server.port, 'starttls', 5000, new AbortController().signal, {
    ca: server.ca,
  });
  assert.equal(cert.trusted, true);
  assert.equal(cert.error, undefined);
  assert.notEqual(cert.issuer, '(none)');
});
