// Field checks for AWS, workspace and explorer arguments. Pure and vscode-free.
import { identityInputProblem } from './identity';
import { controlCharacter, shown, typeOf } from './names';
import { validateFromPattern } from './emailAddress';
import { arg, fail, named, checkString, LIMITS, type FieldCheck, ownValue } from './fieldBase';

export const profile: FieldCheck = (value, field) =>
  checkString(value, field, {
    max: LIMITS.profile,
    example: 'the name of an AWS profile ("default")',
    allowEmpty: true,
  });

/** AWS profile, where null means the default credential chain. */
export const profileOrNull: FieldCheck = (value, field, ctx) => (value === null ? null : profile(value, field, ctx));

export const iamUserName: FieldCheck = (value, field) => {
  checkString(value, field, {
    max: LIMITS.iamUserName,
    example: '"ses-smtp-user.app"',
    lengthHint: `IAM user names have at most ${LIMITS.iamUserName}`,
  });
  if (!/^[\w+=,.@-]+$/.test((value as string).trim()))
    fail(field, `${shown(value as string)} is not a valid IAM user name: use letters, digits and + = , . @ _ - only.`);
  return value;
};

/** Addresses or *@domain the IAM user may send from: a comma-separated string or an array. */
export const fromPatterns: FieldCheck = (value, field) => {
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
  return Array.isArray(value) ? [...value] : value;
};

export const filePath: FieldCheck = (value, field) => {
  checkString(value, field, { max: LIMITS.path, example: 'an absolute path such as "/home/me/app/.env"' });
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value as string))
    fail(field, `${shown(value as string)} is not an absolute path; give the full path, such as "/home/me/app/.env".`);
  return value;
};

export const uri: FieldCheck = (value, field) => {
  checkString(value, field, { max: LIMITS.uri, example: 'a URI such as "file:///home/me/app/.env"' });
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value as string))
    fail(
      field,
      `${shown(value as string)} is not a URI; give one such as "file:///home/me/app/.env", or pass "file" with a path.`,
    );
  return value;
};

export const blockIndex: FieldCheck = (value, field) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > LIMITS.block)
    fail(
      field,
      `must be the index of an SMTP block in the file, a whole number from 0 to ${LIMITS.block}, not ${typeof value === 'number' ? value : typeOf(value)}.`,
    );
  return value;
};

export const convention: FieldCheck = (value, field) => {
  checkString(value, field, { max: LIMITS.convention, example: '"laravel"' });
  if (!/^[a-z0-9][a-z0-9-]*$/.test(value as string))
    fail(field, `${shown(value as string)} is not a convention id; use one such as "generic", "laravel" or "django".`);
  return value;
};

/** An SES identity: a domain or an email address. */
export const identityName: FieldCheck = (value, field) => {
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
export const identityItem: FieldCheck = (value, field, ctx) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(field, `must be an identity object such as {"name": "example.com"}, not ${typeOf(value)}.`);
  const name = ownValue(value, 'name', `${field}.name`);
  if (name === undefined) fail(`${field}.name`, 'is missing; give the identity as {"name": "example.com"}.');
  return { name: identityName(name, `${field}.name`, ctx) };
};
