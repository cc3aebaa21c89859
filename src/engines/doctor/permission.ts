// Check 4: may the key's user send? iam:SimulatePrincipalPolicy for ses:SendRawEmail on the From
// identity with ses:FromAddress; where simulation is not allowed, the user's own policies are read
// and evaluated here, and the verdict is marked approximate.
import { isAccessDenied, needs, skipOrThrow } from './awsErrors';
import type { KeyFacts } from './key';
import { evaluatePolicies } from './policy';
import type { DoctorAws, Finding, Simulation } from './types';
import { expectObject, expectString } from '../../base/guards';

export const SEND_ACTION = 'ses:SendRawEmail';

/**
 * The identity SES authorizes the send against: the address when it is a verified identity of its
 * own, else its domain.
 */
export async function identityArn(
  aws: Pick<DoctorAws, 'identity'>,
  region: string,
  account: string,
  from: string,
): Promise<string> {
  expectObject(aws, 'identityArn', 'aws');
  expectString(region, 'identityArn', 'region');
  expectString(account, 'identityArn', 'account');
  expectString(from, 'identityArn', 'from');
  const address = await aws.identity(region, from.toLowerCase()).catch(() => undefined);
  const name =
    address && (address.verificationStatus === 'SUCCESS' || address.sendingEnabled)
      ? from.toLowerCase()
      : (from.split('@')[1] ?? from);
  return `arn:aws:ses:${region}:${account}:identity/${name}`;
}

function verdictOf(sim: Simulation, user: string, from: string, approximate: string): Finding {
  const note = approximate ? ` (approximate: ${approximate})` : '';
  const evidence = [
    `decision for ${SEND_ACTION} as ${from}: ${sim.decision}`,
    ...(sim.policies.length ? [`decided by: ${sim.policies.join(', ')}`] : []),
  ];
  if (sim.decision === 'allowed')
    return {
      check: 'permission',
      verdict: 'pass',
      title: `IAM user ${user} may call ${SEND_ACTION} as ${from}${note}.`,
      evidence,
      weight: 0,
    };
  if (sim.decision === 'explicitDeny') {
    return {
      check: 'permission',
      verdict: 'fail',
      title:
        `An explicit Deny in ${sim.policies.join(', ') || 'a policy'} stops IAM user ${user} from sending as ` +
        `${from}${note}.`,
      evidence,
      fix: `Remove or narrow the Deny statement for ${SEND_ACTION} (check its ses:FromAddress condition).`,
      weight: 88,
      cause: 'explicit-deny',
    };
  }
  return {
    check: 'permission',
    verdict: 'fail',
    title: `No policy of IAM user ${user} allows ${SEND_ACTION} as ${from}${note}: SES answers "554 Access denied".`,
    evidence,
    fix: `Attach a policy allowing "${SEND_ACTION}" (optionally limited with ses:FromAddress) to ${user}.`,
    weight: 88,
    cause: 'no-send-permission',
  };
}

export async function checkPermission(
  aws: DoctorAws,
  facts: KeyFacts,
  region: string | undefined,
  from: string | undefined,
): Promise<Finding[]> {
  if (!from)
    return [
      {
        check: 'permission',
        verdict: 'skipped',
        title: 'skipped: no From address given, so there is no identity to check the permission for.',
        evidence: [],
        weight: 0,
      },
    ];
  if (!region)
    return [
      {
        check: 'permission',
        verdict: 'skipped',
        title: 'skipped: the region is not known (a custom host).',
        evidence: [],
        weight: 0,
      },
    ];
  if (!facts.user.ok)
    return [
      {
        check: 'permission',
        verdict: 'skipped',
        title: 'skipped: the key\'s IAM user is not known (see "Whose key").',
        evidence: [],
        weight: 0,
      },
    ];
  const account = facts.owner.ok ? facts.owner.value : facts.caller.ok ? facts.caller.value.account : undefined;
  if (!account) return [needs('permission', 'sts:GetAccessKeyInfo', "to name the identity's ARN")];
  const user = facts.user.value.userName;
  const resource = await identityArn(aws, region, account, from);
  try {
    return [verdictOf(await aws.simulateSend(`arn:aws:iam::${account}:user/${user}`, resource, from), user, from, '')];
  } catch (err) {
    if (!isAccessDenied(err)) return [skipOrThrow(err, 'permission', 'iam:SimulatePrincipalPolicy')];
  }
  let docs;
  try {
    docs = await aws.userPolicies(user);
  } catch (err) {
    if (isAccessDenied(err))
      return [
        needs(
          'permission',
          'iam:SimulatePrincipalPolicy',
          'or iam:ListUserPolicies, iam:GetUserPolicy, iam:ListAttachedUserPolicies and iam:GetPolicyVersion to ' +
            'read the policies',
        ),
      ];
    throw err;
  }
  const e = evaluatePolicies(docs, SEND_ACTION, resource, { 'ses:FromAddress': from });
  const why =
    `iam:SimulatePrincipalPolicy is not allowed, so the user's own ${docs.length} ` +
    `polic${docs.length === 1 ? 'y was' : 'ies were'} read; group policies, boundaries and SCPs were not`;
  const finding = verdictOf({ decision: e.decision, policies: e.policies }, user, from, why);
  if (e.unknown.length) finding.evidence.push(`conditions not judged: ${[...new Set(e.unknown)].join(', ')}`);
  return [finding];
}
