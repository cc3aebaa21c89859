import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkDnsRecords, domainRecords, recordsAsTable, recordsAsZone, type RecordCheck } from '../../src/core/dns/records';
import { startDnsmasq, type DnsServer } from '../support/dnsmasq';

const REGION = 'eu-west-1';
const TOKENS = ['aaaatoken1', 'bbbbtoken2', 'cccctoken3'];

describe('live DNS checks against dnsmasq on 127.0.0.1', () => {
  let server: DnsServer;
  before(async () => {
    server = await startDnsmasq({
      localDomains: ['good.test', 'bad.test', 'none.test'],
      cname: [
        // good.test: all three DKIM CNAMEs right
        ...TOKENS.map((t): [string, string] => [`${t}._domainkey.good.test`, `${t}.dkim.amazonses.com`]),
        // bad.test: one right, one pointing elsewhere, one missing
        [`${TOKENS[0]}._domainkey.bad.test`, `${TOKENS[0]}.dkim.amazonses.com`],
        [`${TOKENS[1]}._domainkey.bad.test`, 'somewhere.else.example'],
      ],
      txt: [
        ['mail.good.test', 'v=spf1 include:amazonses.com ~all'],
        ['_dmarc.good.test', 'v=DMARC1; p=quarantine;'],
        ['mail.bad.test', 'v=spf1 include:_spf.google.com ~all'],
        ['_dmarc.bad.test', 'not a dmarc record'],
      ],
      mx: [
        ['mail.good.test', `feedback-smtp.${REGION}.amazonses.com`, 10],
        ['mail.bad.test', 'mx.mailhost.example', 10],
      ],
    });
  });
  after(() => server.stop());

  const check = (domain: string): Promise<RecordCheck[]> => checkDnsRecords(domainRecords(domain, REGION, TOKENS, `mail.${domain}`), { servers: [server.address], timeoutMs: 2000 });
  const by = (checks: RecordCheck[], purpose: string): RecordCheck[] => checks.filter((c) => c.record.purpose === purpose);

  test('every record passes for a well-configured domain', async () => {
    const checks = await check('good.test');
    assert.equal(checks.length, 6);
    for (const c of checks) assert.equal(c.status, 'pass', `${c.record.name}: ${c.message}`);
  });

  test('DKIM: pass, wrong target and missing are told apart, with the expected value', async () => {
    const dkim = by(await check('bad.test'), 'dkim');
    assert.deepEqual(dkim.map((c) => c.status), ['pass', 'wrong', 'missing']);
    assert.match(dkim[1].message, /points to somewhere\.else\.example, not to SES; expected CNAME bbbbtoken2\.dkim\.amazonses\.com/);
    assert.match(dkim[2].message, /expected CNAME cccctoken3\.dkim\.amazonses\.com/);
  });

  test('SPF without amazonses.com is wrong, and says what to add', async () => {
    const [spf] = by(await check('bad.test'), 'spf');
    assert.equal(spf.status, 'wrong');
    assert.match(spf.message, /does not include amazonses\.com; add include:amazonses\.com/);
  });

  test('DMARC: a TXT that is not DMARC is wrong; none at all is missing', async () => {
    assert.equal(by(await check('bad.test'), 'dmarc')[0].status, 'wrong');
    const none = by(await check('none.test'), 'dmarc')[0];
    assert.equal(none.status, 'missing');
    assert.match(none.message, /expected TXT v=DMARC1/);
  });

  test('MAIL FROM MX pointing elsewhere is wrong; absent is missing', async () => {
    const [mx] = by(await check('bad.test'), 'mail-from-mx');
    assert.equal(mx.status, 'wrong');
    assert.match(mx.message, /expected MX 10 feedback-smtp\.eu-west-1\.amazonses\.com/);
    assert.equal(by(await check('none.test'), 'mail-from-mx')[0].status, 'missing');
    assert.equal(by(await check('none.test'), 'spf')[0].status, 'missing');
  });

  test('an unreachable DNS server is an error entry, not a crash', async () => {
    const checks = await checkDnsRecords(domainRecords('good.test', REGION, TOKENS.slice(0, 1)), { servers: ['127.0.0.1:9'], timeoutMs: 300 });
    assert.ok(checks.every((c) => c.status === 'error'), JSON.stringify(checks.map((c) => c.status)));
    assert.match(checks[0].message, /Could not check/);
  });

  test('records as a table and as zone-file lines', () => {
    const records = domainRecords('Example.COM.', REGION, ['tok'], 'mail.example.com');
    assert.equal(recordsAsZone(records), [
      'tok._domainkey.example.com. 1800 IN CNAME tok.dkim.amazonses.com.',
      'mail.example.com. 1800 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.',
      'mail.example.com. 1800 IN TXT "v=spf1 include:amazonses.com ~all"',
      '_dmarc.example.com. 1800 IN TXT "v=DMARC1; p=none;"',
    ].join('\n'));
    assert.match(recordsAsTable(records), /^Type\s+Name\s+Value\nCNAME\s+tok\._domainkey\.example\.com\s+tok\.dkim\.amazonses\.com\s+required/);
  });
});
