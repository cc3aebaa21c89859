// Check 5: SES in the region. The account (production access, sending, enforcement, quota), the
// From address or its domain verified in THIS region (and where else it is), DKIM and MAIL FROM,
// and the To: verified when in the sandbox, and not on the account-level suppression list.
import type { AccountInfo, IdentityDetails } from '../aws/ses';
import { skipOrThrow } from './awsErrors';
import type { DoctorAws, Finding } from './types';
import {
  expectFunction,
  expectList,
  expectObject,
  expectOptionalBoolean,
  expectOptionalObject,
  expectOptionalString,
  expectString,
} from '../../base/guards';

export function accountFindings(account: AccountInfo, region: string): Finding[] {
  expectObject(account, 'accountFindings', 'account');
  expectString(region, 'accountFindings', 'region');
  if (!account.available)
    return [{ check: 'account', verdict: 'skipped', title: `skipped: ${account.reason}`, evidence: [], weight: 0 }];
  const quota =
    `quota: ${account.sentLast24Hours ?? '?'} of ${account.max24HourSend ?? '?'} sent in 24 h, ` +
    `${account.maxSendRate ?? '?'}/s`;
  const evidence = [
    `production access: ${account.sandbox ? 'no (sandbox)' : 'yes'}`,
    `sending enabled: ${account.sendingEnabled}`,
    `enforcement: ${account.enforcementStatus ?? 'HEALTHY'}`,
    quota,
  ];
  if (!account.sendingEnabled || account.enforcementStatus === 'SHUTDOWN') {
    return [
      {
        check: 'account',
        verdict: 'fail',
        title:
          `Sending is ${account.enforcementStatus === 'SHUTDOWN' ? 'shut down' : 'paused'} for this account in ` +
          `${region}.`,
        evidence,
        fix:
          'Read the notice from AWS (SES console → Account dashboard, and email), fix the bounce or complaint ' +
          'cause, then ask AWS to resume sending.',
        weight: 93,
        cause: 'sending-disabled',
      },
    ];
  }
  if (
    account.max24HourSend !== undefined &&
    account.sentLast24Hours !== undefined &&
    account.max24HourSend > 0 &&
    account.sentLast24Hours >= account.max24HourSend
  ) {
    return [
      {
        check: 'account',
        verdict: 'fail',
        title: `The daily quota in ${region} is used up (${account.sentLast24Hours} of ${account.max24HourSend}).`,
        evidence,
        fix: 'Wait for the 24-hour window, or request a higher quota.',
        weight: 85,
        cause: 'quota',
      },
    ];
  }
  if (account.enforcementStatus === 'PROBATION') {
    return [
      {
        check: 'account',
        verdict: 'warn',
        title: `The account is on probation in ${region} (bounces or complaints too high).`,
        evidence,
        fix: 'Lower the bounce and complaint rates before AWS pauses sending.',
        weight: 40,
        cause: 'probation',
      },
    ];
  }
  if (account.sandbox) {
    return [
      {
        check: 'account',
        verdict: 'warn',
        title: `The account is in the SES sandbox in ${region}: only verified recipients, 200 mails a day.`,
        evidence,
        fix: 'Request production access (SES console → Account dashboard) to send to anyone.',
        weight: 25,
        cause: 'sandbox',
      },
    ];
  }
  return [
    {
      check: 'account',
      verdict: 'pass',
      title: `Production access in ${region}, sending enabled.`,
      evidence,
      weight: 0,
    },
  ];
}

/** Runs fn over items, at most `limit` at once (ses.ts has one, but importing it would load the SDK). */
async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export type IdentityLookup = (region: string, name: string) => Promise<IdentityDetails | undefined>;

const verified = (i: IdentityDetails | undefined): boolean =>
  Boolean(i && (i.verificationStatus === 'SUCCESS' || i.sendingEnabled));

/** The identity that covers an address in a region: the address itself, else its domain. */
export async function coveringIdentity(
  lookup: IdentityLookup,
  region: string,
  address: string,
): Promise<{ address?: IdentityDetails; domain?: IdentityDetails }> {
  expectFunction(lookup, 'coveringIdentity', 'lookup');
  expectString(region, 'coveringIdentity', 'region');
  expectString(address, 'coveringIdentity', 'address');
  const domain = address.split('@')[1]?.toLowerCase();
  const [a, d] = await Promise.all([
    lookup(region, address.toLowerCase()),
    domain ? lookup(region, domain) : Promise.resolve(undefined),
  ]);
  return { address: a, domain: d };
}

export async function identityFindings(
  aws: Pick<DoctorAws, 'identity'>,
  region: string,
  from: string,
  regions: readonly string[],
  loginFailed535 = false,
): Promise<Finding[]> {
  expectObject(aws, 'identityFindings', 'aws');
  expectString(region, 'identityFindings', 'region');
  expectString(from, 'identityFindings', 'from');
  expectList(regions, 'identityFindings', 'regions');
  expectOptionalBoolean(loginFailed535, 'identityFindings', 'loginFailed535');
  let here;
  try {
    here = await coveringIdentity((r, n) => aws.identity(r, n), region, from);
  } catch (err) {
    return [skipOrThrow(err, 'identity', 'ses:GetEmailIdentity')];
  }
  const ok = verified(here.address) ? here.address! : verified(here.domain) ? here.domain! : undefined;
  return [
    ok
      ? {
          check: 'identity',
          verdict: 'pass',
          title: `${ok.name} is verified in ${region}.`,
          evidence: [`${ok.name}: ${ok.verificationStatus ?? 'SUCCESS'}`],
          weight: 0,
        }
      : await notVerifiedFinding(aws, here, region, from, regions, loginFailed535),
    ...domainWarnings(here.domain, region),
  ];
}

/** The regions other than `region` where the address or its domain is verified, sorted. */
async function verifiedElsewhere(
  aws: Pick<DoctorAws, 'identity'>,
  region: string,
  from: string,
  regions: readonly string[],
): Promise<string[]> {
  const others = regions.filter((r) => r !== region);
  const elsewhere: string[] = [];
  await inParallel(others, 8, async (r) => {
    const found = await coveringIdentity((rr, n) => aws.identity(rr, n), r, from).catch(
      () => ({}) as { address?: IdentityDetails; domain?: IdentityDetails },
    );
    if (verified(found.address) || verified(found.domain)) elsewhere.push(r);
  });
  return elsewhere.sort();
}

/** Why the sender is not verified in the region: verified in another, pending here, or no identity at all. */
async function notVerifiedFinding(
  aws: Pick<DoctorAws, 'identity'>,
  here: { address?: IdentityDetails; domain?: IdentityDetails },
  region: string,
  from: string,
  regions: readonly string[],
  loginFailed535: boolean,
): Promise<Finding> {
  const domainName = from.split('@')[1]?.toLowerCase() ?? from;
  const elsewhere = await verifiedElsewhere(aws, region, from, regions);
  const pending = here.address ?? here.domain;
  const evidence = [
    `in ${region}: ` +
      `${pending ? `${pending.name} ${pending.verificationStatus}` : `neither ${from} nor ${domainName} exists`}`,
    `verified in other regions: ${elsewhere.join(', ') || 'none'}`,
  ];
  if (elsewhere.length) {
    const other = elsewhere[0];
    return {
      check: 'identity',
      verdict: 'fail',
      title:
        `${from} (or ${domainName}) is verified in ${elsewhere.join(', ')}, not in ${region}, the region ` +
        `these credentials send through.`,
      evidence,
      fix:
        `SES identities are per region. Send through email-smtp.${other}.amazonaws.com with a password derived ` +
        `for ${other}${loginFailed535 ? ' (the 535 suggests the password was made for another region too)' : ''}, ` +
        `or verify ${domainName} in ${region}.`,
      weight: 92,
      cause: 'identity-other-region',
    };
  }
  if (pending)
    return {
      check: 'identity',
      verdict: 'fail',
      title: `${pending.name} is not verified yet in ${region} (${pending.verificationStatus}).`,
      evidence,
      fix: 'Publish the DKIM records SES shows for it (see DNS below) or click the link in the verification mail.',
      weight: 84,
      cause: 'identity-pending',
    };
  return {
    check: 'identity',
    verdict: 'fail',
    title: `Neither ${from} nor ${domainName} is an SES identity in any region.`,
    evidence,
    fix: `Create and verify ${domainName} in SES in ${region}.`,
    weight: 85,
    cause: 'identity-not-verified',
  };
}

/** A domain identity's DKIM and MAIL FROM setup, when not (yet) verified. */
function domainWarnings(domain: IdentityDetails | undefined, region: string): Finding[] {
  if (!domain || domain.type === 'EMAIL_ADDRESS') return [];
  const out: Finding[] = [];
  if (domain.dkimStatus && domain.dkimStatus !== 'SUCCESS') {
    out.push({
      check: 'identity',
      verdict: 'warn',
      title: `DKIM for ${domain.name} in ${region} is ${domain.dkimStatus}.`,
      evidence: [`DKIM: ${domain.dkimStatus}, origin ${domain.dkimOrigin ?? 'AWS_SES'}`],
      fix: 'Publish the DKIM CNAMEs (see DNS below); mail without DKIM lands in spam or fails DMARC.',
      weight: domain.dkimStatus === 'FAILED' ? 35 : 25,
      cause: 'dkim-not-verified',
    });
  }
  if (domain.mailFromDomain && domain.mailFromStatus && domain.mailFromStatus !== 'SUCCESS') {
    out.push({
      check: 'identity',
      verdict: 'warn',
      title: `The MAIL FROM domain ${domain.mailFromDomain} is ${domain.mailFromStatus}.`,
      evidence: [],
      fix: `Publish MX 10 feedback-smtp.${region}.amazonses.com and the SPF record on ${domain.mailFromDomain}.`,
      weight: 20,
      cause: 'mail-from',
    });
  }
  return out;
}

/** At most this many recipients are looked up. */
const MAX_RECIPIENTS = 10;

const isSimulator = (address: string): boolean => /@simulator\.amazonses\.com$/i.test(address);

function simulatorPass(address: string): Finding {
  return {
    check: 'recipient',
    verdict: 'pass',
    title: `${address} is the mailbox simulator.`,
    evidence: [],
    weight: 0,
  };
}

function notLookedAt(to: readonly string[]): Finding[] {
  if (to.length <= MAX_RECIPIENTS) return [];
  return [
    {
      check: 'recipient',
      verdict: 'skipped',
      title: `${to.length - MAX_RECIPIENTS} more recipients not checked (the first ${MAX_RECIPIENTS} were).`,
      evidence: [],
      weight: 0,
    },
  ];
}

/**
 * The recipients when their lookups cannot run (no AWS profile, region unknown): each is named, the
 * mailbox simulator still recognized, so the recipient asked about always appears in the report.
 */
export function recipientsSkipped(to: readonly string[], why: string, cause: string): Finding[] {
  expectList(to, 'recipientsSkipped', 'to');
  expectString(why, 'recipientsSkipped', 'why');
  expectString(cause, 'recipientsSkipped', 'cause');
  return [
    ...to.slice(0, MAX_RECIPIENTS).map((address): Finding =>
      isSimulator(address)
        ? simulatorPass(address)
        : {
            check: 'recipient',
            verdict: 'skipped',
            title: `skipped: ${address} (suppression list, sandbox verification): ${why}`,
            evidence: [],
            weight: 0,
            cause,
          },
    ),
    ...notLookedAt(to),
  ];
}

/**
 * The recipients against the suppression list and, in the sandbox, the verified identities. `sandbox`
 * undefined: not known, and `unknown` says why (the sandbox verification is then named as not checked).
 */
/**
 * With Auto Validation on, SES drops recipients it scores below the threshold without a bounce:
 * "not on the suppression list" no longer proves an address is reachable (#27).
 */
function autoValidationWarning(
  address: string,
  region: string,
  threshold: string | undefined,
  scope = 'the account',
): Finding {
  const source = scope === 'the account' ? 'GetAccount' : 'GetConfigurationSet';
  return {
    check: 'recipient',
    verdict: 'warn',
    title:
      `Auto Validation is on for ${scope} in ${region}${threshold ? ` (threshold ${threshold})` : ''}: SES may ` +
      `still drop ${address} if it scores it below the threshold, though it is not on the suppression list.`,
    evidence: [`${source}: Auto Validation ENABLED${threshold ? `, confidence threshold ${threshold}` : ''}`],
    fix:
      'Send to the address and follow the message (Where Is This Message?): a recipient Auto Validation refused shows ' +
      'no delivery. Lower the threshold (or turn it off for a configuration set) if legitimate addresses are refused.',
    weight: 12,
    cause: 'auto-validation',
  };
}

export async function recipientFindings(
  aws: Pick<DoctorAws, 'identity' | 'suppressed'>,
  region: string,
  to: readonly string[],
  sandbox: boolean | undefined,
  unknown?: string,
  autoValidation?: { enabled: boolean; threshold?: string },
  /** Whose setting `autoValidation` is: "the account" (default) or "the configuration set X". */
  validationScope?: string,
): Promise<Finding[]> {
  expectObject(aws, 'recipientFindings', 'aws');
  expectOptionalObject(autoValidation, 'recipientFindings', 'autoValidation');
  expectString(region, 'recipientFindings', 'region');
  expectList(to, 'recipientFindings', 'to');
  expectOptionalBoolean(sandbox, 'recipientFindings', 'sandbox');
  expectOptionalString(unknown, 'recipientFindings', 'unknown');
  const out: Finding[] = [];
  for (const address of to.slice(0, MAX_RECIPIENTS)) {
    if (isSimulator(address)) {
      out.push(simulatorPass(address));
      continue;
    }
    const named = out.length;
    if (sandbox === undefined && unknown !== undefined)
      out.push({
        check: 'recipient',
        verdict: 'skipped',
        title: `Sandbox verification of ${address} not checked: whether the account is in the sandbox is unknown (${unknown}).`,
        evidence: [],
        weight: 0,
        cause: 'sandbox-unknown',
      });
    let verifiedHere = false;
    if (sandbox) {
      try {
        const found = await coveringIdentity((r, n) => aws.identity(r, n), region, address);
        verifiedHere = verified(found.address) || verified(found.domain);
        if (!verifiedHere) {
          out.push({
            check: 'recipient',
            verdict: 'fail',
            title: `The account is in the sandbox in ${region} and the recipient ${address} is not verified there.`,
            evidence: [`in ${region}: neither ${address} nor its domain is a verified identity`],
            fix:
              `Verify ${address} in SES in ${region}, send to success@simulator.amazonses.com, or request ` +
              `production access.`,
            weight: 82,
            cause: 'sandbox-recipient',
          });
        }
      } catch (err) {
        out.push({
          ...skipOrThrow(err, 'recipient', 'ses:GetEmailIdentity'),
          evidence: [`the sandbox verification of ${address} was not checked`],
        });
      }
    }
    try {
      const s = await aws.suppressed(region, address);
      if (s) {
        out.push({
          check: 'recipient',
          verdict: 'fail',
          title: `${address} is on the account's suppression list in ${region} (${s.reason}): SES drops mail to it.`,
          evidence: [`suppressed for ${s.reason}${s.at ? ` since ${s.at.toISOString().slice(0, 10)}` : ''}`],
          fix:
            `If the address works again, remove it (SES console → Suppression list, or aws sesv2 ` +
            `delete-suppressed-destination --email-address ${address}).`,
          weight: 80,
          cause: 'suppressed',
        });
      } else if (!out.slice(named).some((f) => f.verdict === 'fail')) {
        out.push({
          check: 'recipient',
          verdict: 'pass',
          title: `${address} is not suppressed${verifiedHere ? ' and is verified' : ''}.`,
          evidence: [],
          weight: 0,
        });
        if (autoValidation?.enabled)
          out.push(autoValidationWarning(address, region, autoValidation.threshold, validationScope));
      }
    } catch (err) {
      out.push({
        ...skipOrThrow(err, 'recipient', 'ses:GetSuppressedDestination'),
        evidence: [`the suppression list was not read for ${address}`],
      });
    }
  }
  return [...out, ...notLookedAt(to)];
}
