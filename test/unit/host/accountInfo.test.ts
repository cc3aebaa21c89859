// The account info service between the explorer and the Send Test Email form (src/host/accountInfo.ts).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { AccountInfoService } from '../../../src/host/accountInfo';

describe('account info service', () => {
  test('answers from its provider while registered; no provider or a failing one means no answer', async () => {
    const service = new AccountInfoService();
    assert.equal(await service.get('eu-west-1'), undefined, 'no provider, no warnings');
    const info = { sandbox: true, verifiedIdentities: ['a@example.com'] };
    const registration = service.provide({ regionInfo: (r) => (r === 'eu-west-1' ? info : undefined) });
    assert.deepEqual(await service.get('eu-west-1'), info);
    assert.equal(await service.get('us-east-1'), undefined);
    assert.equal(await service.get(undefined), undefined);
    registration.dispose();
    assert.equal(await service.get('eu-west-1'), undefined, 'unregistered');
    service.provide({ regionInfo: () => Promise.reject(new Error('boom')) });
    assert.equal(await service.get('eu-west-1'), undefined, 'a failing provider means no warnings, not an error');
  });
});
