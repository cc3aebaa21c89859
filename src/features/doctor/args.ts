// The argument object of Run SES SMTP Doctor: the login (a saved set or its fields), the test
// mail's From and To, the AWS profile, and where to probe each SES port. src/commandArgs.ts gathers
// it for registerCommand's check; the handler takes its type from here (ArgsOf) with `import type`
// only. Pure and vscode-free.
import * as f from '../../base/fields';
import { ArgumentError, ownValue, typeOf, type FieldCheck } from '../../base/fields';
import { commandSchema, type ArgsOf, type CommandSchema } from '../../base/schema';
import { isPlainObject } from '../../base/guards';
import { splitRecipients } from '../../base/names';
import { COMMAND } from '../../base/commandIds';
import { checkConfigurationSetName, checkTenantName, MailExtrasError } from '../../engines/smtp/mailRules';

/** A send-path name rule (tenant, configuration set), its refusal reported as this argument's. */
function nameRule(check: (value: unknown) => string): FieldCheck<string> {
  return (value, field) => {
    try {
      return check(value);
    } catch (err) {
      if (err instanceof MailExtrasError) throw new ArgumentError(field, `Argument "${field}": ${err.message}`);
      throw err;
    }
  };
}

/** Where to probe SES ports ({"587": 40123}): keys are SES ports, values ports to connect to (tests). */
export const portMap: FieldCheck<Record<string, number>> = (value, field, ctx) => {
  if (!isPlainObject(value)) {
    const example = '{"587": 2587}';
    throw new ArgumentError(field, `Argument "${field}" must be an object such as ${example}, not ${typeOf(value)}.`);
  }
  const out: Record<string, number> = {};
  for (const key of Object.keys(value)) {
    if (!['25', '465', '587', '2465', '2587'].includes(key)) {
      const why = 'is not an SES port; the keys are 25, 465, 587, 2465 and 2587.';
      throw new ArgumentError(`${field}.${key}`, `Argument "${field}.${key}" ${why}`);
    }
    out[key] = f.port(ownValue(value, key, `${field}.${key}`), `${field}.${key}`, ctx);
  }
  return out;
};

export const runDoctorSchema = commandSchema({
  fields: {
    ...f.LOGIN_FIELDS,
    ...f.SET_FIELDS,
    from: f.address,
    to: f.recipients(splitRecipients),
    profile: f.profile,
    tenant: nameRule(checkTenantName),
    configurationSet: nameRule(checkConfigurationSetName),
    portMap,
    timeoutSeconds: f.timeoutSeconds,
    notify: f.boolean,
  },
  example: '{"credentialSet": "prod eu-west-1", "from": "noreply@example.com", "profile": "default"}',
});

export type DoctorArgs = ArgsOf<typeof runDoctorSchema>;

export const DOCTOR_SCHEMAS: Readonly<Record<string, CommandSchema>> = { [COMMAND.runDoctor]: runDoctorSchema };
