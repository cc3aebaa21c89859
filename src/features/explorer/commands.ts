// The explorer's commands, registered at activation; what each does is in actions.ts (and
// dkimCommands.ts), which load with the first command that runs (a chunk, esbuild.config.mjs).
import type * as vscode from 'vscode';
import { registerCommand } from '../../host/util';
import { SHOW_DKIM_PARENT_COMMAND } from './nodes/dkimRows';
import { RETRY_COMMAND } from './nodes/errorNode';
import { LOAD_MORE_COMMAND } from './nodes/loadMoreNode';
import { CHOOSE_COMMAND } from './statusBar';
import { COMMAND } from '../../base/commandIds';
import type { CommandDeps } from './actions';

export type { CommandDeps };

export const COMMANDS = {
  choose: CHOOSE_COMMAND,
  refresh: COMMAND.explorer.refresh,
  whyNoCredentials: COMMAND.explorer.whyNoCredentials,
  retry: RETRY_COMMAND,
  loadMore: LOAD_MORE_COMMAND,
  copyRecords: COMMAND.explorer.copyRecords,
  copyRecordsTable: COMMAND.explorer.copyRecordsTable,
  copyRecordName: COMMAND.explorer.copyRecordName,
  copyRecordValue: COMMAND.explorer.copyRecordValue,
  checkDns: COMMAND.explorer.checkDns,
  showRecordsTable: COMMAND.explorer.showRecordsTable,
  createIdentity: COMMAND.explorer.createIdentity,
  deleteIdentity: COMMAND.explorer.deleteIdentity,
  openConsole: COMMAND.explorer.openConsole,
  upgradeDkimKey: COMMAND.explorer.upgradeDkimKey,
  /** The click on a DKIM replica's "Replicates DKIM of …" row (not in the palette or menus). */
  showDkimParent: SHOW_DKIM_PARENT_COMMAND,
  loadAll: COMMAND.explorer.loadAll,
  filterIdentities: COMMAND.explorer.filterIdentities,
} as const;

const actions = () => import('./actions');
const dkim = () => import('./dkimCommands');

export function registerExplorerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { log } = deps;
  const chooseCommand = registerCommand(COMMANDS.choose, log, async (raw) => (await actions()).choose(deps, raw));
  const filterCommand = registerCommand(COMMANDS.filterIdentities, log, async (raw) =>
    (await actions()).filterIdentities(deps, raw),
  );
  // Other features (Explain SES SMTP Error) show an identity through ctx.calls.
  if (deps.calls) deps.calls.filterIdentities = filterCommand.run;
  return [
    chooseCommand,
    registerCommand(COMMANDS.refresh, log, async () => {
      deps.explorer.refresh();
      deps.profilesChanged();
    }),
    registerCommand(COMMANDS.whyNoCredentials, log, async () =>
      (await actions()).whyNoCredentials(deps, () => chooseCommand.run()),
    ),
    registerCommand(COMMANDS.retry, log, async (raw) => (await actions()).retry(deps, raw)),
    registerCommand(COMMANDS.loadMore, log, async (raw) => (await actions()).loadMore(deps, raw)),
    registerCommand(COMMANDS.copyRecords, log, async (raw) => (await actions()).copyRecords(deps, raw, 'zone')),
    registerCommand(COMMANDS.copyRecordsTable, log, async (raw) => (await actions()).copyRecords(deps, raw, 'table')),
    registerCommand(COMMANDS.copyRecordName, log, async (raw) => (await actions()).copyRecordField(deps, raw, 'name')),
    registerCommand(COMMANDS.copyRecordValue, log, async (raw) =>
      (await actions()).copyRecordField(deps, raw, 'value'),
    ),
    registerCommand(COMMANDS.checkDns, log, async (raw) => (await actions()).checkDns(deps, raw)),
    registerCommand(COMMANDS.showRecordsTable, log, async (raw) => (await actions()).showRecordsTable(deps, raw)),
    registerCommand(COMMANDS.upgradeDkimKey, log, async (raw, call) => (await dkim()).upgradeDkimKey(deps, raw, call)),
    registerCommand(COMMANDS.showDkimParent, log, async (raw, call) => (await dkim()).showDkimParent(deps, raw, call)),
    registerCommand(COMMANDS.loadAll, log, async (raw) => (await actions()).loadAll(deps, raw)),
    filterCommand,
    registerCommand(COMMANDS.createIdentity, log, async (raw, call) =>
      (await actions()).createIdentity(deps, raw, call),
    ),
    registerCommand(COMMANDS.deleteIdentity, log, async (raw, call) =>
      (await actions()).deleteIdentity(deps, raw, call),
    ),
    registerCommand(COMMANDS.openConsole, log, async (raw) => (await actions()).openConsole(deps, raw)),
  ];
}
