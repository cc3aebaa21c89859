// What may be created as an SES identity: a domain (example.com) or an email address
// (noreply@example.com). One check for the Create Identity input box and its argument object, and
// the domain check the DNS records of an identity start from (engines/dns/records.ts).
import { expectOptionalString, expectString } from './guards';

export class DnsNameError extends Error {}

/** Validates a domain name; returns it lower-cased without a trailing dot. */
export function validateDomain(input: string): string {
  expectOptionalString(input, 'validateDomain', 'input');
  const name = (input ?? '').trim().toLowerCase().replace(/\.$/, '');
  if (!name) throw new DnsNameError('The domain is empty. Enter a domain such as example.com.');
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(name) || name.includes('/'))
    throw new DnsNameError(`"${name.slice(0, 80)}" is a URL; enter only the domain, such as example.com.`);
  if (name.includes('@'))
    throw new DnsNameError(
      `"${name.slice(0, 80)}" is an email address; the domain is the part after the @ (${name.split('@').pop()}).`,
    );
  if (name.length > 253)
    throw new DnsNameError(`The domain is ${name.length} characters long; DNS names have at most 253.`);
  const labels = name.split('.');
  if (labels.length < 2)
    throw new DnsNameError(`"${name}" has no dot; SES identities are domains such as example.com.`);
  for (const label of labels) {
    if (!label) throw new DnsNameError(`"${name}" has an empty label (two dots in a row, or a leading dot).`);
    if (label.length > 63)
      throw new DnsNameError(
        `The label "${label.slice(0, 20)}…" is ${label.length} characters long; each part of a domain has at most 63.`,
      );
    if (!/^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9])?$/.test(label)) {
      // eslint-disable-next-line no-control-regex -- the ASCII range, NUL included, on purpose
      if (/[^\x00-\x7f]/.test(label))
        throw new DnsNameError(
          `"${name}" has non-ASCII characters; enter the punycode form (xn--…) as your DNS provider shows it.`,
        );
      throw new DnsNameError(
        `The label "${label}" in "${name}" is not valid: use letters, digits and hyphens, not starting or ending with a hyphen.`,
      );
    }
  }
  return name;
}

const EXAMPLES = 'a domain (example.com) or an email address (noreply@example.com)';

function domainProblem(domain: string): string | undefined {
  try {
    const name = validateDomain(domain);
    const tld = name.split('.').pop() ?? '';
    if (!/^([a-z]{2,63}|xn--[a-z0-9-]+)$/.test(tld)) return `"${tld}" is not a top-level domain such as .com or .org.`;
    return undefined;
  } catch (err) {
    if (err instanceof DnsNameError) return err.message;
    throw err;
  }
}

export function identityInputProblem(input: string): string | undefined {
  expectString(input, 'identityInputProblem', 'input');
  const value = input.trim();
  if (!value) return `Enter ${EXAMPLES}.`;
  if (/\s/.test(value)) return `"${value.slice(0, 80)}" contains spaces; enter ${EXAMPLES}.`;
  const at = value.lastIndexOf('@');
  if (at < 0) {
    const problem = domainProblem(value);
    return problem && `Not a domain: ${problem}`;
  }
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!local || local.includes('@'))
    return `"${value.slice(0, 80)}" is not an email address: it needs one @ with a name before it.`;
  if (!domain) return `"${value.slice(0, 80)}" has nothing after the @; enter the whole address (noreply@example.com).`;
  const problem = domainProblem(domain);
  return problem && `Not a complete address: the part after the @ is not a domain. ${problem}`;
}
