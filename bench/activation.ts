// Load + activate of the shipped bundle, in a fresh Node process per sample: require
// dist/extension.js (read, compile, module init) and call activate() against a stand-in for the
// `vscode` module that accepts every call. It leaves out what the editor itself does around
// activation, and includes everything the bundle does. Printed as JSON for bench/run.ts.
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

function anything(): unknown {
  const fn = function () {} as unknown as object;
  const proxy: object = new Proxy(fn, {
    get: (_t, key) => {
      if (key === Symbol.iterator) return function* () {}; // empty lists (open documents, folders)
      if (key === Symbol.toPrimitive) return () => 0;
      return key === 'then' || typeof key === 'symbol' ? undefined : key === 'length' ? 0 : proxy;
    },
    apply: () => proxy,
    construct: () => proxy,
  });
  return proxy;
}

const stub = anything();
// The module's export names, read from the API's own typings, each a stand-in.
const typings = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const api: Record<string, unknown> = { __esModule: true };
for (const m of typings.matchAll(/^\t?export (?:class|namespace|enum|function|const|let) (\w+)/gm)) api[m[1]] = stub;
const resolve = (Module as unknown as { _resolveFilename: (r: string, ...rest: unknown[]) => string })._resolveFilename;
(Module as unknown as { _resolveFilename: unknown })._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: api } as unknown as NodeJS.Module;

const bundle = path.resolve(__dirname, '..', '..', 'dist', 'extension.js');
const started = performance.now();
const ext = require(bundle) as { activate(context: unknown): unknown };
const loaded = performance.now();
ext.activate({
  subscriptions: [],
  secrets: stub,
  globalState: stub,
  workspaceState: stub,
  extensionUri: stub,
  extensionPath: path.dirname(bundle),
});
const done = performance.now();
console.log(JSON.stringify({ loadMs: loaded - started, activateMs: done - loaded, totalMs: done - started }));
