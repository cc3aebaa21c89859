// Issue #21: the dialect of each convention, how values are written in it, and the refusals. The
// real parsers check the same writes in test/integration/engines/envfile/dialects.test.ts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { EnvWriteRefused, formatEnvValue, setEnvKeys } from '../../../../src/engines/envfile/edit';
import { dialectById, dialectFor } from '../../../../src/engines/envfile/dialects';
import { parseEnvAs } from '../../../../src/engines/envfile/dialectRead';
import { readAs } from '../../../../src/engines/envfile/dialectReaders';

const write = (convention: string, value: string): string => formatEnvValue(value, '\n', dialectFor(convention));

describe('the dialect of each convention', () => {
  test('npm dotenv for generic and nodemailer, a framework parser for the others, the setting wins', () => {
    assert.equal(dialectFor('generic').id, 'dotenv');
    assert.equal(dialectFor('nodemailer-url').id, 'dotenv');
    assert.deepEqual(dialectFor('django').readers, ['python-dotenv', 'django-environ']);
    assert.equal(dialectFor('rails').id, 'ruby-dotenv');
    assert.equal(dialectFor('laravel').id, 'phpdotenv');
    assert.equal(dialectFor('spring').id, 'strict');
    assert.equal(dialectFor('custom').id, 'strict');
    assert.equal(dialectFor(undefined).id, 'dotenv');
    assert.equal(dialectFor('laravel', 'dotenv').id, 'dotenv');
    assert.equal(dialectFor('generic', 'ruby-dotenv').id, 'ruby-dotenv');
  });
});

describe('writing in a dialect', () => {
  test('the issue cases: $, whitespace, both quotes, a value that is itself "…"', () => {
    assert.equal(write('rails', 'pa$$word${HOME}$USER'), "'pa$$word${HOME}$USER'");
    assert.equal(write('laravel', 'pa$$word${HOME}$USER'), "'pa$$word${HOME}$USER'");
    assert.equal(write('laravel', 'inner space'), "'inner space'");
    assert.equal(write('laravel', 'tab\there'), "'tab\there'");
    assert.equal(write('laravel', `both ' and "`), `"both ' and \\""`);
    // The gem reads it unquoted too, but a shell would not: escaped double quotes both read alike.
    assert.equal(write('rails', `both ' and "`), `"both ' and \\""`);
    assert.equal(write('django', '"quoted"'), '"\\"quoted\\""');
    // Both quotes and a #: npm dotenv needs backticks, which a shell runs as a command: refused.
    assert.throws(() => write('generic', `both ' and " #`), /npm dotenv \/ node --env-file reads it back.*shell/);
    assert.throws(() => write('spring', `both ' and " #`), /every common \.env parser.*npm dotenv would read/);
    for (const c of ['django', 'rails', 'laravel']) assert.ok(!write(c, `both ' and " #`).startsWith('`'), c);
  });
  test('plain values stay plain', () => {
    for (const c of ['django', 'rails', 'laravel', 'spring', 'custom']) {
      assert.equal(
        write(c, 'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5'),
        'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5',
      );
      assert.equal(write(c, 'a+b/c='), 'a+b/c=');
    }
  });
  test('refused with the character and the framework named, and nothing written', () => {
    assert.throws(
      () => write('django', 'pa${HOME}'),
      (e: Error) => {
        assert.ok(e instanceof EnvWriteRefused);
        assert.match(e.message, /python-dotenv and django-environ \(Django\)/);
        assert.match(e.message, /"\$"/);
        return true;
      },
    );
    assert.throws(() => write('django', '$HOME'), /django-environ reads a value starting with \$/);
    assert.throws(() => write('laravel', 'a\nb'), /phpdotenv \(Laravel\).*a line break/);
    const text = 'EMAIL_HOST=h\nEMAIL_HOST_USER=u\n';
    assert.throws(
      () => setEnvKeys(text, { EMAIL_HOST_PASSWORD: 'x${Y}' }, { dialect: dialectFor('django') }),
      EnvWriteRefused,
    );
  });
  test('an existing value that the framework misreads is rewritten even when npm dotenv sees the same value', () => {
    const text = 'MAIL_HOST=h\nMAIL_PASSWORD=pa ss\n';
    assert.equal(setEnvKeys(text, { MAIL_PASSWORD: 'pa ss' }), text);
    assert.equal(
      setEnvKeys(text, { MAIL_PASSWORD: 'pa ss' }, { dialect: dialectById('phpdotenv') }),
      "MAIL_HOST=h\nMAIL_PASSWORD='pa ss'\n",
    );
  });
});

describe('reading in a dialect', () => {
  test('each reader on the traps', () => {
    assert.equal(readAs('python-dotenv', 'pa${HOME}', (n) => (n === 'HOME' ? '/h' : undefined)).value, 'pa/h');
    assert.equal(readAs('python-dotenv', "'pa$HOME'").value, 'pa$HOME');
    assert.equal(readAs('django-environ', `'"x"'`).value, 'x');
    assert.equal(readAs('ruby-dotenv', 'a\\$B').value, 'a$B');
    assert.deepEqual(readAs('ruby-dotenv', 'a$(id)').expanded, ['$(id)']);
    assert.match(readAs('phpdotenv', 'pa ss').error ?? '', /unexpected whitespace/);
    assert.equal(readAs('phpdotenv', '`x`').value, '`x`');
  });
  test("parseEnvAs gives the value the framework sees, with the file's earlier values for variables", () => {
    const { parsed, dialect } = parseEnvAs('AWS_SES_SMTP_USERNAME=u\nAWS_SES_SMTP_PASSWORD=p$AWS_SES_SMTP_USERNAME\n');
    assert.equal(dialect.id, 'ruby-dotenv');
    assert.equal(parsed.values.AWS_SES_SMTP_PASSWORD, 'pu');
    assert.equal(parseEnvAs('SMTP_HOST=h\nSMTP_PASSWORD=p$SMTP_HOST\n').parsed.values.SMTP_PASSWORD, 'p$SMTP_HOST');
  });
});
