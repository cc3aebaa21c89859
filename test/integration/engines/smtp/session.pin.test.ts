// A credential set's pinned certificate against SES-like servers on 127.0.0.1 with certificates of
// their own: the pinned certificate is accepted, any other that does not verify is refused before
// AUTH (both fingerprints named), and what verifies as usual still does. peerCertificate reads
// the fingerprint the trust dialog shows.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { checkSmtpLogin } from '../../../../src/engines/smtp/session';
import { peerCertificate } from '../../../../src/engines/doctor/nodePorts';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { diagnose } from '../../../../src/engines/smtp/diagnose';
import { startSesSmtpServer, type SesServer } from '../../../support/sesSmtpServer';
import { expiredCertificate, testCertificate } from '../../../support/tls';

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REGION = 'eu-central-1';
const users = [{ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET }];
const password = deriveSmtpPassword(SECRET, REGION);

const fingerprintOf = (pem: string): string => new X509Certificate(pem).fingerprint256;

describe('a pinned certificate, against SES-like servers', () => {
  const first = testCertificate({ names: 'DNS:localhost,IP:127.0.0.1', days: 3 });
  const second = testCertificate({ names: 'DNS:localhost,IP:127.0.0.1', days: 4 });
  const otherName = testCertificate({ names: 'DNS:relay.example.net', days: 3 });
  const expired = expiredCertificate();
  let relay: SesServer;
  let relayImplicit: SesServer;
  let changed: SesServer;
  let misnamed: SesServer;
  let stale: SesServer;
  before(async () => {
    relay = await startSesSmtpServer({ region: REGION, tls: 'starttls', users, certificate: first });
    relayImplicit = await startSesSmtpServer({ region: REGION, tls: 'implicit', users, certificate: first });
    changed = await startSesSmtpServer({ region: REGION, tls: 'starttls', users, certificate: second });
    misnamed = await startSesSmtpServer({ region: REGION, tls: 'starttls', users, certificate: otherName });
    stale = await startSesSmtpServer({ region: REGION, tls: 'starttls', users, certificate: expired });
  });
  after(async () => {
    for (const s of [relay, relayImplicit, changed, misnamed, stale]) await s.stop();
  });

  const login = (server: SesServer, extra: { pin?: string; ca?: string; tls?: 'starttls' | 'implicit' } = {}) =>
    checkSmtpLogin({
      host: server.host,
      port: server.port,
      tls: extra.tls ?? 'starttls',
      username: ACCESS_KEY,
      password,
      ca: extra.ca,
      pinnedCertificateSha256: extra.pin,
    });

  test('peerCertificate shows what the trust dialog needs: fingerprint, validity, and that it does not verify', async () => {
    const cert = await peerCertificate(relay.host, relay.port, 'starttls', 5000, new AbortController().signal);
    assert.equal(cert.sha256, fingerprintOf(first.cert));
    assert.equal(cert.trusted, false);
    assert.match(cert.error ?? '', /SELF_SIGNED/);
    assert.equal(cert.subject, 'localhost');
    assert.equal(cert.validTo, new Date(new X509Certificate(first.cert).validTo).toISOString());
    const implicit = await peerCertificate(
      relayImplicit.host,
      relayImplicit.port,
      'implicit',
      5000,
      new AbortController().signal,
    );
    assert.equal(implicit.sha256, fingerprintOf(first.cert));
    // With its CA given, the same certificate verifies: trusted is Node's own verdict.
    const trusted = await peerCertificate(relay.host, relay.port, 'starttls', 5000, new AbortController().signal, {
      ca: first.cert,
    });
    assert.equal(trusted.trusted, true);
    assert.equal(trusted.error, undefined);
  });

  test('the pinned certificate is accepted (STARTTLS and implicit TLS), and the transcript says it is the pinned one', async () => {
    for (const [server, tls] of [
      [relay, 'starttls'],
      [relayImplicit, 'implicit'],
    ] as const) {
      const result = await login(server, { pin: fingerprintOf(first.cert), tls });
      assert.equal(result.ok, true, JSON.stringify(result.failure));
      assert.ok(result.transcript.some((l) => l.text === 'certificate is the pinned one'));
      assert.deepEqual(server.authAttempts.at(-1), { username: ACCESS_KEY, ok: true });
    }
  });

  test('a changed certificate is refused before AUTH, naming both fingerprints', async () => {
    const before = changed.authAttempts.length;
    const pinned = fingerprintOf(first.cert);
    const result = await login(changed, { pin: pinned });
    assert.equal(result.ok, false);
    assert.equal(result.failure?.code, 'TLS_CERT');
    assert.match(result.failure?.message ?? '', /certificate changed/);
    assert.ok(result.failure?.message.includes(`Pinned SHA-256 ${pinned}`));
    assert.ok(result.failure?.message.includes(`presented SHA-256 ${fingerprintOf(second.cert)}`));
    assert.equal(changed.authAttempts.length, before, 'no credential reached the server');
    assert.ok(!result.transcript.some((l) => /^AUTH/.test(l.text)));
    assert.equal(diagnose(result, { username: ACCESS_KEY, password })[0].id, 'tls-certificate-changed');
  });

  test('a certificate that verifies as usual is accepted with or without a pin (another pin does not matter)', async () => {
    const plain = await login(changed, { ca: second.cert });
    assert.equal(plain.ok, true, JSON.stringify(plain.failure));
    const pinnedElsewhere = await login(changed, { ca: second.cert, pin: fingerprintOf(first.cert) });
    assert.equal(pinnedElsewhere.ok, true, JSON.stringify(pinnedElsewhere.failure));
    assert.ok(pinnedElsewhere.transcript.some((l) => l.text === 'certificate verified'));
  });

  test('without a pin: a self-signed, an expired and a misnamed certificate are refused', async () => {
    for (const [server, ca, reason] of [
      [relay, undefined, /self-signed certificate/],
      [stale, expired.cert, /expired/],
      [misnamed, otherName.cert, /altnames|Host: 127\.0\.0\.1|does not match/i],
    ] as const) {
      const before = server.authAttempts.length;
      const result = await login(server, { ca });
      assert.equal(result.ok, false);
      assert.equal(result.failure?.code, 'TLS_CERT', JSON.stringify(result.failure));
      assert.match(result.failure?.message ?? '', reason);
      assert.equal(server.authAttempts.length, before);
    }
  });

  test('with a pin: the host name does not matter for the pinned certificate, and still does for any other', async () => {
    const pinned = await login(misnamed, { pin: fingerprintOf(otherName.cert) });
    assert.equal(pinned.ok, true, JSON.stringify(pinned.failure));
    const before = misnamed.authAttempts.length;
    const other = await login(misnamed, { ca: otherName.cert, pin: fingerprintOf(first.cert) });
    assert.equal(other.ok, false);
    assert.match(other.failure?.message ?? '', /ERR_TLS_CERT_ALTNAME_INVALID/);
    assert.equal(misnamed.authAttempts.length, before);
  });

  test('an expired certificate that is the pinned one is accepted: the pin is that exact certificate', async () => {
    const result = await login(stale, { pin: fingerprintOf(expired.cert) });
    assert.equal(result.ok, true, JSON.stringify(result.failure));
  });
});
