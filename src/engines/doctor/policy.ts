// An approximate IAM evaluation for one action, used when iam:SimulatePrincipalPolicy is not
// allowed: explicit Deny wins, then an Allow, else the implicit deny. It reads only the documents
// it is given (no group policies, boundaries or SCPs), which the report says.
import type { SimulationDecision } from './types';
import { expectList, expectObject, expectOptionalBoolean, expectString } from '../../base/guards';

interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  expectString(pattern, 'wildcardMatch', 'pattern');
  expectString(value, 'wildcardMatch', 'value');
  expectOptionalBoolean(ignoreCase, 'wildcardMatch', 'ignoreCase');
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    ignoreCase ? 'i' : '',
  );
  return re.test(value);
}

function conditionMatches(
  condition: Statement['Condition'],
  context: Record<string, string>,
): { matches: boolean; unknown: string[] } {
  const unknown: string[] = [];
  for (const [operator, entries] of Object.entries(condition ?? {})) {
    for (const [key, wanted] of Object.entries(entries)) {
      const value = context[key.toLowerCase()];
      const op = operator.replace(/IfExists$/, '');
      if (value === undefined) {
        if (!operator.endsWith('IfExists')) unknown.push(`${operator} ${key}`);
        continue;
      }
      const values = list(wanted);
      const hit =
        op === 'StringEquals'
          ? values.includes(value)
          : op === 'StringEqualsIgnoreCase'
            ? values.some((w) => w.toLowerCase() === value.toLowerCase())
            : op === 'StringLike'
              ? values.some((w) => wildcardMatch(w, value))
              : op === 'StringNotEquals'
                ? !values.includes(value)
                : op === 'StringNotLike'
                  ? !values.some((w) => wildcardMatch(w, value))
                  : undefined;
      if (hit === undefined) unknown.push(`${operator} ${key}`);
      else if (!hit) return { matches: false, unknown };
    }
  }
  return { matches: true, unknown };
}

export interface Evaluation {
  decision: SimulationDecision;
  policies: string[];
  /** Conditions this evaluation could not judge (counted as met). */
  unknown: string[];
}

export function evaluatePolicies(
  docs: ReadonlyArray<{ name: string; document: string }>,
  action: string,
  resource: string,
  context: Record<string, string>,
): Evaluation {
  expectList(docs, 'evaluatePolicies', 'docs');
  expectString(action, 'evaluatePolicies', 'action');
  expectString(resource, 'evaluatePolicies', 'resource');
  expectObject(context, 'evaluatePolicies', 'context');
  const allow: string[] = [];
  const deny: string[] = [];
  const unknown: string[] = [];
  const ctx = Object.fromEntries(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  for (const doc of docs) {
    let parsed: { Statement?: Statement | Statement[] };
    try {
      parsed = JSON.parse(doc.document);
    } catch {
      continue;
    }
    for (const s of Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : []) {
      const actionHit = s.NotAction
        ? !list(s.NotAction).some((a) => wildcardMatch(a, action, true))
        : list(s.Action).some((a) => wildcardMatch(a, action, true));
      const resourceHit = s.NotResource
        ? !list(s.NotResource).some((r) => wildcardMatch(r, resource))
        : list(s.Resource).some((r) => wildcardMatch(r, resource));
      if (!actionHit || !resourceHit) continue;
      const cond = conditionMatches(s.Condition, ctx);
      if (!cond.matches) continue;
      unknown.push(...cond.unknown);
      (s.Effect === 'Deny' ? deny : allow).push(doc.name);
    }
  }
  if (deny.length) return { decision: 'explicitDeny', policies: [...new Set(deny)], unknown };
  if (allow.length) return { decision: 'allowed', policies: [...new Set(allow)], unknown };
  return { decision: 'implicitDeny', policies: [], unknown };
}
