// The feature side of core/env/contain.ts: a .env target checked against the open workspace folders.
import * as vscode from 'vscode';
import { checkEnvTarget, type ContainPorts } from '../engines/envfile/contain';
import { UserError } from './userError';

/** The workspace folders on disk (a virtual or remote-only folder cannot hold a written .env). */
export function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/**
 * The real path a .env write goes to, or a UserError that says which rule refused it (outside the
 * folder, not a .env file, a link elsewhere, tracked by git).
 */
export async function containedEnvFile(
  file: string,
  ports?: ContainPorts,
): Promise<{ real: string; exists: boolean; ignored: boolean | undefined }> {
  const target = await checkEnvTarget(file, workspaceFolderPaths(), ports);
  if (!target.ok) throw new UserError(target.reason);
  return { real: target.real, exists: target.exists, ignored: target.ignored };
}
