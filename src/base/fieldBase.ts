// The ground rules of argument checks: the limits, the error every check throws (naming the field,
// what is wrong and how to fix it), and the string rules the field checks share. Pure, vscode-free.
import { controlCharacter, NameError, typeOf } from './names';
import { expectFunction, expectObject, expectString } from './guards';

export const LIMITS = {
  /** Region names are short (us-gov-west-1, ap-southeast-3); longer input is refused before any fuzzy matching. */
  region: 40,
  regions: 50,
  host: 253,
  hostLabel: 63,
  /** An access key id is at most 128 characters (IAM); other relays may use an email address. */
  username: 320,
  accessKeyId: 128,
  /** SES v4 passwords are 44 characters; a relay's may be longer, but not this long. */
  password: 512,
  secretAccessKey: 128,
  address: 320,
  addressField: 998,
  recipients: 50,
  subject: 998,
  /** Text and HTML body together (as the mail itself allows). */
  body: 10 * 1024 * 1024,
  setName: 80,
  setRef: 200,
  profile: 128,
  iamUserName: 64,
  fromPatterns: 50,
  path: 4096,
  uri: 8192,
  convention: 64,
  block: 999,
  timeoutSeconds: { min: 1, max: 600 },
} as const;

export class ArgumentError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ArgumentError';
  }
}

export interface ValidationContext {
  /** The user's extra regions (setting sesSmtpToolkit.extraRegions). */
  extraRegions?: readonly string[];
}

/** Checks one field; returns the value to hand on (the value itself; containers are copied). */
export type FieldCheck = (value: unknown, field: string, ctx: ValidationContext) => unknown;

export const arg = (field: string): string => `Argument "${field}"`;

export function fail(field: string, problem: string): never {
  throw new ArgumentError(field, `${arg(field)} ${problem}`);
}

/** Re-labels a NameError from the shared validators as an ArgumentError of this field. */
export function named<T>(field: string, run: () => T): T {
  expectString(field, 'named', 'field');
  expectFunction(run, 'named', 'run');
  try {
    return run();
  } catch (err) {
    if (err instanceof NameError)
      throw new ArgumentError(
        field,
        err.message.startsWith(arg(field)) ? err.message : `${arg(field)}: ${err.message}`,
      );
    throw err;
  }
}

interface StringRules {
  max: number;
  /** Example of a good value, for the "must be a string" message. */
  example: string;
  allowEmpty?: boolean;
  allowLineBreaks?: boolean;
  allowTab?: boolean;
  /** What the field holds, for the "too long" message ("SES SMTP passwords are 44"). */
  lengthHint?: string;
  emptyHint?: string;
}

/** A string with a length cap and no control characters (unless allowed). */
export function checkString(value: unknown, field: string, rules: StringRules): string {
  expectString(field, 'checkString', 'field');
  expectObject(rules, 'checkString', 'rules');
  if (typeof value !== 'string') fail(field, `must be a string such as ${rules.example}, not ${typeOf(value)}.`);
  if (value.length > rules.max)
    fail(field, `is ${value.length} characters long; ${rules.lengthHint ?? `it may have at most ${rules.max}`}.`);
  if (!rules.allowEmpty && !value.trim())
    fail(field, `is empty; ${rules.emptyHint ?? `give a value such as ${rules.example}, or leave the argument out`}.`);
  const control = controlCharacter(value, { allowLineBreaks: rules.allowLineBreaks, allowTab: rules.allowTab });
  if (control)
    fail(field, `contains ${control}; ${control === 'a line break' ? 'it must be on one line' : 'remove it'}.`);
  return value;
}

/** An own data property of a plain object, never an inherited one or a getter. */
export function ownValue(obj: object, key: string, field: string): unknown {
  expectString(key, 'ownValue', 'key');
  expectString(field, 'ownValue', 'field');
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (!d) return undefined;
  if (!('value' in d)) fail(field, 'is a getter; pass plain data (JSON values).');
  return d.value;
}
