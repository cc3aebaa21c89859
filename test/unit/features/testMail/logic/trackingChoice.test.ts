// Which test sends delivery tracking follows: each branch of trackingChoice, near misses included.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { trackingChoice } from '../../../../../src/features/testMail/logic/trackingChoice';

const T = 'ses-smtp-toolkit-tracking';

describe('trackingChoice', () => {
  test('no tracking in the region: not followed', () => {
    assert.deepEqual(trackingChoice(undefined, {}), { follow: false, reason: 'not-set-up' });
    assert.deepEqual(trackingChoice(undefined, { tenant: 'acme' }), { follow: false, reason: 'not-set-up' });
  });
  test('no set of its own, no tenant: the tracking set is used', () => {
    assert.deepEqual(trackingChoice(T, {}), { follow: true, configurationSet: T });
  });
  test('the tracking set named by the mail: followed', () => {
    assert.deepEqual(trackingChoice(T, { configurationSet: T }), { follow: true, configurationSet: T });
    // A tenant's mail that names the tracking set (the user associated it with the tenant) is followed.
    assert.deepEqual(trackingChoice(T, { configurationSet: T, tenant: 'acme' }), { follow: true, configurationSet: T });
  });
  test('another set named: not followed, and why', () => {
    assert.deepEqual(trackingChoice(T, { configurationSet: 'events' }), {
      follow: false,
      reason: 'other-set',
      configurationSet: 'events',
      trackingSet: T,
    });
  });
  test("a tenant's mail without a set: the tracking set is not added (SES would refuse it)", () => {
    assert.deepEqual(trackingChoice(T, { tenant: 'acme' }), {
      follow: false,
      reason: 'tenant-without-set',
      tenant: 'acme',
      trackingSet: T,
    });
  });
  test('near miss: an empty tenant is no tenant', () => {
    assert.deepEqual(trackingChoice(T, { tenant: '' }), { follow: true, configurationSet: T });
  });
});
