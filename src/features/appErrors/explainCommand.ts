// What Explain SES SMTP Error runs: it takes the text (the argument, a paste into the input box, the
// editor's selection or a terminal line), masks it before anything else sees it, explains it with
// the account's facts from the SES Explorer, writes the explanation to the log, and shows it as a
// notification whose buttons are the next actions (Run SMTP Doctor with the matching credential set,
// Check SMTP Login, the identity in the SES Explorer, the production access request), with Details
// opening the whole explanation as a Markdown preview. Nothing is sent anywhere.
import * as vscode from 'vscode';
import type { FeatureContext } from '../../host/feature';
import { UserError } from '../../host/userError';
import {
  actionLabel,
  explainPasted,
  explanationMarkdown,
  PRODUCTION_ACCESS_URL,
  readPasted,
  type Explanation,
  type NextAction,
} from './logic/explain';
import type { ExplainArgs } from './args';

const SCHEME = 'ses-smtp-explain';

/** What a caller gets: the explanation (masked text only) and the Markdown the log shows. */
export interface ExplainResult extends Explanation {
  markdown: string;
}

export async function explainCommand(
  ctx: FeatureContext,
  args: ExplainArgs | undefined,
): Promise<ExplainResult | undefined> {
  let text = args?.text;
  if (text === undefined) {
    text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Explain SES SMTP Error'),
      prompt: vscode.l10n.t(
        'Paste the error your application printed (a password or a DSN in it is masked; nothing is sent anywhere)',
      ),
      placeHolder: vscode.l10n.t("smtplib.SMTPAuthenticationError: (535, b'Authentication Credentials Invalid')"),
      ignoreFocusOut: true,
    });
    if (text === undefined || text.trim() === '') return undefined;
  }
  return explainText(ctx, text);
}

export async function explainSelection(ctx: FeatureContext): Promise<ExplainResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new UserError(vscode.l10n.t('Open the log and select the error line first.'));
  const selected = editor.selections.map((s) => editor.document.getText(s)).join('\n');
  // No selection: the line under the cursor.
  const text = selected.trim() ? selected : editor.document.lineAt(editor.selection.active.line).text;
  if (!text.trim()) throw new UserError(vscode.l10n.t('Select the error line (or put the cursor on it) first.'));
  return explainText(ctx, text);
}

async function explainText(ctx: FeatureContext, text: string): Promise<ExplainResult> {
  const pasted = readPasted(text);
  const account = await ctx.accountInfo.get(pasted.reading?.region);
  const explanation = explainPasted(pasted, { maxSendRate: account?.maxSendRate, sandbox: account?.sandbox });
  const markdown = explanationMarkdown(explanation);
  ctx.log.info(`Explain SES SMTP Error:\n${markdown}`);
  const uri = details(ctx).put(markdown);
  void offer(ctx, explanation, uri);
  return { ...explanation, markdown };
}

/** The notification: the headline, up to three next actions, and Details. Not modal; not awaited. */
async function offer(ctx: FeatureContext, e: Explanation, uri: vscode.Uri): Promise<void> {
  const actions = e.actions.slice(0, 3);
  const detailsLabel = vscode.l10n.t('Details');
  const labels = actions.map((a) => actionLabel(a));
  const show = e.verdict === 'ses' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  const choice = await show(e.headline, detailsLabel, ...labels);
  if (choice === detailsLabel) {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return;
  }
  const action = actions[labels.indexOf(choice ?? '')];
  if (action) await runAction(ctx, action);
}

async function runAction(ctx: FeatureContext, action: NextAction): Promise<void> {
  try {
    if (action.kind === 'doctor') {
      // The saved set for the region, when exactly one matches; otherwise the Doctor asks.
      const sets = await ctx.store.list();
      const matching = action.region ? sets.filter((s) => s.region === action.region) : sets;
      await ctx.calls.runDoctor(matching.length === 1 ? { credentialSet: matching[0].name } : undefined);
    } else if (action.kind === 'checkLogin') {
      await ctx.calls.checkLogin();
    } else if (action.kind === 'identity') {
      // The SES SMTP view container (package.json viewsContainers), where the explorer is.
      await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
      await ctx.calls.filterIdentities({ region: action.region, filter: action.identity });
    } else {
      await vscode.env.openExternal(vscode.Uri.parse(PRODUCTION_ACCESS_URL));
    }
  } catch (err) {
    ctx.log.warn(
      `Explain SES SMTP Error: ${actionLabel(action)} failed: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** The read-only Markdown documents the Details button opens (masked text only), the last 20 kept. */
class ExplanationDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private next = 0;
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.path) ?? '';
  }
  put(markdown: string): vscode.Uri {
    const path = `/explanation-${++this.next}.md`;
    this.docs.set(path, markdown);
    if (this.docs.size > 20) this.docs.delete(this.docs.keys().next().value as string);
    return vscode.Uri.from({ scheme: SCHEME, path });
  }
}

let documents: ExplanationDocuments | undefined;

function details(ctx: FeatureContext): ExplanationDocuments {
  if (!documents) {
    const created = new ExplanationDocuments();
    documents = created;
    ctx.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(SCHEME, created), {
      dispose: () => {
        if (documents === created) documents = undefined;
      },
    });
  }
  return documents;
}
