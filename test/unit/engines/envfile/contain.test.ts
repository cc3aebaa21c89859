// Where a .env write may go (core/env/contain.ts): real files, real symlinks and a real git
// repository in a temporary folder; every rule refused on its own, and the near misses accepted.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkEnvTarget, gitIgnores, gitTracks, isEnvFileName } from '../../../../src/engines/envfile/contain';

describe('.env names', () => {
  test('.env, .env.<name> and <name>.env are .env files', () => {
    for (const name of ['.env', '.env.local', '.env.production', '.env.e', 'prod.env', 'a.env'])
      assert.equal(isEnvFileName(name), true, name);
  });
  test('near misses are not: .envrc (a shell script), .env., env, .env-local, .bashrc, .npmrc, authorized_keys', () => {
    for (const name of [
      '.envrc',
      '.env.',
      'env',
      '.env-local',
      'dotenv',
      '.bashrc',
      '.npmrc',
      'authorized_keys',
      'credentials',
      '.environment',
    ])
      assert.equal(isEnvFileName(name), false, name);
  });
});

describe('checkEnvTarget', () => {
  let root: string;
  let project: string;
  let outside: string;
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
      cwd: project,
      stdio: 'ignore',
    });
  };
  before(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ses-contain-')));
    project = path.join(root, 'project');
    outside = path.join(root, 'outside');
    mkdirSync(path.join(project, 'config'), { recursive: true });
    mkdirSync(outside);
    git('init', '-q');
    writeFileSync(path.join(project, 'tracked.env'), 'A=1\n');
    writeFileSync(path.join(project, 'config', 'settings.py'), 'X = 1\n');
    writeFileSync(path.join(project, '.env.example'), 'SMTP_HOST=\n');
    writeFileSync(path.join(project, '.gitignore'), '.env\n.env.local\n');
    git('add', 'tracked.env', 'config/settings.py', '.env.example', '.gitignore');
    git('commit', '-q', '-m', 'init');
    writeFileSync(path.join(project, '.env'), 'APP=1\n'); // ignored, untracked
    writeFileSync(path.join(outside, '.env'), 'B=1\n');
    writeFileSync(path.join(outside, '.bashrc'), 'echo hi\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const expectRefused = async (file: string, why: RegExp, folders = [project]): Promise<void> => {
    const r = await checkEnvTarget(file, folders);
    assert.equal(r.ok, false, `${file} must be refused`);
    if (!r.ok) {
      assert.match(r.reason, why);
      assert.match(r.reason, /Nothing was written\.$/);
    }
  };

  test('an existing untracked .env in the folder is accepted, its real path returned', async () => {
    const r = await checkEnvTarget(path.join(project, '.env'), [project]);
    assert.deepEqual(r, { ok: true, real: path.join(project, '.env'), folder: project, exists: true, ignored: true });
  });

  test('a new .env.local in a sub-folder is accepted (its folder resolved)', async () => {
    const r = await checkEnvTarget(path.join(project, 'config', '.env.local'), [project]);
    assert.deepEqual(r, {
      ok: true,
      real: path.join(project, 'config', '.env.local'),
      folder: project,
      exists: false,
      ignored: true,
    });
  });

  test('a folder opened through a symlink: the file inside it is accepted', async () => {
    const viaLink = path.join(root, 'project-link');
    symlinkSync(project, viaLink);
    try {
      const r = await checkEnvTarget(path.join(viaLink, '.env'), [viaLink]);
      assert.equal(r.ok, true);
      assert.equal(r.ok && r.real, path.join(project, '.env'));
    } finally {
      rmSync(viaLink);
    }
  });

  test('a symlinked .env inside the folder pointing at another untracked .env inside it is accepted', async () => {
    const link = path.join(project, 'config', '.env');
    symlinkSync(path.join(project, '.env'), link);
    try {
      const r = await checkEnvTarget(link, [project]);
      assert.equal(r.ok && r.real, path.join(project, '.env'));
    } finally {
      rmSync(link);
    }
  });

  test('.gitignore is checked on the real path: an ignored link to an unignored .env reports not ignored', async () => {
    const target = path.join(project, '.env.target');
    const link = path.join(project, 'config', '.env.local'); // ".env.local" is in .gitignore
    writeFileSync(target, 'A=1\n');
    symlinkSync(target, link);
    try {
      const r = await checkEnvTarget(link, [project]);
      assert.equal(r.ok, true);
      assert.equal(r.ok && r.real, target);
      assert.equal(r.ok && r.ignored, false, 'the file the password goes to is not ignored');
      assert.equal(await gitIgnores(link), true, 'the link alone would have looked ignored');
    } finally {
      rmSync(link);
      rmSync(target);
    }
  });

  test('a relative path is refused', async () => {
    await expectRefused('.env', /not an absolute path/);
  });

  test('an absolute path outside the folder is refused, even with a .env name', async () => {
    await expectRefused(path.join(outside, '.env'), /outside the open workspace folder/);
  });

  test('a path that climbs out with .. is refused', async () => {
    await expectRefused(path.join(project, '..', 'outside', '.env'), /outside the open workspace folder/);
  });

  test('the folder itself or a sibling whose name starts the same is not inside', async () => {
    mkdirSync(path.join(root, 'project-2'), { recursive: true });
    await expectRefused(path.join(root, 'project-2', '.env'), /outside the open workspace folder/);
  });

  test('a file that is not a .env (shell rc, .npmrc, settings.py) is refused by its name', async () => {
    await expectRefused(path.join(project, '.bashrc'), /\.bashrc is not a \.env file/);
    await expectRefused(path.join(project, '.npmrc'), /not a \.env file/);
    await expectRefused(path.join(project, 'config', 'settings.py'), /not a \.env file/);
    await expectRefused(path.join(project, '.envrc'), /not a \.env file/);
  });

  test('a file git tracks is refused (a password there would be committed)', async () => {
    await expectRefused(path.join(project, 'tracked.env'), /git tracks .*tracked\.env.*git rm --cached/);
    await expectRefused(path.join(project, '.env.example'), /git tracks/);
  });

  test('a .env symlinked to a tracked file is refused, naming the target', async () => {
    const link = path.join(project, '.env.staging');
    symlinkSync(path.join(project, 'tracked.env'), link);
    try {
      await expectRefused(link, /git tracks .*tracked\.env \(.*\.env\.staging links to it\)/);
    } finally {
      rmSync(link);
    }
  });

  test('a .env symlinked to a tracked non-.env file is refused by the target name', async () => {
    const link = path.join(project, '.env.py');
    symlinkSync(path.join(project, 'config', 'settings.py'), link);
    try {
      await expectRefused(link, /is a link to .*settings\.py, which is not a \.env file/);
    } finally {
      rmSync(link);
    }
  });

  test('a .env symlinked to a file outside the folder is refused', async () => {
    const link = path.join(project, '.env.out');
    symlinkSync(path.join(outside, '.env'), link);
    try {
      await expectRefused(link, /is a link to .*outside.*outside the open workspace folder/);
    } finally {
      rmSync(link);
    }
  });

  test('a .env symlinked to a shell rc file outside is refused', async () => {
    const link = path.join(project, '.env.rc');
    symlinkSync(path.join(outside, '.bashrc'), link);
    try {
      await expectRefused(link, /not a \.env file/);
    } finally {
      rmSync(link);
    }
  });

  test('a new file in a folder that is a symlink to outside is refused', async () => {
    const dirLink = path.join(project, 'linked');
    symlinkSync(outside, dirLink);
    try {
      await expectRefused(path.join(dirLink, '.env.new'), /outside the open workspace folder/);
    } finally {
      rmSync(dirLink);
    }
  });

  test('a dangling symlink is refused', async () => {
    const link = path.join(project, '.env.dangling');
    symlinkSync(path.join(outside, 'nothing.env'), link);
    try {
      await expectRefused(link, /symbolic link to a file that does not exist/);
    } finally {
      rmSync(link);
    }
  });

  test('a folder that does not exist is refused', async () => {
    await expectRefused(path.join(project, 'nope', '.env'), /does not exist/);
  });

  test('no folder open: refused', async () => {
    await expectRefused(path.join(project, '.env'), /No folder is open/, []);
  });

  test('a second workspace folder counts', async () => {
    const r = await checkEnvTarget(path.join(outside, '.env'), [project, outside]);
    assert.equal(r.ok && r.folder, outside);
  });

  test('gitTracks: tracked, untracked, outside any repository', async () => {
    assert.equal(await gitTracks(path.join(project, 'tracked.env')), true);
    assert.equal(await gitTracks(path.join(project, '.env')), false);
    assert.equal(await gitTracks(path.join(outside, '.env')), undefined);
  });

  test('a repository whose config names an fsmonitor program: git runs without it', async () => {
    const marker = path.join(root, 'fsmonitor-ran');
    const hook = path.join(root, 'hook.sh');
    writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
    git('config', 'core.fsmonitor', hook);
    try {
      assert.equal(await gitTracks(path.join(project, 'tracked.env')), true);
      assert.throws(() => execFileSync('test', ['-e', marker]), 'the fsmonitor program did not run');
    } finally {
      git('config', '--unset', 'core.fsmonitor');
    }
  });
});
