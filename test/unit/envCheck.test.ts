import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  chmodSync,
  symlinkSync,
  readlinkSync,
  readdirSync,
  promises,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkEnv, loginArgsFromBlock, type EnvFinding } from '../../src/core/env/check';
import { conventionEntries, customConvention, findSmtpBlocks, parseEnv, setEnvKeys } from '../../src/core/env/dotenv';
import { deriveLegacySmtpPasswordV2, deriveSmtpPassword } from '../../src/core/smtp/password';
import { writeFileAtomic } from '../../src/core/env/fsAtomic';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const V4 = deriveSmtpPassword(SECRET, 'eu-west-1');
const laravel = (over: Record<string, string> = {}): string => {
  const v = {
    MAIL_MAILER: 'smtp',
    MAIL_HOST: 'email-smtp.eu-west-1.amazonaws.com',
    MAIL_PORT: '587',
    MAIL_USERNAME: 'AKIAIOSFODNN7EXAMPLE',
    MAIL_PASSWORD: V4,
    ...over,
  };
  return (
    Object.entries(v)
      .map(([k, x]) => `${k}=${x}`)
      .join('\n') + '\n'
  );
};
const ids = (text: string): string[] => checkEnv(parseEnv(text)).map((f) => f.id);
const only = (text: string, id: string): EnvFinding => {
  const f = checkEnv(parseEnv(text)).filter((x) => x.id === id);
  assert.equal(f.length, 1, `one ${id} finding in ${JSON.stringify(checkEnv(parseEnv(text)).map((x) => x.id))}`);
  return f[0];
};

describe('checks of SMTP values in .env files', () => {
  test('a clean Laravel block has no findings', () => {
    assert.deepEqual(ids(laravel()), []);
  });

  test('an IAM secret key as the password', () => {
    const f = only(laravel({ MAIL_PASSWORD: SECRET }), 'secret-key-as-password');
    assert.equal(f.severity, 'error');
    assert.equal(f.key, 'MAIL_PASSWORD');
    assert.ok(!f.message.includes(SECRET));
  });

  test('a legacy v2 password', () => {
    only(laravel({ MAIL_PASSWORD: deriveLegacySmtpPasswordV2(SECRET) }), 'password-legacy-v2');
  });

  test('quotes inside the value, with a fix that removes them', () => {
    const text = laravel({ MAIL_PASSWORD: `'"${V4}"'` });
    const f = only(text, 'value-whitespace-or-quotes');
    assert.equal(f.fixValue, V4);
    assert.equal(parseEnv(setEnvKeys(text, { [f.key]: f.fixValue! })).values.MAIL_PASSWORD, V4);
    assert.ok(!f.message.includes(V4));
  });

  test('a trailing space kept by quotes', () => {
    assert.equal(only(laravel({ MAIL_PASSWORD: `"${V4} "` }), 'value-whitespace-or-quotes').fixValue, V4);
  });

  test('an unencoded + or / in an smtp:// URL, fixed by percent-encoding', () => {
    const pw = 'BLt+AD/u=x';
    const text = `SMTP_URL=smtp://AKIAIOSFODNN7EXAMPLE:${pw}@email-smtp.us-east-1.amazonaws.com:587\n`;
    const f = only(text, 'url-unencoded');
    assert.equal(f.fixValue, 'smtp://AKIAIOSFODNN7EXAMPLE:BLt%2BAD%2Fu%3Dx@email-smtp.us-east-1.amazonaws.com:587');
    assert.equal(decodeURIComponent(new URL(f.fixValue!).password), pw);
    assert.deepEqual(ids(`SMTP_URL=${f.fixValue}\n`), []);
  });

  test('a region typo in the host, fixed to the suggested region', () => {
    const f = only(laravel({ MAIL_HOST: 'email-smtp.eu-wset-1.amazonaws.com' }), 'host-region-typo');
    assert.equal(f.fixValue, 'email-smtp.eu-west-1.amazonaws.com');
    assert.match(f.message, /Did you mean eu-west-1/);
  });

  test('an AWS host that is not an SES SMTP endpoint', () => {
    only(laravel({ MAIL_HOST: 'email.eu-west-1.amazonaws.com' }), 'host-not-ses');
  });

  test('a non-AWS host is not flagged', () => {
    assert.deepEqual(ids(laravel({ MAIL_HOST: 'smtp.mailgun.org' })), []);
  });

  test('port 25, fixed to 587', () => {
    assert.equal(only(laravel({ MAIL_PORT: '25' }), 'port-25').fixValue, '587');
  });

  test('an IAM user name as username', () => {
    only(laravel({ MAIL_USERNAME: 'ses-smtp-user.20251017-152733' }), 'username-not-access-key');
  });

  test('an ASIA key as username', () => {
    assert.equal(only(laravel({ MAIL_USERNAME: 'ASIAIOSFODNN7EXAMPLE' }), 'username-temporary-key').severity, 'error');
  });

  test('findings point at the value', () => {
    const text = laravel({ MAIL_PORT: '25' });
    const f = only(text, 'port-25');
    assert.equal(text.slice(f.start, f.end), '25');
    assert.equal(f.line, 2);
  });
});

describe('atomic writes', () => {
  const dir = (): string => mkdtempSync(path.join(tmpdir(), 'ses-env-'));

  test('writes and keeps the permissions; no temporary file is left', async () => {
    const d = dir();
    try {
      const file = path.join(d, '.env');
      writeFileSync(file, 'A=1\n');
      chmodSync(file, 0o640);
      await writeFileAtomic(file, 'A=2\n');
      assert.equal(readFileSync(file, 'utf8'), 'A=2\n');
      assert.equal(statSync(file).mode & 0o777, 0o640);
      assert.deepEqual(readdirSync(d), ['.env']);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  test('a crash between the temporary write and the rename leaves the original intact', async () => {
    const d = dir();
    try {
      const file = path.join(d, '.env');
      writeFileSync(file, 'ORIGINAL=1\n');
      const failingFs = {
        ...promises,
        rename: async () => {
          throw Object.assign(new Error('simulated crash'), { code: 'EIO' });
        },
      };
      await assert.rejects(
        writeFileAtomic(file, 'NEW=1\n', failingFs),
        /Could not write \.env: simulated crash\. The original file is unchanged/,
      );
      assert.equal(readFileSync(file, 'utf8'), 'ORIGINAL=1\n');
      assert.deepEqual(readdirSync(d), ['.env'], 'the temporary file is removed');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  test('a read-only file gets a clear error and is not changed', async () => {
    // Root passes access(W_OK) on any file, so there the denial is injected.
    const d = dir();
    try {
      const file = path.join(d, '.env');
      writeFileSync(file, 'A=1\n');
      chmodSync(file, 0o444);
      const denyingFs = {
        ...promises,
        access: async () => {
          throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
        },
      };
      await assert.rejects(
        writeFileAtomic(file, 'A=2\n', process.getuid?.() === 0 ? denyingFs : promises),
        /\.env is read-only\. Make it writable/,
      );
      assert.equal(readFileSync(file, 'utf8'), 'A=1\n');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  test('a symlinked .env is written through to its target; the link stays', async () => {
    const d = dir();
    try {
      const real = path.join(d, 'shared.env');
      const link = path.join(d, '.env');
      writeFileSync(real, 'A=1\n');
      symlinkSync(real, link);
      await writeFileAtomic(link, 'A=2\n');
      assert.equal(readlinkSync(link), real);
      assert.equal(readFileSync(real, 'utf8'), 'A=2\n');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  test('a new file is created private (0600)', async () => {
    const d = dir();
    try {
      const file = path.join(d, '.env');
      await writeFileAtomic(file, 'A=1\n');
      assert.equal(statSync(file).mode & 0o777, 0o600);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('large values are checked without fuzzy-matching them (issue #13)', () => {
  test('a 1 MB host: one finding, no suggestion, a shortened message', () => {
    const host = `email-smtp.${'x'.repeat(1 << 20)}.amazonaws.com`;
    const f = only(laravel({ MAIL_HOST: host }), 'host-region-typo');
    assert.equal(f.fixValue, undefined);
    assert.match(f.message, /1048576 characters long, so it is no SES region/);
    assert.ok(f.message.length < 400, 'the message does not repeat the megabyte');
  });

  test('a 1 MB value that is not an SES host, and a region part just over the cap', () => {
    assert.deepEqual(ids(laravel({ MAIL_HOST: `smtp.${'y'.repeat(1 << 20)}.example` })), []);
    const f = only(laravel({ MAIL_HOST: `email-smtp.eu-west-1${'-x'.repeat(20)}.amazonaws.com` }), 'host-region-typo');
    assert.equal(f.fixValue, undefined);
  });

  test('a region typo within the cap still gets its suggestion', () => {
    assert.equal(
      only(laravel({ MAIL_HOST: 'email-smtp.eu-wset-1.amazonaws.com' }), 'host-region-typo').fixTitle,
      'Use eu-west-1',
    );
  });
});

describe('custom mappings read only their own keys', () => {
  const mapping = (user: string) => customConvention({ host: 'MY_HOST', user, password: 'MY_PASS' });

  test('{"user": "constructor"} with no such key in the file: no username, not the Object function', () => {
    const [block] = findSmtpBlocks(parseEnv('MY_HOST=email-smtp.eu-west-1.amazonaws.com\nMY_PASS=x\n'), [
      mapping('constructor'),
    ]);
    assert.equal(block.convention.id, 'custom');
    assert.equal(block.user, undefined);
    assert.equal(loginArgsFromBlock(block).username, '');
  });

  test("inherited names as keys read the file's values", () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const [block] = findSmtpBlocks(parseEnv(`MY_HOST=h\n${name}=AKIAIOSFODNN7EXAMPLE\nMY_PASS=x\n`), [mapping(name)]);
      assert.equal(block.user, 'AKIAIOSFODNN7EXAMPLE', name);
    }
  });

  test('the entries to write use the mapped keys as plain own properties', () => {
    const values = { host: 'h', port: 587, user: 'AKIAIOSFODNN7EXAMPLE', password: 'p' };
    const entries = conventionEntries(mapping('constructor'), values);
    assert.deepEqual(Object.keys(entries), ['MY_HOST', 'constructor', 'MY_PASS']);
    assert.equal(entries.constructor, 'AKIAIOSFODNN7EXAMPLE');
    assert.equal(setEnvKeys('', entries), 'MY_HOST=h\nconstructor=AKIAIOSFODNN7EXAMPLE\nMY_PASS=p\n');
  });

  test('"__proto__" is refused as a mapped key', () => {
    assert.throws(() => mapping('__proto__'), /not a valid key/);
  });
});
