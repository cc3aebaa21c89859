// The doctor's AWS calls over the SDK (IAM, SESv2) and a signed STS Query call (stsQuery.ts).
// Imported only by the AWS bundle (src/engines/bundles/aws.ts), never by dist/extension.js.
import {
  GetAccessKeyLastUsedCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListUserPoliciesCommand,
  SimulatePrincipalPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { GetSuppressedDestinationCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { getAccountInfo, getConfigurationSetAutoValidation, getIdentityDetails } from '../aws/ses';
import { getTenant, getTenantReputation, listTenantResources, tenantSuppressedDestination } from '../aws/tenants';
import { isAccessDenied, isNotFound } from './awsErrors';
import { expectObject } from '../../base/guards';
import { stsQuery, xmlValue, type Credentials } from './stsQuery';
import { mailManagerPort } from './mailManagerApi';
import type { DoctorAws, SimulationDecision } from './types';

export interface DoctorAwsClients {
  iam: Pick<IAMClient, 'send'>;
  ses: (region: string) => Pick<SESv2Client, 'send'>;
  sts: { region: string; endpoint?: string; credentials: () => Promise<Credentials> };
}

const decode = (doc: string | undefined): string => {
  try {
    return decodeURIComponent(doc ?? '');
  } catch {
    return doc ?? '';
  }
};

export function doctorAwsFrom(c: DoctorAwsClients): DoctorAws {
  expectObject(c, 'doctorAwsFrom', 'c');
  const sts = (action: string, params?: Record<string, string>): Promise<string> =>
    stsQuery({ ...c.sts, action, params });
  return {
    mailManager: mailManagerPort({ endpoint: c.sts.endpoint, credentials: c.sts.credentials }),
    async callerAccount() {
      const xml = await sts('GetCallerIdentity');
      return { account: xmlValue(xml, 'Account') ?? '', arn: xmlValue(xml, 'Arn') };
    },
    async accessKeyAccount(accessKeyId) {
      const account = xmlValue(await sts('GetAccessKeyInfo', { AccessKeyId: accessKeyId }), 'Account');
      if (!account) throw new Error('GetAccessKeyInfo returned no account');
      return account;
    },
    async accessKeyLastUsed(accessKeyId) {
      const out = await c.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }));
      if (!out.UserName)
        throw Object.assign(new Error('The key has no IAM user in this account'), { name: 'NoSuchEntityException' });
      const used = out.AccessKeyLastUsed;
      return { userName: out.UserName, lastUsed: used?.LastUsedDate, service: used?.ServiceName, region: used?.Region };
    },
    async listAccessKeys(userName) {
      const out = await c.iam.send(new ListAccessKeysCommand({ UserName: userName }));
      return (out.AccessKeyMetadata ?? []).map((k) => ({
        id: k.AccessKeyId ?? '',
        status: k.Status ?? 'Unknown',
        created: k.CreateDate,
      }));
    },
    async simulateSend(userArn, resourceArn, from) {
      const out = await c.iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: userArn,
          ActionNames: ['ses:SendRawEmail'],
          ResourceArns: [resourceArn],
          ContextEntries: [{ ContextKeyName: 'ses:FromAddress', ContextKeyType: 'string', ContextKeyValues: [from] }],
        }),
      );
      const r = out.EvaluationResults?.[0];
      return {
        decision: (r?.EvalDecision ?? 'implicitDeny') as SimulationDecision,
        policies: (r?.MatchedStatements ?? []).map((m) => m.SourcePolicyId ?? '?'),
      };
    },
    async userPolicies(userName) {
      const docs: Array<{ name: string; document: string }> = [];
      const inline = await c.iam.send(new ListUserPoliciesCommand({ UserName: userName }));
      for (const name of inline.PolicyNames ?? []) {
        const p = await c.iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName: name }));
        docs.push({ name, document: decode(p.PolicyDocument) });
      }
      const attached = await c.iam.send(new ListAttachedUserPoliciesCommand({ UserName: userName }));
      for (const a of attached.AttachedPolicies ?? []) {
        const policy = await c.iam.send(new GetPolicyCommand({ PolicyArn: a.PolicyArn }));
        const version = await c.iam.send(
          new GetPolicyVersionCommand({ PolicyArn: a.PolicyArn, VersionId: policy.Policy?.DefaultVersionId }),
        );
        docs.push({ name: a.PolicyName ?? a.PolicyArn ?? '?', document: decode(version.PolicyVersion?.Document) });
      }
      return docs;
    },
    account: (region) => getAccountInfo(c.ses(region)),
    async identity(region, name) {
      try {
        return await getIdentityDetails(c.ses(region), name);
      } catch (err) {
        // Not there, or a region the account has not opted in to: either way not verified there.
        if (isNotFound(err) || /UnrecognizedClient|InvalidClientTokenId/i.test((err as Error).name ?? ''))
          return undefined;
        throw err;
      }
    },
    async tenant(region, name) {
      const ses = c.ses(region);
      const tenant = await getTenant(ses, name);
      if (!tenant) return undefined;
      const resources = await listTenantResources(ses, name);
      // The reputation entity says who paused the tenant; without ses:GetReputationEntity the
      // tenant's own SendingStatus still says whether it is paused.
      const reputation = tenant.arn
        ? await getTenantReputation(ses, tenant.arn).catch((err: unknown) => {
            if (isAccessDenied(err) || isNotFound(err)) return undefined;
            throw err;
          })
        : undefined;
      return { tenant, resources, ...(reputation ? { reputation } : {}) };
    },
    tenantSuppressed: (region, tenant, address) => tenantSuppressedDestination(c.ses(region), tenant, address),
    configurationSetAutoValidation: (region, name) => getConfigurationSetAutoValidation(c.ses(region), name),
    async suppressed(region, address) {
      try {
        const out = await c.ses(region).send(new GetSuppressedDestinationCommand({ EmailAddress: address }));
        const d = out.SuppressedDestination;
        return d ? { reason: d.Reason ?? 'unknown', at: d.LastUpdateTime } : undefined;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
  };
}
