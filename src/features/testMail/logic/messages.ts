// The protocol between the "Send Test Email" webview and the extension: the messages in both
// directions and the state the webview keeps. Shared by the host (src/features/testSend) and the
// webview script (src/webview/testSend), so it imports neither 'vscode' nor anything Node-only.
// Everything that comes from the webview is checked here against a schema: unknown types, wrong
// types and oversized fields are rejected with a reason (the caller logs it and ignores it).
import type { SmtpPhase } from '../../../engines/smtp/phases';
import type { TlsMode } from '../../../base/regions';
import { parseBurstFields, type BurstForm, type BurstToWebview } from './burstMessages';
import { parseSendExtras, type SendExtrasForm } from './sendExtras';
import {
  OPTION_STATE_FIELDS,
  parseExtrasState,
  parseOptionsMessage,
  type EventDestinationView,
  type ExtrasState,
  type OptionsFromWebview,
  type OptionsToWebview,
} from './optionMessages';
import { expectObject } from '../../../base/guards';

export interface SendForm {
  setId: string;
  from: string;
  /** Recipients separated by commas, semicolons or whitespace. */
  to: string;
  subject: string;
  text: string;
  html: string;
  port: number;
  tls: TlsMode;
  /** Send despite the warnings shown. */
  force: boolean;
  /** CC/BCC/Reply-To, the "Advanced" options and raw mode; absent from an older page. */
  extras?: SendExtrasForm;
}

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'send'; form: SendForm }
  | { type: 'burst'; form: BurstForm }
  | { type: 'cancel' }
  | { type: 'openLog' }
  | { type: 'addCredentials' }
  | { type: 'selectSet'; setId: string }
  | OptionsFromWebview;

/** A saved credential set as the form shows it: never its password. */
export interface SetView {
  id: string;
  name: string;
  description: string;
  region: string;
  host: string;
  port: number;
  tls: TlsMode;
  /** The set's default From, or ''. */
  from: string;
  /** Known only when the explorer has loaded the region. */
  sandbox?: boolean;
  /** Verified addresses in the region. */
  identities: string[];
  /** Verified domains in the region. */
  domains: string[];
  /** The account's MaxSendRate in the region (GetAccount), when known: a burst's default pace. */
  maxSendRate?: number;
}

/** One line of the masked transcript (the shape of core/smtp/session's TranscriptLine). */
export interface TranscriptLineView {
  t: number;
  dir: 'C' | 'S' | '*';
  text: string;
}

export interface PhaseTimingView {
  phase: SmtpPhase;
  ms: number;
  ok: boolean;
}

export interface FailureView {
  phase: SmtpPhase;
  /** An SmtpFailureCode of core/smtp/session ('AUTH_FAILED', 'REJECTED', 'TIMEOUT', …). */
  code: string;
  message: string;
  reply?: string;
}

export interface CauseView {
  id: string;
  confidence: 'certain' | 'likely' | 'possible';
  title: string;
  fix: string;
}

export interface SendResultMessage {
  type: 'result';
  ok: boolean;
  /** One line that says what happened, e.g. "Rejected (554): From address not verified in eu-central-1". */
  headline: string;
  /** What happens next for mailbox simulator recipients (bounce and complaint notifications). */
  notes: string[];
  messageId?: string;
  response?: string;
  phases: PhaseTimingView[];
  attempts: number;
  failure?: FailureView;
  causes: CauseView[];
  /** The configuration set named in the send, and where its events go (when they could be read). */
  configurationSet?: string;
  eventDestinations?: EventDestinationView[];
  /** Why the destinations are not shown (no AWS profile, the call failed). */
  destinationsNote?: string;
  /** The history entry of this send (for Save as .eml). */
  historyId?: string;
  hasEml?: boolean;
}

/** Extension → webview. */
/** One recipient's delivery timeline (features/delivery through ctx.calls). */
export interface DeliveryRecipientView {
  recipient: string;
  /** accepted, delivered, bounced, complained, delayed, rejected, no event yet */
  outcome: string;
  lines: string[];
}

/**
 * After "250 Ok <id>", with delivery tracking set up in the set's region: the message's timeline
 * per recipient while it is followed ('following'), when it stops ('done', with why), or why this
 * send is not followed ('off').
 */
export interface DeliveryMessage {
  type: 'delivery';
  messageId: string;
  state: 'following' | 'done' | 'off';
  note?: string;
  message: string[];
  recipients: DeliveryRecipientView[];
}

export type ToWebview =
  | {
      type: 'init';
      sets: SetView[];
      preselect?: string;
      simulator: Readonly<Record<string, string>>;
      /** vscode.l10n.bundle: the page script's own words translated (absent in English). */
      l10n?: Readonly<Record<string, string>>;
    }
  | { type: 'confirm'; warnings: string[] }
  | { type: 'started'; endpoint: string }
  | { type: 'phase'; phase: SmtpPhase }
  | { type: 'transcript'; line: TranscriptLineView }
  | { type: 'retry'; attempt: number; delayMs: number; reply?: string }
  | SendResultMessage
  | { type: 'error'; message: string; field?: 'set' }
  | DeliveryMessage
  | BurstToWebview
  | OptionsToWebview;

/** The form fields the webview keeps in its state (vscode.setState) across reloads. */
export const STATE_FIELDS = ['set', 'from', 'to', 'subject', 'text', 'html', 'port', ...OPTION_STATE_FIELDS] as const;
export type StateField = (typeof STATE_FIELDS)[number];
/** Never a password: the webview never has one; attachments as paths, never content. */
export type WebviewState = Partial<Record<StateField, string>> & { extras?: ExtrasState };

/** Reads a saved state defensively: it may come from an older version of the form. */
export function parseWebviewState(saved: unknown): WebviewState {
  const state: WebviewState = {};
  if (typeof saved !== 'object' || saved === null) return state;
  const s = saved as Record<string, unknown>;
  for (const field of STATE_FIELDS) {
    const value = s[field];
    if (typeof value === 'string' && value.length <= LIMITS.body) state[field] = value;
  }
  if (s.extras !== undefined) state.extras = parseExtrasState(s.extras);
  return state;
}

export const LIMITS = { id: 100, address: 2_000, subject: 998, body: 200_000 } as const;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function str(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw new Error(`${field} is ${value === null ? 'null' : typeof value}, not a string`);
  if (value.length > max) throw new Error(`${field} is ${value.length} characters, more than ${max}`);
  return value;
}

export function parseFromWebview(message: unknown): Parsed<FromWebview> {
  try {
    if (typeof message !== 'object' || message === null || Array.isArray(message))
      return { ok: false, reason: 'not an object' };
    const m = message as Record<string, unknown>;
    switch (m.type) {
      case 'ready':
      case 'cancel':
      case 'openLog':
      case 'addCredentials':
        return { ok: true, value: { type: m.type } };
      case 'selectSet':
        return { ok: true, value: { type: 'selectSet', setId: str(m.setId, 'setId', LIMITS.id) } };
      case 'pickAttachments':
      case 'openEml':
      case 'saveEml':
      case 'whereIs':
      case 'clearHistory':
        return { ok: true, value: parseOptionsMessage(m)! };
      case 'send':
      case 'burst': {
        const f = m.form;
        if (typeof f !== 'object' || f === null || Array.isArray(f))
          return { ok: false, reason: 'send without a form object' };
        const form = f as Record<string, unknown>;
        const port = form.port;
        if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
          return { ok: false, reason: 'port is not an integer from 1 to 65535' };
        if (form.tls !== 'starttls' && form.tls !== 'implicit')
          return { ok: false, reason: 'tls is not "starttls" or "implicit"' };
        if (form.force !== undefined && typeof form.force !== 'boolean')
          return { ok: false, reason: 'force is not a boolean' };
        if (m.type === 'burst') {
          const burst: BurstForm = {
            setId: str(form.setId, 'setId', LIMITS.id),
            from: str(form.from, 'from', LIMITS.address),
            to: str(form.to, 'to', LIMITS.address),
            subject: str(form.subject, 'subject', LIMITS.subject),
            text: str(form.text, 'text', LIMITS.body),
            port,
            tls: form.tls,
            ...parseBurstFields(form),
          };
          return { ok: true, value: { type: 'burst', form: burst } };
        }
        return {
          ok: true,
          value: {
            type: 'send',
            form: {
              setId: str(form.setId, 'setId', LIMITS.id),
              from: str(form.from, 'from', LIMITS.address),
              to: str(form.to, 'to', LIMITS.address),
              subject: str(form.subject, 'subject', LIMITS.subject),
              text: str(form.text, 'text', LIMITS.body),
              html: form.html === undefined ? '' : str(form.html, 'html', LIMITS.body),
              port,
              tls: form.tls,
              force: form.force === true,
              ...(form.extras === undefined ? {} : { extras: parseSendExtras(form.extras) }),
            },
          },
        };
      }
      default:
        return { ok: false, reason: `unknown message type ${JSON.stringify(String(m.type)).slice(0, 40)}` };
    }
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

export interface SendWarningInput {
  from: string;
  to: string[];
  /** CC and BCC recipients: in the sandbox they must be verified like To. */
  cc?: string[];
  bcc?: string[];
  region?: string;
  sandbox?: boolean;
  /** Verified identities in the region (addresses and domains), when known. */
  verified?: readonly string[];
}

/** Warnings shown before sending: unverified From, and in the sandbox unverified recipients. */
export function sendWarnings(input: SendWarningInput): string[] {
  expectObject(input, 'sendWarnings', 'input');
  const warnings: string[] = [];
  if (!input.verified) return warnings;
  const isVerified = (address: string): boolean => {
    const a = address.toLowerCase();
    const domain = a.split('@')[1] ?? '';
    return input.verified!.some((v) => v.toLowerCase() === a || v.toLowerCase() === domain);
  };
  const where = input.region ?? 'this region';
  if (input.from && !isVerified(input.from))
    warnings.push(`From ${input.from} is not a verified identity in ${where}; SES will reject the message with 554.`);
  if (input.sandbox) {
    const all = [...input.to, ...(input.cc ?? []), ...(input.bcc ?? [])];
    const unverified = all.filter((t) => !/@simulator\.amazonses\.com$/i.test(t) && !isVerified(t));
    if (unverified.length)
      warnings.push(
        `The account is in the SES sandbox in ${where}: ${unverified.join(', ')} ${unverified.length === 1 ? 'is' : 'are'} not verified, so SES will reject the message. Use the mailbox simulator or verify the recipient.`,
      );
  }
  return warnings;
}
