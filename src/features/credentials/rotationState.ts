// What rotations keep in globalState, none of it secret: the journal of a rotation under way, the
// old keys left for "Delete Old Key", and the AWS profile last used for each set with its endpoint
// setting (so the view can fetch key ages). The new key's secret is never here; the leak sweep checks this state.
import type * as vscode from 'vscode';
import type { JournalStore, RotationJournal } from './logic/rotationTypes';

export const JOURNAL_KEY = 'sesSmtpToolkit.rotation.journal.v1';
const OLD_KEYS_KEY = 'sesSmtpToolkit.rotation.oldKeys.v1';
const PROFILES_KEY = 'sesSmtpToolkit.rotation.profiles.v1';

export interface OldKey {
  userName: string;
  keyId: string;
  /** ISO time it was left behind. */
  at: string;
}

/** undefined: never chosen; null: the default credential chain. */
export type RememberedProfile = string | null | undefined;

export class RotationState {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly memento: vscode.Memento) {}

  private record<T>(key: string): Record<string, T> {
    const value = this.memento.get<unknown>(key);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? { ...(value as Record<string, T>) }
      : {};
  }

  /** Serialised read-modify-write of one key. */
  private change<T>(key: string, edit: (current: Record<string, T>) => void): Promise<void> {
    const run = this.queue.then(async () => {
      const current = this.record<T>(key);
      edit(current);
      await this.memento.update(key, Object.keys(current).length ? current : undefined);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  readonly journal: JournalStore = {
    load: async () => {
      const entries = Object.values(this.record<unknown>(JOURNAL_KEY));
      // Each start reads the journal: the parser loads only when there is an entry to read.
      if (entries.length === 0) return [];
      const { parseJournal } = await import('./logic/rotationRecovery');
      return entries.map(parseJournal).filter((j): j is RotationJournal => j !== undefined);
    },
    save: (entry) =>
      this.change<RotationJournal>(JOURNAL_KEY, (all) => {
        all[entry.setId] = { ...entry };
      }),
    clear: (setId) =>
      this.change<RotationJournal>(JOURNAL_KEY, (all) => {
        delete all[setId];
      }),
  };

  oldKey(setId: string): OldKey | undefined {
    const k = this.record<OldKey>(OLD_KEYS_KEY)[setId];
    return k && typeof k.keyId === 'string' && typeof k.userName === 'string' ? k : undefined;
  }

  setOldKey(setId: string, key: OldKey | undefined): Promise<void> {
    return this.change<OldKey>(OLD_KEYS_KEY, (all) => {
      if (key) all[setId] = key;
      else delete all[setId];
    });
  }

  /** The profile last used for the set with the same AWS endpoint setting (another endpoint: not known). */
  profile(setId: string, endpoint: string | undefined): RememberedProfile {
    const p = this.record<{ profile: string | null; endpoint: string }>(PROFILES_KEY)[setId];
    if (typeof p !== 'object' || p === null || p.endpoint !== (endpoint ?? '')) return undefined;
    return typeof p.profile === 'string' ? p.profile : null;
  }

  rememberProfile(setId: string, profile: string | undefined, endpoint: string | undefined): Promise<void> {
    return this.change<{ profile: string | null; endpoint: string }>(PROFILES_KEY, (all) => {
      all[setId] = { profile: profile ?? null, endpoint: endpoint ?? '' };
    });
  }
}
