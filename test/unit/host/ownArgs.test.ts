// The security helpers of the command surface, tested directly: which arguments count as the
// extension's own (features/ownArgs.ts), the read-only views the exported API hands out, the
// clipboard that forgets a copied password (core/ui/clipboardGuard.ts), and the attachment paths
// the host accepts from the Send Test Email page (core/webview/pickedFiles.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ReadOnlyError,
  classifyArgument,
  isOwn,
  markOwn,
  markOwnFor,
  readOnlyView,
  viewTarget,
} from '../../../src/host/ownArgs';
import {
  CLIPBOARD_CLEAR_MS,
  ClipboardGuard,
  clearIfUnchanged,
  type ClipboardPort,
  type TimerPort,
} from '../../../src/features/credentials/logic/clipboardGuard';
import { PickedFiles } from '../../../src/features/testMail/logic/pickedFiles';

class Node {
  secret = 'not for callers';
  readonly child: { name: string; inner: { deep: number } } = { name: 'example.com', inner: { deep: 1 } };
  parent?: Node;
  remove(): string {
    return `removed ${this.secret}`;
  }
  read(): string {
    return this.child.name;
  }
}

class SomeoneElses {
  region = 'eu-west-1';
}

describe('classifyArgument: who made a command argument', () => {
  test('undefined and null are no argument', () => {
    assert.deepEqual(classifyArgument(undefined), { kind: 'none' });
    assert.deepEqual(classifyArgument(null), { kind: 'none' });
  });

  test("a plain object or JSON is a caller's argument (validated)", () => {
    const plain = { credentialSet: 'prod' };
    assert.deepEqual(classifyArgument(plain), { kind: 'plain', value: plain });
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    assert.equal(classifyArgument(bare).kind, 'plain');
    assert.equal(classifyArgument(JSON.parse('{"to": "a@example.com"}')).kind, 'plain');
  });

  test('arrays and primitives go to the schema as plain (which refuses them)', () => {
    assert.equal(classifyArgument([1, 2]).kind, 'plain');
    assert.equal(classifyArgument('text').kind, 'plain');
    assert.equal(classifyArgument(42).kind, 'plain');
  });

  test('an object the extension marked is its own (a tree element, a CodeLens argument)', () => {
    const node = markOwn(new Node());
    assert.deepEqual(classifyArgument(node), { kind: 'own', value: node });
    const lens = markOwn({ file: '/w/.env', block: 0 });
    assert.equal(classifyArgument(lens).kind, 'own');
    assert.ok(isOwn(node));
  });

  test('near miss: an unmarked instance of the very same class is foreign, named by its class', () => {
    markOwn(new Node());
    assert.deepEqual(classifyArgument(new Node()), { kind: 'foreign', className: 'Node' });
    assert.deepEqual(classifyArgument(new SomeoneElses()), { kind: 'foreign', className: 'SomeoneElses' });
  });

  test('near miss: a copy of an own object (same fields, spread) is not own', () => {
    const own = markOwn({ file: '/w/.env', block: 0 });
    assert.equal(classifyArgument({ ...own }).kind, 'plain');
    assert.equal(isOwn({ ...own }), false);
  });

  test('an object whose prototype is an own object is foreign, not own', () => {
    const own = markOwn(new Node());
    const pretender = Object.create(own) as object;
    assert.equal(classifyArgument(pretender).kind, 'foreign');
  });

  test("a row click's argument is own only for its command, and frozen", () => {
    const arg = markOwnFor({ region: 'eu-west-1' }, 'sesSmtpToolkit.explorer.retry');
    assert.equal(classifyArgument(arg, 'sesSmtpToolkit.explorer.retry').kind, 'own');
    assert.ok(Object.isFrozen(arg));
    assert.throws(() => {
      (arg as Record<string, unknown>).confirm = false;
    }, TypeError);
  });

  test('a row argument is frozen all the way down, and a read-only view of it still reads', () => {
    const arg = markOwnFor({ region: 'eu-west-1', identity: { name: 'example.com' } }, 'x.copyName');
    assert.ok(Object.isFrozen(arg.identity));
    const view = readOnlyView(arg);
    assert.equal(view.identity.name, 'example.com');
    assert.throws(() => {
      (view.identity as Record<string, unknown>).name = 'other';
    }, TypeError);
  });

  test("near miss: the same row argument passed to another command (or with no id) is a caller's", () => {
    const arg = markOwnFor({ region: 'eu-west-1' }, 'sesSmtpToolkit.explorer.retry');
    assert.deepEqual(classifyArgument(arg, 'sesSmtpToolkit.credentials.delete'), { kind: 'plain', value: arg });
    assert.equal(classifyArgument(arg).kind, 'plain');
  });

  test('a read-only view stands for its target, even when the target is own', () => {
    const node = markOwn(new Node());
    const view = readOnlyView(node);
    assert.deepEqual(classifyArgument(view), { kind: 'view', target: node });
    assert.equal(isOwn(view), false, 'a view is never own');
  });
});

describe('readOnlyView: what the exported API hands out', () => {
  test('reads data fields; nested objects are views too, the same view each time', () => {
    const node = new Node();
    const view = readOnlyView(node);
    assert.equal(view.child.name, 'example.com');
    assert.equal(view.child.inner.deep, 1);
    assert.equal(view.child, view.child, 'one view per object');
    assert.equal(viewTarget(view.child), node.child);
    assert.equal(readOnlyView(node), view);
  });

  test("a parent link leads to the parent's view", () => {
    const parent = new Node();
    const child = new Node();
    child.parent = parent;
    assert.equal(readOnlyView(child).parent, readOnlyView(parent));
  });

  test('methods are not reachable unless allowed', () => {
    const view = readOnlyView(new Node());
    assert.equal(view.remove, undefined);
    assert.equal(typeof readOnlyView(new Node(), ['read']).read, 'function');
    assert.equal(readOnlyView(new Node(), ['read']).read(), 'example.com');
    assert.equal(readOnlyView(new Node(), ['read']).remove, undefined, 'only the allowed one');
  });

  test('writes, new fields, deletes and prototype changes are refused', () => {
    const node = new Node();
    const view = readOnlyView(node);
    assert.throws(() => {
      (view as { secret: string }).secret = 'x';
    }, ReadOnlyError);
    assert.throws(() => Object.assign(view, { confirm: false }), ReadOnlyError);
    assert.throws(() => Object.defineProperty(view, 'x', { value: 1 }), ReadOnlyError);
    assert.throws(() => delete (view as Partial<Node>).parent, ReadOnlyError);
    assert.throws(() => Object.setPrototypeOf(view, null), ReadOnlyError);
    assert.throws(() => {
      (view.child as { name: string }).name = 'evil.example';
    }, ReadOnlyError);
    assert.equal(node.child.name, 'example.com', 'the node is unchanged');
    assert.equal('confirm' in node, false);
  });

  test('property descriptors read as non-writable data', () => {
    const view = readOnlyView(new Node());
    const d = Object.getOwnPropertyDescriptor(view, 'secret');
    assert.equal(d?.writable, false);
    assert.equal(d?.value, 'not for callers');
  });

  test('viewTarget: undefined for anything that is not a view', () => {
    assert.equal(viewTarget(new Node()), undefined);
    assert.equal(viewTarget({}), undefined);
    assert.equal(viewTarget(undefined), undefined);
    assert.equal(viewTarget('x'), undefined);
  });
});

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

describe('PickedFiles: attachments only as the host picked them', () => {
  test('a path the dialog returned is allowed', () => {
    const picked = new PickedFiles();
    picked.add('/home/me/project/report.pdf');
    assert.equal(picked.allows('/home/me/project/report.pdf'), true);
  });

  test('a path never picked is refused, even inside the workspace', () => {
    const picked = new PickedFiles();
    picked.add('/home/me/project/report.pdf');
    assert.equal(picked.allows('/home/me/project/.env'), false);
    assert.equal(picked.allows('/home/me/.ssh/id_ed25519'), false);
  });

  test('near miss: the same file spelled another way is refused', () => {
    const picked = new PickedFiles();
    picked.add('/home/me/project/report.pdf');
    assert.equal(picked.allows('/home/me/project/./report.pdf'), false);
    assert.equal(picked.allows('/home/me/other/../project/report.pdf'), false);
    assert.equal(picked.allows('/home/me/project/report.pdf '), false);
  });

  test('anything but a string is refused', () => {
    const picked = new PickedFiles();
    picked.add('/a');
    assert.equal(picked.allows(undefined), false);
    assert.equal(picked.allows({ toString: () => '/a' }), false);
  });
});
