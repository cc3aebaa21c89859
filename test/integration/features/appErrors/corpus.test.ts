// Issue #33: the corpus of application errors is produced by the real mail clients, not typed by
// hand. Each client (Python smtplib, Django, Ruby mail over Net::SMTP, PHPMailer, Symfony Mailer,
// nodemailer, Go net/smtp; clients/) sends through the SES-like SMTP server on loopback in each
// failure mode, its output is captured as the application would print it, and
//   - the whole output, pasted, is explained with the right cause;
//   - every line the terminal link provider would underline is explained with the right cause;
//   - no secret survives into the explanation.
// Runtimes from Debian (scripts/setup.sh test): python3-django, ruby-mail, libphp-phpmailer,
// php-symfony-mailer, golang-go; nodemailer is the project's npm dependency.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { explainPasted, readPasted, type Explanation } from '../../../../src/features/appErrors/logic/explain';
import { linkInLine } from '../../../../src/features/appErrors/logic/terminalLine';
import type { Cause } from '../../../../src/engines/smtp/diagnose';
import { startSesSmtpServer, type SesServer, type SesServerOptions } from '../../../support/sesSmtpServer';
import { startTestAuthority, type TestAuthority } from '../../../support/tlsAuthority';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const OTHER_SECRET = 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY';
const REGION = 'eu-west-1';
const GOOD = deriveSmtpPassword(SECRET, REGION);
const ROOT = path.join(__dirname, '..', '..', '..', '..', '..');
const CLIENTS = path.join(ROOT, 'test', 'integration', 'features', 'appErrors', 'clients');

type Mode =
  | 'bad password'
  | 'wrong region'
  | 'IAM user name'
  | 'unverified From'
  | 'unverified To in the sandbox'
  | 'throttling'
  | 'session limit'
  | 'TLS on the wrong port'
  | 'closed port';

interface ModeSetup {
  server: 'base' | 'sandbox' | 'throttle' | 'session' | 'none';
  user?: string;
  password?: string;
  from?: string;
  to?: string;
  tls?: 'starttls' | 'implicit';
  count?: number;
  /** The cause the explanation must name; `identity`: the address it must name. */
  cause: Cause['id'];
  identity?: string;
  /** Lines of SES's own wording: at least one line must be underlined in a terminal. */
  linked: boolean;
}

const MODES: Record<Mode, ModeSetup> = {
  'bad password': {
    server: 'base',
    password: deriveSmtpPassword(OTHER_SECRET, REGION),
    cause: 'password-not-from-secret',
    linked: true,
  },
  'wrong region': {
    server: 'base',
    password: deriveSmtpPassword(SECRET, 'us-east-1'),
    cause: 'wrong-region',
    linked: true,
  },
  'IAM user name': { server: 'base', user: 'smtp-user', cause: 'username-not-access-key', linked: true },
  'unverified From': {
    server: 'base',
    from: 'sender@unverified.example',
    cause: 'identity-not-verified',
    identity: 'sender@unverified.example',
    linked: true,
  },
  'unverified To in the sandbox': {
    server: 'sandbox',
    to: 'someone@elsewhere.example',
    cause: 'identity-not-verified',
    identity: 'someone@elsewhere.example',
    linked: true,
  },
  throttling: { server: 'throttle', cause: 'throttled', linked: true },
  'session limit': { server: 'session', count: 3, cause: 'session-limit', linked: true },
  'TLS on the wrong port': { server: 'base', tls: 'implicit', cause: 'tls-mode-mismatch', linked: true },
  'closed port': { server: 'none', cause: 'nothing-listening', linked: false },
};

interface Client {
  name: string;
  command(dir: string): { cmd: string; args: string[]; env: Record<string, string> };
  /** Failure modes in which this client prints no line of SES's wording or a client error's name. */
  unlinked?: Mode[];
  /** Failure modes this client recovers from by itself: the send succeeds. */
  recovers?: Mode[];
}

interface Run {
  status: number | null;
  out: string;
}

function runAsync(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, out });
    });
  });
}

function requireTool(cmd: string, args: string[], fix: string): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} does not work (${r.error?.message ?? r.stderr}); ${fix}`);
}

/** A port nothing listens on (taken and released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function names(e: Explanation): string {
  return `${e.verdict}: ${e.causes.map((c) => `${c.id} (${c.title})`).join('; ')}`;
}

function assertNamesCause(e: Explanation, setup: ModeSetup, what: string): void {
  assert.ok(e.verdict === 'ses' || e.verdict === 'client', `${what}: ${names(e)}`);
  const cause = e.causes.find((c) => c.id === setup.cause);
  assert.ok(cause, `${what}: no ${setup.cause} in ${names(e)}`);
  if (setup.identity) assert.ok(cause.title.includes(setup.identity), `${what}: ${cause.title}`);
}

describe('application errors from real mail clients are explained with their cause (issue #33)', () => {
  let dir: string;
  let ca: TestAuthority;
  let caFile: string;
  const servers = {} as Record<Exclude<ModeSetup['server'], 'none'>, SesServer>;
  let closed: number;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ses-app-errors-'));
    ca = startTestAuthority();
    caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, ca.cert);
    const certificate = ca.issue('DNS:localhost,IP:127.0.0.1');
    const common: SesServerOptions = {
      region: REGION,
      tls: 'starttls',
      users: [{ accessKeyId: KEY, secretAccessKey: SECRET }],
      verified: ['example.com'],
      certificate,
    };
    servers.base = await startSesSmtpServer(common);
    servers.sandbox = await startSesSmtpServer({ ...common, sandbox: true });
    servers.throttle = await startSesSmtpServer({ ...common, throttleNext: 1_000_000 });
    servers.session = await startSesSmtpServer({ ...common, maxMessagesPerSession: 2 });
    closed = await closedPort();
    requireTool('/usr/bin/python3', ['-c', 'import django'], 'install python3-django (scripts/setup.sh test)');
    requireTool('ruby', ['-e', 'require "mail"'], 'install ruby-mail (scripts/setup.sh test)');
    requireTool(
      'php',
      [
        '-r',
        "require '/usr/share/php/libphp-phpmailer/autoload.php'; require 'Symfony/Component/Mailer/autoload.php';",
      ],
      'install libphp-phpmailer php-symfony-mailer (scripts/setup.sh test)',
    );
    const build = spawnSync('go', ['build', '-o', path.join(dir, 'send-go'), path.join(CLIENTS, 'send_netsmtp.go')], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, GOCACHE: path.join(dir, 'gocache'), GO111MODULE: 'off' },
      timeout: 300_000,
    });
    assert.equal(build.status, 0, `go build: ${build.stderr} (install golang-go: scripts/setup.sh test)`);
  });

  after(async () => {
    for (const server of Object.values(servers)) await server.stop();
    ca?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ssl = (): Record<string, string> => ({ SSL_CERT_FILE: caFile });
  const CLIENT_LIST: Client[] = [
    {
      name: 'Python smtplib',
      command: () => ({ cmd: '/usr/bin/python3', args: [path.join(CLIENTS, 'send_smtplib.py')], env: ssl() }),
      unlinked: ['closed port'],
    },
    {
      name: 'Django (python3-django)',
      command: () => ({ cmd: '/usr/bin/python3', args: [path.join(CLIENTS, 'send_django.py')], env: ssl() }),
      unlinked: ['closed port'],
    },
    {
      name: 'Ruby mail over Net::SMTP (ruby-mail)',
      command: () => ({ cmd: 'ruby', args: [path.join(CLIENTS, 'send_mail.rb')], env: ssl() }),
    },
    {
      name: 'PHPMailer (libphp-phpmailer)',
      command: () => ({ cmd: 'php', args: [path.join(CLIENTS, 'send_phpmailer.php')], env: ssl() }),
    },
    {
      name: 'Symfony Mailer (php-symfony-mailer)',
      command: () => ({ cmd: 'php', args: [path.join(CLIENTS, 'send_symfony.php')], env: ssl() }),
    },
    {
      name: 'nodemailer',
      command: () => ({
        cmd: process.execPath,
        args: [path.join(CLIENTS, 'send_nodemailer.js')],
        env: { NODE_EXTRA_CA_CERTS: caFile, NODE_PATH: path.join(ROOT, 'node_modules') },
      }),
      // A pooled transport replaces the connection SES closed with 421 and sends the message again.
      recovers: ['session limit'],
    },
    {
      name: 'Go net/smtp (golang-go)',
      command: (d) => ({ cmd: path.join(d, 'send-go'), args: [], env: ssl() }),
    },
  ];

  for (const client of CLIENT_LIST) {
    for (const [mode, setup] of Object.entries(MODES) as Array<[Mode, ModeSetup]>) {
      test(`${client.name}: ${mode} → ${setup.cause}`, async () => {
        const server = setup.server === 'none' ? undefined : servers[setup.server];
        const password = setup.password ?? GOOD;
        const { cmd, args, env } = client.command(dir);
        const sessionHits = server?.sessionLimitHits() ?? 0;
        const r = await runAsync(
          cmd,
          args,
          {
            PATH: process.env.PATH,
            HOME: dir,
            SMTP_HOST: 'localhost',
            SMTP_PORT: String(server?.port ?? closed),
            SMTP_USER: setup.user ?? KEY,
            SMTP_PASS: password,
            SMTP_TLS: setup.tls ?? 'starttls',
            MAIL_FROM: setup.from ?? 'sender@example.com',
            MAIL_TO: setup.to ?? 'success@simulator.amazonses.com',
            MAIL_COUNT: String(setup.count ?? 1),
            ...env,
          },
          dir,
        );
        if (mode === 'session limit') assert.ok(server!.sessionLimitHits() > sessionHits, r.out);
        if (client.recovers?.includes(mode)) {
          assert.equal(r.status, 0, `expected ${client.name} to recover from the ${mode}:\n${r.out}`);
          assert.match(r.out, /Sent/);
          return;
        }
        assert.notEqual(r.status, 0, `the send did not fail:\n${r.out}`);
        // Pasted whole.
        const pasted = explainPasted(readPasted(r.out));
        assertNamesCause(pasted, setup, `pasted output\n${r.out}`);
        for (const text of [pasted.masked, JSON.stringify(pasted)]) {
          assert.ok(!text.includes(password), 'the password survived into the explanation');
        }
        // Line by line, as the terminal link provider reads it.
        const linked = r.out.split(/\r?\n/).filter((line) => linkInLine(line) !== undefined);
        if (setup.linked && !client.unlinked?.includes(mode))
          assert.ok(linked.length > 0, `no line would be underlined:\n${r.out}`);
        for (const line of linked) assertNamesCause(explainPasted(readPasted(line)), setup, `line: ${line}`);
        // APP_ERRORS_CORPUS=<file>: what each client printed and what was named (the README's table).
        if (process.env.APP_ERRORS_CORPUS) {
          const shown = linked[0] ?? r.out.trim().split(/\r?\n/).pop() ?? '';
          const top = pasted.causes.find((c) => c.id === setup.cause);
          appendFileSync(
            process.env.APP_ERRORS_CORPUS,
            `${JSON.stringify({ client: client.name, mode, line: readPasted(shown).masked.slice(0, 160), cause: top?.id, confidence: top?.confidence })}\n`,
          );
        }
      });
    }
  }
});
