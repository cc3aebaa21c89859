// Turns a failed SMTP check (or send) plus what is known about the credentials into a ranked list
// of causes, each with its fix. Pure: no network, no secrets in the output. The table at the end picks
// the rules for each failure code; the rules follow by concern: the network, DNS, TLS and servers
// that are not SES; a refused login (535); the replies after the login; SES's replies to the
// X-SES-* headers of a message.
import { parseSesHost, regionFromHost, SES_REGIONS, SES_SMTP_REGIONS } from '../../base/regions';
import type { SmtpFailure, SmtpFailureCode } from './types';
import { describeType, optionalString, requireObject, SmtpInputError } from './input';
import {
  classifySmtpPassword,
  classifySmtpUsername,
  findPasswordRegion,
  isMailManagerUsername,
} from '../../base/password';
import { expectFunction, expectObject, expectOptionalString, expectString } from '../../base/guards';
import { bareAddress } from '../../base/names';
import { CLIENT_FRAMEWORK_NAMES, withHint, type ClientFramework } from './frameworkHints';

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
  | 'tls-name-mismatch'
  | 'tls-certificate-changed'
  | 'tls-failed'
  | 'tls-mode-mismatch'
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
  | 'session-limit'
  | 'message-too-long'
  | 'connection-closed'
  | 'configuration-set-missing'
  | 'message-tag-invalid'
  | 'arn-region'
  | 'arn-identity'
  | 'tenant-not-found'
  | 'tenant-paused'
  | 'tenant-not-associated'
  | 'ingress-v4-password'
  | 'ingress-login-to-ses'
  | 'ingress-password'
  | 'no-smtp-endpoint'
  | 'tls-version-refused'
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
  /** The message's From address (a send), to tell a refused sender from a refused recipient. */
  from?: string;
  /** The message's recipients (a send). */
  to?: readonly string[];
  /** The mail client that failed (an application's log line names it): its own settings go into the fixes. */
  framework?: ClientFramework;
  /** The account's maximum send rate in the region, messages per second (the SES Explorer knows it). */
  maxSendRate?: number;
  /** Whether the account is in the SES sandbox in the region, when known. */
  sandbox?: boolean;
  /** The SES tenant the message was sent for (its X-SES-TENANT), so a refusal can name it. */
  tenant?: string;
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
  for (const field of ['username', 'password', 'secretAccessKey', 'region', 'host', 'from', 'tenant'] as const)
    optionalString(known[field], `known.${field}`);
  if (known.to !== undefined && !(Array.isArray(known.to) && known.to.every((t) => typeof t === 'string')))
    throw new SmtpInputError('known.to', `known.to must be a list of addresses, not ${describeType(known.to)}.`);
  if (
    known.framework !== undefined &&
    !(
      typeof known.framework === 'string' &&
      Object.prototype.hasOwnProperty.call(CLIENT_FRAMEWORK_NAMES, known.framework)
    )
  )
    throw new SmtpInputError(
      'known.framework',
      `known.framework must be one of ${Object.keys(CLIENT_FRAMEWORK_NAMES).join(', ')}, not ${describeType(known.framework)}.`,
    );
  if (known.maxSendRate !== undefined && !(typeof known.maxSendRate === 'number' && known.maxSendRate > 0))
    throw new SmtpInputError(
      'known.maxSendRate',
      `known.maxSendRate must be a positive number, not ${describeType(known.maxSendRate)}.`,
    );
  if (known.sandbox !== undefined && typeof known.sandbox !== 'boolean')
    throw new SmtpInputError(
      'known.sandbox',
      `known.sandbox must be true or false, not ${describeType(known.sandbox)}.`,
    );
  optionalString(check.host, 'check.host');
  for (const [field, port] of [
    ['check.port', check.port],
    ['known.port', known.port],
  ] as const) {
    if (port !== undefined && typeof port !== 'number')
      throw new SmtpInputError(field, `${field} must be a number, not ${describeType(port)}.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Diagnosis rules for a session that failed before or around the login: the network, DNS, TLS, and servers that are not SES.

/** "…not the one trusted…: pinned SHA-256 X, presented SHA-256 Y." when the session named both. */
function changedCertificateTitle(message: string): string {
  const both = /Pinned SHA-256 ([0-9A-F:]+); presented SHA-256 ([0-9A-F:]+|none)\./.exec(message);
  const title = "The server's certificate is not the one trusted for these credentials";
  return both ? `${title}: pinned SHA-256 ${both[1]}, presented SHA-256 ${both[2]}.` : `${title}.`;
}

/** Node's words (and code) for a certificate that verifies but does not name the host dialled. */
export const CERTIFICATE_NAME_MISMATCH = /does not match certificate's altnames|ERR_TLS_CERT_ALTNAME_INVALID/i;

/**
 * The certificate is sound but for other names: the host dialled is a VPC endpoint's own DNS name,
 * an address, or a DNS alias of the user's own. The fix is the name to dial.
 */
export function certificateNameFix(host: string | undefined, region: string | undefined): string {
  const regional = `email-smtp.${region ?? '<region>'}.amazonaws.com`;
  const ses = host ? parseSesHost(host) : undefined;
  // Not SES and no region meant: a relay of your own, whose certificate names other hosts.
  if (!ses && !region)
    return (
      'Connect to a name the certificate lists (a client checks the name it dials against it). For a relay you ' +
      'control, a saved credential set can trust this certificate by its fingerprint (Trust TLS Certificate of ' +
      'SMTP Relay…).'
    );
  if (ses?.kind === 'vpce')
    return (
      `Turn on private DNS for the VPC endpoint and connect to ${regional}, which then resolves to the endpoint ` +
      'inside the VPC; or connect to a name the certificate lists.'
    );
  if (host && /^[\d.]+$|:/.test(host))
    return `Connect by name, not by address: ${regional}. A client checks the name it dials against the certificate.`;
  return (
    `Connect to a name on the certificate, such as ${regional}. A client checks the name it dials against the ` +
    'certificate, and a DNS alias (CNAME) of your own that points to SES does not change the certificate SES serves.'
  );
}

export const CONNECTION_RULES: Record<
  'REFUSED' | 'TIMEOUT' | 'DNS' | 'TLS_CERT' | 'TLS' | 'TLS_NOT_OFFERED' | 'AUTH_UNSUPPORTED' | 'CLOSED',
  Rule
> = {
  REFUSED: refused,
  TIMEOUT: ({ failure, port, add, known }) => timeoutCauses(failure.phase, port, add, known.framework),
  DNS: (context) => noSmtpEndpoint(context) || dns(context),
  TLS_CERT: ({ failure, host, region, add }) =>
    add(
      CERTIFICATE_NAME_MISMATCH.test(failure.message) && !/certificate changed/.test(failure.message)
        ? {
            id: 'tls-name-mismatch',
            confidence: 'likely',
            title: `The server's certificate is valid, but not for ${host ?? 'the host dialled'}.`,
            fix: certificateNameFix(host, region),
          }
        : /certificate changed/.test(failure.message)
          ? {
              id: 'tls-certificate-changed',
              confidence: 'likely',
              title: changedCertificateTitle(failure.message),
              fix:
                "Compare both fingerprints with the server's own (e.g. openssl x509 -noout -fingerprint -sha256). If " +
                'the relay really has a new certificate, trust the new one (Trust TLS Certificate of SMTP Relay…); if ' +
                'not, something on the path intercepts the connection: send nothing through it.',
            }
          : {
              id: 'tls-certificate',
              confidence: 'likely',
              title: "The server's certificate was not trusted.",
              fix:
                'A proxy or antivirus may be intercepting TLS, or the host is not the real SES endpoint. Connect directly ' +
                'to email-smtp.<region>.amazonaws.com; if your company proxy re-signs TLS, add its CA to ' +
                'NODE_EXTRA_CA_CERTS. For a relay you control, a saved credential set can trust its certificate by its ' +
                'SHA-256 fingerprint (Trust TLS Certificate of SMTP Relay…).',
            },
    ),
  TLS: ({ failure, port, known, add }) =>
    add(
      // Only before any SMTP: after STARTTLS the same words mean something in the path broke TLS.
      failure.phase === 'connect' && TLS_MODE_MISMATCH.test(failure.message)
        ? tlsModeMismatch(port, known.framework)
        : {
            id: 'tls-failed',
            confidence: 'likely',
            title: `The TLS handshake failed: ${failure.message}`,
            fix:
              'SES requires TLS 1.2 or newer. Check for a proxy that intercepts TLS, and that the TLS mode matches the ' +
              'port (STARTTLS on 587/2587/25, implicit TLS on 465/2465).',
          },
    ),
  TLS_NOT_OFFERED: ({ host, port, region, add }) => add(noStarttls(host, port, region)),
  AUTH_UNSUPPORTED: ({ region, add }) =>
    add({
      id: 'not-ses-endpoint',
      confidence: 'likely',
      title: 'The server did not offer AUTH, which SES always does after TLS.',
      fix:
        `Something between you and SES answers instead (a proxy, a local relay or a wrong host). Use ` +
        `email-smtp.${region ?? '<region>'}.amazonaws.com.`,
    }),
  CLOSED: closed,
};

/**
 * What TLS libraries say when they start a handshake and the server answers in plain SMTP: TLS from
 * the first byte on a STARTTLS port (OpenSSL, Python's ssl, Go's crypto/tls).
 */
const TLS_MODE_MISMATCH =
  /wrong version number|WRONG_VERSION_NUMBER|first record does not look like a TLS handshake|unknown protocol/i;

function tlsModeMismatch(port: number | undefined, framework: ClientFramework | undefined): Cause {
  return {
    id: 'tls-mode-mismatch',
    confidence: 'certain',
    title:
      `The client started TLS at once${port ? ` on port ${port}` : ''}, but the server there starts in plain ` +
      'text and expects STARTTLS ("wrong version number": the TLS library read the SMTP greeting).',
    fix: withHint(
      'Use STARTTLS on 587, 2587 and 25, or implicit TLS on 465 or 2465: the TLS mode and the port must go together.',
      framework,
      'tls-mode',
    ),
  };
}

function refused({ host, port, add }: DiagnosisContext): void {
  if (port === 25) return add(port25());
  add({
    id: 'nothing-listening',
    confidence: 'likely',
    title: host ? `Nothing accepted the connection on ${host}:${port}.` : 'Nothing accepted the connection.',
    fix:
      'Check the host and port: SES listens on 587 and 2587 (STARTTLS) and on 465 and 2465 (TLS). A local firewall ' +
      'or proxy may also reject the connection.',
  });
}

function dns({ host, region, add }: DiagnosisContext): void {
  add({
    id: 'dns',
    confidence: 'certain',
    title: `The host ${host} does not resolve.`,
    fix:
      'Check the spelling and region: SES SMTP hosts are email-smtp.<region>.amazonaws.com' +
      `${region ? `, here email-smtp.${region}.amazonaws.com` : ''}. Also check this machine's DNS and proxy settings.`,
  });
}

function closed({ failure, add }: DiagnosisContext): void {
  add({
    id: 'connection-closed',
    confidence: 'possible',
    title: `The server closed the connection during ${failure.phase}.`,
    fix:
      failure.phase === 'greeting' || failure.phase === 'connect'
        ? 'Check the TLS mode for the port (465/2465 need TLS from the first byte; ' +
          '587/2587/25 start plain and use STARTTLS).'
        : 'Retry; if it keeps happening, check for a proxy or firewall that cuts SMTP sessions.',
  });
}

/** SES offers STARTTLS on every plain port; a server that does not is another server, or a middlebox. */
function noStarttls(host: string | undefined, port: number | undefined, region: string | undefined): Cause {
  const title = 'The server offers no STARTTLS.';
  const endpoint = `email-smtp.${region ?? '<region>'}.amazonaws.com`;
  if (host && regionFromHost(host)) {
    return {
      id: 'starttls-not-offered',
      confidence: 'likely',
      title,
      fix:
        `${host} is an SES endpoint, and SES always offers STARTTLS on 25, 587 and 2587: ` +
        'something between you and SES ' +
        '(a proxy, antivirus or firewall that inspects SMTP) answers instead or strips STARTTLS. ' +
        'Try another network, port 2587, or implicit TLS on 465/2465, which such filters cannot strip.',
    };
  }
  return {
    id: 'starttls-not-offered',
    confidence: 'likely',
    title,
    fix:
      `${host ?? 'This host'}${port ? ` on port ${port}` : ''} is not an SES SMTP endpoint, ` +
      `or something intercepts the connection. Use ${endpoint} on 587 or 2587 (STARTTLS) or 465/2465 (implicit TLS).`,
  };
}

function port25(): Cause {
  return {
    id: 'port-25-blocked',
    confidence: 'likely',
    title: 'Port 25 is blocked or throttled on this network (EC2 and many ISPs do this).',
    fix: 'Use port 587 or 2587 with STARTTLS, or 465/2465 with TLS.',
  };
}

function timeoutCauses(
  phase: SmtpFailure['phase'],
  port: number | undefined,
  add: (c: Cause) => void,
  framework?: ClientFramework,
): void {
  if (phase === 'connect') {
    if (port === 25) add(port25());
    else
      add({
        id: 'network-blocked',
        confidence: 'likely',
        title: `No answer from the server on port ${port}: a firewall or network drops the connection.`,
        fix:
          'Allow outbound connections to the SES endpoint on 587 (or try 2587 or 465). Corporate and cloud networks ' +
          'often block SMTP ports.',
      });
    return;
  }
  if (phase === 'greeting') {
    const implicitPort = port === 465 || port === 2465;
    add({
      id: 'no-greeting',
      confidence: 'likely',
      title: 'The connection opened but the server never sent its greeting.',
      fix: withHint(
        implicitPort
          ? `Port ${port} expects TLS from the first byte: use implicit TLS (secure: true), not STARTTLS.`
          : 'If you connected with implicit TLS to a STARTTLS port (or plain SMTP to 465/2465), switch the TLS mode: ' +
              'STARTTLS on 587/2587/25, implicit TLS on 465/2465. Otherwise a proxy may be holding the connection.',
        framework,
        'tls-mode',
      ),
    });
    return;
  }
  if (phase === 'starttls') {
    add({
      id: 'tls-failed',
      confidence: 'likely',
      title: 'The TLS handshake did not finish in time.',
      fix: 'Something on the path may intercept TLS. Try another network or port 465 with implicit TLS.',
    });
    return;
  }
  add({
    id: 'connection-closed',
    confidence: 'possible',
    title: `The server stopped answering during ${phase}.`,
    fix: 'Retry later; if it persists, check for a proxy in the path.',
  });
}

// ---------------------------------------------------------------------------------------------
// Diagnosis rules for a refused login (535): what the username, the password and, when given, the IAM secret key say about why SES refused it.

type Add = (cause: Cause) => void;

const USERNAME_KIND: Partial<Record<string, string>> = {
  email: 'an email address',
  'iam-user-name': 'an IAM user name',
};
type PasswordInfo = ReturnType<typeof classifySmtpPassword>;

/** 535 Account not subscribed to SES. */
export function notSubscribed(region: string | undefined): Cause {
  return {
    id: 'not-subscribed',
    confidence: 'certain',
    title: `The AWS account has no SES in ${region ?? 'this region'} ("Account not subscribed to SES").`,
    fix:
      `Open the SES console in ${region ?? 'that region'} once to set SES up there, or send through a region where ` +
      'SES is already in use. If this is a new opt-in region, enable the region for the account first.',
  };
}

/** 535 Authentication Credentials Invalid: the causes, from what is certain to what is possible. */
export function authCauses(known: KnownFacts, region: string | undefined, host: string | undefined, add: Add): void {
  expectObject(known, 'authCauses', 'known');
  expectOptionalString(region, 'authCauses', 'region');
  expectOptionalString(host, 'authCauses', 'host');
  expectFunction(add, 'authCauses', 'add');
  const password = known.password ?? '';
  const pw = classifySmtpPassword(password);
  const user = known.username !== undefined ? classifySmtpUsername(known.username) : undefined;
  const secret = known.secretAccessKey?.trim();
  const usernameExplains = usernameCauses(user, add);
  // Without the password (an application's log line never shows it), its shape tells nothing.
  if (known.password !== undefined) {
    passwordProblemCauses(pw, add);
    if (passwordShapeCauses(password, pw, secret, region, add)) return;
  }
  // A well-formed v4 password that was refused.
  const hostRegion = host ? regionFromHost(host)?.region : undefined;
  if (hostRegion && known.region && hostRegion !== known.region) {
    add({
      id: 'host-region-mismatch',
      confidence: 'likely',
      title: `The host is in ${hostRegion} but the credentials are for ${known.region}.`,
      fix: `Use email-smtp.${known.region}.amazonaws.com, or derive the password for ${hostRegion}.`,
    });
  }
  if (secret) secretCauses(secret, pw, known, region, add, usernameExplains);
  else unknownSecretCauses(region, add);
}

/** Adds what is wrong with the username; true when something certain was found. */
function usernameCauses(user: ReturnType<typeof classifySmtpUsername> | undefined, add: Add): boolean {
  if (!user) return false;
  const found =
    user.kind !== 'access-key' || user.problems.includes('whitespace-outside') || user.problems.includes('quoted');
  if (user?.kind === 'temporary-key') {
    add({
      id: 'temporary-key',
      confidence: 'certain',
      title: 'The username is a temporary access key (ASIA…), which SES SMTP never accepts.',
      fix:
        'Create a long-term access key for an IAM user (or use "Create SMTP credentials") and derive the SMTP ' +
        'password from its secret.',
    });
  } else if (
    user &&
    (user.kind === 'iam-user-name' || user.kind === 'email' || user.kind === 'malformed' || user.kind === 'empty')
  ) {
    add({
      id: 'username-not-access-key',
      confidence: 'certain',
      title: `The username is ${USERNAME_KIND[user.kind] ?? 'not an access key id'}, not the access key id.`,
      fix: 'Use the IAM access key id (AKIA…, 20 characters) as the SMTP username.',
    });
  }
  if (user && (user.problems.includes('whitespace-outside') || user.problems.includes('quoted'))) {
    add({
      id: 'whitespace-or-quotes',
      confidence: 'certain',
      title: 'The username has spaces, a line break or quotes around it.',
      fix: 'Remove them; in .env files write the value without stray quotes or trailing spaces.',
    });
  }
  return found;
}

function passwordProblemCauses(pw: PasswordInfo, add: Add): void {
  if (pw.problems.includes('url-encoded')) {
    add({
      id: 'url-encoded',
      confidence: 'certain',
      title: 'The password is URL-encoded (%2B, %2F or %3D) where the raw value is expected.',
      fix: 'Use the raw password. Encode + / = only inside smtp:// URLs, and there always.',
    });
  }
  if (pw.problems.some((p) => p === 'whitespace-outside' || p === 'whitespace-inside' || p === 'quoted')) {
    add({
      id: 'whitespace-or-quotes',
      confidence: 'certain',
      title: 'The password carries spaces, line breaks or quotes that became part of it.',
      fix:
        'Paste the password again without them; in .env files quote it with plain double quotes only if your loader ' +
        'needs it.',
    });
  }
}

/** Causes the password's shape settles alone; true when one did. */
function passwordShapeCauses(
  password: string,
  pw: PasswordInfo,
  secret: string | undefined,
  region: string | undefined,
  add: Add,
): boolean {
  const effective = pw.cleanedKind ?? pw.kind;
  if (effective === 'iam-secret' || (secret && password.trim() === secret)) {
    add({
      id: 'secret-key-as-password',
      confidence: 'certain',
      title: 'The password is an IAM secret access key, not an SMTP password.',
      fix:
        `Derive the SMTP password from that secret for ${region ?? 'your region'} with "SES SMTP: Generate SMTP ` +
        `Password from IAM Secret Key" and use the result (44 characters).`,
    });
    return true;
  }
  if (effective === 'v2') {
    add({
      id: 'legacy-v2',
      confidence: 'certain',
      title: 'The password is a legacy version 2 SMTP password, which SES no longer accepts.',
      fix: `Derive a version 4 password for ${region ?? 'your region'} from the same IAM secret key.`,
    });
    return true;
  }
  if (effective === 'malformed' || effective === 'empty') {
    add({
      id: 'malformed-password',
      confidence: 'certain',
      title: `The password is not an SES SMTP password: ${pw.summary}`,
      fix:
        'SES SMTP passwords are 44 characters and start with "B". ' +
        'Derive one from the IAM secret key for your region.',
    });
    return true;
  }

  return false;
}

/** With the secret key known, the password can be checked against every region. */
function secretCauses(
  secret: string,
  pw: PasswordInfo,
  known: KnownFacts,
  region: string | undefined,
  add: Add,
  usernameExplains: boolean,
): void {
  const match = findPasswordRegion(secret, pw.cleaned, [
    ...new Set([...(region ? [region] : []), ...SES_REGIONS.map((r) => r.id)]),
  ]);
  if (match.kind === 'region' && match.region !== region) {
    add({
      id: 'wrong-region',
      confidence: 'certain',
      title: `The password was derived for ${match.region}, not ${region ?? 'the region of this endpoint'}.`,
      fix:
        `Derive the password again for ${region ?? 'the region you send through'}, or send through ` +
        `email-smtp.${match.region}.amazonaws.com.`,
    });
    return;
  }
  if (match.kind === 'v2') {
    add({
      id: 'legacy-v2',
      confidence: 'certain',
      title: 'The password is the legacy version 2 password for this secret.',
      fix: `Derive a version 4 password for ${region ?? 'your region'}.`,
    });
    return;
  }
  if (match.kind === 'none') {
    add({
      id: 'password-not-from-secret',
      confidence: 'certain',
      title: 'The password was not derived from this secret access key (for any known region).',
      fix:
        'It belongs to another access key, or was mistyped. Derive it again from the secret of the access key used ' +
        'as username.',
    });
    return;
  }
  // Correct password for the region: the username already explains the 535 (it names no key, or
  // carries quotes), or else the key itself must be the problem.
  if (usernameExplains) return;
  add({
    id: 'key-inactive',
    confidence: known.keyStatus === 'inactive' || known.keyStatus === 'not-found' ? 'certain' : 'likely',
    title:
      'The password matches the secret and region, so the access key itself is refused: ' +
      'it was deleted, deactivated or rotated, or belongs to another account.',
    fix:
      'Check the key in IAM (Users → Security credentials). Create a new access key if needed and derive the ' +
      'password again.',
  });
  return;
}

function unknownSecretCauses(region: string | undefined, add: Add): void {
  add({
    id: 'wrong-region',
    confidence: 'likely',
    title: `The password may have been derived for another region than ${region ?? "this endpoint's"}.`,
    fix:
      'v4 SMTP passwords work in one region only. Give the IAM secret key to "Check SMTP Login" to find the region ' +
      'it was made for, or derive it again for this region.',
  });
  add({
    id: 'key-inactive',
    confidence: 'possible',
    title: 'The access key may have been deleted, deactivated or rotated since the password was made.',
    fix: 'Check the key in IAM; create a new one and derive the password again if needed.',
  });
  add({
    id: 'password-not-from-secret',
    confidence: 'possible',
    title: 'The password may belong to a different access key than the username.',
    fix: 'Use the username and password from the same credentials (the SES console shows them together once).',
  });
}

// ---------------------------------------------------------------------------------------------
// Diagnosis rules for what the server replied after the login: 530, 554 (identities, IAM), 454 throttling, 421, 552 and other temporary failures.

/** 530: the client skipped STARTTLS or the login. */
export function authRequired(context: DiagnosisContext): void {
  expectObject(context, 'authRequired', 'context');
  const { reply, add } = context;
  const framework = (context.known as KnownFacts | undefined)?.framework;
  expectString(reply, 'authRequired', 'context.reply');
  expectFunction(add, 'authRequired', 'context.add');
  if (/STARTTLS/i.test(reply)) {
    add({
      id: 'starttls-required',
      confidence: 'certain',
      title: 'The client tried to log in before starting TLS.',
      fix: withHint(
        'Turn on STARTTLS (for example nodemailer requireTLS: true, Django EMAIL_USE_TLS=True, Rails ' +
          'enable_starttls_auto: true) on ports 587/2587, or use implicit TLS on 465/2465.',
        framework,
        'tls-mode',
      ),
    });
    return;
  }
  add({
    id: 'auth-required',
    confidence: 'certain',
    title: 'The client sent mail without logging in (530 Authentication required).',
    fix: 'Configure the SMTP username and password in the client; SES accepts no unauthenticated mail.',
  });
}

export function replyCauses(
  reply: string,
  code: number | undefined,
  region: string | undefined,
  add: (c: Cause) => void,
  known: Pick<KnownFacts, 'from' | 'to' | 'framework' | 'maxSendRate' | 'sandbox' | 'tenant'> = {},
): void {
  if (sesHeaderCauses(reply, region, add, known.tenant)) return;
  if (/not verified/i.test(reply)) return notVerified(reply, region, add, known);
  // Before the IAM rule, which would take SES's "Access denied" of the TLS refusal for a missing permission.
  if (tlsRefusal(reply, add)) return;
  if (/Access denied/i.test(reply) || /not authorized to perform/i.test(reply)) {
    add({
      id: 'iam-permission',
      confidence: 'certain',
      title: 'The IAM user behind these credentials may not call ses:SendRawEmail.',
      fix:
        'Attach a policy that allows "ses:SendRawEmail" (optionally limited with ses:FromAddress) to the IAM user ' +
        'that owns the access key.',
    });
    return;
  }
  if (/Throttling|rate exceeded|quota exceeded/i.test(reply)) return throttled(reply, add, region, known);
  limitCauses(reply, code, add, known.framework);
}

/** Whether a failed identity (an address or a domain) is this address or its domain. */
function identityCovers(identity: string, address: string): boolean {
  const id = identity.trim().toLowerCase();
  const bare = bareAddress(address).toLowerCase();
  return id === bare || id === bare.slice(bare.lastIndexOf('@') + 1);
}

/** 554 Message rejected: Email address is not verified … in region X: a, b */
function notVerified(
  reply: string,
  region: string | undefined,
  add: (c: Cause) => void,
  known: Pick<KnownFacts, 'from' | 'to' | 'sandbox'> = {},
): void {
  const m = /failed the check in region ([A-Z0-9-]+):\s*(.*)$/i.exec(reply);
  const where = m ? m[1].toLowerCase() : region;
  const identities = m ? m[2].split(/,\s*/).filter(Boolean) : [];
  // When SES names only recipients (the From passed), the account is in the sandbox: the fix starts
  // with the recipient and the production access request, not with verifying the sender.
  const recipients = identities.filter((id) => (known.to ?? []).some((to) => identityCovers(id, to)));
  const fromFailed = known.from !== undefined && identities.some((id) => identityCovers(id, known.from!));
  if (recipients.length && recipients.length === identities.length && !fromFailed) {
    add({
      id: 'sandbox-recipient',
      confidence: 'certain',
      title:
        `The recipient ${recipients.join(', ')} is not verified in ${where ?? 'this region'}: the account is in ` +
        `the SES sandbox there, where mail goes only to verified addresses.`,
      fix:
        `Send to a verified address or to the mailbox simulator (success@simulator.amazonses.com), verify the ` +
        `recipient in SES in ${where ?? 'the region'}, or request production access to send to anyone ` +
        `(SES console → Account dashboard → Request production access; ` +
        `https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html).`,
    });
    return;
  }
  add({
    id: 'identity-not-verified',
    confidence: 'certain',
    title: `Not verified in ${where ?? 'this region'}: ${identities.join(', ') || 'the sender'}.`,
    fix:
      `Verify the From domain or address in SES in ${where ?? 'the region you send through'} (identities are per ` +
      `region). In the sandbox, recipients must be verified too, or use the mailbox simulator ` +
      `(success@simulator.amazonses.com); request production access to send to anyone.`,
  });
  if (identities.length > 1 || (known.sandbox === true && known.from === undefined)) {
    add({
      id: 'sandbox-recipient',
      confidence: 'likely',
      title:
        identities.length > 1
          ? 'Several identities failed: in the SES sandbox the recipients must be verified as well.'
          : `The account is in the SES sandbox in ${where ?? 'this region'}: if ${identities[0] ?? 'it'} is a ` +
            'recipient, it must be verified as well.',
      fix:
        'Verify the recipient, send to the mailbox simulator, or request production access for the account ' +
        '(SES console → Account dashboard → Request production access; ' +
        'https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html).',
    });
  }
}

function throttled(
  reply: string,
  add: (c: Cause) => void,
  region: string | undefined,
  known: Pick<KnownFacts, 'framework' | 'maxSendRate'>,
): void {
  const daily = /Daily message quota/i.test(reply);
  const rate = known.maxSendRate;
  add({
    id: 'throttled',
    confidence: 'certain',
    title: daily
      ? 'The daily sending quota is used up.'
      : rate
        ? `Sending faster than the account's maximum send rate (${rate} per second in ${region ?? 'this region'}).`
        : "Sending faster than the account's maximum send rate.",
    fix: daily
      ? 'Wait until the 24-hour window frees up, or request a quota increase (the sandbox allows 200 a day).'
      : withHint(
          rate
            ? `Retry with backoff (5 s, 10 s, 30 s …) and send at most ${rate} messages per second, or request a higher rate.`
            : 'Retry with backoff (5 s, 10 s, 30 s …) and send fewer messages per second, or request a higher rate.',
          known.framework,
          'rate',
        ),
  });
}

/** 421, 552 and other 4xx replies. */
function limitCauses(
  reply: string,
  code: number | undefined,
  add: (c: Cause) => void,
  framework: ClientFramework | undefined,
): void {
  if (code === 421 && /message count per session/i.test(reply)) {
    add({
      id: 'session-limit',
      confidence: 'certain',
      title:
        'Too many messages over one SMTP connection: SES closed the session ("Maximum message count per session").',
      fix: withHint(
        'Open a new connection every few hundred messages (SES has closed sessions after about 350), and on this ' +
          '421 reconnect and send the message again.',
        framework,
        'session',
      ),
    });
    return;
  }
  if (code === 421) {
    add({
      id: 'too-many-connections',
      confidence: 'certain',
      title: 'Too many SMTP connections at once.',
      fix: 'Use fewer concurrent connections (a pool of a few), and retry.',
    });
    return;
  }
  if (code === 552 || /too long/i.test(reply)) {
    add({
      id: 'message-too-long',
      confidence: 'certain',
      title: 'The message is larger than SES accepts.',
      fix: 'Keep messages, including attachments after encoding, under the SES size limit (40 MB by default).',
    });
    return;
  }
  if (code && code >= 400 && code < 500) {
    add({
      id: 'temporary-service',
      confidence: 'likely',
      title: `A temporary failure at SES: ${reply}`,
      fix: 'Retry with backoff (5 s, 10 s, 30 s …).',
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Diagnosis of SES's replies to the X-SES-* headers of a message: a configuration set that does not exist in the region, a message tag SES refuses, and a sending-authorization ARN for another region or for an identity that does not cover the From address. Each rule names the cause and the fix; returns true when one matched.

export function sesHeaderCauses(
  reply: string,
  region: string | undefined,
  add: (c: Cause) => void,
  tenant?: string,
): boolean {
  const where = region ?? 'this region';
  if (tenantCauses(reply, where, add, tenant)) return true;
  const set = /Configuration set <?([^<>\s]+?)>? does not exist/i.exec(reply);
  if (set || /Configuration ?Set ?does ?not ?exist/i.test(reply)) {
    const name = set?.[1];
    add({
      id: 'configuration-set-missing',
      confidence: 'certain',
      title: `Configuration set ${name ? `"${name}" ` : ''}does not exist in ${where}.`,
      fix:
        `Configuration sets are per region: create "${name ?? 'the set'}" in the SES console (Configuration sets) in ` +
        `${where}, pick one that exists there, or send without X-SES-CONFIGURATION-SET. A default configuration set ` +
        'on the identity that was deleted fails the same way: remove it from the identity.',
    });
    return true;
  }
  const tag = /Invalid tag (name|value) <([^>]*)>/i.exec(reply);
  if (tag) {
    add({
      id: 'message-tag-invalid',
      confidence: 'certain',
      title: `SES refused the message tag ${tag[1].toLowerCase()} "${tag[2]}" in X-SES-MESSAGE-TAGS.`,
      fix:
        'Tag names and values may contain only ASCII letters, digits, "_" and "-" (at most 256 characters each), ' +
        'written as "name1=value1, name2=value2": replace dots, colons, @ and spaces (for example order_id=A-42).',
    });
    return true;
  }
  if (/ARN/.test(reply) && /Transaction failed/i.test(reply)) {
    const arn = /<(arn:[^>]+)>/.exec(reply)?.[1];
    const arnRegion = arn?.split(':')[3];
    if (/\bregion\b/i.test(reply) || (arnRegion && region && arnRegion !== region)) {
      add({
        id: 'arn-region',
        confidence: 'certain',
        title:
          `The sending-authorization ARN ${arn ?? ''} is for ${arnRegion ?? 'another region'}, not ${where}.`.replace(
            '  ',
            ' ',
          ),
        fix:
          `Sending authorization works only in the identity's region: use the identity owner's ARN in ${where}, ` +
          `or send with credentials (and the SMTP endpoint) of ${arnRegion ?? "the identity's region"}.`,
      });
      return true;
    }
    add({
      id: 'arn-identity',
      confidence: 'certain',
      title: `The sending-authorization ARN${arn ? ` ${arn}` : ''} does not cover the From address.`,
      fix:
        'The source and From ARNs must name the From address or its domain: use the ARN of that identity ' +
        '(the owner shares it with its sending authorization policy), or change From to an address it covers.',
    });
    return true;
  }
  return false;
}

/**
 * SES's refusals of a message sent for a tenant (X-SES-TENANT, #27): the tenant does not exist in the
 * region, it is paused, or the From identity or the configuration set is not associated with it.
 * The texts are the API's (SES documents no SMTP wording; README, SES facts): "Tenant <name> for
 * AwsAccountId <id> not found.", "Tenant not associated with resources [<ARNs>]."; a paused tenant
 * is recognized by "tenant" next to "paused" or "disabled".
 */
function tenantCauses(reply: string, where: string, add: (c: Cause) => void, tenant?: string): boolean {
  // The tenant by name when the send knows it (its X-SES-TENANT), else by the header.
  const theTenant = tenant ? `The tenant ${tenant}` : 'The tenant of X-SES-TENANT';
  const unknown = /\bTenant (\S+) for AwsAccountId \d+ not found/i.exec(reply);
  if (unknown) {
    add({
      id: 'tenant-not-found',
      confidence: 'certain',
      title: `SES has no tenant "${unknown[1]}" in ${where} (named by X-SES-TENANT).`,
      fix:
        `Tenants are per region and their names are exact: create "${unknown[1]}" in the SES console (Tenants) ` +
        `in ${where}, pick a tenant that exists there (the SES Explorer lists them), or send without X-SES-TENANT.`,
    });
    return true;
  }
  const resources = /Tenant not associated with resources\s*\[([^\]]*)\]/i.exec(reply);
  if (resources || /Tenant not associated with resources/i.test(reply)) {
    const arns = (resources?.[1] ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    const named = arns.map((a) => `${a.split(':')[5]?.split('/')[0] ?? 'resource'} ${a.slice(a.indexOf('/') + 1)}`);
    add({
      id: 'tenant-not-associated',
      confidence: 'certain',
      title: `${theTenant} may not use ${named.length ? named.join(' and ') : 'a resource of this message'}.`,
      fix:
        'Every identity and configuration set a tenant sends with must be associated with it: associate them ' +
        '(SES console → Tenants → the tenant → Identities / Configuration sets, or aws sesv2 ' +
        'create-tenant-resource-association --tenant-name <tenant> --resource-arn <ARN>), or send as an identity and ' +
        'with a configuration set the tenant has.',
    });
    return true;
  }
  if (/\btenant\b/i.test(reply) && /\b(paused|disabled)\b/i.test(reply) && !/\baccount\b/i.test(reply)) {
    add({
      id: 'tenant-paused',
      confidence: 'likely',
      title: `${theTenant} is paused in ${where}: SES refuses its mail.`,
      fix:
        "See who paused it in the SES Explorer (the tenant's status) or the SES console (Tenants → Reputation " +
        'findings). Paused by you: resume it (aws sesv2 update-reputation-entity-customer-managed-status ' +
        '--reputation-entity-type RESOURCE --reputation-entity-reference <tenant ARN> --sending-status ENABLED). ' +
        'Paused by SES: fix the finding (bounces, complaints) first.',
    });
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Diagnosis rules for the kinds of SES host (#27): a Mail Manager ingress endpoint and an SES SMTP
// endpoint take different logins, and a region may have the SES API but no SMTP host. Each returns
// true when it settled the failure, so the general rules do not add advice for the wrong kind.

/** 535 with the login of one kind of endpoint sent to the other kind. */
export function hostKindAuthCauses(
  known: KnownFacts,
  host: string | undefined,
  region: string | undefined,
  add: Add,
): boolean {
  expectObject(known, 'hostKindAuthCauses', 'known');
  expectOptionalString(host, 'hostKindAuthCauses', 'host');
  expectFunction(add, 'hostKindAuthCauses', 'add');
  const kind = host ? parseSesHost(host)?.kind : undefined;
  const smtpHost = `email-smtp.${region ?? '<region>'}.amazonaws.com`;
  if (kind === 'mail-manager') {
    const user = known.username !== undefined ? classifySmtpUsername(known.username) : undefined;
    const pw = known.password !== undefined ? classifySmtpPassword(known.password) : undefined;
    if (
      user?.kind === 'access-key' ||
      user?.kind === 'temporary-key' ||
      pw?.kind === 'v4' ||
      pw?.kind === 'iam-secret'
    ) {
      add({
        id: 'ingress-v4-password',
        confidence: 'certain',
        title:
          `${host} is a Mail Manager ingress endpoint, and it was given the SMTP login of an IAM access key ` +
          '(the access key id with a v4 password), which ingress endpoints do not accept.',
        fix:
          'An authenticated ingress endpoint (type AUTH) takes its own login: the username inp-… and the password of ' +
          "the ingress endpoint's password configuration (the Mail Manager console, or its Secrets Manager secret). " +
          `To send with the IAM key's v4 password, use the SES SMTP endpoint ${smtpHost} instead.`,
      });
      return true;
    }
    add({
      id: 'ingress-password',
      confidence: 'likely',
      title: `The Mail Manager ingress endpoint ${host} refused its login.`,
      fix:
        "Use the ingress endpoint's username (inp-…) and the password set in its password configuration, exactly as " +
        'shown when it was made or in its Secrets Manager secret; a rotated password replaces the old one after its ' +
        'grace period. No password derived from an IAM key works here.',
    });
    return true;
  }
  if (kind && isMailManagerUsername(known.username)) {
    add({
      id: 'ingress-login-to-ses',
      confidence: 'certain',
      title:
        `The username ${known.username!.trim()} is the login of a Mail Manager ingress endpoint, but ${host} is an SES ` +
        'SMTP endpoint, which takes an IAM access key id and its v4 SMTP password.',
      fix:
        "Send to the ingress endpoint's own host (its A record, …mail-manager-smtp.amazonaws.com) with this login, or " +
        `keep ${host} and use SMTP credentials of an IAM user (Add SMTP Credentials or Generate SMTP Password).`,
    });
    return true;
  }
  return false;
}

/** The classic SMTP host of a region AWS documents no SMTP endpoint for did not resolve. */
export function noSmtpEndpoint(context: DiagnosisContext): boolean {
  expectObject(context, 'noSmtpEndpoint', 'context');
  const { host, failure, add } = context;
  const parsed = host ? parseSesHost(host) : undefined;
  if (!parsed?.region || (parsed.kind !== 'classic' && parsed.kind !== 'fips')) return false;
  if (SES_SMTP_REGIONS.some((r) => r.id === parsed.region)) return false;
  // Only "no such name": a resolver that did not answer (EAI_AGAIN, offline) says nothing about the region.
  if (!/ENOTFOUND/.test(failure.message)) return false;
  add({
    id: 'no-smtp-endpoint',
    confidence: 'likely',
    title: `SES has no SMTP endpoint in ${parsed.region}: ${host} does not exist.`,
    fix:
      `The SES API may work in ${parsed.region}, but SMTP mail must go through a region that has an endpoint ` +
      `(${SES_SMTP_REGIONS.map((r) => r.id).join(', ')}), with a password derived for that region.`,
  });
  return true;
}

/**
 * SES's refusal of a session negotiated with TLS 1.0 or 1.1 ("Access denied: Amazon SES no longer
 * supports TLS 1.0 and TLS 1.1 connections…"). Read before the IAM rule, which would take its
 * "Access denied" for a missing permission.
 */
export function tlsVersionRefused(context: DiagnosisContext): boolean {
  expectObject(context, 'tlsVersionRefused', 'context');
  return tlsRefusal(context.reply, context.add);
}

function tlsRefusal(reply: string, add: (c: Cause) => void): boolean {
  if (!/no longer supports TLS 1\.0 and TLS 1\.1/i.test(reply)) return false;
  add({
    id: 'tls-version-refused',
    confidence: 'certain',
    title: 'SES refused the session because the client negotiated TLS 1.0 or 1.1; SES accepts TLS 1.2 and 1.3 only.',
    fix:
      'Update the runtime or its TLS settings so the client offers TLS 1.2 or newer: for example .NET Framework before ' +
      '4.7 (set ServicePointManager.SecurityProtocol to Tls12), Java 7, or PHP and Python built against OpenSSL ' +
      'older than 1.0.1. The credentials are not the problem.',
  });
  return true;
}

// ---------------------------------------------------------------------------------------------
/** The rule table: which rule reads which failure. Codes without a rule get the "unknown" cause. */
const RULES: Partial<Record<SmtpFailureCode, Rule>> = {
  AUTH_FAILED: ({ reply, known, region, host, add }) =>
    /not subscribed/i.test(reply)
      ? add(notSubscribed(region))
      : hostKindAuthCauses(known, host, region, add) || authCauses(known, region, host, add),
  AUTH_REQUIRED: authRequired,
  REJECTED: (context) =>
    tlsVersionRefused(context) ||
    replyCauses(context.reply, context.failure.responseCode, context.region, context.add, context.known),
  TEMPORARY: (context) =>
    tlsVersionRefused(context) ||
    replyCauses(context.reply, context.failure.responseCode, context.region, context.add, context.known),
  ...CONNECTION_RULES,
};
