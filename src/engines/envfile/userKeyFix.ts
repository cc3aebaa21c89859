// Issue #19 item 4b: an IAM user name where the SMTP username (the access key id) belongs. The fix
// looks up the user's access keys (with AWS credentials, so it is an action, not a computed edit)
// and writes the chosen key id in place of the name. Pure: which finding gets the action, and the
// value that replaces the name.
import type { EnvFinding } from './check';
import type { SmtpBlock } from './conventions';
import { encodeUrlPart, keyOf, parseSmtpUrl } from './conventions';
import { expectList, expectObject, expectOptionalObject, expectString } from '../../base/guards';

export interface AccessKeyLookup {
  /** The IAM user name the .env holds. */
  userName: string;
  /** Index of the SMTP block in the file (as findSmtpBlocks returns them). */
  block: number;
}

/** The look-up the finding offers: only for a name that reads as an IAM user name, in a known block. */
export function accessKeyLookupFor(finding: EnvFinding, blocks: readonly SmtpBlock[]): AccessKeyLookup | undefined {
  expectObject(finding, 'accessKeyLookupFor', 'finding');
  expectList(blocks, 'accessKeyLookupFor', 'blocks');
  if (finding.id !== 'username-not-access-key' || !finding.iamUserName) return undefined;
  const block = blocks.findIndex((b) =>
    b.assignments.some((a) => a.key === finding.key && a.valueStart === finding.start),
  );
  return block < 0 ? undefined : { userName: finding.iamUserName, block };
}

/** The key and value that put `accessKeyId` where the block's username is (in its URL when it has one). */
export function usernameReplacement(block: SmtpBlock, accessKeyId: string): { key: string; value: string } | undefined {
  expectObject(block, 'usernameReplacement', 'block');
  expectString(accessKeyId, 'usernameReplacement', 'accessKeyId');
  const userKey = keyOf(block.convention, 'user');
  if (userKey && block.assignments.some((a) => a.key === userKey)) return { key: userKey, value: accessKeyId };
  const urlKey = keyOf(block.convention, 'url');
  if (!urlKey || block.url === undefined || !parseSmtpUrl(block.url)) return undefined;
  // Only the user part changes; the password, host and port stay exactly as written.
  const value = block.url
    .trim()
    .replace(/^(smtps?:\/\/)[^:@/]*/i, (_, scheme: string) => scheme + encodeUrlPart(accessKeyId));
  return { key: urlKey, value };
}

/** Whole days between `created` and `now` (0 for a key made today or a date in the future). */
export function keyAgeDays(created: Date | undefined, now: Date = new Date()): number | undefined {
  expectOptionalObject(created, 'keyAgeDays', 'created');
  expectOptionalObject(now, 'keyAgeDays', 'now');
  if (!created || Number.isNaN(created.getTime())) return undefined;
  return Math.max(0, Math.floor((now.getTime() - created.getTime()) / 86_400_000));
}
