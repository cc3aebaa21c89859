// Named SMTP credential sets: everything but the password, which lives in the editor's secret
// storage under its own key. Pure data and validation.
import { checkPort, regionFromHost, smtpHostForRegion, validateRegion, type TlsMode } from './regions';
import { classifySmtpUsername } from './password';

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
  /** Opt-in: accept an untrusted TLS certificate (a relay with a self-signed certificate). */
  allowUntrustedCertificate?: boolean;
  lastCheck?: LastCheck;
}

export type CredentialSetInput = Omit<CredentialSet, 'id' | 'lastCheck'>;

export const MAX_SETS = 200;

/** Validates and normalises a set's fields. Throws an Error whose message names the field and the fix. */
export function normalizeCredentialSet(input: CredentialSetInput, extraRegions: readonly string[] = []): CredentialSetInput {
  const name = (input.name ?? '').trim();
  if (!name) throw new Error('The name is empty. Give the credentials a name such as "prod eu-central-1".');
  if (name.length > 80) throw new Error(`The name is ${name.length} characters long; keep it under 80.`);
  if (/[\r\n\t]/.test(name)) throw new Error('The name must be on one line.');
  const user = classifySmtpUsername(input.username ?? '');
  if (user.kind === 'empty') throw new Error('The username is empty. The SES SMTP username is the IAM access key id (AKIA…).');
  if (user.kind === 'temporary-key') throw new Error(user.summary);
  let region: string | undefined;
  if (input.region !== undefined && input.region !== '') {
    const check = validateRegion(input.region, extraRegions);
    if (!check.ok) throw new Error(check.message);
    region = check.region;
  }
  const host = input.host?.trim() || undefined;
  if (host && /[\s/:@]/.test(host)) throw new Error(`Host "${host.slice(0, 80)}" is not a host name: enter only the name, without scheme, port or path.`);
  if (!region && !host) throw new Error('Neither a region nor a host was given.');
  region ??= host ? regionFromHost(host)?.region : undefined;
  const port = checkPort(input.port ?? 587, input.tls);
  if (!port.ok) throw new Error(port.message);
  const from = input.from?.trim() || undefined;
  if (from && /[\r\n]/.test(from)) throw new Error('The default From must be on one line.');
  return { name, username: user.cleaned, region, host, port: port.port, tls: port.tls, from, ...(input.allowUntrustedCertificate ? { allowUntrustedCertificate: true } : {}) };
}

export function endpointOf(set: Pick<CredentialSet, 'region' | 'host' | 'port' | 'tls'>): { host: string; port: number; tls: TlsMode } {
  return { host: set.host ?? smtpHostForRegion(set.region ?? 'us-east-1'), port: set.port, tls: set.tls };
}

/** "AKIA…MPLE · eu-central-1 · 587" */
export function describeCredentialSet(set: CredentialSet): string {
  const user = set.username.length > 8 ? `${set.username.slice(0, 4)}…${set.username.slice(-4)}` : set.username;
  return [user, set.host ?? set.region, String(set.port)].filter(Boolean).join(' · ');
}

/** Parses the stored index, dropping entries that are not well-formed instead of failing. */
export function parseCredentialIndex(json: string | undefined): CredentialSet[] {
  if (!json) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is CredentialSet =>
      typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.name === 'string' && typeof v.username === 'string' && typeof v.port === 'number' && (v.tls === 'starttls' || v.tls === 'implicit'),
  );
}
