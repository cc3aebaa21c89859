// SES regions and their SMTP endpoints. Plain data plus validation; no network here.
// Two tables, each entry with its source (docs/SES-REGIONS.md): the regions where the SES API
// exists (the explorer, IAM, the Doctor's API checks), and the smaller set where AWS documents an
// SMTP endpoint. SES opens regions over time and AWS's own lists lag, so a region outside the SMTP
// table is not refused here: the extension resolves its SMTP host before use
// (engines/smtp/endpointCheck.ts), and the user's extra regions (a setting) join both tables.
import { NameError, typeOf, validateHostName } from './names';

export interface SesRegion {
  readonly id: string;
  readonly name: string;
  /** Has an `email-smtp-fips.<region>.amazonaws.com` endpoint (AWS docs; not verified here). */
  readonly fips?: boolean;
  /** Where AWS documents it: a key of docs/SES-REGIONS.md ("gr-api", "smtp-example"). */
  readonly source?: string;
}

/** Regions with the SES API (AWS General Reference, "Service API endpoints": docs/SES-REGIONS.md#gr-api). */
export const SES_REGIONS: readonly SesRegion[] = [
  { id: 'us-east-1', name: 'US East (N. Virginia)', fips: true, source: 'gr-api' },
  { id: 'us-east-2', name: 'US East (Ohio)', fips: true, source: 'gr-api' },
  { id: 'us-west-1', name: 'US West (N. California)', fips: true, source: 'gr-api' },
  { id: 'us-west-2', name: 'US West (Oregon)', fips: true, source: 'gr-api' },
  { id: 'af-south-1', name: 'Africa (Cape Town)', source: 'gr-api' },
  { id: 'ap-south-1', name: 'Asia Pacific (Mumbai)', source: 'gr-api' },
  { id: 'ap-south-2', name: 'Asia Pacific (Hyderabad)', source: 'gr-api' },
  { id: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', source: 'gr-api' },
  { id: 'ap-northeast-2', name: 'Asia Pacific (Seoul)', source: 'gr-api' },
  { id: 'ap-northeast-3', name: 'Asia Pacific (Osaka)', source: 'gr-api' },
  { id: 'ap-southeast-1', name: 'Asia Pacific (Singapore)', source: 'gr-api' },
  { id: 'ap-southeast-2', name: 'Asia Pacific (Sydney)', source: 'gr-api' },
  { id: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)', source: 'gr-api' },
  { id: 'ca-central-1', name: 'Canada (Central)', source: 'gr-api' },
  { id: 'eu-central-1', name: 'Europe (Frankfurt)', source: 'gr-api' },
  { id: 'eu-west-1', name: 'Europe (Ireland)', source: 'gr-api' },
  { id: 'eu-west-2', name: 'Europe (London)', source: 'gr-api' },
  { id: 'eu-west-3', name: 'Europe (Paris)', source: 'gr-api' },
  { id: 'eu-south-1', name: 'Europe (Milan)', source: 'gr-api' },
  { id: 'eu-north-1', name: 'Europe (Stockholm)', source: 'gr-api' },
  { id: 'il-central-1', name: 'Israel (Tel Aviv)', source: 'gr-api' },
  { id: 'me-south-1', name: 'Middle East (Bahrain)', source: 'gr-api' },
  { id: 'sa-east-1', name: 'South America (São Paulo)', source: 'gr-api' },
  { id: 'us-gov-west-1', name: 'AWS GovCloud (US-West)', fips: true, source: 'gr-api' },
  { id: 'us-gov-east-1', name: 'AWS GovCloud (US-East)', source: 'gr-api' },
  { id: 'cn-north-1', name: 'China (Beijing)', source: 'gr-api' },
];

/**
 * Regions where AWS documents an SMTP endpoint `email-smtp.<region>.amazonaws.com`: the region list
 * of AWS's own SMTP credentials example, which refuses every other region
 * (docs/SES-REGIONS.md#smtp-example). ap-south-2 and eu-central-2 are not among them: projects
 * report ENOTFOUND for their hosts. Other regions are used when their host resolves.
 */
export const SES_SMTP_REGIONS: readonly SesRegion[] = [
  'us-east-2',
  'us-east-1',
  'us-west-2',
  'ap-south-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-south-1',
  'eu-north-1',
  'sa-east-1',
  'us-gov-west-1',
  'us-gov-east-1',
].map((id) => ({ ...SES_REGIONS.find((r) => r.id === id)!, source: 'smtp-example' }));

/** The SMTP table plus the user's well-formed extra regions (setting sesSmtpToolkit.extraRegions). */
export function smtpRegions(extra: readonly string[] = []): SesRegion[] {
  return withExtras(SES_SMTP_REGIONS, extra);
}

/**
 * Regions launched after March 20, 2019 are off until the account enables them (AWS Account
 * Management docs); a call to one that is off fails as if the access key were unknown.
 */
const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
]);

export function isOptInRegion(region: string): boolean {
  return OPT_IN_REGIONS.has(region);
}

export type TlsMode = 'starttls' | 'implicit';

export const STARTTLS_PORTS: readonly number[] = [587, 2587, 25];
export const IMPLICIT_TLS_PORTS: readonly number[] = [465, 2465];

export const REGION_SYNTAX = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/** The longest input treated as a region: ids are a few dozen characters at most (us-isob-east-1). Longer input is refused before any fuzzy matching. */
export const MAX_REGION_LENGTH = 40;

/** All regions offered to the user: the built-in table plus well-formed extras from settings. */
export function allRegions(extra: readonly string[] = []): SesRegion[] {
  return withExtras(SES_REGIONS, extra);
}

function withExtras(table: readonly SesRegion[], extra: readonly string[]): SesRegion[] {
  const out = [...table];
  // The setting may hold anything (a string instead of a list, numbers): only well-formed strings count.
  for (const raw of Array.isArray(extra) ? extra : []) {
    if (typeof raw !== 'string' || raw.length > MAX_REGION_LENGTH) continue;
    const id = raw.trim().toLowerCase();
    if (REGION_SYNTAX.test(id) && !out.some((r) => r.id === id))
      out.push({ id, name: SES_REGIONS.find((r) => r.id === id)?.name ?? `${id} (from settings)`, source: 'setting' });
  }
  return out;
}

export type RegionCheck =
  { ok: true; region: string; known: boolean; note?: string } | { ok: false; message: string; suggestion?: string };

/** Validates a region string; suggests the nearest known region for a typo. */
export function validateRegion(input: string, extra: readonly string[] = []): RegionCheck {
  const raw: unknown = input ?? '';
  if (typeof raw !== 'string')
    return { ok: false, message: `The region must be text such as us-east-1, not ${typeOf(raw)}.` };
  const id = raw.trim().toLowerCase();
  if (!id) return { ok: false, message: 'The region is empty. Enter an SES region such as us-east-1 or eu-central-1.' };
  const shown = JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);
  // Capped before any matching: the edit distance below is quadratic in the length.
  if (id.length > MAX_REGION_LENGTH) {
    return {
      ok: false,
      message: `${shown} is not a region name: it is ${id.length} characters long, and regions are short names such as us-east-1 or eu-central-1 (at most ${MAX_REGION_LENGTH} characters).`,
    };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(id))
    return {
      ok: false,
      message: `${shown} is not a region name: it contains a control character. Regions look like us-east-1 or eu-central-1.`,
    };
  const regions = allRegions(extra);
  if (regions.some((r) => r.id === id)) return { ok: true, region: id, known: true };

  // A new number in a known area (ap-southeast-7 next to ap-southeast-1) is a region SES may have
  // opened since; a misspelt area name is a typo.
  const area = (r: string): string => r.replace(/-\d{1,2}$/, '');
  // Opt-in regions outside the table (me-central-1, ap-east-1) are regions too, not typos of a
  // table entry two letters away (eu-central-1, us-east-1).
  const newNumber = REGION_SYNTAX.test(id) && (regions.some((r) => area(r.id) === area(id)) || OPT_IN_REGIONS.has(id));
  const suggestion = newNumber ? undefined : nearestRegion(id, regions);
  if (suggestion) {
    return {
      ok: false,
      message: `${shown} is not an SES region. Did you mean ${suggestion}?`,
      suggestion,
    };
  }
  if (!REGION_SYNTAX.test(id)) {
    return {
      ok: false,
      message: `${shown} is not a region name. Regions look like us-east-1 or eu-central-1 (a region, not an availability zone such as us-east-1a).`,
    };
  }
  return {
    ok: true,
    region: id,
    known: false,
    note: `${id} is not in this extension's table of SES SMTP regions; it will be used if email-smtp.${id}.amazonaws.com resolves. Add it to "sesSmtpToolkit.extraRegions" to stop this note.`,
  };
}

function nearestRegion(id: string, regions: readonly SesRegion[]): string | undefined {
  if (id.length > MAX_REGION_LENGTH) return undefined;
  // An availability zone (us-east-1a) maps to its region.
  const az = /^([a-z]{2}(?:-gov)?-[a-z]+-\d)[a-z]$/.exec(id);
  if (az && regions.some((r) => r.id === az[1])) return az[1];
  // Separators typed as spaces or underscores, or missing.
  const squashed = id.replace(/[\s_]+/g, '-');
  if (regions.some((r) => r.id === squashed)) return squashed;
  const bare = id.replace(/[^a-z0-9]/g, '');
  const byBare = regions.find((r) => r.id.replace(/-/g, '') === bare);
  if (byBare) return byBare.id;

  let best: string | undefined;
  let bestDistance = Infinity;
  for (const r of regions) {
    const d = editDistance(id, r.id);
    if (d < bestDistance) {
      bestDistance = d;
      best = r.id;
    }
  }
  return bestDistance <= 2 ? best : undefined;
}

/** Damerau-Levenshtein (optimal string alignment) distance. Quadratic: callers cap the lengths (MAX_REGION_LENGTH). */
export function editDistance(a: string, b: string): number {
  if (typeof a !== 'string' || typeof b !== 'string')
    throw new Error(`editDistance compares two strings, not ${typeOf(a)} and ${typeOf(b)}.`);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The SMTP host of a region: email-smtp[-fips].<region>.amazonaws.com[.cn]. */
export function smtpHostForRegion(region: string, options: { fips?: boolean } = {}): string {
  if (typeof region !== 'string' || !region)
    throw new Error(`The region must be text such as us-east-1, not ${typeOf(region)}.`);
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `email-smtp${options.fips ? '-fips' : ''}.${region}.${suffix}`;
}

/** The kinds of SES SMTP host: the classic regional host, its FIPS twin, a VPC interface endpoint, a Mail Manager ingress endpoint. */
export type SesHostKind = 'classic' | 'fips' | 'vpce' | 'mail-manager';

export interface SesHost {
  kind: SesHostKind;
  /** The region in the name; Mail Manager ingress hosts carry none. */
  region?: string;
  fips: boolean;
  /** The VPC endpoint id (vpce-…) or the ingress endpoint's id (the first label). */
  id?: string;
}

const REGION_PART = '([a-z]{2}(?:-gov)?-[a-z]+-\\d{1,2})';
const CLASSIC_HOST = new RegExp(`^email-smtp(-fips)?\\.${REGION_PART}\\.amazonaws\\.com(?:\\.cn)?$`);
// vpce-<endpoint id>-<suffix>[-<zone>].email-smtp.<region>.vpce.amazonaws.com (AWS PrivateLink names).
const VPCE_HOST = new RegExp(
  `^(vpce-[0-9a-f]{8,17})-[0-9a-z]{1,16}(?:-${REGION_PART.slice(1, -1)}[a-z])?\\.email-smtp\\.${REGION_PART}\\.vpce\\.amazonaws\\.com(?:\\.cn)?$`,
);
// <ingress id>.[fips.]<cell>.mail-manager-smtp.amazonaws.com (the ARecord GetIngressPoint returns).
const MAIL_MANAGER_HOST = /^([a-z0-9]{6,32})\.(fips\.)?([a-z0-9]{2,16})\.mail-manager-smtp\.amazonaws\.com$/;

/**
 * The one parser of SES SMTP host names: kind, region and FIPS, or undefined for any other host
 * (a relay, a VPC endpoint of another service such as vpce-….email.<region>.vpce.amazonaws.com).
 */
export function parseSesHost(host: string): SesHost | undefined {
  if (typeof host !== 'string' || host.length > 300) return undefined;
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  let m = CLASSIC_HOST.exec(name);
  if (m) return { kind: m[1] ? 'fips' : 'classic', region: m[2], fips: Boolean(m[1]) };
  m = VPCE_HOST.exec(name);
  if (m) return { kind: 'vpce', region: m[2], fips: false, id: m[1] };
  m = MAIL_MANAGER_HOST.exec(name);
  if (m) return { kind: 'mail-manager', fips: Boolean(m[2]), id: m[1] };
  return undefined;
}

/** Reads the region out of an SES SMTP host name (classic, FIPS, VPC endpoint), or undefined for other hosts. */
export function regionFromHost(host: string): { region: string; fips: boolean; kind: SesHostKind } | undefined {
  const parsed = parseSesHost(host);
  return parsed?.region ? { region: parsed.region, fips: parsed.fips, kind: parsed.kind } : undefined;
}

export type PortCheck = { ok: true; port: number; tls: TlsMode; note?: string } | { ok: false; message: string };

/** Validates a port and tells its TLS mode at SES: STARTTLS on 25/587/2587, implicit TLS on 465/2465. */
export function checkPort(input: string | number, tlsOverride?: TlsMode): PortCheck {
  const given: unknown = input;
  if (given !== undefined && given !== null && typeof given !== 'string' && typeof given !== 'number') {
    return {
      ok: false,
      message: `Port must be a number such as 587, not ${typeOf(given)}. SES listens on 587 or 2587 (STARTTLS) and 465 or 2465 (TLS).`,
    };
  }
  if (typeof given === 'string' && given.length > 20)
    return {
      ok: false,
      message: `Port ${JSON.stringify(`${given.slice(0, 20)}…`)} is not a number. SES listens on 587 or 2587 (STARTTLS) and 465 or 2465 (TLS).`,
    };
  if (tlsOverride !== undefined && tlsOverride !== 'starttls' && tlsOverride !== 'implicit')
    return {
      ok: false,
      message: `The TLS mode must be "starttls" or "implicit", not ${typeof tlsOverride === 'string' ? JSON.stringify((tlsOverride as string).slice(0, 20)) : typeOf(tlsOverride)}.`,
    };
  const text = String(input ?? '').trim();
  if (!/^\d{1,5}$/.test(text)) {
    return {
      ok: false,
      message: `Port ${JSON.stringify(text)} is not a number. SES listens on 587 or 2587 (STARTTLS) and 465 or 2465 (TLS).`,
    };
  }
  const port = Number(text);
  if (port < 1 || port > 65535)
    return { ok: false, message: `Port ${port} is out of range (1-65535). Use 587 for SES.` };
  if (IMPLICIT_TLS_PORTS.includes(port)) return { ok: true, port, tls: tlsOverride ?? 'implicit' };
  if (port === 25) {
    return {
      ok: true,
      port,
      tls: tlsOverride ?? 'starttls',
      note: 'Port 25 is throttled on EC2 and blocked by many networks; prefer 587 or 2587.',
    };
  }
  if (STARTTLS_PORTS.includes(port)) return { ok: true, port, tls: tlsOverride ?? 'starttls' };
  return {
    ok: true,
    port,
    tls: tlsOverride ?? 'starttls',
    note: `SES does not listen on port ${port}; its ports are 25, 587 and 2587 (STARTTLS) and 465 and 2465 (TLS).`,
  };
}

export interface Endpoint {
  host: string;
  port: number;
  tls: TlsMode;
  /** The region the host belongs to, when it is an SES endpoint. */
  region?: string;
}

/** Builds the endpoint from a region (or a host override) and a port. Throws with a readable message. */
export function resolveEndpoint(input: {
  region?: string;
  host?: string;
  port?: number | string;
  tls?: TlsMode;
  fips?: boolean;
  extraRegions?: readonly string[];
}): Endpoint {
  if (typeof input !== 'object' || input === null)
    throw new Error(`The endpoint must be given as {region, host, port}, not ${typeOf(input)}.`);
  const portCheck = checkPort(input.port ?? 587, input.tls);
  if (!portCheck.ok) throw new Error(portCheck.message);
  if (input.host !== undefined && input.host !== null && typeof input.host !== 'string')
    throw new Error(`The host must be text such as email-smtp.eu-west-1.amazonaws.com, not ${typeOf(input.host)}.`);
  if (input.region !== undefined && input.region !== null && typeof input.region !== 'string')
    throw new Error(`The region must be text such as us-east-1, not ${typeOf(input.region)}.`);
  if (input.host && input.host.trim()) {
    let host: string;
    try {
      host = validateHostName(input.host);
    } catch (err) {
      throw new Error(err instanceof NameError ? err.message : String(err), { cause: err });
    }
    return { host, port: portCheck.port, tls: portCheck.tls, region: regionFromHost(host)?.region ?? input.region };
  }
  if (!input.region)
    throw new Error('Neither a region nor a host was given. Choose the SES region whose endpoint to use.');
  const check = validateRegion(input.region, input.extraRegions);
  if (!check.ok) throw new Error(check.message);
  return {
    host: smtpHostForRegion(check.region, { fips: input.fips }),
    port: portCheck.port,
    tls: portCheck.tls,
    region: check.region,
  };
}
