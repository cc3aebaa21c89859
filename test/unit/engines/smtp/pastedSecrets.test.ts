// Masking of pasted text (engines/smtp/pastedSecrets.ts), each form a secret can stand in.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { findPastedSecrets, maskPastedText } from '../../../../src/engines/smtp/pastedSecrets';
import { deriveSmtpPassword } from '../../../../src/base/password';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PASSWORD = deriveSmtpPassword(SECRET, 'eu-west-1');

function masked(text: string, ...secrets: string[]): string {
  const out = maskPastedText(text);
  for (const s of secrets) assert.ok(!out.includes(s), `${s} survived in ${out}`);
  assert.match(out, /\*{8}/);
  return out;
}

describe('maskPastedText: each form', () => {
  test("a DSN's password, the user kept", () => {
    const out = masked(
      'MAILER_DSN=smtp://AKIAIOSFODNN7EXAMPLE:hunter2secret@email-smtp.eu-west-1.amazonaws.com:587',
      'hunter2secret',
    );
    assert.match(out, /smtp:\/\/AKIAIOSFODNN7EXAMPLE:\*{8}@email-smtp/);
  });
  test("a DSN's URL-encoded password, and its raw form elsewhere", () => {
    const out = masked(
      'smtps://user:pa%2Fss%2Bword@host:465 failed; password was pa/ss+word',
      'pa%2Fss%2Bword',
      'pa/ss+word',
    );
    assert.match(out, /smtps:\/\/user:\*{8}@host/);
  });
  test('key = value, in each syntax', () => {
    for (const line of [
      'SMTP_PASSWORD=topsecret123',
      'EMAIL_HOST_PASSWORD = "topsecret123"',
      "password: 'topsecret123'",
      ':password => "topsecret123"',
      '{"smtp_pass": "topsecret123"}',
      "smtplib.login(user, password='topsecret123')",
      'aws_secret_access_key = topsecret123',
    ])
      masked(line, 'topsecret123');
  });
  test('an AUTH PLAIN blob', () => {
    const blob = Buffer.from(`\0AKIAIOSFODNN7EXAMPLE\0${PASSWORD}`).toString('base64');
    masked(`C: AUTH PLAIN ${blob}`, blob);
  });
  test('a bare SES SMTP password, and its base64 elsewhere', () => {
    const b64 = Buffer.from(PASSWORD).toString('base64');
    masked(`pass ${PASSWORD} then ${b64}`, PASSWORD, b64);
  });
  test('a bare IAM secret key, and the SMTP password derived from it elsewhere', () => {
    const other = deriveSmtpPassword(SECRET, 'us-east-1');
    masked(`secret ${SECRET}; later ${other}`, SECRET, other);
  });
  test('a found password is masked where it stands alone too', () => {
    masked('SMTP_PASSWORD=abc12345xyz ... login failed for abc12345xyz', 'abc12345xyz');
  });
});

describe('maskPastedText: what is not a secret stays', () => {
  test('SES replies, access key ids, git commits and placeholders', () => {
    for (const text of [
      '535 Authentication Credentials Invalid',
      "smtplib.SMTPAuthenticationError: (535, b'Authentication Credentials Invalid')",
      'username AKIAIOSFODNN7EXAMPLE',
      'commit 6fd24fa0c3b1e2d4f5a6b7c8d9e0f1a2b3c4d5e6',
      'SMTP ERROR: Password command failed: 535 Authentication Credentials Invalid',
      'password=********',
    ])
      assert.equal(maskPastedText(text), text);
    assert.deepEqual(findPastedSecrets('password=null'), []);
  });
  test('refuses a wrong type clearly', () => {
    assert.throws(() => findPastedSecrets(5 as unknown as string), /text/);
  });
});
