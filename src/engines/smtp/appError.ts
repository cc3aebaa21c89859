// Reads an SMTP error as an application printed it (a log line, a traceback, a terminal line):
// which mail client wrapped it (Ruby's Net::SMTP… exceptions, Python's smtplib tuples with byte
// strings, nodemailer's "Invalid login: …", PHPMailer's "SMTP Error: …", Symfony Mailer's
// 'Expected response code "235" but got code "535"', Go's net/smtp), the server's reply (code,
// enhanced status, text, joined when it spans lines), the region and identities SES named, and
// whether the wording is SES's own, another provider's, or a client-side failure (TLS mode, time
// out, refused). The result is the failure diagnose() reads (src/engines/smtp/diagnose.ts): this file
// has no rule of its own about causes. Pure and vscode-free; every pattern is linear (bounded
// repeats, no nested quantifiers) and the text is capped, so a hostile line costs little.
import { regionFromHost } from '../../base/regions';
import { expectString } from '../../base/guards';
import type { ClientFramework } from './frameworkHints';
import type { SmtpPhase } from './phases';
import type { SmtpFailureCode } from './types';

/** The most text read from a paste or a selection; the rest is ignored (the explanation says so). */
export const MAX_APP_ERROR_CHARS = 65_536;

/**
 * ses: SES's own wording, or an SES host named; client: a failure on the way (TLS mode, time-out,
 * refused, login refused without the server's words) that does not say whose server it was;
 * other: another provider's wording or host; unknown: an SMTP reply whose wording is not SES's.
 */
export type AppErrorSource = 'ses' | 'client' | 'other' | 'unknown';

export interface AppErrorReading {
  framework?: ClientFramework;
  source: AppErrorSource;
  /** What told the source apart: "the host smtp.gmail.com", "Gmail's wording"… */
  sourceNote?: string;
  /** The reply code (535, 554…), when the text has one. */
  code?: number;
  /** The enhanced status code (5.7.8), when the text has one. */
  enhanced?: string;
  /** The server's reply as read ("535 Authentication Credentials Invalid"), or the client's own error. */
  reply?: string;
  /** What diagnose() reads: the failure code and phase. */
  failureCode: SmtpFailureCode;
  phase: SmtpPhase;
  /** A short sentence of what happened, for diagnose's messages. */
  message: string;
  /** The region SES named ("in region EU-WEST-1") or the one of the email-smtp host. */
  region?: string;
  /** The identities SES named as not verified. */
  identities: string[];
  host?: string;
  port?: number;
  /** The SMTP username, when the client printed it (Symfony Mailer does). */
  username?: string;
  /** True when the text was longer than MAX_APP_ERROR_CHARS and only its start was read. */
  truncated?: boolean;
  /**
   * Other failures the same text stands for, when the client hides which one it was (PHPMailer's
   * "Could not connect to SMTP host." is printed alike for a closed port and for the wrong TLS mode).
   */
  alternatives?: Array<Pick<AppErrorReading, 'failureCode' | 'phase' | 'message'>>;
  /** How to make the client say more, when it hides the cause. */
  moreDetail?: string;
}

// ---------------------------------------------------------------------------------------------
// Which client printed it.

const FRAMEWORK_MARKS: ReadonlyArray<[ClientFramework, RegExp]> = [
  [
    'symfony',
    /Expected response code "\d{3}"|Symfony\\Component\\Mailer|TransportException|Connection could not be established with host|Failed to authenticate on SMTP server/,
  ],
  ['phpmailer', /SMTP Error: |PHPMailer|SMTP ERROR: |SMTP connect\(\) failed|Mailer Error: /],
  [
    'nodemailer',
    /Invalid login: |Greeting never received|code: '(?:EAUTH|EENVELOPE|EMESSAGE|ESOCKET|ETIMEDOUT|ECONNECTION|EDNS|ETLS|EPROTOCOL)'|Message failed: |Data command failed|Can't send mail - all recipients were rejected|nodemailer/,
  ],
  ['django', /django[./]core[./]mail|django\.core|EMAIL_BACKEND|EMAIL_USE_(?:TLS|SSL)/],
  [
    'python',
    /smtplib|SMTP[A-Za-z]{0,20}Error\(|SMTPServerDisconnected|\(\d{3}, b['"]|ssl\.SSL[A-Za-z]{0,20}Error|_ssl\.c:|ConnectionRefusedError|socket\.timeout/,
  ],
  [
    'rails',
    /Net::(?:SMTP[A-Za-z]{0,24}|ReadTimeout|OpenTimeout)|OpenSSL::SSL::SSLError|Errno::E[A-Z]{2,16}|action_?mailer|ActionMailer|\.rb:\d{1,6}:in/,
  ],
  ['go', /net\/smtp|dial tcp |tls: first record does not look like a TLS handshake|\.go:\d{1,6}|\bi\/o timeout/],
];

function frameworkOf(text: string): ClientFramework | undefined {
  return FRAMEWORK_MARKS.find(([, mark]) => mark.test(text))?.[0];
}

// ---------------------------------------------------------------------------------------------
// SES's own replies: the wording, the code it comes with, and the failure it is.

interface SesPhrase {
  pattern: RegExp;
  code: number;
  failure: SmtpFailureCode;
  phase: SmtpPhase;
}

/** Each pattern matches where the reply's text starts; the reply runs on to its end (replyEnd). */
const SES_PHRASES: readonly SesPhrase[] = [
  { pattern: /Authentication Credentials Invalid/i, code: 535, failure: 'AUTH_FAILED', phase: 'auth' },
  { pattern: /Account not subscribed to SES/i, code: 535, failure: 'AUTH_FAILED', phase: 'auth' },
  {
    pattern: /(?:Message rejected: )?Email address is not verified|The following identities failed the check/i,
    code: 554,
    failure: 'REJECTED',
    phase: 'data',
  },
  {
    pattern: /(?:Access denied: )?Amazon SES no longer supports TLS 1\.0/i,
    code: 554,
    failure: 'REJECTED',
    phase: 'auth',
  },
  {
    pattern: /Access denied: User .{1,300}?not authorized to perform .?ses:Send/i,
    code: 554,
    failure: 'REJECTED',
    phase: 'data',
  },
  {
    pattern: /Throttling failure|Maximum sending rate exceeded|Daily message quota exceeded/i,
    code: 454,
    failure: 'TEMPORARY',
    phase: 'data',
  },
  {
    pattern: /(?:Connection closed by server\. )?Maximum message count per session reached/i,
    code: 421,
    failure: 'TEMPORARY',
    phase: 'mail',
  },
  { pattern: /Too many concurrent SMTP connections/i, code: 421, failure: 'TEMPORARY', phase: 'connect' },
  { pattern: /Must issue a STARTTLS command first/i, code: 530, failure: 'AUTH_REQUIRED', phase: 'auth' },
  {
    pattern: /Configuration set <?[^<>\s]{1,64}>? does not exist|Invalid tag (?:name|value) </i,
    code: 554,
    failure: 'REJECTED',
    phase: 'data',
  },
  {
    pattern: /Temporary (?:service|authentication) failure/i,
    code: 454,
    failure: 'TEMPORARY',
    phase: 'data',
  },
  { pattern: /Timeout waiting for data from client/i, code: 451, failure: 'TEMPORARY', phase: 'data' },
];

// ---------------------------------------------------------------------------------------------
// Failures on the client's side, without a reply.

interface ClientFailure {
  pattern: RegExp;
  failure: SmtpFailureCode;
  phase: SmtpPhase;
  what: string;
}

const CLIENT_FAILURES: readonly ClientFailure[] = [
  {
    // PHPMailer says only this, whatever failed before the greeting: read together with its alternatives.
    pattern: /Could not connect to SMTP host|SMTP connect\(\) failed/i,
    failure: 'REFUSED',
    phase: 'connect',
    what: 'The client could not connect (it does not say why)',
  },
  {
    pattern: /wrong version number|WRONG_VERSION_NUMBER|first record does not look like a TLS handshake/i,
    failure: 'TLS',
    phase: 'connect',
    what: 'TLS failed: wrong version number (the server answered in plain text)',
  },
  {
    pattern:
      /certificate verify failed|CERTIFICATE_VERIFY_FAILED|self[- ]signed certificate|unable to verify the first certificate|x509: certificate/i,
    failure: 'TLS_CERT',
    phase: 'starttls',
    what: "The server's TLS certificate was not accepted",
  },
  {
    pattern: /unsupported protocol|alert protocol version|no protocols available/i,
    failure: 'TLS',
    phase: 'starttls',
    what: 'TLS failed: the client and the server share no TLS version',
  },
  {
    pattern: /Greeting never received|Net::ReadTimeout|waiting for the server greeting/i,
    failure: 'TIMEOUT',
    phase: 'greeting',
    what: 'The connection opened but the server never sent its greeting',
  },
  {
    pattern: /ETIMEDOUT|Connection timeout|Connection timed out|timed out|Net::OpenTimeout|i\/o timeout|TimeoutError/i,
    failure: 'TIMEOUT',
    phase: 'connect',
    what: 'Connecting timed out',
  },
  {
    pattern: /ECONNREFUSED|Connection refused/i,
    failure: 'REFUSED',
    phase: 'connect',
    what: 'The connection was refused',
  },
  {
    pattern: /ENOTFOUND|EAI_AGAIN|getaddrinfo|Name or service not known|no such host|nodename nor servname/i,
    failure: 'DNS',
    phase: 'connect',
    what: 'The host name did not resolve',
  },
  {
    pattern:
      /Could not authenticate|Invalid login|SMTPAuthenticationError|SMTPAuthenticationError|Failed to authenticate/i,
    failure: 'AUTH_FAILED',
    phase: 'auth',
    what: 'The login was refused',
  },
  {
    pattern:
      /SMTPServerDisconnected|Connection unexpectedly closed|ECONNRESET|Connection reset by peer|unexpected EOF|EOFError|socket hang up/i,
    failure: 'CLOSED',
    phase: 'greeting',
    what: 'The server closed the connection',
  },
];

// ---------------------------------------------------------------------------------------------
// Other providers: their hosts and their wording, to tell a near miss apart.

const OTHER_HOSTS =
  /\b(?:smtp\.gmail\.com|smtp\.googlemail\.com|smtp\.office365\.com|smtp-mail\.outlook\.com|smtp\.sendgrid\.net|smtp\.mailgun\.org|smtp\.postmarkapp\.com|smtp\.sparkpostmail\.com|in-v3\.mailjet\.com|smtp\.zoho\.[a-z]{2,3}|smtp\.mandrillapp\.com|smtp\.mailtrap\.io|sandbox\.smtp\.mailtrap\.io|smtp\.mail\.yahoo\.com|smtp\.fastmail\.com|smtp-relay\.brevo\.com|smtp\.resend\.com)\b/i;

const OTHER_WORDING: ReadonlyArray<[RegExp, string]> = [
  [/Username and Password not accepted|support\.google\.com\/mail|gsmtp\b/i, "Gmail's wording"],
  [/Authentication unsuccessful|SmtpClientAuthentication|outlook\.com|office365/i, "Microsoft 365's wording"],
  [/The provided authorization grant is invalid|sendgrid/i, "SendGrid's wording"],
  [/mailgun/i, "Mailgun's wording"],
];

const EMAIL_SMTP_HOST = /email-smtp(?:-fips)?\.[a-z]{2}(?:-gov)?-[a-z]{1,12}-\d{1,2}\.amazonaws\.com(?:\.cn)?/i;

// ---------------------------------------------------------------------------------------------

/** Undoes the escaping the clients print: \r\n and \n inside strings, escaped quotes, tabs. */
export function unescapeAppText(text: string): string {
  expectString(text, 'unescapeAppText', 'text');
  return text
    .replace(/\\r\\n|\\n|\\r/g, '\n')
    .replace(/\\t/g, ' ')
    .replace(/\\(['"])/g, '$1');
}

/** Where a reply's text ends: a quote, a line break, a client's own suffix such as " (Net::…)". */
function replyEnd(text: string, from: number): number {
  const rest = text.slice(from, from + 2000);
  const m = /['"\n\r]| \((?:Net::|OpenSSL|Errno)|\s{2,}at |\)$|\}\)/.exec(rest);
  return from + (m ? m.index : rest.length);
}

/** The reply code (and enhanced status) written just before `at`, in any client's way. */
function codeBefore(text: string, at: number): { code?: number; enhanced?: string } {
  const before = text.slice(Math.max(0, at - 40), at);
  const m =
    /([2-5]\d\d)(?:[ -]([245]\.\d{1,3}\.\d{1,3}))?[ -]$/.exec(before) ??
    /([2-5]\d\d), b?['"]$/.exec(before) ??
    /([2-5]\d\d)[ -]\s{0,3}(?:Error: )?$/.exec(before);
  return m ? { code: Number(m[1]), enhanced: m[2] } : {};
}

/** The next lines of a multi-line reply (the same code and "-" or " "), joined with a space. */
function continuation(text: string, end: number, code: number | undefined): string {
  if (code === undefined) return '';
  let out = '';
  let at = end;
  for (let i = 0; i < 10 && text[at] === '\n'; i++) {
    const m = new RegExp(`^\\n\\s{0,8}${code}[ -](?:[245]\\.\\d{1,3}\\.\\d{1,3}\\s{1,4})?`).exec(
      text.slice(at, at + 40),
    );
    if (!m) break;
    const lineEnd = replyEnd(text, at + m[0].length);
    out += ` ${text.slice(at + m[0].length, lineEnd).trim()}`;
    at = lineEnd;
  }
  return out;
}

/** A reply of any server: "535-5.7.8 Username and…", "(554, b'…')", 'got code "535"'. */
function anyReply(text: string): { code: number; enhanced?: string; text: string; index: number } | undefined {
  const symfony = /got code "([2-5]\d\d)", with message "([^"]{0,2000})"/.exec(text);
  if (symfony) {
    const inner = /^\s*([2-5]\d\d)[ -](?:([245]\.\d{1,3}\.\d{1,3})\s)?/.exec(symfony[2]);
    return {
      code: Number(symfony[1]),
      enhanced: inner?.[2],
      text: symfony[2].slice(inner ? inner[0].length : 0).trim(),
      index: symfony.index,
    };
  }
  const tuple = /\(([45]\d\d), b?['"]/.exec(text);
  if (tuple) {
    const start = tuple.index + tuple[0].length;
    const end = replyEnd(text, start);
    const body = text.slice(start, end);
    const enhanced = /^([245]\.\d{1,3}\.\d{1,3})\s/.exec(body);
    return {
      code: Number(tuple[1]),
      enhanced: enhanced?.[1],
      text: body.slice(enhanced ? enhanced[0].length : 0).trim(),
      index: tuple.index,
    };
  }
  const generic = /(?<![\d.:/#\w-])([45]\d\d)([ -])(?:([245]\.\d{1,3}\.\d{1,3})\s{1,4})?(?=[A-Za-z<([])/.exec(text);
  if (generic) {
    const start = generic.index + generic[0].length;
    const end = replyEnd(text, start);
    const code = Number(generic[1]);
    return {
      code,
      enhanced: generic[3],
      text: (text.slice(start, end) + continuation(text, end, code)).trim(),
      index: generic.index,
    };
  }
  return undefined;
}

const HOST_PORT =
  /\b((?:\d{1,3}\.){3}\d{1,3}|localhost|\[[0-9a-fA-F:]{2,39}\]|[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}):(\d{2,5})\b/gi;
const SOURCE_FILE = /\.(?:rb|py|pyc|js|mjs|cjs|ts|go|php|c|h|cc|java|kt|cs|rs|ex|exs|pl|pm|erb|twig)$/i;

function hostAndPort(text: string): { host?: string; port?: number } {
  const ses = EMAIL_SMTP_HOST.exec(text)?.[0];
  const other = OTHER_HOSTS.exec(text)?.[0];
  let withPort: RegExpExecArray | undefined;
  for (const m of text.slice(0, 16_384).matchAll(HOST_PORT)) {
    // "smtp.rb:1088", "main.go:42": a source file and its line, not a host and its port.
    if (SOURCE_FILE.test(m[1]) || /^:\d{1,6}:/.test(text.slice(m.index + m[0].length - m[2].length - 1))) continue;
    withPort = m;
    break;
  }
  const port = withPort ? Number(withPort[2]) : undefined;
  const named = withPort?.[1];
  const host = ses ?? other ?? (named && !/^\d+$/.test(named) ? named : undefined);
  return { host, port: port && port < 65536 ? port : undefined };
}

function identitiesIn(reply: string): { region?: string; identities: string[] } {
  const m = /failed the check in region ([A-Za-z0-9-]{4,30}):\s{0,4}([^\n'"]{0,4000})/i.exec(reply);
  if (!m) return { identities: [] };
  const identities = m[2]
    .split(/,\s{0,4}/)
    .map((s) => s.trim().replace(/[.)]+$/, ''))
    .filter((s) => /^[^\s@]{0,64}@?[^\s@]{1,253}$/.test(s) && s.length > 0)
    .slice(0, 50);
  return { region: m[1].toLowerCase(), identities };
}

/**
 * What an application's error text says, or undefined when it holds no SMTP failure this reader
 * knows (no reply code and no client failure of a mail client).
 */
export function readAppError(input: string): AppErrorReading | undefined {
  if (typeof input !== 'string') return undefined;
  const truncated = input.length > MAX_APP_ERROR_CHARS;
  const text = unescapeAppText(truncated ? input.slice(0, MAX_APP_ERROR_CHARS) : input);
  const framework = frameworkOf(text);
  const { host, port } = hostAndPort(text);
  const hostRegion = host ? regionFromHost(host)?.region : undefined;
  const username = /with username "([^"\s]{1,128})"/.exec(text)?.[1];
  const base = { framework, host, port, username, ...(truncated ? { truncated } : {}) };

  for (const phrase of SES_PHRASES) {
    const m = phrase.pattern.exec(text);
    if (!m) continue;
    const found = codeBefore(text, m.index);
    const code = found.code ?? phrase.code;
    const end = replyEnd(text, m.index);
    const body = (text.slice(m.index, end) + continuation(text, end, code)).trim();
    const reply = `${code} ${body}`;
    const named = identitiesIn(body);
    return {
      ...base,
      source: 'ses',
      sourceNote: "SES's wording",
      code,
      enhanced: found.enhanced,
      reply,
      failureCode: phrase.failure,
      phase: phrase.phase,
      message: reply,
      region: named.region ?? hostRegion,
      identities: named.identities,
    };
  }

  const otherWording = OTHER_WORDING.find(([w]) => w.test(text))?.[1];
  const otherHost = OTHER_HOSTS.exec(text)?.[0];
  const otherNote = otherHost ? `the host ${otherHost}` : otherWording;
  const found = anyReply(text);
  // A bare "421 tests passed" is no reply: a code counts with an enhanced status, a mail client, or mail named.
  const reply = found && (found.enhanced || framework || /smtp|mail/i.test(text)) ? found : undefined;
  if (reply) {
    const full = `${reply.code} ${reply.enhanced ? `${reply.enhanced} ` : ''}${reply.text}`.trim();
    return {
      ...base,
      source: otherNote ? 'other' : hostRegion ? 'ses' : 'unknown',
      sourceNote: otherNote ?? (hostRegion ? `the host ${host}` : 'not the wording SES uses'),
      code: reply.code,
      enhanced: reply.enhanced,
      reply: full,
      failureCode: failureOfCode(reply.code),
      phase: reply.code === 535 ? 'auth' : reply.code === 530 ? 'mail' : 'data',
      message: full,
      region: hostRegion,
      identities: [],
    };
  }

  for (const client of CLIENT_FAILURES) {
    const m = client.pattern.exec(text);
    if (!m) continue;
    const hidden = client === CLIENT_FAILURES[0];
    return {
      ...(hidden
        ? {
            alternatives: [
              { failureCode: 'TLS', phase: 'connect', message: 'TLS failed: wrong version number (TLS mode and port)' },
              { failureCode: 'TIMEOUT', phase: 'connect', message: 'Connecting timed out' },
            ],
            moreDetail:
              'PHPMailer does not say why it could not connect: set $mail->SMTPDebug = SMTP::DEBUG_CONNECTION ' +
              '(or 3) and run again to see the reason.',
          }
        : {}),
      ...base,
      source: otherNote ? 'other' : hostRegion ? 'ses' : 'client',
      sourceNote: otherNote ?? (hostRegion ? `the host ${host}` : undefined),
      reply: m[0],
      failureCode: client.failure,
      phase: client.phase,
      message: client.failure === 'TLS' ? `${client.what}: ${m[0]}` : `${client.what} (${m[0]}).`,
      region: hostRegion,
      identities: [],
    };
  }
  return undefined;
}

function failureOfCode(code: number): SmtpFailureCode {
  if (code === 535) return 'AUTH_FAILED';
  if (code === 530) return 'AUTH_REQUIRED';
  return code >= 500 ? 'REJECTED' : 'TEMPORARY';
}
