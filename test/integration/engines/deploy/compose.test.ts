// The push's Compose files read back by Compose itself (Debian's docker-compose, scripts/setup.sh;
// `docker-compose config` needs no Docker daemon): the env file the plan writes and the user's
// Compose file as addEnvFileToCompose edits it give the service every key with its exact value
// (a password with + / =, a From address with spaces, <> and a $), next to the env files the
// service already had; the other services are left as they were.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { planPush } from '../../../../src/engines/deploy/plan';
import { addEnvFileToCompose } from '../../../../src/engines/deploy/compose';
import { runProgram } from '../../../../src/engines/deploy/run';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { CONVENTIONS, type SmtpValues } from '../../../../src/engines/envfile/conventions';

const PASSWORD = deriveSmtpPassword('composeSecretKeyExample/0000+000000000000', 'eu-west-1');
const VALUES: SmtpValues = {
  host: 'email-smtp.eu-west-1.amazonaws.com',
  port: 587,
  user: 'AKIACOMPOSEEXAMPLE01',
  password: PASSWORD,
  from: 'Shop $5 Deals <deals@example.com>',
  region: 'eu-west-1',
};
const generic = CONVENTIONS.find((c) => c.id === 'generic')!;

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ses-compose-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Config {
  services: Record<string, { environment?: Record<string, string> }>;
}

/** `docker-compose config` of the folder's compose.yaml, with Compose's $$ read back as $. */
async function composeConfig(folder: string): Promise<Config> {
  const r = await runProgram(
    'docker-compose',
    ['--project-directory', folder, '-f', path.join(folder, 'compose.yaml'), 'config'],
    {
      cwd: folder,
      timeoutMs: 60_000,
    },
  );
  assert.equal(r.code, 0, `docker-compose config failed: ${r.stderr}`);
  const config = parse(r.stdout) as Config;
  for (const service of Object.values(config.services))
    for (const [k, v] of Object.entries(service.environment ?? {}))
      service.environment![k] = String(v).replace(/\$\$/g, '$');
  return config;
}

const COMPOSE_FILES: Array<[string, string, Record<string, string>]> = [
  ['a service without env_file', 'services:\n  app:\n    image: busybox\n  db:\n    image: postgres\n', {}],
  [
    'a service with a list of env files',
    'services:\n  app:\n    image: busybox\n    env_file:\n      - base.env  # shared\n  db:\n    image: postgres\n',
    { APP_NAME: 'shop' },
  ],
  [
    'a service with one env file',
    'services:\n  app:\n    image: busybox\n    env_file: base.env\n  db:\n    image: postgres\n',
    { APP_NAME: 'shop' },
  ],
];

describe('Compose reads what the push writes (docker-compose config)', () => {
  for (const [name, composeText, already] of COMPOSE_FILES)
    test(name, async () => {
      const folder = fs.mkdtempSync(path.join(dir, 'p-'));
      fs.writeFileSync(path.join(folder, 'base.env'), 'APP_NAME=shop\n');
      const plan = planPush('compose', generic, VALUES, { composeFile: 'compose.yaml' });
      const file = plan.steps[0];
      assert.ok(file.kind === 'file');
      fs.writeFileSync(path.join(folder, file.path), file.content, { mode: 0o600 });
      const edit = addEnvFileToCompose(composeText, 'app', '.env.smtp', 'compose.yaml');
      fs.writeFileSync(path.join(folder, 'compose.yaml'), edit.text);

      const config = await composeConfig(folder);
      const pushed = Object.fromEntries(plan.entries.map((e) => [e.key, e.value]));
      assert.deepEqual(config.services.app.environment, { ...already, ...pushed });
      assert.equal(config.services.app.environment?.SMTP_PASSWORD, PASSWORD);
      assert.equal(config.services.app.environment?.SMTP_FROM, 'Shop $5 Deals <deals@example.com>');
      assert.equal(config.services.db.environment, undefined, 'the other service is unchanged');
    });
});
