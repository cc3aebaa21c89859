// The argument object of Push SMTP Settings To… (issue #28): the credential set (by name or id,
// or the SMTP Credentials row), the target, the .env convention whose key names are used, and the
// target's own options. The engine (src/engines/deploy/plan.ts) checks each option against its
// target's rules; here every name is limited to one line of plain characters that cannot pass for
// a command-line option. src/commandArgs.ts gathers the schema. Pure and vscode-free.
import * as f from '../../base/fields';
import { checkString, fail, type FieldCheck } from '../../base/fields';
import { commandSchema, type ArgsOf, type CommandSchema } from '../../base/schema';
import { COMMAND } from '../../base/commandIds';
import { DEPLOY_TARGETS } from '../../engines/deploy/plan';

/** An app, repository, environment, namespace, Secret, service or file name. */
export const deployName: FieldCheck<string> = (value, field) => {
  const text = checkString(value, field, { max: 100, example: '"my-app"' });
  if (!/^[A-Za-z0-9_.][A-Za-z0-9_./ -]*$/.test(text))
    fail(
      field,
      `"${text.slice(0, 40)}" is not a name: use letters, digits and . _ - / (not starting with "-"), such as "my-app" or "octo-org/app".`,
    );
  return text;
};

export const pushSchema = commandSchema({
  fields: {
    ...f.SET_FIELDS,
    // Or the SMTP block of a .env file instead of a saved set.
    uri: f.uri,
    file: f.filePath,
    block: f.blockIndex,
    target: f.oneOf(DEPLOY_TARGETS),
    convention: f.convention,
    app: deployName,
    repo: deployName,
    environment: deployName,
    stage: f.boolean,
    namespace: deployName,
    kubernetesSecret: deployName,
    kubernetesMode: f.oneOf(['apply', 'manifest'] as const),
    service: deployName,
    envFile: deployName,
    composeFile: deployName,
    verifiedIdentity: f.identityName,
  },
  example: '{"credentialSet": "prod eu-west-1", "target": "github", "repo": "octo-org/app", "convention": "generic"}',
});

export const checkRelaySchema = commandSchema({
  fields: { relay: f.oneOf(['postfix', 'msmtp'] as const), file: f.filePath },
  example: '{"relay": "postfix", "file": "/etc/postfix/main.cf"}',
});

export type PushArgs = ArgsOf<typeof pushSchema>;
export type CheckRelayArgs = ArgsOf<typeof checkRelaySchema>;

export const DEPLOY_SCHEMAS: Readonly<Record<string, CommandSchema>> = {
  [COMMAND.deploy.push]: pushSchema,
  [COMMAND.deploy.checkRelay]: checkRelaySchema,
};
