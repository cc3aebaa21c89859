// What the .env language features show for one document: its SMTP blocks and findings (the
// checks of engines/envfile, in the document's dialect) and the quick fixes that write a fixing
// value. providers.ts loads this file with the first .env document it checks.
import * as vscode from 'vscode';
import { EnvValueError, MAX_ENV_BYTES } from '../../engines/envfile/parse';
import { findSmtpBlocks, type SmtpBlock } from '../../engines/envfile/conventions';
import { parseEnvAs } from '../../engines/envfile/dialectRead';
import { setEnvKeys } from '../../engines/envfile/edit';
import type { Dialect } from '../../engines/envfile/dialects';
import { checkEnv, type EnvFinding } from '../../engines/envfile/check';
import { customConventions, dialectSetting } from '../../host/envSettings';
import { COMMAND } from '../../base/commandIds';
import { accessKeyLookupFor, type AccessKeyLookup } from '../../engines/envfile/userKeyFix';

export interface Checked {
  version: number;
  blocks: SmtpBlock[];
  findings: EnvFinding[];
  /** Whose parser reads the file: the values shown and the fixes written are that parser's. */
  dialect?: Dialect;
}

export function analyse(text: string, uri: vscode.Uri): Omit<Checked, 'version'> {
  if (text.length > MAX_ENV_BYTES) return { blocks: [], findings: [] };
  const { parsed, dialect } = parseEnvAs(text, dialectSetting(uri), customConventions());
  const blocks = findSmtpBlocks(parsed, customConventions());
  return { blocks, findings: checkEnv(parsed, blocks, { text, dialect }), dialect };
}

/** The smallest single replacement that turns `before` into `after`. */
export function minimalEdit(
  doc: vscode.TextDocument,
  before: string,
  after: string,
): { range: vscode.Range; text: string } {
  let head = 0;
  const max = Math.min(before.length, after.length);
  while (head < max && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < max - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail))
    tail++;
  const range = new vscode.Range(doc.positionAt(head), doc.positionAt(before.length - tail));
  return { range, text: after.slice(head, after.length - tail) };
}

function lookupAction(
  uri: vscode.Uri,
  lookup: AccessKeyLookup,
  published: readonly vscode.Diagnostic[] | undefined,
  target: vscode.Range,
): vscode.CodeAction {
  const title = vscode.l10n.t('Look Up Access Keys of IAM User {0}', lookup.userName);
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = (published ?? []).filter((d) => d.code === 'username-not-access-key' && d.range.isEqual(target));
  action.command = {
    title,
    command: COMMAND.env.lookUpAccessKeys,
    // Not marked as our own (features/ownArgs.ts): any extension can read a quick fix's arguments
    // through vscode.executeCodeActionProvider, so they are a caller's; this command needs no more.
    arguments: [{ uri: uri.toString(), block: lookup.block, userName: lookup.userName }],
  };
  return action;
}

export /** The quick fixes for the findings in or on the line of `range`. */
function quickFixes(
  doc: vscode.TextDocument,
  range: vscode.Range,
  token: vscode.CancellationToken,
  known: Checked,
  published: readonly vscode.Diagnostic[] | undefined,
): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  for (const f of known.findings) {
    if (token.isCancellationRequested) break;
    const target = new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end));
    if (!target.intersection(range) && !(target.isEmpty && target.start.line === range.start.line)) continue;
    // An IAM user name as the username: its keys are looked up with AWS credentials (accessKeys.ts).
    const lookup = accessKeyLookupFor(f, known.blocks);
    if (lookup) actions.push(lookupAction(doc.uri, lookup, published, target));
    if (f.fixValue !== undefined) actions.push(fixAction(doc, f, f.fixValue, known.dialect, published, target));
  }
  return actions;
}

/** The fix that writes a finding's fixing value: a write like any other, read back first, offered only when nothing else changes. */
function fixAction(
  doc: vscode.TextDocument,
  f: EnvFinding,
  fixValue: string,
  dialect: Dialect | undefined,
  published: readonly vscode.Diagnostic[] | undefined,
  target: vscode.Range,
): vscode.CodeAction {
  const action = new vscode.CodeAction(f.fixTitle ?? vscode.l10n.t('Fix'), vscode.CodeActionKind.QuickFix);
  action.diagnostics = [...(published ?? [])].filter((d) => d.code === f.id && d.range.isEqual(target));
  const before = doc.getText();
  try {
    const edit = minimalEdit(
      doc,
      before,
      setEnvKeys(before, { [f.fixKey ?? f.key]: fixValue }, { anchorKeys: [f.key], dialect }),
    );
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(doc.uri, edit.range, edit.text);
    action.isPreferred = true;
  } catch (err) {
    if (!(err instanceof EnvValueError)) throw err;
    action.disabled = { reason: err.message };
  }
  return action;
}
