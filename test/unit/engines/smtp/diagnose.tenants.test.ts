// The diagnosis of SES's refusals of a tenant's message (X-SES-TENANT, issue #27): an unknown
// tenant, a resource outside the tenant, a paused tenant; each with its near misses (another
// provider's "tenant" reply, the account's own pause, SES's IAM refusal).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../../../src/engines/smtp/diagnose';

const causes = (reply: string, code = 554): Array<{ id: string; title: string; fix: string; confidence: string }> =>
  diagnose(
    { ok: false, failure: { code: 'REJECTED', phase: 'data', reply, responseCode: code, message: reply } },
    { region: 'eu-west-1', from: 'noreply@acme.example', to: ['a@example.org'] },
  );

describe('diagnosis of tenant refusals', () => {
  test('an unknown tenant is named, with where tenants live', () => {
    const [c] = causes('554 Transaction failed: Tenant acme-prod for AwsAccountId 123456789012 not found.');
    assert.equal(c.id, 'tenant-not-found');
    assert.equal(c.title, 'SES has no tenant "acme-prod" in eu-west-1 (named by X-SES-TENANT).');
    assert.match(c.fix, /Tenants are per region/);
  });

  test('a resource outside the tenant: each ARN is named by kind and name, not as an IAM problem', () => {
    const [c, ...rest] = causes(
      '554 Access denied: Tenant not associated with resources [arn:aws:ses:eu-west-1:123456789012:identity/acme.example, arn:aws:ses:eu-west-1:123456789012:configuration-set/events].',
    );
    assert.equal(c.id, 'tenant-not-associated');
    assert.equal(c.title, 'The tenant of X-SES-TENANT may not use identity acme.example and configuration-set events.');
    assert.match(c.fix, /create-tenant-resource-association/);
    assert.equal(rest.length, 0, 'the "Access denied" does not add the IAM permission cause');
  });

  test('the refusal without its list still says which rule', () => {
    assert.equal(causes('554 Access denied: Tenant not associated with resources.')[0].id, 'tenant-not-associated');
  });

  test('a paused tenant', () => {
    const [c] = causes('554 Transaction failed: Sending is paused for tenant acme.');
    assert.equal(c.id, 'tenant-paused');
    assert.equal(c.title, 'The tenant of X-SES-TENANT is paused in eu-west-1: SES refuses its mail.');
    assert.match(c.fix, /update-reputation-entity-customer-managed-status/);
  });

  test('the send names its tenant: the refusal names it too', () => {
    const known = { region: 'eu-west-1', tenant: 'acme' };
    const reply = (text: string) =>
      diagnose(
        { ok: false, failure: { code: 'REJECTED', phase: 'data', reply: text, responseCode: 554, message: text } },
        known,
      );
    assert.equal(
      reply('554 Transaction failed: Sending is paused for tenant acme.')[0].title,
      'The tenant acme is paused in eu-west-1: SES refuses its mail.',
    );
    assert.equal(
      reply(
        '554 Access denied: Tenant not associated with resources [arn:aws:ses:eu-west-1:123456789012:identity/x.example].',
      )[0].title,
      'The tenant acme may not use identity x.example.',
    );
    assert.throws(
      () => diagnose({ ok: false, failure: { code: 'REJECTED', phase: 'data', message: 'x' } }, { tenant: 7 as never }),
      /known\.tenant/,
    );
  });

  test('near miss: the account paused (not a tenant) keeps its own reading', () => {
    const ids = causes(
      '554 Sending paused for this account. For more information, please check the inbox of the email address associated with your AWS account.',
    ).map((c) => c.id);
    assert.ok(!ids.includes('tenant-paused'), ids.join(', '));
  });

  test("near miss: another provider's tenant refusal (Exchange Online 5.7.705) is not an SES tenant cause", () => {
    const ids = causes('550 5.7.705 Access denied, tenant has exceeded threshold', 550).map((c) => c.id);
    assert.ok(!ids.some((id) => id.startsWith('tenant-')), ids.join(', '));
  });

  test('near miss: the IAM refusal stays the IAM cause', () => {
    const [c] = causes(
      "554 Access denied: User `arn:aws:iam::123456789012:user/smtp' is not authorized to perform `ses:SendRawEmail' on resource `arn:aws:ses:eu-west-1:123456789012:identity/acme.example'",
    );
    assert.equal(c.id, 'iam-permission');
  });

  test('near miss: a tenant named in an unrelated "not found" reply is not an unknown tenant', () => {
    const ids = causes('554 Transaction failed: Template welcome for tenant acme not found.').map((c) => c.id);
    assert.ok(!ids.includes('tenant-not-found'), ids.join(', '));
  });
});
