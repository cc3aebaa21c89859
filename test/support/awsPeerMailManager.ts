// Mail Manager of the AWS API peer (test/support/awsPeer.ts), in AWS's JSON 1.0 protocol: POST /
// with X-Amz-Target "MailManagerSvc.<Operation>", signed for the service "ses"; answers in JSON,
// errors as HTTP 400 with {"__type", "message"}. Read operations only (GetIngressPoint,
// ListIngressPoints with PageSize/NextToken, GetRuleSet); the tests put ingress points and rule
// sets in per region. Field names follow the Mail Manager API reference.
import type { JsonAnswer } from './awsPeerJson';

export interface PeerIngressPoint {
  IngressPointId: string;
  IngressPointName: string;
  Status: 'PROVISIONING' | 'DEPROVISIONING' | 'UPDATING' | 'ACTIVE' | 'CLOSED' | 'FAILED';
  Type: 'OPEN' | 'AUTH' | 'MTLS';
  ARecord: string;
  RuleSetId?: string;
  TrafficPolicyId?: string;
  TlsPolicy?: 'REQUIRED' | 'OPTIONAL' | 'FIPS';
  IngressPointAuthConfiguration?: {
    IngressPointPasswordConfiguration?: { SmtpPasswordVersion?: string };
    SecretArn?: string;
  };
}

export interface PeerRuleSet {
  RuleSetId: string;
  RuleSetName: string;
  Rules: Array<{ Name: string; Actions: Array<Record<string, unknown>> }>;
}

const error = (type: string, message: string): JsonAnswer => ({ status: 400, body: { __type: type, message } });

export class MailManagerState {
  /** Per region. */
  readonly ingressPoints = new Map<string, PeerIngressPoint[]>();
  readonly ruleSets = new Map<string, PeerRuleSet[]>();
  /** Operations answered with AccessDeniedException (a caller without ses:GetRuleSet, …). */
  readonly denied = new Set<string>();

  handle(action: string, region: string, input: Record<string, unknown>): JsonAnswer {
    if (this.denied.has(action))
      return error(
        'AccessDeniedException',
        `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ses:${action}`,
      );
    const points = this.ingressPoints.get(region) ?? [];
    switch (action) {
      case 'GetIngressPoint': {
        const point = points.find((p) => p.IngressPointId === input.IngressPointId);
        if (!point)
          return error('ResourceNotFoundException', `Ingress point ${String(input.IngressPointId)} not found`);
        return {
          status: 200,
          body: {
            ...point,
            IngressPointArn: `arn:aws:ses:${region}:123456789012:mailmanager-ingress-point/${point.IngressPointId}`,
            CreatedTimestamp: 1.7e9,
          },
        };
      }
      case 'ListIngressPoints': {
        const size = Math.min(Number(input.PageSize ?? 50) || 50, 50);
        const start =
          input.NextToken === undefined ? 0 : Number(Buffer.from(String(input.NextToken), 'base64').toString());
        if (!Number.isInteger(start) || start < 0) return error('ValidationException', 'Invalid NextToken');
        const page = points.slice(start, start + size);
        return {
          status: 200,
          body: {
            IngressPoints: page.map((p) => ({
              IngressPointId: p.IngressPointId,
              IngressPointName: p.IngressPointName,
              Status: p.Status,
              Type: p.Type,
              ARecord: p.ARecord,
            })),
            ...(start + size < points.length
              ? { NextToken: Buffer.from(String(start + size)).toString('base64') }
              : {}),
          },
        };
      }
      case 'GetRuleSet': {
        const set = (this.ruleSets.get(region) ?? []).find((r) => r.RuleSetId === input.RuleSetId);
        if (!set) return error('ResourceNotFoundException', `Rule set ${String(input.RuleSetId)} not found`);
        return {
          status: 200,
          body: { ...set, RuleSetArn: `arn:aws:ses:${region}:123456789012:mailmanager-rule-set/${set.RuleSetId}` },
        };
      }
      default:
        return error('UnknownOperationException', `This peer's Mail Manager does not serve ${action}.`);
    }
  }
}
