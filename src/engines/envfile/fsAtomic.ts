// Writes a file so that a crash or error never leaves it half-written: a temporary file in the
// same folder, flushed to disk, then renamed over the target. The original's permissions stay.
// A symlinked target is written through: the link stays and the file it points to is replaced.
import * as nodeFs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export type AtomicFs = Pick<
  typeof nodeFs.promises,
  'open' | 'rename' | 'unlink' | 'stat' | 'realpath' | 'access' | 'chmod'
>;

export class WriteError extends Error {}

export async function writeFileAtomic(
  target: string,
  data: string | Buffer,
  fs: AtomicFs = nodeFs.promises,
): Promise<void> {
  let real = target;
  let mode: number | undefined;
  try {
    real = await fs.realpath(target);
    mode = (await fs.stat(real)).mode & 0o7777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new WriteError(`Cannot read ${target}: ${(err as Error).message}`);
  }
  if (mode !== undefined) {
    try {
      await fs.access(real, nodeFs.constants.W_OK);
    } catch {
      throw new WriteError(
        `${path.basename(target)} is read-only. Make it writable (chmod u+w) or choose another file; ` +
          'nothing was changed.',
      );
    }
  }
  const dir = path.dirname(real);
  const temp = path.join(dir, `.${path.basename(real)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: nodeFs.promises.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', mode ?? 0o600);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (mode !== undefined) await fs.chmod(temp, mode);
    await fs.rename(temp, real);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? `the folder ${dir} is not writable` : (err as Error).message;
    throw new WriteError(`Could not write ${path.basename(target)}: ${why}. The original file is unchanged.`);
  }
}
