// The Doctor's check of a Mail Manager ingress endpoint (…mail-manager-smtp.amazonaws.com): the
// ingress point (GetIngressPoint: type, status, TLS policy, rule set), the rule set's "send to
// internet" action (Send) and whether its role may call ses:SendRawEmail. Without a Send action an
// ingress endpoint answers 250 and the mail never leaves. Each call that is not allowed becomes
// "skipped: needs <action>". Pure over the MailManagerPort and DoctorAws (tests use the AWS peer).
import { isAccessDenied, isNotFound, needs } from './awsErrors';
import type { DoctorAws, DoctorInput, Finding, IngressPoint, MailManagerPort, RuleSet } from './types';

export type { IngressPoint, MailManagerPort, RuleSet } from './types';
import { isMailManagerUsername } from '../../base/password';
import { expectObject } from '../../base/guards';

const finding = (f: Omit<Finding, 'check'>): Finding => ({ check: 'ingress', ...f });

/** A denied call becomes "skipped: needs <action>"; anything else is rethrown. */
function skipIfDenied(err: unknown, action: string): Finding {
  if (isAccessDenied(err)) return needs('ingress', action);
  throw err;
}

export async function ingressFindings(
  input: DoctorInput,
  port: MailManagerPort | undefined,
  aws: Pick<DoctorAws, 'simulateSend'> | undefined,
): Promise<Finding[]> {
  expectObject(input, 'ingressFindings', 'input');
  if (!port)
    return [
      finding({
        verdict: 'skipped',
        title: 'skipped: the Mail Manager API is not available here',
        evidence: [],
        weight: 0,
      }),
    ];
  const region = input.region;
  if (!region)
    return [
      finding({
        verdict: 'skipped',
        title: `skipped: ${input.host} names no region; give the region of the ingress endpoint to read it`,
        evidence: [],
        weight: 0,
        cause: 'no-region',
      }),
    ];
  let id: string | undefined = isMailManagerUsername(input.username) ? input.username.trim() : undefined;
  if (!id) {
    try {
      id = await port.ingressPointByHost(region, input.host);
    } catch (err) {
      return [skipIfDenied(err, 'ses:ListIngressPoints')];
    }
  }
  const notFound = (): Finding[] => [
    finding({
      verdict: 'fail',
      title: `No Mail Manager ingress endpoint in ${region} has the host ${input.host}.`,
      evidence: id ? [`ingress point id tried: ${id}`] : [],
      fix: `Check the region (ingress endpoints are per region) and copy the host from the ingress endpoint's A record in the Mail Manager console.`,
      weight: 70,
      cause: 'ingress-not-found',
    }),
  ];
  if (!id) return notFound();
  let point: IngressPoint;
  try {
    point = await port.ingressPoint(region, id);
  } catch (err) {
    if (isNotFound(err)) return notFound();
    return [skipIfDenied(err, 'ses:GetIngressPoint')];
  }
  const out: Finding[] = [];
  const evidence = [
    `ingress endpoint ${point.name ?? point.id} (${point.id}) in ${region}`,
    `type ${point.type ?? '?'}, status ${point.status ?? '?'}, TLS policy ${point.tlsPolicy ?? 'not given'}`,
    `rule set ${point.ruleSetId ?? 'none'}, traffic policy ${point.trafficPolicyId ?? 'none'}`,
  ];
  if (point.status !== 'ACTIVE') {
    out.push(
      finding({
        verdict: 'fail',
        title: `The ingress endpoint is ${point.status ?? 'in an unknown state'}, not ACTIVE: it takes no mail.`,
        evidence,
        fix: 'Wait for PROVISIONING or UPDATING to end; a CLOSED endpoint can be opened again in the Mail Manager console, a FAILED one must be made again.',
        weight: 80,
        cause: 'ingress-not-active',
      }),
    );
  }
  const iamLogin = /^A[KS]IA[A-Z0-9]{16}$/.test(input.username.trim());
  if (point.type === 'AUTH' && iamLogin) {
    out.push(
      finding({
        verdict: 'fail',
        title:
          'The ingress endpoint is authenticated (AUTH) and takes its own login, but the username is an IAM access key id: a v4 SMTP password never logs in here.',
        evidence,
        fix: `Log in with the username ${point.id} and the password of its password configuration${point.secretArn ? ` (secret ${point.secretArn})` : ''}, or send through email-smtp.${region}.amazonaws.com with the IAM key.`,
        weight: 90,
        cause: 'ingress-v4-password',
      }),
    );
  } else if (point.type === 'OPEN' && input.username.trim()) {
    out.push(
      finding({
        verdict: 'warn',
        title: 'The ingress endpoint is OPEN: it takes mail from anyone its traffic policy allows, without a login.',
        evidence,
        fix: 'Clients that insist on logging in fail here; an OPEN endpoint is meant as an MX target. For submission with a login, use an AUTH ingress endpoint or the SES SMTP endpoint.',
        weight: 25,
        cause: 'ingress-open',
      }),
    );
  }
  if (point.tlsPolicy === 'OPTIONAL') {
    out.push(
      finding({
        verdict: 'warn',
        title: 'The ingress endpoint accepts mail without TLS (TLS policy OPTIONAL).',
        evidence,
        fix: 'Set the TLS policy to REQUIRED so logins and mail never cross the network in the clear.',
        weight: 10,
        cause: 'ingress-tls-optional',
      }),
    );
  }
  if (!point.ruleSetId) {
    out.push(
      finding({
        verdict: 'fail',
        title: 'The ingress endpoint has no rule set: accepted mail goes nowhere.',
        evidence,
        fix: 'Attach a rule set with a "Send to internet" action.',
        weight: 85,
        cause: 'no-send-action',
      }),
    );
    return out;
  }
  let rules: RuleSet;
  try {
    rules = await port.ruleSet(region, point.ruleSetId);
  } catch (err) {
    return [...out, finding({ ...skipIfDenied(err, 'ses:GetRuleSet'), evidence })];
  }
  const sends = rules.rules.flatMap((r) => r.sendRoles.map((s) => ({ rule: r.name ?? '?', ...s })));
  const ruleEvidence = [
    ...evidence,
    ...rules.rules.map((r) => `rule ${r.name ?? '?'}: ${r.actions.join(', ') || 'no actions'}`),
  ];
  if (!sends.length) {
    out.push(
      finding({
        verdict: 'fail',
        title: `The rule set ${rules.name ?? rules.id} has no "Send to internet" action: the endpoint answers 250 and the mail never leaves.`,
        evidence: ruleEvidence,
        fix: 'Add a rule with the "Send to internet" action (Send) and a role that may call ses:SendRawEmail, or send through the SES SMTP endpoint instead.',
        weight: 85,
        cause: 'no-send-action',
      }),
    );
    return out;
  }
  for (const send of sends) {
    const role = send.roleArn ?? '';
    const account = role.split(':')[4] ?? '';
    const resource = `arn:aws:ses:${region}:${account}:identity/${input.from?.split('@')[1] ?? '*'}`;
    let decision: string | undefined;
    try {
      decision = aws ? (await aws.simulateSend(role, resource, input.from ?? '')).decision : undefined;
    } catch {
      decision = undefined;
    }
    if (decision === 'allowed') {
      out.push(
        finding({
          verdict: 'pass',
          title: `Rule ${send.rule} sends to the internet as ${role}, which may call ses:SendRawEmail.`,
          evidence: ruleEvidence,
          weight: 0,
        }),
      );
    } else if (decision) {
      out.push(
        finding({
          verdict: 'fail',
          title: `Rule ${send.rule} sends as ${role}, which may not call ses:SendRawEmail (${decision}): the mail is dropped${send.failurePolicy === 'CONTINUE' ? ' by that action' : ''}.`,
          evidence: ruleEvidence,
          fix: `Allow ses:SendRawEmail for ${resource} in a policy of the role, and let Mail Manager (ses.amazonaws.com) assume it.`,
          weight: 85,
          cause: 'send-role-denied',
        }),
      );
    } else {
      out.push(
        finding({
          verdict: 'warn',
          title: `Rule ${send.rule} sends as ${role || 'a role not named'}; whether it may call ses:SendRawEmail could not be checked.`,
          evidence: ruleEvidence,
          fix: 'Checking the role needs iam:SimulatePrincipalPolicy on it. The role must allow ses:SendRawEmail and trust ses.amazonaws.com.',
          weight: 15,
          cause: 'send-role-unchecked',
        }),
      );
    }
  }
  if (out.every((f) => f.verdict === 'pass'))
    out.unshift(
      finding({
        verdict: 'pass',
        title: 'The ingress endpoint is ACTIVE and sends to the internet.',
        evidence,
        weight: 0,
      }),
    );
  return out;
}
