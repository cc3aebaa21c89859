// Plain-text report of a login check or a test send, for the log channel and for copying into an issue.
// Built from the (already masked) result; it never sees the password.
import type { Cause } from './diagnose';
import type { SmtpCheckResult } from './types';
import { requireObject, SmtpInputError } from './input';

const TLS_LABEL = { starttls: 'STARTTLS', implicit: 'TLS' } as const;

/** The ranked causes, numbered, each with its fix. */
export function formatCauses(causes: readonly Cause[]): string {
  if (!Array.isArray(causes)) throw new SmtpInputError('causes', 'The causes to report must be a list.');
  return causes.map((c, i) => `  ${i + 1}. [${c.confidence}] ${c.title}\n     Fix: ${c.fix}`).join('\n');
}

export function formatCheckReport(
  result: SmtpCheckResult,
  causes: readonly Cause[],
  context: { username?: string; region?: string; title?: string } = {},
): string {
  validateReportInput(result, causes);
  const lines: string[] = [];
  const where = `${result.host}:${result.port} (${TLS_LABEL[result.tls]})`;
  const title = context.title ?? 'SMTP login check';
  lines.push(
    result.ok
      ? `${title}: OK at ${where} in ${result.totalMs} ms`
      : `${title}: FAILED at ${where}, in phase "${result.failure?.phase}" after ${result.totalMs} ms`,
  );
  if (result.response) lines.push(`Accepted: ${result.response}`);
  if (context.region) lines.push(`Region: ${context.region}`);
  if (context.username) lines.push(`Username: ${context.username}`);
  lines.push(`Phases: ${result.phases.map((p) => `${p.phase} ${p.ms} ms ${p.ok ? '✓' : '✗'}`).join(' · ')}`);
  if (result.tlsProtocol) lines.push(`TLS: ${result.tlsProtocol}${result.tlsCipher ? ` ${result.tlsCipher}` : ''}`);
  if (result.authMechanisms?.length) lines.push(`AUTH offered: ${result.authMechanisms.join(' ')}`);
  if (result.failure) {
    lines.push(`Error: ${result.failure.message}`);
    if (result.failure.reply) lines.push(`Server reply: ${result.failure.reply}`);
  }
  if (causes.length) lines.push('Diagnosis (most likely first):', formatCauses(causes));
  lines.push('Transcript (credentials masked):');
  for (const l of result.transcript) lines.push(`  +${String(l.t).padStart(5)} ms ${l.dir} ${l.text}`);
  return lines.join('\n');
}

/** One line for a notification. */
export function summarizeCheck(result: SmtpCheckResult, causes: readonly Cause[]): string {
  validateReportInput(result, causes);
  if (result.ok) {
    const tls = result.tlsProtocol ? ` (${result.tlsProtocol})` : '';
    return `SMTP login OK at ${result.host}:${result.port}${tls} in ${result.totalMs} ms.`;
  }
  const top = causes[0];
  const reply = result.failure?.reply ? ` (${result.failure.reply})` : '';
  return top
    ? `SMTP login failed${reply}: ${top.title}`
    : `SMTP login failed: ${result.failure?.message ?? 'unknown error'}`;
}

/** Throws SmtpInputError for arguments that are not a check result and a list of causes. */
function validateReportInput(result: unknown, causes: unknown): void {
  requireObject(result, 'result', 'The check result to report');
  if (!Array.isArray(result.phases) || !Array.isArray(result.transcript)) {
    throw new SmtpInputError('result', 'The check result to report has no phases or transcript list.');
  }
  if (!Array.isArray(causes)) throw new SmtpInputError('causes', 'The causes to report must be a list.');
}
