import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import dotenv from 'dotenv';
import {
  conventionEntries,
  CONVENTIONS,
  customConvention,
  detectConvention,
  EnvValueError,
  findSmtpBlocks,
  formatEnvValue,
  parseEnv,
  parseSmtpUrl,
  setEnvKeys,
  smtpUrl,
} from '../../src/core/env/dotenv';

// A small seeded PRNG (mulberry32) so a failing case can be reproduced from its seed.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['SMTP_HOST', 'SMTP_PORT', 'SMTP_USER', 'SMTP_PASSWORD', 'MAIL_HOST', 'EMAIL_HOST_PASSWORD', 'APP.NAME', 'db-url', 'X1', 'TOKEN'];

interface Generated {
  text: string;
  expected: Record<string, string>;
}

function generateFile(rand: () => number): Generated {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chars = (alphabet: string, min: number, max: number): string => {
    const n = min + Math.floor(rand() * (max - min + 1));
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
    return s;
  };
  const SAFE = 'abcXYZ019+/=_.-@:$%,;!?';
  const eol = rand() < 0.5 ? '\r\n' : '\n';
  const lines: string[] = [];
  const expected: Record<string, string> = {};
  const count = 1 + Math.floor(rand() * 12);
  for (let i = 0; i < count; i++) {
    const kind = rand();
    if (kind < 0.12) lines.push(pick(['', '   ', '\t']));
    else if (kind < 0.25) lines.push(`${pick(['#', '# ', '  #'])}${chars(SAFE + ' =#"\'`', 0, 20)}`);
    else {
      const key = pick(KEYS);
      const prefix = rand() < 0.15 ? 'export ' : '';
      const sep = pick(['=', '=', ' = ', '= ']);
      const style = rand();
      let written: string;
      let value: string;
      if (style < 0.3) {
        // unquoted: no leading quote or whitespace, no '#'
        value = chars(SAFE, 0, 16);
        written = value + (rand() < 0.2 ? '   ' : '');
      } else if (style < 0.5) {
        value = chars(SAFE + ' "#`', 0, 16);
        written = `'${value}'`;
      } else if (style < 0.7) {
        const parts: string[] = [];
        const n = Math.floor(rand() * 4);
        for (let j = 0; j < n; j++) parts.push(chars(SAFE + " '#`", 0, 8));
        // Joined by \n escapes (become line breaks) or, sometimes, by a real line break (multi-line value).
        const joiner = rand() < 0.3 ? eol : '\\n';
        written = `"${parts.join(joiner)}"`;
        value = parts.join('\n');
      } else if (style < 0.8) {
        value = chars(SAFE + ' "#\'', 0, 16);
        written = `\`${value}\``;
      } else {
        value = '';
        written = '';
      }
      const comment = style < 0.3 ? (rand() < 0.2 && written.length > 0 ? ' # note' : '') : rand() < 0.2 ? ' # note' : '';
      lines.push(`${prefix}${key}${sep}${written}${comment}`);
      expected[key] = value;
    }
  }
  const bom = rand() < 0.1 ? '\ufeff' : '';
  const finalNewline = rand() < 0.8;
  return { text: bom + lines.join(eol) + (finalNewline ? eol : ''), expected };
}

function randomValue(rand: () => number): string {
  const alphabet = 'abcXYZ019+/=_.-@:$ #\'"`';
  const n = Math.floor(rand() * 14);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  if (rand() < 0.1) s += '\nsecond line';
  return s;
}

/** The lines of a text that do not belong to the given keys' assignments (per its own parse). */
function untouchedLines(text: string, keys: Set<string>): string[] {
  const parsed = parseEnv(text);
  const owned = new Set<number>();
  for (const a of parsed.assignments) {
    if (!keys.has(a.key)) continue;
    const first = text.slice(0, a.start).split('\n').length - 1;
    const last = text.slice(0, a.valueEnd).split('\n').length - 1;
    for (let l = first; l <= last; l++) owned.add(l);
  }
  // A last line without a line break may gain one when keys are appended after it.
  // (The BOM is checked on its own.)
  return text.replace(/^\ufeff/, '').split('\n').map((l) => l.replace(/\r$/, '')).filter((_, i) => !owned.has(i));
}

describe('.env parsing and editing', () => {
  test('property: 5,000 generated files; setting keys changes only their lines, and both parsers agree', () => {
    const base = Number(process.env.DOTENV_SEED ?? 20261125);
    let checked = 0;
    for (let n = 0; n < 5000; n++) {
      const seed = base + n;
      const rand = prng(seed);
      const { text, expected } = generateFile(rand);
      try {
        assert.deepEqual(parseEnv(text).values, expected, 'our parse of the generated file');
        assert.deepEqual({ ...dotenv.parse(text) }, expected, "dotenv's parse of the generated file");
        const updates: Record<string, string> = {};
        const updateCount = 1 + Math.floor(rand() * 3);
        for (let i = 0; i < updateCount; i++) {
          const key = rand() < 0.6 && Object.keys(expected).length ? Object.keys(expected)[Math.floor(rand() * Object.keys(expected).length)] : `NEW_${i}`;
          updates[key] = randomValue(rand);
        }
        let result: string;
        try {
          result = setEnvKeys(text, updates, { anchorKeys: Object.keys(expected).slice(0, 2) });
        } catch (err) {
          assert.ok(err instanceof EnvValueError, String(err));
          continue; // a value dotenv cannot represent is refused, never written wrongly
        }
        const want = { ...expected, ...updates };
        assert.deepEqual(parseEnv(result).values, want, 'our parse after setting keys');
        assert.deepEqual({ ...dotenv.parse(result) }, want, "dotenv's parse after setting keys");
        const keys = new Set(Object.keys(updates));
        assert.deepEqual(untouchedLines(result, keys), untouchedLines(text, keys), 'every other line is unchanged');
        assert.equal(result.startsWith('\ufeff'), text.startsWith('\ufeff'), 'BOM kept');
        if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(result.slice(1)), 'CRLF kept');
        else assert.ok(!result.includes('\r\n') || updates[Object.keys(updates).find((k) => updates[k].includes('\r')) ?? ''] !== undefined, 'LF kept');
        checked++;
      } catch (err) {
        throw new Error(`seed ${seed} (DOTENV_SEED=${seed} reproduces it)\n--- file ---\n${JSON.stringify(text)}\n${(err as Error).message}`);
      }
    }
    assert.ok(checked > 4500, `most cases were checked (${checked})`);
  });

  test('keys are updated in place; CRLF, export, comments and the missing final newline stay', () => {
    const text = '\ufeff# mail\r\nexport SMTP_HOST=old.example.com # prod\r\nSMTP_PORT=25\r\n\r\nOTHER=1';
    const out = setEnvKeys(text, { SMTP_HOST: 'email-smtp.eu-west-1.amazonaws.com', SMTP_PORT: '587', SMTP_USER: 'AKIAIOSFODNN7EXAMPLE' }, { anchorKeys: ['SMTP_HOST', 'SMTP_PORT'] });
    assert.equal(out, '\ufeff# mail\r\nexport SMTP_HOST=email-smtp.eu-west-1.amazonaws.com # prod\r\nSMTP_PORT=587\r\nSMTP_USER=AKIAIOSFODNN7EXAMPLE\r\n\r\nOTHER=1');
  });

  test('new keys go at the end, keeping the file\'s final-newline style', () => {
    assert.equal(setEnvKeys('A=1', { B: '2' }), 'A=1\nB=2');
    assert.equal(setEnvKeys('A=1\n', { B: '2' }), 'A=1\nB=2\n');
    assert.equal(setEnvKeys('', { B: '2' }), 'B=2\n');
  });

  test('values are quoted only when dotenv needs it', () => {
    assert.equal(formatEnvValue('BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5'), 'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5');
    assert.equal(formatEnvValue('a+b/c='), 'a+b/c=');
    assert.equal(formatEnvValue('has # hash'), "'has # hash'");
    assert.equal(formatEnvValue(' lead'), "' lead'");
    assert.equal(formatEnvValue("it's"), "it's");
    assert.equal(formatEnvValue("'quoted'"), '`\'quoted\'`');
    assert.equal(formatEnvValue("'it's `x`"), '"\'it\'s `x`"');
    assert.equal(formatEnvValue('two\nlines', '\r\n'), "'two\r\nlines'");
    assert.throws(() => formatEnvValue('\'`"'), EnvValueError);
    assert.throws(() => formatEnvValue('a\rb'), /carriage return/);
  });
});

describe('conventions and SMTP blocks', () => {
  const values = { host: 'email-smtp.eu-west-1.amazonaws.com', port: 587, user: 'AKIAIOSFODNN7EXAMPLE', password: 'BLt+AD/u=', from: 'noreply@example.com', region: 'eu-west-1' };

  test('each convention writes its keys', () => {
    const byId = Object.fromEntries(CONVENTIONS.map((c) => [c.id, conventionEntries(c, values)]));
    assert.deepEqual(byId.generic, { SMTP_HOST: values.host, SMTP_PORT: '587', SMTP_USER: values.user, SMTP_PASSWORD: values.password, SMTP_SECURE: 'false', SMTP_FROM: values.from });
    assert.deepEqual(byId.laravel, { MAIL_MAILER: 'smtp', MAIL_HOST: values.host, MAIL_PORT: '587', MAIL_USERNAME: values.user, MAIL_PASSWORD: values.password, MAIL_ENCRYPTION: 'tls', MAIL_FROM_ADDRESS: values.from });
    assert.deepEqual(byId.django, { EMAIL_HOST: values.host, EMAIL_PORT: '587', EMAIL_HOST_USER: values.user, EMAIL_HOST_PASSWORD: values.password, EMAIL_USE_TLS: 'True' });
    assert.deepEqual(byId.rails, { AWS_SES_SMTP_USERNAME: values.user, AWS_SES_SMTP_PASSWORD: values.password, AWS_SES_SMTP_ADDRESS: values.host, AWS_SES_REGION: 'eu-west-1' });
    assert.deepEqual(byId.spring, { SPRING_MAIL_HOST: values.host, SPRING_MAIL_PORT: '587', SPRING_MAIL_USERNAME: values.user, SPRING_MAIL_PASSWORD: values.password });
    assert.deepEqual(byId['nodemailer-url'], { SMTP_URL: 'smtp://AKIAIOSFODNN7EXAMPLE:BLt%2BAD%2Fu%3D@email-smtp.eu-west-1.amazonaws.com:587' });
  });

  test('the nodemailer URL round-trips a password with + / = @ :', () => {
    const url = smtpUrl({ ...values, password: 'a+b/c=d@e:f' });
    assert.equal(parseSmtpUrl(url)?.password, 'a+b/c=d@e:f');
    assert.equal(new URL(url).password, 'a%2Bb%2Fc%3Dd%40e%3Af');
  });

  test('a custom mapping from settings', () => {
    const c = customConvention({ host: 'MY_HOST', user: 'MY_USER', password: 'MY_PASS' });
    assert.deepEqual(conventionEntries(c, values), { MY_HOST: values.host, MY_USER: values.user, MY_PASS: values.password });
    assert.throws(() => customConvention({ host: 'A' }), /needs host, user and password/);
    assert.throws(() => customConvention({ hots: 'A' }), /Unknown field "hots"/);
    assert.throws(() => customConvention({ host: 'A B', user: 'U', password: 'P' }), /not a valid key/);
  });

  test('blocks and the convention are detected from keys already in the file', () => {
    const parsed = parseEnv('APP=1\nMAIL_MAILER=smtp\nMAIL_HOST=email-smtp.eu-west-1.amazonaws.com\nMAIL_PORT=465\nMAIL_USERNAME=AKIAIOSFODNN7EXAMPLE\nMAIL_PASSWORD=secret\nMAIL_ENCRYPTION=ssl\n');
    assert.equal(detectConvention(parsed)?.id, 'laravel');
    const [block] = findSmtpBlocks(parsed);
    assert.equal(block.firstLine, 1);
    assert.equal(block.lastLine, 6);
    assert.equal(block.port, 465);
    assert.equal(block.implicitTls, true);
    assert.equal(block.user, 'AKIAIOSFODNN7EXAMPLE');
  });

  test('a URL block reads user and password decoded', () => {
    const [block] = findSmtpBlocks(parseEnv('SMTP_URL=smtp://AKIAIOSFODNN7EXAMPLE:a%2Bb@email-smtp.us-east-1.amazonaws.com:587\n'));
    assert.equal(block.convention.id, 'nodemailer-url');
    assert.equal(block.password, 'a+b');
    assert.equal(block.host, 'email-smtp.us-east-1.amazonaws.com');
  });
});
