// Fakes for the rotation ports (src/features/credentials/logic/rotationTypes.ts): an in-memory IAM, a login
// check answering from a script, a clock that sleeping moves forward, and recorders of every call.
import type {
  EnvFileChange,
  JournalStore,
  LoginAttempt,
  OldKeyAction,
  RotationJournal,
  RotationPorts,
  SecretRead,
} from '../../../../../src/features/credentials/logic/rotationTypes';
import type { AccessKeyInfo, RotationIam } from '../../../../../src/engines/aws/iamKeys';
import type { LinkedSecret } from '../../../../../src/base/credentialSets';

export const OLD_KEY = 'AKIAOLDKEY0000000001';
export const USER = 'ses-smtp-user.app';

export class FakeIam implements RotationIam {
  keys = new Map<string, Array<AccessKeyInfo & { secret: string; lastUsed?: Date }>>();
  calls: string[] = [];
  fail: Partial<Record<'keyOwner' | 'list' | 'create' | 'update' | 'delete', Error>> = {};
  private n = 0;

  constructor(now: () => Date) {
    this.now = now;
    this.keys.set(USER, [
      {
        id: OLD_KEY,
        status: 'Active',
        created: new Date('2025-01-01T00:00:00Z'),
        secret: 'oldSecretKeyForTheFakeIam0123456789abcd',
      },
    ]);
  }
  private readonly now: () => Date;

  async keyOwner(id: string) {
    this.calls.push(`keyOwner ${id}`);
    if (this.fail.keyOwner) throw this.fail.keyOwner;
    for (const [userName, keys] of this.keys) {
      const k = keys.find((x) => x.id === id);
      if (k) return { userName, lastUsed: k.lastUsed };
    }
    throw new Error(`NoSuchEntity: The Access Key with id ${id} cannot be found`);
  }
  async listAccessKeys(userName: string) {
    this.calls.push(`list ${userName}`);
    if (this.fail.list) throw this.fail.list;
    return (this.keys.get(userName) ?? []).map(({ id, status, created }) => ({ id, status, created }));
  }
  async createAccessKey(userName: string) {
    this.calls.push(`create ${userName}`);
    if (this.fail.create) throw this.fail.create;
    const id = `AKIANEWKEY${String(++this.n).padStart(10, '0')}`;
    const secret = `newSecretKey${this.n}`.padEnd(40, 'x');
    this.keys.get(userName)!.push({ id, status: 'Active', created: this.now(), secret });
    return { id, secret };
  }
  async updateAccessKey(userName: string, id: string, status: 'Active' | 'Inactive') {
    this.calls.push(`update ${id} ${status}`);
    if (this.fail.update) throw this.fail.update;
    this.keys.get(userName)!.find((k) => k.id === id)!.status = status;
  }
  async deleteAccessKey(userName: string, id: string) {
    this.calls.push(`delete ${id}`);
    if (this.fail.delete) throw this.fail.delete;
    const keys = this.keys.get(userName)!;
    const i = keys.findIndex((k) => k.id === id);
    if (i < 0) throw new Error(`NoSuchEntity: The Access Key with id ${id} cannot be found`);
    keys.splice(i, 1);
  }
  ids(): string[] {
    return (this.keys.get(USER) ?? []).map((k) => `${k.id}:${k.status}`);
  }
}

export class MemoryJournal implements JournalStore {
  entries = new Map<string, RotationJournal>();
  saved: RotationJournal[] = [];
  async load() {
    return [...this.entries.values()];
  }
  async save(entry: RotationJournal) {
    this.saved.push({ ...entry });
    this.entries.set(entry.setId, { ...entry });
  }
  async clear(setId: string) {
    this.entries.delete(setId);
  }
}

export interface Harness {
  ports: RotationPorts;
  iam: FakeIam;
  journal: MemoryJournal;
  set: { username?: string; password?: string };
  passwordFor?: (region: string) => string;
  envPasswordFor?: (region: string) => string;
  sleeps: number[];
  logins: string[];
  envConfirmed: EnvFileChange[][];
  envApplied: EnvFileChange[][];
  remembered: string[];
  progress: string[];
  /** The linked secret's calls (confirm, read, write) and its value now. */
  secretCalls: string[];
  secretValue?: string;
  secretWrites: Array<{ value: string; read: SecretRead }>;
}

/** A linked secret held in memory: its value, what a read returns besides, and the failures to simulate. */
export interface FakeSecret {
  link: LinkedSecret;
  value: string;
  setRegion?: string;
  confirm?: boolean;
  type?: string;
  kmsKeyId?: string;
  readError?: Error;
  writeError?: Error;
}

export function harness(
  options: {
    logins?: LoginAttempt[];
    env?: EnvFileChange[];
    confirmEnv?: boolean;
    oldKeyAction?: OldKeyAction;
    applyEnvError?: Error;
    updateSetError?: Error;
    onSleep?: () => void;
    secret?: FakeSecret;
  } = {},
): Harness {
  let clock = Date.parse('2026-06-01T12:00:00Z');
  const now = (): Date => new Date(clock);
  const iam = new FakeIam(now);
  const journal = new MemoryJournal();
  const h = {
    iam,
    journal,
    set: {},
    sleeps: [],
    logins: [],
    envConfirmed: [],
    envApplied: [],
    remembered: [],
    progress: [],
    secretCalls: [],
    secretWrites: [],
    secretValue: options.secret?.value,
  } as unknown as Harness;
  const fake = options.secret;
  const script = [...(options.logins ?? [{ ok: true }])];
  const ports: RotationPorts = {
    iam,
    secret: fake && {
      link: fake.link,
      setRegion: fake.setRegion ?? 'eu-west-1',
      async confirm() {
        h.secretCalls.push('confirm');
        return fake.confirm ?? true;
      },
      async read() {
        h.secretCalls.push('read');
        if (fake.readError) throw fake.readError;
        return { value: h.secretValue!, type: fake.type, kmsKeyId: fake.kmsKeyId };
      },
      async write(value, read) {
        h.secretCalls.push('write');
        if (fake.writeError) throw fake.writeError;
        h.secretWrites.push({ value, read });
        h.secretValue = value;
      },
    },
    async checkLogin(username, password) {
      h.logins.push(`${username}:${password.length}`);
      return script.length > 1 ? script.shift()! : script[0];
    },
    async updateSet(username, password, passwordFor) {
      if (options.updateSetError) throw options.updateSetError;
      h.set = { username, password };
      h.passwordFor = passwordFor;
    },
    async planEnv(_old, _new, _password, passwordFor) {
      h.envPasswordFor = passwordFor;
      return options.env ?? [];
    },
    async confirmEnv(changes) {
      h.envConfirmed.push(changes);
      return options.confirmEnv ?? true;
    },
    async applyEnv(changes) {
      if (options.applyEnvError) throw options.applyEnvError;
      h.envApplied.push(changes);
      return changes.map((c) => c.file);
    },
    async chooseOldKeyAction() {
      return options.oldKeyAction ?? 'later';
    },
    async rememberOldKey(userName, keyId) {
      h.remembered.push(`${userName}/${keyId}`);
    },
    journal,
    async sleep(ms, signal) {
      h.sleeps.push(ms);
      options.onSleep?.();
      if (signal?.aborted) throw Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
      clock += ms;
    },
    now,
    progress: (m) => h.progress.push(m),
  };
  h.ports = ports;
  return h;
}
