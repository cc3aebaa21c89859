// The .env language features: diagnostics for the SMTP traps found by core/env/check, quick
// fixes that write the fixing value, and CodeLens above each SMTP block.
//
// Checking runs after typing pauses (debounced per document); a newer edit, closing the document or
// disposing the extension cancels a pending check, and a result for an older version is dropped.
import * as vscode from 'vscode';
import { EnvValueError, MAX_ENV_BYTES } from '../../engines/envfile/parse';
import { findSmtpBlocks, type SmtpBlock } from '../../engines/envfile/conventions';
import { parseEnvAs } from '../../engines/envfile/dialectRead';
import { setEnvKeys } from '../../engines/envfile/edit';
import type { Dialect } from '../../engines/envfile/dialects';
import { checkEnv, type EnvFinding } from '../../engines/envfile/check';
import { ENV_SELECTOR, customConventions, dialectSetting, isEnvDocument } from '../../host/envSettings';
import { COMMAND } from '../../base/commandIds';
import { accessKeyLookupFor, type AccessKeyLookup } from '../../engines/envfile/userKeyFix';

/** Milliseconds of quiet after an edit before the document is checked. */
export const CHECK_DELAY_MS = 250;

interface Checked {
  version: number;
  blocks: SmtpBlock[];
  findings: EnvFinding[];
  /** Whose parser reads the file: the values shown and the fixes written are that parser's. */
  dialect?: Dialect;
}

function analyse(text: string, uri: vscode.Uri): Omit<Checked, 'version'> {
  if (text.length > MAX_ENV_BYTES) return { blocks: [], findings: [] };
  const { parsed, dialect } = parseEnvAs(text, dialectSetting(uri), customConventions());
  const blocks = findSmtpBlocks(parsed, customConventions());
  return { blocks, findings: checkEnv(parsed, blocks, { text, dialect }), dialect };
}

function severity(f: EnvFinding): vscode.DiagnosticSeverity {
  if (f.severity === 'error') return vscode.DiagnosticSeverity.Error;
  return f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
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

export function registerEnvProviders(context: vscode.ExtensionContext): void {
  const diagnostics = vscode.languages.createDiagnosticCollection('ses-smtp-env');
  const lensChanged = new vscode.EventEmitter<void>();
  const checks = new EnvChecks(diagnostics, lensChanged);
  context.subscriptions.push(
    diagnostics,
    lensChanged,
    ...watchDocuments(checks),
    vscode.languages.registerCodeActionsProvider(
      ENV_SELECTOR,
      {
        provideCodeActions: (doc, range, _context, token) =>
          isEnvDocument(doc) ? quickFixes(doc, range, token, checks.current(doc), diagnostics.get(doc.uri)) : [],
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    vscode.languages.registerCodeLensProvider(ENV_SELECTOR, {
      onDidChangeCodeLenses: lensChanged.event,
      provideCodeLenses: (doc, token) =>
        token.isCancellationRequested || !isEnvDocument(doc) ? [] : blockLenses(doc, checks.current(doc).blocks),
    }),
  );
  for (const doc of vscode.workspace.textDocuments) checks.schedule(doc, 0);
}

/** The checks of the open .env documents: each analysed once per version, published after a pause. */
class EnvChecks {
  private readonly checked = new Map<string, Checked>();
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; cancel: vscode.CancellationTokenSource }>();

  constructor(
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly lensChanged: vscode.EventEmitter<void>,
  ) {}

  /** The analysis of the document as it is now, computed at most once per version. */
  current(doc: vscode.TextDocument): Checked {
    const key = doc.uri.toString();
    const known = this.checked.get(key);
    if (known && known.version === doc.version) return known;
    const fresh = { version: doc.version, ...analyse(doc.getText(), doc.uri) };
    this.checked.set(key, fresh);
    return fresh;
  }

  /** Checks the document after `delay` ms, unless a newer edit or closing it comes first. */
  schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isEnvDocument(doc)) return;
    const key = doc.uri.toString();
    this.cancelPending(key);
    const cancel = new vscode.CancellationTokenSource();
    const version = doc.version;
    const timer = setTimeout(() => {
      this.pending.delete(key);
      const stale = (): boolean => cancel.token.isCancellationRequested || doc.isClosed || doc.version !== version;
      if (stale()) return cancel.dispose();
      const result = this.current(doc);
      if (!stale()) this.publish(doc, result);
      cancel.dispose();
    }, delay);
    this.pending.set(key, { timer, cancel });
  }

  /** A closed document: no pending check, no diagnostics, no analysis kept. */
  forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.cancelPending(key);
    this.diagnostics.delete(doc.uri);
    this.checked.delete(key);
  }

  /** Every analysis is out of date (the settings changed): check the open documents again. */
  recheckAll(): void {
    this.checked.clear();
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  cancelAll(): void {
    [...this.pending.keys()].forEach((key) => this.cancelPending(key));
  }

  private cancelPending(key: string): void {
    const p = this.pending.get(key);
    if (!p) return;
    clearTimeout(p.timer);
    p.cancel.cancel();
    p.cancel.dispose();
    this.pending.delete(key);
  }

  private publish(doc: vscode.TextDocument, result: Checked): void {
    this.diagnostics.set(
      doc.uri,
      result.findings.map((f) => {
        const range = new vscode.Range(doc.positionAt(f.start), doc.positionAt(Math.max(f.end, f.start)));
        const d = new vscode.Diagnostic(range, f.message, severity(f));
        d.source = 'SES SMTP';
        d.code = f.id;
        return d;
      }),
    );
    this.lensChanged.fire();
  }
}

/** The document events that start, cancel or drop checks. */
function watchDocuments(checks: EnvChecks): vscode.Disposable[] {
  return [
    vscode.workspace.onDidOpenTextDocument((doc) => checks.schedule(doc, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => checks.schedule(e.document, CHECK_DELAY_MS)),
    vscode.workspace.onDidCloseTextDocument((doc) => checks.forget(doc)),
    { dispose: () => checks.cancelAll() },
    // A new dialect or custom mapping changes what every open .env reads as: check them again.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('sesSmtpToolkit.env')) checks.recheckAll();
    }),
  ];
}

/** The quick fixes for the findings in or on the line of `range`. */
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

/** The CodeLens row above each SMTP block: Check Login, Send Test Email, Save as Credentials. */
function blockLenses(doc: vscode.TextDocument, blocks: readonly SmtpBlock[]): vscode.CodeLens[] {
  return blocks.flatMap((block, index) => {
    const range = new vscode.Range(block.firstLine, 0, block.firstLine, 0);
    // Not marked as our own (features/ownArgs.ts): any extension can read a CodeLens's arguments
    // through vscode.executeCodeLensProvider, so they are a caller's; these commands need no more.
    const args = { uri: doc.uri.toString(), block: index };
    // The convention goes in the tooltip; the row stays three short actions.
    const about = vscode.l10n.t('SMTP settings in the {0} convention', block.convention.label);
    const lens = (title: string, command: string, what: string): vscode.CodeLens =>
      new vscode.CodeLens(range, {
        title,
        command,
        arguments: [args],
        tooltip: vscode.l10n.t('{0}: {1}', what, about),
      });
    return [
      lens(
        vscode.l10n.t('$(plug) Check Login'),
        COMMAND.env.checkBlock,
        vscode.l10n.t('Log in to SES with these values (no mail is sent)'),
      ),
      lens(
        vscode.l10n.t('$(mail) Send Test Email'),
        COMMAND.env.sendTestEmail,
        vscode.l10n.t('Save them as credentials and open the form'),
      ),
      lens(
        vscode.l10n.t('$(key) Save as Credentials'),
        COMMAND.env.import,
        vscode.l10n.t('Save them as an SMTP credential set'),
      ),
    ];
  });
}
