// Explain SES SMTP Error, without the editor: the pasted text masked, read (engines/smtp/appError.ts),
// and handed to the one rule table (engines/smtp/diagnose.ts) with what the application side adds
// (the client's framework, the account's rate and sandbox when the SES Explorer knows them); then
// the verdict, the causes, and the next actions the page offers. Pure and vscode-free.
import { diagnose, type Cause, type KnownFacts } from '../../../engines/smtp/diagnose';
import { readAppError, MAX_APP_ERROR_CHARS, type AppErrorReading } from '../../../engines/smtp/appError';
import { maskPastedText } from '../../../engines/smtp/pastedSecrets';
import { CLIENT_FRAMEWORK_NAMES } from '../../../engines/smtp/frameworkHints';
import { expectObject, expectOptionalObject, expectString } from '../../../base/guards';

export const PRODUCTION_ACCESS_URL = 'https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html';

export type Verdict = AppErrorReading['source'] | 'unreadable';

export type NextAction =
  | { kind: 'doctor'; region?: string }
  | { kind: 'checkLogin' }
  | { kind: 'identity'; region: string; identity: string }
  | { kind: 'productionAccess'; region?: string };

export interface PastedError {
  /** The text as given, masked (and cut at MAX_APP_ERROR_CHARS): the only form shown or logged. */
  masked: string;
  /** What the masked text says, when it holds an SMTP failure. */
  reading?: AppErrorReading;
}

/** What the SES Explorer knows of the account in the reading's region. */
export interface AccountFacts {
  maxSendRate?: number;
  sandbox?: boolean;
}

export interface Explanation {
  verdict: Verdict;
  /** One sentence: whose error it is and what is wrong. */
  headline: string;
  /** The client that printed it, in words ("Python smtplib"). */
  client?: string;
  reading?: AppErrorReading;
  causes: Cause[];
  actions: NextAction[];
  /** The text as given, masked. */
  masked: string;
}

/** Masks the text first, then reads the masked text: nothing after this point ever sees a secret. */
export function readPasted(text: string): PastedError {
  const given = String(text ?? '');
  const masked = maskPastedText(given.length > MAX_APP_ERROR_CHARS ? given.slice(0, MAX_APP_ERROR_CHARS) : given);
  const reading = readAppError(masked);
  return { masked, reading: reading && given.length > MAX_APP_ERROR_CHARS ? { ...reading, truncated: true } : reading };
}

/** The explanation of a pasted error, with the account's facts when the explorer has them. */
export function explainPasted(pasted: PastedError, account: AccountFacts = {}): Explanation {
  expectObject(pasted, 'explainPasted', 'pasted', '(the result of readPasted)');
  expectString(pasted.masked, 'explainPasted', 'pasted.masked');
  expectOptionalObject(account, 'explainPasted', 'account');
  const { masked, reading } = pasted;
  if (!reading) {
    return {
      verdict: 'unreadable',
      headline:
        'No SMTP error found in this text: no reply code (535, 554, 454 …) and no failure of a mail client ' +
        '(TLS, time-out, refused connection). Paste the whole error line, or run the Doctor to check the setup.',
      causes: [],
      actions: [{ kind: 'doctor' }],
      masked,
    };
  }
  const client = reading.framework ? CLIENT_FRAMEWORK_NAMES[reading.framework] : undefined;
  if (reading.source === 'other' || reading.source === 'unknown') {
    const whose =
      reading.source === 'other'
        ? `This is not an SES error: ${reading.sourceNote ?? 'another provider'} answered`
        : 'This is not SES wording, so its cause is unknown here';
    return {
      verdict: reading.source,
      headline: `${whose} (${reading.reply ?? reading.message}). The SES rules do not apply to it; if you meant to send through SES, check the host (email-smtp.<region>.amazonaws.com) and run the Doctor.`,
      client,
      reading,
      causes: [],
      actions: [{ kind: 'doctor', region: reading.region }],
      masked,
    };
  }
  const known: KnownFacts = {
    ...(reading.framework ? { framework: reading.framework } : {}),
    ...(reading.username !== undefined ? { username: reading.username } : {}),
    ...(reading.region ? { region: reading.region } : {}),
    ...(account.maxSendRate ? { maxSendRate: account.maxSendRate } : {}),
    ...(account.sandbox !== undefined ? { sandbox: account.sandbox } : {}),
  };
  const causes = diagnose(
    {
      ok: false,
      host: reading.host,
      port: reading.port,
      failure: {
        code: reading.failureCode,
        phase: reading.phase,
        reply: reading.code !== undefined ? reading.reply : undefined,
        responseCode: reading.code,
        message: reading.message,
      },
    },
    known,
  );
  // A client that hides which failure it was: each candidate's causes, none more than possible.
  for (const alternative of reading.alternatives ?? []) {
    for (const cause of diagnose(
      {
        ok: false,
        host: reading.host,
        port: reading.port,
        failure: { code: alternative.failureCode, phase: alternative.phase, message: alternative.message },
      },
      known,
    )) {
      if (!causes.some((c) => c.id === cause.id)) causes.push({ ...cause, confidence: 'possible' });
    }
  }
  if (reading.alternatives?.length) {
    for (const cause of causes) cause.confidence = 'possible';
  }
  // A log line never shows the username: on a refused login, it is one of the suspects too.
  if (
    reading.failureCode === 'AUTH_FAILED' &&
    reading.username === undefined &&
    !/not subscribed/i.test(reading.reply ?? '')
  ) {
    causes.push({
      id: 'username-not-access-key',
      confidence: 'possible',
      title: 'The username may be an IAM user name or an email address instead of the access key id.',
      fix: 'Use the IAM access key id (AKIA…, 20 characters) as the SMTP username; the Doctor checks it.',
    });
  }
  return {
    verdict: reading.source,
    headline: headline(reading, causes, client),
    client,
    reading,
    causes,
    actions: actionsFor(reading, causes),
    masked,
  };
}

function headline(reading: AppErrorReading, causes: Cause[], client: string | undefined): string {
  const top = causes[0]?.title ?? reading.message;
  const by = client ? ` (${client})` : '';
  if (reading.moreDetail) return `${reading.message}${by}. ${reading.moreDetail}`;
  if (reading.source === 'ses') return `SES refused this${by}: ${top}`;
  return `The mail client failed before any SES reply${by}: ${top}`;
}

function actionsFor(reading: AppErrorReading, causes: Cause[]): NextAction[] {
  const actions: NextAction[] = [];
  const ids = new Set(causes.map((c) => c.id));
  if (reading.failureCode === 'AUTH_FAILED') actions.push({ kind: 'checkLogin' });
  actions.push({ kind: 'doctor', region: reading.region });
  if (reading.region) {
    for (const identity of reading.identities.slice(0, 5))
      actions.push({ kind: 'identity', region: reading.region, identity });
  }
  if (ids.has('identity-not-verified') || ids.has('sandbox-recipient'))
    actions.push({ kind: 'productionAccess', region: reading.region });
  return actions;
}

const ACTION_LABEL: Record<NextAction['kind'], string> = {
  doctor: 'Run SMTP Doctor',
  checkLogin: 'Check SMTP Login',
  identity: 'Show identity in SES Explorer',
  productionAccess: 'Request production access',
};

/** The words of an action's button. */
export function actionLabel(action: NextAction): string {
  expectObject(action, 'actionLabel', 'action');
  if (action.kind === 'identity') return `Show ${action.identity} in SES Explorer (${action.region})`;
  if (action.kind === 'doctor' && action.region) return `Run SMTP Doctor (${action.region})`;
  return ACTION_LABEL[action.kind];
}

/** The explanation as Markdown: for the log, the clipboard and the page's copy button. Masked input only. */
export function explanationMarkdown(e: Explanation): string {
  expectObject(e, 'explanationMarkdown', 'e', '(the result of explainPasted)');
  expectString(e.masked, 'explanationMarkdown', 'e.masked');
  const lines = [`# ${e.headline}`, ''];
  if (e.reading) {
    const r = e.reading;
    const facts = [
      e.client && `Client: ${e.client}`,
      r.code !== undefined && `Reply: ${r.reply}`,
      r.region && `Region: ${r.region}`,
      r.identities.length > 0 && `Identities named: ${r.identities.join(', ')}`,
      r.host && `Host: ${r.host}${r.port ? `:${r.port}` : ''}`,
      r.truncated && `Only the first ${MAX_APP_ERROR_CHARS} characters were read.`,
    ].filter((x): x is string => typeof x === 'string');
    for (const f of facts) lines.push(`- ${f}`);
    if (facts.length) lines.push('');
  }
  e.causes.forEach((c, i) => {
    lines.push(`${i + 1}. **${c.title}** (${c.confidence})`, `   ${c.fix}`);
  });
  if (e.causes.length) lines.push('');
  lines.push('```text', e.masked.length > 4000 ? `${e.masked.slice(0, 4000)}…` : e.masked, '```');
  return lines.join('\n');
}
