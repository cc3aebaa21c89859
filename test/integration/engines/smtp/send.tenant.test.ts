// A test mail sent for an SES tenant (X-SES-TENANT, issue #27) against the SES-like SMTP server,
// which refuses as SES does an unknown tenant, a paused one, and a From identity or configuration
// set not associated with the tenant; each refusal diagnosed, and each rule's near miss accepted.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sendTestMail } from '../../../../src/engines/smtp/send';
import type { TestMail } from '../../../../src/engines/smtp/mailOptions';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { diagnose } from '../../../../src/engines/smtp/diagnose';
import { startSesSmtpServer, type SesServer } from '../../../support/sesSmtpServer';

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REGION = 'eu-west-1';

describe('a test mail sent for a tenant', () => {
  let server: SesServer;
  const send = async (extra: Partial<TestMail>) =>
    sendTestMail({
      host: server.host,
      port: server.port,
      tls: 'starttls',
      username: ACCESS_KEY,
      password: deriveSmtpPassword(SECRET, REGION),
      ca: server.ca,
      region: REGION,
      retryDelaysMs: [],
      mail: {
        from: 'noreply@acme.example',
        to: ['success@simulator.amazonses.com'],
        subject: 'T',
        text: 'B',
        ...extra,
      },
    });
  before(async () => {
    server = await startSesSmtpServer({
      region: REGION,
      tls: 'starttls',
      users: [{ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET }],
      verified: ['acme.example', 'globex.example', 'solo@globex.example'],
      configurationSets: ['acme-events', 'other-events'],
      tenants: {
        acme: { identities: ['acme.example'], configurationSets: ['acme-events'] },
        paused: { paused: true, identities: ['acme.example'], configurationSets: ['acme-events'] },
      },
    });
  });
  after(() => server.stop());

  test('the tenant with its own identity and set: accepted, with X-SES-TENANT in the message', async () => {
    const outcome = await send({ tenant: 'acme', configurationSet: 'acme-events' });
    assert.equal(outcome.ok, true, JSON.stringify(outcome.result.failure));
    const received = server.received.find((r) => r.messageId === outcome.messageId);
    assert.deepEqual(
      received?.headers.filter((h) => h.name === 'X-SES-TENANT').map((h) => h.value),
      ['acme'],
    );
  });

  test('an unknown tenant: refused and named', async () => {
    const outcome = await send({ tenant: 'acmee', configurationSet: 'acme-events' });
    assert.equal(outcome.ok, false);
    assert.match(outcome.result.failure?.reply ?? '', /Tenant acmee for AwsAccountId 123456789012 not found/);
    assert.equal(diagnose(outcome.result, { region: REGION })[0].id, 'tenant-not-found');
  });

  test('a paused tenant: refused; diagnosed as paused', async () => {
    const outcome = await send({ tenant: 'paused', configurationSet: 'acme-events' });
    assert.equal(outcome.ok, false);
    assert.equal(diagnose(outcome.result, { region: REGION })[0].id, 'tenant-paused');
  });

  test('a configuration set outside the tenant: refused with its ARN', async () => {
    const outcome = await send({ tenant: 'acme', configurationSet: 'other-events' });
    assert.equal(outcome.ok, false);
    const [cause] = diagnose(outcome.result, { region: REGION });
    assert.equal(cause.id, 'tenant-not-associated');
    assert.match(cause.title, /configuration-set other-events/);
  });

  test('a From identity outside the tenant: refused, naming the address identity when it is one', async () => {
    const outcome = await send({ from: 'solo@globex.example', tenant: 'acme', configurationSet: 'acme-events' });
    assert.equal(outcome.ok, false);
    assert.match(outcome.result.failure?.reply ?? '', /identity\/solo@globex\.example\]/);
    assert.equal(diagnose(outcome.result, { region: REGION })[0].id, 'tenant-not-associated');
  });

  test("near miss: an address under the tenant's domain identity is covered", async () => {
    const outcome = await send({ from: 'billing@acme.example', tenant: 'acme', configurationSet: 'acme-events' });
    assert.equal(outcome.ok, true, JSON.stringify(outcome.result.failure));
  });

  test("near miss: without X-SES-TENANT the same set and identity are the account's, and accepted", async () => {
    const outcome = await send({ configurationSet: 'other-events', from: 'solo@globex.example' });
    assert.equal(outcome.ok, true, JSON.stringify(outcome.result.failure));
  });
});
