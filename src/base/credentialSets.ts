// Named SMTP credential sets: everything but the password, which lives in the editor's secret
// storage under its own key. The stored shape and its reading; a set as typed, imported or edited
// is checked in credentialSetInput.ts (loaded with the commands that take one). Pure data.
import { smtpHostForRegion, type TlsMode } from './regions';
import { expectObject } from './guards';

export interface LastCheck {
  ok: boolean;
  /** ISO time. */
  at: string;
  /** One line, secret-free. */
  summary: string;
}

export interface CredentialSet {
  id: string;
  name: string;
  /** The access key id (AKIA…). */
  username: string;
  region?: string;
  /** Host override (a relay, FIPS endpoint, or a test server); otherwise the region's endpoint. */
  host?: string;
  port: number;
  tls: TlsMode;
  /** Default From for test mails. */
  from?: string;
  /**
   * The SHA-256 fingerprint of the one certificate trusted for this set besides those that verify
   * normally (a relay with a self-signed certificate), canonical form (src/base/certificatePin.ts).
   */
  certificateSha256?: string;
  /**
   * The set once accepted any certificate (the old boolean opt-in). That is no longer done: it
   * verifies as usual until a certificate is trusted by its fingerprint, and says so when refused.
   */
  legacyUntrustedCertificate?: true;
  lastCheck?: LastCheck;
  /** Where the credentials also live (imported from, or exported to): no value, only where. */
  linkedSecret?: LinkedSecret;
}

/** A Secrets Manager secret or SSM parameter that holds this set's credentials (updated on rotation). */
export interface LinkedSecret {
  service: 'secretsmanager' | 'ssm';
  arn: string;
  name: string;
  /** The AWS region of the secret (not necessarily the SES region). */
  region: string;
  /** The AWS profile it was read or written with; absent: the default credential chain. */
  profile?: string;
  /** The JSON key of each field (username, password, host, …); absent: a plain-string value. */
  keys?: Partial<Record<'username' | 'password' | 'host' | 'region' | 'port' | 'from', string>>;
}

export type CredentialSetInput = Omit<CredentialSet, 'id' | 'lastCheck' | 'linkedSecret'>;

export const MAX_SETS = 200;
/** Longest name of a set. */
export const MAX_NAME_LENGTH = 80;
/** Longest username taken (an access key id has 20; a relay may use an address). */
export const MAX_USERNAME_LENGTH = 320;

export function endpointOf(set: Pick<CredentialSet, 'region' | 'host' | 'port' | 'tls'>): {
  host: string;
  port: number;
  tls: TlsMode;
} {
  expectObject(set, 'endpointOf', 'set');
  return { host: set.host ?? smtpHostForRegion(set.region ?? 'us-east-1'), port: set.port, tls: set.tls };
}

/** "AKIA…MPLE · eu-central-1 · 587" */
export function describeCredentialSet(set: CredentialSet): string {
  if (typeof set !== 'object' || set === null || typeof set.username !== 'string') return '(damaged credential set)';
  const user = set.username.length > 8 ? `${set.username.slice(0, 4)}…${set.username.slice(-4)}` : set.username;
  return [user, set.host ?? set.region, String(set.port)].filter(Boolean).join(' · ');
}

/** Parses the stored index, dropping entries that are not well-formed instead of failing. */
export function parseCredentialIndex(json: string | undefined): CredentialSet[] {
  if (!json || typeof json !== 'string') return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const entries = value.map(migrateCertificateTrust) as Array<Partial<CredentialSet> | null>;
  return entries.filter(
    (v): v is CredentialSet =>
      typeof v === 'object' &&
      v !== null &&
      typeof v.id === 'string' &&
      typeof v.name === 'string' &&
      typeof v.username === 'string' &&
      typeof v.port === 'number' &&
      (v.tls === 'starttls' || v.tls === 'implicit'),
  );
}

/**
 * The old boolean opt-in (`allowUntrustedCertificate: true`: any certificate accepted) becomes
 * "not pinned, verified as usual" with a mark, so the set says why a certificate it used to accept
 * is refused and offers to trust that certificate by its fingerprint. Nothing is pinned unseen.
 */
export function migrateCertificateTrust(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
  // A damaged pin (not text) trusts nothing: it is dropped, and the set verifies as usual.
  if ('certificateSha256' in entry && typeof (entry as { certificateSha256: unknown }).certificateSha256 !== 'string') {
    const { certificateSha256: _damaged, ...kept } = entry as Record<string, unknown>;
    entry = kept;
  }
  const { allowUntrustedCertificate, ...rest } = entry as Record<string, unknown>;
  if (allowUntrustedCertificate === undefined) return rest;
  if (allowUntrustedCertificate === true && typeof rest.certificateSha256 !== 'string')
    return { ...rest, legacyUntrustedCertificate: true };
  return rest;
}
