// Findings for values the framework reads differently from what the file shows (issue #21): a $VAR
// or ${VAR} its parser replaces, unquoted whitespace that makes phpdotenv refuse the whole file,
// backtick quotes that only npm dotenv understands. Messages never repeat a value.
import { parseEnv, type EnvAssignment } from './parse';
import type { SmtpBlock } from './conventions';
import { readAs, readerName, type Dialect } from './dialects';
import { rawValue } from './dialectRead';
import { writableForms } from './edit';
import type { EnvFinding } from './check';
import { expectList, expectObject, expectString } from '../../base/guards';

/** The value as the file shows it (what its quotes enclose), when the dialect can write it safely. */
function literalFix(dialect: Dialect, literal: string, title: string): Pick<EnvFinding, 'fixValue' | 'fixTitle'> {
  try {
    return writableForms(literal, '\n', dialect).length ? { fixValue: literal, fixTitle: title } : {};
  } catch {
    return {};
  }
}

export function dialectFindings(text: string, blocks: readonly SmtpBlock[], dialect: Dialect): EnvFinding[] {
  expectString(text, 'dialectFindings', 'text');
  expectList(blocks, 'dialectFindings', 'blocks');
  expectObject(dialect, 'dialectFindings', 'dialect');
  if (dialect.id === 'dotenv') return [];
  const base = parseEnv(text);
  const literalAt = new Map(base.assignments.map((a) => [a.start, a.value]));
  const at = (a: EnvAssignment): Pick<EnvFinding, 'key' | 'start' | 'end' | 'line'> => ({
    key: a.key,
    start: a.valueStart,
    end: a.valueEnd,
    line: a.line,
  });
  const findings: EnvFinding[] = [];
  const inBlocks = new Set(blocks.flatMap((b) => b.assignments.map((a) => a.start)));
  const passwords = new Set(blocks.map((b) => b.convention.keys.password).filter(Boolean));

  for (const a of base.assignments) {
    const raw = rawValue(text, a);
    const literal = literalAt.get(a.start) ?? a.value;
    // phpdotenv stops at the first bad line, whichever key it is: the whole file is refused. That line
    // is shown, and every bad one in an SMTP block.
    const shown = findings.some((f) => f.id === 'value-unquoted-whitespace') && !inBlocks.has(a.start);
    if (dialect.readers.includes('phpdotenv') && !shown && !raw.includes('\n')) {
      const r = readAs('phpdotenv', raw);
      if (r.error?.includes('unexpected whitespace')) {
        findings.push({
          id: 'value-unquoted-whitespace',
          severity: 'error',
          ...at(a),
          message:
            'phpdotenv (Laravel) refuses the whole .env file at this value: it has whitespace outside quotes ' +
            '("unexpected whitespace"), so the app does not start. Put the value in quotes.',
          ...literalFix(dialect, literal, 'Quote the value'),
        });
      }
    }
    if (!inBlocks.has(a.start)) continue;
    if (a.quote === '`') {
      findings.push({
        id: 'value-backtick-quotes',
        severity: 'error',
        ...at(a),
        message:
          `Backtick quotes are understood only by npm dotenv; ${dialect.framework} reads this value ` +
          'differently (the backticks become part of it, or the line is skipped).',
        ...literalFix(dialect, literal, 'Use quotes this framework understands'),
      });
      continue;
    }
    if (raw.includes('\n')) continue;
    // Django: python-dotenv and django-environ each strip quotes their own way (a '"…"' value loses both).
    const [first, second] = dialect.readers.filter((r) => r !== 'dotenv');
    if (first && second) {
      const one = readAs(first, raw);
      const two = readAs(second, raw);
      if (one.value !== undefined && two.value !== undefined && one.value !== two.value) {
        findings.push({
          id: 'value-parsers-disagree',
          severity: 'warning',
          ...at(a),
          message:
            `${readerName(first)} and ${readerName(second)} read this value differently (quotes or backslashes ` +
            `are removed by one and kept by the other), so the app gets a value that depends on which one loads it.`,
          ...literalFix(dialect, one.value, `Write it as ${readerName(first)} reads it`),
        });
      }
    }
    const expanding = dialect.readers.find((r) => r !== 'dotenv' && readAs(r, raw).expanded.length > 0);
    if (expanding) {
      const isPassword = passwords.has(a.key);
      const what = isPassword ? 'the app logs in with a different password than' : 'the app sees another value than';
      findings.push({
        id: 'value-interpolated',
        severity: isPassword ? 'error' : 'warning',
        ...at(a),
        message:
          `${readerName(expanding)} replaces the $ and the name after it in this value with another ` +
          `variable's value, so ${what} ` +
          'the file shows (SES answers 535 for a changed password). Quote or escape it as this framework needs, ' +
          'or choose a value without $.',
        ...literalFix(dialect, literal, 'Write the value so the $ stays literal'),
      });
    }
  }
  return findings;
}
