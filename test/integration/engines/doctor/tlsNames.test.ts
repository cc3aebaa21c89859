// The Doctor's TLS check when the certificate is sound but names other hosts (#27 item 3): an
// SES-like server whose certificate, from a CA the probe trusts, names only
// email-smtp.eu-west-1.amazonaws.com. Dialled by address or by another name, the real probe
// (peerCertificate: Node's own verdict, verification on) reports the name mismatch, and the check
// says which name to dial instead of blaming a proxy. Near misses: the same CA's certificate for the
// name dialled passes; a certificate from an unknown CA is still "something intercepts TLS".
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkTls } from '../../../../src/engines/doctor/network';
import { peerCertificate } from '../../../../src/engines/doctor/nodePorts';
import type { DoctorInput } from '../../../../src/engines/doctor/types';
import { startSesSmtpServer, type SesServer } from '../../../support/sesSmtpServer';
import { startTestAuthority, type TestAuthority } from '../../../support/tlsAuthority';

const signal = (): AbortSignal => AbortSignal.timeout(15_000);

describe('the TLS check: a valid certificate for other names', () => {
  let ca: TestAuthority;
  let sesNamed: SesServer;
  let localNamed: SesServer;
  let unknownCa: SesServer;
  before(async () => {
    ca = startTestAuthority();
    sesNamed = await startSesSmtpServer({
      region: 'eu-west-1',
      tls: 'starttls',
      users: [],
      certificate: ca.issue('DNS:email-smtp.eu-west-1.amazonaws.com'),
    });
    localNamed = await startSesSmtpServer({
      region: 'eu-west-1',
      tls: 'starttls',
      users: [],
      certificate: ca.issue('DNS:localhost,IP:127.0.0.1'),
    });
    unknownCa = await startSesSmtpServer({ region: 'eu-west-1', tls: 'starttls', users: [] });
  });
  after(async () => {
    await Promise.all([sesNamed?.stop(), localNamed?.stop(), unknownCa?.stop()]);
    ca?.dispose();
  });

  const input = (host: string, port: number): DoctorInput => ({
    username: 'AKIAIOSFODNN7EXAMPLE',
    password: 'unused',
    region: 'eu-west-1',
    host,
    port,
    tls: 'starttls',
    aws: false,
  });
  const probe = {
    certificate: (h: string, p: number, t: 'starttls' | 'implicit', ms: number, s: AbortSignal) =>
      peerCertificate(h, p, t, ms, s, { ca: ca.cert }),
  };

  test('dialled by address: the name mismatch, and "connect by name"', async () => {
    const [finding] = await checkTls(input('127.0.0.1', sesNamed.port), probe, signal());
    assert.equal(finding.cause, 'tls-name-mismatch', finding.title);
    assert.equal(finding.verdict, 'fail');
    assert.match(
      finding.title,
      /is valid \(issuer "SES SMTP Toolkit test CA"\) but not for 127\.0\.0\.1: it names email-smtp\.eu-west-1\.amazonaws\.com\. Clients refuse it\./,
    );
    assert.match(finding.fix ?? '', /^Connect by name, not by address: email-smtp\.eu-west-1\.amazonaws\.com/);
    assert.ok(finding.evidence.includes('error: ERR_TLS_CERT_ALTNAME_INVALID'), finding.evidence.join(' | '));
  });

  test('dialled by another name (an alias of your own): the name to dial instead', async () => {
    const [finding] = await checkTls(input('localhost', sesNamed.port), probe, signal());
    assert.equal(finding.cause, 'tls-name-mismatch');
    assert.match(
      finding.fix ?? '',
      /Connect to a name on the certificate, such as email-smtp\.eu-west-1\.amazonaws\.com.*CNAME/,
    );
  });

  test('near miss: the same CA, a certificate for the name dialled: valid', async () => {
    const [finding] = await checkTls(input('localhost', localNamed.port), probe, signal());
    assert.equal(finding.verdict, 'pass', finding.title);
  });

  test('near miss: an unknown CA is still an interception, not a name problem', async () => {
    const [finding] = await checkTls(input('localhost', unknownCa.port), probe, signal());
    assert.equal(finding.cause, 'tls-intercepted', finding.title);
  });
});
