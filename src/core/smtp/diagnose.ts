// Turns a failed SMTP check (or send) plus what is known about the credentials into a ranked list
// of causes, each with its fix. Pure: no network, no secrets in the output.
import { classifySmtpPassword, classifySmtpUsername, findPasswordRegion } from './password';
import { regionFromHost, SES_REGIONS } from './regions';
import type { SmtpFailure, SmtpFailureCode } from './session';
import { describeType, optionalString, requireObject, SmtpInputError } from './input';

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

const RANK: Record<Confidence, number> = { certain: 0, likely: 1, possible: 2 };

/** Ranked causes, most likely first. Empty for a success or a cancelled check. */
export function diagnose(check: DiagnosableFailure, known: KnownFacts = {}): Cause[] {
  validateDiagnoseInput(check, known);
  const failure = check.failure;
  if (check.ok || !failure || failure.code === 'CANCELLED') return [];
  const port = known.port ?? check.port;
  const host = known.host ?? check.host;
  const region = known.region ?? (host ? regionFromHost(host)?.region : undefined);
  const causes: Cause[] = [];
  const add = (cause: Cause): void => {
    if (!causes.some((c) => c.id === cause.id)) causes.push(cause);
  };
  const reply = failure.reply ?? '';

  switch (failure.code as SmtpFailureCode) {
    case 'AUTH_FAILED':
      if (/not subscribed/i.test(reply)) {
        add({
          id: 'not-subscribed',
          confidence: 'certain',
          title: `The AWS account has no SES in ${region ?? 'this region'} ("Account not subscribed to SES").`,
          fix: `Open the SES console in ${region ?? 'that region'} once to set SES up there, or send through a region where SES is already in use. If this is a new opt-in region, enable the region for the account first.`,
        });
        break;
      }
      authCauses(known, region, host, add);
      break;
    case 'AUTH_REQUIRED':
      if (/STARTTLS/i.test(reply)) {
        add({
          id: 'starttls-required',
          confidence: 'certain',
          title: 'The client tried to log in before starting TLS.',
          fix: 'Turn on STARTTLS (for example nodemailer requireTLS: true, Django EMAIL_USE_TLS=True, Rails enable_starttls_auto: true) on ports 587/2587, or use implicit TLS on 465/2465.',
        });
      } else {
        add({
          id: 'auth-required',
          confidence: 'certain',
          title: 'The client sent mail without logging in (530 Authentication required).',
          fix: 'Configure the SMTP username and password in the client; SES accepts no unauthenticated mail.',
        });
      }
      break;
    case 'REFUSED':
      if (port === 25) add(port25());
      else
        add({
          id: 'nothing-listening',
          confidence: 'likely',
          title: `Nothing accepted the connection on ${host}:${port}.`,
          fix: 'Check the host and port: SES listens on 587 and 2587 (STARTTLS) and on 465 and 2465 (TLS). A local firewall or proxy may also reject the connection.',
        });
      break;
    case 'TIMEOUT':
      timeoutCauses(failure.phase, port, add);
      break;
    case 'DNS':
      add({
        id: 'dns',
        confidence: 'certain',
        title: `The host ${host} does not resolve.`,
        fix: `Check the spelling and region: SES SMTP hosts are email-smtp.<region>.amazonaws.com${region ? `, here email-smtp.${region}.amazonaws.com` : ''}. Also check this machine's DNS and proxy settings.`,
      });
      break;
    case 'TLS_CERT':
      add({
        id: 'tls-certificate',
        confidence: 'likely',
        title: "The server's certificate was not trusted.",
        fix: 'A proxy or antivirus may be intercepting TLS, or the host is not the real SES endpoint. Connect directly to email-smtp.<region>.amazonaws.com; if your company proxy re-signs TLS, add its CA to NODE_EXTRA_CA_CERTS. For a relay you control, a saved credential set can accept its certificate (opt-in, per set).',
      });
      break;
    case 'TLS':
      add({
        id: 'tls-failed',
        confidence: 'likely',
        title: `The TLS handshake failed: ${failure.message}`,
        fix: 'SES requires TLS 1.2 or newer. Check for a proxy that intercepts TLS, and that the TLS mode matches the port (STARTTLS on 587/2587/25, implicit TLS on 465/2465).',
      });
      break;
    case 'TLS_NOT_OFFERED':
      add(noStarttls(host, port, region));
      break;
    case 'AUTH_UNSUPPORTED':
      add({
        id: 'not-ses-endpoint',
        confidence: 'likely',
        title: 'The server did not offer AUTH, which SES always does after TLS.',
        fix: `Something between you and SES answers instead (a proxy, a local relay or a wrong host). Use email-smtp.${region ?? '<region>'}.amazonaws.com.`,
      });
      break;
    case 'REJECTED':
    case 'TEMPORARY':
      replyCauses(reply, failure.responseCode, region, add);
      break;
    case 'CLOSED':
      add({
        id: 'connection-closed',
        confidence: 'possible',
        title: `The server closed the connection during ${failure.phase}.`,
        fix:
          failure.phase === 'greeting' || failure.phase === 'connect'
            ? 'Check the TLS mode for the port (465/2465 need TLS from the first byte; 587/2587/25 start plain and use STARTTLS).'
            : 'Retry; if it keeps happening, check for a proxy or firewall that cuts SMTP sessions.',
      });
      break;
    default:
      break;
  }
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
        `${host} is an SES endpoint, and SES always offers STARTTLS on 25, 587 and 2587: something between you and SES ` +
        '(a proxy, antivirus or firewall that inspects SMTP) answers instead or strips STARTTLS. ' +
        'Try another network, port 2587, or implicit TLS on 465/2465, which such filters cannot strip.',
    };
  }
  return {
    id: 'starttls-not-offered',
    confidence: 'likely',
    title,
    fix:
      `${host ?? 'This host'}${port ? ` on port ${port}` : ''} is not an SES SMTP endpoint, or something intercepts the ` +
      `connection. Use ${endpoint} on 587 or 2587 (STARTTLS) or 465/2465 (implicit TLS).`,
  };
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

function port25(): Cause {
  return {
    id: 'port-25-blocked',
    confidence: 'likely',
    title: 'Port 25 is blocked or throttled on this network (EC2 and many ISPs do this).',
    fix: 'Use port 587 or 2587 with STARTTLS, or 465/2465 with TLS.',
  };
}

function timeoutCauses(phase: SmtpFailure['phase'], port: number | undefined, add: (c: Cause) => void): void {
  if (phase === 'connect') {
    if (port === 25) add(port25());
    else
      add({
        id: 'network-blocked',
        confidence: 'likely',
        title: `No answer from the server on port ${port}: a firewall or network drops the connection.`,
        fix: 'Allow outbound connections to the SES endpoint on 587 (or try 2587 or 465). Corporate and cloud networks often block SMTP ports.',
      });
    return;
  }
  if (phase === 'greeting') {
    const implicitPort = port === 465 || port === 2465;
    add({
      id: 'no-greeting',
      confidence: 'likely',
      title: 'The connection opened but the server never sent its greeting.',
      fix: implicitPort
        ? `Port ${port} expects TLS from the first byte: use implicit TLS (secure: true), not STARTTLS.`
        : 'If you connected with implicit TLS to a STARTTLS port (or plain SMTP to 465/2465), switch the TLS mode: STARTTLS on 587/2587/25, implicit TLS on 465/2465. Otherwise a proxy may be holding the connection.',
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

function replyCauses(
  reply: string,
  code: number | undefined,
  region: string | undefined,
  add: (c: Cause) => void,
): void {
  if (/not verified/i.test(reply)) {
    const m = /failed the check in region ([A-Z0-9-]+):\s*(.*)$/i.exec(reply);
    const where = m ? m[1].toLowerCase() : region;
    const identities = m ? m[2].split(/,\s*/).filter(Boolean) : [];
    add({
      id: 'identity-not-verified',
      confidence: 'certain',
      title: `Not verified in ${where ?? 'this region'}: ${identities.join(', ') || 'the sender'}.`,
      fix: `Verify the From domain or address in SES in ${where ?? 'the region you send through'} (identities are per region). In the sandbox, recipients must be verified too, or use the mailbox simulator (success@simulator.amazonses.com); request production access to send to anyone.`,
    });
    if (identities.length > 1) {
      add({
        id: 'sandbox-recipient',
        confidence: 'likely',
        title: 'Several identities failed: in the SES sandbox the recipients must be verified as well.',
        fix: 'Verify the recipient, send to the mailbox simulator, or request production access for the account.',
      });
    }
    return;
  }
  if (/Access denied/i.test(reply) || /not authorized to perform/i.test(reply)) {
    add({
      id: 'iam-permission',
      confidence: 'certain',
      title: 'The IAM user behind these credentials may not call ses:SendRawEmail.',
      fix: 'Attach a policy that allows "ses:SendRawEmail" (optionally limited with ses:FromAddress) to the IAM user that owns the access key.',
    });
    return;
  }
  if (/Throttling|rate exceeded|quota exceeded/i.test(reply)) {
    const daily = /Daily message quota/i.test(reply);
    add({
      id: 'throttled',
      confidence: 'certain',
      title: daily ? 'The daily sending quota is used up.' : "Sending faster than the account's maximum send rate.",
      fix: daily
        ? 'Wait until the 24-hour window frees up, or request a quota increase (the sandbox allows 200 a day).'
        : 'Retry with backoff (5 s, 10 s, 30 s …) and send fewer messages per second, or request a higher rate.',
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

function authCauses(
  known: KnownFacts,
  region: string | undefined,
  host: string | undefined,
  add: (c: Cause) => void,
): void {
  const password = known.password ?? '';
  const pw = classifySmtpPassword(password);
  const user = known.username !== undefined ? classifySmtpUsername(known.username) : undefined;
  const secret = known.secretAccessKey?.trim();
  const effective = pw.cleanedKind ?? pw.kind;

  if (user?.kind === 'temporary-key') {
    add({
      id: 'temporary-key',
      confidence: 'certain',
      title: 'The username is a temporary access key (ASIA…), which SES SMTP never accepts.',
      fix: 'Create a long-term access key for an IAM user (or use "Create SMTP credentials") and derive the SMTP password from its secret.',
    });
  } else if (
    user &&
    (user.kind === 'iam-user-name' || user.kind === 'email' || user.kind === 'malformed' || user.kind === 'empty')
  ) {
    add({
      id: 'username-not-access-key',
      confidence: 'certain',
      title: `The username is ${user.kind === 'email' ? 'an email address' : user.kind === 'iam-user-name' ? 'an IAM user name' : 'not an access key id'}, not the access key id.`,
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
      fix: 'Paste the password again without them; in .env files quote it with plain double quotes only if your loader needs it.',
    });
  }

  if (effective === 'iam-secret' || (secret && password.trim() === secret)) {
    add({
      id: 'secret-key-as-password',
      confidence: 'certain',
      title: 'The password is an IAM secret access key, not an SMTP password.',
      fix: `Derive the SMTP password from that secret for ${region ?? 'your region'} with "SES SMTP: Generate SMTP Password from IAM Secret Key" and use the result (44 characters).`,
    });
    return;
  }
  if (effective === 'v2') {
    add({
      id: 'legacy-v2',
      confidence: 'certain',
      title: 'The password is a legacy version 2 SMTP password, which SES no longer accepts.',
      fix: `Derive a version 4 password for ${region ?? 'your region'} from the same IAM secret key.`,
    });
    return;
  }
  if (effective === 'malformed' || effective === 'empty') {
    add({
      id: 'malformed-password',
      confidence: 'certain',
      title: `The password is not an SES SMTP password: ${pw.summary}`,
      fix: 'SES SMTP passwords are 44 characters and start with "B". Derive one from the IAM secret key for your region.',
    });
    return;
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
  if (secret) {
    const match = findPasswordRegion(secret, pw.cleaned, [
      ...new Set([...(region ? [region] : []), ...SES_REGIONS.map((r) => r.id)]),
    ]);
    if (match.kind === 'region' && match.region !== region) {
      add({
        id: 'wrong-region',
        confidence: 'certain',
        title: `The password was derived for ${match.region}, not ${region ?? 'the region of this endpoint'}.`,
        fix: `Derive the password again for ${region ?? 'the region you send through'}, or send through email-smtp.${match.region}.amazonaws.com.`,
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
        fix: 'It belongs to another access key, or was mistyped. Derive it again from the secret of the access key used as username.',
      });
      return;
    }
    // Correct password for the region: the key itself must be the problem.
    add({
      id: 'key-inactive',
      confidence: known.keyStatus === 'inactive' || known.keyStatus === 'not-found' ? 'certain' : 'likely',
      title:
        'The password matches the secret and region, so the access key itself is refused: it was deleted, deactivated or rotated, or belongs to another account.',
      fix: 'Check the key in IAM (Users → Security credentials). Create a new access key if needed and derive the password again.',
    });
    return;
  }
  add({
    id: 'wrong-region',
    confidence: 'likely',
    title: `The password may have been derived for another region than ${region ?? "this endpoint's"}.`,
    fix: 'v4 SMTP passwords work in one region only. Give the IAM secret key to "Check SMTP Login" to find the region it was made for, or derive it again for this region.',
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
