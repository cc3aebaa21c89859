// Rotate SMTP Credentials against real peers on 127.0.0.1: the AWS API peer for IAM (users, keys) and
// the SES-like SMTP server, which learns each key IAM creates (after a propagation delay, so the
// login retry is exercised), refuses Inactive keys and forgets deleted ones, as SES does.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { iamKeyPort, type RotationIam } from '../../../../../src/engines/aws/iamKeys';
import { rotateCredentials } from '../../../../../src/features/credentials/logic/rotation';
import { parseJournal, recover, recoveryPlan } from '../../../../../src/features/credentials/logic/rotationRecovery';
import { rotateEnvText } from '../../../../../src/features/credentials/logic/rotationEnv';
import {
  RotationError,
  type EnvFileChange,
  type JournalStore,
  type RotationJournal,
  type RotationPorts,
} from '../../../../../src/features/credentials/logic/rotationTypes';
import { writeFileAtomic } from '../../../../../src/engines/envfile/fsAtomic';
import { checkSmtpLogin } from '../../../../../src/engines/smtp/session';
import { deriveSmtpPassword } from '../../../../../src/base/password';
import { startAwsPeer, type AwsPeer } from '../../../../support/awsPeer';
import { startSesSmtpServer, type SesServer } from '../../../../support/sesSmtpServer';

const REGION = 'eu-west-1';

/** A journal kept in a file, read afresh each time (as globalState survives a closed window). */
function fileJournal(file: string): JournalStore {
  const read = (): Record<string, RotationJournal> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return {};
    }
  };
  return {
    load: async () => Object.values(read()).flatMap((j) => parseJournal(j) ?? []),
    save: async (e) => writeFileSync(file, JSON.stringify({ ...read(), [e.setId]: e })),
    clear: async (id) => {
      const all = read();
      delete all[id];
      writeFileSync(file, JSON.stringify(all));
    },
  };
}

describe('Rotate SMTP Credentials (AWS API peer IAM + SES-like SMTP server on 127.0.0.1)', () => {
  let awsPeer: AwsPeer;
  let iam: IAMClient;
  let smtp: SesServer;
  let dir: string;
  let n = 0;

  before(async () => {
    awsPeer = await startAwsPeer();
    iam = new IAMClient({ region: 'us-east-1', endpoint: awsPeer.endpoint, credentials: awsPeer.credentials });
    smtp = await startSesSmtpServer({ region: REGION, tls: 'starttls', users: [] });
    dir = mkdtempSync(path.join(tmpdir(), 'rotation-'));
  });
  after(async () => {
    iam?.destroy();
    await smtp?.stop();
    await awsPeer?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const login = (username: string, password: string) =>
    checkSmtpLogin({ host: smtp.host, port: smtp.port, tls: 'starttls', username, password, ca: smtp.ca });

  /** An IAM user with one key that SES knows, a saved set, and a .env file holding it. */
  async function setup(learn: { activeAfterMs: number } | 'never') {
    const userName = `ses-smtp-user.rotation-${++n}`;
    await iam.send(new CreateUserCommand({ UserName: userName }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
    smtp.addUser({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey!, userName });
    const password = deriveSmtpPassword(key.SecretAccessKey!, REGION);
    const envFile = path.join(dir, `.env.${n}`);
    const envText = `# app\nSMTP_HOST=email-smtp.${REGION}.amazonaws.com\nSMTP_PORT=587\nSMTP_USER=${key.AccessKeyId}\nSMTP_PASSWORD='${password}'\n`;
    writeFileSync(envFile, envText);
    const set = { id: `set-${n}`, name: `prod ${n}`, username: key.AccessKeyId!, region: REGION, password };
    const created: Array<{ id: string; secret: string }> = [];
    // IAM as the extension calls it; SES learns each new key as it is created (a real SES would).
    const real = iamKeyPort(iam);
    const bridged: RotationIam = {
      ...real,
      async createAccessKey(user) {
        const k = await real.createAccessKey(user);
        created.push(k);
        if (learn !== 'never') smtp.addUser({ accessKeyId: k.id, secretAccessKey: k.secret, userName: user }, learn);
        return k;
      },
      async updateAccessKey(user, id, status) {
        await real.updateAccessKey(user, id, status);
        smtp.setKeyStatus(id, status);
      },
      async deleteAccessKey(user, id) {
        await real.deleteAccessKey(user, id);
        smtp.removeUser(id);
      },
    };
    const journalFile = path.join(dir, `journal.${n}.json`);
    const ports: RotationPorts = {
      iam: bridged,
      checkLogin: async (u, p, signal) => {
        const r = await checkSmtpLogin({
          host: smtp.host,
          port: smtp.port,
          tls: 'starttls',
          username: u,
          password: p,
          ca: smtp.ca,
          signal,
        });
        return r.ok
          ? { ok: true }
          : { ok: false, retry: r.failure?.code === 'AUTH_FAILED', summary: r.failure?.message ?? 'failed' };
      },
      updateSet: async (u, p) => {
        set.username = u;
        set.password = p;
      },
      planEnv: async (oldUser, newUser, newPassword) => {
        const before = await readFile(envFile, 'utf8');
        const r = rotateEnvText(before, oldUser, newUser, newPassword);
        return r.after ? [{ file: envFile, before, after: r.after }] : [];
      },
      confirmEnv: async (changes: EnvFileChange[]) => changes.length === 1,
      applyEnv: async (changes) => {
        for (const c of changes) await writeFileAtomic(c.file, c.after);
        return changes.map((c) => c.file);
      },
      chooseOldKeyAction: async () => 'later',
      rememberOldKey: async () => undefined,
      journal: fileJournal(journalFile),
      sleep: (ms, signal) =>
        new Promise((resolve, reject) => {
          const t = setTimeout(resolve, ms);
          signal?.addEventListener('abort', () => {
            clearTimeout(t);
            reject(Object.assign(new Error('Cancelled.'), { name: 'AbortError' }));
          });
        }),
      now: () => new Date(),
    };
    const keys = async () =>
      ((await iam.send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata ?? []).map(
        (k) => `${k.AccessKeyId}:${k.Status}`,
      );
    return { userName, oldKey: key.AccessKeyId!, password, envFile, envText, set, ports, created, keys, journalFile };
  }

  test('succeeds end to end: old key Inactive, .env and set updated, only the new key logs in', async () => {
    const s = await setup({ activeAfterMs: 1500 });
    const result = await rotateCredentials(s.ports, {
      set: { id: s.set.id, name: s.set.name, username: s.oldKey, region: REGION },
      firstDelayMs: 500,
      maxWaitMs: 30_000,
    });
    const newKey = s.created[0];
    assert.equal(result.newKeyId, newKey.id);
    assert.ok(result.loginAttempts > 1, 'the first login came before the key had propagated');
    assert.deepEqual((await s.keys()).sort(), [`${s.oldKey}:Inactive`, `${newKey.id}:Active`].sort());
    const newPassword = deriveSmtpPassword(newKey.secret, REGION);
    assert.deepEqual([s.set.username, s.set.password], [newKey.id, newPassword]);
    assert.equal(
      readFileSync(s.envFile, 'utf8'),
      s.envText.replace(s.oldKey, newKey.id).replace(s.password, newPassword),
      'only the username and password changed, in their quoting',
    );
    assert.equal((await login(newKey.id, newPassword)).ok, true, 'the new key logs in');
    const old = await login(s.oldKey, s.password);
    assert.equal(old.ok, false, 'the Inactive old key is refused');
    assert.equal(old.failure?.code, 'AUTH_FAILED');
    assert.deepEqual(await s.ports.journal.load(), [], 'the journal is cleared');
  });

  test('fails at the login check: rolled back to one Active key, set and .env unchanged', async () => {
    const s = await setup('never');
    await assert.rejects(
      rotateCredentials(s.ports, {
        set: { id: s.set.id, name: s.set.name, username: s.oldKey, region: REGION },
        firstDelayMs: 300,
        maxWaitMs: 1500,
      }),
      (err: unknown) =>
        err instanceof RotationError &&
        err.rolledBack &&
        /still failed the login check after \d+ attempts/.test(err.message) &&
        err.message.includes(`The new key ${s.created[0].id} was deleted again`),
    );
    assert.deepEqual(await s.keys(), [`${s.oldKey}:Active`]);
    assert.deepEqual([s.set.username, s.set.password], [s.oldKey, s.password]);
    assert.equal(readFileSync(s.envFile, 'utf8'), s.envText);
    assert.equal((await login(s.oldKey, s.password)).ok, true, 'the old key still works');
    assert.deepEqual(await s.ports.journal.load(), []);
  });

  test('interrupted after the key was created: the next start finds the journal and rolls back', async () => {
    const s = await setup({ activeAfterMs: 0 });
    // The window closes while the new key is being checked: the check never answers.
    const running = rotateCredentials(
      { ...s.ports, checkLogin: () => new Promise(() => undefined) },
      { set: { id: s.set.id, name: s.set.name, username: s.oldKey, region: REGION } },
    );
    void running.catch(() => undefined);
    const journal = fileJournal(s.journalFile);
    for (let i = 0; i < 200 && !(await journal.load()).some((j) => j.step === 'key-created'); i++)
      await new Promise((r) => setTimeout(r, 50));
    assert.equal((await s.keys()).length, 2);
    const stored = readFileSync(s.journalFile, 'utf8');
    assert.ok(!stored.includes(s.created[0].secret), 'the journal holds no secret key');
    assert.ok(!stored.includes(deriveSmtpPassword(s.created[0].secret, REGION)), 'nor the SMTP password');

    // The next start: only the journal file and IAM are left.
    const [found] = await journal.load();
    assert.equal(found.newKeyId, s.created[0].id);
    assert.equal(recoveryPlan(found, s.set.username).kind, 'roll-back');
    const out = await recover({ ...s.ports, journal }, found, s.set.username);
    assert.deepEqual(out.deleted, [s.created[0].id]);
    assert.deepEqual(await s.keys(), [`${s.oldKey}:Active`]);
    assert.deepEqual(await journal.load(), []);
    assert.equal(s.set.username, s.oldKey);
    assert.equal(readFileSync(s.envFile, 'utf8'), s.envText);
  });

  test('two keys already: stopped before any change, naming the key that must go', async () => {
    const s = await setup({ activeAfterMs: 0 });
    const other = (await iam.send(new CreateAccessKeyCommand({ UserName: s.userName }))).AccessKey!.AccessKeyId!;
    await assert.rejects(
      rotateCredentials(s.ports, { set: { id: s.set.id, name: s.set.name, username: s.oldKey, region: REGION } }),
      new RegExp(`${other} must go first because this set uses the other one \\(${s.oldKey}\\); it is Active`),
    );
    assert.equal((await s.keys()).length, 2);
    assert.deepEqual(s.created, []);
  });
});
