// After a write: make sure git will not commit the .env file that now holds a password.
import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../core/env/fsAtomic';
import type { Log } from '../util';

function gitCheckIgnore(file: string): Promise<'ignored' | 'not-ignored' | 'no-git'> {
  return new Promise((resolve) => {
    execFile('git', ['check-ignore', '-q', file], { cwd: path.dirname(file), timeout: 5000 }, (err) => {
      if (!err) return resolve('ignored');
      // exit code 1: not ignored; anything else (128: not a repository, ENOENT: no git) says nothing.
      resolve((err as { code?: unknown }).code === 1 ? 'not-ignored' : 'no-git');
    });
  });
}

export async function warnIfNotIgnored(file: string, log: Log): Promise<void> {
  if ((await gitCheckIgnore(file)) !== 'not-ignored') return;
  const add = vscode.l10n.t('Add to .gitignore');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} holds an SMTP password but git does not ignore it; it could be committed.', path.basename(file)),
    add,
  );
  if (choice !== add) return;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath ?? path.dirname(file);
  const gitignore = path.join(folder, '.gitignore');
  let current = '';
  try {
    current = await readFile(gitignore, 'utf8');
  } catch {
    // a new .gitignore
  }
  const entry = path.relative(folder, file).split(path.sep).join('/');
  const next = `${current}${current && !current.endsWith('\n') ? '\n' : ''}${entry}\n`;
  await writeFileAtomic(gitignore, next);
  log.info(`Added ${entry} to ${gitignore}.`);
}
