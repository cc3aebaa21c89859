import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeCredentialSet,
  endpointOf,
  normalizeCredentialSet,
  migrateCertificateTrust,
  parseCredentialIndex,
} from '../../../src/base/credentialSets';

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
