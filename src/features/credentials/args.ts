// The argument objects of the credentials commands (saved sets, the login check, the password
// generator, CSV and Secrets Manager / Parameter Store import and export, key rotation), one schema
// each. src/commandArgs.ts gathers them for registerCommand's check; a handler takes its type from
// here (ArgsOf: the schema is the type) with `import type` only, so the checks stay out of
// dist/extension.js. Pure and vscode-free.
import { STACKS } from './logic/snippets';
import { checkKmsKeyId, checkParameterName, checkSecretName, SecretNameError } from './logic/secretExport';
import { SECRET_FIELDS } from './logic/secretValue';
import { COMMAND } from '../../base/commandIds';
import * as f from '../../base/fields';
import { ArgumentError, fail, typeOf, type FieldCheck } from '../../base/fields';
import { commandSchema, object, type ArgsOf, type CommandSchema } from '../../base/schema';

const generate = {
  accessKeyId: f.accessKeyId,
  secretAccessKey: f.secretAccessKey,
  region: f.region,
  showResult: f.boolean,
};
const check = {
  ...f.SET_FIELDS,
  notify: f.boolean,
  secretAccessKey: f.secretAccessKey,
  timeoutSeconds: f.timeoutSeconds,
};
const setOnly = commandSchema({ fields: f.SET_FIELDS, example: '{"credentialSet": "prod eu-west-1"}' });

export const generatePasswordSchema = commandSchema({
  fields: generate,
  example: '{"accessKeyId": "AKIA…", "secretAccessKey": "…", "region": "eu-west-1"}',
});
export const checkLoginSchema = commandSchema({
  fields: {
    ...f.LOGIN_FIELDS,
    secretAccessKey: f.secretAccessKey,
    timeoutSeconds: f.timeoutSeconds,
    notify: f.boolean,
    certificateSha256: f.certificateSha256,
  },
  example: '{"region": "eu-west-1", "username": "AKIA…", "password": "…"}',
});
export const addSchema = commandSchema({
  fields: { ...f.LOGIN_FIELDS, name: f.setName, from: f.address, onProblem: f.onProblem },
  example:
    '{"name": "prod eu-west-1", "region": "eu-west-1", "username": "AKIA…", "password": "…", "from": "noreply@example.com"}',
});
export const generateSchema = commandSchema({
  fields: { ...generate, name: f.setName, from: f.address },
  example: '{"accessKeyId": "AKIA…", "secretAccessKey": "…", "region": "eu-west-1", "name": "prod"}',
});
export const createIamUserSchema = commandSchema({
  fields: {
    profile: f.profile,
    region: f.region,
    userName: f.iamUserName,
    fromPatterns: f.fromPatterns,
    confirm: f.boolean,
  },
  example:
    '{"profile": "admin", "region": "eu-west-1", "userName": "ses-smtp-user.app", "fromPatterns": ["*@example.com"], "confirm": false}',
});
export const checkSchema = commandSchema({ fields: check, example: '{"credentialSet": "prod eu-west-1"}' });
export const trustCertificateSchema = commandSchema({
  fields: { ...f.SET_FIELDS, allow: f.boolean, confirm: f.boolean },
  example: '{"credentialSet": "relay", "allow": true, "confirm": false}',
});
export const renameSchema = commandSchema({
  fields: { ...f.SET_FIELDS, newName: f.setName },
  example: '{"credentialSet": "prod", "newName": "prod eu-west-1"}',
});
export const editSetSchema = commandSchema({
  fields: {
    ...f.SET_FIELDS,
    host: f.host,
    port: f.port,
    region: f.region,
    tls: f.tls,
    from: f.address,
    secretAccessKey: f.secretAccessKey,
  },
  example: '{"credentialSet": "relay", "port": 2587, "from": "noreply@example.com"}',
});
export const importCsvSchema = commandSchema({
  fields: { file: f.filePath, region: f.region, name: f.setName, onProblem: f.onProblem },
  example: '{"file": "/home/me/Downloads/credentials.csv", "region": "eu-west-1"}',
});
export const copySendingCodeSchema = commandSchema({
  fields: { ...f.SET_FIELDS, stack: f.oneOf(STACKS.map((s) => s.id)), convention: f.convention },
  example: '{"credentialSet": "prod eu-west-1", "stack": "nodemailer"}',
});

// Secrets Manager / Parameter Store.

/** A name checked by one of the secretExport checks, its message under the field's name. */
function awsName(checkName: (v: string) => string, example: string, max: number): FieldCheck<string> {
  return (value, field) => {
    const name = f.checkString(value, field, { max, example });
    try {
      checkName(name);
    } catch (err) {
      if (err instanceof SecretNameError) fail(field, `is not valid: ${err.message}`);
      throw err;
    }
    return name;
  };
}

const secretId = awsName(checkSecretName, 'a secret name or ARN such as "ses/smtp/prod"', 2048);
const parameterName = awsName(checkParameterName, 'a parameter name such as "/ses/smtp/prod"', 2048);
const kmsKeyId = awsName(checkKmsKeyId, 'a KMS key id, alias or ARN such as "alias/ses-smtp"', 2048);

/** A JSON key of the secret, for one field. */
const jsonKey: FieldCheck<string> = (value, field) =>
  f.checkString(value, field, { max: 128, example: '"SMTP_USERNAME"', lengthHint: 'JSON keys here have at most 128' });

const keyFields = Object.fromEntries(SECRET_FIELDS.map((k) => [k, jsonKey])) as Record<
  (typeof SECRET_FIELDS)[number],
  FieldCheck<string>
>;
/** {"username": "SMTP_USER", "password": "SMTP_PASS", …}: which key holds (or will hold) each field. */
const keyMapping = object({ fields: keyFields }, '{"username": "SMTP_USER", "password": "SMTP_PASS"}');

const valueArgs = {
  profile: f.profile,
  region: f.region,
  name: f.setName,
  mapping: keyMapping,
  username: f.username,
  smtpRegion: f.region,
  onProblem: f.onProblem,
};

export const importSecretsManagerSchema = commandSchema({
  fields: { ...valueArgs, secretId },
  example: '{"profile": "default", "region": "eu-west-1", "secretId": "ses/smtp/prod"}',
});
export const importParameterStoreSchema = commandSchema({
  fields: { ...valueArgs, parameter: parameterName },
  example: '{"profile": "default", "region": "eu-west-1", "parameter": "/ses/smtp/prod"}',
});
export const exportSecretsManagerSchema = commandSchema({
  fields: {
    ...f.SET_FIELDS,
    profile: f.profile,
    region: f.region,
    secretName: secretId,
    kmsKeyId,
    keys: keyMapping,
    convention: f.convention,
    overwrite: f.boolean,
  },
  example:
    '{"credentialSet": "prod eu-west-1", "profile": "default", "region": "eu-west-1", "secretName": "ses/smtp/prod"}',
});

// Key rotation.

/** How long to wait for the new key to pass the login check: 5 to 300 seconds. */
const maxWaitSeconds: FieldCheck<number> = (value, field) => {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new ArgumentError(
      field,
      `Argument "${field}" must be a whole number of seconds from 5 to 300, not ${typeOf(value)}.`,
    );
  if (n < 5 || n > 300) throw new ArgumentError(field, `Argument "${field}" is ${n}; give 5 to 300 seconds.`);
  return n;
};

export const rotateSchema = commandSchema({
  fields: {
    ...f.SET_FIELDS,
    profile: f.profile,
    updateEnvFiles: f.boolean,
    updateLinkedSecret: f.boolean,
    deleteOldKey: f.oneOf(['now', 'later', 'never']),
    maxWaitSeconds,
  },
  example: '{"credentialSet": "prod eu-west-1", "profile": "admin", "updateEnvFiles": true, "deleteOldKey": "later"}',
});
export const deleteOldKeySchema = commandSchema({
  fields: { ...f.SET_FIELDS, profile: f.profile, confirm: f.boolean },
  example: '{"credentialSet": "prod eu-west-1", "profile": "admin", "confirm": false}',
});

export type GeneratePasswordArgs = ArgsOf<typeof generatePasswordSchema>;
export type CheckLoginArgs = ArgsOf<typeof checkLoginSchema>;
export type AddCredentialArgs = ArgsOf<typeof addSchema>;
export type GenerateCredentialArgs = ArgsOf<typeof generateSchema>;
export type CreateIamUserArgs = ArgsOf<typeof createIamUserSchema>;
export type CheckSetArgs = ArgsOf<typeof checkSchema>;
export type TrustCertificateArgs = ArgsOf<typeof trustCertificateSchema>;
export type RenameArgs = ArgsOf<typeof renameSchema>;
export type EditSetArgs = ArgsOf<typeof editSetSchema>;
export type ImportCsvArgs = ArgsOf<typeof importCsvSchema>;
export type CopySendingCodeArgs = ArgsOf<typeof copySendingCodeSchema>;
export type SecretImportArgs = ArgsOf<typeof importSecretsManagerSchema>;
export type ParameterImportArgs = ArgsOf<typeof importParameterStoreSchema>;
export type ExportSecretArgs = ArgsOf<typeof exportSecretsManagerSchema>;
export type RotateArgs = ArgsOf<typeof rotateSchema>;
export type DeleteOldKeyArgs = ArgsOf<typeof deleteOldKeySchema>;

/** Every credentials command with the argument object it accepts. */
export const CREDENTIAL_SCHEMAS: Readonly<Record<string, CommandSchema>> = {
  [COMMAND.generatePassword]: generatePasswordSchema,
  [COMMAND.checkLogin]: checkLoginSchema,
  [COMMAND.credentials.add]: addSchema,
  [COMMAND.credentials.generate]: generateSchema,
  [COMMAND.credentials.createIamUser]: createIamUserSchema,
  [COMMAND.credentials.check]: checkSchema,
  [COMMAND.credentials.diagnose]: checkSchema,
  [COMMAND.credentials.copyUsername]: setOnly,
  [COMMAND.credentials.copyPassword]: setOnly,
  [COMMAND.credentials.trustCertificate]: trustCertificateSchema,
  [COMMAND.credentials.rename]: renameSchema,
  [COMMAND.credentials.editSet]: editSetSchema,
  [COMMAND.credentials.delete]: commandSchema({
    fields: { ...f.SET_FIELDS, confirm: f.boolean },
    example: '{"credentialSet": "prod eu-west-1", "confirm": false}',
  }),
  [COMMAND.credentials.forgetAll]: commandSchema({ fields: { confirm: f.boolean }, example: '{"confirm": false}' }),
  [COMMAND.credentials.importCsv]: importCsvSchema,
  [COMMAND.credentials.copySendingCode]: copySendingCodeSchema,
  [COMMAND.credentials.importSecretsManager]: importSecretsManagerSchema,
  [COMMAND.credentials.importParameterStore]: importParameterStoreSchema,
  [COMMAND.credentials.exportSecretsManager]: exportSecretsManagerSchema,
  [COMMAND.credentials.rotate]: rotateSchema,
  [COMMAND.credentials.deleteOldKey]: deleteOldKeySchema,
};
