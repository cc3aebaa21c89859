// The age of each set's access key for the "SMTP Credentials" view, fetched lazily (once per set,
// when the row is drawn) with the AWS profile last used for the set (by Rotate or Delete Old Key)
// against the same endpoint setting; without one nothing is fetched and the row shows no age.
import * as vscode from 'vscode';
import type { CredentialSet } from '../../base/credentialSets';
import { maxKeyAgeDays, type KeyAgeFacts } from './logic/keyAge';
import { loadAws } from '../../engines/bundles/load';
import { settings } from '../../host/settings';
import type { Log } from '../../host/util';
import type { iamFor } from './rotationPorts';
import type { RotationState } from './rotationState';

type Entry = { state: 'loading' } | { state: 'done'; facts?: KeyAgeFacts };

export class KeyAges implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly cache = new Map<string, Entry>();
  private readonly config = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('sesSmtpToolkit.credentials.maxKeyAgeDays')) this.changed.fire();
    if (e.affectsConfiguration('sesSmtpToolkit.aws.endpoint')) this.invalidate();
  });

  constructor(
    private readonly state: RotationState,
    private readonly log: Log,
  ) {}

  maxDays(): number {
    return maxKeyAgeDays(vscode.workspace.getConfiguration('sesSmtpToolkit').get('credentials.maxKeyAgeDays'));
  }

  /** The facts when known; starts fetching them the first time a set is asked for. */
  get(set: CredentialSet): KeyAgeFacts | undefined {
    const key = `${set.id}|${set.username}`;
    const entry = this.cache.get(key);
    if (entry) return entry.state === 'done' ? entry.facts : undefined;
    if (!/^AKIA[A-Z0-9]{16}$/.test(set.username)) return undefined;
    if (!vscode.workspace.isTrusted) return undefined; // Restricted Mode: no IAM call
    let endpoint: string | undefined;
    try {
      endpoint = settings().awsEndpoint;
    } catch {
      return undefined; // an invalid endpoint setting: no age, and no request anywhere
    }
    const remembered = this.state.profile(set.id, endpoint);
    if (remembered === undefined) return undefined;
    this.cache.set(key, { state: 'loading' });
    void this.fetch(set, remembered ?? undefined).then((facts) => {
      this.cache.set(key, { state: 'done', facts });
      if (facts) this.changed.fire();
    });
    return undefined;
  }

  private async fetch(set: CredentialSet, profile: string | undefined): Promise<KeyAgeFacts | undefined> {
    let iam: ReturnType<typeof iamFor> | undefined;
    try {
      iam = (await import('./rotationPorts')).iamFor(profile, set.region);
      const age = await loadAws().keyAgeOf(iam, set.username);
      return { created: age.created, status: age.status, userName: age.userName };
    } catch (err) {
      this.log.info(`The age of the key of "${set.name}" is not known: ${(err as Error).message}`);
      return undefined;
    } finally {
      iam?.destroy();
    }
  }

  /** Forget one set's facts (after a rotation) or all; the rows fetch again. */
  invalidate(setId?: string): void {
    for (const key of [...this.cache.keys()]) if (!setId || key.startsWith(`${setId}|`)) this.cache.delete(key);
    this.changed.fire();
  }

  dispose(): void {
    this.config.dispose();
    this.changed.dispose();
  }
}
