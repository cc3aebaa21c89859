// The argument objects of the .env commands: Write SMTP Settings to .env, and the actions on an
// SMTP block of a .env file (import, check, send, look up the access keys). src/commandArgs.ts
// gathers them for registerCommand's check; a handler takes its type from here (ArgsOf) with
// `import type` only. Pure and vscode-free.
import * as f from '../../base/fields';
import { commandSchema, object, type ArgsOf, type CommandSchema } from '../../base/schema';
import { COMMAND } from '../../base/commandIds';

/** An SMTP block of a .env file: the file (by URI or path) and the block's index. */
const envBlock = { uri: f.uri, file: f.filePath, block: f.blockIndex };
const none: CommandSchema = { fields: {}, example: '{} (it takes no arguments)' };

export const writeEnvSchema = commandSchema({
  fields: {
    file: f.filePath,
    convention: f.convention,
    ...f.SET_FIELDS,
    values: object(
      {
        fields: {
          host: f.host,
          region: f.region,
          port: f.port,
          username: f.username,
          password: f.password,
          from: f.address,
          tls: f.tls,
        },
      },
      '{"host": "email-smtp.eu-west-1.amazonaws.com", "username": "AKIA…", "password": "…"}',
    ),
    confirm: f.boolean,
  },
  example: '{"file": "/path/to/.env", "convention": "generic", "credentialSet": "prod eu-west-1"}',
});
export const importBlockSchema = commandSchema({
  fields: { ...envBlock, name: f.setName, onProblem: f.onProblem },
  example: '{"file": "/path/to/.env", "block": 0}',
});
export const checkBlockSchema = commandSchema({
  fields: { ...envBlock, diagnose: f.boolean, notify: f.boolean },
  example: '{"file": "/path/to/.env", "block": 0}',
});
export const lookUpAccessKeysSchema = commandSchema({
  fields: { ...envBlock, userName: f.iamUserName, profile: f.profile, accessKeyId: f.accessKeyId },
  example: '{"file": "/path/to/.env", "block": 0, "profile": "admin", "accessKeyId": "AKIA…"}',
});

export type WriteEnvArgs = ArgsOf<typeof writeEnvSchema>;
export type ImportBlockArgs = ArgsOf<typeof importBlockSchema>;
export type CheckBlockArgs = ArgsOf<typeof checkBlockSchema>;
export type LookUpArgs = ArgsOf<typeof lookUpAccessKeysSchema>;

/** The .env commands with the argument object each accepts. */
export const ENV_SCHEMAS: Readonly<Record<string, CommandSchema>> = {
  [COMMAND.writeEnv]: writeEnvSchema,
  [COMMAND.env.import]: importBlockSchema,
  [COMMAND.env.checkBlock]: checkBlockSchema,
  [COMMAND.env.sendTestEmail]: importBlockSchema,
  // The Write / Cancel buttons on the pending diff's title (the editor passes its URI, which is not an argument object).
  [COMMAND.env.confirmWrite]: none,
  [COMMAND.env.cancelWrite]: none,
  [COMMAND.env.lookUpAccessKeys]: lookUpAccessKeysSchema,
};
