// The Send Test Email history: the last sends of a workspace (time, credential set name, From,
// recipients, subject, configuration set, tenant, outcome, message id: never a secret, never the body),
// and beside each, when it was composed, the exact bytes that went out, for "Save as .eml". The
// list lives in a key-value store (the workspace state), the bytes in a blob store (files in the
// extension's storage folder); both are ports, so this runs and is tested in plain Node.
import { randomBytes } from 'node:crypto';
import type { SendHistoryEntry } from '../../../engines/smtp/mailOptions';
import { makeRedactor } from '../../../engines/smtp/redact';
import { expectObject, expectString } from '../../../base/guards';

export interface KeyValueStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface BlobStore {
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or undefined when the file is gone. */
  read(name: string): Promise<Uint8Array | undefined>;
  remove(name: string): Promise<void>;
}

export const HISTORY_KEY = 'sesSmtpToolkit.sendHistory';
export const HISTORY_MAX = 20;
/** A message larger than this is listed without its .eml (the storage folder stays small). */
export const EML_MAX_BYTES = 12 * 1024 * 1024;

export type NewHistoryEntry = Omit<SendHistoryEntry, 'id' | 'hasEml'>;

const ID = /^[a-f0-9]{16}$/;

function strings(value: unknown, max: number): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, max) : [];
}

function str(value: unknown, max: number): string | undefined {
  return typeof value === 'string' ? value.slice(0, max) : undefined;
}

/** One stored entry, its known fields only; undefined when it is not an entry. */
export function parseEntry(value: unknown): SendHistoryEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const id = str(v.id, 16);
  const at = str(v.at, 40);
  if (!id || !ID.test(id) || !at || typeof v.ok !== 'boolean') return undefined;
  const entry: SendHistoryEntry = {
    id,
    at,
    setId: str(v.setId, 100) ?? '',
    setName: str(v.setName, 200) ?? '',
    region: str(v.region, 40) ?? '',
    from: str(v.from, 400) ?? '',
    to: strings(v.to, 50),
    cc: strings(v.cc, 50),
    bcc: strings(v.bcc, 50),
    subject: str(v.subject, 998) ?? '',
    ok: v.ok,
    headline: str(v.headline, 400) ?? '',
    hasEml: v.hasEml === true,
  };
  const configurationSet = str(v.configurationSet, 64);
  if (configurationSet) entry.configurationSet = configurationSet;
  const tenant = str(v.tenant, 64);
  if (tenant) entry.tenant = tenant;
  const messageId = str(v.messageId, 400);
  if (messageId) entry.messageId = messageId;
  const delivery = str(v.delivery, 2000);
  if (delivery) entry.delivery = delivery;
  return entry;
}

export class SendHistory {
  constructor(
    private readonly state: KeyValueStore,
    private readonly blobs: BlobStore,
    private readonly max = HISTORY_MAX,
  ) {}

  /** The entries, newest first. */
  list(): SendHistoryEntry[] {
    const raw = this.state.get(HISTORY_KEY);
    if (!Array.isArray(raw)) return [];
    return raw.map(parseEntry).filter((e): e is SendHistoryEntry => e !== undefined);
  }

  get(id: string): SendHistoryEntry | undefined {
    return this.list().find((e) => e.id === id);
  }

  /**
   * Adds a send (and the bytes sent, when there are any); the oldest past the limit go, with their
   * files. `secrets` (the set's password, …) are masked in every text of the entry, in every form
   * (smtp/redact.ts): the list is shown and can be copied. The .eml keeps the exact bytes sent.
   */
  async record(
    input: NewHistoryEntry,
    message?: Uint8Array,
    secrets: ReadonlyArray<string | undefined> = [],
  ): Promise<SendHistoryEntry> {
    if (typeof input !== 'object' || input === null)
      throw new Error('A history entry must be an object with at, from, to, subject, ok and headline.');
    if (message !== undefined && !(message instanceof Uint8Array))
      throw new Error('The message bytes of a history entry must be a Uint8Array (or left out).');
    if (!Array.isArray(secrets)) throw new Error('The secrets to mask in a history entry must be a list of strings.');
    const mask = makeRedactor(secrets);
    const texts = { from: mask(input.from), subject: mask(input.subject), headline: mask(input.headline) };
    const lists = { to: (input.to ?? []).map(mask), cc: (input.cc ?? []).map(mask), bcc: (input.bcc ?? []).map(mask) };
    input = { ...input, ...texts, ...lists, setName: mask(input.setName) };
    const id = randomBytes(8).toString('hex');
    let hasEml = false;
    if (message && message.length <= EML_MAX_BYTES) {
      await this.blobs.write(emlName(id), message);
      hasEml = true;
    }
    const entry = parseEntry({ ...input, id, hasEml })!;
    const all = [entry, ...this.list()];
    const kept = all.slice(0, this.max);
    await this.state.update(HISTORY_KEY, kept);
    for (const old of all.slice(this.max)) if (old.hasEml) await this.blobs.remove(emlName(old.id)).catch(() => {});
    return entry;
  }

  /** Keeps the delivery outcome on an entry (an entry that is gone is left alone). */
  async setDelivery(id: string, delivery: string): Promise<void> {
    if (typeof id !== 'string' || typeof delivery !== 'string')
      throw new Error('setDelivery takes a history id and the outcome text.');
    const all = this.list();
    const entry = all.find((e) => e.id === id);
    if (!entry) return;
    entry.delivery = delivery.slice(0, 2000);
    await this.state.update(HISTORY_KEY, all);
  }

  /** The exact bytes sent, or undefined (not kept, or the file is gone). */
  async eml(id: string): Promise<Uint8Array | undefined> {
    const entry = this.get(id);
    if (!entry?.hasEml) return undefined;
    return this.blobs.read(emlName(id));
  }

  async clear(): Promise<void> {
    const entries = this.list();
    await this.state.update(HISTORY_KEY, []);
    for (const e of entries) if (e.hasEml) await this.blobs.remove(emlName(e.id)).catch(() => {});
  }
}

export function emlName(id: string): string {
  expectString(id, 'emlName', 'id');
  if (!ID.test(id)) throw new Error(`not a history id: ${id.slice(0, 40)}`);
  return `${id}.eml`;
}

/** A file name to offer in the save dialog: the subject's words and the date. */
export function suggestedEmlName(entry: SendHistoryEntry): string {
  expectObject(entry, 'suggestedEmlName', 'entry');
  const words = entry.subject
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${words || 'test-mail'}-${entry.at.slice(0, 19).replace(/[:T]/g, '-')}.eml`;
}
