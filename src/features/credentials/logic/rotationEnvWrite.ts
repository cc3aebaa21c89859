// Rotation's .env update, the write itself. The files were checked when the preview was made, but
// the user may take a long time over the preview and the confirmation: each file is checked again
// (the .env rules on its real path: a .env name, inside an open folder, not tracked by git) and
// read again right before it is written. A file that became a link elsewhere, left the folders or
// changed stops the update with what was written so far.
import { readFile as nodeReadFile } from 'node:fs/promises';
import path from 'node:path';
import { checkEnvTarget, type ContainPorts } from '../../../engines/envfile/contain';
import { writeFileAtomic } from '../../../engines/envfile/fsAtomic';
import type { EnvFileChange } from './rotationTypes';
import { expectList, expectObject } from '../../../base/guards';

export interface EnvWritePorts {
  /** The open workspace folders' paths, as they are now. */
  folders(): readonly string[];
  contain?: ContainPorts;
  readFile?(file: string): Promise<string>;
  write?(file: string, text: string): Promise<void>;
  /** Told after each file is written. */
  written?(file: string): void;
}

/** Writes each change after checking its file again; returns the files written. */
export async function writeRotatedEnvFiles(changes: readonly EnvFileChange[], ports: EnvWritePorts): Promise<string[]> {
  expectList(changes, 'writeRotatedEnvFiles', 'changes');
  expectObject(ports, 'writeRotatedEnvFiles', 'ports');
  const read = ports.readFile ?? ((file: string) => nodeReadFile(file, 'utf8'));
  const write = ports.write ?? ((file: string, text: string) => writeFileAtomic(file, text));
  const written: string[] = [];
  const stop = (file: string, why: string) =>
    new Error(`${path.basename(file)} was not updated: ${why} ${written.length} file(s) were written`);
  for (const c of changes) {
    const target = await checkEnvTarget(c.file, ports.folders(), ports.contain);
    if (!target.ok) throw stop(c.file, target.reason);
    if (target.real !== c.file)
      throw stop(c.file, `it is now a link to ${target.real}, not the file shown in the preview.`);
    const now = await read(c.file);
    if (now !== c.before) throw stop(c.file, 'it changed since the preview.');
    await write(c.file, c.after);
    written.push(c.file);
    ports.written?.(c.file);
  }
  return written;
}
