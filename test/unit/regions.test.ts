import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { allRegions, checkPort, regionFromHost, resolveEndpoint, smtpHostForRegion, validateRegion } from '../../src/core/smtp/regions';

describe('region validation', () => {
  test('a known region is accepted', () => {
    assert.deepEqual(validateRegion('eu-central-1'), { ok: true, region: 'eu-central-1', known: true });
  });
  test('case and spaces are normalised', () => {
    assert.deepEqual(validateRegion(' US-EAST-1 '), { ok: true, region: 'us-east-1', known: true });
  });
  const suggestions: Array<[string, string]> = [
    ['eu-cental-1', 'eu-central-1'],
    ['us-east-1a', 'us-east-1'],
    ['eu_west_1', 'eu-west-1'],
    ['euwest1', 'eu-west-1'],
    ['eu-centrl-1', 'eu-central-1'],
    ['us-esat-1', 'us-east-1'],
  ];
  for (const [typo, region] of suggestions) {
    test(`${typo} → did you mean ${region}`, () => {
      const check = validateRegion(typo);
      assert.equal(check.ok, false);
      if (!check.ok) {
        assert.equal(check.suggestion, region);
        assert.match(check.message, new RegExp(`Did you mean ${region}\\?`));
      }
    });
  }
  test('empty is refused with an example', () => {
    const check = validateRegion('');
    assert.equal(check.ok, false);
    if (!check.ok) assert.match(check.message, /empty.*us-east-1/);
  });
  test('garbage is refused with the expected format', () => {
    const check = validateRegion('hello');
    assert.equal(check.ok, false);
    if (!check.ok) assert.match(check.message, /not a region name/);
  });
  test('a well-formed unknown region is accepted with a note', () => {
    const check = validateRegion('ap-southeast-7');
    assert.equal(check.ok, true);
    if (check.ok) {
      assert.equal(check.known, false);
      assert.match(check.note ?? '', /extraRegions/);
    }
  });
  test('extra regions from settings become known', () => {
    assert.deepEqual(validateRegion('ap-southeast-7', ['ap-southeast-7']), { ok: true, region: 'ap-southeast-7', known: true });
    assert.ok(allRegions(['ap-southeast-7', 'not a region']).some((r) => r.id === 'ap-southeast-7'));
    assert.ok(!allRegions(['not a region']).some((r) => r.id === 'not a region'));
  });
});

describe('hosts', () => {
  test('SMTP host per region, FIPS and China', () => {
    assert.equal(smtpHostForRegion('eu-west-1'), 'email-smtp.eu-west-1.amazonaws.com');
    assert.equal(smtpHostForRegion('us-east-1', { fips: true }), 'email-smtp-fips.us-east-1.amazonaws.com');
    assert.equal(smtpHostForRegion('cn-north-1'), 'email-smtp.cn-north-1.amazonaws.com.cn');
  });
  test('region from a host', () => {
    assert.deepEqual(regionFromHost('email-smtp.eu-central-1.amazonaws.com'), { region: 'eu-central-1', fips: false });
    assert.deepEqual(regionFromHost('email-smtp-fips.us-gov-west-1.amazonaws.com'), { region: 'us-gov-west-1', fips: true });
    assert.equal(regionFromHost('smtp.gmail.com'), undefined);
  });
});

describe('ports', () => {
  test('STARTTLS ports', () => {
    for (const p of [587, 2587, 25]) assert.equal((checkPort(p) as { tls: string }).tls, 'starttls');
  });
  test('implicit TLS ports', () => {
    for (const p of [465, 2465]) assert.equal((checkPort(p) as { tls: string }).tls, 'implicit');
  });
  test('port 25 carries the blocking note; an unknown port says SES does not listen there', () => {
    assert.match((checkPort(25) as { note?: string }).note ?? '', /587/);
    assert.match((checkPort(2525) as { note?: string }).note ?? '', /does not listen on port 2525/);
    assert.equal((checkPort(587) as { note?: string }).note, undefined);
  });
  test('bad ports are refused', () => {
    assert.match((checkPort(0) as { message: string }).message, /out of range/);
    assert.match((checkPort(70000) as { message: string }).message, /out of range/);
    assert.match((checkPort('abc') as { message: string }).message, /not a number/);
  });
});

describe('endpoints', () => {
  test('from a region', () => {
    assert.deepEqual(resolveEndpoint({ region: 'eu-west-2' }), { host: 'email-smtp.eu-west-2.amazonaws.com', port: 587, tls: 'starttls', region: 'eu-west-2' });
  });
  test('a host override keeps the region it names', () => {
    assert.deepEqual(resolveEndpoint({ host: 'email-smtp.sa-east-1.amazonaws.com', port: 465 }), { host: 'email-smtp.sa-east-1.amazonaws.com', port: 465, tls: 'implicit', region: 'sa-east-1' });
  });
  test('a host with a scheme is refused with the fix', () => {
    assert.throws(() => resolveEndpoint({ host: 'smtp://email-smtp.eu-west-1.amazonaws.com' }), /without a scheme, port or path/);
  });
  test('a region typo is refused with did-you-mean', () => {
    assert.throws(() => resolveEndpoint({ region: 'eu-cental-1' }), /Did you mean eu-central-1/);
  });
  test('nothing given', () => {
    assert.throws(() => resolveEndpoint({}), /Neither a region nor a host/);
  });
});
