// .env integration: write SMTP settings in the project's own convention, and check the ones that
// are there (CodeLens above each SMTP block, diagnostics with quick fixes). Thin over core/dotenv
// and core/envCheck.
import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CONVENTIONS,
  EnvValueError,
  MAX_ENV_BYTES,
  decodeEnvFile,
  conventionEntries,
  customConvention,
  detectConvention,
  findSmtpBlocks,
  formatEnvValue,
  parseEnv,
  setEnvKeys,
  type EnvConvention,
  type SmtpBlock,
  type SmtpValues,
} from '../../core/env/dotenv';
import { checkEnv, loginArgsFromBlock, type EnvFinding } from '../../core/env/check';
import { endpointOf } from '../../core/smtp/credentialSets';
import { writeFileAtomic, WriteError } from '../../core/env/fsAtomic';
import { regionFromHost } from '../../core/smtp/regions';
import type { CredentialStore } from '../credentials/store';
import { resolveCredentialSet } from '../credentials/commands';
import { UserError, optionalString, registerCommand, type Log } from '../util';

const ENV_SELECTOR: vscode.DocumentSelector = [{ pattern: '**/.env*' }, { pattern: '**/*.env' }];
const PREVIEW_SCHEME = 'ses-smtp-env-preview';
const CONVENTION_STATE = 'sesSmtpToolkit.env.convention';

function isEnvDocument(doc: vscode.TextDocument): boolean {
  const base = path.basename(doc.uri.path);
  return doc.uri.scheme === 'file' && (base.startsWith('.env') || base.endsWith('.env'));
}

/** The custom convention from settings, if one is set (the built-in ones are always searched). */
function customConventions(): EnvConvention[] {
  return conventions().filter((c) => c.id === 'custom');
}

function conventions(): EnvConvention[] {
  const mapping = vscode.workspace.getConfiguration('sesSmtpToolkit').get<Record<string, unknown>>('env.customMapping');
  const out = [...CONVENTIONS];
  if (mapping && Object.keys(mapping).length) {
    try {
      out.push(customConvention(mapping));
    } catch {
      // reported when the user picks it
    }
  }
  return out;
}

export function registerEnvFeatures(context: vscode.ExtensionContext, log: Log, store: CredentialStore): void {
  const diagnostics = vscode.languages.createDiagnosticCollection('ses-smtp-env');
  const previews = new Map<string, string>();
  const previewChanged = new vscode.EventEmitter<vscode.Uri>();
  const findingsByUri = new Map<string, EnvFinding[]>();
  const lensChanged = new vscode.EventEmitter<void>();

  const refresh = (doc: vscode.TextDocument): void => {
    if (!isEnvDocument(doc)) return;
    const text = doc.getText();
    if (text.length > MAX_ENV_BYTES) {
      diagnostics.set(doc.uri, []);
      return;
    }
    const parsed = parseEnv(text);
    const findings = checkEnv(parsed, findSmtpBlocks(parsed, customConventions()));
    findingsByUri.set(doc.uri.toString(), findings);
    diagnostics.set(
      doc.uri,
      findings.map((f) => {
        const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(f.start), doc.positionAt(Math.max(f.end, f.start))), f.message, f.severity === 'error' ? vscode.DiagnosticSeverity.Error : f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
        d.source = 'SES SMTP';
        d.code = f.id;
        return d;
      }),
    );
    lensChanged.fire();
  };

  let timer: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    diagnostics,
    previewChanged,
    lensChanged,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, { onDidChange: previewChanged.event, provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '' }),
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!isEnvDocument(e.document)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => refresh(e.document), 250);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      diagnostics.delete(doc.uri);
      findingsByUri.delete(doc.uri.toString());
    }),
    { dispose: () => timer && clearTimeout(timer) },
    vscode.languages.registerCodeActionsProvider(ENV_SELECTOR, {
      provideCodeActions(doc, range) {
        const findings = findingsByUri.get(doc.uri.toString()) ?? [];
        const actions: vscode.CodeAction[] = [];
        for (const f of findings) {
          if (f.fixValue === undefined) continue;
          const target = new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end));
          if (!target.intersection(range) && !(target.isEmpty && target.start.line === range.start.line)) continue;
          let text: string;
          try {
            text = formatEnvValue(f.fixValue, doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
          } catch {
            continue;
          }
          const action = new vscode.CodeAction(f.fixTitle ?? 'Fix', vscode.CodeActionKind.QuickFix);
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(doc.uri, target, text);
          action.isPreferred = true;
          action.diagnostics = [...diagnostics.get(doc.uri) ?? []].filter((d) => d.code === f.id && d.range.isEqual(target));
          actions.push(action);
        }
        return actions;
      },
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.languages.registerCodeLensProvider(ENV_SELECTOR, {
      onDidChangeCodeLenses: lensChanged.event,
      provideCodeLenses(doc) {
        if (doc.getText().length > MAX_ENV_BYTES) return [];
        const blocks = findSmtpBlocks(parseEnv(doc.getText()), customConventions());
        return blocks.flatMap((block, index) => {
          const range = new vscode.Range(block.firstLine, 0, block.firstLine, 0);
          const args = { uri: doc.uri.toString(), block: index };
          return [
            new vscode.CodeLens(range, { title: '$(plug) Check login', command: 'sesSmtpToolkit.env.checkBlock', arguments: [args] }),
            new vscode.CodeLens(range, { title: '$(mail) Send test email', command: 'sesSmtpToolkit.env.sendTestEmail', arguments: [args] }),
            new vscode.CodeLens(range, { title: '$(debug-alt) Diagnose', command: 'sesSmtpToolkit.env.checkBlock', arguments: [{ ...args, diagnose: true }] }),
            new vscode.CodeLens(range, { title: `$(key) Save as credentials (${block.convention.id})`, command: 'sesSmtpToolkit.env.import', arguments: [args] }),
          ];
        });
      },
    }),
  );
  for (const doc of vscode.workspace.textDocuments) refresh(doc);

  const blockFrom = async (raw: unknown): Promise<{ block: SmtpBlock; uri: vscode.Uri }> => {
    const args = (raw ?? {}) as { uri?: string; file?: string; block?: number };
    let uri: vscode.Uri | undefined = args.uri ? vscode.Uri.parse(args.uri) : args.file ? vscode.Uri.file(args.file) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      const files = await vscode.workspace.findFiles('**/.env*', '**/node_modules/**', 50);
      const picked = await vscode.window.showQuickPick(files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })), { title: 'Which .env file?' });
      uri = picked?.uri;
    }
    if (!uri) throw new UserError('No .env file is open. Open one, or pass "file".');
    const doc = await vscode.workspace.openTextDocument(uri);
    const blocks = findSmtpBlocks(parseEnv(doc.getText()), customConventions());
    if (!blocks.length) throw new UserError(`${path.basename(uri.fsPath)} has no SMTP settings block (for example SMTP_HOST/SMTP_USER/SMTP_PASSWORD or MAIL_HOST/MAIL_USERNAME/MAIL_PASSWORD).`);
    const block = blocks[Math.min(Math.max(args.block ?? 0, 0), blocks.length - 1)];
    return { block, uri };
  };

  const importBlock = async (raw: unknown): Promise<unknown> => {
    const { block, uri } = await blockFrom(raw);
    const a = loginArgsFromBlock(block);
    if (!a.password || !a.username) throw new UserError('The block has no username or password to save.');
    const name = optionalString((raw ?? {}) as object, 'name') ?? `${path.basename(uri.fsPath)} (${block.convention.id})`;
    // A pasted-password problem is asked about, unless the caller decided (onProblem).
    const onProblem = optionalString((raw ?? {}) as object, 'onProblem') ?? 'ask';
    return vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', { ...a, name, from: block.from, onProblem });
  };

  context.subscriptions.push(
    registerCommand('sesSmtpToolkit.env.checkBlock', log, async (raw) => {
      const { block } = await blockFrom(raw);
      const diagnoseMode = Boolean((raw as { diagnose?: boolean } | undefined)?.diagnose);
      const outcome = await vscode.commands.executeCommand('sesSmtpToolkit.checkLogin', { ...loginArgsFromBlock(block), notify: (raw as { notify?: boolean } | undefined)?.notify });
      if (diagnoseMode) log.show(true);
      return outcome;
    }),
    registerCommand('sesSmtpToolkit.env.import', log, (raw) => importBlock(raw)),
    registerCommand('sesSmtpToolkit.env.sendTestEmail', log, async (raw) => {
      const set = (await importBlock(raw)) as { id: string } | undefined;
      if (set) await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail', { credentialSet: set.id });
      return set;
    }),
    registerCommand('sesSmtpToolkit.writeEnv', log, async (raw) => writeEnv(context, log, store, raw, previews, previewChanged)),
  );
}

interface WriteEnvArgs {
  file?: string;
  convention?: string;
  credentialSet?: string;
  values?: { host?: string; region?: string; port?: number; username?: string; password?: string; from?: string; tls?: 'starttls' | 'implicit' };
  /** false: write without showing the diff and asking. */
  confirm?: boolean;
}

async function writeEnv(context: vscode.ExtensionContext, log: Log, store: CredentialStore, raw: unknown, previews: Map<string, string>, previewChanged: vscode.EventEmitter<vscode.Uri>): Promise<{ file: string; convention: string; keys: string[] } | undefined> {
  const args = (raw ?? {}) as WriteEnvArgs;
  // 1. The values.
  let values: SmtpValues;
  if (args.values) {
    const v = args.values;
    const host = v.host ?? (v.region ? `email-smtp.${v.region}.amazonaws.com` : undefined);
    if (!host || !v.username || !v.password) throw new UserError('Argument "values" needs host (or region), username and password.');
    values = { host, port: v.port ?? 587, user: v.username, password: v.password, from: v.from, region: v.region ?? regionFromHost(host)?.region, implicitTls: v.tls === 'implicit' };
  } else {
    const fromItem = (raw as { set?: unknown } | undefined)?.set ? raw : undefined;
    const set = await resolveCredentialSet(store, fromItem ?? (args.credentialSet !== undefined ? { credentialSet: args.credentialSet } : undefined), 'Write SMTP Settings to .env');
    if (!set) return undefined;
    const password = await store.getPassword(set.id);
    if (!password) throw new UserError(`The password of "${set.name}" is missing from the secret storage.`);
    const endpoint = endpointOf(set);
    values = { host: endpoint.host, port: endpoint.port, user: set.username, password, from: set.from, region: set.region, implicitTls: endpoint.tls === 'implicit' };
  }

  // 2. The file.
  let file = args.file;
  if (!file) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new UserError('Open a folder first: the .env file is written into the workspace.');
    const found = await vscode.workspace.findFiles('**/.env*', '**/node_modules/**', 50);
    const items = [
      ...found.map((f) => ({ label: vscode.workspace.asRelativePath(f), description: 'update', path: f.fsPath })),
      { label: '$(new-file) New .env', description: folder.name, path: path.join(folder.uri.fsPath, '.env') },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Write SMTP Settings to .env: which file?' });
    if (!picked) return undefined;
    file = picked.path;
  }
  let original = '';
  try {
    original = decodeEnvFile(await readFile(file), path.basename(file));
  } catch (err) {
    if (err instanceof EnvValueError) throw new UserError(err.message);
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new UserError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file && d.isDirty);
  if (open) throw new UserError(`${path.basename(file)} has unsaved changes in the editor. Save or revert them first; nothing was changed.`);

  // 3. The convention: as given, else detected from the file, else remembered, else asked.
  const all = conventions();
  const parsed = parseEnv(original);
  let convention = args.convention ? all.find((c) => c.id === args.convention) : undefined;
  if (args.convention && !convention) throw new UserError(`Unknown convention "${args.convention}". Use one of: ${all.map((c) => c.id).join(', ')}.`);
  if (!convention) {
    const detected = detectConvention(parsed, customConventions());
    const remembered = all.find((c) => c.id === context.workspaceState.get<string>(CONVENTION_STATE));
    const first = detected ?? remembered;
    if (args.confirm === false && first) convention = first;
    else {
      const ordered = first ? [first, ...all.filter((c) => c !== first)] : all;
      const picked = await vscode.window.showQuickPick(
        ordered.map((c) => ({ label: c.label, description: c === detected ? 'used in this file' : c === remembered ? 'used last time' : '', convention: c })),
        { title: 'Write SMTP Settings to .env: which convention does the project use?' },
      );
      if (!picked) return undefined;
      convention = picked.convention;
    }
  }
  await context.workspaceState.update(CONVENTION_STATE, convention.id);

  // 4. The new content.
  const entries = conventionEntries(convention, values);
  let next: string;
  try {
    next = setEnvKeys(original, entries, { anchorKeys: Object.values(convention.keys) as string[] });
  } catch (err) {
    if (err instanceof EnvValueError) throw new UserError(err.message);
    throw err;
  }
  if (next === original) {
    void vscode.window.showInformationMessage(`${path.basename(file)} already has these SMTP settings.`);
    return { file, convention: convention.id, keys: [] };
  }

  // 5. Show the change (password hidden) and ask.
  if (args.confirm !== false) {
    const hidden = (text: string): string => {
      let out = text;
      for (const secret of [values.password, entries[convention!.keys.url ?? '']].filter(Boolean) as string[]) out = out.split(formatEnvValue(secret)).join('********');
      return out;
    };
    const left = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${path.basename(file)}`, query: 'before' });
    const right = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${path.basename(file)}`, query: 'after' });
    previews.set(left.toString(), hidden(original));
    previews.set(right.toString(), hidden(next));
    previewChanged.fire(left);
    previewChanged.fire(right);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${path.basename(file)}: SMTP settings (${convention.id}, password hidden)`, { preview: true });
    const choice = await vscode.window.showInformationMessage(`Write ${Object.keys(entries).length} SMTP settings to ${vscode.workspace.asRelativePath(file)}?`, { modal: true, detail: 'Only these keys change; every other line stays as it is.' }, 'Write');
    if (choice !== 'Write') return undefined;
  }

  // 6. Write, then make sure git will not commit the secret.
  try {
    await writeFileAtomic(file, next);
  } catch (err) {
    throw new UserError(err instanceof WriteError ? err.message : `Could not write ${file}: ${(err as Error).message}`);
  }
  log.info(`Wrote ${Object.keys(entries).join(', ')} to ${file} (${convention.id}).`);
  void warnIfNotIgnored(file, log);
  return { file, convention: convention.id, keys: Object.keys(entries) };
}

function gitCheckIgnore(file: string): Promise<'ignored' | 'not-ignored' | 'no-git'> {
  return new Promise((resolve) => {
    execFile('git', ['check-ignore', '-q', file], { cwd: path.dirname(file), timeout: 5000 }, (err) => {
      if (!err) return resolve('ignored');
      // exit code 1: not ignored; anything else (128: not a repository, ENOENT: no git) says nothing.
      resolve((err as { code?: unknown }).code === 1 ? 'not-ignored' : 'no-git');
    });
  });
}

async function warnIfNotIgnored(file: string, log: Log): Promise<void> {
  if ((await gitCheckIgnore(file)) !== 'not-ignored') return;
  const add = 'Add to .gitignore';
  const choice = await vscode.window.showWarningMessage(`${path.basename(file)} holds an SMTP password but git does not ignore it; it could be committed.`, add);
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
