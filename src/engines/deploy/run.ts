// Running a target's CLI: found on PATH first, spawned without a shell (its arguments are never
// parsed by one), the values written to its stdin, a timeout and cancellation that end it. Output
// is kept bounded. vscode-free.
import { spawn } from 'node:child_process';
import * as nodeFs from 'node:fs';
import path from 'node:path';
import { expectOptionalObject, expectString, expectStringList } from '../../base/guards';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  stdin?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The environment of the child (default: this process's). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export class RunError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'cancelled' | 'spawn',
  ) {
    super(message);
  }
}

const MAX_OUTPUT = 1024 * 1024;

/** The program's full path: the first of `names` found as an executable file on PATH. */
export function findOnPath(names: readonly string[], pathVariable: string | undefined): string | undefined {
  expectStringList(names, 'findOnPath', 'names');
  if (pathVariable !== undefined) expectString(pathVariable, 'findOnPath', 'pathVariable');
  const dirs = (pathVariable ?? '').split(path.delimiter).filter((d) => d && path.isAbsolute(d));
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
  for (const name of names) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) continue;
    for (const dir of dirs) {
      for (const ext of exts) {
        const candidate = path.join(dir, name + ext);
        try {
          const stat = nodeFs.statSync(candidate);
          if (stat.isFile()) {
            nodeFs.accessSync(candidate, nodeFs.constants.X_OK);
            return candidate;
          }
        } catch {
          // not here
        }
      }
    }
  }
  return undefined;
}

/** Runs `program args` (no shell), feeding `stdin`; resolves with its exit code and output. */
export function runProgram(program: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  expectString(program, 'runProgram', 'program');
  expectStringList(args, 'runProgram', 'args');
  expectOptionalObject(options, 'runProgram', 'options');
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new RunError(`${path.basename(program)} was not started: cancelled.`, 'cancelled'));
      return;
    }
    const child = spawn(program, [...args], {
      shell: false,
      windowsHide: true,
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let ended: RunError | undefined;
    const name = path.basename(program);
    const stop = (error: RunError): void => {
      if (ended) return;
      ended = error;
      child.kill('SIGTERM');
      // One that ignores SIGTERM is killed for good.
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    };
    const timer = setTimeout(
      () =>
        stop(
          new RunError(
            `${name} did not finish within ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s; it was stopped.`,
            'timeout',
          ),
        ),
      options.timeoutMs ?? 60_000,
    );
    const onAbort = (): void => stop(new RunError(`${name} was cancelled.`, 'cancelled'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += d;
    });
    // A program that exits without reading its stdin makes the write fail with EPIPE: its exit code tells.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(new RunError(`${name} could not be started: ${err.code ?? err.message}.`, 'spawn'));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (ended) reject(ended);
      else resolve({ code, stdout, stderr });
    });
  });
}
