// Diagnosis rules for a session that failed before or around the login: the network, DNS, TLS, and
// servers that are not SES.
import type { Cause, DiagnosisContext, Rule } from './diagnose';
import { regionFromHost } from '../../base/regions';
import type { SmtpFailure } from './types';

export const CONNECTION_RULES: Record<
  'REFUSED' | 'TIMEOUT' | 'DNS' | 'TLS_CERT' | 'TLS' | 'TLS_NOT_OFFERED' | 'AUTH_UNSUPPORTED' | 'CLOSED',
  Rule
> = {
  REFUSED: refused,
  TIMEOUT: ({ failure, port, add }) => timeoutCauses(failure.phase, port, add),
  DNS: dns,
  TLS_CERT: ({ add }) =>
    add({
      id: 'tls-certificate',
      confidence: 'likely',
      title: "The server's certificate was not trusted.",
      fix:
        'A proxy or antivirus may be intercepting TLS, or the host is not the real SES endpoint. Connect directly to ' +
        'email-smtp.<region>.amazonaws.com; if your company proxy re-signs TLS, add its CA to NODE_EXTRA_CA_CERTS. ' +
        'For a relay you control, a saved credential set can accept its certificate (opt-in, per set).',
    }),
  TLS: ({ failure, add }) =>
    add({
      id: 'tls-failed',
      confidence: 'likely',
      title: `The TLS handshake failed: ${failure.message}`,
      fix:
        'SES requires TLS 1.2 or newer. Check for a proxy that intercepts TLS, and that the TLS mode matches the ' +
        'port (STARTTLS on 587/2587/25, implicit TLS on 465/2465).',
    }),
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

function refused({ host, port, add }: DiagnosisContext): void {
  if (port === 25) return add(port25());
  add({
    id: 'nothing-listening',
    confidence: 'likely',
    title: `Nothing accepted the connection on ${host}:${port}.`,
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

function timeoutCauses(phase: SmtpFailure['phase'], port: number | undefined, add: (c: Cause) => void): void {
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
      fix: implicitPort
        ? `Port ${port} expects TLS from the first byte: use implicit TLS (secure: true), not STARTTLS.`
        : 'If you connected with implicit TLS to a STARTTLS port (or plain SMTP to 465/2465), switch the TLS mode: ' +
          'STARTTLS on 587/2587/25, implicit TLS on 465/2465. Otherwise a proxy may be holding the connection.',
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
