// What the Send Test Email form says at a glance: one headline for the outcome of a send, worded
// like the SES console words it ("Rejected (554): From address not verified in eu-central-1"),
// and what happens next for mailbox simulator recipients. Pure; shared by host and webview.
import { SMTP_PHASE_LABELS, type SmtpPhase } from '../../../engines/smtp/phases';
import { expectObject, expectStringList } from '../../../base/guards';

export interface HeadlineInput {
  ok: boolean;
  failure?: { phase: SmtpPhase; code: string; message: string; reply?: string; responseCode?: number };
  /** The From address as entered (a display name is allowed). */
  from?: string;
  /** The region of the credentials, when the reply does not name one. */
  region?: string;
  attempts?: number;
}

export function sendHeadline(input: HeadlineInput): string {
  expectObject(input, 'sendHeadline', 'input');
  if (input.ok) {
    return input.attempts && input.attempts > 1 ? `Accepted by SES (attempt ${input.attempts})` : 'Accepted by SES';
  }
  const f = input.failure;
  if (!f) return 'Not sent';
  const code = f.responseCode ?? replyCode(f.reply);
  const text = replyText(f.reply);
  const phase = SMTP_PHASE_LABELS[f.phase] ?? f.phase;
  switch (f.code) {
    case 'AUTH_FAILED':
      return `Login refused (${code ?? 535}): ${text || 'Authentication Credentials Invalid'}`;
    case 'AUTH_REQUIRED':
      return `Refused (${code ?? 530}): ${text || 'authentication required'}`;
    case 'REJECTED':
      return `Rejected${code ? ` (${code})` : ''}: ${rejection(text, input)}`;
    case 'TEMPORARY': {
      const tries = input.attempts && input.attempts > 1 ? ` after ${input.attempts} attempts` : '';
      return `Temporary failure${code ? ` (${code})` : ''}${tries}: ${text || f.message}`;
    }
    case 'DNS':
      return 'Host not found: the SMTP host name does not resolve';
    case 'REFUSED':
      return 'Connection refused: nothing accepts connections on that host and port';
    case 'TIMEOUT':
      return `Timed out at ${phase}: the server did not answer`;
    case 'TLS_CERT':
      return 'TLS certificate not trusted';
    case 'TLS':
      return 'TLS handshake failed';
    case 'TLS_NOT_OFFERED':
      return 'STARTTLS not offered: credentials were not sent';
    case 'AUTH_UNSUPPORTED':
      return 'Login not offered by the server';
    case 'CLOSED':
      return `Connection closed by the server at ${phase}`;
    case 'CANCELLED':
      return `Cancelled at ${phase}`;
    case 'INPUT':
      return `Not sent: ${f.message}`;
    default:
      return text ? `Failed at ${phase}${code ? ` (${code})` : ''}: ${text}` : `Failed at ${phase}: ${f.message}`;
  }
}

function replyCode(reply: string | undefined): number | undefined {
  const m = /^([2-5]\d\d)\b/.exec(reply ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The reply without its code and enhanced status code: "535 5.7.8 Authentication …" → "Authentication …". */
function replyText(reply: string | undefined): string {
  return (reply ?? '')
    .replace(/^[2-5]\d\d[ -]?/, '')
    .replace(/^[2-5]\.\d{1,3}\.\d{1,3}\s+/, '')
    .trim();
}

function bare(address: string): string {
  const m = /<([^>]+)>/.exec(address);
  return (m ? m[1] : address).trim().toLowerCase();
}

function rejection(text: string, input: HeadlineInput): string {
  if (/not verified/i.test(text)) {
    const m = /failed the check in region ([A-Z0-9-]+):\s*(.*)$/i.exec(text);
    const region = m ? m[1].toLowerCase() : input.region;
    const where = region ? ` in ${region}` : '';
    const failed = m
      ? m[2]
          .split(/,\s*/)
          .map((a) => a.trim().toLowerCase())
          .filter(Boolean)
      : [];
    const from = input.from ? bare(input.from) : '';
    const fromFailed = failed.length === 0 || (from !== '' && failed.includes(from));
    const others = failed.filter((a) => a !== from).length;
    const recipients = others === 1 ? 'a recipient' : `${others} recipients`;
    if (fromFailed && others) return `From address and ${recipients} not verified${where}`;
    if (fromFailed) return `From address not verified${where}`;
    return `${others === 1 ? 'Recipient' : recipients} not verified${where} (the account is in the sandbox)`;
  }
  // A tenant's resource refusal comes as "Access denied: Tenant not associated with resources
  // [<ARNs>]." (#27): not the IAM user's permission, which the next rule names.
  const tenant = /Tenant not associated with resources\s*(?:\[([^\]]*)\])?/i.exec(text);
  if (tenant) {
    const named = (tenant[1] ?? '')
      .split(',')
      .map((arn) => arn.trim().split(':').slice(5).join(':'))
      .filter(Boolean)
      .map((r) =>
        r.includes('/') ? `${r.slice(0, r.indexOf('/')).replace(/-/g, ' ')} ${r.slice(r.indexOf('/') + 1)}` : r,
      );
    return `the tenant (X-SES-TENANT) is not associated with ${named.length ? named.join(' and ') : 'a resource of this message'}`;
  }
  if (/Access denied|not authorized to perform/i.test(text)) {
    return 'not allowed to send: the IAM user lacks ses:SendRawEmail';
  }
  if (/too long/i.test(text)) return 'Message is too long';
  return firstSentence(text) || 'the server refused the message';
}

function firstSentence(text: string): string {
  const m = /^(.{1,160}?[.!])(\s|$)/.exec(text);
  const s = (m ? m[1] : text.slice(0, 160)).replace(/\.$/, '');
  return s.replace(/^Message rejected:\s*/i, '');
}

const SIMULATOR = /^(success|bounce|ooto|complaint|suppressionlist)(\+[^@]*)?@simulator\.amazonses\.com$/i;

const FEEDBACK =
  'through the configuration set\u2019s event destinations or the identity\u2019s feedback forwarding ' +
  '(email or SNS), not in this form';

const NEXT: Record<string, string> = {
  success: 'success@simulator: SES delivers it to the simulator; nothing else follows.',
  bounce:
    'bounce@simulator: SES accepts it, then the simulator answers with a hard bounce. ' +
    `The bounce notification arrives later ${FEEDBACK}.`,
  ooto: 'ooto@simulator: SES delivers it and the simulator sends an out-of-office auto-reply to the From address.',
  complaint:
    'complaint@simulator: SES delivers it, then the simulator reports a complaint. ' +
    `The complaint notification arrives later ${FEEDBACK}.`,
  suppressionlist:
    'suppressionlist@simulator: SES treats the address as if it were on the suppression list: ' +
    `the message is not delivered (rejected as suppressed) and a bounce notification arrives later ${FEEDBACK}.`,
};

/** For each mailbox simulator kind among the recipients, what will happen next. */
export function simulatorNotes(recipients: readonly string[]): string[] {
  expectStringList(recipients, 'simulatorNotes', 'recipients');
  const kinds = new Set<string>();
  for (const r of recipients) {
    const m = SIMULATOR.exec(bare(r));
    if (m) kinds.add(m[1].toLowerCase());
  }
  return [...kinds].map((k) => NEXT[k]);
}
