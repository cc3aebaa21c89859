// The tenant of a test mail (X-SES-TENANT, issue #27): its name rule, the header it writes, and the
// custom header that may not stand in for it.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkTenantName, checkCustomHeaders, MailExtrasError } from '../../../../src/engines/smtp/mailRules';
import { sesHeaders } from '../../../../src/engines/smtp/compose';
import { composeTestMail } from '../../../../src/engines/smtp/send';
import { MailInputError } from '../../../../src/engines/smtp/mailInput';

describe('the tenant name', () => {
  test('letters, digits, "-" and "_", trimmed', () => {
    assert.equal(checkTenantName(' acme_prod-2 '), 'acme_prod-2');
    assert.equal(checkTenantName('a'.repeat(64)), 'a'.repeat(64));
  });
  for (const [value, why] of [
    ['', /empty/],
    ['a'.repeat(65), /65 characters long; SES tenant names have at most 64/],
    ['acme prod', /may contain only ASCII letters/],
    ['acme.prod', /may contain only ASCII letters/],
    [42, /must be a name, not a number/],
  ] as const) {
    test(`refuses ${JSON.stringify(value).slice(0, 20)}`, () => {
      assert.throws(
        () => checkTenantName(value),
        (err: unknown) => err instanceof MailExtrasError && err.field === 'tenant' && why.test(err.message),
      );
    });
  }
});

describe('the X-SES-TENANT header', () => {
  test('written after the configuration set; absent without a tenant', () => {
    assert.deepEqual(sesHeaders({ configurationSet: 'events', tenant: 'acme', tags: [], arns: {} }), [
      { name: 'X-SES-CONFIGURATION-SET', value: 'events' },
      { name: 'X-SES-TENANT', value: 'acme' },
    ]);
    assert.deepEqual(sesHeaders({ tags: [], arns: {} }), []);
  });
  test('the composed message carries it, formatted or raw', async () => {
    const mail = { from: 'a@acme.example', to: ['b@example.org'], subject: 's', text: 't', tenant: 'acme' };
    assert.match((await composeTestMail(mail)).toString(), /^X-SES-TENANT: acme\r$/m);
    const raw = await composeTestMail({ ...mail, subject: '', text: '', raw: 'From: a@acme.example\r\n\r\nhi\r\n' });
    assert.match(raw.toString(), /^X-SES-TENANT: acme\r\nFrom:/);
  });
  test('a bad tenant refuses the mail under the tenant field', async () => {
    await assert.rejects(
      composeTestMail({ from: 'a@acme.example', to: ['b@example.org'], subject: 's', text: 't', tenant: 'a b' }),
      (err: unknown) => err instanceof MailInputError && err.field === 'tenant',
    );
  });
  test('a custom X-SES-TENANT header is refused, pointing at the tenant field', () => {
    assert.throws(() => checkCustomHeaders([{ name: 'X-SES-TENANT', value: 'acme' }]), /tenant/);
  });
});
