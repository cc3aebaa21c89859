// The machinery of argument schemas: an object's own data fields, each checked by its validator,
// unknown and symbol keys refused with the field named. A schema is also the type of what it
// accepts: ArgsOf<typeof schema> is the argument object a handler gets (each field optional, of the
// type its FieldCheck returns). Pure and vscode-free.
import { ArgumentError, ownValue, typeOf, type FieldCheck, type ValidationContext } from './fields';
import { expectObject, expectString, isPlainObject } from './guards';

/** The field checks of a schema, by field name. */
export type Fields = Readonly<Record<string, FieldCheck>>;

/** What a field set accepts: every field optional, of the type its check returns. */
export type ArgsOfFields<F extends Fields> = { [K in keyof F]?: F[K] extends FieldCheck<infer T> ? T : never };

export interface ObjectSchema<F extends Fields = Fields> {
  fields: F;
  /** Checks across fields, after each field passed. */
  refine?: (value: Record<string, unknown>, path: string) => void;
}

export interface CommandSchema<F extends Fields = Fields> extends ObjectSchema<F> {
  /** An example argument object, shown when the argument is not an object at all. */
  example: string;
}

/** The argument object a schema accepts (what its handler gets after the check). */
export type ArgsOf<S extends ObjectSchema> = S extends ObjectSchema<infer F> ? ArgsOfFields<F> : never;

/** Declares a command's schema, keeping the type of each field (so ArgsOf can read it). */
export function commandSchema<F extends Fields>(schema: CommandSchema<F>): CommandSchema<F> {
  return schema;
}

/** A nested object argument (writeEnv's "values"), unknown fields refused. */
export function object<F extends Fields>(schema: ObjectSchema<F>, example: string): FieldCheck<ArgsOfFields<F>> {
  return (value, field, ctx) => {
    if (!isPlainObject(value))
      throw new ArgumentError(field, `Argument "${field}" must be an object such as ${example}, not ${typeOf(value)}.`);
    return checkObject(value, schema, `${field}.`, ctx) as ArgsOfFields<F>;
  };
}

export type ArgsCheck = { ok: true; args: unknown } | { ok: false; field?: string; message: string };

export function checkObject(
  value: object,
  schema: ObjectSchema,
  path: string,
  ctx: ValidationContext,
): Record<string, unknown> {
  expectObject(schema, 'checkObject', 'schema');
  expectString(path, 'checkObject', 'path');
  expectObject(ctx, 'checkObject', 'ctx');
  const out: Record<string, unknown> = {};
  const known = Object.keys(schema.fields);
  for (const key of Object.keys(value)) {
    const field = `${path}${key}`;
    if (!Object.prototype.hasOwnProperty.call(schema.fields, key)) {
      const hint = known.length
        ? `It takes ${known.map((k) => `"${k}"`).join(', ')}; check the spelling.`
        : 'It takes no arguments.';
      throw new ArgumentError(field, `Argument "${field}" is not known. ${hint}`);
    }
    const v = ownValue(value, key, field);
    if (v === undefined) continue; // as if left out
    out[key] = schema.fields[key](v, field, ctx);
  }
  if (Object.getOwnPropertySymbols(value).length)
    throw new ArgumentError(
      path.replace(/\.$/, '') || '(symbol)',
      `The argument${path ? ` "${path.replace(/\.$/, '')}"` : ''} has symbol keys; pass plain data (JSON values).`,
    );
  schema.refine?.(out, path);
  return out;
}
