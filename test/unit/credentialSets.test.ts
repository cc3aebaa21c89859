import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { describeCredentialSet, endpointOf, normalizeCredentialSet, parseCredentialIndex } from '../../src/core/smtp/credentialSets';

const base = { name: 'prod', username: 'AKIAIOSFODNN7EXAMPLE', region: 'eu-central-1', port: 587, tls: 'starttls' as const };

describe('credential sets', () => {
  test('a valid set is normalised: trimmed name and username, region lower-cased', () => {
    const set = normalizeCredentialSet({ ...base, name: '  prod  ', username: ' AKIAIOSFODNN7EXAMPLE\n', region: 'EU-CENTRAL-1' });
    assert.deepEqual(set, { name: 'prod', username: 'AKIAIOSFODNN7EXAMPLE', region: 'eu-central-1', host: undefined, port: 587, tls: 'starttls', from: undefined });
  });

  const bad: Array<[string, object, RegExp]> = [
    ['an empty name', { name: ' ' }, /name is empty/],
    ['a two-line name', { name: 'a\nb' }, /one line/],
    ['an empty username', { username: '' }, /username is empty/],
    ['a temporary key', { username: 'ASIAIOSFODNN7EXAMPLE' }, /temporary access key/],
    ['a region typo', { region: 'eu-cental-1' }, /Did you mean eu-central-1/],
    ['a host with a scheme', { region: undefined, host: 'smtp://email-smtp.eu-west-1.amazonaws.com' }, /not a host name/],
    ['neither region nor host', { region: undefined }, /Neither a region nor a host/],
    ['a bad port', { port: 0 }, /out of range/],
    ['a two-line From', { from: 'a@b.com\r\nBcc: x@y.z' }, /one line/],
  ];
  for (const [name, patch, message] of bad) {
    test(`refuses ${name} with a message that says what to fix`, () => {
      assert.throws(() => normalizeCredentialSet({ ...base, ...patch } as typeof base), message);
    });
  }

  test('the region is read from an SES host when only the host is given', () => {
    const set = normalizeCredentialSet({ ...base, region: undefined, host: 'email-smtp.ap-south-1.amazonaws.com' } as unknown as typeof base);
    assert.equal(set.region, 'ap-south-1');
  });

  test('port 465 gets implicit TLS', () => {
    assert.equal(normalizeCredentialSet({ ...base, port: 465, tls: undefined } as unknown as typeof base).tls, 'implicit');
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
