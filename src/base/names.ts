// The project's one domain-name validator and the small helpers names and addresses share. Pure and
// vscode-free: host overrides, SES identities and the domains of addresses are all checked here, so
// a rule (253 characters, 63 per label, no NUL, punycode for IDNs) is written once. Email addresses
// themselves are parsed in emailAddress.ts, which activation does not load.
import { expectOptionalNumber, expectOptionalObject, expectString } from './guards';

/** DNS limits (RFC 1035) and address limits (RFC 5321). */
export const NAME_LIMITS = { name: 253, label: 63, address: 320, localPart: 64, addressField: 998 } as const;

export class NameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NameError';
  }
}

/** A value as shown in a message: quoted, at most 60 characters, control characters escaped. */
export function shown(value: string, max = 60): string {
  expectString(value, 'shown', 'value');
  expectOptionalNumber(max, 'shown', 'max');
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

/** What kind of control character a string holds, as words; undefined when it has none. */
export function controlCharacter(
  value: string,
  options: { allowLineBreaks?: boolean; allowTab?: boolean } = {},
): string | undefined {
  expectString(value, 'controlCharacter', 'value');
  expectOptionalObject(options, 'controlCharacter', 'options');
  // eslint-disable-next-line no-control-regex
  const m = /[\u0000-\u001f\u007f\u2028\u2029]/.exec(
    value
      .replace(options.allowLineBreaks ? /\r\n|[\r\n]/g : /(?!)/g, '')
      .replace(options.allowTab ? /\t/g : /(?!)/g, ''),
  );
  if (!m) return undefined;
  const c = m[0];
  if (c === '\0') return 'a NUL character';
  if (c === '\r' || c === '\n' || c === '\u2028' || c === '\u2029') return 'a line break';
  if (c === '\t') return 'a tab';
  return `the control character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * What is wrong with the labels of a dot-separated DNS name, or undefined when nothing is. The name
 * has no trailing dot here. Labels are letters, digits, hyphens (not first or last) and, as DNS
 * allows in practice (_dmarc, _domainkey), underscores.
 */
function labelProblem(name: string): { kind: 'empty' | 'long' | 'non-ascii' | 'chars'; label: string } | undefined {
  for (const label of name.split('.')) {
    if (!label) return { kind: 'empty', label };
    if (label.length > NAME_LIMITS.label) return { kind: 'long', label };
    if (!/^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/i.test(label)) {
      // eslint-disable-next-line no-control-regex
      return { kind: /[^\x00-\x7f]/.test(label) ? 'non-ascii' : 'chars', label };
    }
  }
  return undefined;
}

/**
 * The one domain validator: an SES identity or the domain of an address. Returns the name lower-cased
 * without a trailing dot; throws NameError whose message names the problem and the fix.
 */
export function validateDomainName(input: unknown): string {
  if (typeof input !== 'string')
    throw new NameError(`The domain must be text such as example.com, not ${typeOf(input)}.`);
  const name = input.trim().toLowerCase().replace(/\.$/, '');
  if (!name) throw new NameError('The domain is empty. Enter a domain such as example.com.');
  const control = controlCharacter(name);
  if (control)
    throw new NameError(`The domain ${shown(name)} contains ${control}; enter only a domain such as example.com.`);
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(name) || name.includes('/'))
    throw new NameError(`"${name.slice(0, 80)}" is a URL; enter only the domain, such as example.com.`);
  if (name.includes('@'))
    throw new NameError(
      `"${name.slice(0, 80)}" is an email address; the domain is the part after the @ (${name.split('@').pop()!.slice(0, 80)}).`,
    );
  if (name.length > NAME_LIMITS.name)
    throw new NameError(`The domain is ${name.length} characters long; DNS names have at most ${NAME_LIMITS.name}.`);
  if (/\s/.test(name))
    throw new NameError(`The domain ${shown(name)} contains a space; enter only a domain such as example.com.`);
  if (!name.includes('.')) throw new NameError(`"${name}" has no dot; SES identities are domains such as example.com.`);
  const problem = labelProblem(name);
  if (problem?.kind === 'empty')
    throw new NameError(`"${name}" has an empty label (two dots in a row, or a leading dot).`);
  if (problem?.kind === 'long')
    throw new NameError(
      `The label "${problem.label.slice(0, 20)}…" is ${problem.label.length} characters long; each part of a domain has at most ${NAME_LIMITS.label}.`,
    );
  if (problem?.kind === 'non-ascii')
    throw new NameError(
      `"${name}" has non-ASCII characters; enter the punycode form (xn--…) as your DNS provider shows it.`,
    );
  if (problem)
    throw new NameError(
      `The label "${problem.label.slice(0, 63)}" in "${name}" is not valid: use letters, digits and hyphens, not starting or ending with a hyphen.`,
    );
  return name;
}

/**
 * A host name to connect to (an SES endpoint, a relay, a test server): the domain rules above, but a
 * single label (localhost) and an IPv4 address are fine and the case is kept. Returns it trimmed;
 * throws NameError.
 */
export function validateHostName(input: unknown): string {
  if (typeof input !== 'string')
    throw new NameError(`The host must be text such as email-smtp.eu-west-1.amazonaws.com, not ${typeOf(input)}.`);
  const host = input.trim();
  if (!host)
    throw new NameError(
      'The host is empty. Enter a host name such as email-smtp.eu-west-1.amazonaws.com, or give a region instead.',
    );
  const control = controlCharacter(host);
  if (control)
    throw new NameError(
      `Host ${shown(host)} contains ${control}. Enter only the name, such as email-smtp.eu-west-1.amazonaws.com.`,
    );
  if (/[\s/:@?#[\]\\]/.test(host))
    throw new NameError(
      `Host ${shown(host)} is not a host name. Enter only the name, such as email-smtp.eu-west-1.amazonaws.com, without a scheme, port or path.`,
    );
  const name = host.replace(/\.$/, '');
  if (name.length > NAME_LIMITS.name)
    throw new NameError(
      `Host ${shown(host)} is ${name.length} characters long; host names have at most ${NAME_LIMITS.name}.`,
    );
  const problem = labelProblem(name);
  if (problem?.kind === 'empty')
    throw new NameError(
      `Host ${shown(host)} is not a host name: it has an empty label (two dots in a row, or a leading dot).`,
    );
  if (problem?.kind === 'long')
    throw new NameError(
      `Host ${shown(host)} is not a host name: the label "${problem.label.slice(0, 20)}…" is ${problem.label.length} characters long; each part of a host name has at most ${NAME_LIMITS.label}.`,
    );
  if (problem?.kind === 'non-ascii')
    throw new NameError(`Host ${shown(host)} has non-ASCII characters; enter the punycode form (xn--…).`);
  if (problem)
    throw new NameError(
      `Host ${shown(host)} is not a host name: the label "${problem.label.slice(0, 63)}" may hold only letters, digits and hyphens, not starting or ending with a hyphen.`,
    );
  return host;
}

export function lowerFirst(s: string): string {
  return s && /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

/** "a number", "null", "an array", … for messages. */
export function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isNaN(value) ? 'NaN' : `a number (${value})`;
    case 'boolean':
      return `a boolean (${value})`;
    case 'object':
      return 'an object';
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return 'a bigint';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  return typeof value;
}

/** The address of "Name <a@b>" (or the text itself, trimmed), case kept. */
export function bareAddress(address: string): string {
  expectString(address, 'bareAddress', 'address');
  return (/<([^>]+)>/.exec(address)?.[1] ?? address).trim();
}

/** Splits a recipients field (To, CC, BCC, Reply-To) into addresses: commas and semicolons outside quotes and <>. */
export function splitRecipients(to: string): string[] {
  expectString(to, 'splitRecipients', 'to');
  // Commas inside quoted display names stay; split on separators outside quotes and <>.
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const ch of to) {
    if (ch === '"') quoted = !quoted;
    if (ch === '<' && !quoted) angle = true;
    if (ch === '>' && !quoted) angle = false;
    if (!quoted && !angle && (ch === ',' || ch === ';')) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
