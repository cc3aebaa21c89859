// Issue #17: SMTP credentials read from Secrets Manager / SSM values (JSON with any key names, or a
// plain string) and written back as JSON. Every branch, near misses included; no message may carry
// a value of the secret.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_SECRET_VALUE_BYTES,
  SecretValueError,
  extractCredentials,
  guessMapping,
  parseSecretValue,
  usableMapping,
  type SecretMapping,
} from '../../../../../src/features/credentials/logic/secretValue';
import { deriveSmtpPassword, deriveLegacySmtpPasswordV2 } from '../../../../../src/base/password';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PASSWORD = deriveSmtpPassword(SECRET, 'eu-west-1');

/** Parses, maps (guessed) and extracts, as the import does without a user. */
function importOf(text: string, mapping?: SecretMapping) {
  const value = parseSecretValue(text);
  return extractCredentials(value, mapping ?? (value.kind === 'json' ? guessMapping(Object.keys(value.fields)) : {}));
}

/** Asserts a SecretValueError matching `reason` whose message holds no secret. */
function refuses(run: () => unknown, reason: RegExp): void {
  assert.throws(run, (err: unknown) => {
    assert.ok(err instanceof SecretValueError, String(err));
    assert.match(err.message, reason);
    for (const secret of [SECRET, PASSWORD, 'hunter2-not-a-password'])
      assert.ok(!err.message.includes(secret), `the message holds a secret: ${err.message}`);
    return true;
  });
}

describe('the key mapping of a JSON secret is guessed from its key names', () => {
  const spellings: Array<[field: 'username' | 'password' | 'host' | 'region' | 'port' | 'from', keys: string[]]> = [
    [
      'username',
      [
        'username',
        'user',
        'SMTP_USERNAME',
        'SMTP_USER',
        'smtp-user',
        'smtpUser',
        'accessKeyId',
        'AWS_ACCESS_KEY_ID',
        'MAIL_USERNAME',
        'EMAIL_HOST_USER',
        'AWS_SES_SMTP_USERNAME',
        'spring.mail.username',
        'login',
      ],
    ],
    [
      'password',
      [
        'password',
        'pass',
        'SMTP_PASSWORD',
        'SMTP_PASS',
        'smtp_password',
        'smtpPass',
        'MAIL_PASSWORD',
        'EMAIL_HOST_PASSWORD',
        'AWS_SES_SMTP_PASSWORD',
        'secretAccessKey',
        'AWS_SECRET_ACCESS_KEY',
        'pwd',
      ],
    ],
    [
      'host',
      ['host', 'SMTP_HOST', 'smtp.host', 'MAIL_HOST', 'EMAIL_HOST', 'AWS_SES_SMTP_ADDRESS', 'endpoint', 'server'],
    ],
    ['region', ['region', 'AWS_REGION', 'SES_REGION', 'aws-ses-region']],
    ['port', ['port', 'SMTP_PORT', 'MAIL_PORT', 'EMAIL_PORT']],
    ['from', ['from', 'SMTP_FROM', 'MAIL_FROM_ADDRESS', 'DEFAULT_FROM_EMAIL', 'sender']],
  ];
  for (const [field, keys] of spellings) {
    for (const key of keys) {
      test(`"${key}" is the ${field}`, () => assert.equal(guessMapping([key, 'unrelated'])[field], key));
    }
  }

  test('near misses are not taken: "username2", "passwordHint", "user_id", "hostname_alias"', () => {
    assert.deepEqual(guessMapping(['username2', 'passwordHint', 'user_id', 'hostname_alias']), {});
  });

  test('a key is used for one field only, and the more specific spelling wins', () => {
    assert.deepEqual(guessMapping(['SMTP_PASSWORD', 'SMTP_USERNAME', 'SMTP_HOST', 'SMTP_PORT']), {
      username: 'SMTP_USERNAME',
      password: 'SMTP_PASSWORD',
      host: 'SMTP_HOST',
      port: 'SMTP_PORT',
    });
    assert.equal(guessMapping(['user', 'username']).username, 'username');
  });

  test('a remembered mapping is used only with known fields whose keys are still in the secret', () => {
    const keys = ['U', 'P', 'H'];
    assert.deepEqual(usableMapping({ username: 'U', password: 'P', host: 'H' }, keys), {
      username: 'U',
      password: 'P',
      host: 'H',
    });
    assert.deepEqual(usableMapping({ username: 'U', password: 'P', host: 'GONE', bogus: 'H' }, keys), {
      username: 'U',
      password: 'P',
    });
    assert.equal(usableMapping({ username: 'U', password: 'GONE' }, keys), undefined, 'password key gone');
    assert.equal(usableMapping({ password: 'P' }, keys), undefined, 'no username key');
    assert.equal(usableMapping('U', keys), undefined);
    assert.equal(usableMapping(undefined, keys), undefined);
    assert.equal(usableMapping(JSON.parse('{"__proto__": {"username": "U", "password": "P"}}'), keys), undefined);
  });
});

describe('values of the secret', () => {
  test('JSON with the SES console names: username, password, host → region', () => {
    const found = importOf(
      JSON.stringify({ SMTP_USERNAME: KEY, SMTP_PASSWORD: PASSWORD, SMTP_HOST: 'email-smtp.eu-west-1.amazonaws.com' }),
    );
    assert.deepEqual(found, {
      username: KEY,
      password: PASSWORD,
      passwordKind: 'smtp',
      host: 'email-smtp.eu-west-1.amazonaws.com',
      region: 'eu-west-1',
    });
  });

  test('JSON with any key names, mapped by the user; a port as a number; a From', () => {
    const found = importOf(
      JSON.stringify({ a: KEY, b: PASSWORD, c: 465, d: 'noreply@example.com', e: 'eu-central-1' }),
      { username: 'a', password: 'b', port: 'c', from: 'd', region: 'e' },
    );
    assert.deepEqual(found, {
      username: KEY,
      password: PASSWORD,
      passwordKind: 'smtp',
      port: 465,
      from: 'noreply@example.com',
      region: 'eu-central-1',
    });
  });

  test('a relay host keeps no region; a password not in the SES form is taken for it', () => {
    const found = importOf(
      JSON.stringify({ user: 'relay-user@example.com', pass: 'hunter2-not-a-password', host: 'smtp.relay.example' }),
    );
    assert.equal(found.host, 'smtp.relay.example');
    assert.equal(found.region, undefined);
    assert.equal(found.password, 'hunter2-not-a-password');
  });

  test('without a host, a password not in the SES form is refused', () =>
    refuses(
      () => importOf(JSON.stringify({ user: KEY, pass: 'hunter2-not-a-password' })),
      /not an SES SMTP password .* nor an IAM secret key/,
    ));

  test('an IAM secret access key as the password is detected (to derive the SMTP password)', () => {
    const found = importOf(JSON.stringify({ accessKeyId: KEY, secretAccessKey: SECRET }));
    assert.equal(found.passwordKind, 'iam-secret');
    assert.equal(found.password, SECRET);
    assert.equal(found.username, KEY);
  });

  test('a legacy v2 password is refused with what to store instead', () =>
    refuses(
      () => importOf(JSON.stringify({ username: KEY, password: deriveLegacySmtpPasswordV2(SECRET) })),
      /legacy version 2 SMTP password, which SES refuses\. Store the IAM secret access key/,
    ));

  test('plain string "user:password"', () => {
    assert.deepEqual(importOf(`${KEY}:${PASSWORD}`), { username: KEY, password: PASSWORD, passwordKind: 'smtp' });
  });

  test('plain string "user:password" with spaces and a trailing line break', () => {
    assert.deepEqual(importOf(` ${KEY} : ${PASSWORD}\n`), { username: KEY, password: PASSWORD, passwordKind: 'smtp' });
  });

  test('plain string: the password alone (the username is asked)', () => {
    assert.deepEqual(parseSecretValue(PASSWORD), { kind: 'plain', password: PASSWORD });
    assert.deepEqual(importOf(PASSWORD), { password: PASSWORD, passwordKind: 'smtp' });
  });

  test('plain string: an IAM secret key alone is detected', () => {
    assert.equal(importOf(SECRET).passwordKind, 'iam-secret');
  });

  test('plain string ":password" and "user:" are refused', () => {
    refuses(() => parseSecretValue(`:${PASSWORD}`), /no username before the colon/);
    refuses(() => parseSecretValue(`${KEY}:`), /no password after the colon/);
  });

  test('plain string on several lines is refused', () =>
    refuses(() => parseSecretValue(`${KEY}\n${PASSWORD}`), /several lines; expected one line/));

  test('a temporary key (ASIA…) as the username is refused', () =>
    refuses(() => importOf(`ASIAIOSFODNN7EXAMPLE:${PASSWORD}`), /temporary access key/));

  test('malformed JSON is refused with the position, not the text', () => {
    const text = `{"username": "${KEY}", "password": "${PASSWORD}",}`;
    refuses(() => parseSecretValue(text), /starts like JSON but is not valid JSON( \(at character \d+\))?\. Fix it/);
  });

  test('JSON that is not an object, an empty object, only non-text values', () => {
    refuses(() => parseSecretValue(`["${KEY}", "${PASSWORD}"]`), /not an object/);
    refuses(() => parseSecretValue('{}'), /The JSON object is empty/);
    refuses(
      () => importOf('{"password": {"nested": true}, "username": null}'),
      /No key of the secret was chosen for the password/,
    );
  });

  test('a mapped key that is missing or not text is named', () => {
    refuses(
      () => importOf(JSON.stringify({ u: KEY, p: PASSWORD }), { username: 'u', password: 'pw' }),
      /The key "pw" chosen for the password is not in the secret/,
    );
    refuses(
      () => importOf(JSON.stringify({ u: KEY, p: [PASSWORD] }), { username: 'u', password: 'p' }),
      /The key "p" chosen for the password is not text/,
    );
  });

  test('a JSON secret without a password key lists the keys (names only)', () =>
    refuses(() => importOf(JSON.stringify({ login_name: KEY, token: PASSWORD })), /keys: "login_name", "token"/));

  test('empty, blank, null and NUL values are refused', () => {
    refuses(() => parseSecretValue(''), /The value is empty/);
    refuses(() => parseSecretValue(' \n\t'), /The value is empty/);
    refuses(() => parseSecretValue(undefined), /no text value/);
    refuses(() => parseSecretValue(`${PASSWORD}\0`), /contains NUL bytes/);
    refuses(() => importOf(JSON.stringify({ username: KEY, password: '' })), /The password in the secret is empty/);
    refuses(
      () => importOf(JSON.stringify({ username: '  ', password: PASSWORD })),
      /The username in the secret is empty/,
    );
  });

  test('too large: one byte over 64 KB is refused, 64 KB is read', () => {
    const filler = (n: number) => JSON.stringify({ username: KEY, password: PASSWORD, pad: '' }).length + n;
    const at = MAX_SECRET_VALUE_BYTES - filler(0);
    assert.equal(importOf(JSON.stringify({ username: KEY, password: PASSWORD, pad: 'x'.repeat(at) })).username, KEY);
    refuses(
      () => parseSecretValue(JSON.stringify({ username: KEY, password: PASSWORD, pad: 'x'.repeat(at + 1) })),
      /The value is 65537 bytes; SMTP credentials take a few hundred/,
    );
  });

  test('a port that is no port number is refused; 1 and 65535 are taken', () => {
    refuses(() => importOf(JSON.stringify({ username: KEY, password: PASSWORD, port: 'smtp' })), /not a port number/);
    refuses(() => importOf(JSON.stringify({ username: KEY, password: PASSWORD, port: 0 })), /not a port number/);
    assert.equal(importOf(JSON.stringify({ username: KEY, password: PASSWORD, port: '65535' })).port, 65535);
  });
});

// Input fixes of issue #32 (moved from inputFixes.test.ts), each with its case and its near miss.
function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    return err as Error;
  }
  assert.fail('accepted');
}

describe('a Secrets Manager value nested one level', () => {
  const KEY = 'AKIAIOSFODNN7EXAMPLE';
  const PASSWORD = 'BDDdpSTzbzUY3SJq/n4Oq7heDuCWbOtogMi5S3AR673+';
  const importOf = (text: string): ReturnType<typeof extractCredentials> => {
    const value = parseSecretValue(text);
    return extractCredentials(value, value.kind === 'json' ? guessMapping(Object.keys(value.fields)) : {});
  };
  test('{"smtp": {"username", "password"}} is read one level deep', () => {
    const out = importOf(JSON.stringify({ smtp: { username: KEY, password: PASSWORD } }));
    assert.equal(out.username, KEY);
    assert.equal(out.password, PASSWORD);
  });
  test('nested under a name that is no spelling of its own, the inner key names still match', () => {
    const out = importOf(JSON.stringify({ credentials: { user: KEY, pass: PASSWORD, region: 'eu-west-3' } }));
    assert.deepEqual([out.username, out.password, out.region], [KEY, PASSWORD, 'eu-west-3']);
  });
  test('the keys offered for mapping name the nesting', () => {
    const value = parseSecretValue(JSON.stringify({ smtp: { username: KEY, password: PASSWORD }, note: 'x' }));
    assert.equal(value.kind, 'json');
    assert.deepEqual(Object.keys(value.kind === 'json' ? value.fields : {}), [
      'smtp.username',
      'smtp.password',
      'note',
    ]);
  });
  test('near miss: a top-level username and password still win over nested ones', () => {
    const out = importOf(JSON.stringify({ username: KEY, password: PASSWORD, old: { password: 'x'.repeat(44) } }));
    assert.equal(out.password, PASSWORD);
  });
  test('two levels deep is refused naming the key and the fix, never a value', () => {
    const err = refusal(() => importOf(JSON.stringify({ smtp: { ses: { username: KEY, password: PASSWORD } } })));
    assert.ok(err instanceof SecretValueError);
    assert.match(err.message, /No key of the secret was chosen for the password \(keys: none\)\. "smtp" holds no text/);
    assert.match(err.message, /store the SMTP fields at the top level or one level down/);
    assert.ok(!err.message.includes(PASSWORD) && !err.message.includes(KEY));
  });
});
