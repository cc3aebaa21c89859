// SES's message id as a person gives it: the id of the "250 Ok <id>" reply, pasted from a log with
// or without angle brackets or the "@email.amazonses.com" of its Message-ID header.
import * as f from '../../../base/fields';
import type { FieldCheck } from '../../../base/fields';

export const messageId: FieldCheck<string> = (value, field) => {
  const id = f
    .checkString(value, field, {
      max: 200,
      example: '"0100018c1234abcd-11111111-2222-3333-4444-555555555555-000000"',
      lengthHint: 'an SES message id is about 60',
    })
    .trim();
  const bare = id.replace(/^<|>$/g, '').replace(/@[a-z0-9.-]*amazonses\.com$/i, '');
  if (!/^[A-Za-z0-9._-]+$/.test(bare))
    f.fail(field, 'is not an SES message id: give the id of the "250 Ok <id>" reply, letters, digits and dashes only.');
  return bare;
};
