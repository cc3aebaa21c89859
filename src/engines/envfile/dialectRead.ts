// Reading a .env file the way its framework does (issue #21): the npm grammar says where each
// assignment is; the dialect's reader (dialects.ts) says what its value becomes. CodeLens,
// diagnostics and import work on the values this gives.
import { parseEnv, type EnvAssignment, type ParsedEnv } from './parse';
import { detectConvention, type EnvConvention } from './conventions';
import { dialectFor, type Dialect, type DialectSetting } from './dialects';
import { readAs, type Reading, type ReaderId } from './dialectReaders';
import { expectObject, expectString } from '../../base/guards';

/** The text after the separator of an assignment, to the end of the line its value ends on. */
export function rawValue(text: string, a: EnvAssignment): string {
  expectString(text, 'rawValue', 'text');
  expectObject(a, 'rawValue', 'a');
  const keyAt = text.indexOf(a.key, a.start);
  let i = keyAt + a.key.length;
  while (i < a.valueStart && text[i] !== '=' && text[i] !== ':') i++;
  return text.slice(Math.min(i + 1, a.valueStart), a.end);
}

export interface DialectReading extends Reading {
  /** The value as npm dotenv reads it: what the quotes in the file enclose. */
  literal: string;
}

/** Each assignment as one reader reads it; variables resolve to the file's earlier values. */
export function readAssignments(text: string, parsed: ParsedEnv, reader: ReaderId): DialectReading[] {
  expectString(text, 'readAssignments', 'text');
  expectObject(parsed, 'readAssignments', 'parsed');
  expectString(reader, 'readAssignments', 'reader');
  const seen = new Map<string, string>();
  return parsed.assignments.map((a) => {
    const r: Reading =
      reader === 'dotenv'
        ? { value: a.value, expanded: [] }
        : readAs(reader, rawValue(text, a), (name) => seen.get(name) ?? process.env[name]);
    if (r.value !== undefined) seen.set(a.key, r.value);
    return { ...r, literal: a.value };
  });
}

/** The values (later duplicates win) a reader gives; a line it refuses gives no key. */
export function dialectValues(text: string, reader: ReaderId): Record<string, string> {
  expectString(text, 'dialectValues', 'text');
  expectString(reader, 'dialectValues', 'reader');
  const parsed = parseEnv(text);
  const out = Object.create(null) as Record<string, string>;
  readAssignments(text, parsed, reader).forEach((r, i) => {
    const key = parsed.assignments[i].key;
    if (key === '__proto__') return;
    if (r.value === undefined) delete out[key];
    else out[key] = r.value;
  });
  return out;
}

/** A parse whose values are the dialect's (its first reader's); the file's convention picks the dialect. */
export function parseEnvAs(
  text: string,
  setting: DialectSetting = 'auto',
  extra: readonly EnvConvention[] = [],
): { parsed: ParsedEnv; dialect: Dialect; readings: DialectReading[] } {
  const base = parseEnv(text);
  const dialect = dialectFor(detectConvention(base, extra)?.id, setting);
  if (dialect.id === 'dotenv') {
    return {
      parsed: base,
      dialect,
      readings: base.assignments.map((a) => ({ value: a.value, literal: a.value, expanded: [] })),
    };
  }
  const readings = readAssignments(text, base, dialect.readers[0]);
  const assignments = base.assignments.map((a, i) => ({ ...a, value: readings[i].value ?? '' }));
  let values: Record<string, string> | undefined;
  const parsed: ParsedEnv = {
    get values(): Record<string, string> {
      if (!values) {
        values = Object.create(null) as Record<string, string>;
        for (const a of assignments) if (a.key !== '__proto__') values[a.key] = a.value;
      }
      return values;
    },
    assignments,
    eol: base.eol,
    bom: base.bom,
    finalNewline: base.finalNewline,
  };
  return { parsed, dialect, readings };
}
