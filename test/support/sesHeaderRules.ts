// The SES header rules of the SES-like SMTP server: what SES does with X-SES-CONFIGURATION-SET,
// X-SES-TENANT, X-SES-MESSAGE-TAGS and the sending-authorization X-SES-*-ARN headers of a received message.
// Replies:
// - unknown configuration set: "554 Configuration Set does not exist: Configuration set <name> does
//   not exist." (the wording SES answers over SMTP, as users have quoted it);
// - a malformed tag: SES's API wording "Invalid tag name <x>: only alphanumeric ASCII characters,
//   '_', and '-' are allowed." (quoted from AWS in localstack/localstack#8588) behind "554
//   Transaction failed: ", the prefix SES puts on API refusals over SMTP;
// - an ARN for another region or an identity that does not cover From: AWS documents no SMTP
//   wording for these, so the replies below are modeled (554 Transaction failed: …, naming the ARN);
// - X-SES-TENANT (SES Developer Guide, "Tenants": Using SMTP with tenants): SES documents no SMTP
//   wording for a tenant's refusals either. The texts below carry the API's own messages, as recorded
//   against real SES (floci-io/floci#2815, PostHog/posthog#75863): an unknown tenant "Tenant <name>
//   for AwsAccountId <id> not found.", a resource outside the tenant "Tenant not associated with
//   resources [<ARNs>]." (an AccessDeniedException, so behind "Access denied: " as SES writes its
//   other access refusals over SMTP). The paused tenant's text is modeled outright ("Sending is
//   paused for tenant <name>."): its API wording is not public.

export interface HeaderField {
  name: string;
  value: string;
}

/** The header section of a message, unfolded, in order. */
export function readHeaderFields(raw: string): HeaderField[] {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const out: HeaderField[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && out.length) out[out.length - 1].value += ` ${line.trim()}`;
    else {
      const m = /^([^:\s]+):\s*(.*)$/.exec(line);
      if (m) out.push({ name: m[1], value: m[2].trim() });
    }
  }
  return out;
}

export interface HeaderRuleOptions {
  region: string;
  /** Configuration sets that exist in the region. */
  configurationSets: readonly string[];
  /** The envelope sender's address (the From identity is checked against the ARNs). */
  headerFrom?: string;
  /** Verified identities (addresses or domains): which one covers From, for the tenant's check. */
  verified?: readonly string[];
  /** The region's tenants by name: paused or not, and their associated identities and configuration sets. */
  tenants?: Readonly<Record<string, SmtpTenant>>;
}

export interface SmtpTenant {
  paused?: boolean;
  identities: readonly string[];
  configurationSets: readonly string[];
}

const TENANT_ACCOUNT = '123456789012';

/** The tenant's refusal (X-SES-TENANT), or undefined when the tenant may send this message. */
function tenantReply(
  tenant: string,
  configurationSet: string | undefined,
  options: HeaderRuleOptions,
): string | undefined {
  const t = options.tenants?.[tenant];
  if (!t) return `Transaction failed: Tenant ${tenant} for AwsAccountId ${TENANT_ACCOUNT} not found.`;
  if (t.paused) return `Transaction failed: Sending is paused for tenant ${tenant}.`;
  const arn = (kind: string, name: string): string => `arn:aws:ses:${options.region}:${TENANT_ACCOUNT}:${kind}/${name}`;
  const from = (options.headerFrom ?? '').toLowerCase();
  const domain = from.split('@')[1] ?? '';
  const ids = t.identities.map((i) => i.toLowerCase());
  const missing: string[] = [];
  if (from && !ids.includes(from) && !ids.includes(domain)) {
    // The identity SES sends as: the address when it is an identity itself, else its domain.
    const own = (options.verified ?? []).some((v) => v.toLowerCase() === from) ? from : domain;
    missing.push(arn('identity', own));
  }
  if (configurationSet !== undefined && !t.configurationSets.includes(configurationSet))
    missing.push(arn('configuration-set', configurationSet));
  return missing.length ? `Access denied: Tenant not associated with resources [${missing.join(', ')}].` : undefined;
}

const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/;
const FEEDBACK_TAGS = new Set(['ses:feedback-id-a', 'ses:feedback-id-b']);
const ARN = /^arn:aws(?:-cn|-us-gov)?:ses:([a-z0-9-]+):(\d{12}):identity\/(.+)$/;

function tagReply(value: string): string | undefined {
  for (const pair of value.split(',')) {
    const eq = pair.indexOf('=');
    const name = (eq === -1 ? pair : pair.slice(0, eq)).trim();
    const tagValue = eq === -1 ? '' : pair.slice(eq + 1).trim();
    if (!FEEDBACK_TAGS.has(name) && !TAG_PART.test(name))
      return `Invalid tag name <${name}>: only alphanumeric ASCII characters, '_', and '-' are allowed.`;
    if (!TAG_PART.test(tagValue))
      return `Invalid tag value <${tagValue}>: only alphanumeric ASCII characters, '_', and '-' are allowed.`;
  }
  return undefined;
}

/** SES's reply (code and text) to the message's X-SES-* headers, or undefined when they pass. */
export function sesHeaderReply(
  headers: readonly HeaderField[],
  options: HeaderRuleOptions,
): { code: number; text: string } | undefined {
  const get = (name: string): string | undefined =>
    headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
  const set = get('X-SES-CONFIGURATION-SET');
  if (set !== undefined && !options.configurationSets.includes(set))
    return { code: 554, text: `Configuration Set does not exist: Configuration set <${set}> does not exist.` };
  const tenant = get('X-SES-TENANT');
  if (tenant !== undefined) {
    const refusal = tenantReply(tenant, set, options);
    if (refusal) return { code: 554, text: refusal };
  }
  const tags = get('X-SES-MESSAGE-TAGS');
  if (tags !== undefined) {
    const problem = tagReply(tags);
    if (problem) return { code: 554, text: `Transaction failed: ${problem}` };
  }
  for (const header of ['X-SES-SOURCE-ARN', 'X-SES-FROM-ARN', 'X-SES-RETURN-PATH-ARN']) {
    const arn = get(header);
    if (arn === undefined) continue;
    const m = ARN.exec(arn);
    if (!m) return { code: 554, text: `Transaction failed: Invalid ${header} ARN <${arn}>.` };
    if (m[1] !== options.region)
      return {
        code: 554,
        text: `Transaction failed: Identity ARN <${arn}> is in region ${m[1]}; this endpoint sends in ${options.region}.`,
      };
    const from = (options.headerFrom ?? '').toLowerCase();
    const identity = m[3].toLowerCase();
    if (header !== 'X-SES-RETURN-PATH-ARN' && from && identity !== from && identity !== from.split('@')[1])
      return {
        code: 554,
        text: `Transaction failed: Identity ARN <${arn}> does not authorize sending from <${from}>.`,
      };
  }
  return undefined;
}
