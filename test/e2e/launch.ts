// Runs the e2e suite (out/test/e2e/index.js) inside a real VS Code extension host.
// - With VSCODE_EXECUTABLE or E2E_LAUNCHER=electron: @vscode/test-electron (desktop VS Code).
// - Otherwise: code-server from the cache (scripts/install-host.sh), its workbench opened in
//   Debian's Chromium through playwright-core. The workbench reports the suite's exit code
//   through codeAutomationExit (enable-smoke-test-driver).
// Fixture servers (an SES-like SMTP server, …) are started first and their addresses passed to
// the host as SES_E2E_* variables. Everything started here is stopped here, on every path
// (success, failure, the overall timeout E2E_TIMEOUT_MS, SIGINT/SIGTERM).
// Tests inside the host reach the browser through a small HTTP bridge on 127.0.0.1, whose address
// they get as SES_E2E_BRIDGE_URL (JSON actions, see browserActions.ts) and SES_E2E_SCREENSHOT_URL
// (POST …/shot?name=X saves test-results/X.png). Neither is set under test-electron.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { format } from 'node:util';
import { startFixtures, type Fixtures } from './fixtures';
import { OUTSIDE, outsideRequests, runBrowserAction, SEEN_TEXT_RECORDER, type BrowserAction } from './browserActions';
import { freePort } from '../support/ports';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const RESULTS = path.join(ROOT, 'test-results');
const SUMMARIES = [
  'e2e-summary-restricted.json',
  'e2e-summary-fresh.json',
  'e2e-summary.json',
  'e2e-summary-reload.json',
];
/** Where AWS SDK calls go when no test server is set: nothing listens on the discard port. */
const NO_AWS = 'http://127.0.0.1:9';
const OVERALL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 25 * 60_000);

class LaunchError extends Error {}

function fail(message: string): never {
  throw new LaunchError(message);
}

// Whatever must be stopped before the process ends, newest first.
const cleanups: Array<() => Promise<void>> = [];
// Set once the run is being torn down (end, timeout, signal): errors after that are expected.
let stopping = false;
let cleaning: Promise<void> | undefined;
function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length)
      await cleanups.pop()!().catch((err: Error) => console.error(`e2e: cleanup: ${err.message}`));
  })();
  return cleaning;
}

/** Ends a detached process group: SIGTERM, then SIGKILL if it is still there after graceMs. */
async function killGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pid = child.pid;
  if (!pid) return;
  const alive = (): boolean => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const until = Date.now() + graceMs;
  while (alive() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  if (alive()) {
    console.error('e2e: code-server did not stop on SIGTERM; killing its process group');
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get(url, (res) => {
        res.resume();
        resolve((res.statusCode ?? 500) < 500);
      });
      req.on('error', () => resolve(false));
      req.setTimeout(1000, () => req.destroy());
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function runElectron(fixtures: Fixtures): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  const workspace = path.join(ROOT, '.e2e', 'electron-workspace');
  // The fresh phase's own folder: nothing in it when the window opens, so nothing activates the extension.
  const freshWorkspace = path.join(ROOT, '.e2e', 'electron-fresh-workspace');
  // The Restricted Mode phase: its own untrusted folder and user data, with workspace trust on.
  const untrustedWorkspace = path.join(ROOT, '.e2e', 'electron-untrusted-workspace');
  const untrustedUserData = path.join(ROOT, '.e2e', 'electron-untrusted-user-data');
  for (const d of [workspace, freshWorkspace, untrustedWorkspace, untrustedUserData]) {
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d, { recursive: true });
  }
  Object.assign(process.env, fixtures.env, { AWS_ENDPOINT_URL: NO_AWS });
  const userData = path.join(ROOT, '.e2e', 'electron-user-data');
  rmSync(userData, { recursive: true, force: true });
  // SES SMTP hosts resolve through the fixtures' DNS server (NXDOMAIN for ap-south-2), not the machine's.
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'sesSmtpToolkit.dns.servers': [fixtures.env.SES_E2E_SES_DNS] }),
  );
  cleanups.push(async () => {
    if (process.env.E2E_KEEP) return;
    for (const d of [workspace, freshWorkspace, userData, untrustedWorkspace, untrustedUserData])
      rmSync(d, { recursive: true, force: true });
  });
  mkdirSync(path.join(untrustedUserData, 'User'), { recursive: true });
  writeFileSync(
    path.join(untrustedUserData, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.untrustedFiles': 'open',
    }),
  );
  const phase = (entry: string, folder = workspace): Promise<number> =>
    runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'e2e', entry),
      // The same user data for both phases: the second is the window after a reload.
      launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userData}`],
      extensionTestsEnv: { ...fixtures.env, SES_E2E_RESULTS: RESULTS, AWS_ENDPOINT_URL: NO_AWS },
    });
  try {
    const restricted = await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'e2e', 'restrictedIndex.js'),
      launchArgs: [untrustedWorkspace, '--disable-extensions', `--user-data-dir=${untrustedUserData}`],
      extensionTestsEnv: { ...fixtures.env, SES_E2E_RESULTS: RESULTS, AWS_ENDPOINT_URL: NO_AWS },
    });
    const fresh = await phase('firstHourIndex.js', freshWorkspace);
    const first = await phase('index.js');
    const second = await phase('reloadIndex.js');
    return [restricted, fresh, first, second].find((c) => c !== 0) ?? 0;
  } catch (err) {
    console.error(err);
    return 1;
  }
}

interface HostInfo {
  node: string;
  entry: string;
}

function installHost(): HostInfo {
  const result = spawnSync('bash', [path.join(ROOT, 'scripts', 'install-host.sh')], { stdio: 'inherit' });
  if (result.status !== 0) {
    fail(
      `the VS Code host (code-server) could not be installed (scripts/install-host.sh exit ${result.status ?? result.signal}); see the lines above. ` +
        `The e2e tier cannot run without it and is NOT skipped${process.env.CI ? ' (CI)' : ''}: this run fails.`,
    );
  }
  const cache =
    process.env.SES_TOOLKIT_HOST_CACHE ??
    path.join(process.env.XDG_CACHE_HOME ?? path.join(process.env.HOME ?? '/root', '.cache'), 'ses-smtp-toolkit-host');
  const version = process.env.CODE_SERVER_VERSION ?? '4.139.1';
  const file = path.join(cache, `code-server-${version}`, 'host.json');
  if (!existsSync(file)) fail(`host.json not found at ${file} after scripts/install-host.sh succeeded`);
  return JSON.parse(readFileSync(file, 'utf8')) as HostInfo;
}

// Host console lines that are noise on this offline machine (no marketplace, no GitHub sign-in).
const NOISE =
  /open-vsx|telemetry|vsda|github-authentication|authentication provider 'github'|\[AgentHost\] No signed-in session|\[AccountPolicyGate\]|Extension host .* terminated/i;

type Browser = Awaited<ReturnType<(typeof import('playwright-core'))['chromium']['launch']>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

/** The bridge tests in the host use to reach the browser: screenshots and workbench/webview steps. */
async function startBridge(currentPage: () => Page | undefined): Promise<{ url: string; close(): Promise<void> }> {
  const answer = (res: http.ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const page = currentPage();
      if (req.method !== 'POST') return answer(res, 405, { ok: false, error: 'POST only' });
      if (!page) return answer(res, 503, { ok: false, error: 'no browser page yet' });
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        let action: BrowserAction;
        if (url.pathname === '/shot') {
          const name = url.searchParams.get('name');
          if (!name) return answer(res, 400, { ok: false, error: 'name is required' });
          action = { kind: 'screenshot', name };
        } else {
          action = JSON.parse(body || '{}') as BrowserAction;
        }
        answer(res, 200, { ok: true, result: await runBrowserAction(page, action, RESULTS) });
      } catch (err) {
        // 200 with ok:false: the test gets the browser's error message.
        answer(res, 200, { ok: false, error: (err as Error).message });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function runCodeServer(fixtures: Fixtures): Promise<number> {
  const host = installHost();
  const { chromium } = await import('playwright-core');
  const port = await freePort();
  const base = path.join(ROOT, '.e2e', `run-${process.pid}`);
  rmSync(base, { recursive: true, force: true });
  cleanups.push(async () => {
    if (!process.env.E2E_KEEP) rmSync(base, { recursive: true, force: true });
  });
  const dirs = {
    ud: path.join(base, 'ud'),
    ext: path.join(base, 'ext'),
    xdg: path.join(base, 'xdg'),
    workspace: path.join(base, 'workspace'),
    freshWorkspace: path.join(base, 'fresh-workspace'),
    untrustedWorkspace: path.join(base, 'untrusted-workspace'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  writeFileSync(path.join(base, 'config.yaml'), 'auth: none\n');
  // Settings the suite relies on: no restored editors, no chat pane in the way. Workspace trust is
  // off (every folder trusted) by this setting rather than --disable-workspace-trust, so that the
  // Restricted Mode phase can turn it on for its own window.
  mkdirSync(path.join(dirs.ud, 'User'), { recursive: true });
  const userSettings = path.join(dirs.ud, 'User', 'settings.json');
  const writeUserSettings = (trust: boolean): void =>
    writeFileSync(
      userSettings,
      JSON.stringify(
        {
          'workbench.startupEditor': 'none',
          'chat.commandCenter.enabled': false,
          'workbench.secondarySideBar.defaultVisibility': 'hidden',
          'telemetry.telemetryLevel': 'off',
          'security.workspace.trust.enabled': trust,
          // No startup modal: the untrusted folder opens in Restricted Mode at once.
          'security.workspace.trust.startupPrompt': 'never',
          'security.workspace.trust.untrustedFiles': 'open',
          // SES SMTP hosts resolve through the fixtures' DNS server (NXDOMAIN for ap-south-2), not the machine's.
          'sesSmtpToolkit.dns.servers': [fixtures.env.SES_E2E_SES_DNS],
        },
        null,
        2,
      ),
    );
  writeUserSettings(false);
  mkdirSync(RESULTS, { recursive: true });

  let page: Page | undefined;
  const bridge = await startBridge(() => page);
  cleanups.push(() => bridge.close());

  // The whole environment goes through (SES_E2E_*, NODE_EXTRA_CA_CERTS, …), with the fixtures'
  // variables, the bridge and XDG dirs inside the run folder so nothing lands in the user's home.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...fixtures.env,
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
    XDG_STATE_HOME: path.join(dirs.xdg, 'state'),
    SES_E2E_RESULTS: RESULTS,
    SES_E2E_USER_DATA: dirs.ud,
    SES_E2E_BRIDGE_URL: `${bridge.url}/`,
    SES_E2E_SCREENSHOT_URL: `${bridge.url}/shot`,
    // Tests never reach AWS: an AWS SDK client left without an endpoint (after a suite resets the
    // aws.endpoint setting, with a profile still chosen) goes to a closed loopback port instead.
    AWS_ENDPOINT_URL: NO_AWS,
  };

  const server = spawn(
    host.node,
    [
      host.entry,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      dirs.ud,
      '--extensions-dir',
      dirs.ext,
      '--config',
      path.join(base, 'config.yaml'),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      // "Open in AWS Console" opens without the link question (the test host refuses dialogs); the
      // browser's request for it is stopped below (OUTSIDE), so nothing leaves the machine.
      '--link-protection-trusted-domains',
      '*.console.aws.amazon.com',
      '--vscode-option',
      'enable-smoke-test-driver',
      dirs.workspace,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => killGroup(server));
  const serverLog: string[] = [];
  server.stdout?.on('data', (d: Buffer) => serverLog.push(d.toString()));
  server.stderr?.on('data', (d: Buffer) => serverLog.push(d.toString()));
  const serverExited = new Promise<string>((r) =>
    server.once('exit', (code, signal) =>
      r(`code-server exited early (${signal ?? code})\n${serverLog.join('').slice(-3000)}`),
    ),
  );
  await Promise.race([
    waitFor(`http://127.0.0.1:${port}/healthz`, 60_000).catch((err: Error) => {
      throw new Error(`code-server did not start: ${err.message}\n${serverLog.join('').slice(-3000)}`);
    }),
    serverExited.then((m) => Promise.reject(new Error(m))),
  ]);

  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // Signals are ours: playwright's own handlers would exit before code-server is stopped.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // Records every text shown in every frame, for the secret-leak sweep.
  await context.addInitScript(SEEN_TEXT_RECORDER);
  // The AWS console ("Open in AWS Console") never loads: the request is recorded and stopped here.
  await context.route(OUTSIDE, (route) => {
    outsideRequests.push(route.request().url());
    return route.abort('blockedbyclient');
  });

  const remote = (p: string): string => `vscode-remote://127.0.0.1:${port}${p}`;
  const runPhase = async (
    entry: string,
    label: string,
    finalShot: string,
    folder = dirs.workspace,
  ): Promise<number> => {
    page = await context.newPage();
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (text.startsWith('e2e failure:') || !NOISE.test(text)) console.log(`[host] ${text}`);
    });
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(path.join(ROOT, 'out', 'test', 'e2e', entry))],
      ['skipWelcome', 'true'],
    ];
    console.log(`e2e: ${label}`);
    await page.goto(
      `http://127.0.0.1:${port}/?folder=${encodeURIComponent(remote(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    // The server dying mid-run ends the phase at once instead of at the overall timeout.
    let settled = false;
    const died = serverExited.then((m) => {
      if (!settled && !stopping) console.error(`e2e: FAILED during ${label}: ${m}`);
      return 1;
    });
    const code = await Promise.race([exited, died]);
    settled = true;
    await page.screenshot({ path: path.join(RESULTS, finalShot) }).catch(() => undefined);
    return code;
  };

  // Restricted Mode first, before any test has changed the user settings: workspace trust on for
  // this window only, on a folder nobody trusted (trust.restricted.e2e.test.ts); then off again.
  writeUserSettings(true);
  const restricted = await runPhase(
    'restrictedIndex.js',
    'Restricted Mode (an untrusted folder)',
    'e2e-final-restricted.png',
    dirs.untrustedWorkspace,
  ).finally(() => writeUserSettings(false));
  await page?.close();
  // A fresh window, in its own empty folder: the extension is not active yet, so a test
  // can open a .env and see what activation on it brings (firstHour*.fresh.e2e.test.ts).
  const fresh = await runPhase(
    'firstHourIndex.js',
    'a fresh window (extension not yet active)',
    'e2e-final-fresh.png',
    dirs.freshWorkspace,
  );
  await page?.close();
  const first = await runPhase('index.js', 'main suite', 'e2e-final.png');
  // A window reload: the same browser profile opens the workbench again.
  await page?.close();
  const second = await runPhase('reloadIndex.js', 'after a window reload', 'e2e-final-reload.png');
  return [restricted, fresh, first, second].find((c) => c !== 0) ?? 0;
}

function summarize(code: number): void {
  let passed = 0;
  let failed = 0;
  for (const name of SUMMARIES) {
    const file = path.join(RESULTS, name);
    if (!existsSync(file)) continue;
    try {
      const summary = JSON.parse(readFileSync(file, 'utf8')) as { passed: number; failed: number };
      passed += summary.passed;
      failed += summary.failed;
    } catch {
      // a half-written summary counts as nothing
    }
  }
  if (code !== 0 && failed === 0) failed = 1;
  console.log(`e2e: ${passed} passed, ${failed} failed`);
}

async function finish(code: number): Promise<never> {
  stopping = true;
  await cleanupAll();
  summarize(code);
  process.exit(code);
}

async function main(): Promise<void> {
  const useElectron = Boolean(process.env.VSCODE_EXECUTABLE) || process.env.E2E_LAUNCHER === 'electron';
  for (const name of SUMMARIES) rmSync(path.join(RESULTS, name), { force: true });

  const watchdog = setTimeout(() => {
    console.error(
      `\ne2e: FAILED: the e2e run did not finish within ${OVERALL_TIMEOUT_MS / 1000} s (E2E_TIMEOUT_MS); stopping the host, the browser and the fixtures.`,
    );
    void finish(1);
  }, OVERALL_TIMEOUT_MS);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      console.error(`\ne2e: ${signal}: stopping the host, the browser and the fixtures`);
      void finish(code);
    });
  }

  let code: number;
  try {
    const fixtures = await startFixtures();
    cleanups.push(() => fixtures.stop());
    code = useElectron ? await runElectron(fixtures) : await runCodeServer(fixtures);
  } catch (err) {
    if (stopping) return; // the watchdog or a signal handler is finishing the run
    if (err instanceof LaunchError) console.error(`\ne2e: FAILED: ${err.message}`);
    else console.error('\ne2e: FAILED:', err);
    code = 1;
  }
  clearTimeout(watchdog);
  if (!stopping) await finish(code);
}

void main();
