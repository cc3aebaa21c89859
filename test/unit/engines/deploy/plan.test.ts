// Push plans (issue #28): for each target the keys of the project's convention, the masked
// preview, the exact commands (no value in any argument) and what goes to stdin or a file. The
// Kubernetes manifest and the Compose env file are held against golden files
// (test/unit/engines/deploy/golden/); UPDATE_GOLDEN=1 rewrites them.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  composeSnippet,
  DEPLOY_TARGETS,
  DeployPlanError,
  deployEntries,
  describePlan,
  parseKeyList,
  planPush,
  secretManifest,
  type DeployPlan,
} from '../../../../src/engines/deploy/plan';
import { CONVENTIONS, customConvention, type SmtpValues } from '../../../../src/engines/envfile/conventions';
import { MASK } from '../../../../src/engines/smtp/redact';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');
const GOLDEN = path.join(ROOT, 'test', 'unit', 'engines', 'deploy', 'golden');
const PASSWORD = 'BPl2v3Jc0mW5Ok8Rv6Xm1fQ9tHq7Zs4Yd2Ua5Ge8Ji1K';
const VALUES: SmtpValues = {
  host: 'email-smtp.eu-west-1.amazonaws.com',
  port: 587,
  user: 'AKIAIOSFODNN7EXAMPLE',
  password: PASSWORD,
  from: 'noreply@example.com',
  region: 'eu-west-1',
};
const conv = (id: string) => CONVENTIONS.find((c) => c.id === id)!;
const generic = conv('generic');

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${name} differs from its golden file`);
}

function argvOf(plan: DeployPlan): string[] {
  return plan.steps.flatMap((s) =>
    s.kind === 'run'
      ? [s.program, ...s.args]
      : s.kind === 'http'
        ? [s.token.program, ...s.token.args, s.path]
        : [s.path],
  );
}

/** Every option a target takes, so each target has a plan. */
const OPTIONS = { repo: 'octo-org/app', app: 'my-app', namespace: 'mail', secretName: 'ses-smtp' };

describe('planPush: the keys of the convention', () => {
  test('the generic convention gives SMTP_* keys; the password is the one secret', () => {
    const entries = deployEntries(generic, VALUES);
    assert.deepEqual(
      entries.map((e) => e.key),
      ['SMTP_HOST', 'SMTP_PORT', 'SMTP_USER', 'SMTP_PASSWORD', 'SMTP_SECURE', 'SMTP_FROM'],
    );
    assert.deepEqual(
      entries.filter((e) => e.secret).map((e) => e.key),
      ['SMTP_PASSWORD'],
    );
  });
  test("Rails keys (the seeds' AWS_SES_SMTP_*) are what is pushed for a Rails project", () => {
    const plan = planPush('heroku', conv('rails'), VALUES, OPTIONS);
    assert.deepEqual(plan.entries.map((e) => e.key).sort(), [
      'AWS_SES_REGION',
      'AWS_SES_SMTP_ADDRESS',
      'AWS_SES_SMTP_PASSWORD',
      'AWS_SES_SMTP_USERNAME',
    ]);
  });
  test('a URL convention: the URL holds the password, so it is the secret', () => {
    const entries = deployEntries(conv('nodemailer-url'), VALUES);
    assert.deepEqual(
      entries.map((e) => [e.key, e.secret]),
      [['SMTP_URL', true]],
    );
  });
  test('no password: refused', () => {
    assert.throws(() => deployEntries(generic, { ...VALUES, password: '' }), DeployPlanError);
  });
});

describe('planPush: no value in argv, the preview masked', () => {
  for (const target of DEPLOY_TARGETS) {
    test(`${target}: no value of a secret in any argument, preview and description masked`, () => {
      const plan = planPush(target, generic, VALUES, OPTIONS);
      assert.ok(!argvOf(plan).join('\n').includes(PASSWORD), 'the password is in argv');
      for (const e of plan.entries)
        if (e.value.length > 3 && e.key !== 'SMTP_PORT' && e.key !== 'SMTP_SECURE')
          assert.ok(!argvOf(plan).some((a) => a.includes(e.value)), `${e.key}'s value is in argv`);
      const secretKey = target === 'postfix' || target === 'msmtp' ? 'password' : 'SMTP_PASSWORD';
      assert.deepEqual(
        plan.preview.find((p) => p.key === secretKey),
        { key: secretKey, shown: MASK },
      );
      assert.ok(!describePlan(plan).join('\n').includes(PASSWORD));
      assert.ok(!JSON.stringify(plan.preview).includes(PASSWORD));
      // What is really sent carries the password (stdin, body or file).
      const carried = plan.steps.map((s) =>
        s.kind === 'run' ? s.stdin : s.kind === 'http' ? s.body : s.kind === 'file' ? s.content : undefined,
      );
      assert.ok(
        carried.some((c) => c?.includes(PASSWORD)),
        'the password is sent nowhere',
      );
    });
  }
});

describe("planPush: each target's commands", () => {
  test('github: one gh secret set per key, value on stdin; --env for an environment', () => {
    const plan = planPush('github', generic, VALUES, { repo: 'octo-org/app', environment: 'production' });
    const step = plan.steps[3];
    assert.equal(step.kind, 'run');
    if (step.kind !== 'run') return;
    assert.deepEqual(step.args, ['secret', 'set', 'SMTP_PASSWORD', '--repo', 'octo-org/app', '--env', 'production']);
    assert.equal(step.stdin, PASSWORD);
    assert.equal(step.stdinPreview, MASK);
    assert.equal(plan.steps.length, plan.entries.length);
    assert.deepEqual(plan.cli?.loginArgs, ['auth', 'status']);
    assert.deepEqual(plan.listKeys?.args, ['secret', 'list', '--repo', 'octo-org/app', '--env', 'production']);
  });
  test('github: repository secrets without --env', () => {
    const plan = planPush('github', generic, VALUES, { repo: 'octo-org/app' });
    assert.ok(plan.steps.every((s) => s.kind === 'run' && !s.args.includes('--env')));
  });
  test('github: a name starting with GITHUB_ is refused', () => {
    const custom = customConvention({ host: 'GITHUB_SMTP_HOST', user: 'U', password: 'P' });
    assert.throws(() => planPush('github', custom, VALUES, OPTIONS), /GITHUB_/);
  });
  test('github: a key that is not an environment name is refused', () => {
    const custom = customConvention({ host: 'smtp.host', user: 'U', password: 'P' });
    assert.throws(() => planPush('github', custom, VALUES, OPTIONS), /capital letters/);
  });
  test('heroku: one PATCH of all keys through the Platform API, token from heroku auth:token', () => {
    const plan = planPush('heroku', generic, VALUES, { app: 'my-app' });
    assert.equal(plan.steps.length, 1);
    const step = plan.steps[0];
    assert.equal(step.kind, 'http');
    if (step.kind !== 'http') return;
    assert.equal(step.path, '/apps/my-app/config-vars');
    assert.equal(JSON.parse(step.body).SMTP_PASSWORD, PASSWORD);
    assert.equal(JSON.parse(step.bodyPreview).SMTP_PASSWORD, MASK);
    assert.deepEqual(step.token.args, ['auth:token']);
    assert.match(plan.note ?? '', /config:set takes each KEY=value on its command line/);
    assert.deepEqual(plan.listKeys?.args, ['config', '--app', 'my-app', '--json']);
  });
  test('fly: fly secrets import on stdin; --stage when asked, and the restart note when not', () => {
    const staged = planPush('fly', generic, VALUES, { app: 'my-app', stage: true });
    const step = staged.steps[0];
    assert.ok(step.kind === 'run');
    assert.deepEqual(step.args, ['secrets', 'import', '--app', 'my-app', '--stage']);
    assert.match(step.stdin ?? '', new RegExp(`^SMTP_PASSWORD=${PASSWORD.replace(/\+/g, '\\+')}$`, 'm'));
    assert.equal(staged.note, undefined);
    const live = planPush('fly', generic, VALUES, { app: 'my-app' });
    assert.ok(live.steps[0].kind === 'run' && !live.steps[0].args.includes('--stage'));
    assert.match(live.note ?? '', /restarts/);
  });
  test('fly: a value with a space or a quote is wrapped in """; one with """ is refused', () => {
    const plan = planPush('fly', generic, { ...VALUES, from: 'Mail "Bot" <bot@example.com>' }, { app: 'a' });
    assert.ok(plan.steps[0].kind === 'run');
    assert.match(plan.steps[0].stdin ?? '', /^SMTP_FROM="""Mail "Bot" <bot@example.com>"""$/m);
    assert.throws(() => planPush('fly', generic, { ...VALUES, from: 'a"""b' }, { app: 'a' }), /"""/);
  });
  test('vercel: vercel env add NAME ENV --force per key, value on stdin; the environment is checked', () => {
    const plan = planPush('vercel', generic, VALUES, { environment: 'preview' });
    assert.ok(plan.steps.every((s) => s.kind === 'run' && s.args[3] === 'preview' && s.args.includes('--force')));
    assert.throws(
      () => planPush('vercel', generic, VALUES, { environment: 'staging' }),
      /production, preview or development/,
    );
    assert.ok(planPush('vercel', generic, VALUES, {}).where.includes('production'));
  });
  test('kubernetes apply: server-side apply of the manifest on stdin', () => {
    const plan = planPush('kubernetes', generic, VALUES, { namespace: 'mail', secretName: 'ses-smtp' });
    const step = plan.steps[0];
    assert.ok(step.kind === 'run');
    assert.deepEqual(step.args, ['apply', '--server-side', '--field-manager=ses-smtp-toolkit', '-f', '-']);
    golden('secret.yaml', step.stdin ?? '');
    golden('secret.preview.yaml', step.stdinPreview ?? '');
  });
  test('kubernetes manifest: the file, 0600 by the writer, no CLI', () => {
    const plan = planPush('kubernetes', generic, VALUES, { kubernetesMode: 'manifest' });
    assert.equal(plan.cli, undefined);
    const step = plan.steps[0];
    assert.ok(step.kind === 'file');
    assert.equal(step.path, 'ses-smtp.secret.yaml');
    assert.equal(step.content, secretManifest('ses-smtp', 'default', plan.entries));
  });
  test('kubernetes: a bad namespace or name is refused (nothing like an option reaches argv)', () => {
    assert.throws(() => planPush('kubernetes', generic, VALUES, { namespace: '--all' }), /namespace/);
    assert.throws(() => planPush('kubernetes', generic, VALUES, { secretName: 'Bad_Name' }), /Secret name/);
  });
  test('compose: the env file and the snippet (golden)', () => {
    const plan = planPush('compose', generic, { ...VALUES, from: 'Mail Bot <bot@example.com>' }, { service: 'web' });
    const step = plan.steps[0];
    assert.ok(step.kind === 'file');
    assert.equal(step.path, '.env.smtp');
    golden('compose.env', step.content);
    golden('compose.preview.env', step.contentPreview);
    golden('compose.snippet.yaml', plan.snippet ?? '');
    assert.equal(plan.snippet, composeSnippet('web', '.env.smtp'));
  });
  test('compose with a Compose file: the env file, then the edit of that file; no snippet', () => {
    const plan = planPush('compose', generic, VALUES, { service: 'web', composeFile: 'deploy/compose.yaml' });
    assert.deepEqual(
      plan.steps.map((s) => s.kind),
      ['file', 'compose'],
    );
    assert.deepEqual(plan.steps[1], {
      kind: 'compose',
      path: 'deploy/compose.yaml',
      service: 'web',
      envFile: '.env.smtp',
      keys: [],
    });
    assert.equal(plan.snippet, undefined);
    assert.match(plan.where, /for the Compose service web of deploy\/compose\.yaml/);
    assert.ok(
      describePlan(plan).includes('edit deploy/compose.yaml: add .env.smtp to the env_file of the service web'),
      describePlan(plan).join('\n'),
    );
  });
  test('compose: a value with a single quote and a space is refused', () => {
    assert.throws(() => planPush('compose', generic, { ...VALUES, from: "O'Brien <o@example.com>" }), /single quote/);
  });
  test('a value with a line break is refused for every target', () => {
    for (const target of DEPLOY_TARGETS)
      assert.throws(() => planPush(target, generic, { ...VALUES, from: 'a\nB=c' }, OPTIONS), /line break/);
  });
});

describe('planPush: Postfix and msmtp files', () => {
  test('postfix: sasl_passwd (masked in the preview), the sender map, the settings and install.sh', () => {
    const plan = planPush('postfix', generic, VALUES, { verifiedIdentity: 'example.com' });
    assert.equal(plan.cli, undefined);
    const files = Object.fromEntries(plan.steps.map((s) => [s.kind === 'file' ? s.path : '', s]));
    assert.deepEqual(Object.keys(files), [
      'ses-postfix/sasl_passwd',
      'ses-postfix/sender_canonical',
      'ses-postfix/main.cf.ses',
      'ses-postfix/install.sh',
    ]);
    const sasl = files['ses-postfix/sasl_passwd'];
    assert.ok(sasl.kind === 'file');
    assert.equal(sasl.content, `[${VALUES.host}]:587 ${VALUES.user}:${PASSWORD}\n`);
    assert.ok(!sasl.contentPreview.includes(PASSWORD));
    const install = files['ses-postfix/install.sh'];
    assert.ok(install.kind === 'file');
    assert.ok(!install.content.includes(PASSWORD));
    assert.match(install.content, /^install -m 0600 ses-postfix\/sasl_passwd \/etc\/postfix\/sasl_passwd$/m);
    assert.match(install.content, /^postmap hash:\/etc\/postfix\/sasl_passwd$/m);
    assert.match(install.content, /^postconf -e 'smtp_tls_security_level = encrypt'$/m);
    assert.match(install.content, /^apt-get install -y postfix libsasl2-modules$/m);
    assert.match(plan.note ?? '', /rewritten to noreply@example\.com/);
  });
  test("postfix: the set's From is the identity when none is given; none at all is refused", () => {
    assert.match(planPush('postfix', generic, VALUES, {}).note ?? '', /rewritten to noreply@example\.com/);
    assert.throws(() => planPush('postfix', generic, { ...VALUES, from: undefined }, {}), /verified identity/);
  });
  test('msmtp: the config, masked in the preview; a domain is refused as its from', () => {
    const plan = planPush('msmtp', generic, VALUES, { verifiedIdentity: 'cron@example.com' });
    const step = plan.steps[0];
    assert.ok(step.kind === 'file');
    assert.equal(step.path, 'ses-msmtp/msmtprc');
    assert.match(step.content, /^password {7}/m);
    assert.match(step.content, /^from {11}cron@example\.com$/m);
    assert.ok(!step.contentPreview.includes(PASSWORD));
    assert.throws(() => planPush('msmtp', generic, VALUES, { verifiedIdentity: 'example.com' }), /verified address/);
  });
});

describe('planPush: the options are checked', () => {
  const cases: Array<[string, Parameters<typeof planPush>[0], object, RegExp]> = [
    ['github without a repository', 'github', {}, /GitHub repository is missing/],
    ['github with a repository that is an option', 'github', { repo: '--body=x' }, /not valid/],
    ['github with an environment that is an option', 'github', { repo: 'a/b', environment: '-x' }, /environment/],
    ['heroku without an app', 'heroku', {}, /Heroku app is missing/],
    ['heroku with an upper-case app', 'heroku', { app: 'My-App' }, /not valid/],
    ['fly with an app that is an option', 'fly', { app: '-a' }, /not valid/],
    ['compose with an env file in another folder', 'compose', { envFile: '../x.env' }, /env file name/],
    ['compose with a service that is not a name', 'compose', { service: 'a b' }, /Compose service/],
    ['compose with a Compose file above the folder', 'compose', { composeFile: '../compose.yaml' }, /Compose file/],
    [
      'compose with a Compose file in a folder above',
      'compose',
      { composeFile: 'a/../../compose.yaml' },
      /Compose file/,
    ],
    ['compose with an absolute Compose file', 'compose', { composeFile: '/etc/compose.yaml' }, /Compose file/],
    ['compose with a Compose file that is an option', 'compose', { composeFile: '-f' }, /Compose file/],
  ];
  for (const [name, target, options, message] of cases)
    test(name, () => assert.throws(() => planPush(target, generic, VALUES, options), message));
  test('near miss: a Compose file in a subfolder, or with dots in its name, is taken', () => {
    for (const composeFile of ['ops/compose.yaml', '..compose.yml', 'a/..b/compose.yaml'])
      assert.equal(planPush('compose', generic, VALUES, { composeFile }).steps[1]?.kind, 'compose', composeFile);
  });
  test('near miss: a repository with dots and dashes is taken', () => {
    assert.ok(planPush('github', generic, VALUES, { repo: 'my.org-1/app_2.js' }));
  });
  test('an unknown target is refused', () => {
    assert.throws(() => planPush('netlify' as never, generic, VALUES), /Unknown target/);
  });
});

describe('parseKeyList: names only', () => {
  test('gh: the first column', () => {
    assert.deepEqual(parseKeyList('gh', 'SMTP_HOST\tUpdated 2026\nSMTP_PASSWORD\tUpdated\n'), [
      'SMTP_HOST',
      'SMTP_PASSWORD',
    ]);
  });
  test('heroku: the keys of the JSON, values dropped', () => {
    assert.deepEqual(parseKeyList('heroku-json', '{"SMTP_PASSWORD": "secret", "A": "b"}'), ['SMTP_PASSWORD', 'A']);
    assert.deepEqual(parseKeyList('heroku-json', 'not json'), []);
    assert.deepEqual(parseKeyList('heroku-json', '["a"]'), []);
  });
  test('fly: Name or name of each item', () => {
    assert.deepEqual(parseKeyList('fly-json', '[{"Name":"A"},{"name":"B"},{"x":1}]'), ['A', 'B']);
  });
  test('vercel: the rows of the table, not its header or prose', () => {
    const out = '> Environment Variables found for octo/app\n\n name    value\n SMTP_HOST  Encrypted  production\n';
    assert.deepEqual(parseKeyList('vercel', out), ['SMTP_HOST']);
  });
  test('lines: Kubernetes keys with dots', () => {
    assert.deepEqual(parseKeyList('lines', 'smtp.host\nSMTP_PORT\n'), ['smtp.host', 'SMTP_PORT']);
  });
});
