// The clipboard that forgets a copied password (src/features/credentials/logic/clipboardGuard.ts),
// tested directly over a fake clipboard and fake timers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLIPBOARD_CLEAR_MS,
  ClipboardGuard,
  clearIfUnchanged,
  type ClipboardPort,
  type TimerPort,
} from '../../../../../src/features/credentials/logic/clipboardGuard';

/** A clipboard in memory and timers fired by hand (no waiting in tests). */
function fakes(): {
  clipboard: ClipboardPort & { text: string; writes: number };
  timers: TimerPort & { pending: Map<number, { run: () => void; ms: number }>; fire(): void };
} {
  const clipboard = {
    text: '',
    writes: 0,
    readText: async () => clipboard.text,
    writeText: async (t: string) => {
      clipboard.text = t;
      clipboard.writes++;
    },
  };
  let next = 1;
  const pending = new Map<number, { run: () => void; ms: number }>();
  const timers = {
    pending,
    set: (run: () => void, ms: number) => {
      const id = next++;
      pending.set(id, { run, ms });
      return id;
    },
    clear: (h: unknown) => void pending.delete(h as number),
    fire: () => {
      const all = [...pending.values()];
      pending.clear();
      for (const t of all) t.run();
    },
  };
  return { clipboard, timers };
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('clearIfUnchanged', () => {
  test('clears the clipboard that still holds the password', async () => {
    const { clipboard } = fakes();
    clipboard.text = 'BP+secret';
    assert.equal(await clearIfUnchanged(clipboard, 'BP+secret'), true);
    assert.equal(clipboard.text, '');
  });

  test('leaves other text alone (the user copied something since)', async () => {
    const { clipboard } = fakes();
    clipboard.text = 'some code';
    assert.equal(await clearIfUnchanged(clipboard, 'BP+secret'), false);
    assert.equal(clipboard.text, 'some code');
    assert.equal(clipboard.writes, 0);
  });

  test('near miss: the password with a trailing newline is other text', async () => {
    const { clipboard } = fakes();
    clipboard.text = 'BP+secret\n';
    assert.equal(await clearIfUnchanged(clipboard, 'BP+secret'), false);
    assert.equal(clipboard.text, 'BP+secret\n');
  });

  test('an empty secret clears nothing', async () => {
    const { clipboard } = fakes();
    assert.equal(await clearIfUnchanged(clipboard, ''), false);
    assert.equal(clipboard.writes, 0);
  });
});

describe('ClipboardGuard: a copied password is cleared after 45 seconds', () => {
  test('copies, schedules one clear at 45 s, and clears when the timer fires', async () => {
    const { clipboard, timers } = fakes();
    const guard = new ClipboardGuard(clipboard, timers);
    const told: boolean[] = [];
    await guard.copy('BP+secret', (c) => told.push(c));
    assert.equal(clipboard.text, 'BP+secret');
    assert.equal(CLIPBOARD_CLEAR_MS, 45_000);
    assert.deepEqual(
      [...timers.pending.values()].map((t) => t.ms),
      [45_000],
    );
    assert.equal(guard.scheduled, true);
    timers.fire();
    await settle();
    assert.equal(clipboard.text, '');
    assert.deepEqual(told, [true]);
    assert.equal(guard.scheduled, false);
  });

  test('the user copied something else before the 45 s: it stays', async () => {
    const { clipboard, timers } = fakes();
    const guard = new ClipboardGuard(clipboard, timers);
    const told: boolean[] = [];
    await guard.copy('BP+secret', (c) => told.push(c));
    clipboard.text = 'a line of code';
    timers.fire();
    await settle();
    assert.equal(clipboard.text, 'a line of code');
    assert.deepEqual(told, [false]);
  });

  test('a second copy replaces the first clear: one timer, for the newer password', async () => {
    const { clipboard, timers } = fakes();
    const guard = new ClipboardGuard(clipboard, timers);
    await guard.copy('first-password');
    await guard.copy('second-password');
    assert.equal(timers.pending.size, 1);
    timers.fire();
    await settle();
    assert.equal(clipboard.text, '', 'the newer password is cleared');
  });

  test('dispose (window closed or reloaded) clears the copied password now, and drops the timer', async () => {
    const { clipboard, timers } = fakes();
    const guard = new ClipboardGuard(clipboard, timers);
    await guard.copy('BP+secret');
    assert.equal(await guard.dispose(), true);
    assert.equal(clipboard.text, '');
    assert.equal(timers.pending.size, 0);
    assert.equal(guard.scheduled, false);
  });

  test('near miss: dispose leaves what the user copied since, and does nothing with no copy pending', async () => {
    const { clipboard, timers } = fakes();
    const guard = new ClipboardGuard(clipboard, timers);
    await guard.copy('BP+secret');
    clipboard.text = 'a line of code';
    assert.equal(await guard.dispose(), false);
    assert.equal(clipboard.text, 'a line of code');
    const writes = clipboard.writes;
    assert.equal(await new ClipboardGuard(clipboard, timers).dispose(), false);
    assert.equal(clipboard.writes, writes, 'no copy pending: the clipboard is not touched');
  });

  test('dispose after the timer already cleared does nothing more', async () => {
    const { clipboard, timers } = fakes();
    const guard = new ClipboardGuard(clipboard, timers);
    await guard.copy('BP+secret');
    timers.fire();
    await settle();
    clipboard.text = 'BP+secret'; // copied again by hand, outside the guard
    assert.equal(await guard.dispose(), false);
    assert.equal(clipboard.text, 'BP+secret');
  });

  test('cancel drops the scheduled clear', async () => {
    const { clipboard, timers } = fakes();
    const guard = new ClipboardGuard(clipboard, timers);
    await guard.copy('BP+secret');
    guard.cancel();
    assert.equal(timers.pending.size, 0);
    assert.equal(guard.scheduled, false);
  });
});
