// Check 1: the endpoint resolves, which SES ports a TCP connection reaches, and whether the TLS
// certificate is SES's own (an intercepting proxy shows its own issuer).
import net from 'node:net';
import type { DoctorInput, DoctorPorts, Finding, ProbePort } from './types';
import { IMPLICIT_TLS_PORTS, regionFromHost } from '../../base/regions';
import { expectObject, expectOptionalNumber } from '../../base/guards';
import { judgeCertificate } from '../../base/certificatePin';
import { CERTIFICATE_NAME_MISMATCH, certificateNameFix } from '../smtp/diagnose';

/** The ports probed, in the order a user would try them. */
export const SES_PORTS: readonly number[] = [587, 2587, ...IMPLICIT_TLS_PORTS, 25];

/**
 * Whether a host is an SES SMTP endpoint (email-smtp[-fips].<region>.amazonaws.com[.cn], or a VPC
 * interface endpoint …email-smtp.<region>.vpce.amazonaws.com), where all SES ports are worth probing.
 */
export function isSesSmtpHost(host: string): boolean {
  if (typeof host !== 'string') return false;
  return (
    regionFromHost(host) !== undefined ||
    /(^|\.)email-smtp(-fips)?\.[a-z]{2}(-gov)?-[a-z]+-\d{1,2}\.vpce\.amazonaws\.com(\.cn)?\.?$/i.test(host.trim())
  );
}

/**
 * The ports to probe and judge. An SES endpoint: the given list (default: every SES port). Any other
 * host: only the set's own port, since the other SES ports are not that server's business; except a
 * list whose ports are mapped elsewhere (`via`), which stands in for SES (tests with local servers).
 */
export function portsToProbe(input: Pick<DoctorInput, 'host' | 'port' | 'loginVia' | 'ports'>): {
  list: ProbePort[];
  ses: boolean;
} {
  expectObject(input, 'portsToProbe', 'input');
  const given: ProbePort[] = input.ports ?? SES_PORTS.map((port) => ({ port }));
  const standIn = given.some((p) => p.via !== undefined && p.via !== p.port);
  if (isSesSmtpHost(input.host) || standIn) return { list: given, ses: true };
  const via = input.loginVia ?? given.find((p) => p.port === input.port)?.via;
  return { list: [{ port: input.port, ...(via !== undefined ? { via } : {}) }], ses: false };
}

export async function checkEndpoint(input: DoctorInput, ports: Pick<DoctorPorts, 'resolve'>): Promise<Finding[]> {
  expectObject(input, 'checkEndpoint', 'input');
  expectObject(ports, 'checkEndpoint', 'ports');
  if (net.isIP(input.host)) {
    return [
      {
        check: 'endpoint',
        verdict: 'pass',
        title: `The host ${input.host} is an IP address; no name to resolve.`,
        evidence: [],
        weight: 0,
      },
    ];
  }
  try {
    const addresses = await ports.resolve(input.host);
    return [
      {
        check: 'endpoint',
        verdict: 'pass',
        title: `${input.host} resolves.`,
        evidence: [`${input.host} → ${addresses.slice(0, 4).join(', ')}`],
        weight: 0,
      },
    ];
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    const region = input.region ? `email-smtp.${input.region}.amazonaws.com` : 'email-smtp.<region>.amazonaws.com';
    return [
      {
        check: 'endpoint',
        verdict: 'fail',
        title: `The SMTP host ${input.host} does not resolve (${code}).`,
        evidence: [`lookup ${input.host}: ${code}`],
        fix: `Check the host name (SES's is ${region}) and this machine's DNS or proxy settings.`,
        weight: 99,
        cause: 'endpoint-dns',
      },
    ];
  }
}

type Probe = { port: number; ok: true; ms: number } | { port: number; ok: false; code: string };

function describeProbe(p: Probe): string {
  if (p.ok) return `${p.port}: open (${p.ms} ms)`;
  if (p.code === 'ECONNREFUSED') return `${p.port}: refused (nothing listens, or a firewall rejects it)`;
  if (p.code === 'ETIMEDOUT') return `${p.port}: no answer (a firewall drops it)`;
  return `${p.port}: ${p.code}`;
}

function whyBlocked(port: number): string {
  return port === 25
    ? 'cloud providers (EC2, GCP, Azure) and many ISPs block or throttle port 25'
    : 'corporate networks and some hosting providers block outgoing SMTP ports';
}

export async function checkPorts(
  input: DoctorInput,
  ports: Pick<DoctorPorts, 'connect'>,
  signal: AbortSignal,
  timeoutMs = 4000,
): Promise<Finding[]> {
  expectObject(input, 'checkPorts', 'input');
  expectObject(ports, 'checkPorts', 'ports');
  expectObject(signal, 'checkPorts', 'signal');
  expectOptionalNumber(timeoutMs, 'checkPorts', 'timeoutMs');
  const { list, ses } = portsToProbe(input);
  const probes = await Promise.all(
    list.map(async ({ port, via }): Promise<Probe> => {
      try {
        return { port, ok: true, ms: await ports.connect(input.host, via ?? port, timeoutMs, signal) };
      } catch (err) {
        return { port, ok: false, code: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
      }
    }),
  );
  const evidence = probes.map(describeProbe);
  if (!ses) return customHostPort(input, probes[0], evidence);
  const open = probes.filter((p) => p.ok).map((p) => p.port);
  const blocked = probes.filter((p) => !p.ok).map((p) => p.port);
  const mine = probes.find((p) => p.port === input.port);
  const alternatives = open.length
    ? `Ports that work from here: ${open.join(', ')}.`
    : 'No SES port is reachable from here.';
  if (mine && !mine.ok) {
    const tlsHint =
      open.some((p) => p === 465 || p === 2465) && !open.some((p) => p === 587 || p === 2587)
        ? ' (465/2465 need implicit TLS)'
        : '';
    return [
      {
        check: 'ports',
        verdict: 'fail',
        title: `Port ${input.port} on ${input.host} is blocked from here: ${whyBlocked(input.port)}.`,
        evidence,
        fix: open.length
          ? `Use port ${open.find((p) => p !== 25) ?? open[0]}${tlsHint}. ${alternatives}`
          : `Allow outbound connections to ${input.host} on 587 (or 2587/465/2465), or send from another network.`,
        weight: open.length ? 86 : 90,
        cause: 'port-blocked',
      },
    ];
  }
  if (blocked.length) {
    const names = blocked.map(
      (p) => `${p} (${p === 25 ? 'cloud providers block 25' : 'often blocked by corporate networks'})`,
    );
    return [
      {
        check: 'ports',
        verdict: 'warn',
        title:
          `Port${blocked.length > 1 ? 's' : ''} ${blocked.join(', ')} blocked from here; port ${input.port} ` +
          `works.`,
        evidence,
        fix: `Keep using port ${input.port}; blocked: ${names.join(', ')}.`,
        weight: blocked.includes(input.port) ? 80 : 8,
        cause: 'other-port-blocked',
      },
    ];
  }
  return [
    {
      check: 'ports',
      verdict: 'pass',
      title: `All probed ports are reachable (${open.join(', ')}).`,
      evidence,
      weight: 0,
    },
  ];
}

/** A host that is not SES: only its own port is judged; the SES ports are named as not checked. */
function customHostPort(input: DoctorInput, probe: Probe, evidence: string[]): Finding[] {
  const note =
    `other SES ports (${SES_PORTS.filter((p) => p !== input.port).join(', ')}) not checked: ${input.host} is ` +
    `not an SES SMTP endpoint`;
  if (probe.ok)
    return [
      {
        check: 'ports',
        verdict: 'pass',
        title: `Port ${input.port} on ${input.host} is reachable.`,
        evidence: [...evidence, note],
        weight: 0,
      },
    ];
  return [
    {
      check: 'ports',
      verdict: 'fail',
      title: `Port ${input.port} on ${input.host} cannot be reached from here: ${describeProbe(probe).replace(/^\d+: /, '')}.`,
      evidence: [...evidence, note],
      fix:
        `Check that the server at ${input.host} listens on port ${input.port}, and that this network allows ` +
        `outbound connections to it (${whyBlocked(input.port)}).`,
      weight: 90,
      cause: 'port-blocked',
    },
  ];
}

export async function checkTls(
  input: DoctorInput,
  ports: Pick<DoctorPorts, 'certificate'>,
  signal: AbortSignal,
  timeoutMs = 6000,
): Promise<Finding[]> {
  expectObject(input, 'checkTls', 'input');
  expectObject(ports, 'checkTls', 'ports');
  expectObject(signal, 'checkTls', 'signal');
  expectOptionalNumber(timeoutMs, 'checkTls', 'timeoutMs');
  const via = input.loginVia ?? input.port;
  let cert;
  try {
    cert = await ports.certificate(input.host, via, input.tls, timeoutMs, signal);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return [
      {
        check: 'tls',
        verdict: 'skipped',
        title: `TLS not checked: no connection on port ${input.port} (${code}).`,
        evidence: [],
        weight: 0,
      },
    ];
  }
  const evidence = [
    `subject: ${cert.subject}`,
    `issuer: ${cert.issuer}`,
    ...(cert.altNames.length ? [`names: ${cert.altNames.slice(0, 5).join(', ')}`] : []),
  ];
  const sesHost = /\.amazonaws\.com(\.cn)?$/i.test(input.host);
  if (cert.sha256) evidence.push(`SHA-256: ${cert.sha256}`);
  if (!cert.trusted) {
    const pinned = input.pinnedCertificateSha256;
    const verdict = judgeCertificate(
      { authorized: false, authorizationError: cert.error, sha256: cert.sha256 },
      pinned,
    );
    if (verdict.ok)
      return [
        {
          check: 'tls',
          verdict: 'pass',
          title: 'The certificate does not verify, and it is exactly the one trusted (pinned) for these credentials.',
          evidence: [...evidence, `error: ${cert.error ?? 'untrusted'}`],
          weight: 0,
        },
      ];
    if (pinned !== undefined)
      return [
        {
          check: 'tls',
          verdict: 'fail',
          title: `The TLS certificate on port ${input.port} is not the one trusted for these credentials: it changed.`,
          evidence: [...evidence, `pinned SHA-256: ${pinned}`, `error: ${cert.error ?? 'untrusted'}`],
          fix:
            "Compare the fingerprints with the server's own. If the relay really has a new certificate, trust the " +
            'new one (Trust TLS Certificate of SMTP Relay…); if not, something intercepts the connection.',
          weight: 78,
          cause: 'tls-pin-changed',
        },
      ];
    // The chain verifies and only the name is wrong: the host dialled is not one the certificate names.
    if (cert.error && CERTIFICATE_NAME_MISMATCH.test(cert.error)) {
      const named = cert.altNames.slice(0, 3).join(', ');
      return [
        {
          check: 'tls',
          verdict: 'fail',
          title:
            `The TLS certificate on port ${input.port} is valid (issuer "${cert.issuer}") but not for ${input.host}` +
            `${named ? `: it names ${named}${cert.altNames.length > 3 ? ', …' : ''}` : ''}. Clients refuse it.`,
          evidence: [...evidence, `error: ${cert.error}`],
          fix: certificateNameFix(input.host, input.region ?? regionFromHost(input.host)?.region),
          weight: 78,
          cause: 'tls-name-mismatch',
        },
      ];
    }
    return [
      {
        check: 'tls',
        verdict: 'fail',
        title:
          `The TLS certificate on port ${input.port} is not trusted (issuer "${cert.issuer}"): something ` +
          `intercepts TLS, such as a proxy or antivirus.`,
        evidence: [...evidence, `error: ${cert.error ?? 'untrusted'}`],
        fix:
          'Connect without the intercepting proxy, or add its CA to NODE_EXTRA_CA_CERTS if your company requires ' +
          'it.',
        weight: 78,
        cause: 'tls-intercepted',
      },
    ];
  }
  if (sesHost && !/amazon/i.test(cert.issuer)) {
    return [
      {
        check: 'tls',
        verdict: 'warn',
        title:
          `The certificate is trusted but issued by "${cert.issuer}", not Amazon: a proxy re-signs TLS on this ` +
          `network.`,
        evidence,
        fix: 'The proxy sees the SMTP password. Send from a network without TLS interception if you can.',
        weight: 35,
        cause: 'tls-proxy',
      },
    ];
  }
  return [
    {
      check: 'tls',
      verdict: 'pass',
      title: `TLS certificate is valid (issuer "${cert.issuer}").`,
      evidence,
      weight: 0,
    },
  ];
}
