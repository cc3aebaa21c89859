// Field checks for command arguments: each takes an unknown value (from a keybinding, a task or
// another extension) and either returns it, typed (a FieldCheck<T> returns a T; containers are
// copied, numbers given as digits become numbers), or throws an ArgumentError whose message names
// the field, says what is wrong and how to fix it. The ground rules first (limits, the error,
// string rules), then the SMTP, credential and mail fields, then the AWS, workspace and explorer
// fields. Pure and vscode-free.
import { checkPort, validateRegion } from './regions';
import { controlCharacter, NameError, shown, typeOf, validateHostName } from './names';
import { parseEmailAddress, validateFromPattern } from './emailAddress';
import { identityInputProblem } from './identity';
import { expectFunction, expectObject, expectString } from './guards';
import { normalizeFingerprint } from './certificatePin';

export { typeOf };

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

/**
 * Checks one field; returns the value to hand on, typed: the value itself, containers copied,
 * numbers given as digits ("587") as numbers. T is what a handler gets in this field.
 */
export type FieldCheck<T = unknown> = (value: unknown, field: string, ctx: ValidationContext) => T;

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

// SMTP, credential and mail fields.

export const region: FieldCheck<string> = (value, field, ctx) => {
  if (typeof value !== 'string') fail(field, `must be a region name such as us-east-1, not ${typeOf(value)}.`);
  if (value.trim().length > LIMITS.region)
    fail(
      field,
      `is ${value.trim().length} characters long; region names are at most ${LIMITS.region}, such as us-east-1 or ap-southeast-3.`,
    );
  checkString(value, field, {
    max: LIMITS.region,
    example: 'us-east-1',
    emptyHint: 'give a region such as us-east-1, or leave the argument out to be asked',
  });
  const check = validateRegion(value, ctx.extraRegions);
  if (!check.ok) fail(field, `is not valid: ${check.message}`);
  return value;
};

export const regionList: FieldCheck<string[]> = (value, field, ctx) => {
  if (!Array.isArray(value)) fail(field, `must be an array of regions such as ["eu-west-1"], not ${typeOf(value)}.`);
  if (value.length === 0) fail(field, 'is empty; list at least one region such as ["eu-west-1"].');
  if (value.length > LIMITS.regions) fail(field, `lists ${value.length} regions; at most ${LIMITS.regions}.`);
  return value.map((r, i) => region(r, `${field}[${i}]`, ctx));
};

export const host: FieldCheck<string> = (value, field) => {
  if (typeof value !== 'string')
    fail(field, `must be a host name such as email-smtp.eu-west-1.amazonaws.com, not ${typeOf(value)}.`);
  if (value === '') return value; // no host: the region's endpoint
  if (value.length > LIMITS.host + 2)
    fail(field, `is ${value.length} characters long; host names have at most ${LIMITS.host}.`);
  const control = controlCharacter(value);
  if (control) fail(field, `contains ${control}; enter only a host name such as email-smtp.eu-west-1.amazonaws.com.`);
  named(field, () => validateHostName(value));
  return value;
};

export const port: FieldCheck<number> = (value, field) => {
  const example = 'such as 587 (STARTTLS) or 465 (TLS)';
  if (typeof value === 'string') {
    if (!/^\s*\d{1,5}\s*$/.test(value)) fail(field, `must be a port number ${example}, not ${shown(value, 20)}.`);
  } else if (typeof value !== 'number') {
    fail(field, `must be a port number ${example}, not ${typeOf(value)}.`);
  } else if (!Number.isInteger(value)) {
    fail(field, `must be a whole port number ${example}, not ${value}.`);
  } else if (value < 1 || value > 65535) {
    fail(field, `is ${value}, out of range: a port is from 1 to 65535, ${example}.`);
  }
  const check = checkPort(value as number | string);
  if (!check.ok) fail(field, `is not valid: ${check.message}`);
  return Number(value);
};

export const tls: FieldCheck<'starttls' | 'implicit'> = (value, field) => {
  if (value !== 'starttls' && value !== 'implicit')
    fail(
      field,
      `must be "starttls" or "implicit", not ${typeof value === 'string' ? shown(value, 20) : typeOf(value)}.`,
    );
  return value;
};

export const boolean: FieldCheck<boolean> = (value, field) => {
  if (typeof value !== 'boolean')
    fail(
      field,
      `must be true or false, not ${typeof value === 'string' ? `the string ${shown(value, 20)}` : typeOf(value)}.`,
    );
  return value;
};

/** A SHA-256 certificate fingerprint in any usual form; returned in the canonical "AB:CD:…" form. */
export const certificateSha256: FieldCheck<string> = (value, field) => {
  const fingerprint = typeof value === 'string' ? normalizeFingerprint(value.slice(0, 300)) : undefined;
  if (fingerprint === undefined)
    fail(
      field,
      `must be a SHA-256 fingerprint: 32 hex pairs such as "AB:CD:…:EF" (64 hex digits), not ${typeof value === 'string' ? shown(value, 20) : typeOf(value)}.`,
    );
  return fingerprint;
};

export const timeoutSeconds: FieldCheck<number> = (value, field) => {
  const { min, max } = LIMITS.timeoutSeconds;
  const n = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n))
    fail(
      field,
      `must be a number of seconds from ${min} to ${max}, not ${typeof value === 'string' ? shown(value, 20) : typeOf(value)}.`,
    );
  if (n < min || n > max)
    fail(field, `is ${n} seconds; give ${min} to ${max} seconds (each SMTP phase gets this long).`);
  return n;
};

export const username: FieldCheck<string> = (value, field) =>
  checkString(value, field, {
    max: LIMITS.username,
    example: '"AKIAIOSFODNN7EXAMPLE"',
    lengthHint: 'the SES SMTP username is the 20-character access key id (AKIA…)',
    emptyHint: 'the SES SMTP username is the IAM access key id (AKIA…); leave the argument out to be asked',
  });

export const accessKeyId: FieldCheck<string> = (value, field) =>
  checkString(value, field, {
    max: LIMITS.accessKeyId,
    example: '"AKIAIOSFODNN7EXAMPLE"',
    lengthHint: 'an access key id has 20 characters (AKIA…)',
    emptyHint: 'give the IAM access key id (AKIA…), or leave the argument out to be asked',
  });

export const password: FieldCheck<string> = (value, field) =>
  checkString(value, field, {
    max: LIMITS.password,
    example: 'the 44-character SMTP password',
    allowTab: true,
    lengthHint: `SES SMTP passwords are 44 characters (at most ${LIMITS.password} are accepted)`,
    emptyHint: 'give the SMTP password, or leave the argument out to be asked',
  });

export const secretAccessKey: FieldCheck<string> = (value, field) =>
  checkString(value, field, {
    max: LIMITS.secretAccessKey,
    example: 'the 40-character IAM secret access key',
    lengthHint: 'IAM secret access keys are 40 characters',
    emptyHint: 'give the 40-character IAM secret access key, or leave the argument out',
  });

export const setName: FieldCheck<string> = (value, field) => {
  if (typeof value === 'string' && value.trim().length > LIMITS.setName)
    fail(field, `is ${value.trim().length} characters long; keep it under ${LIMITS.setName}.`);
  const name = checkString(value, field, {
    max: LIMITS.setName * 2,
    example: '"prod eu-west-1"',
    emptyHint: 'give the credentials a name such as "prod eu-west-1"',
  });
  const n = name.trim().length;
  if (n > LIMITS.setName) fail(field, `is ${n} characters long; keep it under ${LIMITS.setName}.`);
  return name;
};

export const setRef: FieldCheck<string> = (value, field) =>
  checkString(value, field, {
    max: LIMITS.setRef,
    example: 'the name or id of a saved credential set ("prod eu-west-1")',
    lengthHint: `names of credential sets have at most ${LIMITS.setName}`,
  });

/** A view item's credential set ({set: {id}}): the id is read, the rest is left alone. */
export const setItem: FieldCheck<{ id: string }> = (value, field) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(
      field,
      `must be a credential set object with an "id" (or pass "credentialSet" with its name), not ${typeOf(value)}.`,
    );
  const id = ownValue(value, 'id', `${field}.id`);
  if (id === undefined)
    fail(
      `${field}.id`,
      'is missing; pass the credential set as returned by the commands, or "credentialSet" with its name.',
    );
  return { id: checkString(id, `${field}.id`, { max: LIMITS.setRef, example: 'the id of a saved credential set' }) };
};

export const address: FieldCheck<string> = (value, field) => {
  if (typeof value !== 'string')
    fail(field, `must be an email address such as sender@example.com, not ${typeOf(value)}.`);
  named(field, () => parseEmailAddress(value, arg(field)));
  return value;
};

/** Recipients: one string (separated by commas or semicolons) or an array of strings. */
export function recipients(split: (to: string) => string[]): FieldCheck<string | string[]> {
  return (value, field) => {
    let list: unknown[];
    if (typeof value === 'string') {
      if (value.length > LIMITS.addressField * LIMITS.recipients)
        fail(field, `is ${value.length} characters long; give at most ${LIMITS.recipients} addresses.`);
      list = split(value);
    } else if (Array.isArray(value)) {
      list = value;
    } else {
      fail(
        field,
        `must be an address or an array of addresses such as ["success@simulator.amazonses.com"], not ${typeOf(value)}.`,
      );
    }
    if (list.length === 0)
      fail(field, 'is empty; give at least one recipient such as success@simulator.amazonses.com.');
    if (list.length > LIMITS.recipients)
      fail(field, `lists ${list.length} recipients; SES accepts at most ${LIMITS.recipients} per message.`);
    list.forEach((a, i) => address(a, Array.isArray(value) ? `${field}[${i}]` : field, {}));
    return Array.isArray(value) ? [...value] : value;
  };
}

export const subject: FieldCheck<string> = (value, field) =>
  checkString(value, field, {
    max: LIMITS.subject,
    example: '"SES SMTP test"',
    allowEmpty: true,
    allowTab: true,
    lengthHint: `a subject is one header line of at most ${LIMITS.subject}`,
  });

export const body: FieldCheck<string> = (value, field) => {
  if (typeof value !== 'string') fail(field, `must be a string, not ${typeOf(value)}.`);
  if (value.length > LIMITS.body)
    fail(field, `is ${(value.length / 1024 / 1024).toFixed(1)} MB; a test mail body may have at most 10 MB.`);
  if (value.includes('\0')) fail(field, 'contains a NUL character, which SMTP cannot carry; remove it.');
  return value;
};

export function oneOf<const V extends string>(values: readonly V[]): FieldCheck<V> {
  return (value, field) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value))
      fail(
        field,
        `must be one of ${values.map((v) => `"${v}"`).join(', ')}, not ${typeof value === 'string' ? shown(value, 30) : typeOf(value)}.`,
      );
    return value as V;
  };
}

// AWS, workspace and explorer fields.

export const profile: FieldCheck<string> = (value, field) =>
  checkString(value, field, {
    max: LIMITS.profile,
    example: 'the name of an AWS profile ("default")',
    allowEmpty: true,
  });

/** AWS profile, where null means the default credential chain. */
export const profileOrNull: FieldCheck<string | null> = (value, field, ctx) =>
  value === null ? null : profile(value, field, ctx);

export const iamUserName: FieldCheck<string> = (value, field) => {
  const name = checkString(value, field, {
    max: LIMITS.iamUserName,
    example: '"ses-smtp-user.app"',
    lengthHint: `IAM user names have at most ${LIMITS.iamUserName}`,
  });
  if (!/^[\w+=,.@-]+$/.test(name.trim()))
    fail(field, `${shown(name)} is not a valid IAM user name: use letters, digits and + = , . @ _ - only.`);
  return name;
};

/** Addresses or *@domain the IAM user may send from: a comma-separated string or an array. */
export const fromPatterns: FieldCheck<string | string[]> = (value, field) => {
  let list: unknown[];
  if (typeof value === 'string') {
    checkString(value, field, {
      max: LIMITS.addressField * LIMITS.fromPatterns,
      example: '"*@example.com"',
      allowEmpty: true,
    });
    list = value.split(',');
  } else if (Array.isArray(value)) list = value;
  else
    fail(field, `must be an array of addresses or *@domain patterns such as ["*@example.com"], not ${typeOf(value)}.`);
  if (list.length > LIMITS.fromPatterns) fail(field, `lists ${list.length} patterns; at most ${LIMITS.fromPatterns}.`);
  list.forEach((p, i) => {
    const name = Array.isArray(value) ? `${field}[${i}]` : field;
    if (typeof p !== 'string') fail(name, `must be a string such as "*@example.com", not ${typeOf(p)}.`);
    if (p.trim()) named(name, () => validateFromPattern(p, arg(name)));
  });
  return Array.isArray(value) ? [...(value as string[])] : value;
};

export const filePath: FieldCheck<string> = (value, field) => {
  const path = checkString(value, field, { max: LIMITS.path, example: 'an absolute path such as "/home/me/app/.env"' });
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path))
    fail(field, `${shown(path)} is not an absolute path; give the full path, such as "/home/me/app/.env".`);
  return path;
};

export const uri: FieldCheck<string> = (value, field) => {
  const uri = checkString(value, field, { max: LIMITS.uri, example: 'a URI such as "file:///home/me/app/.env"' });
  if (!/^[a-z][a-z0-9+.-]*:/i.test(uri))
    fail(field, `${shown(uri)} is not a URI; give one such as "file:///home/me/app/.env", or pass "file" with a path.`);
  return uri;
};

export const blockIndex: FieldCheck<number> = (value, field) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > LIMITS.block)
    fail(
      field,
      `must be the index of an SMTP block in the file, a whole number from 0 to ${LIMITS.block}, not ${typeof value === 'number' ? value : typeOf(value)}.`,
    );
  return value;
};

export const convention: FieldCheck<string> = (value, field) => {
  const id = checkString(value, field, { max: LIMITS.convention, example: '"laravel"' });
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    fail(field, `${shown(id)} is not a convention id; use one such as "generic", "laravel" or "django".`);
  return id;
};

/** An SES identity: a domain or an email address. */
export const identityName: FieldCheck<string> = (value, field) => {
  if (typeof value !== 'string')
    fail(field, `must be a domain (example.com) or an email address (noreply@example.com), not ${typeOf(value)}.`);
  if (value.length > LIMITS.address)
    fail(
      field,
      `is ${value.length} characters long; domains have at most ${LIMITS.host} characters and addresses ${LIMITS.address}.`,
    );
  const control = controlCharacter(value);
  if (control)
    fail(field, `contains ${control}; enter a domain (example.com) or an email address (noreply@example.com).`);
  const problem = identityInputProblem(value);
  if (problem) fail(field, `is refused: ${problem}`);
  return value;
};

/** An explorer item's identity ({name, …}): the name is checked, the rest is left alone. */
export const identityItem: FieldCheck<{ name: string }> = (value, field, ctx) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(field, `must be an identity object such as {"name": "example.com"}, not ${typeOf(value)}.`);
  const name = ownValue(value, 'name', `${field}.name`);
  if (name === undefined) fail(`${field}.name`, 'is missing; give the identity as {"name": "example.com"}.');
  return { name: identityName(name, `${field}.name`, ctx) };
};

// Field sets several commands share.

/**
 * How to treat a password that fails its check (Add, the .env import, the secret imports). Marked
 * pure: the main bundle imports this file (ArgumentError), and an unused call must not stay in it.
 */
export const onProblem = /* @__PURE__ */ oneOf(['clean', 'as-typed', 'derive', 'ask']);

/** A saved credential set: by name or id ("credentialSet"), or the view item's {"set": {"id"}}. */
export const SET_FIELDS = { credentialSet: setRef, set: setItem };

/** An SMTP login given field by field. */
export const LOGIN_FIELDS = { region, host, port, tls, username, password };
