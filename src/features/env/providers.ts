// The .env language features: diagnostics for the SMTP traps found by engines/envfile, quick
// fixes that write the fixing value, and CodeLens above each SMTP block.
//
// Checking runs after typing pauses (debounced per document); a newer edit, closing the document or
// disposing the extension cancels a pending check, and a result for an older version is dropped.
import * as vscode from 'vscode';
import type { SmtpBlock } from '../../engines/envfile/conventions';
import type { EnvFinding } from '../../engines/envfile/check';
import { ENV_SELECTOR, isEnvDocument } from '../../host/envSettings';
import { COMMAND } from '../../base/commandIds';
import type { Checked } from './findings';

/** The analysis and the quick fixes (findings.ts): loaded with the first .env document checked. */
const findings = () => import('./findings');

/** Milliseconds of quiet after an edit before the document is checked. */
export const CHECK_DELAY_MS = 250;

function severity(f: EnvFinding): vscode.DiagnosticSeverity {
  if (f.severity === 'error') return vscode.DiagnosticSeverity.Error;
  return f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
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
        provideCodeActions: async (doc, range, _context, token) =>
          isEnvDocument(doc)
            ? (await findings()).quickFixes(doc, range, token, await checks.current(doc), diagnostics.get(doc.uri))
            : [],
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    vscode.languages.registerCodeLensProvider(ENV_SELECTOR, {
      onDidChangeCodeLenses: lensChanged.event,
      provideCodeLenses: async (doc, token) =>
        token.isCancellationRequested || !isEnvDocument(doc)
          ? []
          : blockLenses(doc, (await checks.current(doc)).blocks),
    }),
  );
  for (const doc of vscode.workspace.textDocuments) checks.schedule(doc, 0);
}

/** The checks of the open .env documents: each analysed once per version, published after a pause. */
class EnvChecks {
  private readonly checked = new Map<string, { version: number; result: Promise<Checked> }>();
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; cancel: vscode.CancellationTokenSource }>();

  constructor(
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly lensChanged: vscode.EventEmitter<void>,
  ) {}

  /** The analysis of the document as it is now, computed at most once per version. */
  current(doc: vscode.TextDocument): Promise<Checked> {
    const key = doc.uri.toString();
    const known = this.checked.get(key);
    if (known && known.version === doc.version) return known.result;
    const text = doc.getText();
    const version = doc.version;
    const result = findings().then((f) => ({ version, ...f.analyse(text, doc.uri) }));
    this.checked.set(key, { version, result });
    return result;
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
      void this.current(doc)
        .then((result) => {
          if (!stale()) this.publish(doc, result);
        })
        .finally(() => cancel.dispose());
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

/** The CodeLens row above each SMTP block: Check Login, Send Test Email, Save as Credentials, Push To…. */
function blockLenses(doc: vscode.TextDocument, blocks: readonly SmtpBlock[]): vscode.CodeLens[] {
  return blocks.flatMap((block, index) => {
    const range = new vscode.Range(block.firstLine, 0, block.firstLine, 0);
    // Not marked as our own (features/ownArgs.ts): any extension can read a CodeLens's arguments
    // through vscode.executeCodeLensProvider, so they are a caller's; these commands need no more.
    const args = { uri: doc.uri.toString(), block: index };
    // The convention goes in the tooltip; the row stays four short actions.
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
      lens(
        vscode.l10n.t('$(cloud-upload) Push To…'),
        COMMAND.deploy.push,
        vscode.l10n.t('Push them to where the app runs (GitHub, Heroku, Fly, Vercel, Kubernetes, Compose…)'),
      ),
    ];
  });
}
