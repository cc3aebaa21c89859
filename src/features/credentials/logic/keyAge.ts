// The age of a credential set's access key in the "SMTP Credentials" view: days since IAM created
// it (ListAccessKeys' CreateDate), and a warning past sesSmtpToolkit.credentials.maxKeyAgeDays.
// Pure: the view fetches the dates and wraps the result.
import { escapeMarkdown, type CredentialRow } from './credentialRow';
import { expectNumber, expectObject } from '../../../base/guards';

export const DEFAULT_MAX_KEY_AGE_DAYS = 90;
const DAY_MS = 86_400_000;

export interface KeyAgeFacts {
  created?: Date;
  status: 'Active' | 'Inactive';
  userName: string;
}

/** Whole days from `created` to `now` (0 for a key made today or a clock ahead of IAM's). */
export function keyAgeDays(created: Date, now: Date): number {
  expectObject(created, 'keyAgeDays', 'created');
  expectObject(now, 'keyAgeDays', 'now');
  return Math.max(0, Math.floor((now.getTime() - created.getTime()) / DAY_MS));
}

/** The setting's value, or the default when it is missing or not a whole number of at least 1. */
export function maxKeyAgeDays(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : DEFAULT_MAX_KEY_AGE_DAYS;
}

export interface KeyAgeRow extends CredentialRow {
  /** The key is older than the limit: the row shows a warning icon. */
  tooOld: boolean;
}

/** The row with the key's age: "· key 12 d" in the description, a line in the tooltip, a warning past the limit. */
export function withKeyAge(row: CredentialRow, facts: KeyAgeFacts, maxDays: number, now: Date): KeyAgeRow {
  expectObject(row, 'withKeyAge', 'row');
  expectObject(facts, 'withKeyAge', 'facts');
  expectNumber(maxDays, 'withKeyAge', 'maxDays');
  expectObject(now, 'withKeyAge', 'now');
  if (!facts.created) return { ...row, tooOld: false };
  const days = keyAgeDays(facts.created, now);
  const tooOld = days > maxDays;
  const created = facts.created.toISOString().slice(0, 10);
  const inactive = facts.status === 'Inactive' ? ' It is **Inactive** in IAM.' : '';
  const line = tooOld
    ? `$(warning) Key created ${created}: **${days} days old**, past the ${maxDays}-day limit. Rotate it (Rotate SMTP Credentials).${inactive}`
    : `$(history) Key created ${created} (${days} days old; limit ${maxDays}) for IAM user ${escapeMarkdown(facts.userName)}.${inactive}`;
  // The age goes before the legend, which stays last.
  const cut = row.tooltip.lastIndexOf('\n\n---\n\n');
  const tooltip =
    cut >= 0 ? `${row.tooltip.slice(0, cut)}\n\n${line}${row.tooltip.slice(cut)}` : `${row.tooltip}\n\n${line}`;
  return { ...row, description: `${row.description} · key ${days} d${tooOld ? ' ⚠' : ''}`, tooltip, tooOld };
}
