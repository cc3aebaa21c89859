// The tenant check (#27): when the mail is sent for an SES tenant (X-SES-TENANT), SES refuses it
// unless the tenant exists in the region, is not paused (by you or by SES), and the From identity
// and the configuration set are associated with it (SES Developer Guide, "Tenants"). With a tenant
// that keeps its own suppression list, the recipients are looked up there too: "not on the
// account's suppression list" proves nothing for such a tenant.
import type { TenantResourceRow } from '../aws/tenants';
import { skipOrThrow } from './awsErrors';
import type { DoctorAws, Finding, TenantFacts } from './types';
import { expectList, expectObject, expectOptionalString, expectString } from '../../base/guards';

const paused = (s: string | undefined): boolean => s === 'DISABLED';

function whoPaused(facts: TenantFacts): { bySes: boolean; byYou: boolean; cause?: string } {
  const r = facts.reputation;
  const bySes = paused(r?.ses?.status);
  const byYou = paused(r?.customer?.status) || (!r && paused(facts.tenant.sendingStatus));
  // The cause is the pauser's own text ("Paused for the move."): its final stop is dropped, since the
  // title goes on after it.
  const cause = (bySes ? r?.ses?.cause : r?.customer?.cause)?.trim().replace(/[.\s]+$/, '');
  return { bySes, byYou, cause: cause || undefined };
}

/** The identity of `from` the tenant has: the address itself, else its domain; undefined when neither. */
function coveringResource(resources: readonly TenantResourceRow[], from: string): string | undefined {
  const address = from.toLowerCase();
  const domain = address.split('@')[1] ?? '';
  const identities = resources.filter((r) => r.type === 'EMAIL_IDENTITY').map((r) => r.name.toLowerCase());
  return identities.find((i) => i === address) ?? identities.find((i) => i === domain);
}

export async function tenantFindings(
  aws: Pick<DoctorAws, 'tenant'>,
  region: string,
  tenant: string,
  from: string | undefined,
  configurationSet: string | undefined,
): Promise<Finding[]> {
  expectObject(aws, 'tenantFindings', 'aws');
  expectString(region, 'tenantFindings', 'region');
  expectString(tenant, 'tenantFindings', 'tenant');
  expectOptionalString(from, 'tenantFindings', 'from');
  expectOptionalString(configurationSet, 'tenantFindings', 'configurationSet');
  if (!aws.tenant)
    return [
      { check: 'tenant', verdict: 'skipped', title: 'skipped: tenants cannot be read here', evidence: [], weight: 0 },
    ];
  let facts: TenantFacts | undefined;
  try {
    facts = await aws.tenant(region, tenant);
  } catch (err) {
    return [skipOrThrow(err, 'tenant', 'ses:GetTenant')];
  }
  if (!facts)
    return [
      {
        check: 'tenant',
        verdict: 'fail',
        title: `There is no tenant "${tenant}" in ${region}: SES refuses mail sent with X-SES-TENANT: ${tenant}.`,
        evidence: [`ses:GetTenant: the requested tenant <${tenant}> does not exist in ${region}`],
        fix:
          `Tenants are per region and their names are exact: create "${tenant}" in ${region} (SES console → ` +
          'Tenants), or send with the name of a tenant that exists there (the SES Explorer lists them).',
        weight: 91,
        cause: 'tenant-not-found',
      },
    ];
  const out: Finding[] = [];
  const status = facts.reputation?.sendingStatus ?? facts.tenant.sendingStatus;
  const evidence = [
    `sending status: ${status ?? 'unknown'}`,
    ...(facts.reputation?.customer?.status ? [`paused or resumed by you: ${facts.reputation.customer.status}`] : []),
    ...(facts.reputation?.ses?.status ? [`SES-managed status: ${facts.reputation.ses.status}`] : []),
    ...(facts.reputation?.impact ? [`reputation impact: ${facts.reputation.impact}`] : []),
  ];
  if (paused(status)) {
    const who = whoPaused(facts);
    out.push({
      check: 'tenant',
      verdict: 'fail',
      title:
        `The tenant "${tenant}" is paused in ${region}${who.bySes ? ' by SES' : who.byYou ? ' (by you)' : ''}` +
        `${who.cause ? `: ${who.cause}` : ''}. SES refuses its mail.`,
      evidence,
      fix: who.bySes
        ? 'SES paused it for its reputation: read the findings (SES console → Tenants → Reputation findings, or aws ' +
          'sesv2 list-recommendations), fix the bounces or complaints, then resume it.'
        : 'Resume it when ready: aws sesv2 update-reputation-entity-customer-managed-status --reputation-entity-type ' +
          `RESOURCE --reputation-entity-reference ${facts.tenant.arn ?? '<tenant ARN>'} --sending-status ENABLED.`,
      weight: 94,
      cause: 'tenant-paused',
    });
  }
  const associate = (what: string): string =>
    `Associate ${what} with "${tenant}" (SES console → Tenants → ${tenant}, or aws sesv2 ` +
    `create-tenant-resource-association --tenant-name ${tenant} --resource-arn <ARN>), or send for a tenant that has it.`;
  if (from) {
    const address = (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
    const covering = coveringResource(facts.resources, address);
    if (!covering)
      out.push({
        check: 'tenant',
        verdict: 'fail',
        title: `Neither ${address} nor its domain is an identity of the tenant "${tenant}": SES refuses the mail.`,
        evidence: [
          `identities of ${tenant}: ${
            facts.resources
              .filter((r) => r.type === 'EMAIL_IDENTITY')
              .map((r) => r.name)
              .join(', ') || 'none'
          }`,
        ],
        fix: associate(`the identity ${address.split('@')[1] ?? address}`),
        weight: 88,
        cause: 'tenant-identity-not-associated',
      });
  }
  const sets = facts.resources.filter((r) => r.type === 'CONFIGURATION_SET').map((r) => r.name);
  if (configurationSet && !sets.includes(configurationSet))
    out.push({
      check: 'tenant',
      verdict: 'fail',
      title: `The configuration set "${configurationSet}" is not associated with the tenant "${tenant}": SES refuses the mail.`,
      evidence: [`configuration sets of ${tenant}: ${sets.join(', ') || 'none'}`],
      fix: associate(`the configuration set ${configurationSet}`),
      weight: 87,
      cause: 'tenant-configuration-set-not-associated',
    });
  if (!configurationSet)
    out.push({
      check: 'tenant',
      verdict: 'warn',
      title:
        `A tenant's mail needs a configuration set associated with the tenant (or an identity whose default set ` +
        `is); none was given for "${tenant}".`,
      evidence: [`configuration sets of ${tenant}: ${sets.join(', ') || 'none'}`],
      fix: sets.length
        ? `Send with X-SES-CONFIGURATION-SET: ${sets[0]} (or another of the tenant's sets), or make it the identity's default set.`
        : associate('a configuration set'),
      weight: 45,
      cause: 'tenant-no-configuration-set',
    });
  if (!paused(status) && facts.reputation?.impact === 'HIGH')
    out.push({
      check: 'tenant',
      verdict: 'warn',
      title: `The tenant "${tenant}" has a high-severity reputation finding: under the standard policy SES pauses it.`,
      evidence,
      fix: 'Read the findings (aws sesv2 list-recommendations) and fix the bounces or complaints before SES pauses it.',
      weight: 35,
      cause: 'tenant-reputation',
    });
  if (!out.some((f) => f.verdict === 'fail'))
    out.unshift({
      check: 'tenant',
      verdict: 'pass',
      title:
        `The tenant "${tenant}" sends in ${region} (${(status ?? 'enabled').toLowerCase()})` +
        `${from ? '; the From identity' : ''}${configurationSet ? `${from ? ' and' : ';'} the configuration set` : ''}` +
        `${from || configurationSet ? ' belong to it' : ''}.`,
      evidence,
      weight: 0,
    });
  return out;
}

/** The recipients on the tenant's own suppression list (scope TENANT); nothing for an ACCOUNT-scope tenant. */
export async function tenantRecipientFindings(
  aws: Pick<DoctorAws, 'tenant' | 'tenantSuppressed'>,
  region: string,
  tenant: string,
  to: readonly string[],
): Promise<Finding[]> {
  expectObject(aws, 'tenantRecipientFindings', 'aws');
  expectString(region, 'tenantRecipientFindings', 'region');
  expectString(tenant, 'tenantRecipientFindings', 'tenant');
  expectList(to, 'tenantRecipientFindings', 'to');
  if (!aws.tenant || !aws.tenantSuppressed) return [];
  let facts: TenantFacts | undefined;
  try {
    facts = await aws.tenant(region, tenant);
  } catch {
    return []; // the tenant check says why
  }
  if (!facts || facts.tenant.suppressionScope !== 'TENANT') return [];
  const out: Finding[] = [];
  for (const address of to.slice(0, 10)) {
    if (/@simulator\.amazonses\.com$/i.test(address)) continue;
    try {
      const s = await aws.tenantSuppressed(region, tenant, address);
      if (s)
        out.push({
          check: 'recipient',
          verdict: 'fail',
          title: `${address} is on the suppression list of the tenant "${tenant}" in ${region} (${s.reason}): SES drops the tenant's mail to it.`,
          evidence: [
            `the tenant keeps its own suppression list (SuppressionScope TENANT)`,
            `suppressed for ${s.reason}${s.at ? ` since ${s.at.toISOString().slice(0, 10)}` : ''}`,
          ],
          fix:
            `If the address works again, remove it from the tenant's list (aws sesv2 delete-suppressed-destination ` +
            `--email-address ${address} --tenant-name ${tenant}).`,
          weight: 80,
          cause: 'tenant-suppressed',
        });
    } catch (err) {
      out.push({
        ...skipOrThrow(err, 'recipient', 'ses:GetSuppressedDestination'),
        evidence: [`the suppression list of the tenant ${tenant} was not read for ${address}`],
      });
    }
  }
  return out;
}
