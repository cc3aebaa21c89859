// What an input box says while the user types, for the credential prompts. Pure and vscode-free:
// addresses and hosts go through the project's one validator (src/base/names.ts).
import { classifySmtpPassword, classifySmtpUsername } from './password';
import { MAX_NAME_LENGTH } from './credentialSets';
import { iamUserName } from './fields';
import { controlCharacter, validateHostName } from './names';
import { parseEmailAddress, validateFromPattern } from './names';
import { expectOptionalBoolean, expectString } from './guards';

/** undefined: fine. A string or an 'error': Enter is refused. A 'warning': shown, Enter accepted. */
export type InputCheck = string | { message: string; severity: 'error' | 'warning' } | undefined;

const warning = (message: string): InputCheck => ({ message, severity: 'warning' });

/** Whether Enter is refused with this check. */
export function blocks(check: InputCheck): boolean {
  return check !== undefined && (typeof check === 'string' || check.severity === 'error');
}

/** The optional default From: empty is fine; anything else must be an address. */
export function checkFromInput(value: string): InputCheck {
  expectString(value, 'checkFromInput', 'value');
  if (!value.trim()) return undefined;
  try {
    parseEmailAddress(value, 'The default From');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** A host name typed instead of a region. Empty is refused when Enter is pressed (`final`). */
export function checkHostInput(value: string, final = false): InputCheck {
  expectString(value, 'checkHostInput', 'value');
  expectOptionalBoolean(final, 'checkHostInput', 'final');
  if (!value.trim()) return final ? 'Enter a host name, such as email-smtp.eu-west-1.amazonaws.com.' : undefined;
  try {
    validateHostName(value);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The name of a credential set. */
export function checkNameInput(value: string): InputCheck {
  expectString(value, 'checkNameInput', 'value');
  const name = value.trim();
  if (!name) return 'The name cannot be empty.';
  if (name.length > MAX_NAME_LENGTH)
    return `The name is ${name.length} characters long; keep it under ${MAX_NAME_LENGTH}.`;
  const control = controlCharacter(name);
  if (control)
    return control === 'a line break' || control === 'a tab'
      ? 'The name must be on one line.'
      : `The name contains ${control}; remove it.`;
  return undefined;
}

/** The SMTP username: an access key id. Nothing typed yet is not an error. */
export function checkUsernameInput(value: string): InputCheck {
  expectString(value, 'checkUsernameInput', 'value');
  const c = classifySmtpUsername(value);
  if (c.kind === 'empty' || (c.kind === 'access-key' && c.problems.length === 0)) return undefined;
  return c.kind === 'access-key' ? warning(c.summary) : { message: c.summary, severity: 'error' };
}

/** The username as Enter is pressed: an empty one is refused then. */
export function checkUsernameFinal(value: string): InputCheck {
  expectString(value, 'checkUsernameFinal', 'value');
  return classifySmtpUsername(value).kind === 'empty'
    ? 'Enter the SMTP username (the access key id, AKIA…).'
    : checkUsernameInput(value);
}

/** An IAM secret access key (40 characters), not yet an SMTP password. */
export function checkSecretKeyInput(value: string): InputCheck {
  expectString(value, 'checkSecretKeyInput', 'value');
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  const c = classifySmtpPassword(trimmed);
  if ((c.cleanedKind ?? c.kind) === 'v4') {
    return 'This is already an SES SMTP password (44 characters starting with "B"), not a secret access key.';
  }
  if (!/^[A-Za-z0-9+/]{40}$/.test(trimmed)) {
    return warning(
      `Secret access keys are 40 characters of A-Z, a-z, 0-9, + and /; this is ${trimmed.length} characters.`,
    );
  }
  return undefined;
}

/** An SMTP password: shown when it is not a clean v4 password, never blocking (the check tells). */
export function checkSmtpPasswordInput(value: string): InputCheck {
  expectString(value, 'checkSmtpPasswordInput', 'value');
  if (!value) return undefined;
  const c = classifySmtpPassword(value);
  return c.kind === 'v4' ? undefined : warning(c.summary);
}

/** Comma-separated From patterns for an IAM policy (addresses or *@domain); empty allows any. */
export function checkFromPatternsInput(value: string): InputCheck {
  expectString(value, 'checkFromPatternsInput', 'value');
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    try {
      validateFromPattern(part, 'The From pattern');
    } catch (err) {
      return (err as Error).message;
    }
  }
  return undefined;
}

/** The name of a new IAM user: the argument schema's rule, worded for an input box. */
export function checkIamUserNameInput(value: string): InputCheck {
  expectString(value, 'checkIamUserNameInput', 'value');
  if (!value.trim()) return 'Enter a name for the IAM user, such as ses-smtp-user.app.';
  try {
    iamUserName(value.trim(), 'userName', { extraRegions: [] });
    return undefined;
  } catch (err) {
    return (err as Error).message.replace(/^Argument "userName" /, 'The IAM user name ');
  }
}
