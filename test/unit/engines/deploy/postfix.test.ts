// The Postfix relay's settings and the check of an existing configuration (issue #28): each mistake
// of the rule table named by its own case, with its near miss that is not a mistake. The real
// Postfix that runs what is written is in test/integration/engines/deploy/postfix.test.ts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyRegexpMap,
  checkPostfixRelay,
  parseMainCf,
  postfixRelaySetup,
  RelayConfigError,
  type PostfixCheckInput,
  type RelayMistake,
} from '../../../../src/engines/deploy/postfix';
import { deriveSmtpPassword } from '../../../../src/base/password';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PASSWORD = deriveSmtpPassword(SECRET, 'eu-west-1');
const HOST = 'email-smtp.eu-west-1.amazonaws.com';
const SETUP = postfixRelaySetup({
  host: HOST,
  port: 587,
  user: 'AKIAIOSFODNN7EXAMPLE',
  password: PASSWORD,
  verifiedIdentity: 'example.com',
});
const GOOD: PostfixCheckInput = {
  mainCf: `myhostname = ip-10-0-0-1.ec2.internal\n${SETUP.mainCf}`,
  saslPasswd: SETUP.saslPasswd,
  senderCanonical: SETUP.senderCanonical,
  saslPlugins: ['libplain.so.2', 'liblogin.so.2'],
  verified: ['example.com'],
};

const codes = (input: PostfixCheckInput): RelayMistake[] => checkPostfixRelay(input).map((f) => f.code);
const withCf = (change: (cf: string) => string): PostfixCheckInput => ({ ...GOOD, mainCf: change(GOOD.mainCf) });
const setting =
  (key: string, value: string | undefined) =>
  (cf: string): string => {
    const without = cf.replace(new RegExp(`^${key} = .*\\n`, 'm'), '');
    return value === undefined ? without : `${without}${key} = ${value}\n`;
  };

describe('postfixRelaySetup', () => {
  test('the settings SES needs, in main.cf form', () => {
    assert.equal(
      SETUP.mainCf,
      [
        `relayhost = [${HOST}]:587`,
        'smtp_sasl_auth_enable = yes',
        'smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd',
        'smtp_sasl_security_options = noanonymous',
        'smtp_sasl_tls_security_options = noanonymous',
        'smtp_tls_security_level = encrypt',
        'smtp_tls_note_starttls_offer = yes',
        'smtp_tls_CAfile = /etc/ssl/certs/ca-certificates.crt',
        'sender_canonical_maps = regexp:/etc/postfix/sender_canonical',
        '',
      ].join('\n'),
    );
    assert.deepEqual(SETUP.packages, ['postfix', 'libsasl2-modules']);
  });
  test('sasl_passwd: the relayhost as key; the preview masks the password; no command holds it', () => {
    assert.equal(SETUP.saslPasswd, `[${HOST}]:587 AKIAIOSFODNN7EXAMPLE:${PASSWORD}\n`);
    assert.equal(SETUP.saslPasswdPreview, `[${HOST}]:587 AKIAIOSFODNN7EXAMPLE:********\n`);
    assert.ok(!SETUP.commands.join('\n').includes(PASSWORD));
    assert.ok(SETUP.commands.includes('postmap hash:/etc/postfix/sasl_passwd'));
  });
  test('a domain identity: every sender outside it becomes noreply@domain; its own addresses stay', () => {
    assert.equal(applyRegexpMap(SETUP.senderCanonical, 'root@ip-10-0-0-1.ec2.internal'), 'noreply@example.com');
    assert.equal(applyRegexpMap(SETUP.senderCanonical, 'root'), 'noreply@example.com');
    assert.equal(applyRegexpMap(SETUP.senderCanonical, 'billing@example.com'), undefined);
    assert.equal(
      applyRegexpMap(SETUP.senderCanonical, 'BILLING@EXAMPLE.COM'),
      undefined,
      'case-insensitive, as Postfix',
    );
    // Near miss: a look-alike domain is rewritten.
    assert.equal(applyRegexpMap(SETUP.senderCanonical, 'a@example.com.evil.org'), 'noreply@example.com');
  });
  test('an address identity: every other sender becomes it', () => {
    const s = postfixRelaySetup({
      host: HOST,
      port: 587,
      user: 'U',
      password: 'p',
      verifiedIdentity: 'ops@example.com',
    });
    assert.equal(applyRegexpMap(s.senderCanonical, 'root@host'), 'ops@example.com');
    assert.equal(applyRegexpMap(s.senderCanonical, 'ops@example.com'), undefined);
  });
  test('port 465 adds smtp_tls_wrappermode', () => {
    const s = postfixRelaySetup({ host: HOST, port: 465, user: 'U', password: 'p', verifiedIdentity: 'example.com' });
    assert.match(s.mainCf, /^smtp_tls_wrappermode = yes$/m);
    assert.doesNotMatch(SETUP.mainCf, /wrappermode/);
  });
  test('bad values are refused with what to give', () => {
    const base = { host: HOST, port: 587, user: 'U', password: 'p', verifiedIdentity: 'example.com' };
    assert.throws(() => postfixRelaySetup({ ...base, password: '' }), RelayConfigError);
    assert.throws(() => postfixRelaySetup({ ...base, password: 'a b' }), /whitespace/);
    assert.throws(() => postfixRelaySetup({ ...base, port: 0 }), /not a port/);
    assert.throws(() => postfixRelaySetup({ ...base, verifiedIdentity: 'nodot' }), /verified identity/);
    assert.throws(
      () => postfixRelaySetup({ ...base, systemSender: 'a@other.org' }),
      /not an address of the verified domain/,
    );
  });
});

describe('parseMainCf', () => {
  test('later lines win, continuation lines join, comments are skipped', () => {
    const cf = parseMainCf('a = 1\n# a = 3\nb = x,\n  y\na = 2\n');
    assert.equal(cf.get('a'), '2');
    assert.equal(cf.get('b'), 'x, y');
  });
});

describe('checkPostfixRelay: each mistake named', () => {
  test('the written configuration has none', () => assert.deepEqual(codes(GOOD), []));
  test('no relayhost', () => assert.deepEqual(codes(withCf(setting('relayhost', undefined))), ['no-relayhost']));
  test('a relayhost without brackets: MX lookup', () => {
    assert.deepEqual(codes({ ...withCf(setting('relayhost', `${HOST}:587`)), saslPasswd: undefined }), [
      'relayhost-mx-lookup',
    ]);
  });
  test('a relayhost without a port: 25', () => {
    const found = checkPostfixRelay({ ...withCf(setting('relayhost', `[${HOST}]`)), saslPasswd: undefined });
    assert.deepEqual(
      found.map((f) => f.code),
      ['relayhost-port'],
    );
    assert.equal(found[0].fix, `relayhost = [${HOST}]:587`);
  });
  test('port 25 named; near miss 2587 is fine', () => {
    assert.deepEqual(codes({ ...withCf(setting('relayhost', `[${HOST}]:25`)), saslPasswd: undefined }), [
      'relayhost-port',
    ]);
    assert.deepEqual(codes({ ...withCf(setting('relayhost', `[${HOST}]:2587`)), saslPasswd: undefined }), []);
  });
  test('port 465 without wrapper mode; near miss with it', () => {
    const cf = withCf(setting('relayhost', `[${HOST}]:465`));
    assert.deepEqual(codes({ ...cf, saslPasswd: undefined }), ['relayhost-port']);
    assert.deepEqual(codes({ ...cf, mainCf: `${cf.mainCf}smtp_tls_wrappermode = yes\n`, saslPasswd: undefined }), []);
  });
  test('TLS not required: may, none, missing; near misses verify and legacy smtp_enforce_tls', () => {
    for (const level of ['may', 'none', undefined])
      assert.deepEqual(codes(withCf(setting('smtp_tls_security_level', level))), ['tls-not-required'], String(level));
    assert.deepEqual(codes(withCf(setting('smtp_tls_security_level', 'verify'))), []);
    const legacy = withCf((cf) => `${setting('smtp_tls_security_level', undefined)(cf)}smtp_enforce_tls = yes\n`);
    assert.deepEqual(codes(legacy), []);
  });
  test('SASL off', () => assert.deepEqual(codes(withCf(setting('smtp_sasl_auth_enable', 'no'))), ['sasl-off']));
  test('no password map', () => {
    assert.deepEqual(codes(withCf(setting('smtp_sasl_password_maps', undefined))), ['sasl-no-password-map']);
  });
  test('security options left at the default (noplaintext): "no mechanism available"', () => {
    assert.deepEqual(codes(withCf(setting('smtp_sasl_security_options', undefined))), ['sasl-no-mechanism']);
    assert.deepEqual(codes(withCf(setting('smtp_sasl_security_options', 'noplaintext, noanonymous'))), [
      'sasl-no-mechanism',
    ]);
  });
  test('SASL plug-ins missing; near miss: only LOGIN is enough; unknown plug-ins are not judged', () => {
    assert.deepEqual(codes({ ...GOOD, saslPlugins: ['libanonymous.so', 'libcrammd5.so'] }), ['sasl-module-missing']);
    assert.deepEqual(codes({ ...GOOD, saslPlugins: ['liblogin.so.2'] }), []);
    assert.deepEqual(codes({ ...GOOD, saslPlugins: undefined }), []);
  });
  test("sasl_passwd without the relayhost's exact key (brackets missing there)", () => {
    const found = checkPostfixRelay({ ...GOOD, saslPasswd: `${HOST}:587 AKIAIOSFODNN7EXAMPLE:${PASSWORD}\n` });
    assert.deepEqual(
      found.map((f) => f.code),
      ['sasl-passwd-no-entry'],
    );
    assert.match(found[0].message, /has no line for \[email-smtp\.eu-west-1\.amazonaws\.com\]:587/);
    assert.ok(!found[0].message.includes(PASSWORD), 'the password is never in a message');
  });
  test('sasl_passwd holding the IAM secret key instead of the SMTP password', () => {
    const found = checkPostfixRelay({ ...GOOD, saslPasswd: `[${HOST}]:587 AKIAIOSFODNN7EXAMPLE:${SECRET}\n` });
    assert.deepEqual(
      found.map((f) => f.code),
      ['sasl-passwd-secret-key'],
    );
    assert.ok(!found[0].message.includes(SECRET));
  });
  test('system sender not rewritten: no map; a map that misses root@host', () => {
    assert.deepEqual(codes(withCf(setting('sender_canonical_maps', undefined))), ['sender-not-rewritten']);
    assert.deepEqual(codes({ ...GOOD, senderCanonical: '/^www-data@/ noreply@example.com\n' }), [
      'sender-not-rewritten',
    ]);
  });
  test('system sender rewritten to an unverified address; near miss: smtp_generic_maps counts as rewriting', () => {
    assert.deepEqual(codes({ ...GOOD, senderCanonical: '!/@example\\.com$/ root@other.org\n' }), ['sender-unverified']);
    const generic = withCf(
      (cf) => `${setting('sender_canonical_maps', undefined)(cf)}smtp_generic_maps = hash:/etc/postfix/generic\n`,
    );
    assert.deepEqual(codes(generic), []);
  });
  test('the classic broken config names every mistake at once', () => {
    const found = codes({
      mainCf: `relayhost = ${HOST}\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd\nsmtp_tls_security_level = may\n`,
      saslPlugins: [],
    });
    assert.deepEqual(found, [
      'relayhost-mx-lookup',
      'relayhost-port',
      'tls-not-required',
      'sasl-no-mechanism',
      'sasl-module-missing',
      'sender-not-rewritten',
    ]);
  });
});
