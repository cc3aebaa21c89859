// The argument objects of Rotate SMTP Credentials and Delete Old Key (spread into COMMAND_SCHEMAS).
import * as f from '../../../base/fields';
import { ArgumentError, typeOf, type FieldCheck } from '../../../base/fields';
import type { CommandSchema } from '../../../base/schema';
import { COMMAND } from '../../../base/commandIds';

/** How long to wait for the new key to pass the login check: 5 to 300 seconds. */
const maxWaitSeconds: FieldCheck = (value, field) => {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new ArgumentError(
      field,
      `Argument "${field}" must be a whole number of seconds from 5 to 300, not ${typeOf(value)}.`,
    );
  if (n < 5 || n > 300) throw new ArgumentError(field, `Argument "${field}" is ${n}; give 5 to 300 seconds.`);
  return n;
};

export const ROTATION_SCHEMAS: Readonly<Record<string, CommandSchema>> = {
  [COMMAND.credentials.rotate]: {
    fields: {
      credentialSet: f.setRef,
      set: f.setItem,
      profile: f.profile,
      updateEnvFiles: f.boolean,
      updateLinkedSecret: f.boolean,
      deleteOldKey: f.oneOf(['now', 'later', 'never']),
      maxWaitSeconds,
    },
    example: '{"credentialSet": "prod eu-west-1", "profile": "admin", "updateEnvFiles": true, "deleteOldKey": "later"}',
  },
  [COMMAND.credentials.deleteOldKey]: {
    fields: { credentialSet: f.setRef, set: f.setItem, profile: f.profile, confirm: f.boolean },
    example: '{"credentialSet": "prod eu-west-1", "profile": "admin", "confirm": false}',
  },
};
