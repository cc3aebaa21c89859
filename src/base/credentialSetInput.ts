// A credential set as the user typed, imported or edited it, checked into the stored shape
// (credentialSets.ts): each field's rule with a message that names the field and the fix. Loaded
// with the commands that add, import or edit a set, not at activation (it parses addresses). Pure.
import {
  checkPort,
  IMPLICIT_TLS_PORTS,
  regionFromHost,
  smtpHostForRegion,
  STARTTLS_PORTS,
  validateRegion,
  type TlsMode,
} from './regions';
import { classifySmtpUsername } from './password';
import { controlCharacter, NameError, typeOf, validateHostName } from './names';
import { parseEmailAddress } from './emailAddress';
import { expectObject } from './guards';
import { normalizeFingerprint } from './certificatePin';
import { MAX_NAME_LENGTH, MAX_USERNAME_LENGTH, type CredentialSet, type CredentialSetInput } from './credentialSets';

/** An optional text field: undefined, or a string; anything else is refused with the field's name. */
function optionalText(value: unknown, label: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${label} must be text, not ${typeOf(value)}.`);
  return value;
}

/** Validates and normalises a set's fields. Throws an Error whose message names the field and the fix. */
export function normalizeCredentialSet(
  input: CredentialSetInput,
  extraRegions: readonly string[] = [],
): CredentialSetInput {
  if (typeof input !== 'object' || input === null)
    throw new Error(`The credential set must be an object, not ${typeOf(input)}.`);
  const name = (optionalText(input.name, 'The name') ?? '').trim();
  if (!name) throw new Error('The name is empty. Give the credentials a name such as "prod eu-central-1".');
  if (name.length > MAX_NAME_LENGTH)
    throw new Error(`The name is ${name.length} characters long; keep it under ${MAX_NAME_LENGTH}.`);
  const nameControl = controlCharacter(name);
  if (nameControl === 'a line break' || nameControl === 'a tab') throw new Error('The name must be on one line.');
  if (nameControl) throw new Error(`The name contains ${nameControl}; remove it.`);
  const rawUser = optionalText(input.username, 'The username') ?? '';
  if (rawUser.length > MAX_USERNAME_LENGTH)
    throw new Error(
      `The username is ${rawUser.length} characters long; the SES SMTP username is the 20-character IAM access key id (AKIA…).`,
    );
  // Around it, pasted whitespace is trimmed below; inside it, a control character is a mistake.
  const userControl = controlCharacter(rawUser.trim());
  if (userControl)
    throw new Error(
      `The username contains ${userControl}; the SES SMTP username is the IAM access key id (AKIA…) on one line.`,
    );
  const user = classifySmtpUsername(rawUser);
  if (user.kind === 'empty')
    throw new Error('The username is empty. The SES SMTP username is the IAM access key id (AKIA…).');
  if (user.kind === 'temporary-key') throw new Error(user.summary);
  let region: string | undefined;
  const givenRegion = optionalText(input.region, 'The region');
  if (givenRegion !== undefined && givenRegion !== '') {
    const check = validateRegion(givenRegion, extraRegions);
    if (!check.ok) throw new Error(check.message);
    region = check.region;
  }
  const givenHost = optionalText(input.host, 'The host')?.trim() || undefined;
  let host: string | undefined;
  try {
    host = givenHost === undefined ? undefined : validateHostName(givenHost);
  } catch (err) {
    throw new Error(err instanceof NameError ? err.message : String(err), { cause: err });
  }
  if (!region && !host) throw new Error('Neither a region nor a host was given.');
  region ??= host ? regionFromHost(host)?.region : undefined;
  const port = checkPort(input.port ?? 587, input.tls);
  if (!port.ok) throw new Error(port.message);
  const from = optionalText(input.from, 'The default From')?.trim() || undefined;
  if (from && /[\r\n]/.test(from)) throw new Error('The default From must be on one line.');
  if (from) {
    try {
      parseEmailAddress(from, 'The default From');
    } catch (err) {
      throw new Error(err instanceof NameError ? err.message : String(err), { cause: err });
    }
  }
  const givenPin = optionalText(input.certificateSha256, 'The certificate fingerprint');
  const pin = givenPin === undefined ? undefined : normalizeFingerprint(givenPin);
  if (givenPin !== undefined && !pin)
    throw new Error(
      'The certificate fingerprint must be a SHA-256 fingerprint: 32 hex pairs such as "AB:CD:…" (64 hex digits).',
    );
  return {
    name,
    username: user.cleaned,
    region,
    host,
    port: port.port,
    tls: port.tls,
    from,
    ...(pin ? { certificateSha256: pin } : {}),
  };
}

/**
 * The fields Edit Credential Set changes; absent: kept. host "" uses the region's endpoint; region ""
 * (a relay that is not SES) and from "" remove them.
 */
export interface CredentialEdit {
  host?: string;
  port?: number;
  region?: string;
  tls?: TlsMode;
  from?: string;
}

export interface MergedEdit {
  /** The set's fields after the edit, validated as a new set's (name and username kept). */
  input: CredentialSetInput;
  /** Fields whose value changed, in the order host, port, region, tls, from. */
  changed: Array<keyof CredentialEdit>;
  /** The region changed from one to another: an SES SMTP password made for `from` fails in `to`. */
  regionChange?: { from: string; to: string };
}

/**
 * Applies an edit to a saved set. The rules: a new SES endpoint host brings its region (a different
 * region given with it is refused); a new region moves an SES endpoint host along with it (FIPS
 * kept); a new port without a TLS mode takes SES's mode for SES ports (465/2465 TLS, 25/587/2587
 * STARTTLS) and keeps the set's mode for any other port. Throws an Error naming the field and fix.
 */
export function mergeCredentialEdit(
  set: CredentialSet,
  edit: CredentialEdit,
  extraRegions: readonly string[] = [],
): MergedEdit {
  expectObject(set, 'mergeCredentialEdit', 'set');
  expectObject(edit, 'mergeCredentialEdit', 'edit');
  let host = set.host;
  let region = set.region;
  if (edit.region === '') region = undefined;
  else if (edit.region !== undefined) {
    const check = validateRegion(edit.region, extraRegions);
    if (!check.ok) throw new Error(check.message);
    region = check.region;
  }
  if (edit.host !== undefined) {
    host = edit.host.trim() || undefined;
    const ses = host ? regionFromHost(host) : undefined;
    if (ses) {
      if (edit.region !== undefined && edit.region !== '' && region !== ses.region)
        throw new Error(
          `The host ${host} is the SES endpoint of ${ses.region}, not ${region}. Give only the host, or a host of ${region}.`,
        );
      region = ses.region;
    }
  } else if (region !== undefined && edit.region !== undefined && host) {
    // The set's host is an SES endpoint: it follows the new region.
    const ses = regionFromHost(host);
    if (ses && ses.region !== region) host = smtpHostForRegion(region!, { fips: ses.fips });
  }
  if (!host && !region) throw new Error('Without a host the set needs a region: give "region" too, such as eu-west-1.');
  const port = edit.port ?? set.port;
  let tls = edit.tls ?? set.tls;
  if (edit.tls === undefined && edit.port !== undefined && edit.port !== set.port) {
    const ses = checkPort(port);
    if (ses.ok && (STARTTLS_PORTS.includes(port) || IMPLICIT_TLS_PORTS.includes(port))) tls = ses.tls;
  }
  const from = edit.from === undefined ? set.from : edit.from.trim() || undefined;
  const input = normalizeCredentialSet(
    {
      name: set.name,
      username: set.username,
      region,
      host,
      port,
      tls,
      from,
      // A pinned certificate is the one of this host and port: another host or port verifies as usual.
      ...(set.certificateSha256 && host === set.host && port === set.port
        ? { certificateSha256: set.certificateSha256 }
        : {}),
    },
    extraRegions,
  );
  const changed = (['host', 'port', 'region', 'tls', 'from'] as const).filter((k) => input[k] !== set[k]);
  const regionChange =
    set.region && input.region && set.region !== input.region ? { from: set.region, to: input.region } : undefined;
  return { input, changed, ...(regionChange ? { regionChange } : {}) };
}
