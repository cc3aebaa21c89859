// The schema is the type: ArgsOf<typeof schema> is what a command's handler gets. The checks in this
// file are made by the compiler (`npm run compile-tests` runs tsc over it): each `@ts-expect-error`
// line must fail to compile, so a schema whose field types drift from the handler's use, or a
// handler that stops taking the inferred type, breaks the build. The run-time cases below only make
// the file a test node runs; the proof is that it compiled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandSchema, object, type ArgsOf } from '../../../src/base/schema';
import * as f from '../../../src/base/fields';
import type { FieldCheck } from '../../../src/base/fields';
import {
  checkLoginSchema,
  type AddCredentialArgs,
  type CheckLoginArgs,
  type CreateIamUserArgs,
  type RotateArgs,
} from '../../../src/features/credentials/args';
import type { addCredentials } from '../../../src/features/credentials/addFlows';
import type { createIamUser } from '../../../src/features/credentials/createIamUser';
import type { rotateCommand } from '../../../src/features/credentials/rotate';
import type { SendTestBurstArgs, SendTestEmailArgs } from '../../../src/features/testMail/args';
import type { DoctorArgs } from '../../../src/features/doctor/args';
import type { WriteEnvArgs } from '../../../src/features/env/args';
import type { ChooseArgs, RecordArgs } from '../../../src/features/explorer/args';

/** true when A and B are the same type (not only assignable one way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only for `true`. */
function expectType<T extends true>(): T | undefined {
  return undefined;
}

// Each field of the schema, optional, of the type its check returns.
expectType<Equal<CheckLoginArgs['port'], number | undefined>>();
expectType<Equal<CheckLoginArgs['tls'], 'starttls' | 'implicit' | undefined>>();
expectType<Equal<CheckLoginArgs['timeoutSeconds'], number | undefined>>();
expectType<Equal<CheckLoginArgs['notify'], boolean | undefined>>();
expectType<Equal<AddCredentialArgs['onProblem'], 'clean' | 'as-typed' | 'derive' | 'ask' | undefined>>();
expectType<Equal<RotateArgs['set'], { id: string } | undefined>>();
expectType<Equal<CreateIamUserArgs['fromPatterns'], string | string[] | undefined>>();
expectType<Equal<RotateArgs['deleteOldKey'], 'now' | 'later' | 'never' | undefined>>();
expectType<Equal<RotateArgs['maxWaitSeconds'], number | undefined>>();
expectType<Equal<SendTestEmailArgs['to'], string | string[] | undefined>>();
expectType<Equal<SendTestBurstArgs['count'], number | undefined>>();
expectType<Equal<DoctorArgs['portMap'], Record<string, number> | undefined>>();
expectType<Equal<ChooseArgs['profile'], string | null | undefined>>();
// A nested object (writeEnv's "values", a record row) is typed field by field too.
expectType<Equal<NonNullable<WriteEnvArgs['values']>['port'], number | undefined>>();
expectType<Equal<NonNullable<RecordArgs['record']>['type'], 'CNAME' | 'MX' | 'TXT' | undefined>>();
// @ts-expect-error a field the schema does not have is not in the type
expectType<Equal<CheckLoginArgs['portMap'], unknown>>();

// The handler takes the inferred type: its parameter is ArgsOf of its schema.
expectType<Equal<Parameters<typeof addCredentials>[3], AddCredentialArgs | undefined>>();
expectType<Equal<Parameters<typeof createIamUser>[3], CreateIamUserArgs | undefined>>();
expectType<Equal<Parameters<typeof rotateCommand>[1], RotateArgs | undefined>>();

/** What a caller of the handler may pass (the type of its argument). */
declare const add: (args?: AddCredentialArgs) => void;
declare const rotate: (args?: RotateArgs) => void;
function wrongFieldTypes(): void {
  add({ region: 'eu-west-1', port: 587, tls: 'starttls', onProblem: 'derive' });
  // @ts-expect-error the port is a number once checked, never the string the caller may have sent
  add({ port: '587' });
  // @ts-expect-error tls is "starttls" or "implicit"
  add({ tls: 'ssl' });
  // @ts-expect-error onProblem is one of its four words
  add({ onProblem: 'ignore' });
  // @ts-expect-error a misspelt field is refused at compile time as the schema refuses it at run time
  add({ regoin: 'eu-west-1' });
  // @ts-expect-error Add takes the login itself, not a saved set
  add({ credentialSet: 'prod' });
  rotate({ set: { id: 'a1' }, maxWaitSeconds: 30 });
  // @ts-expect-error set is {id}, not the set's name
  rotate({ set: 'prod' });
}

// A schema written inline infers the same way; a FieldCheck's type is what it returns.
const local = commandSchema({
  fields: {
    count: ((value) => Number(value)) as FieldCheck<number>,
    mode: f.oneOf(['a', 'b']),
    inner: object({ fields: { name: f.setName } }, '{"name": "x"}'),
  },
  example: '{}',
});
type Local = ArgsOf<typeof local>;
expectType<Equal<Local, { count?: number; mode?: 'a' | 'b'; inner?: { name?: string } }>>();
// @ts-expect-error a FieldCheck<number> does not make a string field
expectType<Equal<Local['count'], string | undefined>>();

test('the argument types compile as declared (checked by tsc; this run only loads the file)', () => {
  assert.equal(typeof wrongFieldTypes, 'function');
  assert.equal(checkLoginSchema.fields.port, f.port);
  assert.deepEqual(Object.keys(local.fields), ['count', 'mode', 'inner']);
});
