// The doctor's "whose key" check (src/engines/doctor/key.ts): each verdict branch, with fake AWS calls.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { keyFindings, lookupKey, maskKeyId } from '../../../../src/engines/doctor/key';
import type { DoctorAws } from '../../../../src/engines/doctor/types';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const err = (name: string, message = name): Error => Object.assign(new Error(message), { name });
const denied = err('AccessDenied', 'User: x is not authorized to perform: y');

function fakeAws(over: Partial<DoctorAws>): DoctorAws {
  const no = (): Promise<never> => Promise.reject(new Error('not faked'));
  return {
    callerAccount: async () => ({ account: '111111111111' }),
    accessKeyAccount: async () => '111111111111',
    accessKeyLastUsed: async () => ({ userName: 'smtp-user' }),
    listAccessKeys: async () => [{ id: KEY, status: 'Active' }],
    simulateSend: no,
    userPolicies: no,
    account: no,
    identity: async () => undefined,
    suppressed: async () => undefined,
    ...over,
  };
}

describe('whose key', () => {
  test('masked as AKIA…XXXX', () => assert.equal(maskKeyId(KEY), 'AKIA…MPLE'));
  test("another account than the profile's", async () => {
    const [x] = keyFindings(await lookupKey(fakeAws({ accessKeyAccount: async () => '999999999999' }), KEY));
    assert.equal(x.cause, 'key-other-account');
    assert.match(x.title, /belongs to account 999999999999, not to the profile's account 111111111111/);
  });
  test('inactive, not found, active', async () => {
    assert.equal(
      keyFindings(await lookupKey(fakeAws({ listAccessKeys: async () => [{ id: KEY, status: 'Inactive' }] }), KEY))[0]
        .cause,
      'key-inactive',
    );
    assert.equal(
      keyFindings(
        await lookupKey(fakeAws({ accessKeyLastUsed: () => Promise.reject(err('NoSuchEntityException')) }), KEY),
      )[0].cause,
      'key-not-found',
    );
    const ok = keyFindings(
      await lookupKey(
        fakeAws({
          accessKeyLastUsed: async () => ({
            userName: 'u',
            lastUsed: new Date('2026-11-01T10:00:00Z'),
            service: 'ses',
            region: 'eu-west-1',
          }),
        }),
        KEY,
      ),
    );
    assert.equal(ok[0].verdict, 'pass');
    assert.ok(ok[0].evidence.some((e) => /last used 2026-11-01 10:00 UTC, service ses, region eu-west-1/.test(e)));
  });
  test('no permission: skipped with the exact action, never a failure', async () => {
    const out = keyFindings(
      await lookupKey(
        fakeAws({ accessKeyAccount: () => Promise.reject(denied), accessKeyLastUsed: () => Promise.reject(denied) }),
        KEY,
      ),
    );
    assert.deepEqual(
      out.map((x) => x.title),
      ['skipped: needs sts:GetAccessKeyInfo', 'skipped: needs iam:GetAccessKeyLastUsed'],
    );
  });
});
