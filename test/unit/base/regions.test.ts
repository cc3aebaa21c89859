import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  allRegions,
  checkPort,
  editDistance,
  MAX_REGION_LENGTH,
  regionFromHost,
  resolveEndpoint,
  smtpHostForRegion,
  validateRegion,
} from '../../../src/base/regions';

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
    assert.deepEqual(validateRegion('ap-southeast-7', ['ap-southeast-7']), {
      ok: true,
      region: 'ap-southeast-7',
      known: true,
    });
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
    assert.deepEqual(regionFromHost('email-smtp.eu-central-1.amazonaws.com'), {
      region: 'eu-central-1',
      fips: false,
      kind: 'classic',
    });
    assert.deepEqual(regionFromHost('email-smtp-fips.us-gov-west-1.amazonaws.com'), {
      region: 'us-gov-west-1',
      fips: true,
      kind: 'fips',
    });
    assert.equal(regionFromHost('smtp.gmail.com'), undefined);
  });
  test('region from host: FIPS and China endpoints; near misses name no region', () => {
    assert.deepEqual(regionFromHost('email-smtp-fips.us-east-1.amazonaws.com'), {
      region: 'us-east-1',
      fips: true,
      kind: 'fips',
    });
    assert.deepEqual(regionFromHost('EMAIL-SMTP.EU-WEST-1.AMAZONAWS.COM'), {
      region: 'eu-west-1',
      fips: false,
      kind: 'classic',
    });
    assert.deepEqual(regionFromHost('email-smtp.cn-north-1.amazonaws.com.cn'), {
      region: 'cn-north-1',
      fips: false,
      kind: 'classic',
    });
    for (const near of [
      'email-smtp.example.com',
      'email-smtp.eu-west-1.example.com',
      'email.eu-west-1.amazonaws.com',
      'email-smtp.amazonaws.com',
      'email-smtp-fips.amazonaws.com',
      'email-smtp.eu-west.amazonaws.com',
      'relay.email-smtp.eu-west-1.amazonaws.com',
      '127.0.0.1',
      'email-smtp.eu-west-1.amazonaws.com.evil.example',
    ])
      assert.equal(regionFromHost(near), undefined, near);
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
    assert.deepEqual(resolveEndpoint({ region: 'eu-west-2' }), {
      host: 'email-smtp.eu-west-2.amazonaws.com',
      port: 587,
      tls: 'starttls',
      region: 'eu-west-2',
    });
  });
  test('a host override keeps the region it names', () => {
    assert.deepEqual(resolveEndpoint({ host: 'email-smtp.sa-east-1.amazonaws.com', port: 465 }), {
      host: 'email-smtp.sa-east-1.amazonaws.com',
      port: 465,
      tls: 'implicit',
      region: 'sa-east-1',
    });
  });
  test('a host with a scheme is refused with the fix', () => {
    assert.throws(
      () => resolveEndpoint({ host: 'smtp://email-smtp.eu-west-1.amazonaws.com' }),
      /without a scheme, port or path/,
    );
  });
  test('a region typo is refused with did-you-mean', () => {
    assert.throws(() => resolveEndpoint({ region: 'eu-cental-1' }), /Did you mean eu-central-1/);
  });
  test('nothing given', () => {
    assert.throws(() => resolveEndpoint({}), /Neither a region nor a host/);
  });
});

describe('bad input to the region functions (issue #13)', () => {
  test('a 1 MB region is refused at once, before any fuzzy matching', () => {
    const start = performance.now();
    const check = validateRegion('x'.repeat(1024 * 1024));
    const ms = performance.now() - start;
    assert.equal(check.ok, false);
    if (!check.ok) {
      assert.match(check.message, /not a region name: it is 1048576 characters long/);
      assert.equal(check.suggestion, undefined);
    }
    assert.ok(ms < 200, `took ${ms.toFixed(0)} ms`);
  });
  test('the cap: 40 characters are matched, 41 are not', () => {
    assert.equal(MAX_REGION_LENGTH, 40);
    const at = validateRegion(`eu-central-1${' '.repeat(28)}`);
    assert.equal(at.ok, true);
    const over = validateRegion(`eu-central-1${'x'.repeat(29)}`);
    assert.equal(over.ok, false);
    if (!over.ok) assert.equal(over.suggestion, undefined);
  });
  test('opt-in regions outside the table are regions, not typos of a neighbour', () => {
    for (const region of ['me-central-1', 'ap-east-1', 'ca-west-1', 'mx-central-1']) {
      const check = validateRegion(region);
      assert.equal(check.ok, true, `${region}: ${check.ok ? '' : check.message}`);
      if (check.ok) assert.equal(check.known, false);
    }
    // A real typo of a table entry is still one.
    assert.equal(validateRegion('eu-cenral-1').ok, false);
  });
  test('non-strings are refused with a message, never a TypeError', () => {
    for (const value of [5, {}, [], true, Symbol('x')]) {
      const check = validateRegion(value as unknown as string);
      assert.equal(check.ok, false);
      if (!check.ok) assert.match(check.message, /must be text such as us-east-1/);
    }
    assert.equal((validateRegion(null as unknown as string) as { message: string }).message.includes('empty'), true);
    assert.equal(regionFromHost(5 as unknown as string), undefined);
    assert.equal(regionFromHost('a'.repeat(1024 * 1024)), undefined);
    assert.throws(() => smtpHostForRegion(undefined as unknown as string), /region must be text/);
    assert.throws(() => editDistance(1 as unknown as string, 'a'), /compares two strings/);
  });
  test('a damaged extraRegions setting is ignored, not iterated', () => {
    assert.equal(allRegions('ap-southeast-7' as unknown as string[]).length, allRegions().length);
    assert.equal(allRegions([5, null, 'ap-southeast-7'] as unknown as string[]).length, allRegions().length + 1);
  });
  test('hosts: NUL, length and labels are checked, a 253-character host passes', () => {
    const host253 = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    assert.equal(resolveEndpoint({ host: host253 }).host, host253);
    assert.equal(resolveEndpoint({ host: `${'a'.repeat(63)}.example.com` }).port, 587);
    assert.throws(() => resolveEndpoint({ host: `${host253}d` }), /254 characters long/);
    assert.throws(() => resolveEndpoint({ host: 'a\0b' }), /NUL/);
  });
  test('ports: near misses pass', () => {
    assert.deepEqual(checkPort('2587'), { ok: true, port: 2587, tls: 'starttls' });
    assert.equal(checkPort(65535).ok, true);
    assert.equal(checkPort('1'.repeat(21)).ok, false);
  });
});

// Pinned by issue #32 (moved from pinnedBehaviours.test.ts): each case was checked to fail when the behaviour is
// broken on purpose (the break is named in each test's comment).
describe('"did you mean" ties', () => {
  // Break: `d <= bestDistance` in nearestRegion (the last of equally near regions wins).
  for (const [typo, first, alsoAsNear] of [
    ['us-wst-3', 'us-west-1', 'us-west-2'],
    ['eu-wst-5', 'eu-west-1', 'eu-west-3'],
    ['us-est-3', 'us-east-1', 'us-west-2'],
    ['ap-south', 'ap-south-1', 'ap-south-2'],
  ] as const) {
    test(`${typo}: ${first} (first in the table), not ${alsoAsNear}`, () => {
      const check = validateRegion(typo);
      assert.equal(check.ok, false);
      assert.equal(check.ok ? undefined : check.suggestion, first);
      assert.match(check.ok ? '' : check.message, new RegExp(`Did you mean ${first}\\?$`));
    });
  }
  test('false alarm: a region of the table is accepted, not "corrected"', () => {
    assert.deepEqual(validateRegion('us-west-2'), { ok: true, region: 'us-west-2', known: true });
  });
});
