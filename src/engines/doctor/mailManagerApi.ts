// Mail Manager calls the bundled SDK has no client for (@aws-sdk/client-mailmanager is not a
// dependency): AWS JSON 1.0, POST / to mail-manager.<region>.amazonaws.com with X-Amz-Target
// "MailManagerSvc.<Operation>", signed with SigV4 for the service name "ses". Used only from the
// AWS bundle (src/engines/bundles/aws.ts), read-only: GetIngressPoint, ListIngressPoints, GetRuleSet.
import { signedPost, type Credentials } from './stsQuery';
import type { IngressPoint, MailManagerPort, RuleSet } from './types';
import { expectObject } from '../../base/guards';

export class MailManagerError extends Error {
  constructor(
    readonly name: string,
    message: string,
    readonly $metadata: { httpStatusCode: number },
  ) {
    super(message);
  }
}

export interface MailManagerAccess {
  /** A custom AWS endpoint (tests, LocalStack); default https://mail-manager.<region>.amazonaws.com. */
  endpoint?: string;
  credentials: () => Promise<Credentials>;
}

export async function mailManagerCall(
  access: MailManagerAccess,
  region: string,
  operation: string,
  input: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  expectObject(access, 'mailManagerCall', 'access');
  const { status, text } = await signedPost({
    url: new URL(access.endpoint || `https://mail-manager.${region}.amazonaws.com`),
    region,
    service: 'ses',
    credentials: access.credentials,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `MailManagerSvc.${operation}` },
    body: JSON.stringify(input),
    what: 'Mail Manager',
    signal,
  });
  let parsed: Record<string, unknown>;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  if (status >= 300) {
    // "__type" may carry a namespace ("com.amazonaws.mailmanager#ResourceNotFoundException").
    const type = String(parsed.__type ?? `HTTP${status}`).replace(/^.*#/, '');
    const message = String(parsed.message ?? parsed.Message ?? text.slice(0, 200));
    throw new MailManagerError(type, message, { httpStatusCode: status });
  }
  return parsed;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function mailManagerPort(access: MailManagerAccess): MailManagerPort {
  return {
    async ingressPoint(region, id) {
      const out = await mailManagerCall(access, region, 'GetIngressPoint', { IngressPointId: id });
      const auth = (out.IngressPointAuthConfiguration ?? {}) as Record<string, unknown>;
      return {
        id: str(out.IngressPointId) ?? id,
        name: str(out.IngressPointName),
        status: str(out.Status),
        type: str(out.Type),
        aRecord: str(out.ARecord),
        ruleSetId: str(out.RuleSetId),
        trafficPolicyId: str(out.TrafficPolicyId),
        tlsPolicy: str(out.TlsPolicy),
        passwordConfigured: auth.IngressPointPasswordConfiguration !== undefined,
        secretArn: str(auth.SecretArn),
      } satisfies IngressPoint;
    },
    async ingressPointByHost(region, host) {
      let token: string | undefined;
      for (let page = 0; page < 20; page++) {
        const out = await mailManagerCall(access, region, 'ListIngressPoints', {
          PageSize: 50,
          ...(token ? { NextToken: token } : {}),
        });
        const found = ((out.IngressPoints ?? []) as Array<Record<string, unknown>>).find(
          (p) => str(p.ARecord)?.toLowerCase() === host.toLowerCase(),
        );
        if (found) return str(found.IngressPointId);
        token = str(out.NextToken);
        if (!token) return undefined;
      }
      return undefined;
    },
    async ruleSet(region, id) {
      const out = await mailManagerCall(access, region, 'GetRuleSet', { RuleSetId: id });
      const rules = (Array.isArray(out.Rules) ? out.Rules : []) as Array<Record<string, unknown>>;
      return {
        id: str(out.RuleSetId) ?? id,
        name: str(out.RuleSetName),
        rules: rules.map((r) => ({
          name: str(r.Name),
          sendRoles: ((Array.isArray(r.Actions) ? r.Actions : []) as Array<Record<string, unknown>>)
            .map((a) => a.Send as Record<string, unknown> | undefined)
            .filter((send): send is Record<string, unknown> => typeof send === 'object' && send !== null)
            .map((send) => ({ roleArn: str(send.RoleArn), failurePolicy: str(send.ActionFailurePolicy) })),
          actions: ((Array.isArray(r.Actions) ? r.Actions : []) as Array<Record<string, unknown>>).flatMap((a) =>
            Object.keys(a ?? {}),
          ),
        })),
      } satisfies RuleSet;
    },
  };
}
