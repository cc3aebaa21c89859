// The argument object of Explain SES SMTP Error: the error text as the application printed it (a
// line, a traceback, several lines). Explain SES SMTP Error in Selection takes none (it reads the
// editor's selection). src/commandArgs.ts gathers them for registerCommand's check; the handler
// takes its type from here (ArgsOf) with `import type` only. Pure and vscode-free.
import { ArgumentError, typeOf, type FieldCheck } from '../../base/fields';
import { commandSchema, type ArgsOf, type CommandSchema } from '../../base/schema';
import { COMMAND } from '../../base/commandIds';

/** At most 1 MB is taken; the explanation reads its first 64 KB. */
const MAX_TEXT = 1024 * 1024;

export const errorText: FieldCheck<string> = (value, field) => {
  if (typeof value !== 'string')
    throw new ArgumentError(
      field,
      `Argument "${field}" must be the error text as a string, such as "535 Authentication Credentials Invalid", not ${typeOf(value)}.`,
    );
  if (value.trim() === '')
    throw new ArgumentError(field, `Argument "${field}" is empty: pass the error line your application printed.`);
  if (value.length > MAX_TEXT)
    throw new ArgumentError(
      field,
      `Argument "${field}" is ${(value.length / 1024 / 1024).toFixed(1)} MB; pass the error lines (at most 1 MB), not the whole log.`,
    );
  return value;
};

export const explainSchema = commandSchema({
  fields: { text: errorText },
  example: `{"text": "smtplib.SMTPAuthenticationError: (535, b'Authentication Credentials Invalid')"}`,
});

export type ExplainArgs = ArgsOf<typeof explainSchema>;

const none: CommandSchema = { fields: {}, example: '{} (it reads the selection of the active editor)' };

export const APP_ERROR_SCHEMAS: Readonly<Record<string, CommandSchema>> = {
  [COMMAND.explainError]: explainSchema,
  [COMMAND.explainErrorSelection]: none,
};
