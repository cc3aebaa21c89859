// The shapes the SES SMTP Doctor works with: what it is asked to look at, what each check found,
// and the ports (injected functions) through which checks reach SMTP, AWS and DNS. Plain data,
// no 'vscode', no SDK: every check is a small function over these, testable with fakes.
import type { IdentityDetails, AccountInfo } from '../aws/ses';
import type { TenantDetails, TenantReputation, TenantResourceRow } from '../aws/tenants';

/** A tenant as the Doctor reads it: GetTenant, ListTenantResources, GetReputationEntity. */
export interface TenantFacts {
  tenant: TenantDetails;
  resources: TenantResourceRow[];
  /** Absent when GetReputationEntity could not be read. */
  reputation?: TenantReputation;
}
import type { SmtpCheckResult, SmtpCheckOptions } from '../smtp/types';
import type { DnsRecord } from '../dns/records';
import type { RecordCheck } from '../dns/check';
import type { TlsMode } from '../../base/regions';

export type Verdict = 'fail' | 'warn' | 'pass' | 'skipped';

export type CheckId =
  | 'endpoint'
  | 'ports'
  | 'tls'
  | 'login'
  | 'key'
  | 'permission'
  | 'account'
  | 'identity'
  | 'recipient'
  | 'dns'
  | 'tracking'
  | 'ingress'
  | 'tenant';

export interface Finding {
  check: CheckId;
  verdict: Verdict;
  /** One sentence: what was found. */
  title: string;
  /** What was seen, line by line (no secrets). */
  evidence: string[];
  /** What to do; absent for a pass. */
  fix?: string;
  /** How likely this is the reason mail does not go out, 0–100; the ranker orders by it. */
  weight: number;
  /** A short cause id for rules and tests (e.g. 'key-inactive', 'identity-other-region'). */
  cause?: string;
}

/** An SES port as the user knows it, and where to connect to probe it (tests map them to local servers). */
export interface ProbePort {
  port: number;
  /** Defaults to `port`. */
  via?: number;
}

export interface DoctorInput {
  username: string;
  password: string;
  /** The SES region the credentials are meant for. */
  region?: string;
  /** The SMTP host (the region's endpoint unless overridden). */
  host: string;
  /** The port the client uses, and the one the login check connects to (its `via`, when mapped). */
  port: number;
  loginVia?: number;
  tls: TlsMode;
  from?: string;
  to?: string[];
  /** The SES tenant the application sends for (X-SES-TENANT), and the configuration set it sends with. */
  tenant?: string;
  configurationSet?: string;
  /** Ports to probe; default 587, 2587, 465, 2465, 25 on `host`. */
  ports?: ProbePort[];
  /** Whether an AWS profile (or the default chain) is there for the API checks. */
  aws: boolean;
  /** Extra trusted CA (tests). */
  ca?: string;
  /** The certificate pinned for the credential set (SHA-256), trusted besides those that verify. */
  pinnedCertificateSha256?: string;
}

export interface KeyUser {
  userName: string;
  lastUsed?: Date;
  service?: string;
  region?: string;
}

export type SimulationDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface Simulation {
  decision: SimulationDecision;
  /** The policies that decided (matched statements). */
  policies: string[];
}

/** The AWS calls the doctor makes; each may throw an SDK error (AccessDenied → "skipped: needs …"). */
export interface DoctorAws {
  /** sts:GetCallerIdentity */
  callerAccount(): Promise<{ account: string; arn?: string }>;
  /** sts:GetAccessKeyInfo */
  accessKeyAccount(accessKeyId: string): Promise<string>;
  /** iam:GetAccessKeyLastUsed */
  accessKeyLastUsed(accessKeyId: string): Promise<KeyUser>;
  /** iam:ListAccessKeys */
  listAccessKeys(userName: string): Promise<Array<{ id: string; status: string; created?: Date }>>;
  /** iam:SimulatePrincipalPolicy */
  simulateSend(userArn: string, resourceArn: string, from: string): Promise<Simulation>;
  /** iam:ListUserPolicies/GetUserPolicy/ListAttachedUserPolicies/GetPolicyVersion: the documents. */
  userPolicies(userName: string): Promise<Array<{ name: string; document: string }>>;
  /** ses:GetAccount */
  account(region: string): Promise<AccountInfo>;
  /** ses:GetEmailIdentity; undefined when the identity does not exist there. */
  identity(region: string, name: string): Promise<IdentityDetails | undefined>;
  /** ses:GetSuppressedDestination; undefined when not suppressed. */
  suppressed(region: string, address: string): Promise<{ reason: string; at?: Date } | undefined>;
  /**
   * ses:GetTenant, ses:ListTenantResources, ses:GetReputationEntity: the tenant, its resources and who
   * paused it; undefined when the region has no such tenant.
   */
  tenant?(region: string, name: string): Promise<TenantFacts | undefined>;
  /** ses:GetSuppressedDestination with TenantName; undefined when not on the tenant's list. */
  tenantSuppressed?(
    region: string,
    tenant: string,
    address: string,
  ): Promise<{ reason: string; at?: Date } | undefined>;
  /**
   * ses:GetConfigurationSet: the set's own Auto Validation (overriding the account's); undefined
   * when the region has no such set.
   */
  configurationSetAutoValidation?(
    region: string,
    name: string,
  ): Promise<{ autoValidation?: { enabled: boolean; threshold?: string } } | undefined>;
  /** Mail Manager (ses:GetIngressPoint, ses:ListIngressPoints, ses:GetRuleSet), when the bundle has it. */
  mailManager?: MailManagerPort;
}

export interface DoctorPorts {
  /** checkSmtpLogin from the SMTP bundle. */
  login(options: SmtpCheckOptions): Promise<SmtpCheckResult>;
  aws?: DoctorAws;
  /** checkDnsRecords with the resolver settings to use. */
  dns(records: readonly DnsRecord[]): Promise<RecordCheck[]>;
  /** Resolve a host name (dns.lookup); the addresses. */
  resolve(host: string): Promise<string[]>;
  /** Open a TCP connection; resolves with ms or rejects with the socket error code. */
  connect(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<number>;
  /** The certificate the server shows (implicit TLS or after STARTTLS). */
  certificate(
    host: string,
    port: number,
    tls: TlsMode,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<PeerCertificate>;
  /** SES regions to look for the From identity in. */
  regions: readonly string[];
}

export interface PeerCertificate {
  subject: string;
  issuer: string;
  altNames: string[];
  /** Whether Node's default trust store (plus extra CAs) accepted it, host name included. */
  trusted: boolean;
  error?: string;
  /** SHA-256 fingerprint, "AB:CD:…" (src/base/certificatePin.ts). */
  sha256?: string;
  /** Validity, ISO times. */
  validFrom?: string;
  validTo?: string;
}

export interface DoctorReport {
  startedAt: string;
  totalMs: number;
  /** Ordered: the most likely cause first. */
  findings: Finding[];
  /** One sentence: the top finding, or "nothing wrong found". */
  headline: string;
  /** Per check: how long it took, and whether it timed out. */
  timings: Array<{ check: string; ms: number; timedOut?: boolean }>;
  input: {
    username: string;
    region?: string;
    host: string;
    port: number;
    from?: string;
    to?: string[];
    tenant?: string;
    configurationSet?: string;
    aws: boolean;
  };
}

// Mail Manager (engines/doctor/mailManager.ts reads them; mailManagerApi.ts fetches them).

export interface IngressPoint {
  id: string;
  name?: string;
  /** PROVISIONING | DEPROVISIONING | UPDATING | ACTIVE | CLOSED | FAILED */
  status?: string;
  /** OPEN | AUTH | MTLS */
  type?: string;
  aRecord?: string;
  ruleSetId?: string;
  trafficPolicyId?: string;
  /** REQUIRED | OPTIONAL | FIPS (absent from older answers) */
  tlsPolicy?: string;
  passwordConfigured: boolean;
  secretArn?: string;
}

export interface RuleSet {
  id: string;
  name?: string;
  rules: Array<{
    name?: string;
    /** The rule's Send ("send to internet") actions. */
    sendRoles: Array<{ roleArn?: string; failurePolicy?: string }>;
    /** Every action's kind (Send, Drop, Relay, Archive, …). */
    actions: string[];
  }>;
}

/** The Mail Manager calls (mailManagerApi.ts over the wire). */
export interface MailManagerPort {
  /** ses:GetIngressPoint */
  ingressPoint(region: string, id: string): Promise<IngressPoint>;
  /** ses:ListIngressPoints: the id of the ingress point whose A record is `host`. */
  ingressPointByHost(region: string, host: string): Promise<string | undefined>;
  /** ses:GetRuleSet */
  ruleSet(region: string, id: string): Promise<RuleSet>;
}
