// Push SMTP Settings To… (issue #28): a saved credential set's settings, in the key names of the
// project's .env convention, to GitHub Actions, Heroku, Fly, Vercel, a Kubernetes Secret or a
// Compose env file. The plan (src/engines/deploy/plan.ts) is shown masked with its exact commands
// before anything runs; the CLI's presence and login are checked first (nothing is half-pushed to
// a logged-out CLI); values go on stdin, in an HTTPS body or a 0600 file, never in argv. The
// result names what was set and what the target lists afterwards; it never carries a value.
import * as vscode from 'vscode';
import * as nodeFs from 'node:fs';
import path from 'node:path';
import {
  DEPLOY_TARGETS,
  DeployPlanError,
  describePlan,
  planPush,
  TARGET_LABELS,
  type DeployOptions,
  type DeployPlan,
  type DeployTargetKind,
} from '../../engines/deploy/plan';
import { executePush, PushBlocked, type PushPorts, type PushResult } from '../../engines/deploy/push';
import { findOnPath, runProgram } from '../../engines/deploy/run';
import { detectConvention, type EnvConvention, type SmtpValues } from '../../engines/envfile/conventions';
import { parseEnv } from '../../engines/envfile/parse';
import { writeFileAtomic } from '../../engines/envfile/fsAtomic';
import { addToGitignore } from '../../engines/envfile/gitignoreAdd';
import { gitIgnores, gitTracks } from '../../engines/envfile/contain';
import { smtpHostForRegion } from '../../base/regions';
import { conventions, customConventions } from '../../host/envSettings';
import { consentTo, type CallContext } from '../../host/consent';
import { resolveCredentialSet, type CredentialStore } from '../../host/credentialStore';
import type { FeatureCalls } from '../../host/calls';
import { UserError, type Log } from '../../host/util';
import type { PushArgs } from './args';

export interface PushDeps {
  log: Log;
  store: CredentialStore;
  calls: FeatureCalls;
}

/** Where the values come from: a saved credential set, or the SMTP block of a .env file. */
interface PushSource {
  /** The set's name, or "<file> (block n)". */
  name: string;
  values(): Promise<SmtpValues>;
  /** Check Login with what was pushed. */
  checkLogin(): Promise<unknown>;
}

async function sourceOf(deps: PushDeps, raw: PushArgs | undefined, args: PushArgs): Promise<PushSource | undefined> {
  if (args.file !== undefined) {
    const login = await deps.calls.envBlockLogin({ file: args.file, block: args.block });
    if (!login.password)
      throw new UserError(vscode.l10n.t('The SMTP block of {0} has no password to push.', path.basename(login.file)));
    return {
      name: vscode.l10n.t('{0} (block {1})', path.basename(login.file), args.block ?? 0),
      values: async () => ({
        host: login.host ?? smtpHostForRegion(login.region ?? 'us-east-1'),
        port: login.port,
        user: login.username,
        password: login.password,
        region: login.region,
        implicitTls: login.tls === 'implicit',
      }),
      checkLogin: () => {
        const { file: _file, ...fields } = login;
        return deps.calls.checkLogin(fields);
      },
    };
  }
  const set = await resolveCredentialSet(deps.store, raw, title(), deps.calls);
  if (!set) return undefined;
  return {
    name: set.name,
    values: async () => ({
      host: set.host ?? smtpHostForRegion(set.region ?? 'us-east-1'),
      port: set.port,
      user: set.username,
      password: await deps.store.requirePassword(set),
      from: set.from,
      region: set.region,
      implicitTls: set.tls === 'implicit',
    }),
    checkLogin: () => deps.calls.checkCredentialSet({ credentialSet: set.id }),
  };
}

/** What the command returns: names and places only, never a value. */
export interface PushSummary {
  credentialSet: string;
  target: DeployTargetKind;
  where: string;
  convention: string;
  ok: boolean;
  set: string[];
  notSet: string[];
  listed?: string[];
  missing?: string[];
  files: string[];
  /** The commands and what went to stdin or a file, secrets masked. */
  commands: string[];
  messages: string[];
}

const HEROKU_API = 'https://api.heroku.com';
const title = (): string => vscode.l10n.t('Push SMTP Settings To…');

export async function pushCommand(
  deps: PushDeps,
  raw: PushArgs | undefined,
  call: CallContext,
): Promise<PushSummary | undefined> {
  const args: PushArgs = raw && Object.getPrototypeOf(raw) === Object.prototype ? raw : {};
  const source = await sourceOf(deps, raw, args);
  if (!source) return undefined;
  const target = args.target ?? (call.scripted ? undefined : await pickTarget());
  if (!target) {
    if (call.scripted)
      throw new UserError(vscode.l10n.t('Say where to push: "target" is one of {0}.', DEPLOY_TARGETS.join(', ')));
    return undefined;
  }
  const convention = await chooseConvention(args.convention, call);
  if (!convention) return undefined;
  const options = await targetOptions(target, args, call);
  if (!options) return undefined;
  const values = await source.values();
  let plan: DeployPlan;
  try {
    plan = planPush(target, convention, values, options);
  } catch (err) {
    if (err instanceof DeployPlanError) throw new UserError(err.message);
    throw err;
  }
  const commands = describePlan(plan);
  const preview = [
    ...plan.preview.map((p) => `${p.key}=${p.shown}`),
    '',
    ...commands,
    ...(plan.note ? ['', plan.note] : []),
  ].join('\n');
  const summary = vscode.l10n.t('Push the SMTP settings of "{0}" to {1}', source.name, plan.where);
  const agreed = call.scripted
    ? await consentTo(call, { summary, detail: preview, action: vscode.l10n.t('Push') })
    : await confirmInPreview(plan, commands);
  if (!agreed) {
    deps.log.info(`Push of "${source.name}" to ${plan.where}: not confirmed, nothing sent.`);
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  let result: PushResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: summary, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return executePush(plan, ports(folder), controller.signal);
      },
    );
  } catch (err) {
    if (err instanceof PushBlocked) {
      deps.log.warn(err.message);
      if (call.scripted) throw new UserError(err.message);
      void offerFix(err);
      return undefined;
    }
    throw err;
  }
  for (const line of result.messages) (result.ok ? deps.log.info : deps.log.warn).call(deps.log, line);
  const out: PushSummary = {
    credentialSet: source.name,
    target,
    where: result.where,
    convention: convention.id,
    ok: result.ok,
    set: result.set,
    notSet: result.notSet,
    listed: result.listed,
    missing: result.missing,
    files: result.files,
    commands,
    messages: result.messages,
  };
  if (!result.ok) {
    if (call.scripted) throw new UserError(result.messages.join(' '));
    void vscode.window.showErrorMessage(result.messages.join(' '));
    return out;
  }
  if (!call.scripted) {
    const check = vscode.l10n.t('Check Login');
    const snippet = vscode.l10n.t('Copy Compose Lines');
    const choice = await vscode.window.showInformationMessage(
      result.messages.join(' '),
      check,
      ...(plan.snippet ? [snippet] : []),
    );
    if (choice === check) await source.checkLogin().catch(() => undefined);
    if (choice === snippet && plan.snippet) await vscode.env.clipboard.writeText(plan.snippet);
  }
  return out;
}

/**
 * The UI's confirmation: a quick pick that lists each key with what it gets (the password masked),
 * the commands and the note, with Push as its active item. Enter on Push pushes; Escape or any
 * other row pushes nothing.
 */
async function confirmInPreview(plan: DeployPlan, commands: string[]): Promise<boolean> {
  type Item = vscode.QuickPickItem & { push?: true };
  const push: Item = {
    label: `$(rocket) ${vscode.l10n.t('Push to {0}', plan.where)}`,
    detail: plan.note,
    push: true,
  };
  const items: Item[] = [
    push,
    { label: vscode.l10n.t('What is set'), kind: vscode.QuickPickItemKind.Separator },
    ...plan.preview.map((p) => ({ label: p.key, description: p.shown })),
    { label: vscode.l10n.t('How (nothing secret is an argument)'), kind: vscode.QuickPickItemKind.Separator },
    ...commands.map((line) => ({ label: line })),
  ];
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = vscode.l10n.t('Push SMTP Settings To {0}?', TARGET_LABELS[plan.target]);
  pick.placeholder = vscode.l10n.t('Enter on "Push" sends these values; Escape cancels');
  pick.items = items;
  pick.activeItems = [push];
  pick.matchOnDescription = true;
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.push === true);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(false);
      pick.dispose();
    });
    pick.show();
  });
}

async function pickTarget(): Promise<DeployTargetKind | undefined> {
  const picked = await vscode.window.showQuickPick(
    DEPLOY_TARGETS.map((t) => ({ label: TARGET_LABELS[t], target: t })),
    { title: title(), placeHolder: vscode.l10n.t('Where the app runs') },
  );
  return picked?.target;
}

/** The argument's convention, else the workspace .env's, else (UI) a pick, (caller) generic. */
async function chooseConvention(id: string | undefined, call: CallContext): Promise<EnvConvention | undefined> {
  const all = conventions();
  if (id) {
    const found = all.find((c) => c.id === id);
    if (!found)
      throw new UserError(
        vscode.l10n.t('No .env convention is called "{0}"; use one of {1}.', id, all.map((c) => c.id).join(', ')),
      );
    return found;
  }
  const detected = await workspaceConvention();
  if (detected) return detected;
  if (call.scripted) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((c) => ({ label: c.label, convention: c })),
    { title: title(), placeHolder: vscode.l10n.t('The key names your app reads (no .env in the workspace says)') },
  );
  return picked?.convention;
}

async function workspaceConvention(): Promise<EnvConvention | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      const uri = vscode.Uri.joinPath(folder.uri, '.env');
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > 1024 * 1024) continue;
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      const found = detectConvention(parseEnv(text), customConventions());
      if (found) return found;
    } catch {
      // no .env here
    }
  }
  return undefined;
}

/** The target's options from the argument; the UI asks for a required one that is missing. */
async function targetOptions(
  target: DeployTargetKind,
  args: PushArgs,
  call: CallContext,
): Promise<DeployOptions | undefined> {
  const options: DeployOptions = {
    app: args.app,
    repo: args.repo,
    environment: args.environment,
    stage: args.stage,
    namespace: args.namespace,
    secretName: args.kubernetesSecret,
    kubernetesMode: args.kubernetesMode,
    service: args.service,
    envFile: args.envFile,
    verifiedIdentity: args.verifiedIdentity,
  };
  if (call.scripted) return options;
  const ask = async (prompt: string, placeHolder: string, value?: string): Promise<string | undefined> =>
    vscode.window.showInputBox({
      title: title(),
      prompt,
      placeHolder,
      value,
      valueSelection: value ? [0, value.length] : undefined,
      ignoreFocusOut: true,
    });
  if (target === 'github' && !options.repo) {
    options.repo = await ask(vscode.l10n.t('The GitHub repository (OWNER/REPO)'), 'octo-org/app');
    if (!options.repo) return undefined;
    const env = await ask(
      vscode.l10n.t('An environment for environment secrets; leave empty for repository secrets'),
      'production',
    );
    if (env === undefined) return undefined;
    options.environment = env || undefined;
  }
  if ((target === 'heroku' || target === 'fly') && !options.app) {
    options.app = await ask(vscode.l10n.t('The {0} app', target === 'heroku' ? 'Heroku' : 'Fly'), 'my-app');
    if (!options.app) return undefined;
  }
  if (target === 'fly' && options.stage === undefined) {
    const staged = vscode.l10n.t('Stage (apply on the next deploy)');
    const now = vscode.l10n.t('Set now (restarts the Machines)');
    const choice = await vscode.window.showQuickPick([staged, now], { title: title() });
    if (!choice) return undefined;
    options.stage = choice === staged;
  }
  if (target === 'vercel' && !options.environment) {
    const env = await vscode.window.showQuickPick(['production', 'preview', 'development'], { title: title() });
    if (!env) return undefined;
    options.environment = env;
  }
  if ((target === 'postfix' || target === 'msmtp') && !options.verifiedIdentity) {
    const identity = await ask(
      target === 'postfix'
        ? vscode.l10n.t('The verified identity system mail is sent as: an address, or a domain (then noreply@domain)')
        : vscode.l10n.t('The verified address msmtp sends from'),
      'noreply@example.com',
      undefined,
    );
    if (!identity) return undefined;
    options.verifiedIdentity = identity;
  }
  if (target === 'kubernetes' && !options.kubernetesMode) {
    const apply = vscode.l10n.t('Apply with kubectl (current context)');
    const file = vscode.l10n.t('Write the manifest only (0600, git-ignored)');
    const choice = await vscode.window.showQuickPick([apply, file], { title: title() });
    if (!choice) return undefined;
    options.kubernetesMode = choice === apply ? 'apply' : 'manifest';
  }
  return options;
}

function ports(folder: string | undefined): PushPorts {
  return {
    findProgram: (names) => findOnPath(names, process.env.PATH),
    run: (program, args, options) => runProgram(program, args, { ...options, cwd: folder }),
    request: async (route, init) => {
      const signals = [AbortSignal.timeout(init.timeoutMs), ...(init.signal ? [init.signal] : [])];
      const response = await fetch(HEROKU_API + route, {
        method: init.method,
        headers: init.headers,
        body: init.body,
        signal: AbortSignal.any(signals),
      });
      return { status: response.status, text: await response.text() };
    },
    writeSecretFile: async (relative, content) => {
      if (!folder) throw new UserError(vscode.l10n.t('Open a workspace folder first: the file is written there.'));
      const file = path.join(folder, relative);
      if ((await gitTracks(file)) === true)
        throw new UserError(
          vscode.l10n.t('{0} is tracked by git; a password there would be committed. Nothing was written.', relative),
        );
      await nodeFs.promises.mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, content);
      await nodeFs.promises.chmod(file, 0o600);
      if ((await gitIgnores(file)) !== true) await addToGitignore(folder, file);
      return file;
    },
  };
}

async function offerFix(err: PushBlocked): Promise<void> {
  if (err.reason === 'logged-out') {
    const open = vscode.l10n.t('Open Terminal');
    if ((await vscode.window.showErrorMessage(err.message, open)) === open) {
      const terminal = vscode.window.createTerminal({ name: title() });
      terminal.show();
      // Typed, not run: the user presses Enter.
      terminal.sendText(err.fix, false);
    }
  } else {
    void vscode.window.showErrorMessage(err.message);
  }
}
