// Where SMTP settings may be written: only a .env file inside an open workspace folder, judged on
// its real path (symlinks resolved), and never a file git tracks (a password there would be
// committed). A caller's argument object, a symlinked .env or a picked file all pass this check
// before anything is written; the refusal says which rule failed and what to do instead.
import { execFile } from 'node:child_process';
import * as nodeFs from 'node:fs';
import path from 'node:path';
import { expectObject, expectString, expectStringList } from '../../base/guards';

export interface ContainPorts {
  realpath(p: string): Promise<string>;
  lstat(p: string): Promise<{ isSymbolicLink(): boolean }>;
  /** true: git tracks the file; false: it does not; undefined: no repository or no git. */
  gitTracks(file: string): Promise<boolean | undefined>;
  /** true: .gitignore covers the file; false: it does not; undefined: no repository or no git. */
  gitIgnores(file: string): Promise<boolean | undefined>;
}

export type EnvTarget =
  | {
      ok: true;
      /** the file the bytes go to, symlinks resolved */
      real: string;
      folder: string;
      exists: boolean;
      /** whether git ignores the real file (not the link): false means a password there could be committed */
      ignored: boolean | undefined;
    }
  | { ok: false; reason: string };

/**
 * A .env file's name: `.env`, `.env.<anything>` (`.env.local`, `.env.production`) or `<name>.env`.
 * `.envrc` (direnv runs it as a shell script) and names that only contain "env" are not.
 */
export function isEnvFileName(name: string): boolean {
  expectString(name, 'isEnvFileName', 'name');
  if (name === '.env') return true;
  if (name.startsWith('.env.') && name.length > '.env.'.length) return true;
  return name.endsWith('.env') && name.length > '.env'.length && !name.includes('/') && !name.includes('\\');
}

/** git's answer for one file, with hooks off (a repository's fsmonitor setting would run a program). */
export function gitTracks(file: string): Promise<boolean | undefined> {
  expectString(file, 'gitTracks', 'file');
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', 'ls-files', '--error-unmatch', '--', path.basename(file)],
      { cwd: path.dirname(file), timeout: 5000 },
      (err) => {
        if (!err) return resolve(true);
        // exit 1: not tracked; 128: not a repository; ENOENT: no git.
        resolve((err as { code?: unknown }).code === 1 ? false : undefined);
      },
    );
  });
}

/** git check-ignore for one file (it need not exist yet), with hooks off as above. */
export function gitIgnores(file: string): Promise<boolean | undefined> {
  expectString(file, 'gitIgnores', 'file');
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', 'check-ignore', '-q', '--', path.basename(file)],
      { cwd: path.dirname(file), timeout: 5000 },
      (err) => {
        if (!err) return resolve(true);
        resolve((err as { code?: unknown }).code === 1 ? false : undefined);
      },
    );
  });
}

const nodePorts: ContainPorts = {
  realpath: (p) => nodeFs.promises.realpath(p),
  lstat: (p) => nodeFs.promises.lstat(p),
  gitTracks,
  gitIgnores,
};

function inside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

/**
 * Checks a target before SMTP settings are written to it. `folders` are the workspace folders'
 * paths. The rules, in order: an absolute path; a .env name (as given and as resolved); an
 * existing folder; the real path inside a workspace folder (its real path too); not tracked by git.
 */
export async function checkEnvTarget(
  file: string,
  folders: readonly string[],
  ports: ContainPorts = nodePorts,
): Promise<EnvTarget> {
  expectString(file, 'checkEnvTarget', 'file');
  expectStringList(folders, 'checkEnvTarget', 'folders');
  expectObject(ports, 'checkEnvTarget', 'ports');
  const refuse = (reason: string): EnvTarget => ({ ok: false, reason: `${reason} Nothing was written.` });
  if (!path.isAbsolute(file)) return refuse(`"${file}" is not an absolute path. Pass the full path of a .env file.`);
  const name = path.basename(file);
  if (!isEnvFileName(name))
    return refuse(
      `${name} is not a .env file. SMTP settings are written only to a file named .env, .env.<name> or <name>.env.`,
    );
  if (!folders.length)
    return refuse('No folder is open. Open the project folder: SMTP settings are written only into its .env files.');

  let real: string;
  let exists = true;
  try {
    real = await ports.realpath(file);
  } catch (err) {
    if (code(err) !== 'ENOENT') return refuse(`Cannot read ${file}: ${(err as Error).message}.`);
    exists = false;
    const link = await ports.lstat(file).catch(() => undefined);
    if (link?.isSymbolicLink())
      return refuse(
        `${file} is a symbolic link to a file that does not exist. Remove the link or point it at a .env file.`,
      );
    try {
      real = path.join(await ports.realpath(path.dirname(file)), name);
    } catch {
      return refuse(`The folder ${path.dirname(file)} does not exist. Create it first, or choose another .env file.`);
    }
  }
  const realName = path.basename(real);
  if (!isEnvFileName(realName))
    return refuse(
      `${file} is a link to ${real}, which is not a .env file. SMTP settings are written only to a real .env file.`,
    );

  const realFolders: string[] = [];
  for (const f of folders) realFolders.push(await ports.realpath(f).catch(() => path.resolve(f)));
  const folder = realFolders.find((f) => inside(f, real));
  if (!folder)
    return refuse(
      real === path.resolve(file)
        ? `${file} is outside the open workspace folder(s) (${realFolders.join(', ')}). SMTP settings are written only into a .env file of an open folder.`
        : `${file} is a link to ${real}, outside the open workspace folder(s) (${realFolders.join(', ')}). SMTP settings are written only into a .env file of an open folder.`,
    );

  if (exists && (await ports.gitTracks(real)) === true)
    return refuse(
      `git tracks ${real === path.resolve(file) ? file : `${real} (${file} links to it)`}, so a password written there would be committed. Untrack it (git rm --cached), add it to .gitignore, or choose another .env file.`,
    );
  return { ok: true, real, folder, exists, ignored: await ports.gitIgnores(real) };
}
