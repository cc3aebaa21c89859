// Push SMTP Settings To… against the stub CLIs (test/support/stubClis.ts) run for real: the
// program found on a PATH that holds only the stubs, spawned without a shell, the values on stdin.
// Each stub records its argv, stdin and environment: the tests read those records to prove that
// every key arrives with its exact value and that no secret reaches an argument or the
// environment; a missing or logged-out CLI blocks the push before anything is sent; a failure
// midway names the keys set and those not; the target's list confirms the names.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planPush, type DeployOptions, type DeployTargetKind } from '../../../../src/engines/deploy/plan';
import { executePush, PushBlocked, type PushPorts } from '../../../../src/engines/deploy/push';
import { findOnPath, runProgram, RunError } from '../../../../src/engines/deploy/run';
import { CONVENTIONS, type SmtpValues } from '../../../../src/engines/envfile/conventions';
import { makeStubClis, startHerokuApiPeer, type HerokuApiPeer, type StubClis } from '../../../support/stubClis';

const PASSWORD = 'BPl2v3Jc0mW5Ok8Rv6Xm1fQ9tHq7Zs4Yd2Ua5Ge8Ji1K';
const VALUES: SmtpValues = {
  host: 'email-smtp.eu-west-1.amazonaws.com',
  port: 587,
  user: 'AKIAIOSFODNN7EXAMPLE',
  password: PASSWORD,
  from: 'Mail Bot <bot@example.com>',
  region: 'eu-west-1',
};
const generic = CONVENTIONS.find((c) => c.id === 'generic')!;
const rails = CONVENTIONS.find((c) => c.id === 'rails')!;

let stubs: StubClis;
let heroku: HerokuApiPeer;

function ports(extra: Partial<PushPorts> = {}): PushPorts {
  // Only the stubs: a real gh or kubectl of the machine is never reached.
  const PATH = stubs.dir;
  return {
    findProgram: (names) => findOnPath(names, PATH),
    run: (program, args, options) => runProgram(program, args, { ...options, env: { PATH, HOME: stubs.dir } }),
    request: async (p, init) => {
      const response = await fetch(heroku.url + p, {
        method: init.method,
        headers: init.headers,
        body: init.body,
        signal: AbortSignal.timeout(init.timeoutMs),
      });
      return { status: response.status, text: await response.text() };
    },
    ...extra,
  };
}

/** No record of any stub call carries the password (or the Heroku token) in argv or the environment. */
function assertNoSecretInArgvOrEnv(): void {
  const token = stubs.state().herokuToken;
  for (const call of stubs.calls()) {
    for (const secret of [PASSWORD, token]) {
      assert.ok(!JSON.stringify(call.argv).includes(secret), `${call.cli} ${call.argv.join(' ')}: a secret is in argv`);
      assert.ok(!JSON.stringify(call.env).includes(secret), `${call.cli}: a secret is in the environment`);
    }
  }
}

before(async () => {
  stubs = makeStubClis();
  heroku = await startHerokuApiPeer(stubs);
});
after(async () => {
  await heroku.stop();
  stubs.remove();
});

const TARGETS: Array<[DeployTargetKind, DeployOptions, string]> = [
  ['github', { repo: 'octo-org/app', environment: 'production' }, 'gh:octo-org/app:production'],
  ['heroku', { app: 'my-app' }, 'heroku:my-app'],
  ['fly', { app: 'my-app', stage: true }, 'fly:my-app'],
  ['vercel', { environment: 'preview' }, 'vercel:preview'],
  ['kubernetes', { namespace: 'mail', secretName: 'ses-smtp' }, 'kubernetes:mail/ses-smtp'],
];

describe('executePush: each target gets the exact keys and values', () => {
  for (const [target, options, scope] of TARGETS) {
    test(`${target}: every key with its value, confirmed by the target's list, no secret in argv`, async () => {
      const plan = planPush(target, generic, VALUES, options);
      const result = await executePush(plan, ports());
      assert.equal(result.ok, true, result.messages.join('\n'));
      const expected = Object.fromEntries(plan.entries.map((e) => [e.key, e.value]));
      assert.deepEqual(stubs.state().store[scope], expected);
      assert.deepEqual(
        result.set,
        plan.entries.map((e) => e.key),
      );
      assert.deepEqual(result.listed?.slice().sort(), Object.keys(expected).sort());
      assert.deepEqual(result.missing, []);
      assert.ok(!result.messages.join('\n').includes(PASSWORD));
      assertNoSecretInArgvOrEnv();
    });
  }
  test('github: the password reached gh on stdin, in the call for SMTP_PASSWORD only', () => {
    const calls = stubs.calls().filter((c) => c.cli === 'gh' && c.argv[1] === 'set');
    assert.deepEqual(
      calls.filter((c) => c.stdin.includes(PASSWORD)).map((c) => c.argv[2]),
      ['SMTP_PASSWORD'],
    );
  });
  test('heroku: one PATCH with the CLI token, and config:set never runs', () => {
    assert.equal(heroku.requests.length, 1);
    assert.equal(heroku.requests[0].method, 'PATCH');
    assert.equal(heroku.requests[0].authorization, `Bearer ${stubs.state().herokuToken}`);
    assert.ok(!stubs.calls().some((c) => c.cli === 'heroku' && c.argv[0] === 'config:set'));
  });
  test('heroku with the Rails keys of the seeds: AWS_SES_SMTP_* set, none in argv', async () => {
    const plan = planPush('heroku', rails, VALUES, { app: 'rails-app' });
    const result = await executePush(plan, ports());
    assert.equal(result.ok, true);
    assert.equal(stubs.state().store['heroku:rails-app'].AWS_SES_SMTP_PASSWORD, PASSWORD);
    assertNoSecretInArgvOrEnv();
  });
  test('fly: --stage reached fly', () => {
    const call = stubs.calls().find((c) => c.cli === 'fly' && c.argv[1] === 'import');
    assert.ok(call?.argv.includes('--stage'));
  });
});

describe('executePush: a missing or logged-out CLI blocks the push before anything is sent', () => {
  for (const [target, options, scope] of TARGETS) {
    test(`${target} logged out: PushBlocked with the login step, nothing set`, async () => {
      const cli = target === 'github' ? 'gh' : target === 'kubernetes' ? 'kubectl' : target;
      stubs.setState({ loggedOut: [cli as never], store: {} });
      const before = heroku.requests.length;
      try {
        await assert.rejects(executePush(planPush(target, generic, VALUES, options), ports()), (err: unknown) => {
          assert.ok(err instanceof PushBlocked);
          assert.equal(err.reason, 'logged-out');
          assert.match(err.message, /not logged in/);
          assert.match(err.fix, /login|use-context/);
          return true;
        });
        assert.equal(stubs.state().store[scope], undefined);
        assert.equal(heroku.requests.length, before);
      } finally {
        stubs.setState({ loggedOut: [] });
      }
    });
  }
  test('a CLI not on PATH: PushBlocked with the install step, nothing run', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ses-empty-path-'));
    try {
      const count = stubs.calls().length;
      const p = { ...ports(), findProgram: (names: readonly string[]) => findOnPath(names, empty) };
      await assert.rejects(executePush(planPush('github', generic, VALUES, { repo: 'a/b' }), p), (err: unknown) => {
        assert.ok(err instanceof PushBlocked);
        assert.equal(err.reason, 'missing-cli');
        assert.match(err.message, /gh is not on PATH.*cli\.github\.com/);
        return true;
      });
      assert.equal(stubs.calls().length, count);
    } finally {
      fs.rmSync(empty, { recursive: true });
    }
  });
  test('compose needs no CLI: the file writer is the only port', async () => {
    const written: Array<[string, string]> = [];
    const plan = planPush('compose', generic, VALUES, {});
    const result = await executePush(plan, {
      findProgram: () => assert.fail('no CLI is looked for'),
      run: () => assert.fail('nothing is run'),
      writeSecretFile: async (p, content) => {
        written.push([p, content]);
        return `/folder/${p}`;
      },
    });
    assert.equal(result.ok, true);
    assert.deepEqual(result.files, ['/folder/.env.smtp']);
    assert.equal(written[0][1], plan.steps[0].kind === 'file' ? plan.steps[0].content : '');
  });
});

describe('executePush: Compose with a Compose file', () => {
  test('the env file is written, then the Compose file edited; both named', async () => {
    const order: string[] = [];
    const plan = planPush('compose', generic, VALUES, { composeFile: 'compose.yaml', service: 'web' });
    const result = await executePush(plan, {
      findProgram: () => assert.fail('no CLI is looked for'),
      run: () => assert.fail('nothing is run'),
      writeSecretFile: async (p) => {
        order.push(`write ${p}`);
        return `/folder/${p}`;
      },
      editCompose: async (p, service, envFile) => {
        order.push(`edit ${p} ${service} ${envFile}`);
        return { file: `/folder/${p}`, what: `added ${envFile} to the env_file of the service "${service}"` };
      },
    });
    assert.deepEqual(order, ['write .env.smtp', 'edit compose.yaml web .env.smtp']);
    assert.equal(result.ok, true);
    assert.deepEqual(result.files, ['/folder/.env.smtp', '/folder/compose.yaml']);
    assert.match(result.messages.join('\n'), /compose\.yaml: added \.env\.smtp to the env_file of the service "web"\./);
  });
  test('an edit that fails leaves the env file named as written and says why', async () => {
    const plan = planPush('compose', generic, VALUES, { composeFile: 'compose.yaml' });
    const result = await executePush(plan, {
      findProgram: () => undefined,
      run: () => assert.fail('nothing is run'),
      writeSecretFile: async (p) => `/folder/${p}`,
      editCompose: async () => {
        throw new Error('compose.yaml was not changed: it has unsaved changes in the editor');
      },
    });
    assert.equal(result.ok, false);
    assert.deepEqual(result.set, ['SMTP_HOST', 'SMTP_PORT', 'SMTP_USER', 'SMTP_PASSWORD', 'SMTP_SECURE', 'SMTP_FROM']);
    assert.deepEqual(result.files, ['/folder/.env.smtp']);
    assert.match(result.messages.join('\n'), /unsaved changes/);
    assert.match(result.messages.join('\n'), /Every key was set \(SMTP_HOST, .*SMTP_FROM\) before this step failed\./);
  });
  test('without an editor port the Compose step fails and says so', async () => {
    const plan = planPush('compose', generic, VALUES, { composeFile: 'compose.yaml' });
    const result = await executePush(plan, {
      findProgram: () => undefined,
      run: () => assert.fail('nothing is run'),
      writeSecretFile: async (p) => `/folder/${p}`,
    });
    assert.equal(result.ok, false);
    assert.match(result.messages.join('\n'), /No Compose file editor/);
  });
});

describe('executePush: a failure midway', () => {
  test('gh fails on the third key: the two set and the rest named, the error masked', async () => {
    stubs.setState({ store: {}, failAfter: { gh: 2 } });
    try {
      const plan = planPush('github', generic, VALUES, { repo: 'octo-org/half' });
      const result = await executePush(plan, ports());
      assert.equal(result.ok, false);
      assert.deepEqual(result.set, ['SMTP_HOST', 'SMTP_PORT']);
      assert.deepEqual(result.notSet, ['SMTP_USER', 'SMTP_PASSWORD', 'SMTP_SECURE', 'SMTP_FROM']);
      assert.match(result.messages.join('\n'), /Set before the failure: SMTP_HOST, SMTP_PORT\. Not set: SMTP_USER/);
      assert.match(result.messages.join('\n'), /502/);
      assert.deepEqual(Object.keys(stubs.state().store['gh:octo-org/half']), ['SMTP_HOST', 'SMTP_PORT']);
    } finally {
      stubs.setState({ failAfter: {} });
    }
  });
  test('heroku API refusing the token: nothing set, the token is not in the message', async () => {
    stubs.setState({ store: {} });
    const p = ports({
      request: async (route, init) => {
        const response = await fetch(heroku.url + route, {
          method: init.method,
          headers: { ...init.headers, Authorization: 'Bearer wrong' },
          body: init.body,
        });
        return { status: response.status, text: await response.text() };
      },
    });
    const result = await executePush(planPush('heroku', generic, VALUES, { app: 'my-app' }), p);
    assert.equal(result.ok, false);
    assert.match(result.messages.join('\n'), /401.*Invalid credentials/);
    assert.match(result.messages.join('\n'), /Nothing was set/);
    assert.ok(!result.messages.join('\n').includes(stubs.state().herokuToken));
  });
});

describe('runProgram', () => {
  test('a timeout stops the program and says so', async () => {
    await assert.rejects(
      runProgram(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 200 }),
      (err: unknown) => {
        assert.ok(err instanceof RunError);
        assert.equal(err.reason, 'timeout');
        return true;
      },
    );
  });
  test('cancelling stops the program', async () => {
    const controller = new AbortController();
    const running = runProgram(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { signal: controller.signal });
    setImmediate(() => controller.abort());
    await assert.rejects(running, (err: unknown) => err instanceof RunError && err.reason === 'cancelled');
  });
  test('an argument with shell syntax reaches the program as one word, run by no shell', async () => {
    const r = await runProgram(
      process.execPath,
      ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', '$(touch /tmp/x); `id` | cat'],
      {},
    );
    assert.deepEqual(JSON.parse(r.stdout), ['$(touch /tmp/x); `id` | cat']);
  });
  test('stdin reaches the program whole', async () => {
    const r = await runProgram(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], { stdin: 'a\nb=c' });
    assert.equal(r.stdout, 'a\nb=c');
  });
  test('findOnPath: relative PATH entries and non-executables are skipped', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ses-path-'));
    try {
      fs.writeFileSync(path.join(dir, 'gh'), '', { mode: 0o644 });
      assert.equal(findOnPath(['gh'], dir), undefined);
      fs.chmodSync(path.join(dir, 'gh'), 0o755);
      assert.equal(findOnPath(['gh'], `.${path.delimiter}${dir}`), path.join(dir, 'gh'));
      assert.equal(findOnPath(['../gh'], dir), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
