// Argument checks for exported core functions: the bench, scripts and the next feature call them
// without the command layer's schemas, so a wrong type ends in a clear Error naming the function,
// the parameter and what it got, never a TypeError from deep inside. No imports: every bundle
// (the webview's included) may use it.

/** A core function was called with an argument of the wrong type. Not a TypeError on purpose. */
export class CoreArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoreArgumentError';
  }
}

/** "null", "a list", "a number (12345)", "an object", "a boolean (true)"… for messages. */
export function describeArgument(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing (undefined)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return `a boolean (${value})`;
    case 'string':
      return `text (${value.length} characters)`;
    case 'object':
      return value instanceof Uint8Array ? 'bytes' : 'an object';
    default:
      return typeof value;
  }
}

function refuse(fn: string, param: string, wanted: string, value: unknown): never {
  throw new CoreArgumentError(`${fn}: ${param} must be ${wanted}, not ${describeArgument(value)}.`);
}

/** Text is required. */
export function expectString(value: unknown, fn: string, param: string): asserts value is string {
  if (typeof value !== 'string') refuse(fn, param, 'text', value);
}

/** Text, or left out (undefined or null). */
export function expectOptionalString(value: unknown, fn: string, param: string): asserts value is string | undefined {
  if (value !== undefined && value !== null && typeof value !== 'string') refuse(fn, param, 'text or left out', value);
}

/** A list of texts. */
export function expectStringList(value: unknown, fn: string, param: string): asserts value is readonly string[] {
  if (!Array.isArray(value)) refuse(fn, param, 'a list of texts', value);
  const at = value.findIndex((v) => typeof v !== 'string');
  if (at >= 0) refuse(fn, `${param}[${at}]`, 'text', value[at]);
}

/** A finite number. */
export function expectNumber(value: unknown, fn: string, param: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) refuse(fn, param, 'a finite number', value);
}

/** A finite number, or left out. */
export function expectOptionalNumber(value: unknown, fn: string, param: string): asserts value is number | undefined {
  if (value !== undefined && value !== null) expectNumber(value, fn, param);
}

/** true or false, or left out. */
export function expectOptionalBoolean(value: unknown, fn: string, param: string): asserts value is boolean | undefined {
  if (value !== undefined && value !== null && typeof value !== 'boolean') refuse(fn, param, 'true or false', value);
}

/** A plain object (not null, not a list). */
export function expectObject(value: unknown, fn: string, param: string, example = ''): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    refuse(fn, param, `an object${example ? ` such as ${example}` : ''}`, value);
}

/** A plain object, or left out. */
export function expectOptionalObject(value: unknown, fn: string, param: string): asserts value is object | undefined {
  if (value !== undefined && value !== null) expectObject(value, fn, param);
}

/** A list. */
export function expectList(value: unknown, fn: string, param: string): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) refuse(fn, param, 'a list', value);
}

/** A list, or left out. */
export function expectOptionalList(
  value: unknown,
  fn: string,
  param: string,
): asserts value is readonly unknown[] | undefined {
  if (value !== undefined && value !== null) expectList(value, fn, param);
}

/** A function. */
export function expectFunction(
  value: unknown,
  fn: string,
  param: string,
): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') refuse(fn, param, 'a function', value);
}

/** A function, or left out. */
export function expectOptionalFunction(
  value: unknown,
  fn: string,
  param: string,
): asserts value is ((...args: never[]) => unknown) | undefined {
  if (value !== undefined && value !== null) expectFunction(value, fn, param);
}

/** Plain data: an object literal or JSON (prototype Object.prototype or null), not a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
