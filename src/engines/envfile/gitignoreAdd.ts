// "Add to .gitignore": one line naming the .env file, appended to the workspace folder's own
// .gitignore. The file name comes from the repository, so the line is written only when it is a
// plain path (no newline that would add a second rule, no glob or negation that would match other
// files, no shell syntax), and the .gitignore is written only when it is a regular file: a
// repository's `.gitignore -> ../../.bashrc` would otherwise have the link's target rewritten.
import * as nodeFs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic, type AtomicFs } from './fsAtomic';
import { expectString } from '../../base/guards';

export class GitignoreRefused extends Error {}

/** Letters, digits and . _ - + @ , = / : nothing git reads as a pattern, nothing a shell runs. */
const PLAIN_ENTRY = /^[A-Za-z0-9._+@,=-]+(\/[A-Za-z0-9._+@,=-]+)*$/;

/** The .gitignore line for `file` (inside `folder`), or a GitignoreRefused saying why not. */
export function gitignoreEntry(folder: string, file: string): string {
  expectString(folder, 'gitignoreEntry', 'folder');
  expectString(file, 'gitignoreEntry', 'file');
  const relative = path.relative(folder, file);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative))
    throw new GitignoreRefused(`${file} is not inside ${folder}; nothing was added to .gitignore.`);
  const entry = relative.split(path.sep).join('/');
  if (!PLAIN_ENTRY.test(entry) || entry.split('/').some((part) => part === '.' || part === '..'))
    throw new GitignoreRefused(
      `The file name ${JSON.stringify(entry)} has characters .gitignore would read as a pattern or a new line ` +
        '(only letters, digits and . _ - + @ , = are written). Add the line to .gitignore yourself, or rename ' +
        'the file; nothing was added.',
    );
  return entry;
}

export type GitignoreFs = AtomicFs & Pick<typeof nodeFs.promises, 'lstat' | 'readFile'>;

/** Appends the line for `file` to `folder`/.gitignore (created when missing). Returns the line and the file. */
export async function addToGitignore(
  folder: string,
  file: string,
  fs: GitignoreFs = nodeFs.promises,
): Promise<{ entry: string; gitignore: string }> {
  const entry = gitignoreEntry(folder, file);
  const gitignore = path.join(folder, '.gitignore');
  let current = '';
  let stat: nodeFs.Stats | undefined;
  try {
    stat = await fs.lstat(gitignore);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new GitignoreRefused(`Cannot read ${gitignore}: ${(err as Error).message}. Nothing was added.`);
  }
  if (stat?.isSymbolicLink())
    throw new GitignoreRefused(
      `${gitignore} is a symbolic link; the file it points to is not changed. Add the line ${entry} ` +
        'to the ignore file yourself.',
    );
  if (stat && !stat.isFile())
    throw new GitignoreRefused(
      `${gitignore} is not a regular file. Add the line ${entry} yourself; nothing was added.`,
    );
  if (stat) current = await fs.readFile(gitignore, 'utf8');
  const next = `${current}${current && !current.endsWith('\n') ? '\n' : ''}${entry}\n`;
  await writeFileAtomic(gitignore, next, fs);
  return { entry, gitignore };
}
