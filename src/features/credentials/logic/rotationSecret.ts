// The rotation step after the switch that puts the new key into the Secrets Manager secret or SSM
// parameter linked to the set (imported from it, or exported to it): asked (or given), then read,
// rewritten and written back. The secret's own key names are kept, and so is every other key and
// value in it; only the username and the password change. A failure here does not roll back (the
// set already uses the new key): it says what to fix, and the old key stays Active.
// Pure and vscode-free; no message here holds a value of the secret.
import type { LinkedSecret } from '../../../base/credentialSets';
import { classifySmtpPassword } from '../../../base/password';
import { regionFromHost } from '../../../base/regions';
import { guessMapping, parseSecretValue, SecretValueError, type SecretMapping } from './secretValue';
import type { PasswordFor, RotationPorts, SecretOutcome } from './rotationTypes';
import { expectObject, expectString } from '../../../base/guards';

export class SecretRewriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretRewriteError';
  }
}

export interface SecretRewrite {
  oldUsername: string;
  newUsername: string;
  /** The new key's SMTP password for the set's region. */
  password: string;
  setRegion?: string;
  /** Another region's password (a fresh rotation only: it holds the new key's secret). */
  passwordFor?: PasswordFor;
  /** The new key's IAM secret, for a secret that holds the IAM secret key (a fresh rotation only). */
  secretAccessKey?: string;
}

/** "the secret "x"" or "the parameter "x"", as the messages name it. */
export function secretLabel(link: Pick<LinkedSecret, 'service' | 'name'>): string {
  expectObject(link, 'secretLabel', 'link');
  return `${link.service === 'ssm' ? 'the parameter' : 'the secret'} "${link.name}"`;
}

/** The secret's text with the new username and password, everything else as it was. */
export function rewriteSecretValue(text: string, keys: SecretMapping | undefined, change: SecretRewrite): string {
  let parsed;
  try {
    parsed = parseSecretValue(text);
  } catch (err) {
    if (err instanceof SecretValueError) throw new SecretRewriteError(`its value cannot be read: ${err.message}`);
    throw err;
  }
  if (parsed.kind === 'plain') {
    checkUsername(parsed.username, change);
    const password = newPassword(parsed.password, change.setRegion, change);
    return parsed.username !== undefined ? `${change.newUsername}:${password}` : password;
  }
  const mapping = keys?.password ? keys : guessMapping(Object.keys(parsed.fields));
  const passwordKey = mapping.password;
  if (!passwordKey || !(passwordKey in parsed.fields))
    throw new SecretRewriteError(
      `no key of it is known to hold the password${passwordKey ? ` ("${passwordKey.slice(0, 80)}" is not in it)` : ''}`,
    );
  const usernameKey =
    mapping.username !== undefined && mapping.username in parsed.fields ? mapping.username : undefined;
  checkUsername(usernameKey !== undefined ? parsed.fields[usernameKey] : undefined, change);
  const named = (key: string | undefined): string | undefined =>
    key !== undefined && key in parsed.fields ? parsed.fields[key].trim() || undefined : undefined;
  const host = named(mapping.host);
  const region = named(mapping.region)?.toLowerCase() ?? (host ? regionFromHost(host)?.region : undefined);
  const object = JSON.parse(text.trim()) as Record<string, unknown>;
  object[passwordKey] = newPassword(parsed.fields[passwordKey], region ?? change.setRegion, change);
  if (usernameKey !== undefined) object[usernameKey] = change.newUsername;
  const indent = /^\{\s*\n([ \t]+)"/.exec(text.trim())?.[1];
  return JSON.stringify(object, null, indent);
}

/** The secret must hold the old key (or already the new one): anything else is not ours to change. */
function checkUsername(current: string | undefined, change: SecretRewrite): void {
  const user = current?.trim();
  if (user === undefined || user === change.oldUsername || user === change.newUsername) return;
  const shown = /^A[KS]IA[A-Z0-9]{16}$/.test(user) ? `the key ${user}` : 'another username';
  throw new SecretRewriteError(`it holds ${shown}, not the old key ${change.oldUsername}, so it was left as it was`);
}

/** The value that replaces the current password: the same kind (IAM secret key or SMTP password of its region). */
function newPassword(current: string, region: string | undefined, change: SecretRewrite): string {
  const kind = classifySmtpPassword(current);
  if ((kind.cleanedKind ?? kind.kind) === 'iam-secret') {
    if (change.secretAccessKey) return change.secretAccessKey;
    throw new SecretRewriteError(
      'it holds the IAM secret access key, and the new key’s secret is no longer known (the rotation was resumed ' +
        'after a restart); put the new key’s secret access key in it by hand',
    );
  }
  if (!region || region === change.setRegion) return change.password;
  if (change.passwordFor) return change.passwordFor(region);
  throw new SecretRewriteError(
    `it holds the SMTP password for ${region}, not ${change.setRegion}, and the new key’s secret is no longer ` +
      'known (the rotation was resumed after a restart); derive that region’s password and put it in by hand',
  );
}

/** How to fix a linked secret that was not updated. */
export function secretFix(link: Pick<LinkedSecret, 'service' | 'name'>): string {
  expectObject(link, 'secretFix', 'link');
  return link.service === 'ssm'
    ? `put the new username and password in the parameter "${link.name}" by hand (aws ssm put-parameter --overwrite)`
    : `update the secret "${link.name}" by hand, or run Export SMTP Credential Set to Secrets Manager on the set`;
}

/** One sentence on the linked secret for the summary. */
export function describeSecretOutcome(link: Pick<LinkedSecret, 'service' | 'name'>, outcome: SecretOutcome): string {
  expectObject(link, 'describeSecretOutcome', 'link');
  expectString(outcome, 'describeSecretOutcome', 'outcome');
  const what = secretLabel(link);
  const head = what.charAt(0).toUpperCase() + what.slice(1);
  return outcome === 'updated' ? `${head} now holds the new key.` : `${head} still holds the old key (not updated).`;
}

/**
 * The step itself: nothing without a linked secret; 'declined' when the user says no; otherwise read,
 * rewritten and written back ('updated'). Errors are thrown as they come (value-free).
 */
export async function updateLinkedSecret(
  ports: Pick<RotationPorts, 'secret' | 'progress'>,
  change: Omit<SecretRewrite, 'setRegion'>,
): Promise<SecretOutcome | undefined> {
  expectObject(ports, 'updateLinkedSecret', 'ports');
  expectObject(change, 'updateLinkedSecret', 'change');
  const port = ports.secret;
  if (!port) return undefined;
  if (!(await port.confirm())) return 'declined';
  ports.progress?.(`Writing the new key into ${secretLabel(port.link)}…`);
  const read = await port.read();
  const value = rewriteSecretValue(read.value, port.link.keys, { ...change, setRegion: port.setRegion });
  await port.write(value, read);
  return 'updated';
}
