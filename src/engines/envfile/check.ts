// Checks the SMTP values already in a .env file for the traps that end in 535 or a silent
// failure. Each finding points at a value and, where one exists, carries the value that fixes it.
// Messages never repeat a password or secret.
import { type EnvAssignment, type ParsedEnv } from './parse';
import { type SmtpBlock, encodeUrlPart, findSmtpBlocks, keyOf, parseSmtpUrl } from './conventions';
import { regionFromHost, validateRegion, type TlsMode } from '../../base/regions';
import { classifySmtpPassword, classifySmtpUsername } from '../../base/password';
import { MAX_REGION_LENGTH, derivedPasswordFix, tlsMismatch } from './checkFixes';
import { dialectFindings } from './dialectFindings';
import type { Dialect } from './dialects';
import { expectObject, expectOptionalList, expectOptionalObject } from '../../base/guards';

export { MAX_REGION_LENGTH } from './checkFixes';

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
  for (const block of blocks) {
    const urlA = assignmentFor(block, 'url');
    const pwA = assignmentFor(block, 'password') ?? urlA;
    const userA = assignmentFor(block, 'user') ?? urlA;
    const hostA = assignmentFor(block, 'host') ?? urlA;
    const portA = assignmentFor(block, 'port') ?? urlA;

    if (urlA && block.url !== undefined) {
      const u = parseSmtpUrl(block.url);
      if (u && /[+/=@:]/.test(u.rawPassword)) {
        const port = u.port ? `:${u.port}` : '';
        const fixed = `${u.scheme}://${encodeUrlPart(u.user)}:${encodeUrlPart(u.password)}@${u.host}${port}`;
        findings.push({
          id: 'url-unencoded',
          severity: 'error',
          ...at(urlA),
          message:
            'The password in this smtp:// URL has + / = @ or : that are not percent-encoded; URL parsers ' +
            'change or cut them, and SES answers 535. Encode them (%2B %2F %3D %40 %3A).',
          fixValue: fixed,
          fixTitle: 'Percent-encode the user and password',
        });
      }
    }

    if (block.password !== undefined && pwA) {
      const c = classifySmtpPassword(block.password);
      const effective = c.cleanedKind ?? c.kind;
      if (effective === 'iam-secret') {
        findings.push({
          id: 'secret-key-as-password',
          severity: 'error',
          ...at(pwA),
          message:
            'This looks like an IAM secret access key (40 characters), not an SES SMTP password. SES wants ' +
            'the 44-character password derived from it for one region ("SES SMTP: Generate SMTP Password from IAM ' +
            'Secret Key").',
          // Derived here, for the region of the host; the fix puts it where the secret was.
          ...derivedPasswordFix(block, c.cleaned, pwA === urlA),
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
    }

    if (block.user !== undefined && userA) {
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
    }

    if (block.host !== undefined && hostA && hostA !== urlA) {
      const host = block.host.trim();
      const shown = host.length > 80 ? `${host.slice(0, 80)}…` : host;
      const m = /^email-smtp(-fips)?\.([^.]+)\.amazonaws\.com(\.cn)?$/i.exec(host);
      if (m && m[2].length > MAX_REGION_LENGTH) {
        findings.push({
          id: 'host-region-typo',
          severity: 'error',
          ...at(hostA),
          message:
            `The region part of "${shown}" is ${m[2].length} characters long, so it is no SES region; ` +
            'the host should be email-smtp.<region>.amazonaws.com with a region such as eu-west-1.',
        });
      } else {
        const check = m ? validateRegion(m[2]) : undefined;
        if (m && check && !check.ok && check.suggestion) {
          const fixed = `email-smtp${m[1] ?? ''}.${check.suggestion}.amazonaws.com${m[3] ?? ''}`;
          findings.push({
            id: 'host-region-typo',
            severity: 'error',
            ...at(hostA),
            message: `${check.message} The host should be ${fixed}.`,
            fixValue: fixed,
            fixTitle: `Use ${check.suggestion}`,
          });
        } else if (!m && /amazonaws|amazonses|email-smtp/i.test(host)) {
          findings.push({
            id: 'host-not-ses',
            severity: 'warning',
            ...at(hostA),
            message: `"${shown}" is not an SES SMTP endpoint; those are email-smtp.<region>.amazonaws.com.`,
          });
        }
      }
    }

    if (block.port === 25 && portA && portA !== urlA) {
      findings.push({
        id: 'port-25',
        severity: 'warning',
        ...at(portA),
        message: 'Port 25 is throttled on EC2 and blocked by many networks; SES also listens on 587 (STARTTLS).',
        fixValue: '587',
        fixTitle: 'Use port 587',
      });
    }

    const tls = tlsMismatch(parsed, block, portA);
    if (tls) {
      const { at: a, ...fix } = tls;
      findings.push({ id: 'port-tls-mismatch', severity: 'warning', ...at(a), ...fix });
    }
  }
  return findings;
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
