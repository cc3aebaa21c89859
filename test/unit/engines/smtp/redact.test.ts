// The redaction helper, tested directly with every form a password can take in a transcript.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { MASK, base64Core, maskAuthLine, makeRedactor, redactSecrets } from '../../../../src/engines/smtp/redact';

const USER = 'AKIAIOSFODNN7EXAMPLE';
// A v4 SMTP password shape with +, / and = so every encoding differs from the raw form.
const PASSWORD = 'BP+9x/Qm3Kz7aLw0v/Yt+Rk2sD8eHn1cJu5fGi4oTq6=';

const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');
const b64url = (text: string | Buffer): string => b64(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** No run of base64 / base64url characters left in `out` decodes to something holding the secret. */
function assertNothingDecodes(out: string, secret: string): void {
  for (const run of out.split(MASK)) {
    for (const piece of run.split(/[^A-Za-z0-9+/=_-]+/)) {
      for (let start = 0; start < 4; start++) {
        const decoded = Buffer.from(piece.slice(start).replace(/-/g, '+').replace(/_/g, '/'), 'base64');
        assert.ok(!decoded.includes(Buffer.from(secret)), `"${piece}" still decodes to the secret`);
      }
    }
  }
}

describe('redactSecrets', () => {
  test('raw', () => {
    assert.equal(redactSecrets(`pass=${PASSWORD};`, [PASSWORD]), `pass=${MASK};`);
  });

  test('base64, alone', () => {
    assert.equal(redactSecrets(`334 ${b64(PASSWORD)}`, [PASSWORD]), `334 ${MASK}`);
  });

  test('base64 without padding', () => {
    assert.equal(redactSecrets(`x ${b64(PASSWORD).replace(/=+$/, '')} y`, [PASSWORD]), `x ${MASK} y`);
  });

  for (const offset of [0, 1, 2]) {
    for (const tail of ['', 'a', 'bc', 'def']) {
      test(`base64 inside a larger blob, secret at byte offset ${offset} (mod 3), ${tail.length} bytes after`, () => {
        const bytes = [Buffer.from('p'.repeat(12 + offset)), Buffer.from(PASSWORD), Buffer.from(tail)];
        const blob = b64(Buffer.concat(bytes));
        const out = redactSecrets(`blob ${blob} end`, [PASSWORD]);
        assert.ok(out.includes(MASK), out);
        assert.ok(out.startsWith('blob ') && out.endsWith(' end'));
        assertNothingDecodes(out, PASSWORD);
      });
    }
  }

  test('base64url, alone and inside a blob', () => {
    assert.equal(redactSecrets(`t=${b64url(PASSWORD)}&`, [PASSWORD]), `t=${MASK}&`);
    const blob = b64url(Buffer.concat([Buffer.from('{"p":"'), Buffer.from(PASSWORD), Buffer.from('"}')]));
    const out = redactSecrets(blob, [PASSWORD]);
    assert.ok(out.includes(MASK));
    assertNothingDecodes(out, PASSWORD);
  });

  test('%XX upper case', () => {
    const encoded = encodeURIComponent(PASSWORD);
    assert.match(encoded, /%2B/);
    assert.equal(redactSecrets(`smtp://u:${encoded}@host`, [PASSWORD]), `smtp://u:${MASK}@host`);
  });

  test('%xx lower case, and mixed', () => {
    const lower = encodeURIComponent(PASSWORD).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    assert.notEqual(lower, encodeURIComponent(PASSWORD));
    assert.equal(redactSecrets(`smtp://u:${lower}@host`, [PASSWORD]), `smtp://u:${MASK}@host`);
    const mixed = encodeURIComponent(PASSWORD).replace('%2B', '%2b');
    assert.equal(redactSecrets(mixed, [PASSWORD]), MASK);
  });

  test('AUTH PLAIN blob (empty and repeated authorization id)', () => {
    assert.equal(redactSecrets(`AUTH PLAIN ${b64(`\0${USER}\0${PASSWORD}`)}`, [PASSWORD], USER), `AUTH PLAIN ${MASK}`);
    assert.equal(redactSecrets(b64(`${USER}\0${USER}\0${PASSWORD}`), [PASSWORD], USER), MASK);
    // Without knowing the username, the part that holds the password is still masked.
    const out = redactSecrets(b64(`\0${USER}\0${PASSWORD}`), [PASSWORD]);
    assert.ok(out.includes(MASK));
    assertNothingDecodes(out, PASSWORD);
  });

  test('a password under 4 characters is masked where it stands alone', () => {
    assert.equal(redactSecrets('password is abc.', ['abc']), `password is ${MASK}.`);
    assert.equal(redactSecrets(`x ${b64('abc')} y`, ['abc']), `x ${MASK} y`);
    assert.equal(redactSecrets(`AUTH PLAIN ${b64(`\0me\0abc`)}`, ['abc'], 'me'), `AUTH PLAIN ${MASK}`);
    assert.equal(redactSecrets('pw=%2b', ['+']), `pw=${MASK}`);
    assert.equal(redactSecrets('one: 1', ['1']), `one: ${MASK}`);
  });

  test('a short password is not masked inside other words', () => {
    assert.equal(redactSecrets('the cabbage', ['abc', 'ab']), 'the cabbage');
    assert.equal(redactSecrets('250 Ok', ['k']), '250 Ok');
  });

  test('text without the secret is unchanged; empty and missing secrets change nothing', () => {
    const text = `EHLO host ${b64('something else entirely')}`;
    assert.equal(redactSecrets(text, [PASSWORD], USER), text);
    assert.equal(redactSecrets(text, [undefined, '']), text);
  });

  test('regular-expression characters in a password are taken literally', () => {
    assert.equal(redactSecrets('a.b*c(d)', ['.b*c(']), `a${MASK}d)`);
    assert.equal(redactSecrets('axbxc', ['.b*c(']), 'axbxc');
  });

  test('several secrets, and one redactor reused', () => {
    const mask = makeRedactor([PASSWORD, 'other-secret'], USER);
    assert.equal(mask(`${PASSWORD} and other-secret`), `${MASK} and ${MASK}`);
    assert.equal(mask('nothing here'), 'nothing here');
  });

  test('base64Core is what every blob at that offset contains', () => {
    const secret = Buffer.from(PASSWORD);
    for (const offset of [0, 1, 2]) {
      const core = base64Core(secret, offset);
      for (const prefix of ['', 'Z', 'ZZ', 'ZZZ']) {
        if (prefix.length % 3 !== offset) continue;
        for (const tail of ['', 'q', 'qq']) {
          assert.ok(b64(prefix + PASSWORD + tail).includes(core), `${offset}/${prefix}/${tail}`);
        }
      }
    }
  });
});

test('secrets that are not a list are refused with a clear error', () => {
  assert.throws(
    () => redactSecrets('text', 'secret' as unknown as string[]),
    /secrets must be a list of strings, not string/,
  );
  assert.equal(redactSecrets(42 as unknown as string, ['42']), MASK, 'a non-string text is read as its string form');
});

describe('maskAuthLine', () => {
  test('keeps the AUTH verb and mechanism only', () => {
    assert.equal(maskAuthLine('AUTH PLAIN AGFiYwBwdw=='), `AUTH PLAIN ${MASK}`);
    assert.equal(maskAuthLine('dXNlcg=='), MASK);
  });
});
