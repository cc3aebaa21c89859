// The argument object of every command, as a schema keyed by command id: each feature declares its
// commands' schemas in its args.ts (the schema is also the handler's argument type, ArgsOf), and
// this table gathers them. registerCommand (src/host/util.ts) looks the schema up by the id it
// registers and checks a plain-object argument here before the handler runs: own data properties
// only, each field by its validator, unknown fields refused (a typo would otherwise be ignored
// silently). View items (class instances passed by menus) are not plain objects and go to the
// handler as they are. This file is the only one outside a feature that imports its args.ts;
// extension.ts loads it with import() when the first command runs, so the checks stay out of what
// activation loads (handlers import only types from args.ts).
import { ArgumentError, typeOf, type ValidationContext } from './base/fields';
import { checkObject, type ArgsCheck, type CommandSchema } from './base/schema';
import { isPlainObject } from './base/guards';
import { COMMAND } from './base/commandIds';
import { CREDENTIAL_SCHEMAS } from './features/credentials/args';
import { TEST_MAIL_SCHEMAS } from './features/testMail/args';
import { ENV_SCHEMAS } from './features/env/args';
import { EXPLORER_SCHEMAS } from './features/explorer/args';
import { DOCTOR_SCHEMAS } from './features/doctor/args';
import { DELIVERY_SCHEMAS } from './features/delivery/args';
import { APP_ERROR_SCHEMAS } from './features/appErrors/args';
import { DEPLOY_SCHEMAS } from './features/deploy/args';
export type { ArgsCheck, CommandSchema, ObjectSchema } from './base/schema';

const none: CommandSchema = { fields: {}, example: '{} (it takes no arguments)' };

/** Every command of package.json with the argument object it accepts. */
export const COMMAND_SCHEMAS: Readonly<Record<string, CommandSchema>> = {
  ...CREDENTIAL_SCHEMAS,
  ...TEST_MAIL_SCHEMAS,
  ...ENV_SCHEMAS,
  ...EXPLORER_SCHEMAS,
  ...DOCTOR_SCHEMAS,
  ...DELIVERY_SCHEMAS,
  ...APP_ERROR_SCHEMAS,
  ...DEPLOY_SCHEMAS,
  // Commands of no feature.
  [COMMAND.showLog]: none,
};

/**
 * Checks a command's argument before its handler runs. Returns the argument to hand on: undefined
 * for none (null counts as none), a copy of a plain object's checked own fields, or a view item as
 * it is. Commands without a schema get their argument unchanged.
 */
export function validateCommandArgs(command: string, args: unknown, ctx: ValidationContext = {}): ArgsCheck {
  if (args === undefined || args === null) return { ok: true, args: undefined };
  const schema = Object.prototype.hasOwnProperty.call(COMMAND_SCHEMAS, command) ? COMMAND_SCHEMAS[command] : undefined;
  if (!schema) return { ok: true, args };
  if (typeof args !== 'object' || Array.isArray(args)) {
    return {
      ok: false,
      message: `The argument of ${command} must be an object such as ${schema.example}, not ${typeOf(args)}.`,
    };
  }
  if (!isPlainObject(args)) return { ok: true, args }; // a view item from a menu
  try {
    return { ok: true, args: checkObject(args, schema, '', ctx) };
  } catch (err) {
    if (err instanceof ArgumentError) return { ok: false, field: err.field, message: err.message };
    return { ok: false, message: `The argument of ${command} could not be checked: ${(err as Error).message}` };
  }
}

/** The command's schema, if it has one. */
function schemaOf(command: string): CommandSchema | undefined {
  return Object.prototype.hasOwnProperty.call(COMMAND_SCHEMAS, command) ? COMMAND_SCHEMAS[command] : undefined;
}

/** True when the command's schema has no fields (an argument it gets is not read). */
export function commandTakesNoArguments(command: string): boolean {
  const schema = schemaOf(command);
  return schema !== undefined && Object.keys(schema.fields).length === 0;
}

/** The example argument object of the command, for messages. */
export function commandExample(command: string): string | undefined {
  return schemaOf(command)?.example;
}
