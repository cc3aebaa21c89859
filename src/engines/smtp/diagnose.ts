// Turns a failed SMTP check (or send) plus what is known about the credentials into a ranked list
// of causes, each with its fix. Pure: no network, no secrets in the output. The rules live by
// concern: diagnoseConnection.ts (network, DNS, TLS, not SES), diagnoseAuth.ts (a refused
// login), diagnoseReply.ts (replies after the login); the table below picks one per failure code.
import { regionFromHost } from '../../base/regions';
import type { SmtpFailure, SmtpFailureCode } from './types';
import { describeType, optionalString, requireObject, SmtpInputError } from './input';
import { authCauses, notSubscribed } from './diagnoseAuth';
import { CONNECTION_RULES } from './diagnoseConnection';
import { authRequired, replyCauses } from './diagnoseReply';

export type Confidence = 'certain' | 'likely' | 'possible';

export interface Cause {
  id: CauseId;
  confidence: Confidence;
  /** One line: what is wrong. */
  title: string;
  /** What to do. */
  fix: string;
}

export type CauseId =
  | 'secret-key-as-password'
  | 'wrong-region'
  | 'legacy-v2'
  | 'username-not-access-key'
  | 'temporary-key'
  | 'whitespace-or-quotes'
  | 'url-encoded'
  | 'malformed-password'
  | 'password-not-from-secret'
  | 'key-inactive'
  | 'host-region-mismatch'
  | 'not-subscribed'
  | 'port-25-blocked'
  | 'network-blocked'
  | 'nothing-listening'
  | 'dns'
  | 'no-greeting'
  | 'tls-certificate'
  | 'tls-failed'
  | 'not-ses-endpoint'
  | 'starttls-required'
  | 'starttls-not-offered'
  | 'auth-required'
  | 'identity-not-verified'
  | 'sandbox-recipient'
  | 'iam-permission'
  | 'throttled'
  | 'temporary-service'
  | 'too-many-connections'
  | 'message-too-long'
  | 'connection-closed'
  | 'configuration-set-missing'
  | 'message-tag-invalid'
  | 'arn-region'
  | 'arn-identity'
  | 'unknown';

export interface KnownFacts {
  username?: string;
  password?: string;
  /** The IAM secret access key, when the user offered it; lets us name the region a password was made for. */
  secretAccessKey?: string;
  /** The region the user means to send in. */
  region?: string;
  host?: string;
  port?: number;
  /** Access key state, when an API call could tell. */
  keyStatus?: 'active' | 'inactive' | 'not-found';
}

export interface DiagnosableFailure {
  ok: boolean;
  host?: string;
  port?: number;
  failure?: Pick<SmtpFailure, 'code' | 'phase' | 'reply' | 'responseCode' | 'message'>;
}

/** What every rule sees. */
export interface DiagnosisContext {
  failure: NonNullable<DiagnosableFailure['failure']>;
  known: KnownFacts;
  host?: string;
  port?: number;
  /** The region meant, or the one in the host name. */
  region?: string;
  /** The server's reply, '' when there was none. */
  reply: string;
  /** Adds a cause once (a second one with the same id is dropped). */
  add: (cause: Cause) => void;
}

export type Rule = (context: DiagnosisContext) => void;

/** The rule table: which rule reads which failure. Codes without a rule get the "unknown" cause. */
const RULES: Partial<Record<SmtpFailureCode, Rule>> = {
  AUTH_FAILED: ({ reply, known, region, host, add }) =>
    /not subscribed/i.test(reply) ? add(notSubscribed(region)) : authCauses(known, region, host, add),
  AUTH_REQUIRED: authRequired,
  REJECTED: ({ reply, failure, region, add }) => replyCauses(reply, failure.responseCode, region, add),
  TEMPORARY: ({ reply, failure, region, add }) => replyCauses(reply, failure.responseCode, region, add),
  ...CONNECTION_RULES,
};

const RANK: Record<Confidence, number> = { certain: 0, likely: 1, possible: 2 };

/** Ranked causes, most likely first. Empty for a success or a cancelled check. */
export function diagnose(check: DiagnosableFailure, known: KnownFacts = {}): Cause[] {
  validateDiagnoseInput(check, known);
  const failure = check.failure;
  if (check.ok || !failure || failure.code === 'CANCELLED') return [];
  const host = known.host ?? check.host;
  const causes: Cause[] = [];
  const add = (cause: Cause): void => {
    if (!causes.some((c) => c.id === cause.id)) causes.push(cause);
  };
  const region = known.region ?? (host ? regionFromHost(host)?.region : undefined);
  RULES[failure.code as SmtpFailureCode]?.({
    failure,
    known,
    host,
    port: known.port ?? check.port,
    region,
    reply: failure.reply ?? '',
    add,
  });
  if (causes.length === 0) {
    add({
      id: 'unknown',
      confidence: 'possible',
      title: failure.message,
      fix: "Look at the transcript in the SES SMTP log for the server's exact reply.",
    });
  }
  return causes.sort((a, b) => RANK[a.confidence] - RANK[b.confidence]);
}

/** Throws SmtpInputError for arguments of the wrong type, which would otherwise fail as TypeErrors. */
function validateDiagnoseInput(check: unknown, known: unknown): void {
  requireObject(check, 'check', 'The check result to diagnose');
  if (check.failure !== undefined) requireObject(check.failure, 'check.failure', 'check.failure');
  requireObject(known, 'known', 'The known facts');
  for (const field of ['username', 'password', 'secretAccessKey', 'region', 'host'] as const)
    optionalString(known[field], `known.${field}`);
  optionalString(check.host, 'check.host');
  for (const [field, port] of [
    ['check.port', check.port],
    ['known.port', known.port],
  ] as const) {
    if (port !== undefined && typeof port !== 'number')
      throw new SmtpInputError(field, `${field} must be a number, not ${describeType(port)}.`);
  }
}
