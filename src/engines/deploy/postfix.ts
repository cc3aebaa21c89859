// Postfix relaying through SES (issue #28): the main.cf settings, sasl_passwd (hashed with
// postmap), the sender rewriting that turns system mail (root@ip-10-0-0-1…) into a verified
// identity, the packages; and a check of an existing main.cf / sasl_passwd / sender map that names
// each mistake seen in the field: no TLS required, a relayhost without [brackets] or :587, SASL
// off or without a password map, the default security options that leave "no mechanism
// available", the SASL plug-ins missing (libsasl2-modules), a sasl_passwd entry that does not match
// the relayhost, an IAM secret key where the SMTP password goes, system mail not rewritten or
// rewritten to an unverified address. vscode-free.
import { classifySmtpPassword } from '../../base/password';
import { expectObject, expectString } from '../../base/guards';

export interface RelayValues {
  /** The SMTP endpoint: email-smtp.<region>.amazonaws.com (or a relay for tests). */
  host: string;
  port: number;
  user: string;
  password: string;
  /**
   * The verified identity system mail is sent as: an address, or a domain (then every sender not
   * of that domain becomes `systemSender`).
   */
  verifiedIdentity: string;
  /** The address system mail gets when the identity is a domain (default noreply@<domain>). */
  systemSender?: string;
  /** Where the files live (default /etc/postfix). */
  configDir?: string;
  /** The CA bundle (default Debian's /etc/ssl/certs/ca-certificates.crt). */
  caFile?: string;
}

export interface PostfixSetup {
  /** main.cf settings, in order, to apply with `postconf -e` (or paste). */
  settings: Array<[string, string]>;
  /** main.cf lines of those settings. */
  mainCf: string;
  /** The sasl_passwd file (then `postmap hash:<file>`, mode 0600). */
  saslPasswd: string;
  saslPasswdPreview: string;
  /** The regexp map that rewrites system senders. */
  senderCanonical: string;
  files: { saslPasswd: string; senderCanonical: string };
  packages: string[];
  /** The commands to run as root, in order (no secret in any of them). */
  commands: string[];
}

export const POSTFIX_PACKAGES = ['postfix', 'libsasl2-modules'];
const DEFAULT_CA = '/etc/ssl/certs/ca-certificates.crt';

export class RelayConfigError extends Error {}

function regexpQuote(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function checkValues(v: RelayValues, fn: string): void {
  expectObject(v, fn, 'values');
  for (const [name, value] of Object.entries({ host: v.host, user: v.user, password: v.password })) {
    if (typeof value !== 'string' || !value)
      throw new RelayConfigError(
        `The ${name} is missing; a relay through SES needs the host, the username and the SMTP password.`,
      );
    if (/[\s\0]/.test(value))
      throw new RelayConfigError(`The ${name} contains whitespace; it cannot go into a map file.`);
  }
  if (!Number.isInteger(v.port) || v.port < 1 || v.port > 65535)
    throw new RelayConfigError(`The port ${String(v.port)} is not a port number; SES takes 587 (STARTTLS).`);
  if (
    typeof v.verifiedIdentity !== 'string' ||
    !/^[^@\s]+@[^@\s]+\.[^@\s]+$|^[^@\s]+\.[^@\s]+$/.test(v.verifiedIdentity)
  )
    throw new RelayConfigError(
      'Give the verified identity system mail is sent as: an address (noreply@example.com) or a domain (example.com) verified in SES.',
    );
}

/** The sender system mail gets, and the map that rewrites every other sender to it. */
function senderMap(v: RelayValues): { sender: string; map: string } {
  const identity = v.verifiedIdentity.toLowerCase();
  if (identity.includes('@')) {
    return {
      sender: identity,
      map: `# Every sender but the verified address becomes it (SES refuses unverified senders).\n!/^${regexpQuote(identity)}$/ ${identity}\n`,
    };
  }
  const sender = (v.systemSender ?? `noreply@${identity}`).toLowerCase();
  if (!sender.endsWith(`@${identity}`))
    throw new RelayConfigError(`The system sender ${sender} is not an address of the verified domain ${identity}.`);
  return {
    sender,
    map: `# Every sender outside the verified domain ${identity} becomes ${sender}.\n!/@${regexpQuote(identity)}$/ ${sender}\n`,
  };
}

/** What to configure for a Postfix that relays through SES. Throws RelayConfigError for bad values. */
export function postfixRelaySetup(values: RelayValues): PostfixSetup {
  checkValues(values, 'postfixRelaySetup');
  const dir = (values.configDir ?? '/etc/postfix').replace(/\/+$/, '');
  const relayhost = `[${values.host}]:${values.port}`;
  const files = { saslPasswd: `${dir}/sasl_passwd`, senderCanonical: `${dir}/sender_canonical` };
  const implicit = values.port === 465 || values.port === 2465;
  const settings: Array<[string, string]> = [
    ['relayhost', relayhost],
    ['smtp_sasl_auth_enable', 'yes'],
    ['smtp_sasl_password_maps', `hash:${files.saslPasswd}`],
    // SES offers PLAIN and LOGIN only after STARTTLS; the default "noplaintext" leaves "no mechanism available".
    ['smtp_sasl_security_options', 'noanonymous'],
    ['smtp_sasl_tls_security_options', 'noanonymous'],
    ['smtp_tls_security_level', 'encrypt'],
    ['smtp_tls_note_starttls_offer', 'yes'],
    ['smtp_tls_CAfile', values.caFile ?? DEFAULT_CA],
    ...(implicit ? ([['smtp_tls_wrappermode', 'yes']] as Array<[string, string]>) : []),
    ['sender_canonical_maps', `regexp:${files.senderCanonical}`],
  ];
  const { map } = senderMap(values);
  const line = (password: string): string => `${relayhost} ${values.user}:${password}\n`;
  return {
    settings,
    mainCf: settings.map(([k, v]) => `${k} = ${v}`).join('\n') + '\n',
    saslPasswd: line(values.password),
    saslPasswdPreview: line('********'),
    senderCanonical: map,
    files,
    packages: [...POSTFIX_PACKAGES],
    commands: [
      `apt-get install ${POSTFIX_PACKAGES.join(' ')}`,
      `chmod 0600 ${files.saslPasswd}`,
      `postmap hash:${files.saslPasswd}`,
      `chmod 0600 ${files.saslPasswd}.db`,
      ...settings.map(([k, v]) => `postconf -e '${k} = ${v}'`),
      'postfix reload',
    ],
  };
}

/** main.cf's effective settings: later lines win, continuation lines joined, comments dropped. */
export function parseMainCf(text: string): Map<string, string> {
  expectString(text, 'parseMainCf', 'text');
  const out = new Map<string, string>();
  let current: { key: string; value: string } | undefined;
  const flush = (): void => {
    if (current) out.set(current.key, current.value.trim());
    current = undefined;
  };
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*#/.test(raw) || !raw.trim()) {
      if (!raw.trim()) flush();
      continue;
    }
    if (/^\s/.test(raw) && current) {
      current.value += ` ${raw.trim()}`;
      continue;
    }
    flush();
    const m = /^([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(raw);
    if (m) current = { key: m[1], value: m[2] };
  }
  flush();
  return out;
}

export type RelayMistake =
  | 'no-relayhost'
  | 'relayhost-mx-lookup'
  | 'relayhost-port'
  | 'tls-not-required'
  | 'sasl-off'
  | 'sasl-no-password-map'
  | 'sasl-no-mechanism'
  | 'sasl-module-missing'
  | 'sasl-passwd-no-entry'
  | 'sasl-passwd-secret-key'
  | 'sender-not-rewritten'
  | 'sender-unverified';

export interface RelayFinding {
  code: RelayMistake;
  /** What is wrong, in one sentence, naming the setting. */
  message: string;
  /** What to write instead. */
  fix: string;
}

export interface PostfixCheckInput {
  mainCf: string;
  /** The sasl_passwd text, when readable (root only). */
  saslPasswd?: string;
  /** The sender_canonical_maps table's text, when it is a regexp/pcre file that was read. */
  senderCanonical?: string;
  /** The SASL client plug-ins installed (file names of the sasl2 folder), when known. */
  saslPlugins?: string[];
  /** Identities verified in SES (addresses or domains), when known. */
  verified?: string[];
  /** The address system mail leaves as before rewriting (default root@<myhostname>). */
  systemSender?: string;
}

function isVerified(address: string, verified: readonly string[]): boolean {
  const a = address.toLowerCase();
  return verified.some((v) => v.toLowerCase() === a || v.toLowerCase() === a.split('@')[1]);
}

/** Applies a regexp table (`/re/ result` and `!/re/ result` lines, first match wins) to an address. */
export function applyRegexpMap(table: string, address: string): string | undefined {
  expectString(table, 'applyRegexpMap', 'table');
  expectString(address, 'applyRegexpMap', 'address');
  for (const line of table.split(/\r?\n/)) {
    const m = /^\s*(!?)\/((?:\\.|[^/\\])*)\/([a-zA-Z]*)\s+(\S+)\s*$/.exec(line);
    if (!m) continue;
    let re: RegExp;
    try {
      // Postfix regexp tables are case-insensitive unless the i flag toggles it off.
      re = new RegExp(m[2], m[3].includes('i') ? '' : 'i');
    } catch {
      continue;
    }
    if (re.test(address) !== (m[1] === '!')) return m[4];
  }
  return undefined;
}

/** The mistakes in an existing Postfix relay configuration, each named with its fix. */
export function checkPostfixRelay(input: PostfixCheckInput): RelayFinding[] {
  expectObject(input, 'checkPostfixRelay', 'input');
  expectString(input.mainCf, 'checkPostfixRelay', 'input.mainCf');
  const cf = parseMainCf(input.mainCf);
  const get = (k: string): string => cf.get(k) ?? '';
  const findings: RelayFinding[] = [];
  const add = (code: RelayMistake, message: string, fix: string): void => {
    findings.push({ code, message, fix });
  };
  const relayhost = get('relayhost');
  if (!relayhost) {
    add(
      'no-relayhost',
      'relayhost is not set, so Postfix delivers directly instead of through SES.',
      'relayhost = [email-smtp.<region>.amazonaws.com]:587',
    );
  } else {
    const m = /^(\[)?([^\]:\s]+)(\])?(?::(\d+))?$/.exec(relayhost);
    const host = m?.[2] ?? relayhost;
    if (m && !m[1]) {
      add(
        'relayhost-mx-lookup',
        `relayhost = ${relayhost} has no [brackets]: Postfix looks up MX records of ${host}, which has none, and the mail waits in the queue.`,
        `relayhost = [${host}]:${m[4] ?? '587'}`,
      );
    }
    const port = m?.[4];
    if (!port || port === '25') {
      add(
        'relayhost-port',
        `relayhost = ${relayhost} ${port ? 'uses port 25, which EC2 and most networks throttle or block' : 'has no port, so Postfix uses 25, which EC2 and most networks throttle or block'}.`,
        `relayhost = [${host}]:587`,
      );
    } else if ((port === '465' || port === '2465') && get('smtp_tls_wrappermode') !== 'yes') {
      add(
        'relayhost-port',
        `relayhost uses port ${port} (TLS from the first byte), but smtp_tls_wrappermode is not yes, so Postfix waits for a STARTTLS greeting that never comes.`,
        `relayhost = [${host}]:587 (or smtp_tls_wrappermode = yes with smtp_tls_security_level = encrypt)`,
      );
    }
  }
  const level = get('smtp_tls_security_level').toLowerCase();
  const legacyEnforced = get('smtp_enforce_tls').toLowerCase() === 'yes';
  if (!['encrypt', 'verify', 'secure', 'dane-only'].includes(level) && !legacyEnforced) {
    add(
      'tls-not-required',
      `smtp_tls_security_level is ${level || 'not set (none)'}: TLS is not required, and SES refuses AUTH before STARTTLS ("530 Must issue a STARTTLS command first").`,
      'smtp_tls_security_level = encrypt',
    );
  }
  if (get('smtp_sasl_auth_enable').toLowerCase() !== 'yes') {
    add(
      'sasl-off',
      'smtp_sasl_auth_enable is not yes: Postfix never logs in, and SES answers "530 Authentication required".',
      'smtp_sasl_auth_enable = yes',
    );
  }
  const maps = get('smtp_sasl_password_maps');
  if (!maps) {
    add(
      'sasl-no-password-map',
      'smtp_sasl_password_maps is not set: Postfix has no username and password to log in with.',
      'smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd',
    );
  }
  const options = (
    cf.has('smtp_sasl_security_options') ? get('smtp_sasl_security_options') : 'noplaintext, noanonymous'
  )
    .toLowerCase()
    .split(/[\s,]+/);
  if (options.includes('noplaintext')) {
    add(
      'sasl-no-mechanism',
      `smtp_sasl_security_options ${cf.has('smtp_sasl_security_options') ? 'has' : 'is left at its default, which has'} noplaintext: SES offers only PLAIN and LOGIN, so Postfix logs "SASL authentication failed; … no mechanism available".`,
      'smtp_sasl_security_options = noanonymous',
    );
  }
  if (input.saslPlugins !== undefined) {
    const names = input.saslPlugins.map((n) => n.toLowerCase());
    if (!names.some((n) => /^lib(plain|login)\.so/.test(n)))
      add(
        'sasl-module-missing',
        'The SASL PLAIN and LOGIN plug-ins are not installed: Postfix logs "no mechanism available" even with the right settings.',
        'apt-get install libsasl2-modules (cyrus-sasl-plain on RHEL and Amazon Linux)',
      );
  }
  if (input.saslPasswd !== undefined && relayhost) {
    const entries = input.saslPasswd
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => /^(\S+)\s+([^:\s]+):(\S+)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null);
    const entry = entries.find((e) => e[1] === relayhost);
    if (!entry) {
      add(
        'sasl-passwd-no-entry',
        `sasl_passwd has no line for ${relayhost} (it has ${entries.map((e) => e[1]).join(', ') || 'none'}): the key must be written exactly as relayhost, brackets and port included, or Postfix sends without logging in.`,
        `${relayhost} <username>:<SMTP password>, then postmap hash:/etc/postfix/sasl_passwd`,
      );
    } else if (classifySmtpPassword(entry[3]).kind === 'iam-secret') {
      add(
        'sasl-passwd-secret-key',
        'The password in sasl_passwd is an IAM secret access key, not the SMTP password derived from it: SES answers 535.',
        'Put the SMTP password (Generate SMTP Password from IAM Secret Key) there, then run postmap again.',
      );
    }
  }
  const canonical = get('sender_canonical_maps') || get('smtp_generic_maps');
  const myhostname = get('myhostname') || 'localhost';
  const systemSender = input.systemSender ?? `root@${myhostname}`;
  if (!canonical) {
    add(
      'sender-not-rewritten',
      `No sender_canonical_maps (or smtp_generic_maps): system mail leaves as ${systemSender}, and SES refuses it with "554 Message rejected: Email address is not verified".`,
      'sender_canonical_maps = regexp:/etc/postfix/sender_canonical, mapping every other sender to a verified address',
    );
  } else if (input.senderCanonical !== undefined && /^(regexp|pcre):/.test(canonical)) {
    const rewritten = applyRegexpMap(input.senderCanonical, systemSender);
    if (!rewritten) {
      add(
        'sender-not-rewritten',
        `The sender map does not rewrite ${systemSender}; SES refuses it as an unverified address.`,
        'Add a line such as !/@example\\.com$/ noreply@example.com',
      );
    } else if (input.verified && !isVerified(rewritten, input.verified)) {
      add(
        'sender-unverified',
        `The sender map rewrites system mail to ${rewritten}, which is not verified in SES (verified: ${input.verified.join(', ') || 'none'}).`,
        'Map it to a verified address or to an address of a verified domain.',
      );
    }
  }
  return findings;
}
