import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeCredentialSet,
  endpointOf,
  migrateCertificateTrust,
  parseCredentialIndex,
  type CredentialSet,
} from '../../../src/base/credentialSets';
import { mergeCredentialEdit, normalizeCredentialSet } from '../../../src/base/credentialSetInput';

const base = {
  name: 'prod',
  username: 'AKIAIOSFODNN7EXAMPLE',
  region: 'eu-central-1',
  port: 587,
  tls: 'starttls' as const,
};

describe('credential sets', () => {
  test('a valid set is normalised: trimmed name and username, region lower-cased', () => {
    const set = normalizeCredentialSet({
      ...base,
      name: '  prod  ',
      username: ' AKIAIOSFODNN7EXAMPLE\n',
      region: 'EU-CENTRAL-1',
    });
    assert.deepEqual(set, {
      name: 'prod',
      username: 'AKIAIOSFODNN7EXAMPLE',
      region: 'eu-central-1',
      host: undefined,
      port: 587,
      tls: 'starttls',
      from: undefined,
    });
  });

  const bad: Array<[string, object, RegExp]> = [
    ['an empty name', { name: ' ' }, /name is empty/],
    ['a two-line name', { name: 'a\nb' }, /one line/],
    ['an empty username', { username: '' }, /username is empty/],
    ['a temporary key', { username: 'ASIAIOSFODNN7EXAMPLE' }, /temporary access key/],
    ['a region typo', { region: 'eu-cental-1' }, /Did you mean eu-central-1/],
    [
      'a host with a scheme',
      { region: undefined, host: 'smtp://email-smtp.eu-west-1.amazonaws.com' },
      /not a host name/,
    ],
    ['neither region nor host', { region: undefined }, /Neither a region nor a host/],
    ['a bad port', { port: 0 }, /out of range/],
    ['a two-line From', { from: 'a@b.com\r\nBcc: x@y.z' }, /one line/],
  ];
  const more: Array<[string, object, RegExp]> = [
    ['a NUL in the host', { host: 'relay.example.com\0' }, /NUL/],
    [
      'a 254-character host',
      { host: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}` },
      /at most 253/,
    ],
    ['a 64-character label', { host: `${'a'.repeat(64)}.example.com` }, /at most 63/],
    ['a username with a line break inside', { username: 'AKIA\r\nIOSFODNN7EXAMPLE' }, /line break/],
    ['a 10 MB username', { username: 'A'.repeat(10 * 1024 * 1024) }, /10485760 characters long/],
    ['a name with a NUL', { name: 'prod\0' }, /NUL/],
    ['a From with a NUL', { from: 'a@example.com\0' }, /NUL/],
    ['a From that is no address', { from: 'noreply' }, /is not an email address/],
    ['a number as name', { name: 5 }, /name must be text, not a number/],
    ['null as username', { username: null }, /username is empty/],
    ['a number as host', { host: 5 }, /host must be text/],
  ];
  bad.push(...more);
  for (const [name, patch, message] of bad) {
    test(`refuses ${name} with a message that says what to fix`, () => {
      assert.throws(() => normalizeCredentialSet({ ...base, ...patch } as typeof base), message);
    });
  }

  test('the region is read from an SES host when only the host is given', () => {
    const set = normalizeCredentialSet({
      ...base,
      region: undefined,
      host: 'email-smtp.ap-south-1.amazonaws.com',
    } as unknown as typeof base);
    assert.equal(set.region, 'ap-south-1');
  });

  test('port 465 gets implicit TLS', () => {
    assert.equal(
      normalizeCredentialSet({ ...base, port: 465, tls: undefined } as unknown as typeof base).tls,
      'implicit',
    );
  });

  test('near misses pass: a 253-character host, a 63-character label, a named From, an 80-character name', () => {
    const host = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    assert.equal(normalizeCredentialSet({ ...base, region: undefined, host } as unknown as typeof base).host, host);
    assert.equal(
      normalizeCredentialSet({ ...base, host: `${'a'.repeat(63)}.example.com` }).host,
      `${'a'.repeat(63)}.example.com`,
    );
    assert.equal(
      normalizeCredentialSet({ ...base, from: 'App <noreply@example.com>' } as typeof base).from,
      'App <noreply@example.com>',
    );
    assert.equal(normalizeCredentialSet({ ...base, name: 'n'.repeat(80) }).name.length, 80);
    assert.equal(normalizeCredentialSet({ ...base, port: 2587 }).port, 2587);
  });

  test('endpoint and description', () => {
    const set = { ...base, id: '1' };
    assert.deepEqual(endpointOf(set), { host: 'email-smtp.eu-central-1.amazonaws.com', port: 587, tls: 'starttls' });
    assert.equal(describeCredentialSet(set), 'AKIA…MPLE · eu-central-1 · 587');
  });

  test('a damaged index loses only the damaged entries', () => {
    assert.deepEqual(parseCredentialIndex('not json'), []);
    assert.deepEqual(parseCredentialIndex('{"a":1}'), []);
    const good = { id: '1', ...base };
    assert.deepEqual(parseCredentialIndex(JSON.stringify([good, { id: 2 }, null])), [good]);
  });
});

describe('certificate trust in saved sets', () => {
  const stored = {
    id: '1',
    name: 'relay',
    username: 'relay-user',
    host: 'relay.example.net',
    port: 587,
    tls: 'starttls',
  };
  const pin = Array(32).fill('AB').join(':');

  test('the old "accept any certificate" opt-in is not carried over as trust: marked, nothing pinned', () => {
    const [set] = parseCredentialIndex(JSON.stringify([{ ...stored, allowUntrustedCertificate: true }]));
    assert.deepEqual(set, { ...stored, legacyUntrustedCertificate: true });
    assert.equal((set as unknown as Record<string, unknown>).allowUntrustedCertificate, undefined);
    assert.equal(set.certificateSha256, undefined);
  });

  test('near misses: false or absent leave no mark; a set that already has a pin keeps only its pin', () => {
    assert.deepEqual(parseCredentialIndex(JSON.stringify([{ ...stored, allowUntrustedCertificate: false }])), [stored]);
    assert.deepEqual(parseCredentialIndex(JSON.stringify([stored])), [stored]);
    assert.deepEqual(
      parseCredentialIndex(JSON.stringify([{ ...stored, allowUntrustedCertificate: true, certificateSha256: pin }])),
      [{ ...stored, certificateSha256: pin }],
    );
    // A damaged pin (not text) is dropped: it trusts nothing.
    assert.deepEqual(parseCredentialIndex(JSON.stringify([{ ...stored, certificateSha256: 42 }])), [stored]);
    assert.equal(migrateCertificateTrust(null), null);
    assert.equal(migrateCertificateTrust('x'), 'x');
  });

  test('a pin is kept in its canonical form; a malformed one is refused with the fix', () => {
    const base = {
      name: 'relay',
      username: 'relay-user',
      host: 'relay.example.net',
      port: 587,
      tls: 'starttls' as const,
    };
    assert.equal(normalizeCredentialSet({ ...base, certificateSha256: pin.toLowerCase() }).certificateSha256, pin);
    assert.equal(normalizeCredentialSet(base).certificateSha256, undefined);
    assert.throws(
      () => normalizeCredentialSet({ ...base, certificateSha256: 'AB:CD' }),
      /must be a SHA-256 fingerprint: 32 hex pairs/,
    );
  });
});

describe('Edit Credential Set: merging an edit into a saved set', () => {
  const saved: CredentialSet = {
    id: 'id-1',
    name: 'relay',
    username: 'AKIAIOSFODNN7EXAMPLE',
    region: 'eu-west-1',
    host: '127.0.0.1',
    port: 2525,
    tls: 'starttls',
    from: 'old@example.com',
    certificateSha256: Array(32).fill('AB').join(':'),
  };
  const sesSet: CredentialSet = {
    id: 'id-2',
    name: 'prod',
    username: 'AKIAIOSFODNN7EXAMPLE',
    region: 'eu-west-1',
    port: 587,
    tls: 'starttls',
  };

  test('only the fields given change; name, username and the pinned certificate stay', () => {
    const m = mergeCredentialEdit(saved, { from: 'a@b.com' });
    assert.deepEqual(m.input, {
      name: 'relay',
      username: 'AKIAIOSFODNN7EXAMPLE',
      region: 'eu-west-1',
      host: '127.0.0.1',
      port: 2525,
      tls: 'starttls',
      from: 'a@b.com',
      certificateSha256: saved.certificateSha256,
    });
    assert.deepEqual(m.changed, ['from']);
    assert.equal(m.regionChange, undefined);
  });

  test('a new port or host drops the pin (it was that server’s certificate); the same ones keep it', () => {
    const port = mergeCredentialEdit(saved, { port: 2587, from: 'a@b.com' });
    assert.equal(port.input.certificateSha256, undefined);
    assert.deepEqual(port.changed, ['port', 'from']);
    assert.equal(mergeCredentialEdit(saved, { host: 'relay.example.net' }).input.certificateSha256, undefined);
    assert.equal(
      mergeCredentialEdit(saved, { host: '127.0.0.1', port: 2525 }).input.certificateSha256,
      saved.certificateSha256,
    );
  });

  test('nothing given, or the same values: nothing changed', () => {
    assert.deepEqual(mergeCredentialEdit(saved, {}).changed, []);
    assert.deepEqual(mergeCredentialEdit(saved, { port: 2525, host: '127.0.0.1', region: 'eu-west-1' }).changed, []);
  });

  test('a new SES port without a TLS mode takes SES mode; any other port keeps the set mode', () => {
    assert.equal(mergeCredentialEdit(saved, { port: 465 }).input.tls, 'implicit');
    assert.equal(mergeCredentialEdit(saved, { port: 2465 }).input.tls, 'implicit');
    assert.equal(mergeCredentialEdit({ ...saved, tls: 'implicit' }, { port: 587 }).input.tls, 'starttls');
    assert.equal(mergeCredentialEdit({ ...saved, tls: 'implicit' }, { port: 4650 }).input.tls, 'implicit');
    assert.equal(mergeCredentialEdit(saved, { port: 465, tls: 'starttls' }).input.tls, 'starttls');
    assert.deepEqual(mergeCredentialEdit(saved, { tls: 'implicit' }).changed, ['tls']);
  });

  test('from "" removes the default From; host "" goes back to the region endpoint', () => {
    assert.equal(mergeCredentialEdit(saved, { from: '' }).input.from, undefined);
    const m = mergeCredentialEdit(saved, { host: '' });
    assert.equal(m.input.host, undefined);
    assert.equal(m.input.region, 'eu-west-1');
    assert.deepEqual(m.changed, ['host']);
  });

  test('a new SES endpoint host brings its region (a region change); another region given with it is refused', () => {
    const m = mergeCredentialEdit(saved, { host: 'email-smtp-fips.us-east-1.amazonaws.com' });
    assert.equal(m.input.region, 'us-east-1');
    assert.deepEqual(m.regionChange, { from: 'eu-west-1', to: 'us-east-1' });
    assert.throws(
      () => mergeCredentialEdit(saved, { host: 'email-smtp.us-east-1.amazonaws.com', region: 'eu-west-1' }),
      /The host email-smtp\.us-east-1\.amazonaws\.com is the SES endpoint of us-east-1, not eu-west-1/,
    );
    // Near miss: a host that only looks like SES brings no region.
    assert.equal(mergeCredentialEdit(saved, { host: 'email-smtp.example.com' }).input.region, 'eu-west-1');
  });

  test('a new region moves an SES endpoint host with it (FIPS kept), not a relay host', () => {
    const fips = { ...sesSet, host: 'email-smtp-fips.us-east-1.amazonaws.com', region: 'us-east-1' };
    const m = mergeCredentialEdit(fips, { region: 'us-west-2' });
    assert.equal(m.input.host, 'email-smtp-fips.us-west-2.amazonaws.com');
    assert.deepEqual(m.regionChange, { from: 'us-east-1', to: 'us-west-2' });
    const relay = mergeCredentialEdit(saved, { region: 'us-west-2' });
    assert.equal(relay.input.host, '127.0.0.1');
    assert.deepEqual(relay.regionChange, { from: 'eu-west-1', to: 'us-west-2' });
    assert.deepEqual(relay.changed, ['region']);
  });

  test('a region for a set that had none is no region change (no password made for another region)', () => {
    const m = mergeCredentialEdit({ ...saved, region: undefined }, { region: 'eu-central-1' });
    assert.equal(m.regionChange, undefined);
    assert.deepEqual(m.changed, ['region']);
    assert.equal(mergeCredentialEdit(saved, { region: '' }).input.region, undefined);
  });

  test('refusals name the field: bad port, bad region, bad From, no host and no region', () => {
    assert.throws(() => mergeCredentialEdit(saved, { port: 0 }), /Port 0 is out of range/);
    assert.throws(() => mergeCredentialEdit(saved, { port: 65536 }), /Port 65536 is out of range/);
    assert.equal(mergeCredentialEdit(saved, { port: 65535 }).input.port, 65535);
    assert.equal(mergeCredentialEdit(saved, { port: 1 }).input.port, 1);
    assert.throws(() => mergeCredentialEdit(saved, { region: 'eu-wset-1' }), /eu-west-1/);
    assert.throws(() => mergeCredentialEdit(saved, { from: 'sender@example' }), /The default From/);
    assert.throws(() => mergeCredentialEdit(saved, { host: '', region: '' }), /Without a host the set needs a region/);
  });
});
