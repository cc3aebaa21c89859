// "Copy Sending Code": the code for the app's stack, reading the .env convention's keys. The
// stack is detected from the workspace's manifests and preselected; the convention comes from the
// argument, the workspace's .env, or the stack. The code never holds the password.
import * as vscode from 'vscode';
import {
  STACKS,
  STACK_FILES,
  SnippetError,
  detectStacks,
  sendingSnippet,
  stackInfo,
  type Snippet,
  type StackFiles,
  type StackInfo,
} from './logic/snippets';
import { type StackId } from './logic/snippetTemplates';
import { detectConvention } from '../../engines/envfile/conventions';
import { parseEnv } from '../../engines/envfile/parse';
import { smtpHostForRegion } from '../../base/regions';
import type { FeatureCalls } from '../../host/calls';
import { customConventions } from '../../host/envSettings';
import { UserError, type Log } from '../../host/util';
import type { CopySendingCodeArgs } from './args';
import { resolveCredentialSet } from '../../host/credentialStore';
import type { CredentialStore } from '../../host/credentialStore';

export interface CopySendingCodeResult {
  stack: StackId;
  convention: string;
  code: string;
  keys: Snippet['keys'];
}

const title = (): string => vscode.l10n.t('Copy Sending Code');

export async function copySendingCode(
  log: Log,
  store: CredentialStore,
  calls: FeatureCalls,
  raw?: CopySendingCodeArgs,
): Promise<CopySendingCodeResult | undefined> {
  // A plain object was checked by registerCommand against copySendingCodeSchema ("stack" is one of
  // STACKS); the view's row passes its CredentialNode, which has neither "stack" nor "convention".
  const args: CopySendingCodeArgs = raw ?? {};
  const programmatic = raw !== undefined && Object.getPrototypeOf(raw) === Object.prototype;
  const set = await resolveCredentialSet(store, raw, title(), calls);
  if (!set) return undefined;
  const givenStack = args.stack;
  const fromWorkspace = args.convention ?? (await workspaceConvention());
  const stack = givenStack ? stackInfo(givenStack) : await pickStack(await workspaceStacks(), fromWorkspace);
  if (!stack) return undefined;
  const convention = fromWorkspace ?? stack.convention;
  let snippet: Snippet;
  try {
    snippet = sendingSnippet({
      stack: stack.id,
      convention,
      extraConventions: customConventions(),
      tls: set.tls,
      port: set.port,
      host: set.host ?? smtpHostForRegion(set.region ?? 'us-east-1'),
    });
  } catch (err) {
    if (err instanceof SnippetError) throw new UserError(err.message);
    throw err;
  }
  await vscode.env.clipboard.writeText(snippet.code);
  log.info(`Copied the ${stack.label} sending code for "${set.name}" (keys of the ${snippet.convention} convention).`);
  if (!programmatic) {
    const open = vscode.l10n.t('Open in Editor');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t(
          'Copied the {0} code. It reads {1} and the rest from the environment.',
          stack.label,
          snippet.keys.password,
        ),
        open,
      )
      .then(async (choice) => {
        if (choice !== open) return;
        const doc = await vscode.workspace.openTextDocument({ language: stack.language, content: snippet.code });
        await vscode.window.showTextDocument(doc);
      });
  }
  return { stack: stack.id, convention: snippet.convention, code: snippet.code, keys: snippet.keys };
}

/**
 * The stack QuickPick: the detected stacks first, marked, the most likely one active. Each row names
 * the .env convention the code will read (the workspace's, else the stack's own).
 */
export async function pickStack(detected: StackId[], convention?: string): Promise<StackInfo | undefined> {
  type Item = vscode.QuickPickItem & { stack?: StackInfo };
  const byId = (id: StackId): StackInfo => stackInfo(id) as StackInfo;
  const item = (s: StackInfo, found: boolean): Item => ({
    label: s.label,
    description: found ? vscode.l10n.t('$(check) found in this workspace') : undefined,
    detail: vscode.l10n.t('Goes in {0}; reads the {1} .env keys', s.where, convention ?? s.convention),
    stack: s,
  });
  const rest = STACKS.filter((s) => !detected.includes(s.id));
  const items: Item[] = [
    ...detected.map((id) => item(byId(id), true)),
    ...(detected.length && rest.length ? [{ label: '', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...rest.map((s) => item(s, false)),
  ];
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = title();
  pick.placeholder = vscode.l10n.t('Your app’s stack (STARTTLS on 587, certificate verified, settings from .env)');
  pick.items = items;
  pick.matchOnDetail = true;
  if (detected.length) pick.activeItems = [items[0]];
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.stack);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

async function readRoot(name: string): Promise<string | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      const uri = vscode.Uri.joinPath(folder.uri, name);
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > 1024 * 1024) continue;
      return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    } catch {
      // not there
    }
  }
  return undefined;
}

/** The stacks the workspace folders' manifests point to. */
export async function workspaceStacks(): Promise<StackId[]> {
  const files: StackFiles = {};
  for (const name of STACK_FILES) {
    const text = await readRoot(name);
    if (text !== undefined) files[name] = text;
  }
  return detectStacks(files);
}

/** The convention of the workspace's .env, when it has an SMTP block. */
export async function workspaceConvention(): Promise<string | undefined> {
  const text = await readRoot('.env');
  if (text === undefined) return undefined;
  try {
    return detectConvention(parseEnv(text), customConventions())?.id;
  } catch {
    return undefined;
  }
}
