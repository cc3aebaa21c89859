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
    set: () => true, // e.g. a status bar item's name
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

const bundle = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'dist', 'extension.js'));
// Node's built-in modules that VS Code's extension host process imports at its own start
// (out/vs/workbench/api/node/extensionHostProcess.js of code-server 4.139.1 imports these
// statically), so they are loaded before any extension activates: the bundle does not pay for
// them there, and does not here.
const HOST_BUILTINS =
  'assert child_process crypto events fs fs/promises http net os stream string_decoder url util zlib';
for (const m of HOST_BUILTINS.split(' ')) require(`node:${m}`);

const cpu = process.cpuUsage();
const started = performance.now();
const ext = require(bundle) as { activate(context: unknown): { loadedBundles(): string[] } };
const loaded = performance.now();
const toolkit = ext.activate({
  subscriptions: [],
  secrets: stub,
  globalState: stub,
  workspaceState: stub,
  extensionUri: stub,
  extensionPath: path.dirname(bundle),
});
const done = performance.now();
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    loadMs: loaded - started,
    activateMs: done - loaded,
    totalMs: done - started,
    // CPU time of this process over the same span: what the work costs when other processes share the cores.
    cpuMs: (used.user + used.system) / 1000,
    // Heavy bundles that activation required (none is expected).
    bundles: toolkit.loadedBundles(),
    // The files of dist/ that activation loaded: dist/extension.js and the chunks it imports.
    files: Object.keys(require.cache)
      .filter((f) => f.startsWith(path.dirname(bundle) + path.sep))
      .map((f) => path.relative(path.dirname(bundle), f)),
  }),
);
