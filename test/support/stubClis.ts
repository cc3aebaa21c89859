// Stub CLIs for Push SMTP Settings To… (issue #28): `gh`, `heroku`, `fly`, `vercel` and `kubectl`
// as executable Node scripts in a temporary folder a test puts first on PATH. Each invocation is
// recorded (argv, stdin, environment) in calls.jsonl; each answers like the real CLI for what the
// extension runs: the login check (logged in or not, with the real tool's words and exit code),
// setting values from stdin into the stub's own store (state.json), and listing the key names.
// Heroku's values arrive through its Platform API: startHerokuApiPeer is that API on 127.0.0.1,
// writing into the same store. Tests remove the folder and stop the peer.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';

export type StubCliName = 'gh' | 'heroku' | 'fly' | 'vercel' | 'kubectl';
export const STUB_CLIS: readonly StubCliName[] = ['gh', 'heroku', 'fly', 'vercel', 'kubectl'];

export interface StubCall {
  cli: StubCliName;
  argv: string[];
  stdin: string;
  env: Record<string, string>;
}

export interface StubState {
  /** Which CLIs are logged in (a missing entry: logged in). */
  loggedOut: StubCliName[];
  /** store[scope][KEY] = value: "gh:owner/repo", "gh:owner/repo:env", "heroku:app", "fly:app", "vercel:production", "kubernetes:ns/name". */
  store: Record<string, Record<string, string>>;
  /** The next `set` of this CLI fails after this many successful ones (tests of a half-applied push). */
  failAfter?: Partial<Record<StubCliName, number>>;
  herokuToken: string;
}

export interface StubClis {
  dir: string;
  calls(): StubCall[];
  state(): StubState;
  setState(change: Partial<StubState>): void;
  /** PATH with the stub folder first. */
  path(base?: string): string;
  remove(): void;
}

// The stub program, one file for all five (its name says which it is). Plain CommonJS run by the
// Node that runs the tests; kept dependency-free.
const PROGRAM =
  String.raw`
const fs = require('fs');
const path = require('path');
const dir = __dirname;
const cli = path.basename(__filename) === 'flyctl' ? 'fly' : path.basename(__filename);
const argv = process.argv.slice(2);
const stateFile = path.join(dir, 'state.json');
function load() { return JSON.parse(fs.readFileSync(stateFile, 'utf8')); }
function save(s) { fs.writeFileSync(stateFile, JSON.stringify(s, null, 1)); }
function readStdin() { try { return fs.readFileSync(0, 'utf8'); } catch { return ''; } }
function opt(name) { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; }
const stdin = argv.includes('-') || /^(secret set|env add|secrets import)/.test(argv.slice(0, 2).join(' ')) ? readStdin() : '';
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify({ cli, argv, stdin, env: process.env }) + '\n');
const state = load();
const loggedIn = !state.loggedOut.includes(cli);
function out(text) { process.stdout.write(text); }
function err(text, code) { process.stderr.write(text); process.exit(code); }
function put(scope, key, value) {
  const fail = state.failAfter && state.failAfter[cli];
  if (fail !== undefined) {
    if (fail <= 0) err('HTTP 502: Bad Gateway (the stub was told to fail)\n', 1);
    state.failAfter[cli] = fail - 1;
  }
  (state.store[scope] ||= {})[key] = value;
  save(state);
}
const cmd = argv.slice(0, 2).join(' ');
if (cli === 'gh') {
  if (cmd === 'auth status') {
    if (!loggedIn) err('You are not logged into any GitHub hosts. To log in, run: gh auth login\n', 1);
    err('github.com\n  \u2713 Logged in to github.com account octo (keyring)\n', 0);
  }
  if (!loggedIn) err('To get started with GitHub CLI, please run:  gh auth login\n', 4);
  const repo = opt('--repo'); const env = opt('--env');
  const scope = 'gh:' + repo + (env ? ':' + env : '');
  if (cmd === 'secret set') {
    if (!repo) err('could not determine base repo\n', 1);
    if (argv.includes('--body') || argv.includes('-b')) err('the stub refuses --body: values go on stdin\n', 1);
    const body = stdin.replace(/\r?\n$/, '');
    if (!body) err('secret value cannot be empty\n', 1);
    put(scope, argv[2], body);
    err('\u2713 Set Actions secret ' + argv[2] + ' for ' + repo + '\n', 0);
  }
  if (cmd === 'secret list') {
    for (const k of Object.keys(state.store[scope] || {})) out(k + '\tUpdated 2026-12-07\n');
    process.exit(0);
  }
}
if (cli === 'heroku') {
  if (argv[0] === 'auth:whoami') {
    if (!loggedIn) err(' \u203a   Error: not logged in\n', 100);
    out('octo@example.com\n'); process.exit(0);
  }
  if (!loggedIn) err(' \u203a   Error: Invalid credentials provided.\n', 1);
  if (argv[0] === 'auth:token') { out(state.herokuToken + '\n'); process.exit(0); }
  if (argv[0] === 'config:set') err('the stub refuses config:set: values would be in argv\n', 1);
  if (argv[0] === 'config' && argv.includes('--json')) {
    out(JSON.stringify(state.store['heroku:' + opt('--app')] || {}) + '\n'); process.exit(0);
  }
}
if (cli === 'fly') {
  if (cmd === 'auth whoami') {
    if (!loggedIn) err("Error: No access token available. Please login with 'flyctl auth login'\n", 1);
    out('octo@example.com\n'); process.exit(0);
  }
  if (!loggedIn) err("Error: No access token available. Please login with 'flyctl auth login'\n", 1);
  if (cmd === 'secrets import') {
    const app = opt('--app') || opt('-a');
    if (!app) err('Error: the config for your app is missing an app name\n', 1);
    const pairs = [];
    for (const line of stdin.split('\n')) {
      if (!line.trim()) continue;
      const eq = line.indexOf('=');
      if (eq < 1) err('Error: Failed to parse secrets from stdin: Secrets must be provided as NAME=VALUE pairs\n', 1);
      let value = line.slice(eq + 1);
      if (value.startsWith('"""') && value.endsWith('"""') && value.length >= 6) value = value.slice(3, -3);
      pairs.push([line.slice(0, eq), value]);
    }
    if (!pairs.length) err('Error: requires at least one SECRET=VALUE pair\n', 1);
    for (const [k, v] of pairs) put('fly:' + app, k, v);
    out(argv.includes('--stage') ? 'Secrets have been staged, but not set on VMs.\n' : 'Updating existing machines\n');
    process.exit(0);
  }
  if (cmd === 'secrets list') {
    const list = Object.keys(state.store['fly:' + opt('--app')] || {}).map((k) => ({ Name: k, Digest: 'd41d8cd98f00b204', Status: 'Deployed' }));
    out(JSON.stringify(list, null, 2) + '\n'); process.exit(0);
  }
}
if (cli === 'vercel') {
  if (argv[0] === 'whoami') {
    if (!loggedIn) err('Error: No existing credentials found. Please run ` +
  '`vercel login`' +
  String.raw` or pass "--token"\n', 1);
    out('octo\n'); process.exit(0);
  }
  if (!loggedIn) err('Error: No existing credentials found.\n', 1);
  if (cmd === 'env add') {
    const [name, env] = [argv[2], argv[3]];
    const scope = 'vercel:' + env;
    if ((state.store[scope] || {})[name] !== undefined && !argv.includes('--force'))
      err('Error: The variable "' + name + '" has already been added to all Environments.\n', 1);
    if (!stdin) err('Error: No value given\n', 1);
    put(scope, name, stdin);
    err('Added Environment Variable ' + name + ' to Project app\n', 0);
  }
  if (cmd === 'env ls') {
    out('> Environment Variables found for octo/app\n\n name    value    environments    created\n');
    for (const k of Object.keys(state.store['vercel:' + argv[2]] || {})) out(' ' + k + '    Encrypted    ' + argv[2] + '    1m ago\n');
    process.exit(0);
  }
}
if (cli === 'kubectl') {
  if (cmd === 'config current-context') {
    if (!loggedIn) err('error: current-context is not set\n', 1);
    out('kind-test\n'); process.exit(0);
  }
  if (!loggedIn) err('error: current-context is not set\n', 1);
  if (argv[0] === 'apply' && argv.includes('-')) {
    const name = /\n  name: (.*)\n/.exec(stdin)?.[1];
    const ns = /\n  namespace: (.*)\n/.exec(stdin)?.[1] ?? 'default';
    const data = stdin.split('stringData:\n')[1] ?? '';
    for (const line of data.split('\n')) {
      const m = /^  ([-._a-zA-Z0-9]+): (".*")$/.exec(line);
      if (m) put('kubernetes:' + ns + '/' + name, m[1], JSON.parse(m[2]));
    }
    out('secret/' + name + ' serverside-applied\n'); process.exit(0);
  }
  if (cmd === 'get secret') {
    const scope = 'kubernetes:' + (opt('--namespace') || 'default') + '/' + argv[2];
    if (!state.store[scope]) err('Error from server (NotFound): secrets "' + argv[2] + '" not found\n', 1);
    for (const k of Object.keys(state.store[scope]).sort()) out(k + '\n');
    process.exit(0);
  }
}
err(cli + ': the stub does not know "' + argv.join(' ') + '"\n', 2);
`;

export function makeStubClis(state: Partial<StubState> = {}): StubClis {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ses-stub-clis-'));
  const initial: StubState = { loggedOut: [], store: {}, herokuToken: 'HRKU-stub-token-0123456789abcdef', ...state };
  fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify(initial));
  fs.writeFileSync(path.join(dir, 'calls.jsonl'), '');
  for (const name of [...STUB_CLIS, 'flyctl']) {
    fs.writeFileSync(path.join(dir, name), `#!${process.execPath}\n${PROGRAM}`, { mode: 0o755 });
  }
  const read = (): StubState => JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')) as StubState;
  return {
    dir,
    calls: () =>
      fs
        .readFileSync(path.join(dir, 'calls.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as StubCall),
    state: read,
    setState: (change) => fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ ...read(), ...change })),
    path: (base = process.env.PATH ?? '') => `${dir}${path.delimiter}${base}`,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export interface HerokuApiPeer {
  /** http://127.0.0.1:<port> */
  url: string;
  requests: Array<{ method: string; path: string; authorization?: string; body: string }>;
  stop(): Promise<void>;
}

/** Heroku's Platform API for config vars, on 127.0.0.1: PATCH /apps/<app>/config-vars with the CLI's token. */
export async function startHerokuApiPeer(stubs: StubClis): Promise<HerokuApiPeer> {
  const requests: HerokuApiPeer['requests'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
      const answer = (status: number, value: unknown): void => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const state = stubs.state();
      if (req.headers.authorization !== `Bearer ${state.herokuToken}`)
        return answer(401, { id: 'unauthorized', message: 'Invalid credentials provided.' });
      if (req.headers.accept !== 'application/vnd.heroku+json; version=3')
        return answer(400, { id: 'bad_request', message: 'Please specify a version.' });
      const m = /^\/apps\/([a-z0-9-]+)\/config-vars$/.exec(req.url ?? '');
      if (!m) return answer(404, { id: 'not_found', message: "Couldn't find that app." });
      if (req.method !== 'PATCH') return answer(405, { id: 'method_not_allowed', message: 'Method not allowed.' });
      let vars: Record<string, unknown>;
      try {
        vars = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return answer(400, { id: 'bad_request', message: 'Invalid JSON.' });
      }
      const store = { ...state.store };
      const app = { ...(store[`heroku:${m[1]}`] ?? {}) };
      for (const [k, v] of Object.entries(vars)) if (typeof v === 'string') app[k] = v;
      store[`heroku:${m[1]}`] = app;
      stubs.setState({ store });
      answer(200, app);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
