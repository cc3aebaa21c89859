// Rotating the access key behind an SES SMTP credential set, as a state machine over injected
// ports (rotationTypes.ts): find the key's IAM user → refuse when it already has two keys (and say
// which must go) → create a key → derive the v4 password → wait until the login passes (bounded
// backoff, cancellable) → update the set (the switch) → offer the .env files → offer the linked
// Secrets Manager secret or SSM parameter (rotationSecret.ts) → set the old key Inactive → delete it
// now, later or never. Any failure before the switch deletes the new key and
// leaves everything else as it was. A journal without secrets records each step so that a closed
// window can be recovered on the next start (rotationRecovery.ts).
import { deriveSmtpPassword } from '../../../base/password';
import { secretFix, secretLabel, updateLinkedSecret } from './rotationSecret';
import {
  RotationError,
  type PasswordFor,
  type RotationInput,
  type RotationJournal,
  type RotationPorts,
  type RotationResult,
  type RotationStep,
} from './rotationTypes';
import { type AccessKeyInfo } from '../../../engines/aws/iamKeys';
import {
  expectObject,
  expectOptionalFunction,
  expectOptionalNumber,
  expectOptionalObject,
  expectOptionalString,
  expectString,
} from '../../../base/guards';

export const DEFAULT_MAX_WAIT_MS = 60_000;
export const DEFAULT_FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 10_000;

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');

export function isAbort(err: unknown, signal?: AbortSignal): boolean {
  return Boolean(signal?.aborted) || (err instanceof Error && err.name === 'AbortError');
}

/** "2026-03-01" or "never". */
export function dayOf(date: Date | undefined): string {
  expectOptionalObject(date, 'dayOf', 'date');
  return date ? date.toISOString().slice(0, 10) : 'never';
}

/** Why no new key can be made: the user has two already; the one the set does not use must go. */
export function twoKeysMessage(userName: string, setKeyId: string, other: AccessKeyInfo, lastUsed?: Date): string {
  expectString(userName, 'twoKeysMessage', 'userName');
  expectString(setKeyId, 'twoKeysMessage', 'setKeyId');
  expectObject(other, 'twoKeysMessage', 'other');
  expectOptionalObject(lastUsed, 'twoKeysMessage', 'lastUsed');
  const used = lastUsed ? `last used ${dayOf(lastUsed)}` : 'never used';
  const state =
    other.status === 'Inactive'
      ? `it is Inactive and was ${used}`
      : `it is Active and was ${used}: make sure nothing else signs in with it`;
  return (
    `The IAM user "${userName}" already has two access keys, the most IAM allows, so no new key can be created. ` +
    `${other.id} must go first because this set uses the other one (${setKeyId}); ${state}. ` +
    `Delete ${other.id} (Delete Old Key on the set, or the IAM console), then rotate again. Nothing was changed.`
  );
}

/**
 * Checks the login until it passes: pauses of firstDelay, doubling up to 10 s, for at most maxWait.
 * A failure that waiting cannot fix (not an authentication refusal) ends it at once.
 */
export async function waitForLogin(
  ports: Pick<RotationPorts, 'checkLogin' | 'sleep' | 'now' | 'progress'>,
  username: string,
  password: string,
  options: { signal?: AbortSignal; maxWaitMs?: number; firstDelayMs?: number } = {},
): Promise<number> {
  expectObject(ports, 'waitForLogin', 'ports');
  expectString(username, 'waitForLogin', 'username');
  expectString(password, 'waitForLogin', 'password');
  expectOptionalObject(options, 'waitForLogin', 'options');
  const maxWait = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  let delay = options.firstDelayMs ?? DEFAULT_FIRST_DELAY_MS;
  const start = ports.now().getTime();
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new RotationError('Cancelled.', 'key-created', false);
    const result = await ports.checkLogin(username, password, options.signal);
    if (result.ok) return attempt;
    if (!result.retry) throw new Error(`the login check with the new key failed: ${result.summary}`);
    const waited = ports.now().getTime() - start;
    if (waited + delay > maxWait)
      throw new Error(
        `the new key still failed the login check after ${attempt} attempts in ${Math.round(waited / 1000)} s ` +
          `(last: ${result.summary}); IAM keys usually work with SES within a minute, try again later`,
      );
    ports.progress?.(`New key not accepted yet (attempt ${attempt}); trying again in ${Math.ceil(delay / 1000)} s…`);
    await ports.sleep(delay, options.signal);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}

/** Deletes the new key again; returns what to add to the message. */
async function rollBack(ports: RotationPorts, journal: RotationJournal): Promise<{ ok: boolean; note: string }> {
  if (!journal.newKeyId) return { ok: true, note: '' };
  try {
    await ports.iam.deleteAccessKey(journal.userName, journal.newKeyId);
    await ports.journal.clear(journal.setId);
    return { ok: true, note: ` The new key ${journal.newKeyId} was deleted again; nothing else was changed.` };
  } catch (err) {
    // The journal stays: the next start offers the roll-back again.
    return {
      ok: false,
      note:
        ` Deleting the new key ${journal.newKeyId} failed too (${messageOf(err)}): delete it in the IAM console ` +
        `(user ${journal.userName}). The set was not changed.`,
    };
  }
}

/** Finds the IAM user and refuses when a new key cannot or should not be made. */
async function preflight(ports: RotationPorts, input: RotationInput): Promise<string> {
  const keyId = input.set.username;
  if (!/^AKIA[A-Z0-9]{16}$/.test(keyId))
    throw new RotationError(
      `The username of "${input.set.name}" (${keyId.slice(0, 24)}) is not an IAM access key id (AKIA…), so there is no key to rotate.`,
      'checks',
      false,
    );
  let userName: string;
  try {
    userName = (await ports.iam.keyOwner(keyId)).userName;
  } catch (err) {
    throw new RotationError(
      `Could not find the IAM user of the access key ${keyId}: ${messageOf(err)}. Choose AWS credentials of the ` +
        'account that owns the key, allowed iam:GetAccessKeyLastUsed. Nothing was changed.',
      'checks',
      false,
    );
  }
  let keys: AccessKeyInfo[];
  try {
    keys = await ports.iam.listAccessKeys(userName);
  } catch (err) {
    throw new RotationError(
      `Could not list the access keys of the IAM user "${userName}": ${messageOf(err)}. The AWS credentials need ` +
        'iam:ListAccessKeys, iam:CreateAccessKey, iam:UpdateAccessKey and iam:DeleteAccessKey on that user. Nothing was changed.',
      'checks',
      false,
    );
  }
  if (!keys.some((k) => k.id === keyId))
    throw new RotationError(
      `The IAM user "${userName}" does not list the key ${keyId}; it may have been deleted. Nothing was changed.`,
      'checks',
      false,
    );
  const other = keys.find((k) => k.id !== keyId);
  if (other) {
    const lastUsed = await ports.iam.keyOwner(other.id).then(
      (o) => o.lastUsed,
      () => undefined,
    );
    throw new RotationError(twoKeysMessage(userName, keyId, other, lastUsed), 'checks', false);
  }
  return userName;
}

export async function rotateCredentials(ports: RotationPorts, input: RotationInput): Promise<RotationResult> {
  expectObject(ports, 'rotateCredentials', 'ports');
  expectObject(input, 'rotateCredentials', 'input');
  const { set, signal } = input;
  if (signal?.aborted) throw new RotationError('Cancelled; nothing was changed.', 'checks', false);
  ports.progress?.(`Finding the IAM user of ${set.username}…`);
  const userName = await preflight(ports, input);
  if (signal?.aborted) throw new RotationError('Cancelled; nothing was changed.', 'checks', false);
  const startedAt = ports.now().toISOString();
  const journal: RotationJournal = {
    version: 1,
    setId: set.id,
    setName: set.name,
    userName,
    oldKeyId: set.username,
    step: 'creating-key',
    at: startedAt,
    startedAt,
  };
  const record = async (step: RotationStep, extra: Partial<RotationJournal> = {}): Promise<void> => {
    Object.assign(journal, extra, { step, at: ports.now().toISOString() });
    await ports.journal.save({ ...journal });
  };
  await record('creating-key');
  ports.progress?.(`Creating a new access key for ${userName}…`);
  let created: { id: string; secret: string };
  try {
    created = await ports.iam.createAccessKey(userName);
  } catch (err) {
    await ports.journal.clear(set.id);
    throw new RotationError(
      `Creating a new access key failed: ${messageOf(err)}. Nothing was changed.`,
      'creating-key',
      true,
    );
  }
  let attempts: number;
  let password: string;
  let passwordFor: PasswordFor;
  try {
    await record('key-created', { newKeyId: created.id });
    password = deriveSmtpPassword(created.secret, set.region);
    passwordFor = (region) => deriveSmtpPassword(created.secret, region);
    ports.progress?.(`Checking the login with the new key ${created.id}…`);
    attempts = await waitForLogin(ports, created.id, password, input);
    await ports.updateSet(created.id, password, passwordFor);
  } catch (err) {
    const cancelled = isAbort(err, signal) || (err instanceof RotationError && err.message === 'Cancelled.');
    const back = await rollBack(ports, journal);
    const why = cancelled ? 'Cancelled.' : `Rotation stopped: ${messageOf(err)}.`;
    throw new RotationError(`${why}${back.note}`, journal.step, back.ok);
  }
  await record('set-updated');
  return finishAfterSwitch(ports, journal, password, attempts, passwordFor, created.secret);
}

/**
 * The steps after the switch (also used to finish an interrupted rotation): the .env files, the
 * linked secret, the old key set Inactive, then deleted now or remembered. A failure here leaves the
 * set on the new key and says what is left to do. `passwordFor` and `secretAccessKey` hold the new
 * key's secret (a fresh rotation only): used now, never stored.
 */
export async function finishAfterSwitch(
  ports: RotationPorts,
  journal: RotationJournal,
  password: string,
  attempts = 0,
  passwordFor?: PasswordFor,
  secretAccessKey?: string,
): Promise<RotationResult> {
  expectObject(ports, 'finishAfterSwitch', 'ports');
  expectObject(journal, 'finishAfterSwitch', 'journal');
  expectString(password, 'finishAfterSwitch', 'password');
  expectOptionalNumber(attempts, 'finishAfterSwitch', 'attempts');
  expectOptionalFunction(passwordFor, 'finishAfterSwitch', 'passwordFor');
  expectOptionalString(secretAccessKey, 'finishAfterSwitch', 'secretAccessKey');
  const newKeyId = journal.newKeyId!;
  const save = async (step: RotationStep, extra: Partial<RotationJournal> = {}): Promise<void> => {
    Object.assign(journal, extra, { step, at: ports.now().toISOString() });
    await ports.journal.save({ ...journal });
  };
  let envFiles: string[] = [];
  let envFilesSkipped: string[] = [];
  if (journal.step === 'set-updated') {
    try {
      const changes = await ports.planEnv(journal.oldKeyId, newKeyId, password, passwordFor);
      if (changes.length && (await ports.confirmEnv(changes))) envFiles = await ports.applyEnv(changes);
      else envFilesSkipped = changes.map((c) => c.file);
    } catch (err) {
      await ports.rememberOldKey(journal.userName, journal.oldKeyId);
      await ports.journal.clear(journal.setId);
      throw new RotationError(
        `The set "${journal.setName}" now uses the new key ${newKeyId}, but updating the .env files failed: ` +
          `${messageOf(err)}. The old key ${journal.oldKeyId} is still Active: fix the files, then use Delete Old Key.`,
        'set-updated',
        false,
      );
    }
    await save('env-updated');
  }
  let linkedSecret: RotationResult['linkedSecret'];
  if (journal.step === 'env-updated') {
    const link = ports.secret?.link;
    try {
      const change = { oldUsername: journal.oldKeyId, newUsername: newKeyId, password, passwordFor, secretAccessKey };
      const outcome = await updateLinkedSecret(ports, change);
      if (link && outcome) linkedSecret = { service: link.service, name: link.name, arn: link.arn, outcome };
      await save('secret-updated', { linkedSecret: outcome ?? 'none' });
    } catch (err) {
      await ports.rememberOldKey(journal.userName, journal.oldKeyId);
      await ports.journal.clear(journal.setId);
      const files = envFiles.length ? ` ${envFiles.length} .env file(s) were updated.` : '';
      throw new RotationError(
        `The set "${journal.setName}" now uses the new key ${newKeyId}, but updating ${secretLabel(link!)} failed: ` +
          `${messageOf(err)}.${files} The old key ${journal.oldKeyId} is still Active: ${secretFix(link!)}, ` +
          'then use Delete Old Key.',
        'env-updated',
        false,
      );
    }
  }
  if (journal.step === 'secret-updated') {
    try {
      await ports.iam.updateAccessKey(journal.userName, journal.oldKeyId, 'Inactive');
    } catch (err) {
      await ports.rememberOldKey(journal.userName, journal.oldKeyId);
      await ports.journal.clear(journal.setId);
      throw new RotationError(
        `The set "${journal.setName}" now uses the new key ${newKeyId}, but setting the old key ${journal.oldKeyId} ` +
          `Inactive failed: ${messageOf(err)}. It is still Active: use Delete Old Key once the cause is fixed.`,
        'secret-updated',
        false,
      );
    }
    await save('old-key-inactive');
  }
  let oldKey: RotationResult['oldKey'] = 'inactive';
  const action = await ports.chooseOldKeyAction(journal.oldKeyId);
  if (action === 'now') {
    try {
      await ports.iam.deleteAccessKey(journal.userName, journal.oldKeyId);
      oldKey = 'deleted';
    } catch (err) {
      await ports.rememberOldKey(journal.userName, journal.oldKeyId);
      ports.progress?.(`Deleting the old key failed (${messageOf(err)}); it stays Inactive.`);
    }
  } else if (action === 'later') await ports.rememberOldKey(journal.userName, journal.oldKeyId);
  await ports.journal.clear(journal.setId);
  return {
    userName: journal.userName,
    oldKeyId: journal.oldKeyId,
    newKeyId,
    loginAttempts: attempts,
    envFiles,
    envFilesSkipped,
    ...(linkedSecret ? { linkedSecret } : {}),
    oldKey,
  };
}
