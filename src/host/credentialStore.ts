// Credential sets in SecretStorage: the index (no passwords) under one key, each password under
// its own key. secrets.onDidChange keeps every window in sync.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import {
  MAX_SETS,
  parseCredentialIndex,
  type CredentialSet,
  type CredentialSetInput,
  type LastCheck,
  type LinkedSecret,
} from '../base/credentialSets';
import { UserError } from './util';
import type { FeatureCalls } from './calls';

const INDEX_KEY = 'sesSmtpToolkit.credentialSets.v1';
const passwordKey = (id: string): string => `sesSmtpToolkit.password.${id}`;

export class CredentialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** Serialises writes of the index so two quick edits cannot lose one another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === INDEX_KEY || e.key.startsWith('sesSmtpToolkit.password.')) this.changed.fire();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  async list(): Promise<CredentialSet[]> {
    return parseCredentialIndex(await this.secrets.get(INDEX_KEY));
  }

  async get(idOrName: string): Promise<CredentialSet | undefined> {
    const sets = await this.list();
    return sets.find((s) => s.id === idOrName) ?? sets.find((s) => s.name === idOrName);
  }

  async getPassword(id: string): Promise<string | undefined> {
    return this.secrets.get(passwordKey(id));
  }

  /** The set's password, or an error that says what to do when the secret storage lost it. */
  async requirePassword(set: { id: string; name: string }): Promise<string> {
    const password = await this.getPassword(set.id);
    if (!password)
      throw new UserError(
        vscode.l10n.t(
          'The password of "{0}" is missing from the secret storage. Delete the set and add it again.',
          set.name,
        ),
      );
    return password;
  }

  async add(input: CredentialSetInput, password: string): Promise<CredentialSet> {
    return this.update(async (sets) => {
      if (sets.length >= MAX_SETS)
        throw new Error(vscode.l10n.t('There are already {0} credential sets; delete some first.', MAX_SETS));
      const set: CredentialSet = { ...input, id: randomUUID(), name: uniqueName(input.name, sets) };
      await this.secrets.store(passwordKey(set.id), password);
      sets.push(set);
      return set;
    });
  }

  async rename(id: string, name: string): Promise<CredentialSet> {
    return this.update(async (sets) => {
      const set = sets.find((s) => s.id === id);
      if (!set) throw new Error(vscode.l10n.t('That credential set no longer exists.'));
      set.name = uniqueName(
        name,
        sets.filter((s) => s.id !== id),
      );
      return set;
    });
  }

  /**
   * Edit Credential Set: the endpoint and From of `input` (name and username stay); the password
   * only when one is given (derived again for a new region). A changed endpoint forgets the last check.
   */
  async edit(id: string, input: CredentialSetInput, password?: string): Promise<CredentialSet> {
    return this.update(async (sets) => {
      const set = sets.find((s) => s.id === id);
      if (!set) throw new Error(vscode.l10n.t('That credential set no longer exists.'));
      const endpointChanged =
        set.host !== input.host || set.port !== input.port || set.tls !== input.tls || set.region !== input.region;
      if (password !== undefined) await this.secrets.store(passwordKey(id), password);
      for (const key of ['region', 'host', 'from', 'certificateSha256'] as const) {
        if (input[key] === undefined) delete set[key];
        else set[key] = input[key];
      }
      set.port = input.port;
      set.tls = input.tls;
      if (endpointChanged || password !== undefined) delete set.lastCheck;
      return set;
    });
  }

  /** Pins the certificate with this SHA-256 fingerprint for the set, or (undefined) trusts only what verifies. */
  async pinCertificate(id: string, sha256: string | undefined): Promise<CredentialSet> {
    return this.update(async (sets) => {
      const set = sets.find((s) => s.id === id);
      if (!set) throw new Error(vscode.l10n.t('That credential set no longer exists.'));
      if (sha256) set.certificateSha256 = sha256;
      else delete set.certificateSha256;
      // The old "accept any certificate" mark is answered either way: a pin, or verification as usual.
      delete set.legacyUntrustedCertificate;
      return set;
    });
  }

  /** Records (or, with undefined, forgets) the secret that holds this set's credentials. */
  async linkSecret(id: string, link: LinkedSecret | undefined): Promise<CredentialSet> {
    return this.update(async (sets) => {
      const set = sets.find((s) => s.id === id);
      if (!set) throw new Error('That credential set no longer exists.');
      if (link) set.linkedSecret = link;
      else delete set.linkedSecret;
      return set;
    });
  }

  async recordCheck(id: string, lastCheck: LastCheck): Promise<void> {
    await this.update(async (sets) => {
      const set = sets.find((s) => s.id === id);
      if (set) set.lastCheck = lastCheck;
    });
  }

  /** A rotation's switch: the set's new access key id and password (index and password together). */
  async replaceKey(id: string, username: string, password: string, lastCheck?: LastCheck): Promise<CredentialSet> {
    return this.update(async (sets) => {
      const set = sets.find((s) => s.id === id);
      if (!set) throw new Error('That credential set no longer exists.');
      await this.secrets.store(passwordKey(id), password);
      set.username = username;
      if (lastCheck) set.lastCheck = lastCheck;
      else delete set.lastCheck;
      return set;
    });
  }

  async remove(id: string): Promise<void> {
    await this.update(async (sets) => {
      const i = sets.findIndex((s) => s.id === id);
      if (i >= 0) sets.splice(i, 1);
      await this.secrets.delete(passwordKey(id));
    });
  }

  async forgetAll(): Promise<number> {
    return this.update(async (sets) => {
      const n = sets.length;
      for (const s of sets) await this.secrets.delete(passwordKey(s.id));
      sets.length = 0;
      return n;
    });
  }

  private update<T>(change: (sets: CredentialSet[]) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const sets = await this.list();
      const result = await change(sets);
      await this.secrets.store(INDEX_KEY, JSON.stringify(sets));
      // secrets.onDidChange tells other windows; this window is told at once, whatever the host does.
      this.changed.fire();
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function uniqueName(name: string, sets: readonly CredentialSet[]): string {
  const base = name.trim();
  if (!sets.some((s) => s.name === base)) return base;
  for (let i = 2; ; i++) if (!sets.some((s) => s.name === `${base} (${i})`)) return `${base} (${i})`;
}

/** Finds the set named by a view item, an id/name argument, or asks. */
export async function resolveCredentialSet(
  store: CredentialStore,
  args: unknown,
  title: string,
  calls?: FeatureCalls,
): Promise<CredentialSet | undefined> {
  const node = args as { set?: CredentialSet; credentialSet?: unknown } | undefined;
  if (node?.set?.id) return store.get(node.set.id);
  if (node && node.credentialSet !== undefined) {
    if (typeof node.credentialSet !== 'string')
      throw new UserError(vscode.l10n.t('Argument "credentialSet" must be the id or name of a credential set.'));
    const set = await store.get(node.credentialSet);
    if (!set)
      throw new UserError(
        vscode.l10n.t(
          'No credential set is named "{0}". Add it in the SMTP Credentials view first.',
          node.credentialSet.slice(0, 80),
        ),
      );
    return set;
  }
  const sets = await store.list();
  if (sets.length === 0) {
    const add = vscode.l10n.t('Add Credentials…');
    const offer = calls ? [add] : [];
    const none = vscode.l10n.t('No SMTP credentials are saved yet.');
    if ((await vscode.window.showInformationMessage(none, ...offer)) === add) {
      await calls?.addCredentials().catch(() => undefined); // it reports its own errors
    }
    return undefined;
  }
  if (sets.length === 1) return sets[0];
  const picked = await vscode.window.showQuickPick(
    sets.map((s) => ({ label: s.name, description: `${s.username} · ${s.host ?? s.region}`, set: s })),
    { title, placeHolder: vscode.l10n.t('Credential set') },
  );
  return picked?.set;
}
