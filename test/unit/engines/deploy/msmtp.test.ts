// msmtp through SES (issue #28): the config written, and the check naming each mistake, near misses
// included. A real msmtp sends with it in test/integration/engines/deploy/postfix.test.ts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkMsmtp, msmtpConfig, parseMsmtp, type MsmtpMistake } from '../../../../src/engines/deploy/msmtp';
import { RelayConfigError } from '../../../../src/engines/deploy/postfix';

const VALUES = {
  host: 'email-smtp.eu-west-1.amazonaws.com',
  port: 587,
  user: 'AKIAIOSFODNN7EXAMPLE',
  password: 'BPl2v3Jc0mW5Ok8Rv6Xm1fQ9tHq7Zs4Yd2Ua5Ge8Ji1K',
  from: 'noreply@example.com',
};
const GOOD = msmtpConfig(VALUES);
const codes = (text: string, verified: string[] = ['example.com']): MsmtpMistake[] =>
  checkMsmtp(text, verified).map((f) => f.code);
const replace = (line: RegExp, by: string): string => GOOD.replace(line, by);

describe('msmtpConfig', () => {
  test('STARTTLS on 587, auth, the CA, the account as default', () => {
    const { accounts, defaultAccount } = parseMsmtp(GOOD);
    assert.equal(defaultAccount, 'ses');
    const s = accounts[0].settings;
    assert.equal(s.get('tls'), 'on');
    assert.equal(s.get('tls_starttls'), 'on');
    assert.equal(s.get('auth'), 'on');
    assert.equal(s.get('tls_trust_file'), '/etc/ssl/certs/ca-certificates.crt');
    assert.equal(s.get('password'), VALUES.password);
  });
  test('465: tls_starttls off', () => {
    assert.match(msmtpConfig({ ...VALUES, port: 465 }), /^tls_starttls {3}off$/m);
  });
  test('the preview masks the password; passwordeval keeps it out of the file', () => {
    assert.ok(!msmtpConfig(VALUES, false).includes(VALUES.password));
    const evalConfig = msmtpConfig({ ...VALUES, password: undefined, passwordEval: 'cat /run/secrets/smtp' });
    assert.match(evalConfig, /^passwordeval {3}"cat \/run\/secrets\/smtp"$/m);
    assert.equal(parseMsmtp(evalConfig).accounts[0].settings.get('passwordeval'), 'cat /run/secrets/smtp');
  });
  test('a value with a quote is escaped and read back', () => {
    const c = msmtpConfig({ ...VALUES, password: 'a"b\\c d' });
    assert.equal(parseMsmtp(c).accounts[0].settings.get('password'), 'a"b\\c d');
  });
  test('bad values refused', () => {
    assert.throws(() => msmtpConfig({ ...VALUES, password: undefined }), RelayConfigError);
    assert.throws(() => msmtpConfig({ ...VALUES, from: 'a\nb' }), /one line/);
    assert.throws(() => msmtpConfig({ ...VALUES, port: 70000 }), /not a port/);
    assert.throws(() => msmtpConfig({ ...VALUES, password: 'a\nb' }), /line break/);
  });
});

describe('checkMsmtp: each mistake named', () => {
  test('the written config has none', () => assert.deepEqual(codes(GOOD), []));
  test('tls off', () => assert.deepEqual(codes(replace(/^tls {12}on$/m, 'tls off')), ['tls-off']));
  test('certificate check off', () => {
    assert.deepEqual(codes(`${GOOD.replace('defaults\n', 'defaults\ntls_certcheck off\n')}`), ['tls-certcheck-off']);
  });
  test('STARTTLS on port 465; near miss: off there', () => {
    assert.deepEqual(codes(replace(/^port {11}587$/m, 'port 465')), ['starttls-on-implicit-port']);
    assert.deepEqual(codes(msmtpConfig({ ...VALUES, port: 465 })), []);
  });
  test('STARTTLS off on 587', () => {
    assert.deepEqual(codes(replace(/^tls_starttls {3}on$/m, 'tls_starttls off')), ['starttls-off-on-587']);
  });
  test('auth off, and auth missing', () => {
    assert.deepEqual(codes(replace(/^auth {11}on$/m, 'auth off')), ['auth-off']);
    assert.deepEqual(codes(replace(/^auth {11}on\n/m, '')), ['auth-off']);
  });
  test('no from; an unverified from; near miss: an address of a verified domain', () => {
    assert.deepEqual(codes(replace(/^from .*\n/m, '')), ['no-from']);
    assert.deepEqual(codes(GOOD, ['other.org']), ['from-unverified']);
    assert.deepEqual(codes(GOOD, ['noreply@example.com']), []);
    assert.deepEqual(
      checkMsmtp(GOOD).map((f) => f.code),
      [],
      'unknown identities are not judged',
    );
  });
  test('an IAM secret access key as password', () => {
    const found = checkMsmtp(replace(/^password .*$/m, 'password wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'));
    assert.deepEqual(
      found.map((f) => f.code),
      ['password-secret-key'],
    );
    assert.ok(!JSON.stringify(found).includes('wJalrXUtnFEMI'));
  });
  test('no default account; near miss: an account named default', () => {
    assert.deepEqual(codes(replace(/^account default : ses\n/m, '')), ['no-default-account']);
    assert.deepEqual(
      codes(replace(/^account default : ses\n/m, '').replace('account        ses', 'account default')),
      [],
    );
  });
  test('an account inherits defaults and a parent account', () => {
    const text =
      'defaults\ntls on\nauth on\naccount base\nhost h\nport 587\nfrom a@example.com\naccount child : base\nuser u\naccount default : child\n';
    const { accounts } = parseMsmtp(text);
    assert.equal(accounts[1].settings.get('host'), 'h');
    assert.deepEqual(codes(text), []);
  });
});
