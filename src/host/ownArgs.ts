// Which command arguments the extension made itself. Menus and tree clicks hand a command the very
// element object our tree provider returned (an explorer node, a credential row), and a CodeLens the
// argument object we gave it; anything else (a plain object from another extension, a task, a
// keybinding or a test, or an instance of some other class) is a caller's argument. A caller cannot
// forge the mark: it is membership in a WeakSet private to this module. vscode-free.
//
// The exported API hands out read-only views of the explorer's nodes (`readOnlyView`): a caller can
// read their fields, follow `parent`, and pass them back to our commands, but cannot call a node's
// methods, change a field, or reach the SES client a node holds. A view passed to a command counts
// as a caller's argument (registerCommand swaps in the node and marks the call as scripted).

const own = new WeakSet<object>();
/** Own objects given to VS Code as the arguments of one command: frozen, and own only for it. */
const boundTo = new WeakMap<object, string>();
const viewOf = new WeakMap<object, object>();
const targetOf = new WeakMap<object, object>();

/** Marks an object the extension made and gives to VS Code (a tree element, a CodeLens argument). */
export function markOwn<T extends object>(value: T): T {
  own.add(value);
  return value;
}

/**
 * Marks the argument of one command's row click (a tree item's `command.arguments`): frozen, so
 * nobody can change it, and own only when it comes back to `commandId`; passed to any other
 * command it is a caller's plain data.
 */
export function markOwnFor<T extends object>(value: T, commandId: string): T {
  deepFreeze(value);
  own.add(value);
  boundTo.set(value, commandId);
  return value;
}

function deepFreeze(value: object): void {
  if (Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) {
    const inner = (value as Record<PropertyKey, unknown>)[key];
    if (typeof inner === 'object' && inner !== null) deepFreeze(inner);
  }
}

/** True for an object marked by markOwn or markOwnFor. */
export function isOwn(value: unknown): boolean {
  return typeof value === 'object' && value !== null && own.has(value);
}

/** The object behind a read-only view made by readOnlyView, or undefined for anything else. */
export function viewTarget(value: unknown): object | undefined {
  return typeof value === 'object' && value !== null ? targetOf.get(value) : undefined;
}

export class ReadOnlyError extends TypeError {}

/**
 * A read-only view of an object: its data fields (objects among them as views too, the same view
 * for the same object), no functions, no writes. `allowMethods` names functions that may be called
 * (they run on the real object; their result is not wrapped).
 */
export function readOnlyView<T extends object>(target: T, allowMethods: readonly string[] = []): T {
  const existing = viewOf.get(target);
  if (existing) return existing as T;
  const refuse = (what: string): never => {
    throw new ReadOnlyError(`This is a read-only view of the SES SMTP Toolkit's data: ${what} is not allowed.`);
  };
  const view: T = new Proxy(target, {
    get(t, key) {
      const value = Reflect.get(t, key, t) as unknown;
      if (typeof value === 'function') {
        if (typeof key === 'string' && allowMethods.includes(key))
          return (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(t, args);
        return undefined;
      }
      if (typeof value === 'object' && value !== null) {
        // A frozen field must read as itself (a Proxy invariant); frozen data needs no view.
        const d = Reflect.getOwnPropertyDescriptor(t, key);
        if (d && d.configurable === false && d.writable === false && Object.isFrozen(value)) return value;
        return readOnlyView(value, allowMethods);
      }
      return value;
    },
    getOwnPropertyDescriptor(t, key): PropertyDescriptor | undefined {
      const d = Reflect.getOwnPropertyDescriptor(t, key);
      // A non-configurable property must be reported as it is (a Proxy invariant); the rest as data.
      if (!d || d.configurable === false) return d;
      const value: unknown = (view as Record<PropertyKey, unknown>)[key];
      return { value, writable: false, enumerable: d.enumerable, configurable: true };
    },
    set: () => refuse('changing a field'),
    defineProperty: () => refuse('defining a field'),
    deleteProperty: () => refuse('deleting a field'),
    setPrototypeOf: () => refuse('changing the prototype'),
    apply: () => refuse('calling it'),
    construct: () => refuse('constructing it'),
  });
  viewOf.set(target, view);
  targetOf.set(view, target);
  return view;
}

/** What registerCommand does with a command's raw argument, decided by its kind. */
export type ArgumentKind =
  | { kind: 'none' }
  | { kind: 'own'; value: object } // a tree element or CodeLens argument of ours: the UI
  | { kind: 'view'; target: object } // a read-only view from the exported API: a caller
  | { kind: 'plain'; value: object } // plain data: validated, a caller
  | { kind: 'foreign'; className: string }; // another class's instance: refused

export function classifyArgument(raw: unknown, commandId?: string): ArgumentKind {
  if (raw === undefined || raw === null) return { kind: 'none' };
  if (typeof raw !== 'object') return { kind: 'plain', value: raw as unknown as object }; // the schema refuses it
  const target = viewTarget(raw);
  if (target) return { kind: 'view', target };
  if (own.has(raw)) {
    const bound = boundTo.get(raw);
    if (bound === undefined || bound === commandId) return { kind: 'own', value: raw };
  }
  const proto = Object.getPrototypeOf(raw) as object | null;
  if (proto === Object.prototype || proto === null || Array.isArray(raw)) return { kind: 'plain', value: raw };
  const ctor = (proto as { constructor?: { name?: unknown } }).constructor;
  return { kind: 'foreign', className: typeof ctor?.name === 'string' && ctor.name ? ctor.name : 'an object' };
}
