// Field checks for SMTP, credential and mail arguments. Pure and vscode-free.
import { checkPort, validateRegion } from './regions';
import { controlCharacter, shown, typeOf, validateHostName } from './names';
import { parseEmailAddress } from './emailAddress';
import { arg, fail, named, checkString, LIMITS, type FieldCheck, ownValue } from './fieldBase';

export const region: FieldCheck = (value, field, ctx) => {
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

export const regionList: FieldCheck = (value, field, ctx) => {
  if (!Array.isArray(value)) fail(field, `must be an array of regions such as ["eu-west-1"], not ${typeOf(value)}.`);
  if (value.length === 0) fail(field, 'is empty; list at least one region such as ["eu-west-1"].');
  if (value.length > LIMITS.regions) fail(field, `lists ${value.length} regions; at most ${LIMITS.regions}.`);
  return value.map((r, i) => region(r, `${field}[${i}]`, ctx));
};

export const host: FieldCheck = (value, field) => {
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

export const port: FieldCheck = (value, field) => {
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
  return value;
};

export const tls: FieldCheck = (value, field) => {
  if (value !== 'starttls' && value !== 'implicit')
    fail(
      field,
      `must be "starttls" or "implicit", not ${typeof value === 'string' ? shown(value, 20) : typeOf(value)}.`,
    );
  return value;
};

export const boolean: FieldCheck = (value, field) => {
  if (typeof value !== 'boolean')
    fail(
      field,
      `must be true or false, not ${typeof value === 'string' ? `the string ${shown(value, 20)}` : typeOf(value)}.`,
    );
  return value;
};

export const timeoutSeconds: FieldCheck = (value, field) => {
  const { min, max } = LIMITS.timeoutSeconds;
  const n = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n))
    fail(
      field,
      `must be a number of seconds from ${min} to ${max}, not ${typeof value === 'string' ? shown(value, 20) : typeOf(value)}.`,
    );
  if (n < min || n > max)
    fail(field, `is ${n} seconds; give ${min} to ${max} seconds (each SMTP phase gets this long).`);
  return value;
};

export const username: FieldCheck = (value, field) =>
  checkString(value, field, {
    max: LIMITS.username,
    example: '"AKIAIOSFODNN7EXAMPLE"',
    lengthHint: 'the SES SMTP username is the 20-character access key id (AKIA…)',
    emptyHint: 'the SES SMTP username is the IAM access key id (AKIA…); leave the argument out to be asked',
  });

export const accessKeyId: FieldCheck = (value, field) =>
  checkString(value, field, {
    max: LIMITS.accessKeyId,
    example: '"AKIAIOSFODNN7EXAMPLE"',
    lengthHint: 'an access key id has 20 characters (AKIA…)',
    emptyHint: 'give the IAM access key id (AKIA…), or leave the argument out to be asked',
  });

export const password: FieldCheck = (value, field) =>
  checkString(value, field, {
    max: LIMITS.password,
    example: 'the 44-character SMTP password',
    allowTab: true,
    lengthHint: `SES SMTP passwords are 44 characters (at most ${LIMITS.password} are accepted)`,
    emptyHint: 'give the SMTP password, or leave the argument out to be asked',
  });

export const secretAccessKey: FieldCheck = (value, field) =>
  checkString(value, field, {
    max: LIMITS.secretAccessKey,
    example: 'the 40-character IAM secret access key',
    lengthHint: 'IAM secret access keys are 40 characters',
    emptyHint: 'give the 40-character IAM secret access key, or leave the argument out',
  });

export const setName: FieldCheck = (value, field) => {
  if (typeof value === 'string' && value.trim().length > LIMITS.setName)
    fail(field, `is ${value.trim().length} characters long; keep it under ${LIMITS.setName}.`);
  checkString(value, field, {
    max: LIMITS.setName * 2,
    example: '"prod eu-west-1"',
    emptyHint: 'give the credentials a name such as "prod eu-west-1"',
  });
  const n = (value as string).trim().length;
  if (n > LIMITS.setName) fail(field, `is ${n} characters long; keep it under ${LIMITS.setName}.`);
  return value;
};

export const setRef: FieldCheck = (value, field) =>
  checkString(value, field, {
    max: LIMITS.setRef,
    example: 'the name or id of a saved credential set ("prod eu-west-1")',
    lengthHint: `names of credential sets have at most ${LIMITS.setName}`,
  });

/** A view item's credential set ({set: {id}}): the id is read, the rest is left alone. */
export const setItem: FieldCheck = (value, field) => {
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
  checkString(id, `${field}.id`, { max: LIMITS.setRef, example: 'the id of a saved credential set' });
  return { id };
};

export const address: FieldCheck = (value, field) => {
  if (typeof value !== 'string')
    fail(field, `must be an email address such as sender@example.com, not ${typeOf(value)}.`);
  named(field, () => parseEmailAddress(value, arg(field)));
  return value;
};

/** Recipients: one string (separated by commas or semicolons) or an array of strings. */
export function recipients(split: (to: string) => string[]): FieldCheck {
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

export const subject: FieldCheck = (value, field) =>
  checkString(value, field, {
    max: LIMITS.subject,
    example: '"SES SMTP test"',
    allowEmpty: true,
    allowTab: true,
    lengthHint: `a subject is one header line of at most ${LIMITS.subject}`,
  });

export const body: FieldCheck = (value, field) => {
  if (typeof value !== 'string') fail(field, `must be a string, not ${typeOf(value)}.`);
  if (value.length > LIMITS.body)
    fail(field, `is ${(value.length / 1024 / 1024).toFixed(1)} MB; a test mail body may have at most 10 MB.`);
  if (value.includes('\0')) fail(field, 'contains a NUL character, which SMTP cannot carry; remove it.');
  return value;
};

export function oneOf(values: readonly string[]): FieldCheck {
  return (value, field) => {
    if (typeof value !== 'string' || !values.includes(value))
      fail(
        field,
        `must be one of ${values.map((v) => `"${v}"`).join(', ')}, not ${typeof value === 'string' ? shown(value, 30) : typeOf(value)}.`,
      );
    return value;
  };
}
