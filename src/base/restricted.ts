// Restricted Mode (an untrusted folder): what still runs. The .env diagnostics and CodeLens work
// there (they only read the open file); of the commands, only those listed here run: they neither
// call AWS, nor connect to a server, nor write a file. Every other command, and any command added
// later that is not listed, tells the user that the folder must be trusted first
// (registerCommand in src/host/util.ts asks commandNeedsTrust before the handler runs).
import { COMMAND } from './commandIds';

const WORKS_UNTRUSTED: ReadonlySet<string> = new Set([
  COMMAND.generatePassword, // arithmetic on a key the user types
  COMMAND.showLog,
  COMMAND.credentials.add, // the user's own values into SecretStorage
  COMMAND.credentials.generate,
  COMMAND.credentials.copySendingCode,
  COMMAND.credentials.copyUsername,
  COMMAND.credentials.copyPassword,
  COMMAND.credentials.rename,
  COMMAND.credentials.editSet, // the saved set's fields; a new region's password is derived locally
  COMMAND.credentials.delete,
  COMMAND.credentials.forgetAll,
  COMMAND.env.cancelWrite,
  COMMAND.explorer.whyNoCredentials,
  COMMAND.explorer.openConsole,
  COMMAND.explainError, // reads the text it is given; its buttons run other commands, which ask for trust themselves
  COMMAND.explainErrorSelection,
  // Not listed, though they read like local ones: the record copies, Filter Identities and the
  // DKIM parent row find their identity or region through SES when called with {region, identity}
  // (and Show DKIM Parent may add a region to the explorer), so they need trust.
]);

/** True when the command must not run in an untrusted folder (it calls AWS, a server, or writes a file). */
export function commandNeedsTrust(id: string): boolean {
  return !WORKS_UNTRUSTED.has(id);
}
