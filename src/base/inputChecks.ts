// What an input box says while the user types, for the credential prompts. Pure and vscode-free:
// addresses and hosts go through the project's one validator (src/base/names.ts).
import { classifySmtpPassword, classifySmtpUsername } from './password';
import { MAX_NAME_LENGTH } from './credentialSets';
import { iamUserName } from './fields';
import { controlCharacter, validateHostName } from './names';
import { parseEmailAddress, validateFromPattern } from './emailAddress';
import { expectOptionalBoolean, expectOptionalString, expectString } from './guards';

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

/**
 * "host:port" typed into a host box, split at its one colon ("127.0.0.1:587" → host and "587",
 * "relay:" → an empty port); anything else (no colon, letters after it, an IPv6 address with several
 * colons, a scheme) is the host alone, port undefined, for the host validator to judge.
 */
export function splitHostPort(value: string): { host: string; port?: string } {
  expectString(value, 'splitHostPort', 'value');
  const trimmed = value.trim();
  const m = /^([^:\s/]+):\s*(\d*)$/.exec(trimmed);
  return m ? { host: m[1], port: m[2] } : { host: trimmed };
}

/** A port typed in a box: a whole number from 1 to 65535. */
export function checkPortInput(value: string): InputCheck {
  expectString(value, 'checkPortInput', 'value');
  const text = value.trim();
  if (!text) return 'Enter a port number from 1 to 65535, such as 587.';
  if (!/^\d{1,6}$/.test(text)) return `Port "${text.slice(0, 20)}" is not a number; enter 1 to 65535, such as 587.`;
  const port = Number(text);
  if (port < 1 || port > 65535) return `Port ${port} is out of range; enter 1 to 65535, such as 587.`;
  return undefined;
}

/**
 * A host name typed instead of a region, optionally with ":port" (any port 1-65535). Empty is
 * refused when Enter is pressed (`final`).
 */
export function checkHostInput(value: string, final = false): InputCheck {
  expectString(value, 'checkHostInput', 'value');
  expectOptionalBoolean(final, 'checkHostInput', 'final');
  if (!value.trim()) return final ? 'Enter a host name, such as email-smtp.eu-west-1.amazonaws.com.' : undefined;
  const { host, port } = splitHostPort(value);
  if (port !== undefined) {
    const portCheck = checkPortInput(port);
    if (portCheck) return portCheck;
  }
  try {
    validateHostName(host);
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

/**
 * The password box of a flow that can derive: an IAM secret access key typed as the password is
 * not refused; Enter derives the SMTP password from it for `region` (or, not known yet, asks the
 * region first). Anything else as checkSmtpPasswordInput.
 */
export function checkPasswordOrSecretInput(value: string, region?: string): InputCheck {
  expectString(value, 'checkPasswordOrSecretInput', 'value');
  expectOptionalString(region, 'checkPasswordOrSecretInput', 'region');
  if (!value) return undefined;
  const c = classifySmtpPassword(value);
  if ((c.cleanedKind ?? c.kind) !== 'iam-secret') return checkSmtpPasswordInput(value);
  return warning(
    region
      ? `This is an IAM secret access key, not an SMTP password. Press Enter to derive the SMTP password for ${region}.`
      : 'This is an IAM secret access key, not an SMTP password. Press Enter to choose its region and derive the SMTP password.',
  );
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
