// The modal dialogs of the credentials feature (src/features/credentials/logic/dialogs.ts): the
// detail says what each button does.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  deleteDialog,
  forgetAllDialog,
  passwordProblemDialog,
  pinDialog,
} from '../../../../../src/features/credentials/logic/dialogs';

describe('modals: the detail says what each button does', () => {
  test('a pasted secret key: derive for the region, or save as typed', () => {
    const d = passwordProblemDialog({
      summary: 'This is an IAM secret.',
      effective: 'iam-secret',
      cleanable: false,
      region: 'eu-west-1',
    });
    assert.deepEqual(
      d.buttons.map((b) => b.label),
      ['Derive the SMTP Password for eu-west-1', 'Save As Typed'],
    );
    assert.match(d.detail, /^This is an IAM secret\.\n/);
    assert.match(d.detail, /Derive: saves the SMTP password made from this secret key for eu-west-1/);
    assert.match(d.detail, /Save As Typed: saves exactly what was pasted/);
    assert.match(d.detail, /Cancel: back to the password/);
  });

  test('a pasted secret key without a region: Derive is not offered (it would fail), the detail says why', () => {
    const d = passwordProblemDialog({ summary: 'This is an IAM secret.', effective: 'iam-secret', cleanable: false });
    assert.deepEqual(
      d.buttons.map((b) => b.choice),
      ['as-typed'],
    );
    assert.match(d.detail, /give the SES region too/);
    assert.doesNotMatch(d.detail, /Derive:/);
  });

  test('a padded v4 password can be cleaned', () => {
    const d = passwordProblemDialog({ summary: 'Quotes around it.', effective: 'v4', cleanable: true });
    assert.deepEqual(
      d.buttons.map((b) => b.choice),
      ['clean', 'as-typed'],
    );
    assert.match(d.detail, /Save Cleaned Value: saves it without the spaces, quotes or URL encoding/);
  });

  test('delete, forget all and certificate trust put their consequences in the detail', () => {
    assert.equal(deleteDialog('prod').message, 'Delete the credential set "prod"?');
    assert.match(deleteDialog('prod').detail, /IAM user and its access key are not touched/);
    assert.equal(forgetAllDialog(1).message, 'Forget all 1 SMTP credential set and their passwords?');
    assert.equal(forgetAllDialog(3).message, 'Forget all 3 SMTP credential sets and their passwords?');
  });

  const A = Array(32).fill('AA').join(':');
  const B = Array(32).fill('BB').join(':');
  const relayCert = {
    subject: 'localhost',
    issuer: 'localhost',
    validFrom: '2026-12-01T00:00:00.000Z',
    validTo: '2026-12-31T00:00:00.000Z',
    sha256: A,
    trusted: false,
    error: 'DEPTH_ZERO_SELF_SIGNED_CERT',
  };
  const now = new Date('2026-12-07T12:00:00Z');

  test('the trust dialog shows subject, issuer, validity and the SHA-256 fingerprint, and why it does not verify', () => {
    const d = pinDialog('relay', '127.0.0.1:2525', relayCert, undefined, now);
    assert.equal(d.message, `Trust the certificate of 127.0.0.1:2525 with SHA-256 fingerprint ${A} for "relay"?`);
    assert.match(d.detail, /^Server: 127\.0\.0\.1:2525\nSubject: localhost\nIssuer: localhost\n/);
    assert.match(d.detail, /Valid: 2026-12-01T00:00:00\.000Z to 2026-12-31T00:00:00\.000Z\n/);
    assert.match(d.detail, new RegExp(`SHA-256 fingerprint: ${A}\n`));
    assert.match(d.detail, /It does not verify: DEPTH_ZERO_SELF_SIGNED_CERT\./);
    assert.match(
      d.detail,
      /accept exactly this certificate, besides those that verify as usual; any other certificate is refused/,
    );
    assert.doesNotMatch(d.detail, /EXPIRED|NOT the certificate/);
    assert.deepEqual(d.buttons, [{ label: 'Trust This Certificate', choice: 'pin' }]);
  });

  test('an expired certificate says so; one that verifies says so', () => {
    assert.match(pinDialog('relay', 'h:25', relayCert, undefined, new Date('2027-01-02')).detail, /\(EXPIRED\)/);
    assert.match(
      pinDialog('relay', 'h:25', { ...relayCert, trusted: true }, undefined, now).detail,
      /It verifies as usual/,
    );
  });

  test('a changed certificate names the pinned fingerprint and offers to stop trusting it', () => {
    const d = pinDialog('relay', 'h:25', { ...relayCert, sha256: B }, A, now);
    assert.match(d.detail, new RegExp(`SHA-256 fingerprint: ${B}`));
    assert.match(d.detail, new RegExp(`NOT the certificate trusted so far \\(SHA-256 ${A}\\)`));
    assert.deepEqual(
      d.buttons.map((b) => b.choice),
      ['pin', 'unpin'],
    );
    // Near miss: the same certificate as the pin is not called a change.
    assert.doesNotMatch(pinDialog('relay', 'h:25', relayCert, A, now).detail, /NOT the certificate/);
  });
});
