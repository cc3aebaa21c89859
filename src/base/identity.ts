// What may be created as an SES identity: a domain (example.com) or an email address
// (noreply@example.com). One check for the Create Identity input box and its argument object.
import { DnsNameError, validateDomain } from '../engines/dns/records';
import { expectString } from './guards';

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
