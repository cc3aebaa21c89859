// The #27 diagnosis against real SMTP sessions: an SES-like server in Mail Manager mode (an
// authenticated ingress endpoint) and one as the classic SES endpoint, each given the other's
// login; and SES's TLS 1.0/1.1 refusal as the server sends it. The diagnosis reads the host the
// user named (an ingress or SES host name) while the session goes to 127.0.0.1.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkSmtpLogin } from '../../../../src/engines/smtp/session';
import { sendTestMail } from '../../../../src/engines/smtp/send';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { diagnose } from '../../../../src/engines/smtp/diagnose';
import { startSesSmtpServer, type SesServer } from '../../../support/sesSmtpServer';

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REGION = 'eu-west-1';
const V4 = deriveSmtpPassword(SECRET, REGION);
const INGRESS_HOST = 'jwij4ht3pzhr.hkph.mail-manager-smtp.amazonaws.com';
const INGRESS_LOGIN = { username: 'inp-abf4ke5jozwe5ynkrhctyiab', password: 'Ingress-Password-2026' };

describe('Mail Manager and SES SMTP logins against SES-like servers', () => {
  let ingress: SesServer;
  let classic: SesServer;
  before(async () => {
    const users = [{ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET }];
    ingress = await startSesSmtpServer({ region: REGION, tls: 'starttls', users, mailManager: INGRESS_LOGIN });
    classic = await startSesSmtpServer({ region: REGION, tls: 'starttls', users, verified: ['example.com'] });
  });
  after(async () => {
    await ingress?.stop();
    await classic?.stop();
  });
  const login = (server: SesServer, username: string, password: string) =>
    checkSmtpLogin({ host: server.host, port: server.port, tls: 'starttls', username, password, ca: server.ca });

  test('each endpoint takes its own login', async () => {
    assert.equal((await login(ingress, INGRESS_LOGIN.username, INGRESS_LOGIN.password)).ok, true);
    assert.equal((await login(classic, ACCESS_KEY, V4)).ok, true);
  });

  test("the IAM key's v4 password at the ingress endpoint: 535, named as the mix-up", async () => {
    const result = await login(ingress, ACCESS_KEY, V4);
    assert.equal(result.ok, false);
    assert.equal(result.failure?.responseCode, 535);
    const causes = diagnose(result, { host: INGRESS_HOST, username: ACCESS_KEY, password: V4, region: REGION });
    assert.deepEqual(
      causes.map((c) => c.id),
      ['ingress-v4-password'],
    );
    assert.match(causes[0].fix, /email-smtp\.eu-west-1\.amazonaws\.com/);
    assert.ok(!JSON.stringify(causes).includes(V4), 'no password in the diagnosis');
  });

  test('the ingress login at the SES endpoint: 535, named as the mix-up', async () => {
    const result = await login(classic, INGRESS_LOGIN.username, INGRESS_LOGIN.password);
    assert.equal(result.failure?.responseCode, 535);
    const host = `email-smtp.${REGION}.amazonaws.com`;
    const causes = diagnose(result, { host, ...INGRESS_LOGIN });
    assert.deepEqual(
      causes.map((c) => c.id),
      ['ingress-login-to-ses'],
    );
    assert.ok(!JSON.stringify(causes).includes(INGRESS_LOGIN.password), 'no password in the diagnosis');
  });

  test('near miss: a wrong ingress password at the ingress endpoint is its own password problem', async () => {
    const result = await login(ingress, INGRESS_LOGIN.username, 'not-the-password');
    assert.equal(result.failure?.responseCode, 535);
    const causes = diagnose(result, { host: INGRESS_HOST, username: INGRESS_LOGIN.username, password: 'x' });
    assert.deepEqual(
      causes.map((c) => c.id),
      ['ingress-password'],
    );
  });

  test("SES's TLS 1.0/1.1 refusal is diagnosed as the TLS version, not a permission", async () => {
    classic.options.rejectNext = {
      count: 1,
      code: 554,
      text: 'Access denied: Amazon SES no longer supports TLS 1.0 and TLS 1.1 connections. You must update your client to use TLS version 1.2 or above.',
    };
    const outcome = await sendTestMail({
      host: classic.host,
      port: classic.port,
      tls: 'starttls',
      username: ACCESS_KEY,
      password: V4,
      ca: classic.ca,
      mail: { from: 'a@example.com', to: ['success@simulator.amazonses.com'], subject: 's', text: 't' },
    });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.result.failure?.responseCode, 554);
    assert.deepEqual(
      diagnose(outcome.result, { region: REGION }).map((c) => c.id),
      ['tls-version-refused'],
    );
  });
});
