// Issue #34 (item 6): the sending code of every stack, run for real with its framework, against
// three hostile peers on loopback and one honest one:
//   untrusted  a certificate for the right name that no trusted CA signed
//   wrongName  a certificate the test CA signed, for another host name
//   stripped   a server that offers AUTH but no STARTTLS (a man in the middle who strips it), or,
//              for TLS from the first byte, a plain-text server on the port
//   good       a certificate the test CA signed for the name used: the mail must arrive
// A refusal means: the program fails, no mail reached the peer, and the peer saw no login (in clear
// text or otherwise); each case also checks that the client did reach the peer, so a refusal is
// never a mere failure to connect. The test CA is handed to each runtime the way it trusts a CA:
// SSL_CERT_FILE (Python, Ruby, PHP, Go), NODE_EXTRA_CA_CERTS (Node), a PKCS12 trust store (Java).
// The host name is "localhost", as SES is reached by name.
//
// Runtimes and frameworks come from Debian (scripts/setup.sh test installs them): python3-django
// (3.2), ruby-railties and ruby-actionmailer (6.1), php-laravel-framework (8, SwiftMailer),
// php-symfony-mailer (5.4), libphp-phpmailer (6), libjakarta-mail-java (2.0), golang-go.
// Not from Debian: nodemailer is the project's npm dependency (Debian's node-nodemailer would
// need Debian's nodejs); Spring Boot and Laravel 9+ are not packaged, so their harnesses
// (snippetHarness/) bind the snippet's settings onto Debian's Jakarta Mail and Symfony Mailer as
// those frameworks do.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sendingSnippet, type Snippet } from '../../../../../src/features/credentials/logic/snippets';
import { type StackId } from '../../../../../src/features/credentials/logic/snippetTemplates';
import { deriveSmtpPassword } from '../../../../../src/base/password';
import { startSesSmtpServer, type SesServer } from '../../../../support/sesSmtpServer';
import { startStrippingServer, type StrippingServer } from '../../../../support/strippingSmtpServer';
import { testCertificate } from '../../../../support/tls';
import { startTestAuthority, type TestAuthority } from '../../../../support/tlsAuthority';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REGION = 'eu-west-1';
const PASSWORD = deriveSmtpPassword(SECRET, REGION);
const HOST = 'localhost';
const ROOT = path.join(__dirname, '..', '..', '..', '..', '..', '..');
const HARNESS = path.join(ROOT, 'test', 'integration', 'features', 'credentials', 'logic', 'snippetHarness');
const JAVA_CP = ['/usr/share/java/jakarta-mail.jar', '/usr/share/java/jakarta-activation.jar'];
const STORE_PASS = 'test-truststore';

type Mode = 'starttls' | 'implicit';
type Case = 'good' | 'untrusted' | 'wrongName' | 'stripped';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a process without blocking: the servers answer from this same process. */
function runAsync(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A tool from Debian that must be there: the test fails with the fix when it is not. */
function requireTool(cmd: string, args: string[], fix: string): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} does not work (${r.error?.message ?? r.stderr}); ${fix}`);
}

interface StackRun {
  /** Test title. */
  name: string;
  stack: StackId;
  file: string;
  /** The command that runs the snippet file (absolute path), with the CA trusted. */
  command(file: string, mode: Mode): { cmd: string; args: string[]; env: Record<string, string> };
  /** The TLS modes run (default both). */
  modes?: Mode[];
  /** Where a case is known NOT to be refused, and the header says so: the reason. */
  knownGap?: (mode: Mode, c: Case) => RegExp | undefined;
}

describe('sending snippets keep TLS honest against hostile servers (every stack, for real)', () => {
  let dir: string;
  let ca: TestAuthority;
  let caFile: string;
  let trustStore: string;
  const servers = {} as Record<
    Mode,
    { good: SesServer; untrusted: SesServer; wrongName: SesServer; stripped: StrippingServer }
  >;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ses-snippets-tls-'));
    ca = startTestAuthority();
    caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, ca.cert);
    const users = [{ accessKeyId: KEY, secretAccessKey: SECRET }];
    const good = ca.issue('DNS:localhost,IP:127.0.0.1');
    const other = ca.issue('DNS:other.example');
    const untrusted = testCertificate(); // self-signed for localhost: right name, unknown issuer
    for (const tls of ['starttls', 'implicit'] as const) {
      const start = (certificate: { key: string; cert: string }): Promise<SesServer> =>
        startSesSmtpServer({ region: REGION, tls, users, verified: ['example.com'], certificate });
      servers[tls] = {
        good: await start(good),
        untrusted: await start(untrusted),
        wrongName: await start(other),
        stripped: await startStrippingServer(),
      };
    }
    // Java: the CA in a PKCS12 trust store; the harness compiled once.
    requireTool('keytool', ['-help'], 'install openjdk-17-jdk-headless (scripts/setup.sh test)');
    trustStore = path.join(dir, 'trust.p12');
    const kt = spawnSync('keytool', [
      '-importcert',
      '-noprompt',
      '-alias',
      'ses-test-ca',
      '-file',
      caFile,
      '-keystore',
      trustStore,
      '-storetype',
      'PKCS12',
      '-storepass',
      STORE_PASS,
    ]);
    assert.equal(kt.status, 0, String(kt.stderr));
    mkdirSync(path.join(dir, 'java'));
    requireTool('javac', ['-version'], 'install openjdk-17-jdk-headless (scripts/setup.sh test)');
    const javac = spawnSync(
      'javac',
      ['-cp', JAVA_CP.join(':'), '-d', path.join(dir, 'java'), path.join(HARNESS, 'SpringMailHarness.java')],
      { encoding: 'utf8' },
    );
    assert.equal(javac.status, 0, `${javac.stderr} (install libjakarta-mail-java: scripts/setup.sh test)`);
  });

  after(async () => {
    for (const set of Object.values(servers)) {
      for (const server of Object.values(set)) await server.stop();
    }
    ca?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ssl = (): Record<string, string> => ({ SSL_CERT_FILE: caFile });
  const STACKS: StackRun[] = [
    {
      name: 'Node.js (nodemailer, the npm package)',
      stack: 'nodemailer',
      file: 'send.js',
      command: (file) => ({
        cmd: process.execPath,
        args: [file],
        env: { NODE_EXTRA_CA_CERTS: caFile, NODE_PATH: path.join(ROOT, 'node_modules') },
      }),
    },
    {
      name: 'Python (smtplib, Debian python3)',
      stack: 'python',
      file: 'send.py',
      command: (file) => ({ cmd: '/usr/bin/python3', args: [file], env: ssl() }),
    },
    {
      name: 'Django 3.2 (Debian python3-django)',
      stack: 'django',
      file: 'snippet_settings.py',
      command: (file) => ({ cmd: '/usr/bin/python3', args: [path.join(HARNESS, 'django_send.py'), file], env: ssl() }),
    },
    {
      name: 'Rails 6.1 (Debian ruby-railties, ruby-actionmailer)',
      stack: 'rails',
      file: 'production.rb',
      command: (file) => ({ cmd: 'ruby', args: [path.join(HARNESS, 'rails_send.rb'), file], env: ssl() }),
    },
    {
      name: 'Laravel 8 (Debian php-laravel-framework, SwiftMailer)',
      stack: 'laravel',
      file: 'mail.php',
      command: (file) => ({ cmd: 'php', args: [path.join(HARNESS, 'laravel8_send.php'), file], env: ssl() }),
    },
    {
      name: 'Laravel 11+ mapping on Symfony Mailer 5.4 (Debian php-symfony-mailer)',
      stack: 'laravel',
      file: 'mail.php',
      command: (file) => ({ cmd: 'php', args: [path.join(HARNESS, 'laravel_symfony_send.php'), file], env: ssl() }),
      // symfony/mailer before 7.3 has no require_tls: STARTTLS stays optional. The header says so.
      knownGap: (mode, c) =>
        mode === 'starttls' && c === 'stripped' ? /NOT with Laravel 9 and 10 or an older symfony\/mailer/ : undefined,
    },
    {
      name: 'Laravel 9/10 mapping (no scheme key) on Symfony Mailer 5.4 (Debian php-symfony-mailer)',
      stack: 'laravel',
      file: 'mail.php',
      command: (file) => ({
        cmd: 'php',
        args: [path.join(HARNESS, 'laravel_symfony_send.php'), file, '--laravel-10'],
        env: ssl(),
      }),
      // Laravel 9 and 10 choose TLS from the first byte by port 465 alone, which a test cannot bind
      // unprivileged; the implicit header says "on port 465".
      modes: ['starttls'],
      knownGap: (mode, c) =>
        mode === 'starttls' && c === 'stripped' ? /NOT with Laravel 9 and 10 or an older symfony\/mailer/ : undefined,
    },
    {
      name: 'Spring Boot properties on Jakarta Mail 2.0 (Debian libjakarta-mail-java)',
      stack: 'spring',
      file: 'application.properties',
      command: (file) => ({
        cmd: 'java',
        args: [
          `-Djavax.net.ssl.trustStore=${trustStore}`,
          `-Djavax.net.ssl.trustStorePassword=${STORE_PASS}`,
          '-Djavax.net.ssl.trustStoreType=PKCS12',
          '-cp',
          [path.join(dir, 'java'), ...JAVA_CP].join(':'),
          'SpringMailHarness',
          file,
        ],
        env: {},
      }),
    },
    {
      name: 'PHPMailer 6 (Debian libphp-phpmailer)',
      stack: 'phpmailer',
      file: 'send.php',
      command: (file) => ({ cmd: 'php', args: [file], env: ssl() }),
    },
    {
      name: 'Go net/smtp (Debian golang-go)',
      stack: 'go',
      file: 'main.go',
      command: (file, mode) => ({ cmd: path.join(path.dirname(file), `send-${mode}`), args: [], env: ssl() }),
    },
  ];

  /** The environment the snippet reads, by its own keys; the password travels only here. */
  function envFor(s: Snippet, port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: dir,
      [s.keys.host]: HOST,
      ...(s.keys.port ? { [s.keys.port]: String(port) } : {}),
      [s.keys.user]: KEY,
      [s.keys.password]: PASSWORD,
      [s.keys.from]: 'sender@example.com',
      [s.keys.to]: 'success@simulator.amazonses.com',
      ...extra,
    };
  }

  /** Writes the snippet for this server (its port is written in when the convention has no port key). */
  function writeSnippet(run: StackRun, mode: Mode, c: Case, port: number): { s: Snippet; file: string } {
    const s = sendingSnippet({ stack: run.stack, tls: mode, port });
    const sub = path.join(dir, `${run.name.replace(/\W+/g, '-')}-${mode}-${c}`);
    mkdirSync(sub, { recursive: true });
    const file = path.join(sub, run.file);
    writeFileSync(file, s.code);
    if (run.stack === 'phpmailer') {
      mkdirSync(path.join(sub, 'vendor'), { recursive: true });
      // The snippet requires Composer's vendor/autoload.php: Debian's autoloader stands in for it.
      writeFileSync(
        path.join(sub, 'vendor', 'autoload.php'),
        "<?php\nrequire '/usr/share/php/libphp-phpmailer/autoload.php';\n",
      );
    }
    if (run.stack === 'go') {
      const build = spawnSync('go', ['build', '-o', path.join(sub, `send-${mode}`), file], {
        cwd: sub,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: dir, GOCACHE: path.join(dir, 'gocache'), GO111MODULE: 'off' },
        timeout: 300_000,
      });
      assert.equal(build.status, 0, `go build: ${build.stderr} (install golang-go: scripts/setup.sh test)`);
    }
    return { s, file };
  }

  for (const run of STACKS) {
    for (const mode of run.modes ?? (['starttls', 'implicit'] as const)) {
      for (const c of ['good', 'untrusted', 'wrongName', 'stripped'] as const) {
        const what = {
          good: 'delivers with a trusted certificate for its name',
          untrusted: 'refuses a certificate no trusted CA signed',
          wrongName: 'refuses a trusted certificate for another host name',
          stripped:
            mode === 'starttls'
              ? 'refuses a server without STARTTLS (no login in clear text)'
              : 'refuses a plain-text server where TLS was expected',
        }[c];
        test(`${run.name} (${mode}) ${what}`, async () => {
          const peers = servers[mode];
          const server = peers[c];
          const { s, file } = writeSnippet(run, mode, c, server.port);
          const { cmd, args, env } = run.command(file, mode);
          const before = {
            mails: 'received' in server ? server.received.length : server.mails.length,
            auths: 'received' in server ? server.authAttempts.length : server.logins.length,
            opened: 'received' in server ? server.tcpConnections() : server.connections(),
          };
          const r = await runAsync(cmd, args, envFor(s, server.port, env), path.dirname(file));
          const out = `exit ${r.status}\n${r.stdout}\n${r.stderr}`;
          assert.ok(!out.includes(PASSWORD), 'the password must not appear in the program output');
          const opened = ('received' in server ? server.tcpConnections() : server.connections()) - before.opened;
          assert.ok(opened >= 1, `the client never reached the ${c} peer:\n${out}`);
          if ('received' in server) {
            const mails = server.received.slice(before.mails);
            const auths = server.authAttempts.slice(before.auths);
            if (c === 'good') {
              assert.equal(r.status, 0, out);
              assert.match(r.stdout, /Sent/);
              assert.equal(mails.length, 1, out);
              assert.equal(mails[0].user, KEY);
              assert.deepEqual(mails[0].to, ['success@simulator.amazonses.com']);
              assert.equal(mails[0].from, 'sender@example.com');
              return;
            }
            assert.notEqual(r.status, 0, `delivered to the ${c} peer:\n${out}`);
            assert.equal(mails.length, 0, `a mail reached the ${c} peer`);
            assert.equal(auths.length, 0, `the ${c} peer saw a login`);
            return;
          }
          const logins = server.logins.slice(before.auths);
          const mails = server.mails.slice(before.mails);
          const gap = run.knownGap?.(mode, c);
          if (gap) {
            // Not refused by this framework version; the snippet's header must say so.
            assert.match(s.code, gap);
            assert.equal(logins.length, 1, `expected the known gap (login in clear text):\n${out}`);
            return;
          }
          assert.notEqual(r.status, 0, `delivered without TLS:\n${out}`);
          assert.deepEqual(logins, [], 'the login went in clear text');
          assert.equal(mails.length, 0, 'a mail went in clear text');
        });
      }
    }
  }
});
