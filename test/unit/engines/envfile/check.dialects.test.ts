// Issue #21: findings for values the framework's parser reads differently from what the file shows.
// Each finding has its own case, with the near misses that must stay quiet.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkEnv } from '../../../../src/engines/envfile/check';
import { findSmtpBlocks } from '../../../../src/engines/envfile/conventions';
import { parseEnvAs } from '../../../../src/engines/envfile/dialectRead';
import { setEnvKeys } from '../../../../src/engines/envfile/edit';
import type { DialectSetting } from '../../../../src/engines/envfile/dialects';

const HOST = 'email-smtp.eu-west-1.amazonaws.com';
const laravel = (pw: string, extra = ''): string =>
  `${extra}MAIL_MAILER=smtp\nMAIL_HOST=${HOST}\nMAIL_USERNAME=AKIAIOSFODNN7EXAMPLE\nMAIL_PASSWORD=${pw}\n`;
const django = (pw: string): string =>
  `EMAIL_HOST=${HOST}\nEMAIL_HOST_USER=AKIAIOSFODNN7EXAMPLE\nEMAIL_HOST_PASSWORD=${pw}\n`;
const rails = (pw: string): string => `AWS_SES_SMTP_USERNAME=AKIAIOSFODNN7EXAMPLE\nAWS_SES_SMTP_PASSWORD=${pw}\n`;
const generic = (pw: string): string => `SMTP_HOST=${HOST}\nSMTP_USER=AKIAIOSFODNN7EXAMPLE\nSMTP_PASSWORD=${pw}\n`;

const findings = (text: string, setting: DialectSetting = 'auto') => {
  const { parsed, dialect } = parseEnvAs(text, setting);
  return checkEnv(parsed, findSmtpBlocks(parsed), { text, dialect });
};
const NEW = new Set([
  'value-interpolated',
  'value-unquoted-whitespace',
  'value-backtick-quotes',
  'value-parsers-disagree',
]);
/** The dialect findings only (the older checks, such as spaces inside a password, have their own tests). */
const ids = (text: string, setting?: DialectSetting): string[] =>
  findings(text, setting)
    .map((f) => f.id)
    .filter((id) => NEW.has(id));
const one = (text: string, id: string) => {
  const f = findings(text).filter((x) => x.id === id);
  assert.equal(f.length, 1, `one ${id} in ${JSON.stringify(ids(text))}`);
  return f[0];
};
/** Applies a finding's fix in the file's dialect. */
const fixed = (text: string, id: string): string => {
  const f = one(text, id);
  assert.ok(f.fixValue !== undefined, 'the finding has a fix');
  return setEnvKeys(text, { [f.fixKey ?? f.key]: f.fixValue! }, { dialect: parseEnvAs(text).dialect });
};

describe('value-unquoted-whitespace: phpdotenv refuses the whole file', () => {
  test('MAIL_PASSWORD=pa ss in a Laravel file, fixed by quoting', () => {
    const f = one(laravel('pa ss'), 'value-unquoted-whitespace');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /phpdotenv \(Laravel\) refuses the whole \.env file/);
    assert.ok(!f.message.includes('pa ss'));
    const after = fixed(laravel('pa ss'), 'value-unquoted-whitespace');
    assert.match(after, /^MAIL_PASSWORD='pa ss'$/m);
    assert.deepEqual(ids(after), []);
  });
  test('a tab, and whitespace in any other key of the file (APP_NAME=My App)', () => {
    one(laravel('pa\tss'), 'value-unquoted-whitespace');
    assert.equal(one(laravel('x', 'APP_NAME=My App\n'), 'value-unquoted-whitespace').key, 'APP_NAME');
    // phpdotenv stops at the first: later bad lines outside the SMTP block add nothing, those inside do.
    const many = laravel('pa ss', 'APP_NAME=My App\nAPP_TITLE=Other App\n');
    const keys = findings(many)
      .filter((f) => f.id === 'value-unquoted-whitespace')
      .map((f) => f.key);
    assert.deepEqual(keys, ['APP_NAME', 'MAIL_PASSWORD']);
  });
  test('near misses: quoted, trailing blanks, a comment after a blank, another framework', () => {
    assert.deepEqual(ids(laravel("'pa ss'")), []);
    assert.deepEqual(ids(laravel('"pa ss"')), []);
    assert.deepEqual(ids(laravel('pass   ')), []);
    assert.deepEqual(ids(laravel('pass # a comment')), []);
    assert.deepEqual(ids(generic('pa ss')), []);
  });
});

describe('value-interpolated: the parser replaces $NAME / ${NAME}', () => {
  test('python-dotenv (Django) expands ${HOME}; no fix, since it does so even in single quotes', () => {
    const f = one(django('pa${HOME}'), 'value-interpolated');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /python-dotenv replaces/);
    assert.equal(f.fixValue, undefined);
    one(django("'pa${HOME}'"), 'value-interpolated');
  });
  test('django-environ reads a value starting with $ as another variable', () => {
    assert.match(one(django('$HOME'), 'value-interpolated').message, /django-environ/);
  });
  test('Django near misses: $ without braces, $ in single quotes, a lone $', () => {
    assert.deepEqual(ids(django('pa$HOME')), []);
    assert.deepEqual(ids(django("'pa$word'")), []);
    assert.deepEqual(ids(django('pa$')), []);
  });
  test('the dotenv gem (Rails) expands $HOME, fixed with single quotes', () => {
    assert.match(one(rails('pa$HOME'), 'value-interpolated').message, /the dotenv gem replaces/);
    const after = fixed(rails('pa$HOME'), 'value-interpolated');
    assert.match(after, /^AWS_SES_SMTP_PASSWORD='pa\$HOME'$/m);
    assert.deepEqual(ids(after), []);
  });
  test('Rails near misses: single quotes, an escaped \\$, a $ followed by no name', () => {
    assert.deepEqual(ids(rails("'pa$HOME'")), []);
    assert.deepEqual(ids(rails('pa\\$HOME')), []);
    assert.deepEqual(ids(rails('pa$-x')), []);
  });
  test('phpdotenv (Laravel) expands ${HOME} but not $HOME; single quotes and \\$ keep it', () => {
    one(laravel('pa${HOME}'), 'value-interpolated');
    assert.deepEqual(ids(laravel('pa$HOME')), []);
    assert.deepEqual(ids(laravel("'pa${HOME}'")), []);
    assert.deepEqual(ids(laravel('"pa\\${HOME}"')), []);
  });
  test('a non-password key is a warning; npm dotenv (generic) expands nothing', () => {
    assert.equal(
      one(laravel('x').replace(`MAIL_HOST=${HOST}`, 'MAIL_HOST=${H}'), 'value-interpolated').severity,
      'warning',
    );
    assert.deepEqual(ids(generic('pa${HOME}')), []);
  });
});

describe('value-backtick-quotes: only npm dotenv understands backticks', () => {
  test('a backtick-quoted password in a Laravel or Rails file, fixed with its quotes', () => {
    const f = one(laravel('`secret`'), 'value-backtick-quotes');
    assert.match(f.message, /phpdotenv \(Laravel\)/);
    assert.deepEqual(ids(fixed(laravel('`secret`'), 'value-backtick-quotes')), []);
    one(rails('`secret`'), 'value-backtick-quotes');
  });
  test('near misses: backticks in a generic file, a backtick inside single quotes', () => {
    assert.deepEqual(ids(generic('`secret`')), []);
    assert.deepEqual(ids(laravel("'se`cret'")), []);
  });
  test('the setting picks the dialect: a generic file read as phpdotenv', () => {
    assert.deepEqual(ids(generic('`secret`'), 'phpdotenv'), ['value-backtick-quotes']);
  });
});

describe('value-parsers-disagree: python-dotenv and django-environ read a Django value differently', () => {
  test('a value that is itself "…" inside single quotes loses both layers in django-environ', () => {
    const text = django(`'"secret"'`);
    const f = one(text, 'value-parsers-disagree');
    assert.ok(!f.message.includes('secret'));
    const after = fixed(text, 'value-parsers-disagree');
    assert.match(after, /^EMAIL_HOST_PASSWORD="\\"secret\\""$/m);
    assert.deepEqual(ids(after), []);
  });
  test('a backslash in double quotes', () => {
    one(django('"a\\qb"'), 'value-parsers-disagree');
  });
  test('near misses: plain, single-quoted and escaped double-quoted values; one parser only', () => {
    assert.deepEqual(ids(django('secret')), []);
    assert.deepEqual(ids(django("'sec ret'")), []);
    assert.deepEqual(ids(django('"say \\"hi\\""')), []);
    assert.deepEqual(ids(django(`'"secret"'`), 'python-dotenv'), []);
  });
});
