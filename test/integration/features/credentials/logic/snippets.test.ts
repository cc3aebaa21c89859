// Issue #17: the Copy Sending Code snippets, run for real against the SES-like server. Node and
// Python snippets must deliver a mail with certificate verification on (the test CA is given
// through the runtime's standard variables: NODE_EXTRA_CA_CERTS, SSL_CERT_FILE). The others are
// parsed by their language's tool where it is installed, and skipped with the reason otherwise.
// Every stack, Spring included, also runs for real in its framework against hostile servers in
// snippets.tls.test.ts (issue #34).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sendingSnippet, type Snippet } from '../../../../../src/features/credentials/logic/snippets';
import { type StackId } from '../../../../../src/features/credentials/logic/snippetTemplates';
import { deriveSmtpPassword } from '../../../../../src/base/password';
import { startSesSmtpServer, type SesServer } from '../../../../support/sesSmtpServer';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REGION = 'eu-west-1';
const PASSWORD = deriveSmtpPassword(SECRET, REGION);
const ROOT = path.join(__dirname, '..', '..', '..', '..', '..', '..');

/** Runs a process without blocking: the server answers from this same process. */
function runAsync(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

function installed(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 10_000 });
  return r.status === 0;
}

const HAS = {
  python: installed('python3', ['--version']),
  ruby: installed('ruby', ['--version']),
  php: installed('php', ['--version']),
  gofmt: installed('gofmt', ['--help']) || spawnSync('gofmt', ['-l', '/dev/null']).status === 0,
};

describe('sending snippets run against the SES-like server', () => {
  let starttls: SesServer;
  let implicit: SesServer;
  let dir: string;
  let caFile: string;

  before(async () => {
    const users = [{ accessKeyId: KEY, secretAccessKey: SECRET }];
    starttls = await startSesSmtpServer({ region: REGION, tls: 'starttls', users, verified: ['example.com'] });
    implicit = await startSesSmtpServer({ region: REGION, tls: 'implicit', users, verified: ['example.com'] });
    dir = mkdtempSync(path.join(tmpdir(), 'ses-snippets-'));
    caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, starttls.ca);
  });
  after(async () => {
    await starttls.stop();
    await implicit.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The environment the snippet reads, by its own keys; the password only ever travels here. */
  function envFor(s: Snippet, server: SesServer, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      [s.keys.host]: '127.0.0.1',
      ...(s.keys.port ? { [s.keys.port]: String(server.port) } : {}),
      [s.keys.user]: KEY,
      [s.keys.password]: PASSWORD,
      [s.keys.from]: 'sender@example.com',
      [s.keys.to]: 'success@simulator.amazonses.com',
      ...extra,
    };
  }

  async function run(
    stack: StackId,
    file: string,
    cmd: string,
    server: SesServer,
    opts: { convention?: string; env: object },
  ) {
    const s = sendingSnippet({ stack, convention: opts.convention, tls: server.options.tls, port: server.port });
    const target = path.join(dir, file);
    writeFileSync(target, s.code);
    const before = server.received.length;
    const r = await runAsync(cmd, [target], { ...envFor(s, server), ...opts.env });
    return { s, r, mails: server.received.slice(before) };
  }

  for (const mode of ['starttls', 'implicit'] as const) {
    test(`nodemailer (${mode}) delivers a mail, certificate verified with NODE_EXTRA_CA_CERTS`, async () => {
      const server = mode === 'starttls' ? starttls : implicit;
      const env = { NODE_EXTRA_CA_CERTS: caFile, NODE_PATH: path.join(ROOT, 'node_modules') };
      const { r, mails } = await run('nodemailer', `mail-${mode}.js`, process.execPath, server, { env });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /Sent: 250 Ok/);
      assert.equal(mails.length, 1);
      assert.equal(mails[0].subject, 'Test from nodemailer through Amazon SES');
      assert.equal(mails[0].user, KEY);
      assert.deepEqual(mails[0].to, ['success@simulator.amazonses.com']);
    });
  }

  test('nodemailer without the CA refuses the self-signed certificate (verification is on)', async () => {
    const { r, mails } = await run('nodemailer', 'mail-noca.js', process.execPath, starttls, {
      env: { NODE_PATH: path.join(ROOT, 'node_modules') },
    });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /self[- ]signed|certificate/i);
    assert.equal(mails.length, 0);
  });

  test('nodemailer with the Laravel convention reads MAIL_* keys', async () => {
    const env = { NODE_EXTRA_CA_CERTS: caFile, NODE_PATH: path.join(ROOT, 'node_modules') };
    const { s, r, mails } = await run('nodemailer', 'mail-laravel.js', process.execPath, starttls, {
      convention: 'laravel',
      env,
    });
    assert.equal(s.keys.password, 'MAIL_PASSWORD');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(mails.length, 1);
  });

  for (const mode of ['starttls', 'implicit'] as const) {
    test(`Python smtplib (${mode}) delivers a mail, certificate verified with SSL_CERT_FILE`, async (t) => {
      if (!HAS.python) return t.skip('python3 is not installed');
      const server = mode === 'starttls' ? starttls : implicit;
      const { r, mails } = await run('python', `mail_${mode}.py`, 'python3', server, {
        env: { SSL_CERT_FILE: caFile },
      });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /Sent/);
      assert.equal(mails.length, 1);
      assert.equal(mails[0].subject, 'Test from Python through Amazon SES');
      assert.equal(mails[0].headerFrom, 'sender@example.com');
    });
  }

  test('Python without the CA refuses the certificate', async (t) => {
    if (!HAS.python) return t.skip('python3 is not installed');
    const { r, mails } = await run('python', 'mail_noca.py', 'python3', starttls, {
      env: { SSL_CERT_FILE: '/nonexistent' },
    });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /CERTIFICATE_VERIFY_FAILED/);
    assert.equal(mails.length, 0);
  });

  /** Snippets that cannot run here are parsed by their language's own tool. */
  const parsers: Array<[StackId, string, string, string[], boolean, string]> = [
    ['django', 'settings.py', 'python3', ['-m', 'py_compile'], HAS.python, 'python3 is not installed'],
    ['rails', 'production.rb', 'ruby', ['-c'], HAS.ruby, 'ruby is not installed'],
    ['laravel', 'mail.php', 'php', ['-l'], HAS.php, 'php is not installed'],
    ['phpmailer', 'send.php', 'php', ['-l'], HAS.php, 'php is not installed'],
    ['go', 'main.go', 'gofmt', ['-e', '-l'], HAS.gofmt, 'gofmt (Go) is not installed'],
  ];
  for (const [stack, file, cmd, args, has, why] of parsers) {
    for (const mode of ['starttls', 'implicit'] as const) {
      test(`${stack} (${mode}) parses with ${cmd} ${args.join(' ')}`, (t) => {
        if (!has) {
          t.diagnostic(`skipped: ${why}`);
          return t.skip(why);
        }
        const s = sendingSnippet({ stack, tls: mode, port: mode === 'starttls' ? 587 : 465 });
        const target = path.join(dir, `${mode}-${file}`);
        writeFileSync(target, s.code);
        const r = spawnSync(cmd, [...args, target], { encoding: 'utf8', timeout: 30_000 });
        assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
        assert.doesNotMatch(r.stderr, /error/i);
      });
    }
  }

  test('a broken snippet does fail the parse (the parsers are really used)', (t) => {
    if (!HAS.ruby) return t.skip('ruby is not installed');
    const target = path.join(dir, 'broken.rb');
    writeFileSync(
      target,
      sendingSnippet({ stack: 'rails', tls: 'starttls', port: 587 }).code.replace(/\nend\n$/, '\n'),
    );
    assert.notEqual(spawnSync('ruby', ['-c', target]).status, 0);
  });
});
