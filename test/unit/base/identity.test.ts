// What Create Identity refuses as you type, before any call to SES; the bound on requests in flight
// per region that keeps sockets in check now that every region loads at once; the account info
// service between the explorer and the Send Test Email form.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { identityInputProblem } from '../../../src/base/identity';
import { limiter } from '../../../src/features/explorer/sesAccess';
import { AccountInfoService } from '../../../src/host/accountInfo';

function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

async function settled(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

describe('Create Identity input', () => {
  test('domains and addresses pass', () => {
    for (const ok of [
      'example.com',
      'mail.example.co.uk',
      ' Example.COM ',
      'noreply@example.com',
      'a.b+tag@sub.example.org',
      'xn--bcher-kva.example',
    ]) {
      assert.equal(identityInputProblem(ok), undefined, ok);
    }
  });

  const refused: Array<[string, RegExp]> = [
    ['not a domain', /^"not a domain" contains spaces; enter a domain \(example\.com\) or an email address/],
    ['sender@example', /^Not a complete address: the part after the @ is not a domain\. "example" has no dot/],
    ['example', /^Not a domain: "example" has no dot/],
    ['https://example.com', /^Not a domain: .*is a URL; enter only the domain/],
    ['@example.com', /needs one @ with a name before it/],
    ['noreply@', /has nothing after the @/],
    ['a@b@example.com', /needs one @ with a name before it/],
    ['example.c0m', /"c0m" is not a top-level domain/],
    ['exa_mple..com', /empty label/],
    ['', /^Enter a domain/],
  ];
  for (const [input, message] of refused) {
    test(`"${input}" is refused with a clear message`, () => {
      assert.match(identityInputProblem(input) ?? '(accepted)', message);
    });
  }
});

describe('requests in flight per region', () => {
  test('the limiter never runs more than its bound at once and runs every call', async () => {
    const limit = limiter(4);
    let active = 0;
    let most = 0;
    const gates = Array.from({ length: 10 }, gate);
    const runs = gates.map((g, i) =>
      limit(async () => {
        active++;
        most = Math.max(most, active);
        await g.promise;
        active--;
        return i;
      }),
    );
    await settled();
    assert.equal(active, 4);
    for (const g of gates) {
      g.open();
      await settled();
    }
    assert.deepEqual(await Promise.all(runs), [...Array(10).keys()]);
    assert.equal(most, 4);
  });
});

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
