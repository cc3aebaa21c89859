// The Doctor's argument fields: where to probe each SES port. Pure and vscode-free.
import * as f from '../../../base/fields';
import { ArgumentError, ownValue, typeOf, type FieldCheck } from '../../../base/fields';
import { isPlainObject } from '../../../base/schema';

/** Where to probe SES ports ({"587": 40123}): keys are SES ports, values ports to connect to (tests). */
export const portMap: FieldCheck = (value, field, ctx) => {
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
    out[key] = f.port(ownValue(value, key, `${field}.${key}`), `${field}.${key}`, ctx) as number;
  }
  return out;
};
