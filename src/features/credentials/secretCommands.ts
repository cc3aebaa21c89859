// The commands that move credential sets between AWS Secrets Manager / SSM Parameter Store and
// the editor's secret storage. The key mappings of imported secrets (key names only) are kept in
// globalState, per secret ARN.
import type * as vscode from 'vscode';
import { COMMAND } from '../../base/commandIds';
import type { FeatureCalls } from '../../host/calls';
import { registerCommand, type Log } from '../../host/util';
import type { CredentialStore } from '../../host/credentialStore';
import type { ExportSecretArgs, ParameterImportArgs, SecretImportArgs } from './args';

export function registerSecretCommands(
  state: vscode.Memento,
  log: Log,
  store: CredentialStore,
  calls: FeatureCalls,
): vscode.Disposable[] {
  return [
    registerCommand(COMMAND.credentials.importSecretsManager, log, async (args: SecretImportArgs | undefined, call) =>
      (await import('./secretImport')).importFromSecretsManager(log, store, state, calls, args, call),
    ),
    registerCommand(
      COMMAND.credentials.importParameterStore,
      log,
      async (args: ParameterImportArgs | undefined, call) =>
        (await import('./secretImport')).importFromParameterStore(log, store, state, calls, args, call),
    ),
    registerCommand(COMMAND.credentials.exportSecretsManager, log, async (args: ExportSecretArgs | undefined, call) =>
      (await import('./secretExport')).exportToSecretsManager(log, store, calls, args, call),
    ),
  ];
}
