// The profile list is what the SDK's fromIni resolves: read by the SDK's own loader from files
// in a temp dir named by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE (or HOME/.aws).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromIni } from '@aws-sdk/credential-providers';
import { readAwsProfiles } from '../../../../src/engines/bundles/aws';
import { profilesFromFiles } from '../../../../src/engines/aws/profiles';

let dir: string;
let n = 0;

/** Writes the two files and returns the variables that name them. */
function files(config: string | undefined, credentials: string | undefined): NodeJS.ProcessEnv {
  const sub = path.join(dir, String(++n));
  mkdirSync(sub);
  const env: NodeJS.ProcessEnv = { HOME: path.join(sub, 'no-home') };
  env.AWS_CONFIG_FILE = path.join(sub, 'config');
  env.AWS_SHARED_CREDENTIALS_FILE = path.join(sub, 'credentials');
  if (config !== undefined) writeFileSync(env.AWS_CONFIG_FILE, config);
  if (credentials !== undefined) writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, credentials);
  return env;
}

/** What fromIni makes of a profile with these files: the access key id, or the error. */
async function resolve(env: NodeJS.ProcessEnv, profile: string): Promise<string> {
  const saved = { c: process.env.AWS_CONFIG_FILE, k: process.env.AWS_SHARED_CREDENTIALS_FILE };
  process.env.AWS_CONFIG_FILE = env.AWS_CONFIG_FILE;
  process.env.AWS_SHARED_CREDENTIALS_FILE = env.AWS_SHARED_CREDENTIALS_FILE;
  try {
    return (await fromIni({ profile, ignoreCache: true })()).accessKeyId;
  } catch (err) {
    return `error: ${(err as Error).message}`;
  } finally {
    for (const [k, v] of [
      ['AWS_CONFIG_FILE', saved.c],
      ['AWS_SHARED_CREDENTIALS_FILE', saved.k],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const CONFIG = `# shared config
[default]
region = eu-west-1 ; trailing comment
output = json

[profile team#2]
region = us-east-2
aws_access_key_id = AKIACONFIGTEAM000002
aws_secret_access_key = from-config

[profile dev]   # a comment after the header
region=eu-central-1
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[services local-ses]
sesv2 =
  endpoint_url = http://localhost:4566

[profile admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = default
region = us-west-2

[profile legacy-sso]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = ReadOnly

[profile tool]
credential_process = /usr/local/bin/get-creds --profile "tool #1"

[not-a-profile]
region = ap-south-1
; [profile commented-out]
# [profile also-commented]
`;

const CREDENTIALS = `# shared credentials
[default]
aws_access_key_id = AKIADEFAULT000000001
aws_secret_access_key = abc#not-a-comment;neither

[team#2]
aws_access_key_id=AKIATEAM000000000002
aws_secret_access_key=team-secret

[ci]
aws_access_key_id = AKIACI00000000000003
aws_secret_access_key = ci-secret
region = ca-central-1
`;

describe('AWS profiles as the SDK reads them', () => {
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ses-profiles-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('config and credentials files: the union, default first, each with its kind and region', async () => {
    const env = files(CONFIG, CREDENTIALS);
    assert.deepEqual(await readAwsProfiles(env), [
      { name: 'default', region: 'eu-west-1', kind: 'static' },
      { name: 'admin', region: 'us-west-2', kind: 'role' },
      { name: 'ci', region: 'ca-central-1', kind: 'static' },
      { name: 'dev', region: 'eu-central-1', kind: 'sso' },
      { name: 'legacy-sso', kind: 'sso' },
      { name: 'team#2', kind: 'static' },
      { name: 'tool', kind: 'process' },
    ]);
  });

  test('the list is exactly what fromIni resolves: static profiles give their own key', async () => {
    const env = files(CONFIG, CREDENTIALS);
    const profiles = await readAwsProfiles(env);
    const keys: Record<string, string> = {};
    for (const p of profiles.filter((p) => p.kind === 'static')) keys[p.name] = await resolve(env, p.name);
    // `[team#2]` keeps its `#`, and its keys do not leak into default (the old parser cut the
    // header at `#` and wrote team#2's keys over default's).
    assert.deepEqual(keys, {
      default: 'AKIADEFAULT000000001',
      ci: 'AKIACI00000000000003',
      'team#2': 'AKIATEAM000000000002',
    });
  });

  test('what is not listed, fromIni does not resolve either', async () => {
    const env = files(CONFIG, CREDENTIALS);
    const names = (await readAwsProfiles(env)).map((p) => p.name);
    for (const missing of ['not-a-profile', 'corp', 'local-ses', 'commented-out', 'also-commented']) {
      assert.ok(!names.includes(missing), `${missing} is not listed`);
      assert.match(await resolve(env, missing), /^error: Could not resolve credentials using profile/, missing);
    }
  });

  test('`#` in a config file profile name: the SDK drops [profile team#2], so its settings go nowhere', async () => {
    const env = files(CONFIG, undefined);
    const profiles = await readAwsProfiles(env);
    assert.ok(!profiles.some((p) => p.name === 'team#2'));
    assert.deepEqual(
      profiles.find((p) => p.name === 'default'),
      { name: 'default', region: 'eu-west-1', kind: 'other' },
    );
    assert.match(await resolve(env, 'team#2'), /^error: /);
  });

  test('comments: ; and # start one only at the line start or after a space', async () => {
    const env = files(
      '[profile a#b] ; comment\nregion = eu-north-1 # comment\n[profile c]\nregion=us-east-1;not-a-comment\n',
      '[x;y]\naws_access_key_id = AKIAXY00000000000001 # comment\naws_secret_access_key = s#s\n',
    );
    const profiles = await readAwsProfiles(env);
    // [profile a#b] is not a valid config section for the SDK (like team#2); region keeps ";not-a-comment".
    assert.deepEqual(profiles, [
      { name: 'c', region: 'us-east-1;not-a-comment', kind: 'other' },
      { name: 'x;y', kind: 'static' },
    ]);
    assert.equal(await resolve(env, 'x;y'), 'AKIAXY00000000000001');
  });

  test('sso-session sections are not profiles; a profile using one is an SSO profile', async () => {
    const env = files(
      '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n',
      undefined,
    );
    assert.deepEqual(await readAwsProfiles(env), [{ name: 'dev', kind: 'sso' }]);
    assert.match(await resolve(env, 'dev'), /SSO/i);
  });

  test('credential_process and role profiles are listed with their kind', async () => {
    const env = files(
      '[profile p]\ncredential_process = /bin/false\n[profile r]\nrole_arn = arn:aws:iam::111122223333:role/R\ncredential_source = Environment\n',
      undefined,
    );
    assert.deepEqual(await readAwsProfiles(env), [
      { name: 'p', kind: 'process' },
      { name: 'r', kind: 'role' },
    ]);
    // fromIni runs the process of the listed profile.
    assert.match(await resolve(env, 'p'), /Command failed: \/bin\/false/);
  });

  test('credentials file settings override the config file for the same profile, as in fromIni', async () => {
    const env = files(
      '[profile both]\nregion = eu-west-3\ncredential_process = /bin/false\n',
      '[both]\naws_access_key_id = AKIABOTH000000000001\naws_secret_access_key = s\nregion = eu-south-1\n',
    );
    assert.deepEqual(await readAwsProfiles(env), [{ name: 'both', region: 'eu-south-1', kind: 'process' }]);
  });

  test('AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE are honoured; without them, HOME/.aws', async () => {
    const env = files(
      '[profile only-config]\nregion = sa-east-1\n',
      '[only-credentials]\naws_access_key_id = AKIAONLY000000000001\naws_secret_access_key = s\n',
    );
    assert.deepEqual(
      (await readAwsProfiles(env)).map((p) => p.name),
      ['only-config', 'only-credentials'],
    );
    const home = path.join(dir, 'home');
    mkdirSync(path.join(home, '.aws'), { recursive: true });
    writeFileSync(path.join(home, '.aws', 'config'), '[profile from-home]\nregion = me-south-1\n');
    writeFileSync(
      path.join(home, '.aws', 'credentials'),
      '[default]\naws_access_key_id = AKIAHOME000000000001\naws_secret_access_key = s\n',
    );
    assert.deepEqual(await readAwsProfiles({ HOME: home }), [
      { name: 'default', kind: 'static' },
      { name: 'from-home', region: 'me-south-1', kind: 'other' },
    ]);
  });

  test('missing files and a file the SDK refuses give no profiles, not an error', async () => {
    assert.deepEqual(await readAwsProfiles(files(undefined, undefined)), []);
    // The SDK refuses a [__proto__] section and then ignores that whole file.
    assert.deepEqual(
      await readAwsProfiles(
        files('[profile ok]\nregion = eu-west-1\n', '[__proto__]\naws_access_key_id = AKIAPROTO00000000001\n'),
      ),
      [{ name: 'ok', region: 'eu-west-1', kind: 'other' }],
    );
  });

  test('edits are seen on the next call (no cached file); a section without settings is no profile', async () => {
    const env = files('[profile one]\nregion = eu-west-1\n', undefined);
    assert.deepEqual(
      (await readAwsProfiles(env)).map((p) => p.name),
      ['one'],
    );
    writeFileSync(
      env.AWS_CONFIG_FILE!,
      '[profile one]\nregion = eu-west-1\n[profile two]\nregion = eu-west-2\n[profile empty]\n',
    );
    assert.deepEqual(
      (await readAwsProfiles(env)).map((p) => p.name),
      ['one', 'two'],
    );
    assert.match(await resolve(env, 'empty'), /^error: Could not resolve credentials using profile/);
  });

  test('profilesFromFiles: sso-session and services entries of the config file are skipped', () => {
    assert.deepEqual(
      profilesFromFiles(
        {
          default: { region: 'eu-west-1' },
          'sso-session.corp': { sso_start_url: 'x' },
          'services.s': { 'ses.endpoint_url': 'y' },
          z: {},
        },
        { a: { aws_access_key_id: 'AKIA' } },
      ),
      [
        { name: 'default', region: 'eu-west-1', kind: 'other' },
        { name: 'a', kind: 'static' },
        { name: 'z', kind: 'other' },
      ],
    );
  });
});
