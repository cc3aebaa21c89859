// The checks credential prompts run as the user types (src/base/inputChecks.ts).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { deriveSmtpPassword } from '../../../src/base/password';
import * as checks from '../../../src/base/inputChecks';

describe('credential prompts: checks as the user types', () => {
  test('the default From uses the one address validator: sender@example is refused, empty is fine', () => {
    const message = checks.checkFromInput('sender@example');
    assert.equal(typeof message, 'string');
    assert.match(message as string, /^The default From "sender@example" is not an email address: its domain "example"/);
    assert.ok(checks.blocks(message));
    assert.equal(checks.checkFromInput(''), undefined);
    assert.equal(checks.checkFromInput('  '), undefined);
    assert.equal(checks.checkFromInput('sender@example.com'), undefined);
    assert.equal(checks.checkFromInput('App <noreply@example.com>'), undefined);
    assert.match(checks.checkFromInput('a@b.com, c@d.com') as string, /holds 2 addresses/);
  });

  test('a host typed instead of a region: the host validator, and empty refused only on Enter', () => {
    assert.match(checks.checkHostInput('smtp://relay.example.com') as string, /without a scheme, port or path/);
    assert.equal(checks.checkHostInput('relay.example.com'), undefined);
    assert.equal(checks.checkHostInput('localhost'), undefined);
    assert.equal(checks.checkHostInput(''), undefined);
    assert.match(checks.checkHostInput('', true) as string, /Enter a host name/);
  });

  test('names, usernames, secret keys and passwords', () => {
    assert.equal(checks.checkNameInput(' '), 'The name cannot be empty.');
    assert.match(checks.checkNameInput('n'.repeat(81)) as string, /81 characters long/);
    assert.equal(checks.checkNameInput('prod\tx'), 'The name must be on one line.');
    assert.equal(checks.checkNameInput('prod eu-central-1'), undefined);

    assert.equal(checks.checkUsernameInput(''), undefined, 'nothing typed yet');
    assert.match(checks.checkUsernameFinal('') as string, /Enter the SMTP username/);
    assert.equal(checks.checkUsernameInput('AKIAIOSFODNN7EXAMPLE'), undefined);
    const temporary = checks.checkUsernameInput('ASIAIOSFODNN7EXAMPLE');
    assert.ok(checks.blocks(temporary));
    const padded = checks.checkUsernameInput(' AKIAIOSFODNN7EXAMPLE ');
    assert.ok(padded && typeof padded === 'object' && padded.severity === 'warning', 'padding warns, does not block');

    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    assert.equal(checks.checkSecretKeyInput(secret), undefined);
    assert.match(checks.checkSecretKeyInput(deriveSmtpPassword(secret, 'eu-west-1')) as string, /already an SES SMTP/);
    assert.ok(!checks.blocks(checks.checkSecretKeyInput('short')), 'a wrong length warns');

    assert.equal(checks.checkSmtpPasswordInput(deriveSmtpPassword(secret, 'eu-west-1')), undefined);
    const pasted = checks.checkSmtpPasswordInput(secret);
    assert.ok(pasted && !checks.blocks(pasted), 'a secret key pasted as the password warns; the dialog then asks');
  });

  test('the IAM user name: the argument rule, worded for the box', () => {
    assert.equal(checks.checkIamUserNameInput('ses-smtp-user.app'), undefined);
    assert.match(checks.checkIamUserNameInput(' ') as string, /Enter a name for the IAM user/);
    assert.match(
      checks.checkIamUserNameInput('a b') as string,
      /^The IAM user name "a b" is not a valid IAM user name/,
    );
    assert.match(checks.checkIamUserNameInput('n'.repeat(65)) as string, /^The IAM user name is 65 characters long/);
  });

  test('IAM From patterns: each one through the one validator', () => {
    assert.equal(checks.checkFromPatternsInput(''), undefined);
    assert.equal(checks.checkFromPatternsInput('*@example.com, noreply@example.org'), undefined);
    assert.match(checks.checkFromPatternsInput('*@example.com, sender@example') as string, /not an email address/);
  });

  test('host:port typed in the host box is split at its one colon; anything else stays the host', () => {
    assert.deepEqual(checks.splitHostPort('127.0.0.1:587'), { host: '127.0.0.1', port: '587' });
    assert.deepEqual(checks.splitHostPort(' relay.example.com:2525 '), { host: 'relay.example.com', port: '2525' });
    assert.deepEqual(checks.splitHostPort('relay.example.com:'), { host: 'relay.example.com', port: '' });
    assert.deepEqual(checks.splitHostPort('relay.example.com'), { host: 'relay.example.com' });
    // Near misses: letters after the colon, a scheme, an IPv6 address are not split.
    assert.deepEqual(checks.splitHostPort('relay:smtp'), { host: 'relay:smtp' });
    assert.deepEqual(checks.splitHostPort('smtp://relay.example.com'), { host: 'smtp://relay.example.com' });
    assert.deepEqual(checks.splitHostPort('::1'), { host: '::1' });
    assert.deepEqual(checks.splitHostPort('a:1:2'), { host: 'a:1:2' });
  });

  test('a port typed in a box: 1 to 65535, whole numbers only', () => {
    assert.equal(checks.checkPortInput('1'), undefined);
    assert.equal(checks.checkPortInput('587'), undefined);
    assert.equal(checks.checkPortInput(' 65535 '), undefined);
    assert.match(checks.checkPortInput('0') as string, /^Port 0 is out of range; enter 1 to 65535/);
    assert.match(checks.checkPortInput('65536') as string, /^Port 65536 is out of range/);
    assert.match(checks.checkPortInput('999999') as string, /^Port 999999 is out of range/);
    assert.match(checks.checkPortInput('58a') as string, /^Port "58a" is not a number/);
    assert.match(checks.checkPortInput('5.87') as string, /is not a number/);
    assert.match(checks.checkPortInput('-1') as string, /is not a number/);
    assert.match(checks.checkPortInput('') as string, /^Enter a port number from 1 to 65535/);
    assert.ok(checks.blocks(checks.checkPortInput('0')));
  });

  test('the host box takes host:port with any port 1-65535 (127.0.0.1:587 was refused before)', () => {
    assert.equal(checks.checkHostInput('127.0.0.1:587'), undefined);
    assert.equal(checks.checkHostInput('relay.example.com:1'), undefined);
    assert.equal(checks.checkHostInput('relay.example.com:65535'), undefined);
    assert.match(checks.checkHostInput('relay.example.com:0') as string, /Port 0 is out of range/);
    assert.match(checks.checkHostInput('relay.example.com:65536') as string, /Port 65536 is out of range/);
    assert.match(checks.checkHostInput('127.0.0.1:') as string, /Enter a port number/);
    assert.match(checks.checkHostInput('relay:smtp') as string, /is not a host name/);
    assert.match(checks.checkHostInput('bad host:587') as string, /not a host name|space/);
  });

  test('an IAM secret typed as the password: one message, Enter derives (region named, or asked)', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    assert.deepEqual(checks.checkPasswordOrSecretInput(secret, 'eu-west-1'), {
      message:
        'This is an IAM secret access key, not an SMTP password. Press Enter to derive the SMTP password for eu-west-1.',
      severity: 'warning',
    });
    const unknown = checks.checkPasswordOrSecretInput(secret);
    assert.match(
      (unknown as { message: string }).message,
      /IAM secret access key, not an SMTP password\. Press Enter to choose its region and derive the SMTP password\.$/,
    );
    assert.ok(!checks.blocks(unknown), 'Enter is accepted: it derives');
    // Pasted with spaces around it: still the secret.
    assert.match(
      (checks.checkPasswordOrSecretInput(` ${secret} `, 'us-east-1') as { message: string }).message,
      /for us-east-1/,
    );
    // Near misses: a v4 password is fine; a 39-character value is the plain password check's.
    assert.equal(checks.checkPasswordOrSecretInput(deriveSmtpPassword(secret, 'eu-west-1'), 'eu-west-1'), undefined);
    const short = checks.checkPasswordOrSecretInput(secret.slice(1), 'eu-west-1');
    assert.doesNotMatch((short as { message: string }).message, /Press Enter to derive/);
    assert.deepEqual(short, checks.checkSmtpPasswordInput(secret.slice(1)));
    assert.equal(checks.checkPasswordOrSecretInput(''), undefined);
  });
});
