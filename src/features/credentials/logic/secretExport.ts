// Exporting a credential set to Secrets Manager, and the names both directions use: the JSON keys
// (SMTP_USERNAME… by default, or a .env convention's), secret and parameter names, KMS key ids,
// and the remembered key mappings (key names per secret ARN, never a value). Pure and vscode-free.
import { keyOf, type EnvConvention } from '../../../engines/envfile/conventions';
import { SECRET_FIELDS, type SecretField, type SecretMapping } from './secretValue';
import { expectObject, expectOptionalString, expectString } from '../../../base/guards';

export class SecretNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretNameError';
  }
}

export const DEFAULT_EXPORT_KEYS: Readonly<SecretMapping> = {
  username: 'SMTP_USERNAME',
  password: 'SMTP_PASSWORD',
  host: 'SMTP_HOST',
  port: 'SMTP_PORT',
};

/** The JSON keys of a .env convention (its user, password, host, port, region, from keys). */
export function conventionExportKeys(convention: EnvConvention): SecretMapping | undefined {
  expectObject(convention, 'conventionExportKeys', 'convention');
  const username = keyOf(convention, 'user');
  const password = keyOf(convention, 'password');
  if (!username || !password) return undefined; // a URL-only convention has no separate keys
  const keys: SecretMapping = { username, password };
  const host = keyOf(convention, 'host');
  const port = keyOf(convention, 'port');
  const region = keyOf(convention, 'region');
  const from = keyOf(convention, 'from');
  if (host) keys.host = host;
  if (port) keys.port = port;
  if (region) keys.region = region;
  if (from) keys.from = from;
  return keys;
}

const KEY_NAME = /^[\w.\-/:@+]{1,128}$/;

/** Checks export keys: username and password named, each a plain key, no key used twice. */
export function checkExportKeys(keys: SecretMapping): SecretMapping {
  expectObject(keys, 'checkExportKeys', 'keys');
  const out: SecretMapping = {};
  const seen = new Map<string, SecretField>();
  for (const field of SECRET_FIELDS) {
    const key = keys[field];
    if (key === undefined || key === '') continue;
    if (typeof key !== 'string' || !KEY_NAME.test(key))
      throw new SecretNameError(
        `The JSON key for the ${field} must be 1 to 128 letters, digits or _ . - / : @ +, such as "SMTP_USERNAME".`,
      );
    const other = seen.get(key);
    if (other) throw new SecretNameError(`The JSON key "${key}" is given for both the ${other} and the ${field}.`);
    seen.set(key, field);
    out[field] = key;
  }
  if (!out.username || !out.password)
    throw new SecretNameError('The JSON keys must name the username and the password (e.g. SMTP_USERNAME).');
  return out;
}

export interface ExportValues {
  username: string;
  password: string;
  host: string;
  port: number;
  region?: string;
  from?: string;
}

/** The secret's JSON text: each chosen key with its value (the port as a string, as .env files hold it). */
export function buildSecretJson(keys: SecretMapping, values: ExportValues): string {
  expectObject(keys, 'buildSecretJson', 'keys');
  expectObject(values, 'buildSecretJson', 'values');
  const checked = checkExportKeys(keys);
  const out: Record<string, string> = {};
  const put = (field: SecretField, value: string | undefined): void => {
    const key = checked[field];
    if (key && value !== undefined) out[key] = value;
  };
  put('username', values.username);
  put('password', values.password);
  put('host', values.host);
  put('port', String(values.port));
  put('region', values.region);
  put('from', values.from);
  return JSON.stringify(out);
}

/** "ses/smtp/<set name>", the name made of the characters Secrets Manager allows. */
export function defaultSecretName(setName: string): string {
  expectString(setName, 'defaultSecretName', 'setName');
  const slug = setName
    .trim()
    .replace(/[^\w/+=.@-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `ses/smtp/${slug || 'credentials'}`.slice(0, 512);
}

/** A Secrets Manager secret name (1-512 of letters, digits and /_+=.@-) or ARN. */
export function checkSecretName(name: string): string {
  expectOptionalString(name, 'checkSecretName', 'name');
  const n = (name ?? '').trim();
  if (!n) throw new SecretNameError('The secret name is empty; give one such as "ses/smtp/prod".');
  if (n.startsWith('arn:')) {
    if (!/^arn:aws[\w-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/.test(n) || n.length > 2048)
      throw new SecretNameError('The secret ARN is not one: arn:aws:secretsmanager:<region>:<account>:secret:<name>.');
    return n;
  }
  if (n.length > 512) throw new SecretNameError(`The secret name is ${n.length} characters long; at most 512.`);
  if (!/^[\w/+=.@-]+$/.test(n))
    throw new SecretNameError(
      `"${n.slice(0, 80)}" is not a valid secret name: use letters, digits and / _ + = . @ - only.`,
    );
  return n;
}

/** An SSM parameter name (/path/name, letters, digits and _.-/) or ARN. */
export function checkParameterName(name: string): string {
  expectOptionalString(name, 'checkParameterName', 'name');
  const n = (name ?? '').trim();
  if (!n) throw new SecretNameError('The parameter name is empty; give one such as "/ses/smtp/prod".');
  if (n.startsWith('arn:')) {
    if (!/^arn:aws[\w-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[\w.\-/]+$/.test(n) || n.length > 2048)
      throw new SecretNameError('The parameter ARN is not one: arn:aws:ssm:<region>:<account>:parameter/<name>.');
    return n;
  }
  if (n.length > 2048) throw new SecretNameError(`The parameter name is ${n.length} characters long; at most 2048.`);
  if (!/^[\w.\-/]+$/.test(n))
    throw new SecretNameError(
      `"${n.slice(0, 80)}" is not a valid parameter name: use letters, digits and _ . - / only.`,
    );
  return n;
}

/** A KMS key: its id (UUID), ARN, alias/name or alias ARN. */
export function checkKmsKeyId(id: string): string {
  expectOptionalString(id, 'checkKmsKeyId', 'id');
  const k = (id ?? '').trim();
  const uuid = /^(mrk-)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$|^mrk-[0-9a-f]{32}$/i;
  const alias = /^alias\/[\w/.-]{1,250}$/;
  const arn = /^arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:(key\/[\w-]+|alias\/[\w/.-]+)$/;
  if (uuid.test(k) || alias.test(k) || arn.test(k)) return k;
  throw new SecretNameError(
    'The KMS key is not a key id, alias or ARN. Give one such as "alias/ses-smtp" or ' +
      '"1234abcd-12ab-34cd-56ef-1234567890ab", or leave it empty for the account default key.',
  );
}

/** Most secrets whose key mapping is remembered. */
export const MAX_REMEMBERED_MAPPINGS = 200;

/** The remembered mappings with this one added or moved last (oldest dropped over the limit). */
export function rememberMapping(stored: unknown, arn: string, mapping: SecretMapping): Record<string, SecretMapping> {
  expectString(arn, 'rememberMapping', 'arn');
  expectObject(mapping, 'rememberMapping', 'mapping');
  const out = Object.create(null) as Record<string, SecretMapping>;
  if (typeof stored === 'object' && stored !== null && !Array.isArray(stored)) {
    for (const [k, v] of Object.entries(stored)) {
      if (k !== arn && k.startsWith('arn:') && typeof v === 'object' && v !== null && !Array.isArray(v))
        out[k] = keysOnly(v);
    }
  }
  out[arn] = keysOnly(mapping);
  const arns = Object.keys(out);
  for (const old of arns.slice(0, Math.max(0, arns.length - MAX_REMEMBERED_MAPPINGS))) delete out[old];
  return out;
}

function keysOnly(v: object): SecretMapping {
  const out: SecretMapping = {};
  for (const field of SECRET_FIELDS) {
    const key = (v as Record<string, unknown>)[field];
    if (typeof key === 'string' && key.length <= 128) out[field] = key;
  }
  return out;
}
