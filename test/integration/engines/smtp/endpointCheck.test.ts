// The live check of SES SMTP endpoints through node's resolver against a real DNS server on
// 127.0.0.1 (dnsmasq) answering as AWS's DNS does: the hosts of regions with SMTP exist, ap-south-2's
// and eu-central-2's do not (NXDOMAIN). Also a server that refuses the zone (unknown, not missing).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dnsResolveHost, SmtpEndpointChecker } from '../../../../src/engines/smtp/endpointCheck';
import { startDnsmasq, type DnsServer } from '../../../support/dnsmasq';
import { sesSmtpDnsRecords } from '../../../support/sesSmtpDns';

describe('SMTP endpoint check against dnsmasq', () => {
  let ses: DnsServer;
  let other: DnsServer;
  before(async () => {
    ses = await startDnsmasq(sesSmtpDnsRecords());
    // Answers only for example.test: amazonaws.com names are refused (no upstream).
    other = await startDnsmasq({ localDomains: ['example.test'] });
  });
  after(async () => {
    await ses?.stop();
    await other?.stop();
  });

  test('a region with an endpoint resolves to its address', async () => {
    const checker = new SmtpEndpointChecker({ resolve: dnsResolveHost({ servers: [ses.address], timeoutMs: 2000 }) });
    const result = await checker.check('eu-west-1');
    assert.equal(result.kind, 'found');
    assert.match((result as { addresses: string[] }).addresses[0], /^192\.0\.2\.\d+$/);
  });

  test('NXDOMAIN for ap-south-2 and eu-central-2: no endpoint, named with the regions that have one', async () => {
    const checker = new SmtpEndpointChecker({ resolve: dnsResolveHost({ servers: [ses.address], timeoutMs: 2000 }) });
    for (const region of ['ap-south-2', 'eu-central-2']) {
      const result = await checker.check(region);
      assert.equal(result.kind, 'missing', region);
      assert.match((result as { message: string }).message, new RegExp(`^SES has no SMTP endpoint in ${region}`));
      assert.match((result as { message: string }).message, /eu-west-1/);
    }
  });

  test('a server that refuses the zone proves nothing: unknown', async () => {
    const checker = new SmtpEndpointChecker({ resolve: dnsResolveHost({ servers: [other.address], timeoutMs: 2000 }) });
    const result = await checker.check('ap-south-2');
    assert.equal(result.kind, 'unknown');
    assert.match(
      (result as { reason: string }).reason,
      /email-smtp\.ap-south-2\.amazonaws\.com could not be looked up/,
    );
  });

  test('cancelling a running lookup answers at once', async () => {
    // A port where nothing answers DNS: the lookup would wait for its timeout.
    const checker = new SmtpEndpointChecker({
      resolve: dnsResolveHost({ servers: ['127.0.0.1:9'], timeoutMs: 30_000 }),
    });
    const controller = new AbortController();
    const running = checker.check('eu-west-1', controller.signal);
    setImmediate(() => controller.abort());
    assert.equal((await running).kind, 'cancelled');
  });
});
