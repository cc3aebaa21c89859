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
  COMPOSE_DEFAULTS,
  DEPLOY_TARGETS,
  DeployPlanError,
  describePlan,
  planPush,
  TARGET_LABELS,
  type DeployOptions,
  type DeployPlan,
  type DeployTargetKind,
} from '../../engines/deploy/plan';
import {
  addEnvFileToCompose,
  COMPOSE_FILE_NAMES,
  ComposeEditError,
  composeServices,
} from '../../engines/deploy/compose';
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
import type { CredentialSet } from '../../base/credentialSets';
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
  /** A .env block's own convention (its key names), the default for the push. */
  convention?: string;
  values(): Promise<SmtpValues>;
  /** Check Login with what was pushed. */
  checkLogin(): Promise<unknown>;
}

async function envSource(deps: PushDeps, where: { uri?: string; file?: string; block?: number }): Promise<PushSource> {
  const login = await deps.calls.envBlockLogin(where);
  if (!login.password)
    throw new UserError(vscode.l10n.t('The SMTP block of {0} has no password to push.', path.basename(login.file)));
  return {
    name: vscode.l10n.t('{0} (block {1})', path.basename(login.file), where.block ?? 0),
    convention: login.convention,
    values: async () => ({
      host: login.host ?? smtpHostForRegion(login.region ?? 'us-east-1'),
      port: login.port,
      user: login.username,
      password: login.password,
      from: login.from,
      region: login.region,
      implicitTls: login.tls === 'implicit',
    }),
    checkLogin: () => {
      const { file: _file, convention: _convention, from: _from, ...fields } = login;
      return deps.calls.checkLogin(fields);
    },
  };
}

function setSource(deps: PushDeps, set: CredentialSet): PushSource {
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

async function sourceOf(
  deps: PushDeps,
  raw: PushArgs | undefined,
  args: PushArgs,
  call: CallContext,
): Promise<PushSource | undefined> {
  if (args.file !== undefined || args.uri !== undefined)
    return envSource(deps, { uri: args.uri, file: args.file, block: args.block });
  const named = raw !== undefined && (args.credentialSet !== undefined || 'set' in (raw as object));
  if (!named && !call.scripted) return pickSource(deps);
  const set = await resolveCredentialSet(deps.store, raw, title(), deps.calls);
  return set && setSource(deps, set);
}

/**
 * The palette's question: a saved set, or the SMTP block of a .env file of the workspace (the
 * active editor's first). With no .env file it is the sets' usual pick.
 */
async function pickSource(deps: PushDeps): Promise<PushSource | undefined> {
  const found = await vscode.workspace.findFiles('**/.env*', '**/node_modules/**', 50);
  const active = vscode.window.activeTextEditor?.document.uri;
  const files = [...found].sort(
    (a, b) => Number(b.toString() === active?.toString()) - Number(a.toString() === active?.toString()),
  );
  if (!files.length) {
    const set = await resolveCredentialSet(deps.store, undefined, title(), deps.calls);
    return set && setSource(deps, set);
  }
  type Item = vscode.QuickPickItem & { set?: CredentialSet; file?: vscode.Uri };
  const sets = await deps.store.list();
  const items: Item[] = [
    ...(sets.length
      ? [{ label: vscode.l10n.t('Saved credential sets'), kind: vscode.QuickPickItemKind.Separator }]
      : []),
    ...sets.map((set) => ({
      label: `$(key) ${set.name}`,
      description: `${set.username} · ${set.host ?? set.region}`,
      set,
    })),
    { label: vscode.l10n.t('.env files (their SMTP block)'), kind: vscode.QuickPickItemKind.Separator },
    ...files.map((file) => ({ label: `$(file) ${vscode.workspace.asRelativePath(file)}`, file })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: title(),
    placeHolder: vscode.l10n.t('The SMTP settings to push: a saved set or a .env file'),
  });
  if (picked?.set) return setSource(deps, picked.set);
  if (picked?.file) return envSource(deps, { uri: picked.file.toString() });
  return undefined;
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
  // Without a target the push is the user's to shape, whoever opened it (a .env block's CodeLens
  // passes plain data): the target, its options and the preview with Push are asked, and a caller's
  // target options are not used. With a target, a caller's push asks for consent.
  const interactive = !call.scripted || args.target === undefined;
  const source = await sourceOf(deps, raw, args, call);
  if (!source) return undefined;
  const target = args.target ?? (await pickTarget());
  if (!target) return undefined;
  const convention = await chooseConvention(args.convention ?? source.convention, interactive);
  if (!convention) return undefined;
  const asked: PushArgs = call.scripted && interactive ? {} : args;
  const options = await targetOptions(target, asked, interactive);
  if (!options) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const compose = target === 'compose' ? await composeTarget(folder, options, interactive) : undefined;
  if (target === 'compose' && !compose) return undefined;
  const values = await source.values();
  let plan: DeployPlan;
  try {
    plan = planPush(target, convention, values, options);
  } catch (err) {
    if (err instanceof DeployPlanError) throw new UserError(err.message);
    throw err;
  }
  if (compose?.why) plan.note = [plan.note, compose.why].filter(Boolean).join(' ');
  const commands = describePlan(plan);
  const preview = [
    ...plan.preview.map((p) => `${p.key}=${p.shown}`),
    '',
    ...commands,
    ...(plan.note ? ['', plan.note] : []),
  ].join('\n');
  const summary = vscode.l10n.t('Push the SMTP settings of "{0}" to {1}', source.name, plan.where);
  const agreed = interactive
    ? await confirmInPreview(plan, commands)
    : await consentTo(call, { summary, detail: preview, action: vscode.l10n.t('Push') });
  if (!agreed) {
    deps.log.info(`Push of "${source.name}" to ${plan.where}: not confirmed, nothing sent.`);
    return undefined;
  }
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
      if (!interactive) throw new UserError(err.message);
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
    if (!interactive) throw new UserError(result.messages.join(' '));
    void vscode.window.showErrorMessage(result.messages.join(' '));
    return out;
  }
  if (interactive) {
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
async function chooseConvention(id: string | undefined, interactive: boolean): Promise<EnvConvention | undefined> {
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
  if (!interactive) return all[0];
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
  interactive: boolean,
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
    composeFile: args.composeFile,
  };
  if (!interactive) return options;
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

/**
 * Compose: the Compose file of the workspace folder (the argument's, else the first of Compose's
 * own names), the service (the only one; else asked, or the argument's), and a trial of the edit.
 * When the file cannot be edited safely the push still writes the env file and shows the lines to
 * add (`why` says why); a caller who named the file gets the reason as an error instead.
 */
async function composeTarget(
  folder: string | undefined,
  options: DeployOptions,
  interactive: boolean,
): Promise<{ why?: string } | undefined> {
  if (!folder) return {};
  const named = options.composeFile;
  let relative = named;
  if (relative === undefined) {
    relative = COMPOSE_FILE_NAMES.find((name) => nodeFs.existsSync(path.join(folder, name)));
    if (!relative)
      return {
        why: vscode.l10n.t(
          'No Compose file (compose.yaml, docker-compose.yml, …) is in the workspace folder: add the lines shown to yours.',
        ),
      };
  }
  const file = path.resolve(folder, relative);
  if (path.relative(folder, file).startsWith('..') || path.isAbsolute(path.relative(folder, file)))
    throw new UserError(
      vscode.l10n.t('The Compose file {0} is outside the workspace folder; name one inside it.', relative),
    );
  let text: string;
  try {
    text = await readComposeFile(file);
  } catch (err) {
    throw new UserError(vscode.l10n.t('The Compose file {0} cannot be read: {1}', relative, (err as Error).message));
  }
  const services = composeServices(text);
  if (!options.service && services.length > 1 && !services.includes(COMPOSE_DEFAULTS.service)) {
    if (!interactive)
      throw new UserError(
        vscode.l10n.t('Say which service of {0} runs the app: "service" is one of {1}.', relative, services.join(', ')),
      );
    const picked = await vscode.window.showQuickPick(services, {
      title: title(),
      placeHolder: vscode.l10n.t('The service of {0} that sends mail (it gets the env_file entry)', relative),
    });
    if (!picked) return undefined;
    options.service = picked;
  } else if (!options.service && services.length === 1) {
    options.service = services[0];
  }
  try {
    addEnvFileToCompose(
      text,
      options.service ?? COMPOSE_DEFAULTS.service,
      options.envFile ?? COMPOSE_DEFAULTS.envFile,
      relative,
    );
  } catch (err) {
    if (!(err instanceof ComposeEditError)) throw err;
    if (named !== undefined && !interactive) throw new UserError(err.message);
    return { why: vscode.l10n.t('{0} Add the lines shown yourself.', err.message) };
  }
  options.composeFile = relative;
  return {};
}

/** The Compose file's text; refused when an editor holds unsaved changes to it (they would be lost). */
async function readComposeFile(file: string): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (open?.isDirty) throw new Error(vscode.l10n.t('it has unsaved changes in the editor; save them first'));
  const stat = await nodeFs.promises.stat(file);
  if (stat.size > 1024 * 1024) throw new Error(vscode.l10n.t('it is larger than 1 MB'));
  return nodeFs.promises.readFile(file, 'utf8');
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
    editCompose: async (relative, service, envFile) => {
      if (!folder) throw new UserError(vscode.l10n.t('Open a workspace folder first: the Compose file is there.'));
      const file = path.join(folder, relative);
      // Read again: the edit is made on the file as it is now, with the same checks as the trial.
      const edit = addEnvFileToCompose(await readComposeFile(file), service, envFile, relative);
      if (edit.changed) await writeFileAtomic(file, edit.text);
      return { file, what: edit.what };
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
