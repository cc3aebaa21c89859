// Check 3: whose key is it. sts:GetAccessKeyInfo (the owning account, compared with the
// profile's), iam:GetAccessKeyLastUsed (the user; when, where and for what it was last used),
// iam:ListAccessKeys (Active or Inactive).
import { isNotFound, skipOrThrow } from './awsErrors';
import type { DoctorAws, Finding, KeyUser } from './types';
import { expectObject, expectString } from '../../base/guards';

type Got<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface KeyFacts {
  keyId: string;
  owner: Got<string>;
  caller: Got<{ account: string; arn?: string }>;
  user: Got<KeyUser>;
  keys?: Got<Array<{ id: string; status: string; created?: Date }>>;
}

async function got<T>(work: () => Promise<T>): Promise<Got<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error };
  }
}

export async function lookupKey(aws: DoctorAws, keyId: string): Promise<KeyFacts> {
  const [owner, caller, user] = await Promise.all([
    got(() => aws.accessKeyAccount(keyId)),
    got(() => aws.callerAccount()),
    got(() => aws.accessKeyLastUsed(keyId)),
  ]);
  const keys = user.ok ? await got(() => aws.listAccessKeys(user.value.userName)) : undefined;
  return { keyId, owner, caller, user, keys };
}

/** AKIA…XXXX: enough to tell keys apart, never the whole id. */
export function maskKeyId(id: string): string {
  expectString(id, 'maskKeyId', 'id');
  return /^A[KS]IA[A-Z0-9]{16}$/i.test(id)
    ? `${id.slice(0, 4)}…${id.slice(-4)}`
    : id.length > 4
      ? `${id.slice(0, 2)}…`
      : '…';
}

function lastUsedLine(u: KeyUser): string {
  if (!u.lastUsed) return `IAM user ${u.userName}; the key has never been used (for any AWS call or SMTP)`;
  return (
    `IAM user ${u.userName}; last used ${u.lastUsed.toISOString().slice(0, 16).replace('T', ' ')} UTC, service ` +
    `${u.service ?? 'N/A'}, region ${u.region ?? 'N/A'}`
  );
}

export function keyFindings(f: KeyFacts): Finding[] {
  expectObject(f, 'keyFindings', 'f');
  const out: Finding[] = [];
  const key = maskKeyId(f.keyId);
  const evidence: string[] = [];
  if (f.owner.ok) evidence.push(`${key} belongs to account ${f.owner.value}`);
  else out.push(skipOrThrow(f.owner.error, 'key', 'sts:GetAccessKeyInfo'));
  if (f.caller.ok) evidence.push(`the AWS profile is in account ${f.caller.value.account}`);
  else out.push(skipOrThrow(f.caller.error, 'key', 'sts:GetCallerIdentity'));
  if (f.owner.ok && f.caller.ok && f.owner.value !== f.caller.value.account) {
    out.unshift({
      check: 'key',
      verdict: 'fail',
      title:
        `The access key ${key} belongs to account ${f.owner.value}, not to the profile's account ` +
        `${f.caller.value.account}.`,
      evidence,
      fix:
        `Look at SES and IAM in account ${f.owner.value} (its identities, sandbox and policies apply), or use ` +
        `SMTP credentials of an IAM user in ${f.caller.value.account}.`,
      weight: 90,
      cause: 'key-other-account',
    });
    return out;
  }
  if (!f.user.ok) {
    if (isNotFound(f.user.error)) {
      out.unshift({
        check: 'key',
        verdict: 'fail',
        title: `The access key ${key} does not exist in this account: it was deleted, or it is another account's.`,
        evidence,
        fix: 'Create a new access key for the SMTP user and derive the SMTP password from its secret.',
        weight: 92,
        cause: 'key-not-found',
      });
    } else out.push(skipOrThrow(f.user.error, 'key', 'iam:GetAccessKeyLastUsed'));
    return out;
  }
  evidence.push(lastUsedLine(f.user.value));
  if (f.keys && !f.keys.ok) {
    out.push(skipOrThrow(f.keys.error, 'key', 'iam:ListAccessKeys'));
    out.unshift({
      check: 'key',
      verdict: 'pass',
      title: `The key belongs to IAM user ${f.user.value.userName}.`,
      evidence,
      weight: 0,
    });
    return out;
  }
  const keys = f.keys?.ok ? f.keys.value : [];
  for (const k of keys)
    evidence.push(
      `${maskKeyId(k.id)}: ${k.status}${k.created ? `, created ${k.created.toISOString().slice(0, 10)}` : ''}`,
    );
  const mine = keys.find((k) => k.id === f.keyId);
  if (mine && mine.status !== 'Active') {
    out.unshift({
      check: 'key',
      verdict: 'fail',
      title:
        `The access key ${key} of IAM user ${f.user.value.userName} is ${mine.status}: SES refuses every login ` +
        `with it.`,
      evidence,
      fix:
        `Make the key Active again (IAM → Users → ${f.user.value.userName} → Security credentials), or create a ` +
        `new key and derive the SMTP password from it.`,
      weight: 95,
      cause: 'key-inactive',
    });
    return out;
  }
  out.unshift({
    check: 'key',
    verdict: 'pass',
    title: `The key is Active and belongs to IAM user ${f.user.value.userName}.`,
    evidence,
    weight: 0,
  });
  return out;
}
