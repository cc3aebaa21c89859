// Checks the SMTP values already in a .env file for the traps that end in 535 or a silent
// failure. Each finding points at a value and, where one exists, carries the value that fixes it.
// Messages never repeat a password or secret.
import { type EnvAssignment, type ParsedEnv } from './parse';
import { type SmtpBlock, encodeUrlPart, findSmtpBlocks, keyOf, parseSmtpUrl } from './conventions';
import { regionFromHost, validateRegion, type TlsMode } from '../../base/regions';
import { classifySmtpPassword, classifySmtpUsername } from '../../base/password';
import { MAX_REGION_LENGTH, blockRegion, derivedPasswordFix, tlsMismatch } from './checkFixes';
import { parseEnv } from './parse';
import { readAs } from './dialectReaders';
import { readerName } from './dialects';
import { rawValue } from './dialectRead';
import { writableForms } from './edit';
import type { Dialect } from './dialects';
import { expectList, expectObject, expectOptionalList, expectOptionalObject, expectString } from '../../base/guards';

export type FindingId =
  | 'secret-key-as-password'
  | 'value-whitespace-or-quotes'
  | 'url-unencoded'
  | 'host-region-typo'
  | 'host-not-ses'
  | 'port-25'
  | 'port-tls-mismatch'
  | 'username-not-access-key'
  | 'username-temporary-key'
  | 'password-legacy-v2'
  // The framework's parser reads the value differently from the file (dialectFindings.ts).
  | 'value-interpolated'
  | 'value-unquoted-whitespace'
  | 'value-backtick-quotes'
  | 'value-parsers-disagree';

export interface EnvFinding {
  id: FindingId;
  severity: 'error' | 'warning' | 'info';
  key: string;
  /** Offsets of the value in the file. */
  start: number;
  end: number;
  line: number;
  message: string;
  /** The value that fixes it (to be written with setEnvKeys), when there is one. */
  fixValue?: string;
  /** The key the fix writes, when it is not the key the finding points at. */
  fixKey?: string;
  fixTitle?: string;
  /** An IAM user name in place of the access key id: the name, for the look-up of its keys (userKeyFix.ts). */
  iamUserName?: string;
}

function at(a: EnvAssignment): Pick<EnvFinding, 'key' | 'start' | 'end' | 'line'> {
  return { key: a.key, start: a.valueStart, end: a.valueEnd, line: a.line };
}

type Field = 'host' | 'port' | 'user' | 'password' | 'url' | 'secure' | 'encryption';

function assignmentFor(block: SmtpBlock, field: Field): EnvAssignment | undefined {
  const key = keyOf(block.convention, field);
  return key ? block.assignments.find((a) => a.key === key) : undefined;
}

/** The findings; with `read` (the text and its dialect), also what the framework's parser reads differently. */
export function checkEnv(
  parsed: ParsedEnv,
  blocks: SmtpBlock[] = findSmtpBlocks(parsed),
  read?: { text: string; dialect: Dialect },
): EnvFinding[] {
  expectObject(parsed, 'checkEnv', 'parsed');
  expectOptionalList(blocks, 'checkEnv', 'blocks');
  expectOptionalObject(read, 'checkEnv', 'read');
  const findings: EnvFinding[] = read ? dialectFindings(read.text, blocks, read.dialect) : [];
  for (const block of blocks) findings.push(...blockFindings(parsed, block));
  return findings;
}

/** One block's findings, field by field; a field the block writes only inside its URL is judged there. */
function blockFindings(parsed: ParsedEnv, block: SmtpBlock): EnvFinding[] {
  const urlA = assignmentFor(block, 'url');
  const pwA = assignmentFor(block, 'password') ?? urlA;
  const userA = assignmentFor(block, 'user') ?? urlA;
  const hostA = assignmentFor(block, 'host') ?? urlA;
  const portA = assignmentFor(block, 'port') ?? urlA;
  return [
    ...urlFindings(block, urlA),
    ...passwordFindings(block, pwA, urlA),
    ...usernameFindings(block, userA, urlA),
    ...hostFindings(block, hostA, urlA),
    ...portFindings(block, portA, urlA),
    ...tlsFindings(parsed, block, portA),
  ];
}

/** An smtp:// URL whose password has characters URL parsers change or cut. */
function urlFindings(block: SmtpBlock, urlA: EnvAssignment | undefined): EnvFinding[] {
  if (!urlA || block.url === undefined) return [];
  const u = parseSmtpUrl(block.url);
  if (!u || !/[+/=@:]/.test(u.rawPassword)) return [];
  const port = u.port ? `:${u.port}` : '';
  const fixed = `${u.scheme}://${encodeUrlPart(u.user)}:${encodeUrlPart(u.password)}@${u.host}${port}`;
  return [
    {
      id: 'url-unencoded',
      severity: 'error',
      ...at(urlA),
      message:
        'The password in this smtp:// URL has + / = @ or : that are not percent-encoded; URL parsers ' +
        'change or cut them, and SES answers 535. Encode them (%2B %2F %3D %40 %3A).',
      fixValue: fixed,
      fixTitle: 'Percent-encode the user and password',
    },
  ];
}

/** An IAM secret key or a version 2 password in place of the SMTP password; spaces or quotes pasted into it. */
function passwordFindings(
  block: SmtpBlock,
  pwA: EnvAssignment | undefined,
  urlA: EnvAssignment | undefined,
): EnvFinding[] {
  if (block.password === undefined || !pwA) return [];
  const findings: EnvFinding[] = [];
  const c = classifySmtpPassword(block.password);
  const effective = c.cleanedKind ?? c.kind;
  if (effective === 'iam-secret') {
    // Derived here, for the region of the host; the fix puts it where the secret was. The message
    // points at that quick fix when there is one, and at the command only when the region is unknown.
    const fix = derivedPasswordFix(block, c.cleaned, pwA === urlA);
    const region = fix ? blockRegion(block) : undefined;
    findings.push({
      id: 'secret-key-as-password',
      severity: 'error',
      ...at(pwA),
      message:
        'This looks like an IAM secret access key (40 characters), not an SES SMTP password. SES wants ' +
        'the 44-character password derived from it for one region. ' +
        (fix && region
          ? `Quick fix available (Ctrl+. or Cmd+.): derive it for ${region}.`
          : 'The host names no region: run "SES SMTP: Generate SMTP Password from IAM Secret Key" and pick ' +
            'the region you send from.'),
      ...fix,
    });
  } else if (effective === 'v2') {
    findings.push({
      id: 'password-legacy-v2',
      severity: 'warning',
      ...at(pwA),
      message:
        'This is a legacy version 2 SMTP password, which SES no longer accepts. Derive a version 4 ' +
        'password for your region.',
    });
  }
  const pasted = c.problems.some((p) => p === 'whitespace-outside' || p === 'whitespace-inside' || p === 'quoted');
  if (pwA !== urlA && pasted) {
    findings.push({
      id: 'value-whitespace-or-quotes',
      severity: 'error',
      ...at(pwA),
      message:
        'The password has spaces, a line break or quotes inside its value, which become part of the ' + 'password.',
      fixValue: c.cleaned,
      fixTitle: 'Remove the spaces and quotes',
    });
  }
  return findings;
}

/** A temporary key, an IAM user name or an email address in place of the access key id; spaces or quotes around it. */
function usernameFindings(
  block: SmtpBlock,
  userA: EnvAssignment | undefined,
  urlA: EnvAssignment | undefined,
): EnvFinding[] {
  if (block.user === undefined || !userA) return [];
  const findings: EnvFinding[] = [];
  const u = classifySmtpUsername(block.user);
  if (u.kind === 'temporary-key') {
    findings.push({ id: 'username-temporary-key', severity: 'error', ...at(userA), message: u.summary });
  } else if (u.kind === 'iam-user-name' || u.kind === 'email') {
    const iamUserName = u.kind === 'iam-user-name' ? u.cleaned : undefined;
    findings.push({
      id: 'username-not-access-key',
      severity: 'warning',
      ...at(userA),
      message: u.summary,
      ...(iamUserName ? { iamUserName } : {}),
    });
  }
  if (userA !== urlA && (u.problems.includes('whitespace-outside') || u.problems.includes('quoted'))) {
    findings.push({
      id: 'value-whitespace-or-quotes',
      severity: 'error',
      ...at(userA),
      message: 'The username has spaces, a line break or quotes inside its value.',
      fixValue: u.cleaned,
      fixTitle: 'Remove the spaces and quotes',
    });
  }
  return findings;
}

/** A host with a mistyped region, or an AWS-looking host that is no SES SMTP endpoint. */
function hostFindings(
  block: SmtpBlock,
  hostA: EnvAssignment | undefined,
  urlA: EnvAssignment | undefined,
): EnvFinding[] {
  if (block.host === undefined || !hostA || hostA === urlA) return [];
  const host = block.host.trim();
  const shown = host.length > 80 ? `${host.slice(0, 80)}…` : host;
  const m = /^email-smtp(-fips)?\.([^.]+)\.amazonaws\.com(\.cn)?$/i.exec(host);
  if (m && m[2].length > MAX_REGION_LENGTH) {
    return [
      {
        id: 'host-region-typo',
        severity: 'error',
        ...at(hostA),
        message:
          `The region part of "${shown}" is ${m[2].length} characters long, so it is no SES region; ` +
          'the host should be email-smtp.<region>.amazonaws.com with a region such as eu-west-1.',
      },
    ];
  }
  const check = m ? validateRegion(m[2]) : undefined;
  if (m && check && !check.ok && check.suggestion) {
    const fixed = `email-smtp${m[1] ?? ''}.${check.suggestion}.amazonaws.com${m[3] ?? ''}`;
    return [
      {
        id: 'host-region-typo',
        severity: 'error',
        ...at(hostA),
        message: `${check.message} The host should be ${fixed}.`,
        fixValue: fixed,
        fixTitle: `Use ${check.suggestion}`,
      },
    ];
  }
  if (!m && /amazonaws|amazonses|email-smtp/i.test(host)) {
    return [
      {
        id: 'host-not-ses',
        severity: 'warning',
        ...at(hostA),
        message: `"${shown}" is not an SES SMTP endpoint; those are email-smtp.<region>.amazonaws.com.`,
      },
    ];
  }
  return [];
}

/** Port 25, throttled and often blocked. */
function portFindings(
  block: SmtpBlock,
  portA: EnvAssignment | undefined,
  urlA: EnvAssignment | undefined,
): EnvFinding[] {
  if (block.port !== 25 || !portA || portA === urlA) return [];
  return [
    {
      id: 'port-25',
      severity: 'warning',
      ...at(portA),
      message: 'Port 25 is throttled on EC2 and blocked by many networks; SES also listens on 587 (STARTTLS).',
      fixValue: '587',
      fixTitle: 'Use port 587',
    },
  ];
}

/** A TLS setting that does not fit the port (checkFixes.ts). */
function tlsFindings(parsed: ParsedEnv, block: SmtpBlock, portA: EnvAssignment | undefined): EnvFinding[] {
  const tls = tlsMismatch(parsed, block, portA);
  if (!tls) return [];
  const { at: a, ...fix } = tls;
  return [{ id: 'port-tls-mismatch', severity: 'warning', ...at(a), ...fix }];
}

/** The login-check arguments a block describes (port 587 and STARTTLS when the file does not say). */
export function loginArgsFromBlock(block: SmtpBlock): {
  host?: string;
  region?: string;
  port: number;
  tls: TlsMode;
  username: string;
  password: string;
} {
  expectObject(block, 'loginArgsFromBlock', 'block');
  const host = block.host?.trim();
  const region = block.region ?? (host ? regionFromHost(host)?.region : undefined);
  const port = block.port ?? (block.implicitTls ? 465 : 587);
  const tls: TlsMode = block.implicitTls || port === 465 || port === 2465 ? 'implicit' : 'starttls';
  return { host, region, port, tls, username: block.user ?? '', password: block.password ?? '' };
}

// ---------------------------------------------------------------------------------------------
// The dialect's findings: Findings for values the framework reads differently from what the file shows (issue #21): a $VAR or ${VAR} its parser replaces, unquoted whitespace that makes phpdotenv refuse the whole file, backtick quotes that only npm dotenv understands. Messages never repeat a value.

/** The value as the file shows it (what its quotes enclose), when the dialect can write it safely. */
function literalFix(dialect: Dialect, literal: string, title: string): Pick<EnvFinding, 'fixValue' | 'fixTitle'> {
  try {
    return writableForms(literal, '\n', dialect).length ? { fixValue: literal, fixTitle: title } : {};
  } catch {
    return {};
  }
}

export function dialectFindings(text: string, blocks: readonly SmtpBlock[], dialect: Dialect): EnvFinding[] {
  expectString(text, 'dialectFindings', 'text');
  expectList(blocks, 'dialectFindings', 'blocks');
  expectObject(dialect, 'dialectFindings', 'dialect');
  if (dialect.id === 'dotenv') return [];
  const base = parseEnv(text);
  const literalAt = new Map(base.assignments.map((a) => [a.start, a.value]));
  const at = (a: EnvAssignment): Pick<EnvFinding, 'key' | 'start' | 'end' | 'line'> => ({
    key: a.key,
    start: a.valueStart,
    end: a.valueEnd,
    line: a.line,
  });
  const findings: EnvFinding[] = [];
  const inBlocks = new Set(blocks.flatMap((b) => b.assignments.map((a) => a.start)));
  const passwords = new Set(blocks.map((b) => b.convention.keys.password).filter(Boolean));

  for (const a of base.assignments) {
    const raw = rawValue(text, a);
    const literal = literalAt.get(a.start) ?? a.value;
    // phpdotenv stops at the first bad line, whichever key it is: the whole file is refused. That line
    // is shown, and every bad one in an SMTP block.
    const shown = findings.some((f) => f.id === 'value-unquoted-whitespace') && !inBlocks.has(a.start);
    if (dialect.readers.includes('phpdotenv') && !shown && !raw.includes('\n')) {
      const r = readAs('phpdotenv', raw);
      if (r.error?.includes('unexpected whitespace')) {
        findings.push({
          id: 'value-unquoted-whitespace',
          severity: 'error',
          ...at(a),
          message:
            'phpdotenv (Laravel) refuses the whole .env file at this value: it has whitespace outside quotes ' +
            '("unexpected whitespace"), so the app does not start. Put the value in quotes.',
          ...literalFix(dialect, literal, 'Quote the value'),
        });
      }
    }
    if (!inBlocks.has(a.start)) continue;
    if (a.quote === '`') {
      findings.push({
        id: 'value-backtick-quotes',
        severity: 'error',
        ...at(a),
        message:
          `Backtick quotes are understood only by npm dotenv; ${dialect.framework} reads this value ` +
          'differently (the backticks become part of it, or the line is skipped).',
        ...literalFix(dialect, literal, 'Use quotes this framework understands'),
      });
      continue;
    }
    if (raw.includes('\n')) continue;
    // Django: python-dotenv and django-environ each strip quotes their own way (a '"…"' value loses both).
    const [first, second] = dialect.readers.filter((r) => r !== 'dotenv');
    if (first && second) {
      const one = readAs(first, raw);
      const two = readAs(second, raw);
      if (one.value !== undefined && two.value !== undefined && one.value !== two.value) {
        findings.push({
          id: 'value-parsers-disagree',
          severity: 'warning',
          ...at(a),
          message:
            `${readerName(first)} and ${readerName(second)} read this value differently (quotes or backslashes ` +
            `are removed by one and kept by the other), so the app gets a value that depends on which one loads it.`,
          ...literalFix(dialect, one.value, `Write it as ${readerName(first)} reads it`),
        });
      }
    }
    const expanding = dialect.readers.find((r) => r !== 'dotenv' && readAs(r, raw).expanded.length > 0);
    if (expanding) {
      const isPassword = passwords.has(a.key);
      const what = isPassword ? 'the app logs in with a different password than' : 'the app sees another value than';
      findings.push({
        id: 'value-interpolated',
        severity: isPassword ? 'error' : 'warning',
        ...at(a),
        message:
          `${readerName(expanding)} replaces the $ and the name after it in this value with another ` +
          `variable's value, so ${what} ` +
          'the file shows (SES answers 535 for a changed password). Quote or escape it as this framework needs, ' +
          'or choose a value without $.',
        ...literalFix(dialect, literal, 'Write the value so the $ stays literal'),
      });
    }
  }
  return findings;
}
