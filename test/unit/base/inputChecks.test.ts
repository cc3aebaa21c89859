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
});
