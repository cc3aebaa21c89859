// Adding the SMTP env file to a service of the user's Compose file (src/engines/deploy/compose.ts):
// each form env_file can take (none, a block list, a flow list, one name, long-form entries) is
// edited in place and held against a golden file (UPDATE_GOLDEN=1 rewrites them; read the diff);
// the file already naming the env file is left alone; each file that cannot be edited safely
// (invalid YAML, no services, an alias, flow style, a merge key or anchor sharing the settings) is
// refused with the reason, and its near miss that can be edited is edited.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { addEnvFileToCompose, composeServices, ComposeEditError } from '../../../../src/engines/deploy/compose';

const GOLDEN = path.join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  'test',
  'unit',
  'engines',
  'deploy',
  'golden',
  'compose',
);

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${name} differs from its golden file`);
}

const envFileOf = (text: string, service = 'app'): unknown =>
  (parse(text) as { services: Record<string, { env_file?: unknown }> }).services[service].env_file;

const EDITS: Array<[string, string, string, unknown]> = [
  [
    'no-env-file',
    'services:\n  app: # the web app\n    # the image it runs\n    image: busybox\n    ports: ["8080:80"]\n  db:\n    image: postgres\n',
    'app',
    ['.env.smtp'],
  ],
  [
    'block-list',
    'services:\n  app:\n    image: busybox\n    env_file:\n      - .env   # shared\n      - path: ./local.env\n        required: false\n  db:\n    image: postgres\n',
    'app',
    ['.env', { path: './local.env', required: false }, '.env.smtp'],
  ],
  ['block-list-last', 'services:\n  app:\n    env_file:\n    - .env\n', 'app', ['.env', '.env.smtp']],
  [
    'flow-list',
    'services:\n  app:\n    env_file: [.env, "other.env"]  # two\n',
    'app',
    ['.env', 'other.env', '.env.smtp'],
  ],
  ['flow-list-empty', 'services:\n  app:\n    env_file: []\n    image: x\n', 'app', ['.env.smtp']],
  ['one-name', "services:\n  app:\n    env_file: '.env'\n    image: x\n", 'app', ['.env', '.env.smtp']],
  ['crlf', 'services:\r\n  web:\r\n    image: busybox\r\n', 'web', ['.env.smtp']],
  ['four-spaces', 'services:\n    app:\n        image: busybox\n', 'app', ['.env.smtp']],
  ['quoted-service', 'services:\n  "app":\n    image: busybox\n', 'app', ['.env.smtp']],
  [
    'anchor-elsewhere',
    'x-logging: &logging\n  driver: json-file\nservices:\n  app:\n    image: busybox\n    logging: *logging\n',
    'app',
    ['.env.smtp'],
  ],
];

describe('addEnvFileToCompose: the entry added in place (golden)', () => {
  for (const [name, text, service, envFile] of EDITS) {
    test(name, () => {
      const edit = addEnvFileToCompose(text, service, '.env.smtp', 'compose.yaml');
      assert.equal(edit.changed, true);
      golden(`${name}.yaml`, edit.text);
      assert.deepEqual(envFileOf(edit.text, service), envFile);
      // Everything else reads as before.
      const before = parse(text) as { services: Record<string, Record<string, unknown>> };
      const after = parse(edit.text) as { services: Record<string, Record<string, unknown>> };
      delete before.services[service].env_file;
      delete after.services[service].env_file;
      assert.deepEqual(after, before);
      assert.ok(edit.text.split(/\r?\n/)[edit.line - 1].includes('.env.smtp'), `line ${edit.line} is the new entry`);
      if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(edit.text), 'CRLF stays CRLF');
      // Once more changes nothing.
      const again = addEnvFileToCompose(edit.text, service, '.env.smtp');
      assert.equal(again.changed, false);
      assert.equal(again.text, edit.text);
    });
  }

  test('a name YAML would read as a number or with a # is quoted', () => {
    const number = addEnvFileToCompose('services:\n  app:\n    image: x\n', 'app', '123', 'compose.yaml');
    assert.deepEqual(envFileOf(number.text), ['123']);
    assert.match(number.text, /- "123"/);
    const plain = addEnvFileToCompose('services:\n  app:\n    image: x\n', 'app', 'smtp.env', 'compose.yaml');
    assert.match(plain.text, /- smtp\.env\n/);
  });
});

describe('addEnvFileToCompose: already there', () => {
  const CASES: Array<[string, string]> = [
    ['in a list', 'services:\n  app:\n    env_file:\n      - .env.smtp\n'],
    ['as ./ in a list', 'services:\n  app:\n    env_file:\n      - ./.env.smtp\n'],
    ['as a long-form path', 'services:\n  app:\n    env_file:\n      - path: .env.smtp\n        required: true\n'],
    ['as the one name', 'services:\n  app:\n    env_file: .env.smtp\n'],
    ['in a flow list', 'services:\n  app:\n    env_file: [a.env, .env.smtp]\n'],
  ];
  for (const [name, text] of CASES)
    test(name, () => {
      const edit = addEnvFileToCompose(text, 'app', '.env.smtp');
      assert.equal(edit.changed, false);
      assert.equal(edit.text, text);
      assert.match(edit.what, /already/);
    });
  test('near miss: a name that only starts the same is added', () => {
    const edit = addEnvFileToCompose('services:\n  app:\n    env_file:\n      - .env.smtp.bak\n', 'app', '.env.smtp');
    assert.equal(edit.changed, true);
    assert.deepEqual(envFileOf(edit.text), ['.env.smtp.bak', '.env.smtp']);
  });
});

describe('addEnvFileToCompose: refused, with the reason', () => {
  const REFUSED: Array<[string, string, string, RegExp]> = [
    ['invalid YAML', 'services:\n  app:\n    image: [x\n', 'app', /not valid YAML/],
    ['two documents', 'services:\n  app:\n    image: x\n---\nservices: {}\n', 'app', /more than one YAML document/],
    ['a list at the top', '- services\n', 'app', /top level is not a mapping/],
    ['no services', 'version: "3"\nvolumes: {}\n', 'app', /no "services:" mapping/],
    ['services in flow style', 'services: {app: {image: x}}\n', 'app', /services are written in flow style/],
    [
      'no such service',
      'services:\n  web:\n    image: x\n  worker:\n    image: y\n',
      'app',
      /no service "app"; its services are web, worker/,
    ],
    ['the service an alias', 'services:\n  web: &w\n    image: x\n  app: *w\n', 'app', /alias/],
    ['the service not a mapping', 'services:\n  app: busybox\n', 'app', /not a mapping of settings/],
    ['the service in flow style', 'services:\n  app: {image: x}\n', 'app', /"app" is written in flow style/],
    [
      'env_file a mapping',
      'services:\n  app:\n    env_file:\n      path: .env\n',
      'app',
      /neither a file name nor a list/,
    ],
    [
      'a merge key brings env_file',
      'x-common: &common\n  env_file: [.env]\nservices:\n  app:\n    <<: *common\n    image: x\n',
      'app',
      /anchor or a merge key/,
    ],
    [
      'the service is an anchor others use',
      'services:\n  app: &a\n    image: x\n  web: *a\n',
      'app',
      /anchor or a merge key/,
    ],
  ];
  for (const [name, text, service, why] of REFUSED)
    test(name, () => {
      assert.throws(
        () => addEnvFileToCompose(text, service, '.env.smtp', 'compose.yaml'),
        (err: unknown) => {
          assert.ok(err instanceof ComposeEditError);
          assert.match(err.message, /^compose\.yaml was not changed: /);
          assert.match(err.message, why);
          return true;
        },
      );
    });
  test('near miss: a merge key without env_file is edited (the service sets its own)', () => {
    const text = 'x-common: &common\n  restart: always\nservices:\n  app:\n    <<: *common\n    image: x\n';
    const edit = addEnvFileToCompose(text, 'app', '.env.smtp');
    assert.equal(edit.changed, true);
    assert.deepEqual(envFileOf(edit.text), ['.env.smtp']);
  });
  test('near miss: a service with a similar name is not taken for it', () => {
    assert.throws(
      () => addEnvFileToCompose('services:\n  app2:\n    image: x\n', 'app', '.env.smtp'),
      /no service "app"/,
    );
  });
});

describe('composeServices', () => {
  test('the names in order; nothing from a file that is not Compose', () => {
    assert.deepEqual(composeServices('services:\n  web:\n    image: x\n  "db":\n    image: y\n'), ['web', 'db']);
    assert.deepEqual(composeServices('services: [\n'), []);
    assert.deepEqual(composeServices('- a\n'), []);
    assert.deepEqual(composeServices('volumes: {}\n'), []);
  });
});
