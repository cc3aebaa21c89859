// The one email-address validator: "local@domain" or "Name <local@domain>", parsed with nodemailer's
// addressparser (the parser that later writes the header), and the IAM From pattern built on it.
// Pure and vscode-free. Apart from names.ts so that what activation loads (regions, credential
// sets, the store) does not carry the address parser: the checks that need it load on first use.
import addressparser from 'nodemailer/lib/addressparser';
import { expectOptionalObject, expectOptionalString } from './guards';
import { NAME_LIMITS, NameError, shown, controlCharacter, validateDomainName, lowerFirst, typeOf } from './names';

export interface EmailAddress {
  /** local@domain, as given (the domain is not lower-cased). */
  address: string;
  /** The display name of "Name <local@domain>", when there is one. */
  name?: string;
  local: string;
  domain: string;
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * The one email-address validator: "local@domain" or "Name <local@domain>", parsed with
 * nodemailer's addressparser (the parser that later writes the header). Throws NameError with
 * "<label> … is not an email address: <why>" or a line-break/length message; `label` is how the
 * field is named in it ("From", "To", 'Argument "from"').
 */
export function parseEmailAddress(
  input: unknown,
  label = 'The address',
  options: { allowName?: boolean } = {},
): EmailAddress {
  expectOptionalString(label, 'parseEmailAddress', 'label');
  expectOptionalObject(options, 'parseEmailAddress', 'options');
  const allowName = options.allowName ?? true;
  if (typeof input !== 'string')
    throw new NameError(`${label} must be text such as sender@example.com, not ${typeOf(input)}.`);
  const value = input.trim();
  if (!value) throw new NameError(`${label} is empty. Enter an address such as sender@example.com.`);
  if (value.length > NAME_LIMITS.addressField)
    throw new NameError(`${label} is ${value.length} characters long; an address has at most ${NAME_LIMITS.address}.`);
  const control = controlCharacter(value);
  if (control === 'a line break')
    throw new NameError(`${label} contains a line break, which would inject mail headers. Remove it.`);
  if (control) throw new NameError(`${label} contains ${control}. Remove it.`);
  const bad = (why: string): NameError =>
    new NameError(
      `${label} ${shown(value, 80)} is not an email address: ${why}. Use local@domain${allowName ? ', optionally as "Name <local@domain>"' : ''}.`,
    );
  const angle = value.includes('<');
  if (!allowName && angle) throw bad('give the bare address without a name or <>');
  let parsed: addressparser.AddressOrGroup[];
  try {
    parsed = addressparser(value);
  } catch {
    throw bad('it cannot be parsed');
  }
  if (parsed.length !== 1)
    throw bad(
      parsed.length === 0 ? 'nothing in it reads as an address' : `it holds ${parsed.length} addresses; give one`,
    );
  const entry = parsed[0];
  if ('group' in entry) throw bad('it is a group (name: addresses;)');
  if (!angle && entry.name)
    throw bad(entry.address ? 'it has text outside the address; put a name as "Name <local@domain>"' : 'it has no @');
  if (angle && !/>\s*$/.test(value)) throw bad('the <…> part must come last');
  if (/^"[^"]*$/.test(value) || (value.split('"').length - 1) % 2 === 1) throw bad('a quote is never closed');
  const address = entry.address;
  if (!address) throw bad('it has no @');
  if (address.length > NAME_LIMITS.address)
    throw new NameError(
      `${label} is ${address.length} characters long; an address has at most ${NAME_LIMITS.address}.`,
    );
  const at = address.lastIndexOf('@');
  if (at < 0) throw bad('it has no @');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!local) throw bad('nothing comes before the @');
  if (local.includes('@')) throw bad('it has more than one @');
  if (local.length > NAME_LIMITS.localPart)
    throw bad(`the part before the @ is ${local.length} characters long; at most ${NAME_LIMITS.localPart}`);
  if (!LOCAL_PART.test(local)) {
    throw bad(
      // eslint-disable-next-line no-control-regex -- the ASCII range, NUL included
      /[^\x00-\x7f]/.test(local)
        ? 'the part before the @ has non-ASCII characters, which SES does not accept'
        : `the part before the @ (${shown(local, 40)}) has a character addresses cannot hold unquoted, or a dot at its start, at its end or twice in a row`,
    );
  }
  if (!domain) throw bad('nothing comes after the @');
  try {
    validateDomainName(domain);
  } catch (err) {
    throw bad(
      `its domain ${shown(domain, 40)} is not valid (${lowerFirst((err as Error).message.replace(/\.$/, ''))})`,
    );
  }
  return { address, name: entry.name || undefined, local, domain };
}

/** A From pattern for an IAM policy (ses:FromAddress): an address, or *@domain. Returns it lower-cased. */
export function validateFromPattern(input: unknown, label = 'The From pattern'): string {
  if (typeof input !== 'string')
    throw new NameError(`${label} must be text such as *@example.com, not ${typeOf(input)}.`);
  const value = input.trim();
  if (value.startsWith('*@')) {
    try {
      return `*@${validateDomainName(value.slice(2))}`;
    } catch (err) {
      throw new NameError(
        `${label} ${shown(value, 80)} is not a From pattern: ${lowerFirst((err as Error).message)} Use an address (noreply@example.com) or *@example.com.`,
      );
    }
  }
  return parseEmailAddress(value, label, { allowName: false }).address.toLowerCase();
}
