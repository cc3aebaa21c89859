// The ports and records of a credential rotation (rotation.ts). Plain types: the feature layer
// fills the ports with IAM (src/engines/aws/iamKeys.ts), the login check, the secret storage, the
// workspace's .env files and globalState; the unit tests fill them with fakes.
import type { LinkedSecret } from '../../../base/credentialSets';
import type { RotationIam } from '../../../engines/aws/iamKeys';

/** The outcome of one login attempt; `retry`: the failure may pass once the key has propagated. */
export type LoginAttempt = { ok: true } | { ok: false; retry: boolean; summary: string };

/** Where a rotation got to. Before 'set-updated' the saved set still holds the old key. */
export type RotationStep =
  'creating-key' | 'key-created' | 'set-updated' | 'env-updated' | 'secret-updated' | 'old-key-inactive';

/** What became of the linked secret: written with the new key, or left as it was because the user said no. */
export type SecretOutcome = 'updated' | 'declined';

/** What the journal holds: no secret, only ids, names, the step and the time. */
export interface RotationJournal {
  version: 1;
  setId: string;
  setName: string;
  userName: string;
  oldKeyId: string;
  newKeyId?: string;
  step: RotationStep;
  /** ISO time of the last step. */
  at: string;
  /** ISO time the rotation started (a key created since then belongs to it). */
  startedAt: string;
  /** From 'secret-updated' on: what became of the linked secret ('none': the set has none). */
  linkedSecret?: SecretOutcome | 'none';
}

export interface JournalStore {
  load(): Promise<RotationJournal[]>;
  save(entry: RotationJournal): Promise<void>;
  clear(setId: string): Promise<void>;
}

/** One .env file whose SMTP block holds the old username, with its text before and after. */
export interface EnvFileChange {
  file: string;
  before: string;
  after: string;
}

export type OldKeyAction = 'now' | 'later' | 'never';

/** The new key's v4 SMTP password for a region. */
export type PasswordFor = (region: string) => string;

/** A secret's value as read for the update; `type`/`kmsKeyId` (SSM) are written back as they were. */
export interface SecretRead {
  value: string;
  type?: string;
  kmsKeyId?: string;
}

/** The Secrets Manager secret or SSM parameter linked to the set. */
export interface LinkedSecretPort {
  /** Where it is and its JSON key names; no value. */
  link: LinkedSecret;
  /** The set's SES region (the region of the password given to the rotation). */
  setRegion?: string;
  /** Whether to write the new key into it (asked, or given). */
  confirm(): Promise<boolean>;
  read(): Promise<SecretRead>;
  /** Writes the new value (sent to AWS only, never logged), keeping what `read` returned about it. */
  write(value: string, read: SecretRead): Promise<void>;
}

export interface RotationPorts {
  iam: RotationIam;
  /** The secret linked to the set; absent when it has none. */
  secret?: LinkedSecretPort;
  checkLogin(username: string, password: string, signal?: AbortSignal): Promise<LoginAttempt>;
  /**
   * Saves the new username and password in the set (the switch). `passwordFor` derives the new key's
   * password for another region (other sets made from the same key); it holds the secret, use it now.
   */
  updateSet(username: string, password: string, passwordFor: PasswordFor): Promise<void>;
  /**
   * The .env files that hold the old username, rewritten for the new key (nothing written yet). Without
   * `passwordFor` (a recovered rotation: the secret is gone) blocks of another region are left alone.
   */
  planEnv(
    oldUsername: string,
    newUsername: string,
    newPassword: string,
    passwordFor?: PasswordFor,
  ): Promise<EnvFileChange[]>;
  /** Whether to write the planned changes (the user sees one combined, redacted diff). */
  confirmEnv(changes: EnvFileChange[]): Promise<boolean>;
  /** Writes the changes; returns the files written. */
  applyEnv(changes: EnvFileChange[]): Promise<string[]>;
  /** What to do with the old key once it is Inactive. */
  chooseOldKeyAction(oldKeyId: string): Promise<OldKeyAction>;
  /** Remembers a key left Inactive for "Delete Old Key". */
  rememberOldKey(userName: string, oldKeyId: string): Promise<void>;
  journal: JournalStore;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): Date;
  progress?(message: string): void;
}

export interface RotationInput {
  set: { id: string; name: string; username: string; region: string };
  signal?: AbortSignal;
  /** Longest wait for the new key to pass the login check (default 60 s). */
  maxWaitMs?: number;
  /** First pause between login attempts (doubles, at most 10 s; default 1 s). */
  firstDelayMs?: number;
}

export interface RotationResult {
  userName: string;
  oldKeyId: string;
  newKeyId: string;
  loginAttempts: number;
  envFiles: string[];
  /** .env files that hold the old username but were left as they were. */
  envFilesSkipped: string[];
  /** The linked secret and what became of it; absent when the set has none (or a resumed rotation had passed it). */
  linkedSecret?: Pick<LinkedSecret, 'service' | 'name' | 'arn'> & { outcome: SecretOutcome };
  oldKey: 'deleted' | 'inactive';
}

export class RotationError extends Error {
  constructor(
    message: string,
    /** The step reached when it failed. */
    readonly step: RotationStep | 'checks',
    /** Whether the new key (if any) was deleted again; the set was not changed when true. */
    readonly rolledBack: boolean,
  ) {
    super(message);
  }
}
