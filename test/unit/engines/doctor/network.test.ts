// The doctor's endpoint, port and TLS checks (src/engines/doctor/network.ts): each verdict branch, with
// fake ports: no network, no AWS.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkEndpoint, checkPorts, checkTls } from '../../../../src/engines/doctor/network';
import type { DoctorInput, PeerCertificate } from '../../../../src/engines/doctor/types';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const input: DoctorInput = {
  username: KEY,
  password: 'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5',
  region: 'eu-west-1',
  host: 'email-smtp.eu-west-1.amazonaws.com',
  port: 587,
  tls: 'starttls',
  from: 'app@example.com',
  aws: true,
};
const signal = new AbortController().signal;
describe('endpoint, ports and TLS', () => {
  test('a host that does not resolve is a failure naming SES host names', async () => {
    const [x] = await checkEndpoint(input, {
      resolve: () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })),
    });
    assert.equal(x.verdict, 'fail');
    assert.match(x.title, /does not resolve \(ENOTFOUND\)/);
  });
  test('port 587 blocked while 2587 and 465 work: a failure with the way out', async () => {
    const open = new Set([2587, 465]);
    const [x] = await checkPorts(
      input,
      {
        connect: async (_h, port) =>
          open.has(port)
            ? 3
            : Promise.reject(Object.assign(new Error('t'), { code: port === 25 ? 'ETIMEDOUT' : 'ECONNREFUSED' })),
      },
      signal,
    );
    assert.equal(x.verdict, 'fail');
    assert.equal(x.cause, 'port-blocked');
    assert.match(x.title, /Port 587 .* blocked from here: corporate networks/);
    assert.match(x.fix!, /Use port 2587/);
    assert.ok(x.evidence.includes('25: no answer (a firewall drops it)'));
  });
  test('only 25 blocked: a warning naming cloud providers', async () => {
    const [x] = await checkPorts(
      input,
      {
        connect: async (_h, port) =>
          port === 25 ? Promise.reject(Object.assign(new Error('t'), { code: 'ETIMEDOUT' })) : 1,
      },
      signal,
    );
    assert.equal(x.verdict, 'warn');
    assert.match(x.fix!, /25 \(cloud providers block 25\)/);
  });
  const cert = (over: Partial<PeerCertificate>): PeerCertificate => ({
    subject: 'email-smtp.eu-west-1.amazonaws.com',
    issuer: 'Amazon RSA 2048 M01, Amazon',
    altNames: [],
    trusted: true,
    ...over,
  });
  test('TLS: Amazon passes, a trusted non-Amazon issuer is a proxy, an untrusted one is interception', async () => {
    assert.equal((await checkTls(input, { certificate: async () => cert({}) }, signal))[0].verdict, 'pass');
    assert.equal(
      (await checkTls(input, { certificate: async () => cert({ issuer: 'Zscaler Root CA' }) }, signal))[0].cause,
      'tls-proxy',
    );
    const [x] = await checkTls(
      input,
      { certificate: async () => cert({ issuer: 'Fortinet CA', trusted: false, error: 'SELF_SIGNED_CERT_IN_CHAIN' }) },
      signal,
    );
    assert.equal(x.verdict, 'fail');
    assert.match(x.title, /intercepts TLS/);
  });
  test('a VPC endpoint host the certificate does not name: turn on private DNS and dial the regional name', async () => {
    const vpce = 'vpce-0a1b2c3d4e5f60789-abcdefgh.email-smtp.eu-west-1.vpce.amazonaws.com';
    const [x] = await checkTls(
      { ...input, host: vpce, region: undefined },
      {
        certificate: async () =>
          cert({
            trusted: false,
            error: 'ERR_TLS_CERT_ALTNAME_INVALID',
            altNames: ['email-smtp.eu-west-1.amazonaws.com', 'email-smtp-fips.eu-west-1.amazonaws.com', 'a', 'b'],
          }),
      },
      signal,
    );
    assert.equal(x.cause, 'tls-name-mismatch');
    assert.match(
      x.title,
      new RegExp(
        `not for ${vpce.replace(/\./g, '\\.')}: it names email-smtp\\.eu-west-1\\.amazonaws\\.com, email-smtp-fips\\.eu-west-1\\.amazonaws\\.com, a, …\\.`,
      ),
    );
    // The region comes from the host when the input has none.
    assert.match(x.fix ?? '', /private DNS for the VPC endpoint and connect to email-smtp\.eu-west-1\.amazonaws\.com/);
  });
});
