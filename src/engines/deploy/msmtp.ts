// msmtp through SES (issue #28), for cron and CI boxes without a mail server: the account in
// msmtp's own config syntax, and a check of an existing config that names each mistake (TLS off or
// its certificate check off, STARTTLS on an implicit-TLS port or off on 587, auth off, an
// unverified or missing From, an IAM secret key as password, no default account). vscode-free.
import { classifySmtpPassword } from '../../base/password';
import { expectObject, expectString } from '../../base/guards';
import { RelayConfigError, type RelayFinding } from './postfix';

export interface MsmtpValues {
  host: string;
  port: number;
  user: string;
  /** The SMTP password, written into the file (which must be 0600); or use passwordEval. */
  password?: string;
  /** A command whose output is the password (`passwordeval`), instead of the password in the file. */
  passwordEval?: string;
  /** The verified address mail is sent from. */
  from: string;
  /** The CA bundle (default Debian's). */
  caFile?: string;
  account?: string;
}

const DEFAULT_CA = '/etc/ssl/certs/ca-certificates.crt';

/** An msmtp value: bare when plain, else double-quoted with \ and " escaped (msmtp's rule). */
function msmtpValue(value: string): string {
  return /^[A-Za-z0-9+/=@._:,%~-]+$/.test(value) ? value : `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** The msmtp config (~/.msmtprc or /etc/msmtprc, mode 0600) for sending through SES. */
export function msmtpConfig(values: MsmtpValues, reveal = true): string {
  expectObject(values, 'msmtpConfig', 'values');
  for (const [name, value] of Object.entries({ host: values.host, user: values.user, from: values.from }))
    if (typeof value !== 'string' || !value || /[\r\n\0]/.test(value))
      throw new RelayConfigError(`The ${name} is missing or not one line.`);
  if (!Number.isInteger(values.port) || values.port < 1 || values.port > 65535)
    throw new RelayConfigError(`The port ${String(values.port)} is not a port number; SES takes 587 (STARTTLS).`);
  if (!values.password && !values.passwordEval)
    throw new RelayConfigError('Give the SMTP password or a passwordeval command.');
  if ((values.password ?? values.passwordEval ?? '').match(/[\r\n\0]/))
    throw new RelayConfigError('The password has a line break; it cannot go into the config.');
  const implicit = values.port === 465 || values.port === 2465;
  const account = values.account ?? 'ses';
  const secret = values.passwordEval
    ? `passwordeval   ${msmtpValue(values.passwordEval)}`
    : `password       ${reveal ? msmtpValue(values.password ?? '') : '********'}`;
  return [
    '# Sends through Amazon SES: STARTTLS on 587 (TLS on 465), the certificate checked, SMTP AUTH.',
    'defaults',
    'auth           on',
    'tls            on',
    `tls_starttls   ${implicit ? 'off' : 'on'}`,
    `tls_trust_file ${msmtpValue(values.caFile ?? DEFAULT_CA)}`,
    'syslog         on',
    '',
    `account        ${account}`,
    `host           ${msmtpValue(values.host)}`,
    `port           ${values.port}`,
    `from           ${msmtpValue(values.from)}`,
    `user           ${msmtpValue(values.user)}`,
    secret,
    '',
    `account default : ${account}`,
    '',
  ].join('\n');
}

interface MsmtpAccount {
  name: string;
  settings: Map<string, string>;
}

/** The accounts of an msmtp config, each with the defaults (and the account it inherits) applied. */
export function parseMsmtp(text: string): { accounts: MsmtpAccount[]; defaultAccount?: string } {
  expectString(text, 'parseMsmtp', 'text');
  const defaults = new Map<string, string>();
  const accounts: MsmtpAccount[] = [];
  let current: Map<string, string> = defaults;
  let defaultAccount: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const [key, rest] = [m[1].toLowerCase(), m[2].trim()];
    const value = rest.startsWith('"') && rest.endsWith('"') ? rest.slice(1, -1).replace(/\\(.)/g, '$1') : rest;
    if (key === 'defaults') {
      current = defaults;
    } else if (key === 'account') {
      const def = /^default\s*:\s*(\S+)$/.exec(value);
      if (def) {
        defaultAccount = def[1];
        continue;
      }
      const [name, parents] = value.split(/\s*:\s*/);
      const inherited = new Map(defaults);
      for (const p of (parents ?? '').split(/[\s,]+/).filter(Boolean))
        for (const [k, v] of accounts.find((a) => a.name === p)?.settings ?? []) inherited.set(k, v);
      current = inherited;
      accounts.push({ name, settings: current });
    } else {
      current.set(key, value);
    }
  }
  return { accounts, defaultAccount };
}

export type MsmtpMistake =
  | 'tls-off'
  | 'tls-certcheck-off'
  | 'starttls-on-implicit-port'
  | 'starttls-off-on-587'
  | 'auth-off'
  | 'no-from'
  | 'from-unverified'
  | 'password-secret-key'
  | 'no-default-account';

export interface MsmtpFinding extends Omit<RelayFinding, 'code'> {
  code: MsmtpMistake;
  account: string;
}

const on = (v: string | undefined): boolean => v === undefined || v === '' || v === 'on';

/** The mistakes of each account of an msmtp config, named with the fix. */
export function checkMsmtp(text: string, verified?: readonly string[]): MsmtpFinding[] {
  expectString(text, 'checkMsmtp', 'text');
  const { accounts, defaultAccount } = parseMsmtp(text);
  const findings: MsmtpFinding[] = [];
  if (!defaultAccount && !accounts.some((a) => a.name === 'default'))
    findings.push({
      code: 'no-default-account',
      account: '',
      message:
        'No default account: `msmtp -t` (and cron, which calls it as sendmail) does not know which account to use.',
      fix: `account default : ${accounts[0]?.name ?? 'ses'}`,
    });
  for (const { name, settings } of accounts) {
    const add = (code: MsmtpMistake, message: string, fix: string): void => {
      findings.push({ code, account: name, message: `Account ${name}: ${message}`, fix });
    };
    const get = (k: string): string | undefined => settings.get(k)?.toLowerCase();
    const port = Number(settings.get('port') ?? (get('tls') === 'on' && get('tls_starttls') === 'off' ? 465 : 25));
    if (get('tls') !== 'on')
      add(
        'tls-off',
        'tls is not on: msmtp will not send the password in the clear ("cannot use a secure authentication method"), and SES refuses AUTH without TLS.',
        'tls on',
      );
    if (get('tls_certcheck') === 'off')
      add(
        'tls-certcheck-off',
        'tls_certcheck is off: anyone between the box and SES can read the password.',
        'tls_certcheck on, with tls_trust_file /etc/ssl/certs/ca-certificates.crt',
      );
    const starttls = on(get('tls_starttls'));
    if ((port === 465 || port === 2465) && starttls)
      add(
        'starttls-on-implicit-port',
        `port ${port} speaks TLS from the first byte, but tls_starttls is on: msmtp waits for a greeting that never comes.`,
        'tls_starttls off (or port 587)',
      );
    if ((port === 587 || port === 2587 || port === 25) && !starttls)
      add(
        'starttls-off-on-587',
        `port ${port} starts in plain text and upgrades with STARTTLS, but tls_starttls is off: the TLS handshake fails.`,
        'tls_starttls on',
      );
    if (get('auth') === 'off' || settings.get('auth') === undefined)
      add('auth-off', 'auth is not on: msmtp never logs in and SES answers "530 Authentication required".', 'auth on');
    const from = settings.get('from');
    if (!from)
      add(
        'no-from',
        'no from address: mail leaves as the local user, which SES does not know.',
        'from noreply@example.com (a verified address)',
      );
    else if (
      verified &&
      !verified.some(
        (v) => v.toLowerCase() === from.toLowerCase() || v.toLowerCase() === from.toLowerCase().split('@')[1],
      )
    )
      add(
        'from-unverified',
        `from ${from} is not verified in SES (verified: ${verified.join(', ') || 'none'}).`,
        'from <a verified address>',
      );
    const password = settings.get('password');
    if (password && classifySmtpPassword(password).kind === 'iam-secret')
      add(
        'password-secret-key',
        'the password is an IAM secret access key, not the SMTP password derived from it: SES answers 535.',
        'password <the SMTP password> (Generate SMTP Password from IAM Secret Key)',
      );
  }
  return findings;
}
