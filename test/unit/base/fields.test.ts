// The typed field checks (src/base/fields.ts): each returns the value a handler gets, of the type
// its FieldCheck<T> names. Where the check normalises (a port or a timeout given as digits becomes a
// number; a set item keeps only its id) the handler gets the normalised value, through the whole
// command check too (validateCommandArgs), and near misses are still refused with the field named.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as f from '../../../src/base/fields';
import { ArgumentError } from '../../../src/base/fields';
import { commandSchema, object } from '../../../src/base/schema';
import { validateCommandArgs } from '../../../src/commandArgs';
import { COMMAND } from '../../../src/base/commandIds';

const ctx = {};
function refuses(run: () => unknown, field: string, pattern: RegExp): void {
  assert.throws(run, (err: unknown) => {
    assert.ok(err instanceof ArgumentError, `an ArgumentError, not ${String(err)}`);
    assert.equal(err.field, field);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('port: a number, whether given as a number or as digits', () => {
  test('a number stays that number', () => assert.equal(f.port(587, 'port', ctx), 587));
  test('digits become the number', () => {
    assert.strictEqual(f.port('2587', 'port', ctx), 2587);
    assert.strictEqual(f.port(' 465 ', 'port', ctx), 465);
  });
  test('near misses are refused', () => {
    refuses(() => f.port('587a', 'port', ctx), 'port', /must be a port number/);
    refuses(() => f.port(587.5, 'port', ctx), 'port', /whole port number/);
    refuses(() => f.port(0, 'port', ctx), 'port', /out of range/);
    refuses(() => f.port(65536, 'port', ctx), 'port', /out of range/);
    refuses(() => f.port('70000', 'port', ctx), 'port', /not valid/);
  });
});

describe('timeoutSeconds: a number of seconds', () => {
  test('a number stays that number', () => assert.equal(f.timeoutSeconds(12.5, 'timeoutSeconds', ctx), 12.5));
  test('digits become the number', () => {
    assert.strictEqual(f.timeoutSeconds('30', 'timeoutSeconds', ctx), 30);
    assert.strictEqual(f.timeoutSeconds(' 1.5 ', 'timeoutSeconds', ctx), 1.5);
  });
  test('the limits and other types are refused', () => {
    refuses(() => f.timeoutSeconds(0, 'timeoutSeconds', ctx), 'timeoutSeconds', /give 1 to 600 seconds/);
    refuses(() => f.timeoutSeconds(600.5, 'timeoutSeconds', ctx), 'timeoutSeconds', /give 1 to 600 seconds/);
    refuses(() => f.timeoutSeconds('ten', 'timeoutSeconds', ctx), 'timeoutSeconds', /must be a number of seconds/);
    refuses(() => f.timeoutSeconds(true, 'timeoutSeconds', ctx), 'timeoutSeconds', /must be a number of seconds/);
  });
  test('the edges are accepted', () => {
    assert.equal(f.timeoutSeconds(1, 'timeoutSeconds', ctx), 1);
    assert.equal(f.timeoutSeconds('600', 'timeoutSeconds', ctx), 600);
  });
});

describe('the string checks return the string they checked', () => {
  test('setName', () => {
    assert.equal(f.setName('prod eu-west-1', 'name', ctx), 'prod eu-west-1');
    refuses(() => f.setName('x'.repeat(81), 'name', ctx), 'name', /keep it under 80/);
    refuses(() => f.setName(' ', 'name', ctx), 'name', /is empty/);
  });
  test('iamUserName', () => {
    assert.equal(f.iamUserName('ses-smtp-user.app', 'userName', ctx), 'ses-smtp-user.app');
    refuses(() => f.iamUserName('ses smtp', 'userName', ctx), 'userName', /not a valid IAM user name/);
  });
  test('filePath', () => {
    assert.equal(f.filePath('/home/me/app/.env', 'file', ctx), '/home/me/app/.env');
    assert.equal(f.filePath('C:\\app\\.env', 'file', ctx), 'C:\\app\\.env');
    refuses(() => f.filePath('app/.env', 'file', ctx), 'file', /not an absolute path/);
  });
  test('uri', () => {
    assert.equal(f.uri('file:///home/me/.env', 'uri', ctx), 'file:///home/me/.env');
    refuses(() => f.uri('/home/me/.env', 'uri', ctx), 'uri', /is not a URI/);
  });
  test('convention', () => {
    assert.equal(f.convention('laravel', 'convention', ctx), 'laravel');
    refuses(() => f.convention('Laravel', 'convention', ctx), 'convention', /not a convention id/);
    refuses(() => f.convention('-x', 'convention', ctx), 'convention', /not a convention id/);
  });
});

describe('oneOf: one of its words', () => {
  const mode = f.oneOf(['now', 'later']);
  test('a word is returned as it is', () => assert.equal(mode('later', 'deleteOldKey', ctx), 'later'));
  test('another case or another type is refused', () => {
    refuses(() => mode('Later', 'deleteOldKey', ctx), 'deleteOldKey', /must be one of "now", "later"/);
    refuses(() => mode(1, 'deleteOldKey', ctx), 'deleteOldKey', /must be one of/);
  });
  test('onProblem, shared by the commands that save a pasted password, takes its four words', () => {
    for (const w of ['clean', 'as-typed', 'derive', 'ask']) assert.equal(f.onProblem(w, 'onProblem', ctx), w);
    refuses(() => f.onProblem('cleaned', 'onProblem', ctx), 'onProblem', /must be one of/);
  });
});

describe('setItem: a view item stands for its id only', () => {
  test('other fields are not handed on', () =>
    assert.deepEqual(f.setItem({ id: 'a1', name: 'prod', password: 'x' }, 'set', ctx), { id: 'a1' }));
  test('a missing or wrong id is refused', () => {
    refuses(() => f.setItem({ name: 'prod' }, 'set', ctx), 'set.id', /is missing/);
    refuses(() => f.setItem({ id: 7 }, 'set', ctx), 'set.id', /must be a string/);
    refuses(() => f.setItem('prod', 'set', ctx), 'set', /must be a credential set object/);
  });
});

describe('object(): a nested argument, its fields typed and checked', () => {
  const values = object({ fields: { port: f.port, host: f.host } }, '{"port": 587}');
  test('checked fields come back normalised, as a copy', () => {
    const given = { port: '465', host: 'smtp.example.com' };
    const out = values(given, 'values', ctx);
    assert.deepEqual(out, { port: 465, host: 'smtp.example.com' });
    assert.notEqual(out, given);
  });
  test('an unknown field is refused with its path', () =>
    refuses(() => values({ prot: 465 }, 'values', ctx), 'values.prot', /is not known/));
  test('commandSchema hands back the schema it was given', () => {
    const s = { fields: { port: f.port }, example: '{}' };
    assert.equal(commandSchema(s), s);
  });
});

describe('the handler gets the checked types (validateCommandArgs)', () => {
  test('Check SMTP Login: port and timeout given as digits arrive as numbers', () => {
    const checked = validateCommandArgs(COMMAND.checkLogin, {
      region: 'eu-west-1',
      port: '2587',
      timeoutSeconds: '20',
    });
    assert.ok(checked.ok);
    assert.deepEqual(checked.args, { region: 'eu-west-1', port: 2587, timeoutSeconds: 20 });
  });
  test('Run Doctor: the port map holds numbers', () => {
    const checked = validateCommandArgs(COMMAND.runDoctor, { portMap: { '587': '40123' } });
    assert.ok(checked.ok);
    assert.deepEqual(checked.args, { portMap: { '587': 40123 } });
  });
  test('Write .env: the nested port too', () => {
    const checked = validateCommandArgs(COMMAND.writeEnv, { values: { port: '465' } });
    assert.ok(checked.ok);
    assert.deepEqual(checked.args, { values: { port: 465 } });
  });
});
