// The .env language features: diagnostics for the SMTP traps found by core/env/check, quick
// fixes that write the fixing value, and CodeLens above each SMTP block.
import * as vscode from 'vscode';
import { MAX_ENV_BYTES, findSmtpBlocks, formatEnvValue, parseEnv } from '../../core/env/dotenv';
import { checkEnv, type EnvFinding } from '../../core/env/check';
import { ENV_SELECTOR, customConventions, isEnvDocument } from './settings';

export function registerEnvProviders(context: vscode.ExtensionContext): void {
  const diagnostics = vscode.languages.createDiagnosticCollection('ses-smtp-env');
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
    lensChanged,
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
}
