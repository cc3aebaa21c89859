// Which command arguments count as the extension's own (src/host/ownArgs.ts), and the read-only
// views the exported API hands out: the security helpers of the command surface, tested directly.
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
