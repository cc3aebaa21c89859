// The language model tools (#29), vscode-free: their names, which command each runs, which have an
// effect (VS Code asks the user before those), and the text a model gets back: short, in words,
// with the structured result as JSON, masked. package.json's `languageModelTools` declares the same
// names and input schemas (test/unit/features/agentTools holds the two together).
import { expectObject, expectString, isPlainObject } from '../../../base/guards';
import { TOOL } from '../../../base/commandIds';

export { TOOL };
import { isSimulatorAddress } from '../../../engines/smtp/burstMath';

const SIMULATOR = 'simulator.amazonses.com';

export type ToolName = (typeof TOOL)[keyof typeof TOOL];

/** Tools whose call has an effect: mail sent, a file written. VS Code confirms them first. */
export const EFFECT_TOOLS: ReadonlySet<string> = new Set([TOOL.sendTestEmail, TOOL.writeEnv]);

/** Input fields no tool takes: a tool refers to a saved set or a .env block, never to a secret. */
const SECRET_FIELDS = /pass(word)?|secret|token|credential(s)?Value/i;

/** The input, checked: a plain object without any secret-looking field. Throws with what is wrong. */
export function checkToolInput(tool: string, input: unknown): Record<string, unknown> {
  expectString(tool, 'checkToolInput', 'tool');
  if (!isPlainObject(input)) throw new Error(`${tool} takes an object of named inputs.`);
  for (const key of Object.keys(input))
    if (SECRET_FIELDS.test(key))
      throw new Error(
        `${tool} never takes "${key}": tools do not take passwords or secret keys. Refer to a saved credential set by name ("credentialSet") or to a .env file ("file").`,
      );
  return input;
}

/**
 * Masks what looks like a secret that no list names: a 40-character IAM secret access key, a
 * 44-character SES SMTP password, "password=…" or a URL's user:password. Known secrets are masked
 * before, in every encoding (engines/smtp/redact.ts).
 */
export function maskSecretShapes(text: string): string {
  expectString(text, 'maskSecretShapes', 'text');
  return text
    .replace(/(^|[^A-Za-z0-9+/=])([A-Za-z0-9+/]{43}=|[A-Za-z0-9+/]{44})(?![A-Za-z0-9+/=])/g, '$1********')
    .replace(/(^|[^A-Za-z0-9+/=])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g, '$1********')
    .replace(/((?:pass(?:word)?|secret(?:AccessKey)?)["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, '$1********')
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, '$1********@');
}

/** The recipients a tool may send to: the mailbox simulator only. Undefined when all are; else the reason. */
export function simulatorOnlyProblem(to: unknown): string | undefined {
  const list = Array.isArray(to) ? to : typeof to === 'string' ? to.split(/[,;]/) : [];
  const addresses = list.map((a) => String(a).trim()).filter(Boolean);
  if (!addresses.length) return `give "to": a mailbox simulator address such as success@${SIMULATOR}.`;
  const real = addresses.filter((a) => !isSimulatorAddress(a));
  return real.length
    ? `the tool sends only to the SES mailbox simulator (…@${SIMULATOR}); ${real.join(', ')} is not one. Send to a real mailbox from the Send Test Email form.`
    : undefined;
}

interface Finding {
  check?: string;
  verdict?: string;
  title?: string;
  fix?: string;
  evidence?: string[];
}
interface Cause {
  title?: string;
  fix?: string;
  explanation?: string;
}

const lines = (xs: Array<string | undefined | false>): string => xs.filter(Boolean).join('\n');

/** An explanation's next action as the tool to call (or what the user does). */
function nextStep(a: Record<string, unknown>): string {
  const region = typeof a.region === 'string' ? a.region : undefined;
  switch (a.kind) {
    case 'doctor':
      return `${TOOL.runDoctor} with the credential set the app uses${region ? ` (region ${region})` : ''}`;
    case 'checkLogin':
      return `${TOOL.checkLogin} with the app's .env file or credential set`;
    case 'identity':
      return `${TOOL.identityStatus} for ${String(a.identity)}${region ? ` in ${region}` : ''}`;
    case 'productionAccess':
      return `the user requests production access in the SES console${region ? ` for ${region}` : ''} (${TOOL.accountStatus} shows the sandbox)`;
    default:
      return String(a.kind);
  }
}

/** The model-facing text of a tool's result, before masking. */
export function describeResult(tool: string, result: unknown): string {
  expectString(tool, 'describeResult', 'tool');
  if (result === undefined || result === null) return `${tool}: nothing was done (cancelled or declined).`;
  const r = isPlainObject(result) ? result : {};
  switch (tool) {
    case TOOL.runDoctor: {
      const report = isPlainObject(r.report) ? r.report : {};
      const findings = (Array.isArray(report.findings) ? report.findings : []) as Finding[];
      const bad = findings.filter((f) => f.verdict !== 'pass' && f.verdict !== 'skip');
      return lines([
        bad.length
          ? `The Doctor found ${bad.length} problem(s), most important first:`
          : `The Doctor found no problem (${findings.length} checks passed or were skipped).`,
        ...bad.map((f, i) => `${i + 1}. [${f.verdict}] ${f.title}${f.fix ? ` — fix: ${f.fix}` : ''}`),
      ]);
    }
    case TOOL.checkLogin: {
      const res = isPlainObject(r.result) ? r.result : {};
      const causes = (Array.isArray(r.causes) ? r.causes : []) as Cause[];
      return lines([
        r.ok === true
          ? `The SMTP login succeeded${res.phase ? ` (reached ${String(res.phase)})` : ''}.`
          : `The SMTP login failed${res.phase ? ` at ${String(res.phase)}` : ''}${isPlainObject(res.failure) && res.failure.message ? `: ${String(res.failure.message)}` : ''}.`,
        ...causes.map((c, i) => `${i + 1}. ${c.title}${c.fix ? ` — fix: ${c.fix}` : ''}`),
      ]);
    }
    case TOOL.explainError: {
      const causes = (Array.isArray(r.causes) ? r.causes : []) as Cause[];
      const actions = (Array.isArray(r.actions) ? r.actions : []) as Array<Record<string, unknown>>;
      return lines([
        `${String(r.headline ?? 'No explanation.')}${r.client ? ` (printed by ${String(r.client)})` : ''}`,
        ...causes.map((c, i) => `${i + 1}. ${c.title}${c.fix ? ` — fix: ${c.fix}` : ''}`),
        actions.length ? `Next: ${actions.map(nextStep).join('; ')}.` : undefined,
      ]);
    }
    case TOOL.identityStatus: {
      const rows = (Array.isArray(r.identities) ? r.identities : []) as Array<Record<string, unknown>>;
      if (!rows.length) return `No SES identity covers ${String(r.identity)} in ${String(r.regions ?? r.region)}.`;
      return rows
        .map((x) =>
          lines([
            `${String(x.name)} in ${String(x.region)}: verification ${String(x.verificationStatus ?? 'unknown')}, DKIM ${String(x.dkimStatus ?? 'unknown')}, sending ${x.sendingEnabled ? 'enabled' : 'disabled'}.`,
            Array.isArray(x.recordsNeedingAttention) && x.recordsNeedingAttention.length
              ? `Records needing attention: ${(x.recordsNeedingAttention as string[]).join('; ')}`
              : Array.isArray(x.recordsNeedingAttention)
                ? 'Every DNS record is in place.'
                : undefined,
          ]),
        )
        .join('\n');
    }
    case TOOL.accountStatus:
      if (r.available === false)
        return `The account status of ${String(r.region)} could not be read: ${String(r.reason)}`;
      return `SES in ${String(r.region)}: ${r.sandbox ? 'in the sandbox (only verified recipients; request production access)' : 'production access'}, sending ${r.sendingEnabled ? 'enabled' : 'DISABLED'}${r.enforcementStatus ? ` (${String(r.enforcementStatus)})` : ''}, quota ${String(r.max24HourSend ?? '?')} per 24 h (${String(r.sentLast24Hours ?? '?')} sent), at most ${String(r.maxSendRate ?? '?')} per second.`;
    case TOOL.whereIsMessage: {
      const t = isPlainObject(r.timeline) ? r.timeline : {};
      const rows = (Array.isArray(t.recipients) ? t.recipients : []) as Array<{
        recipient: string;
        outcome: string;
        lines?: string[];
      }>;
      return lines([
        `Message ${String(r.messageId)} in ${String(r.region ?? '?')}:`,
        ...(rows.length ? rows : [{ recipient: '(no recipient yet)', outcome: 'no event yet', lines: [] }]).map(
          (x) => `- ${x.recipient}: ${x.outcome}${x.lines?.length ? ` (${x.lines[x.lines.length - 1]})` : ''}`,
        ),
      ]);
    }
    case TOOL.sendTestEmail:
      return r.ok === true
        ? `SES accepted the test mail (message id ${String(r.messageId ?? '?')}). Use ${TOOL.whereIsMessage} with that id to see what happened to it.`
        : `The test mail was not accepted: ${String(r.headline ?? 'see the causes')}.`;
    case TOOL.writeEnv:
      return `The .env file was written: ${Array.isArray(r.keys) ? (r.keys as string[]).join(', ') : 'the SMTP keys'} (values not shown).`;
    default:
      return `${tool}: done.`;
  }
}

/** The whole text part of a result: the words, then the structured result as JSON. */
export function resultText(tool: string, result: unknown): string {
  const json = JSON.stringify(result ?? null, null, 1);
  return `${describeResult(tool, result)}\n\nResult as JSON:\n${json.length > 20_000 ? `${json.slice(0, 20_000)}…` : json}`;
}

/** A short summary of the input for the log and the confirmation (the input has no secret field). */
export function inputSummary(input: Record<string, unknown>): string {
  expectObject(input, 'inputSummary', 'input');
  return Object.entries(input)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}
