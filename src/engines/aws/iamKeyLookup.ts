// The access keys of an IAM user (ListAccessKeys): what the .env quick fix for "IAM user name used
// as the SMTP username" offers. Only key ids, status and creation dates: IAM never returns the
// secret here. Errors say what is wrong and the fix.
import { ListAccessKeysCommand, type IAMClient } from '@aws-sdk/client-iam';
import { describeCredentialError } from './credentialCache';
import { validateIamUserName } from './iam';

export interface AccessKeyRow {
  id: string;
  /** 'Active' or 'Inactive' (SES accepts only active keys). */
  status: string;
  created?: Date;
}

export type IamLookupProblem = 'not-found' | 'denied' | 'credentials' | 'cancelled' | 'failed';

export class IamLookupError extends Error {
  constructor(
    message: string,
    readonly problem: IamLookupProblem,
  ) {
    super(message);
  }
}

/** A user has at most two keys; the pages are followed up to this many as a guard. */
const MAX_PAGES = 10;

/**
 * The access keys of `userName`, oldest first. `who` names the credentials in messages ("the
 * profile "admin"", "the default credential chain").
 */
export async function listUserAccessKeys(
  iam: Pick<IAMClient, 'send'>,
  userName: string,
  options: { who: string; signal?: AbortSignal },
): Promise<AccessKeyRow[]> {
  const user = validateIamUserName(userName);
  const rows: AccessKeyRow[] = [];
  let marker: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await iam.send(new ListAccessKeysCommand({ UserName: user, Marker: marker }), {
        abortSignal: options.signal,
      });
      for (const k of out.AccessKeyMetadata ?? [])
        if (k.AccessKeyId) rows.push({ id: k.AccessKeyId, status: k.Status ?? 'Unknown', created: k.CreateDate });
      marker = out.IsTruncated ? out.Marker : undefined;
      if (!marker) break;
    }
  } catch (err) {
    throw lookupError(err, user, options.who, options.signal);
  }
  return rows.sort((a, b) => (a.created?.getTime() ?? 0) - (b.created?.getTime() ?? 0));
}

function lookupError(err: unknown, user: string, who: string, signal?: AbortSignal): IamLookupError {
  const e = err as { name?: string; message?: string; code?: string } | undefined;
  const name = e?.name ?? '';
  const text = `${name} ${e?.code ?? ''} ${e?.message ?? ''}`;
  if (signal?.aborted || /AbortError|ABORT_ERR/.test(text))
    return new IamLookupError(`Looking up the access keys of "${user}" was cancelled.`, 'cancelled');
  if (/NoSuchEntity/i.test(name))
    return new IamLookupError(
      `The IAM user "${user}" does not exist in the account of ${who}. Check the user name in the .env, or choose ` +
        'a profile of the account the user belongs to.',
      'not-found',
    );
  if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(name))
    return new IamLookupError(
      `${who[0].toUpperCase()}${who.slice(1)} may not list the access keys of "${user}" (iam:ListAccessKeys is ` +
        `denied). Allow iam:ListAccessKeys on arn:aws:iam::<account>:user/${user}, or choose another profile.`,
      'denied',
    );
  if (/CredentialsProviderError|ExpiredToken|InvalidClientTokenId|SignatureDoesNotMatch/i.test(name))
    return new IamLookupError(
      `${who[0].toUpperCase()}${who.slice(1)} has no usable AWS credentials: ${describeCredentialError(err)}. ` +
        'Fix the profile (for SSO: aws sso login), or choose another one.',
      'credentials',
    );
  return new IamLookupError(
    `Looking up the access keys of "${user}" with ${who} failed: ${name ? `${name}: ` : ''}${e?.message ?? String(err)}`,
    'failed',
  );
}
