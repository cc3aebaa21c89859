import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { domainRecords, recordsAsTable, recordsAsZone } from '../../../../src/engines/dns/records';
import { checkDnsRecords, type RecordCheck } from '../../../../src/engines/dns/check';
import { startDnsmasq, type DnsServer } from '../../../support/dnsmasq';

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

  const check = (domain: string): Promise<RecordCheck[]> =>
    checkDnsRecords(domainRecords(domain, REGION, TOKENS, `mail.${domain}`), {
      servers: [server.address],
      timeoutMs: 2000,
    });
  const by = (checks: RecordCheck[], purpose: string): RecordCheck[] =>
    checks.filter((c) => c.record.purpose === purpose);

  test('every record passes for a well-configured domain', async () => {
    const checks = await check('good.test');
    assert.equal(checks.length, 6);
    for (const c of checks) assert.equal(c.status, 'pass', `${c.record.name}: ${c.message}`);
  });

  test('DKIM: pass, wrong target and missing are told apart, with the expected value', async () => {
    const dkim = by(await check('bad.test'), 'dkim');
    assert.deepEqual(
      dkim.map((c) => c.status),
      ['pass', 'wrong', 'missing'],
    );
    assert.match(
      dkim[1].message,
      /points to somewhere\.else\.example, not to SES; expected CNAME bbbbtoken2\.dkim\.amazonses\.com/,
    );
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
    const checks = await checkDnsRecords(domainRecords('good.test', REGION, TOKENS.slice(0, 1)), {
      servers: ['127.0.0.1:9'],
      timeoutMs: 300,
    });
    assert.ok(
      checks.every((c) => c.status === 'error'),
      JSON.stringify(checks.map((c) => c.status)),
    );
    assert.match(checks[0].message, /Could not check/);
  });

  test('records as a table and as zone-file lines', () => {
    const records = domainRecords('Example.COM.', REGION, ['tok'], 'mail.example.com');
    assert.equal(
      recordsAsZone(records),
      [
        'tok._domainkey.example.com. 1800 IN CNAME tok.dkim.amazonses.com.',
        'mail.example.com. 1800 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.',
        'mail.example.com. 1800 IN TXT "v=spf1 include:amazonses.com ~all"',
        '_dmarc.example.com. 1800 IN TXT "v=DMARC1; p=none;"',
      ].join('\n'),
    );
    assert.match(
      recordsAsTable(records),
      /^Type\s+Name\s+Value\nCNAME\s+tok\._domainkey\.example\.com\s+tok\.dkim\.amazonses\.com\s+required/,
    );
  });
});

// DKIM as SES describes it per identity, each near miss its own case, against dnsmasq.
describe('live DKIM checks against dnsmasq: exact targets and near misses', () => {
  const ZONE = 'dkim.eu-west-1.amazonses.example';
  const T = 'goodtoken0000000000000000000000a';
  const OLD = 'oldtoken00000000000000000000000b';
  const key2048 = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .publicKey.export({ format: 'der', type: 'spki' })
    .toString('base64');
  const other2048 = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .publicKey.export({ format: 'der', type: 'spki' })
    .toString('base64');
  const key1024 = generateKeyPairSync('rsa', { modulusLength: 1024 })
    .publicKey.export({ format: 'der', type: 'spki' })
    .toString('base64');
  let server: DnsServer;
  before(async () => {
    server = await startDnsmasq({
      localDomains: [
        'exact.test',
        'oldtoken.test',
        'oldzone.test',
        'appended.test',
        'upper.test',
        'chain.test',
        'chainold.test',
        'none.test',
        'doubled.test',
        'suffix.test',
        'byo.test',
        'byo1024.test',
        'proxy.test',
      ],
      cname: [
        [`${T}._domainkey.exact.test`, `${T}.${ZONE}`],
        [`${T}._domainkey.oldtoken.test`, `${OLD}.${ZONE}`],
        [`${T}._domainkey.oldzone.test`, `${T}.dkim.amazonses.com`],
        [`${T}._domainkey.doubled.test.doubled.test`, `${T}.${ZONE}`],
        [`${T}._domainkey.suffix.test`, `x${T}.${ZONE}`],
        [`${T}._domainkey.appended.test`, `${T}.${ZONE}.appended.test`],
        [`${T}._domainkey.upper.test`, `${T}.${ZONE}`.toUpperCase()],
        [`${T}._domainkey.chain.test`, 'dkim1.proxy.test'],
        ['dkim1.proxy.test', `${T}.${ZONE}`],
        [`${T}._domainkey.chainold.test`, 'dkim2.proxy.test'],
        ['dkim2.proxy.test', `${OLD}.${ZONE}`],
      ],
      txt: [
        ['sel._domainkey.byo.test', `v=DKIM1; k=rsa; p=${key2048}`],
        ['sel._domainkey.byo1024.test', `v=DKIM1; k=rsa; p=${key1024}`],
      ],
    });
  });
  after(() => server.stop());

  const easy = (domain: string, zone: string = ZONE): Promise<RecordCheck> =>
    checkDnsRecords(
      domainRecords(domain, REGION, [T], undefined, { dkimOrigin: 'AWS_SES', dkimSigningHostedZone: zone }),
      { servers: [server.address], timeoutMs: 2000 },
    ).then((c) => c[0]);
  const byo = (domain: string, publicKey?: string): Promise<RecordCheck> =>
    checkDnsRecords(domainRecords(domain, REGION, ['sel'], undefined, { dkimOrigin: 'EXTERNAL', publicKey }), {
      servers: [server.address],
      timeoutMs: 2000,
    }).then((c) => c[0]);

  test('the exact target in the signing zone SES returned passes', async () => {
    const c = await easy('exact.test');
    assert.equal(c.status, 'pass', c.message);
    assert.equal(c.verdict, 'exact');
  });

  test('the zone from SES with a trailing dot and in upper case still matches', async () => {
    assert.equal((await easy('exact.test', `${ZONE.toUpperCase()}.`)).verdict, 'exact');
  });

  test('a target published in upper case matches', async () => {
    assert.equal((await easy('upper.test')).verdict, 'exact');
  });

  test('another token under the right zone: SES with the wrong token (an old record?)', async () => {
    const c = await easy('oldtoken.test');
    assert.equal(c.status, 'wrong');
    assert.equal(c.verdict, 'wrong-token');
    assert.match(
      c.message,
      /points to SES with the wrong token: oldtoken0+b\.dkim\.eu-west-1\.amazonses\.example \(an old record/,
    );
  });

  test('a token that merely ends with the right one is another token', async () => {
    const c = await easy('suffix.test');
    assert.equal(c.status, 'wrong');
    assert.equal(c.verdict, 'wrong-token');
  });

  test('the right token under dkim.amazonses.com when SES signs from another zone', async () => {
    const c = await easy('oldzone.test');
    assert.equal(c.verdict, 'wrong-zone');
    assert.match(c.message, /SES signs this identity from dkim\.eu-west-1\.amazonses\.example/);
  });

  test('the domain appended by the DNS provider (no trailing dot on the value)', async () => {
    const c = await easy('appended.test');
    assert.equal(c.verdict, 'appended-domain');
    assert.match(c.message, /appended appended\.test/);
  });

  test('a CNAME chain that reaches the target passes, with the chain', async () => {
    const c = await easy('chain.test');
    assert.equal(c.status, 'pass', c.message);
    assert.equal(c.verdict, 'chain');
    assert.deepEqual(c.chain, ['dkim1.proxy.test', `${T}.${ZONE}`]);
  });

  test('a CNAME chain that ends at another token is the wrong token', async () => {
    const c = await easy('chainold.test');
    assert.equal(c.verdict, 'wrong-token');
    assert.match(c.message, /via dkim2\.proxy\.test/);
  });

  test('no CNAME is missing, with the exact target', async () => {
    const c = await easy('none.test');
    assert.equal(c.status, 'missing');
    assert.match(c.message, new RegExp(`expected CNAME ${T}\\.dkim\\.eu-west-1\\.amazonses\\.example`));
  });

  test('a CNAME at the doubled name (provider appended the domain to the name) is missing, and says where it is', async () => {
    const c = await easy('doubled.test');
    assert.equal(c.status, 'missing');
    assert.equal(c.misplacedAt, `${T}._domainkey.doubled.test.doubled.test`);
    assert.match(c.message, new RegExp(`enter only "${T}\\._domainkey" as the name`));
    assert.equal((await easy('none.test')).misplacedAt, undefined);
  });

  test('BYODKIM: a DKIM1 key is published, with its length (2048-bit, split into strings)', async () => {
    const c = await byo('byo.test');
    assert.equal(c.record.type, 'TXT');
    assert.equal(c.status, 'pass', c.message);
    assert.equal(c.keyBits, 2048);
    assert.equal((await byo('byo1024.test')).keyBits, 1024);
  });

  test('BYODKIM: the public key given is compared exactly', async () => {
    assert.equal((await byo('byo.test', key2048)).status, 'pass');
    const c = await byo('byo.test', other2048);
    assert.equal(c.status, 'wrong');
    assert.match(c.message, /not the public key given/);
  });

  test('BYODKIM: no TXT at the selector is missing', async () => {
    assert.equal((await byo('none.test')).status, 'missing');
  });
});
