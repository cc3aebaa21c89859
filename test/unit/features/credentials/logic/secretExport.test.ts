// Issue #17: a credential set exported as a JSON secret (src/features/credentials/logic/secretExport.ts):
// names, key names, KMS key ids and the remembered mappings. No message may carry a value of the secret.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  extractCredentials,
  guessMapping,
  parseSecretValue,
  type SecretMapping,
} from '../../../../../src/features/credentials/logic/secretValue';
import {
  DEFAULT_EXPORT_KEYS,
  MAX_REMEMBERED_MAPPINGS,
  SecretNameError,
  buildSecretJson,
  checkExportKeys,
  checkKmsKeyId,
  checkParameterName,
  checkSecretName,
  conventionExportKeys,
  defaultSecretName,
  rememberMapping,
} from '../../../../../src/features/credentials/logic/secretExport';
import { CONVENTIONS } from '../../../../../src/engines/envfile/conventions';
import { deriveSmtpPassword } from '../../../../../src/base/password';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PASSWORD = deriveSmtpPassword(SECRET, 'eu-west-1');

/** Parses, maps (guessed) and extracts, as the import does without a user. */
function importOf(text: string, mapping?: SecretMapping) {
  const value = parseSecretValue(text);
  return extractCredentials(value, mapping ?? (value.kind === 'json' ? guessMapping(Object.keys(value.fields)) : {}));
}

describe('exporting a set as a JSON secret', () => {
  const values = {
    username: KEY,
    password: PASSWORD,
    host: 'email-smtp.eu-west-1.amazonaws.com',
    port: 587,
    region: 'eu-west-1',
  };

  test('the default keys: SMTP_USERNAME, SMTP_PASSWORD, SMTP_HOST, SMTP_PORT', () => {
    assert.deepEqual(JSON.parse(buildSecretJson(DEFAULT_EXPORT_KEYS, values)), {
      SMTP_USERNAME: KEY,
      SMTP_PASSWORD: PASSWORD,
      SMTP_HOST: 'email-smtp.eu-west-1.amazonaws.com',
      SMTP_PORT: '587',
    });
  });

  test('what is exported is imported back with the same username and password (guessed mapping)', () => {
    for (const c of CONVENTIONS) {
      const keys = conventionExportKeys(c);
      if (!keys) continue;
      const back = importOf(buildSecretJson(keys, values));
      assert.equal(back.username, KEY, c.id);
      assert.equal(back.password, PASSWORD, c.id);
    }
  });

  test("a .env convention's keys: Laravel and Rails; a URL-only convention has none", () => {
    const laravel = conventionExportKeys(CONVENTIONS.find((c) => c.id === 'laravel')!);
    assert.deepEqual(laravel, {
      username: 'MAIL_USERNAME',
      password: 'MAIL_PASSWORD',
      host: 'MAIL_HOST',
      port: 'MAIL_PORT',
      from: 'MAIL_FROM_ADDRESS',
    });
    assert.equal(conventionExportKeys(CONVENTIONS.find((c) => c.id === 'rails')!)?.region, 'AWS_SES_REGION');
    assert.equal(conventionExportKeys(CONVENTIONS.find((c) => c.id === 'nodemailer-url')!), undefined);
  });

  test('export keys: username and password required, no key twice, plain key names', () => {
    assert.throws(() => checkExportKeys({ username: 'U' }), /must name the username and the password/);
    assert.throws(
      () => checkExportKeys({ username: 'K', password: 'K' }),
      /"K" is given for both the username and the password/,
    );
    assert.throws(
      () => checkExportKeys({ username: 'U', password: 'P W' }),
      /JSON key for the password must be 1 to 128/,
    );
    assert.deepEqual(checkExportKeys({ username: 'spring.mail.username', password: 'a/b:c@d+e-f_g' }), {
      username: 'spring.mail.username',
      password: 'a/b:c@d+e-f_g',
    });
  });

  test('secret names: the default from the set name; letters, digits and /_+=.@- only; ARNs', () => {
    assert.equal(defaultSecretName('prod eu-west-1'), 'ses/smtp/prod-eu-west-1');
    assert.equal(defaultSecretName('  ~~~  '), 'ses/smtp/credentials');
    assert.equal(checkSecretName(' ses/smtp/prod '), 'ses/smtp/prod');
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ses/smtp-AbCdEf';
    assert.equal(checkSecretName(arn), arn);
    assert.throws(() => checkSecretName('ses smtp'), SecretNameError);
    assert.throws(() => checkSecretName(''), /The secret name is empty/);
    assert.throws(() => checkSecretName('x'.repeat(513)), /513 characters long; at most 512/);
    assert.equal(checkSecretName('x'.repeat(512)).length, 512);
    assert.throws(
      () => checkSecretName('arn:aws:secretsmanager:eu-west-1:12345:secret:x'),
      /The secret ARN is not one/,
    );
  });

  test('parameter names and KMS keys', () => {
    assert.equal(checkParameterName('/ses/smtp/prod'), '/ses/smtp/prod');
    assert.equal(checkParameterName('ses.smtp-prod_1'), 'ses.smtp-prod_1');
    assert.throws(() => checkParameterName('/ses/smtp prod'), /not a valid parameter name/);
    assert.throws(() => checkParameterName(' '), /The parameter name is empty/);
    assert.equal(checkKmsKeyId('alias/ses-smtp'), 'alias/ses-smtp');
    assert.equal(checkKmsKeyId('1234abcd-12ab-34cd-56ef-1234567890ab'), '1234abcd-12ab-34cd-56ef-1234567890ab');
    assert.equal(checkKmsKeyId('mrk-1234abcd12ab34cd56ef1234567890ab'), 'mrk-1234abcd12ab34cd56ef1234567890ab');
    assert.throws(() => checkKmsKeyId('ses-smtp'), /not a key id, alias or ARN/);
    assert.throws(() => checkKmsKeyId('alias/'), /not a key id, alias or ARN/);
  });

  test('remembered mappings hold key names only, the newest last, at most 200', () => {
    let stored: unknown = undefined;
    for (let i = 0; i < MAX_REMEMBERED_MAPPINGS + 5; i++)
      stored = rememberMapping(stored, `arn:${i}`, { username: 'U', password: 'P' });
    const arns = Object.keys(stored as object);
    assert.equal(arns.length, MAX_REMEMBERED_MAPPINGS);
    assert.equal(arns[0], 'arn:5');
    stored = rememberMapping(stored, 'arn:5', { username: 'U2', password: 'P2', value: PASSWORD } as SecretMapping);
    assert.equal(Object.keys(stored as object).at(-1), 'arn:5');
    assert.ok(!JSON.stringify(stored).includes(PASSWORD), 'no value is remembered');
    const cleaned = rememberMapping({ junk: { username: 'U' }, 'arn:b': 'text' }, 'arn:a', {
      username: 'U',
      password: 'P',
    });
    assert.deepEqual({ ...cleaned }, { 'arn:a': { username: 'U', password: 'P' } });
  });
});
