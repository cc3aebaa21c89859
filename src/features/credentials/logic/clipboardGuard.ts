// A copied password does not stay on the clipboard: 45 seconds after Copy Password the clipboard
// is cleared, but only if it still holds that password (the user may have copied something else
// since, which stays). One pending clear at a time: a newer copy replaces the older one's. Pure:
// the clipboard and the timer are ports, so the rule is tested without VS Code or waiting.
import { expectObject, expectString } from '../../../base/guards';

export const CLIPBOARD_CLEAR_MS = 45_000;

export interface ClipboardPort {
  readText(): PromiseLike<string>;
  writeText(text: string): PromiseLike<void>;
}

export interface TimerPort {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: TimerPort = {
  set: (run, ms) => {
    const t = setTimeout(run, ms);
    (t as { unref?: () => void }).unref?.();
    return t;
  },
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Clears the clipboard if it still holds `secret`; true when it did. Never clears other text. */
export async function clearIfUnchanged(clipboard: ClipboardPort, secret: string): Promise<boolean> {
  expectObject(clipboard, 'clearIfUnchanged', 'clipboard');
  expectString(secret, 'clearIfUnchanged', 'secret');
  if (!secret) return false;
  const now = await clipboard.readText();
  if (now !== secret) return false;
  await clipboard.writeText('');
  return true;
}

export class ClipboardGuard {
  private pending: { handle: unknown; secret: string } | undefined;

  constructor(
    private readonly clipboard: ClipboardPort,
    private readonly timers: TimerPort = realTimers,
    private readonly ms = CLIPBOARD_CLEAR_MS,
  ) {}

  /** Puts the secret on the clipboard and schedules its clearing. */
  async copy(secret: string, onCleared?: (cleared: boolean) => void): Promise<void> {
    await this.clipboard.writeText(secret);
    this.cancel();
    const entry = { secret, handle: undefined as unknown };
    entry.handle = this.timers.set(() => {
      if (this.pending === entry) this.pending = undefined;
      void clearIfUnchanged(this.clipboard, secret).then(
        (cleared) => onCleared?.(cleared),
        () => onCleared?.(false),
      );
    }, this.ms);
    this.pending = entry;
  }

  /** True while a clear is scheduled. */
  get scheduled(): boolean {
    return this.pending !== undefined;
  }

  /**
   * The extension shuts down (window closed or reloaded), which would drop the timer: the scheduled
   * clear runs now instead (the clipboard is cleared if it still holds the copied secret). True when
   * it was cleared. Never rejects.
   */
  async dispose(): Promise<boolean> {
    const p = this.pending;
    if (!p) return false;
    this.cancel();
    return clearIfUnchanged(this.clipboard, p.secret).catch(() => false);
  }

  /** Drops the scheduled clear (a newer copy replaces it). */
  cancel(): void {
    if (this.pending) this.timers.clear(this.pending.handle);
    this.pending = undefined;
  }
}
