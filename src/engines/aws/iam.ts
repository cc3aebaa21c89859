// Dedicated SMTP credentials, as the SES console makes them: an IAM user, an inline policy that
// allows only ses:SendRawEmail (optionally limited to From addresses), an access key, and the v4
// SMTP password for one region. A failure midway rolls back what was created. The IAM secret is
// used only to derive the password and is never returned.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { deriveSmtpPassword } from '../../base/password';
import { expectObject, expectOptionalObject, expectOptionalString, expectStringList } from '../../base/guards';

export const SMTP_POLICY_NAME = 'AmazonSesSendingAccess';

/** The console's naming: ses-smtp-user.YYYYMMDD-HHMMSS (UTC). */
export function consoleStyleUserName(now: Date = new Date()): string {
  expectOptionalObject(now, 'consoleStyleUserName', 'now');
  const p = (n: number): string => String(n).padStart(2, '0');
  return `ses-smtp-user.${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
}

export class IamInputError extends Error {}

export function validateIamUserName(name: string): string {
  expectOptionalString(name, 'validateIamUserName', 'name');
  const n = (name ?? '').trim();
  if (!n) throw new IamInputError('The IAM user name is empty.');
  if (n.length > 64) throw new IamInputError(`The IAM user name is ${n.length} characters long; IAM allows 64.`);
  if (!/^[\w+=,.@-]+$/.test(n))
    throw new IamInputError(
      `"${n.slice(0, 64)}" is not a valid IAM user name: use letters, digits and + = , . @ _ - only.`,
    );
  return n;
}

/** ses:FromAddress patterns: an exact address or *@domain. */
export function validateFromPatterns(patterns: readonly string[]): string[] {
  expectStringList(patterns, 'validateFromPatterns', 'patterns');
  return patterns.map((raw) => {
    const p = raw.trim().toLowerCase();
    if (!/^(\*|[^\s@*]+)@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(p))
      throw new IamInputError(
        `"${raw.slice(0, 80)}" is not a From pattern: use an address (noreply@example.com) or *@example.com.`,
      );
    return p;
  });
}

export function smtpPolicyDocument(fromPatterns: readonly string[] = []): string {
  if (fromPatterns !== undefined) expectStringList(fromPatterns, 'smtpPolicyDocument', 'fromPatterns');
  const statement: Record<string, unknown> = { Effect: 'Allow', Action: 'ses:SendRawEmail', Resource: '*' };
  if (fromPatterns.length) statement.Condition = { StringLike: { 'ses:FromAddress': [...fromPatterns] } };
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
}

export interface CreateSmtpUserInput {
  userName?: string;
  region: string;
  fromPatterns?: string[];
  now?: Date;
}

export interface CreatedSmtpUser {
  userName: string;
  accessKeyId: string;
  smtpPassword: string;
  region: string;
  policyName: string;
}

export class SmtpUserCreationError extends Error {
  constructor(
    message: string,
    readonly step: 'user' | 'policy' | 'key' | 'password',
    readonly rolledBack: string[],
    readonly rollbackFailures: string[],
  ) {
    super(message);
  }
}

export async function createSmtpUser(
  iam: Pick<IAMClient, 'send'>,
  input: CreateSmtpUserInput,
): Promise<CreatedSmtpUser> {
  expectObject(iam, 'createSmtpUser', 'iam');
  expectObject(input, 'createSmtpUser', 'input');
  const userName = validateIamUserName(input.userName ?? consoleStyleUserName(input.now));
  const fromPatterns = validateFromPatterns(input.fromPatterns ?? []);
  const undo: Array<{ what: string; run: () => Promise<unknown> }> = [];
  let step: SmtpUserCreationError['step'] = 'user';
  try {
    await iam.send(
      new CreateUserCommand({ UserName: userName, Tags: [{ Key: 'created-by', Value: 'ses-smtp-toolkit' }] }),
    );
    undo.push({ what: `IAM user ${userName}`, run: () => iam.send(new DeleteUserCommand({ UserName: userName })) });
    step = 'policy';
    await iam.send(
      new PutUserPolicyCommand({
        UserName: userName,
        PolicyName: SMTP_POLICY_NAME,
        PolicyDocument: smtpPolicyDocument(fromPatterns),
      }),
    );
    undo.push({
      what: `inline policy ${SMTP_POLICY_NAME}`,
      run: () => iam.send(new DeleteUserPolicyCommand({ UserName: userName, PolicyName: SMTP_POLICY_NAME })),
    });
    step = 'key';
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    const accessKeyId = key.AccessKey?.AccessKeyId;
    const secret = key.AccessKey?.SecretAccessKey;
    if (accessKeyId)
      undo.push({
        what: `access key ${accessKeyId}`,
        run: () => iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId })),
      });
    if (!accessKeyId || !secret) throw new Error('IAM returned no access key');
    step = 'password';
    const smtpPassword = deriveSmtpPassword(secret, input.region);
    return { userName, accessKeyId, smtpPassword, region: input.region, policyName: SMTP_POLICY_NAME };
  } catch (err) {
    const rolledBack: string[] = [];
    const rollbackFailures: string[] = [];
    for (const u of undo.reverse()) {
      try {
        await u.run();
        rolledBack.push(u.what);
      } catch (e) {
        rollbackFailures.push(`${u.what}: ${(e as Error).message}`);
      }
    }
    const reason = (err as Error).message;
    const undone = rolledBack.length ? ` Rolled back: ${rolledBack.join(', ')}.` : '';
    const left = rollbackFailures.length
      ? ` Could not remove: ${rollbackFailures.join('; ')} — delete these in the IAM console.`
      : '';
    throw new SmtpUserCreationError(
      `Creating the SMTP user failed at the ${step} step: ${reason}.${undone}${left}`,
      step,
      rolledBack,
      rollbackFailures,
    );
  }
}
