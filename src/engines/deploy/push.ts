// Carrying out a push plan (plan.ts): the CLI is found and its login checked before anything is
// sent, so a missing or logged-out CLI gets its install or login step and nothing is half-applied;
// each step runs in order and a failure stops the rest, naming the keys set and those not; then the
// target's own list of key names confirms what it holds. Every text that leaves here (messages,
// errors) is masked with the values pushed. The ports (programs, HTTPS, files) are injected, so the
// same code runs against the stub CLIs of the tests and the real ones. vscode-free.
import { makeRedactor } from '../smtp/redact';
import { parseKeyList, type DeployPlan } from './plan';
import type { RunResult } from './run';
import { expectObject, expectOptionalObject } from '../../base/guards';

export interface PushPorts {
  /** The full path of the first of `names` on PATH, or undefined. */
  findProgram(names: readonly string[]): string | undefined;
  run(
    program: string,
    args: readonly string[],
    options: { stdin?: string; timeoutMs?: number; signal?: AbortSignal },
  ): Promise<RunResult>;
  /** An HTTPS request (Heroku's API); the base URL is the port's. */
  request?(
    path: string,
    init: { method: string; headers: Record<string, string>; body: string; timeoutMs: number; signal?: AbortSignal },
  ): Promise<{ status: number; text: string }>;
  /** Writes a file of the workspace folder with mode 0600 and adds it to .gitignore; returns its full path. */
  writeSecretFile?(relativePath: string, content: string): Promise<string>;
  /** Adds the env file to the service's env_file in the Compose file (compose.ts); says what it did. */
  editCompose?(relativePath: string, service: string, envFile: string): Promise<{ file: string; what: string }>;
}

export type BlockedReason = 'missing-cli' | 'logged-out';

/** Nothing was sent: the CLI is missing or not logged in. `fix` is the step to take. */
export class PushBlocked extends Error {
  constructor(
    message: string,
    readonly reason: BlockedReason,
    readonly fix: string,
  ) {
    super(message);
  }
}

export interface PushResult {
  ok: boolean;
  where: string;
  /** The keys the target took. */
  set: string[];
  /** The keys not set (after a failed step). */
  notSet: string[];
  /** The key names the target lists after the push (undefined when it has no list or the list failed). */
  listed?: string[];
  /** Pushed keys the target's list does not show. */
  missing?: string[];
  /** Files written (full paths). */
  files: string[];
  /** What happened, line by line, secret-free. */
  messages: string[];
}

function firstLines(text: string, n = 3): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, n)
    .join(' ');
}

/** Checks the CLI is there and logged in; throws PushBlocked when not. Returns the program's path. */
export async function preflight(plan: DeployPlan, ports: PushPorts, signal?: AbortSignal): Promise<string | undefined> {
  expectObject(plan, 'preflight', 'plan');
  expectObject(ports, 'preflight', 'ports');
  if (!plan.cli) return undefined;
  const program = ports.findProgram(plan.cli.programs);
  if (!program)
    throw new PushBlocked(
      `${plan.cli.programs[0]} is not on PATH, so nothing was pushed to ${plan.where}. ${plan.cli.install}`,
      'missing-cli',
      plan.cli.install,
    );
  const redact = makeRedactor(plan.entries.map((e) => e.value));
  let login: RunResult;
  try {
    login = await ports.run(program, plan.cli.loginArgs, { timeoutMs: 30_000, signal });
  } catch (err) {
    throw new PushBlocked(
      `The login check (${plan.cli.programs[0]} ${plan.cli.loginArgs.join(' ')}) failed: ${redact((err as Error).message)} Nothing was pushed.`,
      'logged-out',
      plan.cli.login,
    );
  }
  if (login.code !== 0) {
    const said = redact(firstLines(login.stderr || login.stdout));
    throw new PushBlocked(
      `${plan.cli.programs[0]} is not logged in${said ? ` (${said})` : ''}, so nothing was pushed to ${plan.where}. ` +
        `Log in with \`${plan.cli.login}\` in a terminal, then push again.`,
      'logged-out',
      plan.cli.login,
    );
  }
  return program;
}

/** Runs the plan: preflight, each step, then the target's list of names. Resolves with what happened. */
export async function executePush(plan: DeployPlan, ports: PushPorts, signal?: AbortSignal): Promise<PushResult> {
  expectObject(plan, 'executePush', 'plan');
  expectObject(ports, 'executePush', 'ports');
  expectOptionalObject(signal, 'executePush', 'signal');
  const redact = makeRedactor(plan.entries.map((e) => e.value));
  const program = await preflight(plan, ports, signal);
  const result: PushResult = { ok: true, where: plan.where, set: [], notSet: [], files: [], messages: [] };
  const fail = (index: number, why: string): PushResult => {
    const rest = plan.steps.slice(index).flatMap((s) => s.keys);
    result.ok = false;
    result.notSet = rest;
    result.messages.push(
      redact(why),
      result.set.length && !rest.length
        ? `Every key was set (${result.set.join(', ')}) before this step failed.`
        : result.set.length
          ? `Set before the failure: ${result.set.join(', ')}. Not set: ${rest.join(', ')}. Push again once it is fixed; the keys already set are overwritten with the same values.`
          : `Nothing was set (${rest.join(', ')}).`,
    );
    return result;
  };
  for (const [index, step] of plan.steps.entries()) {
    if (signal?.aborted) return fail(index, 'Cancelled.');
    try {
      if (step.kind === 'run') {
        const r = await ports.run(program ?? step.program, step.args, {
          stdin: step.stdin,
          timeoutMs: step.timeoutMs,
          signal,
        });
        if (r.code !== 0)
          return fail(
            index,
            `${step.program} ${step.args.slice(0, 3).join(' ')} failed (exit ${r.code}): ${firstLines(r.stderr || r.stdout)}`,
          );
      } else if (step.kind === 'http') {
        if (!ports.request) return fail(index, 'No HTTPS client was given for this target.');
        const tokenRun = await ports.run(program ?? step.token.program, step.token.args, { timeoutMs: 30_000, signal });
        const token = tokenRun.stdout.trim();
        if (tokenRun.code !== 0 || !token)
          return fail(
            index,
            `${step.token.program} ${step.token.args.join(' ')} gave no token (exit ${tokenRun.code}).`,
          );
        const masked = makeRedactor([...plan.entries.map((e) => e.value), token]);
        const response = await ports.request(step.path, {
          method: step.method,
          headers: { ...step.headers, Authorization: `Bearer ${token}` },
          body: step.body,
          timeoutMs: step.timeoutMs,
          signal,
        });
        if (response.status < 200 || response.status >= 300)
          return fail(
            index,
            masked(
              `The API answered ${response.status} to ${step.method} ${step.path}: ${firstLines(apiMessage(response.text))}`,
            ),
          );
      } else if (step.kind === 'compose') {
        if (!ports.editCompose) return fail(index, 'No Compose file editor was given for this target.');
        const edit = await ports.editCompose(step.path, step.service, step.envFile);
        result.files.push(edit.file);
        result.messages.push(`${step.path}: ${edit.what}.`);
      } else {
        if (!ports.writeSecretFile) return fail(index, 'No file writer was given for this target.');
        result.files.push(await ports.writeSecretFile(step.path, step.content));
      }
    } catch (err) {
      return fail(index, (err as Error).message);
    }
    result.set.push(...step.keys);
  }
  result.messages.push(`Set ${result.set.join(', ')} in ${plan.where}.`);
  if (plan.listKeys && program) {
    try {
      const listed = await ports.run(program, plan.listKeys.args, { timeoutMs: 30_000, signal });
      if (listed.code === 0) {
        result.listed = parseKeyList(plan.listKeys.parse, listed.stdout);
        result.missing = result.set.filter((k) => !result.listed?.includes(k));
        result.messages.push(
          result.missing.length
            ? `The target's list does not show ${result.missing.join(', ')}; check it there.`
            : `The target lists ${result.set.join(', ')} (names only were read).`,
        );
      } else {
        result.messages.push(
          redact(`Could not list the keys afterwards: ${firstLines(listed.stderr || listed.stdout)}`),
        );
      }
    } catch (err) {
      result.messages.push(redact(`Could not list the keys afterwards: ${(err as Error).message}`));
    }
  }
  return result;
}

/** Heroku's API errors are {"id": …, "message": …}; anything else is shown as it came. */
function apiMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON
  }
  return text.slice(0, 300);
}
