// Argument schemas of the Secrets Manager / SSM import and export commands (kept apart from
// args.ts, which spreads them into COMMAND_SCHEMAS). Pure and vscode-free.
import { checkKmsKeyId, checkParameterName, checkSecretName, SecretNameError } from './secretExport';
import { SECRET_FIELDS } from './secretValue';
import { COMMAND } from '../../../base/commandIds';
import * as f from '../../../base/fields';
import { fail, type FieldCheck } from '../../../base/fields';
import { object, type CommandSchema } from '../../../base/schema';

/** A name checked by one of the secretExport checks, its message under the field's name. */
function awsName(check: (v: string) => string, example: string, max: number): FieldCheck {
  return (value, field) => {
    f.checkString(value, field, { max, example });
    try {
      check(value as string);
    } catch (err) {
      if (err instanceof SecretNameError) fail(field, `is not valid: ${err.message}`);
      throw err;
    }
    return value;
  };
}

export const secretId = awsName(checkSecretName, 'a secret name or ARN such as "ses/smtp/prod"', 2048);
export const parameterName = awsName(checkParameterName, 'a parameter name such as "/ses/smtp/prod"', 2048);
export const kmsKeyId = awsName(checkKmsKeyId, 'a KMS key id, alias or ARN such as "alias/ses-smtp"', 2048);

/** A JSON key of the secret, for one field. */
const jsonKey: FieldCheck = (value, field) =>
  f.checkString(value, field, { max: 128, example: '"SMTP_USERNAME"', lengthHint: 'JSON keys here have at most 128' });

const keyFields = Object.fromEntries(SECRET_FIELDS.map((k) => [k, jsonKey]));
/** {"username": "SMTP_USER", "password": "SMTP_PASS", …}: which key holds (or will hold) each field. */
export const keyMapping = object({ fields: keyFields }, '{"username": "SMTP_USER", "password": "SMTP_PASS"}');

const onProblem = f.oneOf(['clean', 'as-typed', 'derive', 'ask']);
const valueArgs = {
  profile: f.profile,
  region: f.region,
  name: f.setName,
  mapping: keyMapping,
  username: f.username,
  smtpRegion: f.region,
  onProblem,
};

export const SECRET_COMMAND_SCHEMAS: Readonly<Record<string, CommandSchema>> = {
  [COMMAND.credentials.importSecretsManager]: {
    fields: { ...valueArgs, secretId },
    example: '{"profile": "default", "region": "eu-west-1", "secretId": "ses/smtp/prod"}',
  },
  [COMMAND.credentials.importParameterStore]: {
    fields: { ...valueArgs, parameter: parameterName },
    example: '{"profile": "default", "region": "eu-west-1", "parameter": "/ses/smtp/prod"}',
  },
  [COMMAND.credentials.exportSecretsManager]: {
    fields: {
      credentialSet: f.setRef,
      set: f.setItem,
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
  },
};
