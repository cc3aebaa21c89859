// The argument object of every command, as a schema keyed by command id. registerCommand (src/host/util.ts)
// looks the schema up by the id it registers and checks a plain-object argument here before the handler runs: own
// data properties only, each field by its validator, unknown fields refused (a typo would otherwise be ignored
// silently). View items (class instances passed by menus) are not plain objects and go to the handler as they are.
import { STACKS } from './features/credentials/logic/snippets';
import { splitRecipients } from './base/names';
import { BURST_LIMITS } from './engines/smtp/burstMath';
import * as f from './base/fields';
import { sendTestEmailSchema } from './features/testMail/logic/mailSchema';
import { ArgumentError, typeOf, type FieldCheck, type ValidationContext } from './base/fields';
import { checkObject, isPlainObject, object, type ArgsCheck, type CommandSchema } from './base/schema';
import { COMMAND } from './base/commandIds';
import { SECRET_COMMAND_SCHEMAS } from './features/credentials/logic/argsSecrets';
import { ROTATION_SCHEMAS } from './features/credentials/logic/argsRotation';
import { portMap } from './features/doctor/logic/fieldsDoctor';
export { isPlainObject, type ArgsCheck, type CommandSchema, type ObjectSchema } from './base/schema';

// Field sets shared by several commands.
const login = { region: f.region, host: f.host, port: f.port, tls: f.tls, username: f.username, password: f.password };
const setRef = { credentialSet: f.setRef, set: f.setItem };
const envBlock = { uri: f.uri, file: f.filePath, block: f.blockIndex };
const identityItem = { region: f.region, identity: f.identityItem };
const generate = {
  accessKeyId: f.accessKeyId,
  secretAccessKey: f.secretAccessKey,
  region: f.region,
  showResult: f.boolean,
};
const STACK_IDS = STACKS.map((s) => s.id);
const onProblem = f.oneOf(['clean', 'as-typed', 'derive', 'ask']);

/** A number argument within limits (a string of digits is accepted, as elsewhere). */
function numberIn(min: number, max: number, integer: boolean, what: string): FieldCheck {
  return (value, field) => {
    const n = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
    const kind = `${integer ? 'a whole number' : 'a number'} of ${what} from ${min} to ${max}`;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      throw new ArgumentError(field, `Argument "${field}" must be ${kind}, not ${typeOf(value)}.`);
    }
    if (n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new ArgumentError(field, `Argument "${field}" is ${n}; give ${kind}.`);
    }
    return n;
  };
}

const burst = {
  count: numberIn(BURST_LIMITS.count.min, BURST_LIMITS.count.max, true, 'messages'),
  rate: numberIn(BURST_LIMITS.rate.min, BURST_LIMITS.rate.max, false, 'messages per second'),
  poolSize: numberIn(BURST_LIMITS.poolSize.min, BURST_LIMITS.poolSize.max, true, 'connections'),
};

/** "Filter SES Identities": a substring of identity names; '' clears the filter. */
const filterText: FieldCheck = (value, field) =>
  f.checkString(value, field, {
    max: 200,
    example: '"example.com"',
    allowEmpty: true,
    lengthHint: 'a filter has at most 200',
  });

/** A DNS record of a domain identity, as its row shows it: {"type": "TXT", "name": "_dmarc.example.com"}. */
const recordItem = object(
  {
    fields: {
      type: f.oneOf(['CNAME', 'MX', 'TXT']),
      name: (value, field) =>
        f.checkString(value, field, {
          max: 255,
          example: '"_dmarc.example.com"',
          lengthHint: 'DNS names have at most 255',
        }),
    },
    refine: (value, path) => {
      for (const key of ['type', 'name'])
        if (value[key] === undefined)
          throw new ArgumentError(
            `${path}${key}`,
            `Argument "${path}${key}" is missing; give the record as {"type": "TXT", "name": "_dmarc.example.com"}.`,
          );
    },
  },
  '{"type": "TXT", "name": "_dmarc.example.com"}',
);

const none: CommandSchema = { fields: {}, example: '{} (it takes no arguments)' };
const identityOnly: CommandSchema = {
  fields: identityItem,
  example: '{"region": "eu-west-1", "identity": {"name": "example.com"}}',
};

/** Every command of package.json with the argument object it accepts. */
export const COMMAND_SCHEMAS: Readonly<Record<string, CommandSchema>> = {
  [COMMAND.generatePassword]: {
    fields: generate,
    example: '{"accessKeyId": "AKIA…", "secretAccessKey": "…", "region": "eu-west-1"}',
  },
  [COMMAND.checkLogin]: {
    fields: {
      ...login,
      secretAccessKey: f.secretAccessKey,
      timeoutSeconds: f.timeoutSeconds,
      notify: f.boolean,
      allowUntrustedCertificate: f.boolean,
    },
    example: '{"region": "eu-west-1", "username": "AKIA…", "password": "…"}',
  },
  [COMMAND.sendTestEmail]: sendTestEmailSchema,
  [COMMAND.sendTestBurst]: {
    fields: {
      ...setRef,
      from: f.address,
      to: f.recipients(splitRecipients),
      ...burst,
      port: f.port,
      tls: f.tls,
      confirmNonSimulator: f.boolean,
    },
    example: '{"credentialSet": "prod eu-west-1", "count": 20, "rate": 14}',
  },
  [COMMAND.showLog]: none,
  [COMMAND.credentials.add]: {
    fields: { ...login, name: f.setName, from: f.address, onProblem },
    example:
      '{"name": "prod eu-west-1", "region": "eu-west-1", "username": "AKIA…", "password": "…", "from": "noreply@example.com"}',
  },
  [COMMAND.credentials.generate]: {
    fields: { ...generate, name: f.setName, from: f.address },
    example: '{"accessKeyId": "AKIA…", "secretAccessKey": "…", "region": "eu-west-1", "name": "prod"}',
  },
  [COMMAND.credentials.createIamUser]: {
    fields: {
      profile: f.profile,
      region: f.region,
      userName: f.iamUserName,
      fromPatterns: f.fromPatterns,
      confirm: f.boolean,
    },
    example:
      '{"profile": "admin", "region": "eu-west-1", "userName": "ses-smtp-user.app", "fromPatterns": ["*@example.com"], "confirm": false}',
  },
  [COMMAND.credentials.check]: {
    fields: { ...setRef, notify: f.boolean, secretAccessKey: f.secretAccessKey, timeoutSeconds: f.timeoutSeconds },
    example: '{"credentialSet": "prod eu-west-1"}',
  },
  [COMMAND.credentials.diagnose]: {
    fields: { ...setRef, notify: f.boolean, secretAccessKey: f.secretAccessKey, timeoutSeconds: f.timeoutSeconds },
    example: '{"credentialSet": "prod eu-west-1"}',
  },
  [COMMAND.credentials.copyUsername]: { fields: setRef, example: '{"credentialSet": "prod eu-west-1"}' },
  [COMMAND.credentials.copyPassword]: { fields: setRef, example: '{"credentialSet": "prod eu-west-1"}' },
  [COMMAND.credentials.trustCertificate]: {
    fields: { ...setRef, allow: f.boolean, confirm: f.boolean },
    example: '{"credentialSet": "relay", "allow": true, "confirm": false}',
  },
  [COMMAND.credentials.rename]: {
    fields: { ...setRef, newName: f.setName },
    example: '{"credentialSet": "prod", "newName": "prod eu-west-1"}',
  },
  [COMMAND.credentials.delete]: {
    fields: { ...setRef, confirm: f.boolean },
    example: '{"credentialSet": "prod eu-west-1", "confirm": false}',
  },
  [COMMAND.credentials.forgetAll]: { fields: { confirm: f.boolean }, example: '{"confirm": false}' },
  [COMMAND.credentials.importCsv]: {
    fields: { file: f.filePath, region: f.region, name: f.setName, onProblem },
    example: '{"file": "/home/me/Downloads/credentials.csv", "region": "eu-west-1"}',
  },
  [COMMAND.credentials.copySendingCode]: {
    fields: { ...setRef, stack: f.oneOf(STACK_IDS), convention: f.convention },
    example: '{"credentialSet": "prod eu-west-1", "stack": "nodemailer"}',
  },
  [COMMAND.writeEnv]: {
    fields: {
      file: f.filePath,
      convention: f.convention,
      ...setRef,
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
  },
  [COMMAND.env.import]: {
    fields: { ...envBlock, name: f.setName, onProblem },
    example: '{"file": "/path/to/.env", "block": 0}',
  },
  [COMMAND.env.checkBlock]: {
    fields: { ...envBlock, diagnose: f.boolean, notify: f.boolean },
    example: '{"file": "/path/to/.env", "block": 0}',
  },
  [COMMAND.env.sendTestEmail]: {
    fields: { ...envBlock, name: f.setName, onProblem },
    example: '{"file": "/path/to/.env", "block": 0}',
  },
  // The Write / Cancel buttons on the pending diff's title (the editor passes its URI, which is not an argument object).
  [COMMAND.env.confirmWrite]: none,
  [COMMAND.env.cancelWrite]: none,
  [COMMAND.env.lookUpAccessKeys]: {
    fields: { ...envBlock, userName: f.iamUserName, profile: f.profile, accessKeyId: f.accessKeyId },
    example: '{"file": "/path/to/.env", "block": 0, "profile": "admin", "accessKeyId": "AKIA…"}',
  },
  [COMMAND.explorer.choose]: {
    fields: { profile: f.profileOrNull, regions: f.regionList },
    example: '{"profile": "default", "regions": ["eu-west-1"]}',
  },
  [COMMAND.explorer.refresh]: none,
  [COMMAND.explorer.whyNoCredentials]: none,
  [COMMAND.explorer.createIdentity]: {
    fields: { region: f.region, identity: f.identityName },
    example: '{"region": "eu-west-1", "identity": "example.com"}',
  },
  [COMMAND.explorer.deleteIdentity]: {
    fields: { ...identityItem, confirm: f.boolean },
    example: '{"region": "eu-west-1", "identity": {"name": "example.com"}, "confirm": false}',
  },
  [COMMAND.explorer.copyRecords]: identityOnly,
  [COMMAND.explorer.copyRecordsTable]: identityOnly,
  [COMMAND.explorer.checkDns]: identityOnly,
  [COMMAND.explorer.openConsole]: identityOnly,
  [COMMAND.explorer.sendTestEmail]: identityOnly,
  [COMMAND.explorer.upgradeDkimKey]: {
    fields: { ...identityItem, confirm: f.boolean },
    example: '{"region": "eu-west-1", "identity": {"name": "example.com"}, "confirm": false}',
  },
  [COMMAND.explorer.retry]: { fields: { region: f.region }, example: '{"region": "eu-west-1"}' },
  [COMMAND.explorer.loadMore]: { fields: { region: f.region }, example: '{"region": "eu-west-1"}' },
  [COMMAND.runDoctor]: {
    fields: {
      ...login,
      ...setRef,
      from: f.address,
      to: f.recipients(splitRecipients),
      profile: f.profile,
      portMap,
      timeoutSeconds: f.timeoutSeconds,
      notify: f.boolean,
    },
    example: '{"credentialSet": "prod eu-west-1", "from": "noreply@example.com", "profile": "default"}',
  },
  [COMMAND.explorer.loadAll]: { fields: { region: f.region }, example: '{"region": "eu-west-1"}' },
  [COMMAND.explorer.filterIdentities]: {
    fields: { region: f.region, filter: filterText },
    example: '{"region": "eu-west-1", "filter": "example.com"}',
  },
  [COMMAND.explorer.copyRecordName]: {
    fields: { ...identityItem, record: recordItem },
    example:
      '{"region": "eu-west-1", "identity": {"name": "example.com"}, "record": {"type": "TXT", "name": "_dmarc.example.com"}}',
  },
  [COMMAND.explorer.copyRecordValue]: {
    fields: { ...identityItem, record: recordItem },
    example:
      '{"region": "eu-west-1", "identity": {"name": "example.com"}, "record": {"type": "TXT", "name": "_dmarc.example.com"}}',
  },
  ...SECRET_COMMAND_SCHEMAS,
  ...ROTATION_SCHEMAS,
};

/**
 * Checks a command's argument before its handler runs. Returns the argument to hand on: undefined
 * for none (null counts as none), a copy of a plain object's checked own fields, or a view item as
 * it is. Commands without a schema get their argument unchanged.
 */
export function validateCommandArgs(command: string, args: unknown, ctx: ValidationContext = {}): ArgsCheck {
  if (args === undefined || args === null) return { ok: true, args: undefined };
  const schema = Object.prototype.hasOwnProperty.call(COMMAND_SCHEMAS, command) ? COMMAND_SCHEMAS[command] : undefined;
  if (!schema) return { ok: true, args };
  if (typeof args !== 'object' || Array.isArray(args)) {
    return {
      ok: false,
      message: `The argument of ${command} must be an object such as ${schema.example}, not ${typeOf(args)}.`,
    };
  }
  if (!isPlainObject(args)) return { ok: true, args }; // a view item from a menu
  try {
    return { ok: true, args: checkObject(args, schema, '', ctx) };
  } catch (err) {
    if (err instanceof ArgumentError) return { ok: false, field: err.field, message: err.message };
    return { ok: false, message: `The argument of ${command} could not be checked: ${(err as Error).message}` };
  }
}

/** The command's schema, if it has one. */
function schemaOf(command: string): CommandSchema | undefined {
  return Object.prototype.hasOwnProperty.call(COMMAND_SCHEMAS, command) ? COMMAND_SCHEMAS[command] : undefined;
}

/** True when the command's schema has no fields (an argument it gets is not read). */
export function commandTakesNoArguments(command: string): boolean {
  const schema = schemaOf(command);
  return schema !== undefined && Object.keys(schema.fields).length === 0;
}

/** The example argument object of the command, for messages. */
export function commandExample(command: string): string | undefined {
  return schemaOf(command)?.example;
}
