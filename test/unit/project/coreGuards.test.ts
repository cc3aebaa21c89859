// Exported core functions check their own arguments (issue #32): the bench, scripts and the next
// feature call them without the command layer's schemas. The test finds every function exported by
// a module under src/core with the TypeScript compiler, and for each whose parameters are plain
// values (text, numbers, booleans, lists of text) calls it with a wrong type in each position:
// the answer is a result or a clear Error naming what is wrong, never a TypeError from inside.
// The functions the issue names, which take objects, have their own cases below.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { CoreArgumentError } from '../../../src/base/guards';
import { classifySmtpPassword, classifySmtpUsername, deriveSmtpPassword } from '../../../src/base/password';
import { parseCredentialsCsv } from '../../../src/features/credentials/logic/csv';
import { renderMarkdown } from '../../../src/engines/doctor/markdown';
import { setEnvKeys } from '../../../src/engines/envfile/edit';
import { extractCredentials } from '../../../src/features/credentials/logic/secretValue';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SRC = path.join(ROOT, 'src');
/** The vscode-free code: base, the engines, and each feature's logic/. */
const CORE_DIRS = [path.join(SRC, 'base'), path.join(SRC, 'engines')];
/** Messages of JavaScript's own errors: a function that let the wrong value through to them. */
const NATIVE =
  /is not a function|Cannot read propert|is not iterable|Cannot convert undefined or null|argument must be|Cannot destructure/;

type Kind = 'text' | 'number' | 'boolean' | 'texts' | 'object' | 'list' | 'function';
interface Exported {
  module: string;
  name: string;
  params: Array<{ name: string; kind: Kind; optional: boolean }>;
}
/** Plain values: the sweep passes good values in the other positions. */
const VALUE_KINDS: readonly Kind[] = ['text', 'number', 'boolean', 'texts'];

function coreFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? coreFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function allCoreFiles(): string[] {
  const features = path.join(SRC, 'features');
  const logic = fs
    .readdirSync(features, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(features, e.name, 'logic')))
    .map((e) => path.join(features, e.name, 'logic'));
  return [...CORE_DIRS, ...logic].flatMap(coreFiles);
}

/**
 * Every exported function declared in src/core whose parameters all have a checkable type (plain
 * values, objects, lists, functions; not `unknown`, generics or mixed unions), with their kinds.
 */
function typedFunctions(): { all: number; typed: Exported[] } {
  const files = allCoreFiles();
  const program = ts.createProgram(files, {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const kindOf = (type: ts.Type): Kind | undefined => {
    const parts = (type.isUnion() ? type.types : [type]).filter(
      (t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)),
    );
    if (!parts.length) return undefined;
    const every = (f: (t: ts.Type) => unknown): boolean => parts.every((t) => Boolean(f(t)));
    if (every((t) => t.flags & ts.TypeFlags.StringLike)) return 'text';
    if (every((t) => t.flags & ts.TypeFlags.NumberLike)) return 'number';
    if (every((t) => t.flags & ts.TypeFlags.BooleanLike)) return 'boolean';
    if (parts.length === 1 && checker.isArrayType(parts[0])) {
      const item = checker.getTypeArguments(parts[0] as ts.TypeReference)[0];
      if (item && item.flags & ts.TypeFlags.StringLike) return 'texts';
    }
    if (every((t) => checker.isArrayType(t) || checker.isTupleType(t))) return 'list';
    if (every((t) => t.getCallSignatures().length > 0)) return 'function';
    if (every((t) => t.flags & ts.TypeFlags.Object && !checker.isArrayType(t) && !checker.isTupleType(t)))
      return 'object';
    return undefined;
  };
  let all = 0;
  const typed: Exported[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file)!;
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      if (!(exported.flags & ts.SymbolFlags.Function)) continue; // re-exports are aliases: counted where declared
      const decl = exported.declarations?.[0];
      if (!decl || decl.getSourceFile() !== source) continue;
      all++;
      const signature = checker.getSignaturesOfType(
        checker.getTypeOfSymbolAtLocation(exported, decl),
        ts.SignatureKind.Call,
      )[0];
      const params = signature.parameters.map((p) => {
        const type = checker.getTypeOfSymbolAtLocation(p, decl);
        const d = p.valueDeclaration as ts.ParameterDeclaration | undefined;
        const optional =
          Boolean(d && (d.questionToken || d.initializer)) ||
          (type.isUnion() && type.types.some((t) => t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
        return { name: p.name, kind: kindOf(type), optional };
      });
      if (params.length === 0 || params.some((p) => p.kind === undefined)) continue;
      typed.push({
        module: path.relative(SRC, file).replace(/\.ts$/, ''),
        name: exported.name,
        params: params as Exported['params'],
      });
    }
  }
  return { all, typed };
}

const GOOD: Partial<Record<Kind, unknown>> = { text: 'eu-west-1', number: 1, boolean: true, texts: ['eu-west-1'] };
/** Wrong values by kind; null is added for a parameter that may not be left out. */
const WRONG: Record<Kind, unknown[]> = {
  text: [12345, {}, ['x'], true],
  number: ['12', {}, NaN, Infinity],
  boolean: ['yes', 1, {}],
  texts: [12345, 'a,b', {}, [1, 2], [null]],
  object: [12345, 'x', true],
  list: [12345, 'x', {}],
  function: [12345, 'x', {}],
};

async function outcome(run: () => unknown): Promise<unknown> {
  try {
    const result = run();
    if (result && typeof (result as Promise<unknown>).then === 'function') await result;
    return undefined;
  } catch (err) {
    return err;
  }
}

function assertClear(err: unknown, what: string): void {
  if (err === undefined) return; // an answer, not a crash (a text function may read 12345 as "12345")
  assert.ok(err instanceof Error, `${what}: threw a non-Error ${String(err)}`);
  assert.ok(!(err instanceof TypeError), `${what}: TypeError: ${err.message}`);
  assert.doesNotMatch(err.message, NATIVE, `${what}: a JavaScript error, not one of ours`);
  assert.ok(err.message.length > 10, `${what}: says what is wrong`);
}

describe('exported core functions refuse wrong types clearly', () => {
  const { all, typed } = typedFunctions();

  test('the enumeration finds the core (the sweep cannot pass by finding nothing)', () => {
    assert.ok(all > 300, `${all} exported functions`);
    assert.ok(typed.length > 250, `${typed.length} with checkable parameter types`);
    for (const name of [
      'deriveSmtpPassword',
      'classifySmtpPassword',
      'classifySmtpUsername',
      'parseEnv',
      'blockedExtension',
      'renderMarkdown',
      'extractCredentials',
      'diagnose',
    ])
      assert.ok(
        typed.some((f) => f.name === name),
        name,
      );
  });

  for (const fn of typed) {
    test(`${fn.module}: ${fn.name}(${fn.params.map((p) => p.name).join(', ')})`, async () => {
      const mod = require(path.join(ROOT, 'out/src', fn.module)) as Record<string, (...a: unknown[]) => unknown>;
      assert.equal(typeof mod[fn.name], 'function');
      // Plain-value functions get good values elsewhere; the others get nothing elsewhere, which a
      // required parameter must refuse just as clearly.
      const plain = fn.params.every((p) => VALUE_KINDS.includes(p.kind));
      for (let i = 0; i < fn.params.length; i++) {
        const p = fn.params[i];
        for (const wrong of [...WRONG[p.kind], ...(p.optional ? [] : [null])]) {
          const args = fn.params.map((q) => (plain ? GOOD[q.kind] : undefined));
          args[i] = wrong;
          const err = await outcome(() => mod[fn.name](...args));
          assertClear(err, `${fn.name} with ${p.name} = ${JSON.stringify(wrong)}`);
        }
      }
    });
  }
});

describe('the functions the issue names', () => {
  const named: Array<[string, () => unknown, RegExp]> = [
    [
      'classifySmtpPassword(12345)',
      () => classifySmtpPassword(12345 as never),
      /classifySmtpPassword: input must be text or left out, not a number \(12345\)/,
    ],
    [
      'classifySmtpUsername(123)',
      () => classifySmtpUsername(123 as never),
      /classifySmtpUsername: input must be text or left out, not a number \(123\)/,
    ],
    [
      'parseCredentialsCsv(null)',
      () => parseCredentialsCsv(null as never),
      /needs the text or the bytes of the \.csv file, not null/,
    ],
    [
      'renderMarkdown(null)',
      () => renderMarkdown(null as never),
      /renderMarkdown needs a Doctor report \(what runDoctor returns\), not null/,
    ],
    ['renderMarkdown({})', () => renderMarkdown({} as never), /this one lacks input, findings, timings, headline/],
    [
      'setEnvKeys with a number value',
      () => setEnvKeys('A=1\n', { SMTP_PORT: 587 as never }),
      /The value for "SMTP_PORT" must be text, not a number \(587\)/,
    ],
    ['setEnvKeys(null, …)', () => setEnvKeys(null as never, {}), /setEnvKeys: text must be text, not null/],
    [
      'extractCredentials(null)',
      () => extractCredentials(null as never),
      /needs a parsed secret value \(what parseSecretValue returns\), not null/,
    ],
    [
      'extractCredentials with a number as a key',
      () => extractCredentials({ kind: 'json', fields: {}, skipped: [] }, { password: 5 as never }),
      /The key chosen for the password must be a key name \(text\), not number/,
    ],
    [
      'deriveSmtpPassword(a number)',
      () => deriveSmtpPassword(12345 as never, 'eu-west-1'),
      /deriveSmtpPassword: secretAccessKey must be text, not a number/,
    ],
    [
      'deriveSmtpPassword(…, a number)',
      () => deriveSmtpPassword('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 1 as never),
      /deriveSmtpPassword: region must be text, not a number/,
    ],
    [
      'deriveSmtpPassword(…, a non-region)',
      () => deriveSmtpPassword('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'not a region'),
      /"not a region" is not an AWS region \(such as eu-west-1\)/,
    ],
    [
      'deriveSmtpPassword(…, a host name)',
      () => deriveSmtpPassword('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'email-smtp.eu-west-1.amazonaws.com'),
      /is not an AWS region/,
    ],
    [
      'deriveSmtpPassword(a secret with a trailing space)',
      () => deriveSmtpPassword('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ', 'eu-west-1'),
      /has a space or a line break before or after it/,
    ],
    ['deriveSmtpPassword(40 NULs)', () => deriveSmtpPassword('\0'.repeat(40), 'eu-west-1'), /contains NUL characters/],
    [
      'deriveSmtpPassword(a space inside)',
      () => deriveSmtpPassword('wJalrXUtnFEMI/K7MDENG bPxRfiCYEXAMPLEKEY', 'eu-west-1'),
      /space or a line break inside it/,
    ],
  ];
  for (const [name, run, reason] of named) {
    test(name, () => {
      assert.throws(run, (err: Error) => {
        assert.ok(!(err instanceof TypeError), `TypeError: ${err.message}`);
        assert.match(err.message, reason);
        return true;
      });
    });
  }

  test('near misses: the right types are still accepted', () => {
    assert.equal(
      deriveSmtpPassword('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'eu-west-3'),
      'BDDdpSTzbzUY3SJq/n4Oq7heDuCWbOtogMi5S3AR673+',
    );
    assert.equal(deriveSmtpPassword('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'us-gov-west-1').length, 44);
    assert.equal(classifySmtpPassword('').kind, 'empty');
    assert.equal(classifySmtpPassword(undefined as never).kind, 'empty', 'left out reads as empty, as before');
    assert.equal(classifySmtpUsername('AKIAIOSFODNN7EXAMPLE').kind, 'access-key');
    assert.equal(setEnvKeys('A=1\n', { SMTP_PORT: '587' }), 'A=1\nSMTP_PORT=587\n');
    assert.equal(
      parseCredentialsCsv(
        Buffer.from('Access key ID,Secret access key\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n'),
      ).rows.length,
      1,
    );
  });

  test('the error class is an Error and not a TypeError', () => {
    const err = new CoreArgumentError('x');
    assert.ok(err instanceof Error && !(err instanceof TypeError));
  });
});
