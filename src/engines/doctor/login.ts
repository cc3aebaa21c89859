// Check 2: the SMTP login itself (the existing check) and, when it fails, the existing diagnosis.
import { diagnose, type Confidence } from '../smtp/diagnose';
import type { DoctorInput, DoctorPorts, Finding } from './types';
import { expectObject, expectOptionalNumber } from '../../base/guards';

const WEIGHT: Record<Confidence, number> = { certain: 90, likely: 70, possible: 45 };

export async function checkLogin(
  input: DoctorInput,
  ports: Pick<DoctorPorts, 'login'>,
  signal: AbortSignal,
  phaseTimeoutMs = 10_000,
): Promise<Finding[]> {
  expectObject(input, 'checkLogin', 'input');
  expectObject(ports, 'checkLogin', 'ports');
  expectObject(signal, 'checkLogin', 'signal');
  expectOptionalNumber(phaseTimeoutMs, 'checkLogin', 'phaseTimeoutMs');
  const result = await ports.login({
    host: input.host,
    port: input.loginVia ?? input.port,
    tls: input.tls,
    username: input.username,
    password: input.password,
    phaseTimeoutMs,
    signal,
    ca: input.ca,
    pinnedCertificateSha256: input.pinnedCertificateSha256,
  });
  const where = `${input.host}:${input.port}`;
  const phases = `phases: ${result.phases.map((p) => `${p.phase} ${p.ms} ms ${p.ok ? '✓' : '✗'}`).join(' · ')}`;
  if (result.ok) {
    return [
      {
        check: 'login',
        verdict: 'pass',
        title: `SMTP login accepted at ${where}.`,
        evidence: [phases, ...(result.tlsProtocol ? [`TLS: ${result.tlsProtocol}`] : [])],
        weight: 0,
      },
    ];
  }
  const failure = result.failure!;
  if (failure.code === 'CANCELLED') throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
  const causes = diagnose(result, {
    username: input.username,
    password: input.password,
    region: input.region,
    host: input.host,
    port: input.port,
  });
  const top = causes[0];
  const reply = failure.reply ? ` (${failure.reply})` : '';
  const connectFailure = failure.phase === 'connect' || failure.code === 'REFUSED' || failure.code === 'TIMEOUT';
  let weight = top ? WEIGHT[top.confidence] : 50;
  if (top?.id === 'username-not-access-key' || top?.id === 'temporary-key' || top?.id === 'secret-key-as-password')
    weight = 97;
  if (connectFailure) weight = 60;
  return [
    {
      check: 'login',
      verdict: 'fail',
      title: `SMTP login failed at ${where}${reply}${top ? `: ${top.title}` : '.'}`,
      evidence: [
        phases,
        `failed in ${failure.phase}: ${failure.message}`,
        ...causes.slice(1).map((c) => `also possible (${c.confidence}): ${c.title}`),
      ],
      fix: top?.fix,
      weight,
      cause: top?.id ?? 'login-failed',
    },
  ];
}
