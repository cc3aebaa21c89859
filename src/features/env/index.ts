// .env integration: write SMTP settings in the project's own convention (writeWizard.ts), and
// check the ones that are there (providers.ts: CodeLens above each SMTP block, diagnostics with
// quick fixes). The commands here act on a block, over engines/envfile.
import * as vscode from 'vscode';
import type { FeatureContext } from '../../host/feature';
import path from 'node:path';
import type { SmtpBlock } from '../../engines/envfile/conventions';
import type * as envCheck from '../../engines/envfile/check';
import { UserError, registerCommand } from '../../host/util';
import type { ImportBlockArgs } from './args';
import { PREVIEW_SCHEME, customConventions, dialectSetting } from '../../host/envSettings';
import { registerEnvProviders } from './providers';
import type { EnvPreview } from './writeWizard';
import { PendingEnvDiff } from './diffChoice';
import { COMMAND } from '../../base/commandIds';

/** The .env feature: its CodeLens, diagnostics, quick fixes and preview, and its commands. */
export function activate(ctx: FeatureContext): void {
  const { extension: context, log, store, calls } = ctx;
  registerEnvProviders(context);
  const preview: EnvPreview = {
    texts: new Map<string, string>(),
    changed: new vscode.EventEmitter<vscode.Uri>(),
    diff: new PendingEnvDiff(),
  };
  context.subscriptions.push(
    preview.changed,
    preview.diff,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
      onDidChange: preview.changed.event,
      provideTextDocumentContent: (uri) => preview.texts.get(uri.toString()) ?? '',
    }),
  );

  // The block's values as Check Login's arguments come with it. The .env engine loads here, with the
  // first command on a block.
  const blockFrom = async (
    raw: unknown,
  ): Promise<{ block: SmtpBlock; uri: vscode.Uri; login: ReturnType<typeof envCheck.loginArgsFromBlock> }> => {
    const args = (raw ?? {}) as { uri?: string; file?: string; block?: number };
    let uri: vscode.Uri | undefined = args.uri
      ? vscode.Uri.parse(args.uri)
      : args.file
        ? vscode.Uri.file(args.file)
        : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      const files = await vscode.workspace.findFiles('**/.env*', '**/node_modules/**', 50);
      const picked = await vscode.window.showQuickPick(
        files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })),
        { title: vscode.l10n.t('Which .env file?') },
      );
      uri = picked?.uri;
    }
    if (!uri) throw new UserError(vscode.l10n.t('No .env file is open. Open one, or pass "file".'));
    const doc = await vscode.workspace.openTextDocument(uri);
    // The values the project's framework will see (its .env dialect), not only npm dotenv's reading.
    const [{ parseEnvAs }, { findSmtpBlocks }, { loginArgsFromBlock }] = await Promise.all([
      import('../../engines/envfile/dialectRead'),
      import('../../engines/envfile/conventions'),
      import('../../engines/envfile/check'),
    ]);
    const { parsed } = parseEnvAs(doc.getText(), dialectSetting(uri), customConventions());
    const blocks = findSmtpBlocks(parsed, customConventions());
    if (!blocks.length)
      throw new UserError(
        vscode.l10n.t(
          '{0} has no SMTP settings block (for example SMTP_HOST/SMTP_USER/SMTP_PASSWORD or MAIL_HOST/MAIL_USERNAME/MAIL_PASSWORD).',
          path.basename(uri.fsPath),
        ),
      );
    const block = blocks[Math.min(Math.max(args.block ?? 0, 0), blocks.length - 1)];
    return { block, uri, login: loginArgsFromBlock(block) };
  };

  // The CodeLens passes plain data too: registerCommand checked it against importBlockSchema.
  const importBlock = async (raw: unknown): Promise<unknown> => {
    const { block, uri, login: a } = await blockFrom(raw);
    if (!a.password || !a.username)
      throw new UserError(vscode.l10n.t('The block has no username or password to save.'));
    const name = (raw as ImportBlockArgs | undefined)?.name ?? `${path.basename(uri.fsPath)} (${block.convention.id})`;
    // A pasted-password problem is asked about, unless the caller decided (onProblem).
    const onProblem = (raw as ImportBlockArgs | undefined)?.onProblem ?? 'ask';
    return calls.addCredentials({
      ...a,
      name,
      from: block.from,
      onProblem,
    });
  };

  calls.envBlockLogin = async (args) => {
    const { login, uri, block } = await blockFrom(args);
    return { ...login, file: uri.fsPath, convention: block.convention.id, from: block.from };
  };
  context.subscriptions.push(
    registerCommand(COMMAND.env.checkBlock, log, async (raw) => {
      const { login } = await blockFrom(raw);
      const diagnoseMode = Boolean((raw as { diagnose?: boolean } | undefined)?.diagnose);
      const outcome = await calls.checkLogin({
        ...login,
        notify: (raw as { notify?: boolean } | undefined)?.notify,
      });
      if (diagnoseMode) log.show(true);
      return outcome;
    }),
    registerCommand(COMMAND.env.import, log, (raw) => importBlock(raw)),
    registerCommand(COMMAND.env.sendTestEmail, log, async (raw) => {
      const set = (await importBlock(raw)) as { id: string } | undefined;
      if (set) await calls.sendTestEmail({ credentialSet: set.id });
      return set;
    }),
    registerCommand(COMMAND.env.lookUpAccessKeys, log, async (raw, call) =>
      (await import('./accessKeys')).lookUpAccessKeys(context, log, calls, raw, blockFrom, call),
    ),
    registerCommand(COMMAND.writeEnv, log, async (raw, call) =>
      (await import('./writeWizard')).writeEnv(context, log, store, raw, preview, calls, call),
    ),
    // The diff editor passes its URI; the choice is about the one pending diff.
    registerCommand(COMMAND.env.confirmWrite, log, async (args) => preview.diff.choose('write', args)),
    registerCommand(COMMAND.env.cancelWrite, log, async () => preview.diff.choose('cancel')),
  );
}
