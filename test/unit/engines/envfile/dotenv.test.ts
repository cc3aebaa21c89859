import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import dotenv from 'dotenv';
import {
  conventionEntries,
  CONVENTIONS,
  customConvention,
  detectConvention,
  findSmtpBlocks,
  parseSmtpUrl,
  smtpUrl,
} from '../../../../src/engines/envfile/conventions';
import { decodeEnvFile, EnvValueError, parseEnv } from '../../../../src/engines/envfile/parse';
import { EnvWriteRefused, formatEnvValue, setEnvKeys } from '../../../../src/engines/envfile/edit';
import { dotenvParse, squeezeBlankRuns } from '../../../../src/engines/envfile/verify';
import { dialectFor } from '../../../../src/engines/envfile/dialects';

describe('.env parsing and editing', () => {
  test('keys are updated in place; CRLF, export, comments and the missing final newline stay', () => {
    const text = '\ufeff# mail\r\nexport SMTP_HOST=old.example.com # prod\r\nSMTP_PORT=25\r\n\r\nOTHER=1';
    const out = setEnvKeys(
      text,
      { SMTP_HOST: 'email-smtp.eu-west-1.amazonaws.com', SMTP_PORT: '587', SMTP_USER: 'AKIAIOSFODNN7EXAMPLE' },
      { anchorKeys: ['SMTP_HOST', 'SMTP_PORT'] },
    );
    assert.equal(
      out,
      '\ufeff# mail\r\nexport SMTP_HOST=email-smtp.eu-west-1.amazonaws.com # prod\r\nSMTP_PORT=587\r\n' +
        'SMTP_USER=AKIAIOSFODNN7EXAMPLE\r\n\r\nOTHER=1',
    );
  });

  test("new keys go at the end, keeping the file's final-newline style", () => {
    assert.equal(setEnvKeys('A=1', { B: '2' }), 'A=1\nB=2');
    assert.equal(setEnvKeys('A=1\n', { B: '2' }), 'A=1\nB=2\n');
    assert.equal(setEnvKeys('', { B: '2' }), 'B=2\n');
  });

  test('values are quoted only when dotenv needs it', () => {
    assert.equal(
      formatEnvValue('BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5'),
      'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5',
    );
    assert.equal(formatEnvValue('a+b/c='), 'a+b/c=');
    assert.equal(formatEnvValue('has # hash'), "'has # hash'");
    assert.equal(formatEnvValue(' lead'), "' lead'");
    // Only forms a shell that sources the file reads alike (no lone quote, no backticks, no $(…)).
    assert.equal(formatEnvValue("it's"), '"it\'s"');
    assert.equal(formatEnvValue("'quoted'"), '"\'quoted\'"');
    assert.throws(() => formatEnvValue("'it's `x`"), /a shell that sources the \.env file.*"'".*"`"/);
    assert.equal(formatEnvValue('two\nlines', '\r\n'), "'two\r\nlines'");
    assert.throws(() => formatEnvValue('\'`"'), EnvValueError);
    assert.throws(() => formatEnvValue('a\rb'), /carriage return/);
  });
});

describe('conventions and SMTP blocks', () => {
  const values = {
    host: 'email-smtp.eu-west-1.amazonaws.com',
    port: 587,
    user: 'AKIAIOSFODNN7EXAMPLE',
    password: 'BLt+AD/u=',
    from: 'noreply@example.com',
    region: 'eu-west-1',
  };

  test("Laravel's MAIL_FROM_ADDRESS takes the bare address of a From with a name; SMTP_FROM keeps the name", () => {
    const named = { ...values, from: 'Mail Bot <bot@example.com>' };
    const laravel = CONVENTIONS.find((c) => c.id === 'laravel')!;
    const generic = CONVENTIONS.find((c) => c.id === 'generic')!;
    assert.equal(conventionEntries(laravel, named).MAIL_FROM_ADDRESS, 'bot@example.com');
    assert.equal(conventionEntries(generic, named).SMTP_FROM, 'Mail Bot <bot@example.com>');
    // A custom mapping whose from key is an _ADDRESS key reads alike; one that is not keeps the name.
    const custom = { id: 'custom', label: 'c', keys: { host: 'H', from: 'APP_FROM_ADDRESS' } };
    assert.equal(conventionEntries(custom, named).APP_FROM_ADDRESS, 'bot@example.com');
    const near = { id: 'near', label: 'n', keys: { host: 'H', from: 'APP_FROM_ADDRESSES' } };
    assert.equal(conventionEntries(near, named).APP_FROM_ADDRESSES, 'Mail Bot <bot@example.com>');
  });

  test('each convention writes its keys', () => {
    const byId = Object.fromEntries(CONVENTIONS.map((c) => [c.id, conventionEntries(c, values)]));
    assert.deepEqual(byId.generic, {
      SMTP_HOST: values.host,
      SMTP_PORT: '587',
      SMTP_USER: values.user,
      SMTP_PASSWORD: values.password,
      SMTP_SECURE: 'false',
      SMTP_FROM: values.from,
    });
    assert.deepEqual(byId.laravel, {
      MAIL_MAILER: 'smtp',
      MAIL_HOST: values.host,
      MAIL_PORT: '587',
      MAIL_USERNAME: values.user,
      MAIL_PASSWORD: values.password,
      MAIL_ENCRYPTION: 'tls',
      MAIL_FROM_ADDRESS: values.from,
    });
    assert.deepEqual(byId.django, {
      EMAIL_HOST: values.host,
      EMAIL_PORT: '587',
      EMAIL_HOST_USER: values.user,
      EMAIL_HOST_PASSWORD: values.password,
      EMAIL_USE_TLS: 'True',
    });
    assert.deepEqual(byId.rails, {
      AWS_SES_SMTP_USERNAME: values.user,
      AWS_SES_SMTP_PASSWORD: values.password,
      AWS_SES_SMTP_ADDRESS: values.host,
      AWS_SES_REGION: 'eu-west-1',
    });
    assert.deepEqual(byId.spring, {
      SPRING_MAIL_HOST: values.host,
      SPRING_MAIL_PORT: '587',
      SPRING_MAIL_USERNAME: values.user,
      SPRING_MAIL_PASSWORD: values.password,
    });
    assert.deepEqual(byId['nodemailer-url'], {
      SMTP_URL: 'smtp://AKIAIOSFODNN7EXAMPLE:BLt%2BAD%2Fu%3D@email-smtp.eu-west-1.amazonaws.com:587',
    });
  });

  test('the nodemailer URL round-trips a password with + / = @ :', () => {
    const url = smtpUrl({ ...values, password: 'a+b/c=d@e:f' });
    assert.equal(parseSmtpUrl(url)?.password, 'a+b/c=d@e:f');
    assert.equal(new URL(url).password, 'a%2Bb%2Fc%3Dd%40e%3Af');
  });

  test('a custom mapping from settings', () => {
    const c = customConvention({ host: 'MY_HOST', user: 'MY_USER', password: 'MY_PASS' });
    assert.deepEqual(conventionEntries(c, values), {
      MY_HOST: values.host,
      MY_USER: values.user,
      MY_PASS: values.password,
    });
    assert.throws(() => customConvention({ host: 'A' }), /needs host, user and password/);
    assert.throws(() => customConvention({ hots: 'A' }), /Unknown field "hots"/);
    assert.throws(() => customConvention({ host: 'A B', user: 'U', password: 'P' }), /not a valid key/);
  });

  test('blocks and the convention are detected from keys already in the file', () => {
    const parsed = parseEnv(
      'APP=1\nMAIL_MAILER=smtp\nMAIL_HOST=email-smtp.eu-west-1.amazonaws.com\nMAIL_PORT=465\n' +
        'MAIL_USERNAME=AKIAIOSFODNN7EXAMPLE\nMAIL_PASSWORD=secret\nMAIL_ENCRYPTION=ssl\n',
    );
    assert.equal(detectConvention(parsed)?.id, 'laravel');
    const [block] = findSmtpBlocks(parsed);
    assert.equal(block.firstLine, 1);
    assert.equal(block.lastLine, 6);
    assert.equal(block.port, 465);
    assert.equal(block.implicitTls, true);
    assert.equal(block.user, 'AKIAIOSFODNN7EXAMPLE');
  });

  test('a URL block reads user and password decoded', () => {
    const [block] = findSmtpBlocks(
      parseEnv('SMTP_URL=smtp://AKIAIOSFODNN7EXAMPLE:a%2Bb@email-smtp.us-east-1.amazonaws.com:587\n'),
    );
    assert.equal(block.convention.id, 'nodemailer-url');
    assert.equal(block.password, 'a+b');
    assert.equal(block.host, 'email-smtp.us-east-1.amazonaws.com');
  });
});

describe('.env parsing in linear time (issue #13: hangs on open/edit)', () => {
  // No timing assertions: these files took tens of seconds before; here they must parse correctly.
  test('80,000 blank lines between keys and before a comment', () => {
    const host = 'SMTP_HOST=email-smtp.eu-west-1.amazonaws.com';
    const text = `A=1${'\n'.repeat(80000)}# end\n${'\r\n'.repeat(80000)}${host}\n${'\n'.repeat(80000)}`;
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
      "A=\n'x'\n", // a quoted value may start on the next line
      "A='a' b\n", // not a quoted value: the quotes stay
      "A='x\\'\nB='y'\n", // \' is an escaped quote until nothing else closes
      'export =1\nexport\tB=2\n',
      'A="x\\ny"\n', // \n expanded in double quotes only
      "A=1\u2028'b'\n",
      "A='1'\u2028B=2\n",
      '__proto__=x\nconstructor=y\n',
    ];
    for (const text of cases)
      assert.deepEqual({ ...parseEnv(text).values }, { ...dotenv.parse(text) }, JSON.stringify(text));
  });
});

describe('.env writes never lose a key (issue #13)', () => {
  test("an SMTP key inside what another key's quote spans keeps the quotes pairing as before", () => {
    const text = 'NOTE="x\nSMTP_PASSWORD="old"\ny"\n';
    const out = setEnvKeys(text, { SMTP_PASSWORD: 'new' });
    assert.deepEqual({ ...dotenv.parse(out) }, { NOTE: '"x', SMTP_PASSWORD: 'new' });
    assert.equal(out, 'NOTE="x\nSMTP_PASSWORD="new"\ny"\n');
  });

  test('a write that would change another key is refused, saying which and why', () => {
    // Every form of the new value holds a ' followed by " #": it would close the quote NOTE opens.
    const text = "NOTE='x\nSMTP_PASSWORD=old\n";
    assert.throws(
      () => setEnvKeys(text, { SMTP_PASSWORD: "y' #" }),
      (err: Error) => {
        assert.ok(err instanceof EnvWriteRefused);
        assert.match(err.message, /NOTE would get a different value|SMTP_PASSWORD would no longer exist/);
        assert.match(err.message, /Nothing was changed/);
        return true;
      },
    );
  });

  test('lone-CR files keep CR, their final line break, and get new keys after the block', () => {
    assert.equal(setEnvKeys('A=1\rB=2\r', { C: '3', D: '4' }, { anchorKeys: ['A'] }), 'A=1\rC=3\rD=4\rB=2\r');
    assert.equal(setEnvKeys('A=1\rB=2\r', { C: '3' }), 'A=1\rB=2\rC=3\r');
    assert.equal(setEnvKeys('A=1\rB=2', { C: 'two\nlines' }), "A=1\rB=2\rC='two\rlines'");
    assert.equal(setEnvKeys('A=1\r\nB=2\r\n', { C: '3' }, { anchorKeys: ['A'] }), 'A=1\r\nC=3\r\nB=2\r\n');
  });

  test('a value ending in a backslash is refused: unquoted a shell joins the next line, quoted dotenv misreads it', () => {
    assert.throws(() => setEnvKeys('A=1\n', { P: 'abc\\' }), /a shell that sources the \.env file.*"\\"/);
    // The dotenv machinery alone (no shell): written unquoted, read back exactly.
    assert.equal(setEnvKeys('A=1\n', { P: 'abc\\' }, { shellSafe: false }), 'A=1\nP=abc\\\n');
    assert.equal(dotenv.parse(setEnvKeys('A=1\n', { P: 'abc\\' }, { shellSafe: false })).P, 'abc\\');
    assert.throws(() => setEnvKeys("A=1 # it's\n", { P: '#hash\\' }), /ends with a backslash and needs quotes/);
    assert.throws(
      () => formatEnvValue(' x\\'),
      /dotenv would read the backslash and the closing quote as an escaped quote/,
    );
  });
});

describe('reading a write back with dotenv, safe from its quadratic case', () => {
  test('a write into a file with 80,000 blank lines before a comment is read back and goes through', () => {
    // dotenv.parse itself needs minutes here; the read-back cuts the blank run first.
    const text = `# top\n${'\n'.repeat(80000)}# end\n`;
    const out = setEnvKeys(text, { SMTP_HOST: 'email-smtp.eu-west-1.amazonaws.com' });
    assert.equal(out, `${text}SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\n`);
  });

  test('the cut changes no value outside quotes, and leaves ordinary files alone', () => {
    const text = `A=1${'\n'.repeat(5000)}  \n# c\nB='x'${'\r\n'.repeat(5000)}C=3\n`;
    assert.notEqual(squeezeBlankRuns(text), text);
    assert.deepEqual(dotenvParse(text).values, { A: '1', B: 'x', C: '3' });
    assert.equal(dotenvParse(text).squeezed, true);
    const plain = 'A=1\n\n\nB="two\n\nlines"\n';
    assert.equal(squeezeBlankRuns(plain), plain);
    assert.deepEqual(dotenvParse(plain), { values: { ...dotenv.parse(plain) }, squeezed: false });
  });
});

// Input fixes of issue #32 (moved from inputFixes.test.ts), each with its case and its near miss.
function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    return err as Error;
  }
  assert.fail('accepted');
}

describe('refusals for Spring name Spring', () => {
  const write = (convention: string, value: string): string => formatEnvValue(value, '\n', dialectFor(convention));
  for (const [what, value] of [
    ['$HOME', '$HOME'],
    ['a fully double-quoted value', '"abc"'],
  ] as const) {
    test(what, () => {
      const err = refusal(() => write('spring', value));
      assert.ok(err instanceof EnvWriteRefused, String(err));
      assert.match(err.message, /^The value cannot be written so that Spring \(through whichever \.env loader it uses/);
    });
  }
  test('other frameworks keep their own names; a custom mapping says so', () => {
    assert.match(refusal(() => write('laravel', 'a\nb')).message, /phpdotenv \(Laravel\)/);
    assert.match(refusal(() => write('custom', '$HOME')).message, /your custom \.env mapping/);
  });
  test('near miss: a value every parser reads back is written for Spring', () => {
    assert.equal(
      write('spring', 'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5'),
      'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5',
    );
  });
});
