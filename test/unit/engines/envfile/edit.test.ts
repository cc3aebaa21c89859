// A .env may be sourced by a shell (`set -a; . ./.env`): what the editor writes must read the same
// there and run nothing (core/env/edit.ts shellReading / isShellSafe), for every convention.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CONVENTIONS } from '../../../../src/engines/envfile/conventions';
import { dialectFor } from '../../../../src/engines/envfile/dialects';
import { EnvValueError } from '../../../../src/engines/envfile/parse';
import { formatEnvValue, isShellSafe, setEnvKeys, shellReading } from '../../../../src/engines/envfile/edit';

describe('shellReading', () => {
  test('unquoted: only characters a shell leaves alone', () => {
    assert.equal(
      shellReading('BLt+ADu/sekVOPzU8qxsZ9RUJq9VOImHlGTS3HByT=p5'),
      'BLt+ADu/sekVOPzU8qxsZ9RUJq9VOImHlGTS3HByT=p5',
    );
    assert.equal(shellReading('noreply@example.com'), 'noreply@example.com');
    assert.equal(shellReading(''), '');
    for (const unsafe of ['$(id)', 'a`id`', 'a;id', 'a&id', 'a|id', '~/x', 'a b', '$HOME', "it's", 'a\\', 'a>b', 'a*'])
      assert.equal(shellReading(unsafe), undefined, unsafe);
  });
  test('single quotes: everything inside is literal; a quote inside is not allowed', () => {
    assert.equal(shellReading("'$(id) `id` $HOME \\'"), '$(id) `id` $HOME \\');
    assert.equal(shellReading("'a'b'"), undefined);
    assert.equal(shellReading("'unterminated"), undefined);
  });
  test('double quotes: $, `, " and \\ only escaped; ! never', () => {
    assert.equal(shellReading('"it\'s"'), "it's");
    assert.equal(shellReading('"say \\"hi\\" \\$5 \\`x\\` a\\\\b"'), 'say "hi" $5 `x` a\\b');
    assert.equal(shellReading('"a\\qb"'), 'a\\qb', 'a backslash before another character stays');
    for (const unsafe of ['"$(id)"', '"`id`"', '"$HOME"', '"a"b"', '"hi!"', '"a\\"', '"a\\\nb"', '"'])
      assert.equal(shellReading(unsafe), undefined, JSON.stringify(unsafe));
  });
  test('isShellSafe compares with the value, line breaks in the file style counting as \\n', () => {
    assert.equal(isShellSafe("'two\r\nlines'", 'two\nlines'), true);
    assert.equal(isShellSafe('$(id)', '$(id)'), false);
    assert.equal(isShellSafe('"\\$5"', '\\$5'), false, 'the shell reads "\\$5" as $5');
  });
});

describe('the editor writes shell-safe forms', () => {
  const hostile = ['$(touch /tmp/pwned)', 'a`id`b', 'x;id', 'p$(id)w'];
  test('generic and Django: a $(…) or backtick value is quoted so a shell runs nothing (it used to be written unquoted)', () => {
    for (const id of ['generic', 'django']) {
      const c = CONVENTIONS.find((x) => x.id === id)!;
      const key = c.keys.password!;
      for (const v of hostile) {
        let out: string;
        try {
          out = setEnvKeys('A=1\n', { [key]: v }, { dialect: dialectFor(id) });
        } catch (err) {
          // Refused: the reason names the framework and the shell.
          assert.ok(err instanceof EnvValueError);
          assert.match((err as Error).message, /dotenv|django-environ/);
          continue;
        }
        const line = out.split('\n').find((l) => l.startsWith(`${key}=`))!;
        const text = line.slice(key.length + 1);
        assert.equal(shellReading(text), v, `${id}: ${line}`);
      }
    }
  });
  test('generic: "$(id)" is single-quoted, not plain', () => {
    assert.equal(formatEnvValue('$(id)'), "'$(id)'");
    assert.equal(formatEnvValue('a`id`b'), "'a`id`b'");
  });
  test('refused when no form is both read back by the framework and inert in a shell, naming the framework', () => {
    assert.throws(
      () => formatEnvValue("it's `id`"),
      (e: Error) => {
        assert.ok(e instanceof EnvValueError);
        assert.match(e.message, /npm dotenv/);
        assert.match(e.message, /a shell that sources the \.env file/);
        assert.match(e.message, /Nothing was written/);
        return true;
      },
    );
  });
});
