// dist/ondemand.js carries its own copy of the modules it needs (esbuild.config.mjs), so an error
// thrown there is built by a second copy of its class. The classes the main bundle tests with
// `instanceof` recognise an instance of either copy, and nothing else that merely looks alike.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

/** A second, separately loaded copy of a compiled module, as another bundle would hold. */
function secondCopy<T>(file: string): T {
  const resolved = require.resolve(path.join(__dirname, '..', '..', '..', 'src', file));
  const first = require.cache[resolved];
  delete require.cache[resolved];
  try {
    return require(resolved) as T;
  } finally {
    require.cache[resolved] = first;
  }
}

describe('error classes shared with dist/ondemand.js', () => {
  test('NameError: one made by the other copy is a NameError here; an Error merely named so is not', async () => {
    const here = await import('../../../src/base/names');
    const there = secondCopy<typeof here>('base/names');
    assert.notEqual(there.NameError, here.NameError, 'two copies of the class');
    const thrown = new there.NameError('From "x" is not an email address');
    assert.ok(thrown instanceof here.NameError);
    assert.ok(new here.NameError('y') instanceof there.NameError);
    assert.ok(thrown instanceof Error);
    assert.equal(Object.assign(new Error('x'), { name: 'NameError' }) instanceof here.NameError, false);
    assert.equal((null as unknown as object) instanceof here.NameError, false);
  });

  test('CsvError: one made by the other copy is a CsvError here, with its line; an Error merely named so is not', async () => {
    const here = await import('../../../src/features/credentials/logic/csv');
    const there = secondCopy<typeof here>('features/credentials/logic/csv');
    assert.notEqual(there.CsvError, here.CsvError, 'two copies of the class');
    const thrown: unknown = new there.CsvError('line 2: no header', 2);
    assert.ok(thrown instanceof here.CsvError);
    assert.equal(thrown.line, 2);
    assert.equal(Object.assign(new Error('x'), { name: 'CsvError' }) instanceof here.CsvError, false);
  });
});

describe('UserError shared with dist/ondemand.js', () => {
  test("one thrown by the other copy is a UserError here, so registerCommand shows it as the user's error", async () => {
    const here = await import('../../../src/host/userError');
    const there = secondCopy<typeof here>('host/userError');
    assert.notEqual(there.UserError, here.UserError, 'two copies of the class');
    const thrown: unknown = new there.UserError('No SMTP credentials are saved yet.');
    assert.ok(thrown instanceof here.UserError);
    assert.ok(new here.UserError('x') instanceof there.UserError);
    assert.ok(thrown instanceof Error);
    assert.equal((thrown as Error).message, 'No SMTP credentials are saved yet.');
  });

  test('an Error merely named UserError, a plain object and null are not UserErrors', async () => {
    const { UserError } = await import('../../../src/host/userError');
    assert.equal(Object.assign(new Error('x'), { name: 'UserError' }) instanceof UserError, false);
    assert.equal(new Error('x') instanceof UserError, false);
    assert.equal({ message: 'x' } instanceof UserError, false);
    assert.equal((null as unknown as object) instanceof UserError, false);
  });

  test('a subclass tests as a class does: its own instances only, not any UserError', async () => {
    const { UserError } = await import('../../../src/host/userError');
    class AwsStep extends UserError {}
    class Other extends UserError {}
    assert.ok(new AwsStep('x') instanceof AwsStep);
    assert.ok(new AwsStep('x') instanceof UserError, 'a subclass instance is a UserError');
    assert.equal(new UserError('x') instanceof AwsStep, false);
    assert.equal(new Other('x') instanceof AwsStep, false);
  });
});

describe('lazy.ts copied into dist/ondemand.js', () => {
  test('a bundle loaded through one copy is reported loaded by the other (the explorer forgets AWS credentials then)', async () => {
    const here = await import('../../../src/engines/bundles/load');
    const there = secondCopy<typeof here>('engines/bundles/load');
    assert.deepEqual(here.loadedBundles(), []);
    // What Node's require leaves behind when the other copy's loadAws() has run.
    const file = path.join(__dirname, '..', '..', '..', 'src', 'engines', 'bundles', 'aws.js');
    require.cache[file] = { id: file, filename: file, loaded: true, exports: {} } as NodeJS.Module;
    try {
      assert.deepEqual(here.loadedBundles(), ['aws']);
      assert.deepEqual(there.loadedBundles(), ['aws']);
    } finally {
      delete require.cache[file];
    }
    assert.deepEqual(here.loadedBundles(), []);
  });
});
