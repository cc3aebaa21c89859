import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import {
  isFingerprint,
  judgeCertificate,
  normalizeFingerprint,
  shortFingerprint,
} from '../../../src/base/certificatePin';
import { sha256Fingerprint } from '../../../src/engines/smtp/certificate';
import { testCertificate } from '../../support/tls';

const A = Array(32).fill('AA').join(':');
const B = Array(32).fill('BB').join(':');

describe('certificate fingerprints', () => {
  test('every usual form becomes "AB:CD:…" upper case', () => {
    const hex = 'ab'.repeat(32);
    const canonical = Array(32).fill('AB').join(':');
    for (const form of [
      hex,
      hex.toUpperCase(),
      canonical,
      canonical.toLowerCase(),
      ` ${canonical} `,
      Array(32).fill('ab').join(' '),
      `sha256:${hex}`,
      `SHA256 Fingerprint=${canonical}`,
      `SHA-256: ${canonical}`,
    ])
      assert.equal(normalizeFingerprint(form), canonical, form);
    assert.ok(isFingerprint(canonical));
    assert.ok(!isFingerprint(hex));
  });

  test('near misses are not fingerprints: SHA-1 length, one digit short or long, not hex, empty', () => {
    for (const form of ['', 'AB:'.repeat(19) + 'AB', 'a'.repeat(63), 'a'.repeat(65), 'g'.repeat(64), 'AB:CD'])
      assert.equal(normalizeFingerprint(form), undefined, form);
  });

  test('the fingerprint of a DER certificate is the one openssl and Node show', () => {
    const { cert } = testCertificate();
    const x509 = new X509Certificate(cert);
    assert.equal(sha256Fingerprint(x509.raw), x509.fingerprint256);
    assert.ok(isFingerprint(sha256Fingerprint(x509.raw)));
  });

  test('a short form keeps the first and last four bytes', () => {
    const f = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase()).join(':');
    assert.equal(shortFingerprint(f), '00:01:02:03…1C:1D:1E:1F');
    assert.equal(shortFingerprint('AB:CD'), 'AB:CD');
  });
});

describe('judging the presented certificate against the pin', () => {
  test('the same certificate as the pinned one is accepted although it does not verify', () => {
    const v = judgeCertificate({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', sha256: A }, A);
    assert.deepEqual(v, { ok: true, via: 'pin' });
    // Any usual form of the pin works.
    assert.deepEqual(judgeCertificate({ authorized: false, sha256: A }, A.replace(/:/g, '').toLowerCase()), {
      ok: true,
      via: 'pin',
    });
  });

  test('a different certificate is refused, naming both fingerprints', () => {
    const v = judgeCertificate({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', sha256: B }, A);
    assert.equal(v.ok, false);
    if (v.ok) return;
    assert.equal(v.reason, 'changed');
    assert.equal(v.pinned, A);
    assert.equal(v.presented, B);
    assert.ok(v.message.includes(`Pinned SHA-256 ${A}; presented SHA-256 ${B}.`));
    assert.match(v.message, /DEPTH_ZERO_SELF_SIGNED_CERT/);
  });

  test('a certificate that verifies as usual is accepted without a pin, and with another pin', () => {
    assert.deepEqual(judgeCertificate({ authorized: true, sha256: B }, undefined), { ok: true, via: 'chain' });
    assert.deepEqual(judgeCertificate({ authorized: true, sha256: B }, A), { ok: true, via: 'chain' });
  });

  test("without a pin: self-signed, expired and a wrong host name are refused with Node's reason", () => {
    for (const reason of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      const v = judgeCertificate({ authorized: false, authorizationError: reason, sha256: A }, undefined);
      assert.equal(v.ok, false);
      if (!v.ok) {
        assert.equal(v.reason, 'untrusted');
        assert.ok(v.message.includes(reason));
      }
    }
  });

  test('a wrong host name with a pin of another certificate is refused; no certificate at all is refused', () => {
    const v = judgeCertificate({ authorized: false, authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID', sha256: B }, A);
    assert.equal(v.ok, false);
    const none = judgeCertificate({ authorized: false }, A);
    assert.equal(none.ok, false);
    if (!none.ok) assert.match(none.message, /presented SHA-256 none/);
  });

  test('a damaged pin trusts nothing extra', () => {
    const v = judgeCertificate({ authorized: false, sha256: A }, 'not a fingerprint');
    assert.equal(v.ok, false);
    if (!v.ok) assert.match(v.message, /is not a SHA-256 fingerprint; trust the certificate again/);
    // A damaged pin does not stop what verifies as usual.
    assert.equal(judgeCertificate({ authorized: true, sha256: A }, 'not a fingerprint').ok, true);
  });
});
