// A real Postfix (Debian's postfix and libsasl2-modules, scripts/setup.sh) configured from what
// postfixRelaySetup writes relays a message to the SES-like SMTP server on 127.0.0.1, which checks
// the v4 login and refuses unverified senders: the system sender root@<myhostname> arrives rewritten
// to the verified identity. The instance runs from a temporary config folder (postfix -c), its
// smtpd on a loopback port, no chroot; it is stopped and removed after. The check of the config
// Postfix ran finds nothing, and a real Postfix whose sender is not rewritten gets SES's 554, as
// the check says for that variant. A real msmtp sends through the same server with the config
// msmtpConfig writes (the server's certificate checked against the test CA).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import nodemailer from 'nodemailer';
import { checkPostfixRelay, postfixRelaySetup } from '../../../../src/engines/deploy/postfix';
import { checkMsmtp, msmtpConfig } from '../../../../src/engines/deploy/msmtp';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { startSesSmtpServer, type SesServer } from '../../../support/sesSmtpServer';
import { startTestAuthority, type TestAuthority } from '../../../support/tlsAuthority';
import { freePort } from '../../../support/ports';

const run = promisify(execFile);
const REGION = 'eu-west-1';
const KEY = { accessKeyId: 'AKIAPOSTFIXEXAMPLE01', secretAccessKey: 'postfixRelaySecretKeyExample0000000000000' };
const PASSWORD = deriveSmtpPassword(KEY.secretAccessKey, REGION);
const MYHOSTNAME = 'ip-10-0-0-1.ec2.internal';
const SYSTEM_SENDER = `root@${MYHOSTNAME}`;
const SASL_DIR = '/usr/lib/x86_64-linux-gnu/sasl2';

interface Instance {
  root: string;
  conf: string;
  port: number;
  maillog: string;
  stop(): Promise<void>;
}

/** A Postfix instance in a temporary folder whose relay settings are `relay` (main.cf lines). */
async function startPostfix(server: SesServer, ca: string, rewrite: boolean): Promise<Instance> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ses-postfix-'));
  // Postfix's own processes (user postfix) walk into the queue.
  fs.chmodSync(root, 0o755);
  const conf = path.join(root, 'conf');
  const queue = path.join(root, 'queue');
  const data = path.join(root, 'data');
  for (const d of [conf, queue, data]) fs.mkdirSync(d, { mode: 0o755 });
  await run('chown', ['postfix', data]);
  fs.copyFileSync('/etc/postfix/master.cf', path.join(conf, 'master.cf'));
  fs.writeFileSync(path.join(conf, 'ca.pem'), ca);
  const setup = postfixRelaySetup({
    host: '127.0.0.1',
    port: server.port,
    user: KEY.accessKeyId,
    password: PASSWORD,
    verifiedIdentity: 'example.com',
    configDir: conf,
    caFile: path.join(conf, 'ca.pem'),
  });
  const port = await freePort();
  const maillog = path.join(root, 'maillog');
  const instance = [
    'compatibility_level = 3.6',
    `queue_directory = ${queue}`,
    `data_directory = ${data}`,
    'inet_interfaces = 127.0.0.1',
    'inet_protocols = ipv4',
    `myhostname = ${MYHOSTNAME}`,
    'mydestination =',
    'alias_maps =',
    'alias_database =',
    'mynetworks = 127.0.0.0/8',
    'smtpd_relay_restrictions = permit_mynetworks, reject',
    `maillog_file_prefixes = ${root}`,
    `maillog_file = ${maillog}`,
  ].join('\n');
  const relay = rewrite ? setup.mainCf : setup.mainCf.replace(/^sender_canonical_maps = .*\n/m, '');
  fs.writeFileSync(path.join(conf, 'main.cf'), `${instance}\n${relay}`);
  fs.writeFileSync(setup.files.saslPasswd, setup.saslPasswd, { mode: 0o600 });
  fs.writeFileSync(setup.files.senderCanonical, setup.senderCanonical);
  await run('postmap', ['-c', conf, `hash:${setup.files.saslPasswd}`]);
  // The instance: no chroot (no copy of /etc in the queue), smtpd on a loopback port instead of :25.
  await run('postconf', ['-c', conf, '-F', '*/*/chroot = n']);
  await run('postconf', ['-c', conf, '-M#', 'smtp/inet']);
  await run('postconf', ['-c', conf, '-M', `127.0.0.1:${port}/inet = 127.0.0.1:${port} inet n - n - - smtpd`]);
  await run('postfix', ['-c', conf, 'start']);
  return {
    root,
    conf,
    port,
    maillog,
    async stop() {
      await run('postfix', ['-c', conf, 'stop']).catch(() => undefined);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

async function submit(port: number, from: string, subject: string): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({
      envelope: { from, to: ['success@simulator.amazonses.com'] },
      from,
      to: 'success@simulator.amazonses.com',
      subject,
      text: 'cron says hello',
    });
  } finally {
    transport.close();
  }
}

async function waitFor<T>(what: string, get: () => T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > end) assert.fail(`waited in vain for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const isRoot = process.getuid?.() === 0;

/** The SES-like server both relays send to: STARTTLS with a certificate of a test authority they trust. */
async function startRelayTarget(): Promise<{ authority: TestAuthority; server: SesServer }> {
  const authority = startTestAuthority();
  const server = await startSesSmtpServer({
    region: REGION,
    tls: 'starttls',
    users: [KEY],
    verified: ['example.com'],
    certificate: authority.issue('DNS:localhost,IP:127.0.0.1'),
  });
  return { authority, server };
}

describe(
  'a real Postfix relays through the SES-like server with the settings the extension writes',
  { skip: !isRoot && 'Postfix instances need root (the tests run as root in CI)' },
  () => {
    let authority: TestAuthority;
    let server: SesServer;

    before(async () => {
      ({ authority, server } = await startRelayTarget());
    });
    after(async () => {
      await server.stop();
      authority.dispose();
    });

    test('system mail from root@<host> arrives logged in with the v4 password, sent as the verified identity', async () => {
      const pf = await startPostfix(server, authority.cert, true);
      try {
        const mainCf = fs.readFileSync(path.join(pf.conf, 'main.cf'), 'utf8');
        // The check of the very files this Postfix runs with finds nothing.
        assert.deepEqual(
          checkPostfixRelay({
            mainCf,
            saslPasswd: fs.readFileSync(path.join(pf.conf, 'sasl_passwd'), 'utf8'),
            senderCanonical: fs.readFileSync(path.join(pf.conf, 'sender_canonical'), 'utf8'),
            saslPlugins: fs.readdirSync(SASL_DIR),
            verified: ['example.com'],
          }),
          [],
        );
        await submit(pf.port, SYSTEM_SENDER, 'relayed by postfix');
        const mail = await waitFor('the relayed mail', () =>
          server.received.find((m) => m.subject === 'relayed by postfix'),
        );
        assert.equal(mail.user, KEY.accessKeyId, 'logged in with the access key id');
        assert.deepEqual(
          server.authAttempts.filter((a) => a.username === KEY.accessKeyId).map((a) => a.ok),
          [true],
          'one AUTH, accepted: the v4 password for eu-west-1',
        );
        assert.equal(mail.from, 'noreply@example.com', 'the envelope sender is rewritten');
        assert.equal(mail.headerFrom, 'noreply@example.com', 'the From header is rewritten');
        assert.match(fs.readFileSync(pf.maillog, 'utf8'), /status=sent \(250 Ok /);
      } finally {
        await pf.stop();
      }
    });

    test('without sender rewriting, SES refuses root@<host> (554 not verified), as the check says', async () => {
      const pf = await startPostfix(server, authority.cert, false);
      try {
        const mainCf = fs.readFileSync(path.join(pf.conf, 'main.cf'), 'utf8');
        const codes = checkPostfixRelay({ mainCf, verified: ['example.com'] }).map((f) => f.code);
        assert.deepEqual(codes, ['sender-not-rewritten']);
        await submit(pf.port, SYSTEM_SENDER, 'not rewritten');
        const log = await waitFor('the bounce in the mail log', () => {
          const text = fs.existsSync(pf.maillog) ? fs.readFileSync(pf.maillog, 'utf8') : '';
          return /status=bounced/.test(text) ? text : undefined;
        });
        assert.match(log, /Email address is not verified.*root@ip-10-0-0-1\.ec2\.internal/);
        assert.ok(!server.received.some((m) => m.subject === 'not rewritten'));
      } finally {
        await pf.stop();
      }
    });
  },
);

describe('a real msmtp sends through the SES-like server with the config the extension writes', () => {
  let authority: TestAuthority;
  let server: SesServer;
  let dir: string;

  before(async () => {
    ({ authority, server } = await startRelayTarget());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ses-msmtp-'));
    fs.writeFileSync(path.join(dir, 'ca.pem'), authority.cert);
  });
  after(async () => {
    await server.stop();
    authority.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const send = (config: string, subject: string): Promise<{ stdout: string; stderr: string }> => {
    const file = path.join(dir, 'msmtprc');
    fs.writeFileSync(file, config, { mode: 0o600 });
    return new Promise((resolve, reject) => {
      const child = execFile('msmtp', ['--file', file, '-t'], { timeout: 30_000 }, (err, stdout, stderr) =>
        err ? reject(Object.assign(err, { stderr })) : resolve({ stdout, stderr }),
      );
      child.stdin?.end(
        `To: success@simulator.amazonses.com\nFrom: noreply@example.com\nSubject: ${subject}\n\ncron says hello\n`,
      );
    });
  };
  const values = () => ({
    host: '127.0.0.1',
    port: server.port,
    user: KEY.accessKeyId,
    password: PASSWORD,
    from: 'noreply@example.com',
    caFile: path.join(dir, 'ca.pem'),
  });

  test('the written config checks clean and sends: STARTTLS, certificate checked, the v4 login', async () => {
    const config = msmtpConfig(values());
    assert.deepEqual(checkMsmtp(config, ['example.com']), []);
    await send(config, 'sent by msmtp');
    const mail = server.received.find((m) => m.subject === 'sent by msmtp');
    assert.ok(mail, 'the server received it');
    assert.equal(mail.user, KEY.accessKeyId);
    assert.equal(mail.from, 'noreply@example.com');
  });

  test('the same config with tls off: the check names it, and msmtp will not log in without TLS', async () => {
    const config = msmtpConfig(values()).replace(/^tls {12}on$/m, 'tls            off');
    assert.deepEqual(
      checkMsmtp(config, ['example.com']).map((f) => f.code),
      ['tls-off'],
    );
    await assert.rejects(send(config, 'no tls'), (err: Error & { stderr?: string }) => {
      assert.match(err.stderr ?? '', /cannot use a secure authentication method/);
      return true;
    });
    assert.ok(!server.received.some((m) => m.subject === 'no tls'));
  });

  test('a From that SES does not know: the check names it, and the server answers 554', async () => {
    const config = msmtpConfig({ ...values(), from: 'cron@other.example.org' });
    assert.deepEqual(
      checkMsmtp(config, ['example.com']).map((f) => f.code),
      ['from-unverified'],
    );
    const file = path.join(dir, 'msmtprc');
    fs.writeFileSync(file, config, { mode: 0o600 });
    await assert.rejects(
      new Promise((resolve, reject) => {
        const child = execFile(
          'msmtp',
          ['--file', file, 'success@simulator.amazonses.com'],
          { timeout: 30_000 },
          (err, stdout, stderr) => (err ? reject(Object.assign(err, { stderr })) : resolve(stdout)),
        );
        child.stdin?.end('Subject: unverified\n\nhello\n');
      }),
      (err: Error & { stderr?: string }) => {
        assert.match(err.stderr ?? '', /554|not verified/);
        return true;
      },
    );
  });
});
