import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import dotenv from 'dotenv';
import {
  conventionEntries,
  CONVENTIONS,
  customConvention,
  decodeEnvFile,
  detectConvention,
  EnvValueError,
  EnvWriteRefused,
  findSmtpBlocks,
  formatEnvValue,
  parseEnv,
  parseSmtpUrl,
  setEnvKeys,
  smtpUrl,
} from '../../src/core/env/dotenv';

// A small seeded PRNG (mulberry32) so a failing case can be reproduced from its seed.
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

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
type Eol = '\n' | '\r\n' | '\r';

/** A random .env file: every construct dotenv knows, and the traps (quotes spanning lines, lone CR,
 * backslashes before quotes, duplicate keys, assignments written inside another key's quotes). */
function generateFile(rand: () => number): { text: string; eol: Eol; mixed: boolean } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chars = (alphabet: string, min: number, max: number): string => {
    const n = min + Math.floor(rand() * (max - min + 1));
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
    return s;
  };
  const SAFE = 'abcXYZ019+/=_.-@:$%,;!?';
  const r = rand();
  const eol: Eol = r < 0.35 ? '\n' : r < 0.7 ? '\r\n' : '\r';
  const mixed = rand() < 0.1;
  const br = (): string => (mixed ? pick(['\n', '\r\n', '\r'] as const) : eol);
  const assignment = (): string => {
    const key = pick(KEYS);
    const prefix = rand() < 0.15 ? 'export ' : '';
    const sep = pick(['=', '=', ' = ', '= ', ': ']);
    const style = rand();
    let written: string;
    if (style < 0.25) written = chars(`${SAFE}\\`, 0, 16) + (rand() < 0.2 ? '   ' : '');
    else if (style < 0.4) written = `'${chars(`${SAFE} "#\`\\`, 0, 16)}'`;
    else if (style < 0.55) {
      const parts: string[] = [];
      for (let j = Math.floor(rand() * 4); j > 0; j--) parts.push(chars(`${SAFE} '#\`\\`, 0, 8));
      written = `"${parts.join(rand() < 0.4 ? br() : '\\n')}"`;
    } else if (style < 0.65) written = `\`${chars(`${SAFE} "#'\\`, 0, 16)}\``;
    else if (style < 0.75) {
      // A quote spanning lines with assignments inside it, closed or not.
      const q = pick(['"', "'", '`']);
      const inner: string[] = [];
      for (let j = 1 + Math.floor(rand() * 3); j > 0; j--) inner.push(`${pick(KEYS)}=${pick(['', q, '"', "'"])}${chars(SAFE, 0, 6)}${pick(['', q, '"', "'"])}`);
      written = `${q}${chars(SAFE, 0, 4)}${br()}${inner.join(br())}${pick(['', `${br()}y${q}`, `${q}`, `\\${q}`])}`;
    } else if (style < 0.85) written = `${pick(['"', "'", '`'])}${chars(`${SAFE}\\ `, 0, 8)}${pick(['\\', ''])}${pick(['"', "'", '`', ''])}`;
    else written = '';
    const comment = rand() < 0.15 ? ` # note${pick(['', "'", '"'])}` : '';
    return `${prefix}${key}${sep}${written}${comment}`;
  };
  const lines: string[] = [];
  for (let i = 1 + Math.floor(rand() * 12); i > 0; i--) {
    const kind = rand();
    if (kind < 0.12) lines.push(pick(['', '   ', '\t']));
    else if (kind < 0.22) lines.push(`${pick(['#', '# ', '  #'])}${chars(`${SAFE} =#"'\``, 0, 20)}`);
    else if (kind < 0.27) lines.push(pick(['y"', "it's", 'just text', '`', '\\']));
    else lines.push(assignment());
  }
  const bom = rand() < 0.1 ? '\ufeff' : '';
  let text = bom;
  lines.forEach((l, i) => (text += (i ? br() : '') + l));
  if (rand() < 0.8) text += br();
  return { text, eol, mixed };
}

function randomValue(rand: () => number): string {
  const alphabet = 'abcXYZ019+/=_.-@:$ #\'"`\\';
  const n = Math.floor(rand() * 14);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  if (rand() < 0.1) s += '\nsecond line';
  if (rand() < 0.1) s += '\\';
  return s;
}

const breaksOf = (s: string): string[] => s.match(/\r\n|\r|\n/g) ?? [];

/** The text with the given keys' effective values cut out, and the lines of keys new in it removed. */
function skeleton(text: string, keys: readonly string[], fresh: ReadonlySet<string>): { rest: string; written: string[] } {
  const last = new Map(parseEnv(text).assignments.map((a) => [a.key, a]));
  const cuts: Array<[number, number, string]> = [];
  let appendedLast = false;
  for (const key of keys) {
    const a = last.get(key);
    if (!a) continue;
    if (fresh.has(key)) {
      const len = text[a.end] === '\r' ? (text[a.end + 1] === '\n' ? 2 : 1) : text[a.end] === '\n' ? 1 : 0;
      cuts.push([a.start, a.end + len, '']);
      appendedLast ||= !len; // appended without a final newline: the break before it is new too
    } else {
      let from = a.valueStart;
      let to = a.valueEnd;
      while (text[from - 1] === ' ') from--;
      while (text[to] === ' ' || text[to] === '\t') to++; // an emptied value leaves its spaces
      cuts.push([from, to, '\0V']);
    }
  }
  const written: string[] = [];
  let rest = text;
  for (const [from, to, mark] of cuts.sort((x, y) => y[0] - x[0])) {
    written.push(rest.slice(from, to));
    rest = rest.slice(0, from) + mark + rest.slice(to);
  }
  if (appendedLast) rest = rest.replace(/(\r\n|\r|\n)$/, (b) => (written.push(b), ''));
  return { rest, written };
}

describe('.env parsing and editing', () => {
  test('property: 20,000 generated files; both parsers agree, and a write never loses a key or a line break', (t) => {
    const base = Number(process.env.DOTENV_SEED ?? 20261125);
    const runs = Number(process.env.DOTENV_RUNS ?? 20000);
    let written = 0;
    let refusedAfterReading = 0;
    for (let n = 0; n < runs; n++) {
      const seed = base + n;
      const rand = prng(seed);
      const { text, eol, mixed } = generateFile(rand);
      let detail = (): string => '';
      try {
        const before = { ...dotenv.parse(text) };
        assert.deepEqual({ ...parseEnv(text).values }, before, "our parse equals dotenv's");
        const existing = Object.keys(before);
        const updates: Record<string, string> = {};
        for (let i = 1 + Math.floor(rand() * 3); i > 0; i--) {
          // Existing keys, keys written inside another value (then not a key), and new keys.
          const key = rand() < 0.6 && existing.length ? existing[Math.floor(rand() * existing.length)] : rand() < 0.5 ? pick(rand, KEYS) : `NEW_${i}`;
          updates[key] = randomValue(rand);
        }
        let result = '';
        detail = () => `\n--- updates ---\n${JSON.stringify(updates)}\n--- result ---\n${JSON.stringify(result)}`;
        try {
          result = setEnvKeys(text, updates, { anchorKeys: existing.slice(0, 2) });
        } catch (err) {
          assert.ok(err instanceof EnvValueError, String(err));
          if (err instanceof EnvWriteRefused) refusedAfterReading++;
          continue; // refused with a reason; nothing to write
        }
        const want = { ...before, ...updates };
        assert.deepEqual({ ...dotenv.parse(result) }, want, "dotenv's parse after the write: no key lost, changed or added");
        assert.deepEqual({ ...parseEnv(result).values }, want, 'our parse after the write');
        const keys = Object.keys(updates);
        const fresh = new Set(keys.filter((k) => !(k in before)));
        const a = skeleton(text, keys, new Set());
        const b = skeleton(result, keys, fresh);
        assert.equal(JSON.stringify(b.rest), JSON.stringify(a.rest), 'every other byte, line breaks included, is unchanged');
        // A file with mixed line breaks gets its most frequent one; one without any, LF.
        const own = !breaksOf(text).length ? '\n' : mixed ? parseEnv(text).eol : eol;
        for (const w of b.written) assert.ok(breaksOf(w).every((x) => x === own), `new text breaks lines as the file does: ${JSON.stringify(w)}`);
        if (!mixed) assert.ok(breaksOf(result).every((x) => x === own), 'the file still has one kind of line break');
        assert.equal(result.startsWith('\ufeff'), text.startsWith('\ufeff'), 'BOM kept');
        written++;
      } catch (err) {
        throw new Error(`seed ${seed} (DOTENV_SEED=${seed} DOTENV_RUNS=1 reproduces it)\n--- file ---\n${JSON.stringify(text)}${detail()}\n${(err as Error).message}`);
      }
    }
    t.diagnostic(`${runs} files: ${written} writes read back intact, ${refusedAfterReading} refused after reading back, `
      + `${runs - written - refusedAfterReading} values refused as not writable`);
    // Most writes go through; a refusal is the exception (and each one has been read back first).
    assert.ok(written > runs * 0.6, `${written} of ${runs} writes checked (${refusedAfterReading} refused after reading back)`);
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

describe('.env parsing in linear time (issue #13: hangs on open/edit)', () => {
  // No timing assertions: these files took tens of seconds before; here they must parse correctly.
  test('80,000 blank lines between keys and before a comment', () => {
    const text = `A=1${'\n'.repeat(80000)}# end\n${'\r\n'.repeat(80000)}SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\n${'\n'.repeat(80000)}`;
    const parsed = parseEnv(text);
    assert.deepEqual({ ...parsed.values }, { A: '1', SMTP_HOST: 'email-smtp.eu-west-1.amazonaws.com' });
    assert.equal(parsed.assignments[1].line, 160001);
    assert.equal(decodeEnvFile(Buffer.from(text), '.env'), text);
  });

  test('80,000 newlines and nothing else', () => {
    assert.deepEqual({ ...parseEnv('\n'.repeat(80000)).values }, {});
  });

  test('corner cases of the grammar read as dotenv reads them', () => {
    const cases = [
      'A:\nB=1\n', // ":" takes a line break as its space, and the next line becomes the value
      'A=\n\'x\'\n', // a quoted value may start on the next line
      "A='a' b\n", // not a quoted value: the quotes stay
      "A='x\\'\nB='y'\n", // \' is an escaped quote until nothing else closes
      'export =1\nexport\tB=2\n',
      'A="x\\ny"\n', // \n expanded in double quotes only
      'A=1\u2028\'b\'\n',
      "A='1'\u2028B=2\n",
      '__proto__=x\nconstructor=y\n',
    ];
    for (const text of cases) assert.deepEqual({ ...parseEnv(text).values }, { ...dotenv.parse(text) }, JSON.stringify(text));
  });
});

describe('.env writes never lose a key (issue #13)', () => {
  test('an SMTP key inside what another key\'s quote spans keeps the quotes pairing as before', () => {
    const text = 'NOTE="x\nSMTP_PASSWORD="old"\ny"\n';
    const out = setEnvKeys(text, { SMTP_PASSWORD: 'new' });
    assert.deepEqual({ ...dotenv.parse(out) }, { NOTE: '"x', SMTP_PASSWORD: 'new' });
    assert.equal(out, 'NOTE="x\nSMTP_PASSWORD="new"\ny"\n');
  });

  test('a write that would change another key is refused, saying which and why', () => {
    // Every form of the new value holds a ' followed by " #": it would close the quote NOTE opens.
    const text = "NOTE='x\nSMTP_PASSWORD=old\n";
    assert.throws(() => setEnvKeys(text, { SMTP_PASSWORD: "y' #" }), (err: Error) => {
      assert.ok(err instanceof EnvWriteRefused);
      assert.match(err.message, /NOTE would get a different value|SMTP_PASSWORD would no longer exist/);
      assert.match(err.message, /Nothing was changed/);
      return true;
    });
  });

  test('lone-CR files keep CR, their final line break, and get new keys after the block', () => {
    assert.equal(setEnvKeys('A=1\rB=2\r', { C: '3', D: '4' }, { anchorKeys: ['A'] }), 'A=1\rC=3\rD=4\rB=2\r');
    assert.equal(setEnvKeys('A=1\rB=2\r', { C: '3' }), 'A=1\rB=2\rC=3\r');
    assert.equal(setEnvKeys('A=1\rB=2', { C: 'two\nlines' }), "A=1\rB=2\rC='two\rlines'");
    assert.equal(setEnvKeys('A=1\r\nB=2\r\n', { C: '3' }, { anchorKeys: ['A'] }), 'A=1\r\nC=3\r\nB=2\r\n');
  });

  test('a value ending in a backslash is written unquoted, or refused when it needs quotes', () => {
    assert.equal(setEnvKeys('A=1\n', { P: 'abc\\' }), 'A=1\nP=abc\\\n');
    assert.equal(dotenv.parse(setEnvKeys('A=1\n', { P: 'abc\\' })).P, 'abc\\');
    assert.throws(() => setEnvKeys("A=1 # it's\n", { P: '#hash\\' }), /ends with a backslash and needs quotes/);
    assert.throws(() => formatEnvValue(' x\\'), /dotenv would read the backslash and the closing quote as an escaped quote/);
  });
});
