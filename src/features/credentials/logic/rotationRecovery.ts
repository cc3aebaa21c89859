// A rotation interrupted by a closed window, found in the journal on the next start. Before the
// switch the new key's secret is gone with the window (the journal never holds it), so the only way
// out is back: delete the new key. After the switch the set holds the new key and its password, so
// the rotation can be finished (.env files, the linked secret, old key Inactive, delete now or later).
import { finishAfterSwitch, dayOf } from './rotation';
import type { RotationJournal, RotationPorts, RotationResult, RotationStep } from './rotationTypes';
import { expectObject, expectOptionalString } from '../../../base/guards';

const STEPS: readonly RotationStep[] = [
  'creating-key',
  'key-created',
  'set-updated',
  'env-updated',
  'secret-updated',
  'old-key-inactive',
];
const SECRET_OUTCOMES = ['updated', 'declined', 'none'];
/** A key created this long before the journal's start time still counts as the rotation's own (clock skew). */
export const CLOCK_SLACK_MS = 120_000;

/** A journal entry read from storage, or undefined when it is not one (damaged, another version). */
export function parseJournal(value: unknown): RotationJournal | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const text = (k: string): boolean => typeof v[k] === 'string' && (v[k] as string).length > 0;
  if (v.version !== 1 || !['setId', 'setName', 'userName', 'oldKeyId', 'at', 'startedAt'].every(text)) return undefined;
  if (!STEPS.includes(v.step as RotationStep)) return undefined;
  if (v.newKeyId !== undefined && !text('newKeyId')) return undefined;
  if (v.linkedSecret !== undefined && !SECRET_OUTCOMES.includes(v.linkedSecret as string)) return undefined;
  const keys = [
    ...['version', 'setId', 'setName', 'userName', 'oldKeyId', 'newKeyId', 'step', 'at', 'startedAt'],
    'linkedSecret',
  ];
  return Object.fromEntries(keys.filter((k) => v[k] !== undefined).map((k) => [k, v[k]])) as unknown as RotationJournal;
}

export type RecoveryKind = 'roll-back' | 'finish' | 'forget';

export interface RecoveryPlan {
  kind: RecoveryKind;
  /** One paragraph for the dialog: what was found and what the button will do. */
  message: string;
}

/** What to offer for an interrupted rotation, given the set's current username (undefined: set gone). */
export function recoveryPlan(journal: RotationJournal, setUsername: string | undefined): RecoveryPlan {
  expectObject(journal, 'recoveryPlan', 'journal');
  expectOptionalString(setUsername, 'recoveryPlan', 'setUsername');
  const when = journal.at.replace('T', ' ').slice(0, 16);
  const head = `A rotation of "${journal.setName}" (IAM user ${journal.userName}) was interrupted on ${when} UTC`;
  const beforeSwitch = journal.step === 'creating-key' || journal.step === 'key-created';
  if (beforeSwitch) {
    const key = journal.newKeyId
      ? `the new key ${journal.newKeyId}`
      : `any key created for ${journal.userName} since then`;
    return {
      kind: 'roll-back',
      message:
        `${head} before the set was updated. The new key's secret was never saved, so the rotation cannot be ` +
        `finished: Roll Back deletes ${key}; the set keeps ${journal.oldKeyId}.`,
    };
  }
  if (setUsername === journal.newKeyId) {
    const left =
      journal.step === 'set-updated'
        ? 'update the .env files and the linked secret that still hold the old key, set the old key Inactive'
        : journal.step === 'env-updated'
          ? 'update the linked secret (if the set has one), set the old key Inactive'
          : journal.step === 'secret-updated'
            ? 'set the old key Inactive'
            : 'decide what happens to the Inactive old key';
    return {
      kind: 'finish',
      message: `${head} after the set was switched to ${journal.newKeyId}. Finish will ${left} (${journal.oldKeyId}).`,
    };
  }
  return {
    kind: 'forget',
    message:
      `${head} after the switch, but the set ${setUsername === undefined ? 'is gone' : 'no longer uses the new key'}. ` +
      `Nothing is done automatically: check the keys of ${journal.userName} in the IAM console.`,
  };
}

/** The keys to delete when rolling back: the new key, or (created while it was being made) any key since. */
export async function keysToRollBack(ports: Pick<RotationPorts, 'iam'>, journal: RotationJournal): Promise<string[]> {
  expectObject(ports, 'keysToRollBack', 'ports');
  expectObject(journal, 'keysToRollBack', 'journal');
  if (journal.newKeyId) return [journal.newKeyId];
  const since = Date.parse(journal.startedAt) - CLOCK_SLACK_MS;
  const keys = await ports.iam.listAccessKeys(journal.userName);
  return keys
    .filter((k) => k.id !== journal.oldKeyId && k.created !== undefined && k.created.getTime() >= since)
    .map((k) => k.id);
}

export interface RecoveryOutcome {
  kind: RecoveryKind;
  deleted: string[];
  result?: RotationResult;
}

/** Carries the plan out. `password`: the set's current password (needed to finish only). */
export async function recover(
  ports: RotationPorts,
  journal: RotationJournal,
  setUsername: string | undefined,
  password?: string,
): Promise<RecoveryOutcome> {
  expectObject(ports, 'recover', 'ports');
  expectObject(journal, 'recover', 'journal');
  expectOptionalString(setUsername, 'recover', 'setUsername');
  expectOptionalString(password, 'recover', 'password');
  const plan = recoveryPlan(journal, setUsername);
  if (plan.kind === 'finish') {
    if (!password)
      throw new Error(`The password of "${journal.setName}" is missing, so the rotation cannot be finished.`);
    return { kind: 'finish', deleted: [], result: await finishAfterSwitch(ports, { ...journal }, password) };
  }
  const deleted: string[] = [];
  if (plan.kind === 'roll-back') {
    for (const id of await keysToRollBack(ports, journal)) {
      try {
        await ports.iam.deleteAccessKey(journal.userName, id);
      } catch (err) {
        if (!/NoSuchEntity|cannot be found|not found/i.test((err as Error).message)) throw err;
      }
      deleted.push(id);
    }
  }
  await ports.journal.clear(journal.setId);
  return { kind: plan.kind, deleted };
}

/** A line for the log: the journal entry, which holds no secret. */
export function describeJournal(journal: RotationJournal): string {
  expectObject(journal, 'describeJournal', 'journal');
  return `rotation of "${journal.setName}": user ${journal.userName}, old key ${journal.oldKeyId}, new key ${journal.newKeyId ?? '(not created yet)'}, step ${journal.step}, since ${dayOf(new Date(journal.startedAt))}`;
}

/** What offering recovery at activation needs from the editor. */
export interface RecoveryOfferPorts {
  journals(): Promise<RotationJournal[]>;
  /** The set's current username (undefined: the set is gone). */
  setUsername(journal: RotationJournal): Promise<string | undefined>;
  /** Asks the user; true: run the plan now. */
  ask(journal: RotationJournal, plan: RecoveryPlan): Promise<boolean>;
  /** Workspace trust: recovery calls IAM, which Restricted Mode does not allow. */
  trusted(): boolean;
  /** The folder is not trusted: the journal is kept and the user is told why. */
  untrusted(journal: RotationJournal): void;
  recover(journal: RotationJournal): Promise<void>;
  failed(journal: RotationJournal, err: Error): void;
}

/**
 * One question per interrupted rotation found in the journal. Nothing runs outside a trusted folder
 * (the journal stays, to be offered again once it is trusted).
 */
export async function offerRecovery(ports: RecoveryOfferPorts): Promise<void> {
  expectObject(ports, 'offerRecovery', 'ports');
  for (const journal of await ports.journals()) {
    const plan = recoveryPlan(journal, await ports.setUsername(journal));
    if (!(await ports.ask(journal, plan))) continue;
    if (!ports.trusted()) {
      ports.untrusted(journal);
      continue;
    }
    try {
      await ports.recover(journal);
    } catch (err) {
      ports.failed(journal, err as Error);
    }
  }
}
