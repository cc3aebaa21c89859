// .env dialects (issue #21): each framework reads .env values with its own parser. A reader here
// mirrors one parser's handling of a single-line value (the text after `KEY=`), so the editor
// writes a form that parser reads back exactly, and the checks see the value the framework sees.
// Modelled on python-dotenv 0.21, django-environ 0.4, the dotenv gem 2.4 and phpdotenv 5.4; the
// integration tier runs the real parsers as oracles (test/integration/engines/envfile/dialects.test.ts).
import { parseEnv } from './parse';
import { readAs, type ReaderId } from './dialectReaders';
import { expectObject, expectString } from '../../base/guards';

export type DialectSetting = 'auto' | 'dotenv' | 'django' | ReaderId | 'strict';
export const DIALECT_SETTINGS: readonly DialectSetting[] = [
  'auto',
  'dotenv',
  'python-dotenv',
  'django-environ',
  'django',
  'ruby-dotenv',
  'phpdotenv',
  'strict',
];

export interface Dialect {
  id: Exclude<DialectSetting, 'auto'>;
  /** Who reads the file, for messages: "phpdotenv (Laravel)". */
  framework: string;
  /** Every parser that must read a written value back exactly; the first one is what the checks show. */
  readers: readonly ReaderId[];
}

const READER_NAMES: Record<ReaderId, string> = {
  dotenv: 'npm dotenv',
  'python-dotenv': 'python-dotenv',
  'django-environ': 'django-environ',
  'ruby-dotenv': 'the dotenv gem',
  phpdotenv: 'phpdotenv',
};

const STRICT_PARSERS = 'every common .env parser: npm dotenv, python-dotenv, django-environ, the dotenv gem, phpdotenv';

const DIALECTS: Record<Exclude<DialectSetting, 'auto'>, Dialect> = {
  dotenv: { id: 'dotenv', framework: 'npm dotenv / node --env-file', readers: ['dotenv'] },
  'python-dotenv': { id: 'python-dotenv', framework: 'python-dotenv (Django)', readers: ['python-dotenv'] },
  'django-environ': { id: 'django-environ', framework: 'django-environ (Django)', readers: ['django-environ'] },
  django: {
    id: 'django',
    framework: 'python-dotenv and django-environ (Django)',
    readers: ['python-dotenv', 'django-environ'],
  },
  'ruby-dotenv': { id: 'ruby-dotenv', framework: 'the dotenv gem (Rails)', readers: ['ruby-dotenv'] },
  phpdotenv: { id: 'phpdotenv', framework: 'phpdotenv (Laravel)', readers: ['phpdotenv'] },
  strict: {
    id: 'strict',
    framework: 'every common .env parser (npm dotenv, python-dotenv, django-environ, the dotenv gem, phpdotenv)',
    readers: ['dotenv', 'python-dotenv', 'django-environ', 'ruby-dotenv', 'phpdotenv'],
  },
};

export function dialectById(id: Exclude<DialectSetting, 'auto'>): Dialect {
  return DIALECTS[id];
}

/** The dialect a convention's framework speaks, unless the setting picks one. */
export function dialectFor(conventionId: string | undefined, setting: DialectSetting = 'auto'): Dialect {
  if (setting !== 'auto' && Object.prototype.hasOwnProperty.call(DIALECTS, setting)) return DIALECTS[setting];
  switch (conventionId) {
    case 'django':
      return DIALECTS.django;
    case 'rails':
      return DIALECTS['ruby-dotenv'];
    case 'laravel':
      return DIALECTS.phpdotenv;
    case 'spring':
      // Spring Boot reads no .env itself: a loader (spring-dotenv, Docker Compose, a shell) does, so
      // every common parser must read the value back; the refusals still name Spring.
      return { ...DIALECTS.strict, framework: `Spring (through whichever .env loader it uses: ${STRICT_PARSERS})` };
    case 'custom':
      return { ...DIALECTS.strict, framework: `your custom .env mapping (${STRICT_PARSERS})` };
    default:
      return DIALECTS.dotenv; // generic, nodemailer-url, no convention yet
  }
}

export const readerName = (r: ReaderId): string => READER_NAMES[r];

/** The first reader of the dialect that does not read `text` back as `value`, or undefined. */
function misreader(dialect: Dialect, text: string, value: string): ReaderId | undefined {
  return dialect.readers.find((r) => {
    const got = readAs(r, text);
    return got.value !== value || got.expanded.length > 0;
  });
}

/** Candidate texts for a value, preferred first: plain, '…', "…" with escapes, python's '…' escapes. */
function candidates(value: string): Array<{ quote: '' | "'" | '"'; text: string }> {
  const bs = value.replace(/\\/g, '\\\\');
  return [
    // node --env-file opens a quote at a leading quote character even when it is never closed.
    ...(/^['"`]/.test(value) ? [] : [{ quote: '' as const, text: value }]),
    { quote: "'", text: `'${value}'` },
    { quote: '"', text: `"${bs.replace(/"/g, '\\"')}"` },
    { quote: '"', text: `"${bs.replace(/"/g, '\\"').replace(/\$/g, '\\$')}"` },
    { quote: '"', text: `"${value}"` },
    { quote: "'", text: `'${bs.replace(/'/g, "\\'")}'` },
  ];
}

/** Ways of writing the value that every reader of a (non-npm) dialect reads back exactly, preferred first. */
export function dialectValueForms(dialect: Dialect, value: string): Array<{ quote: '' | "'" | '"'; text: string }> {
  expectObject(dialect, 'dialectValueForms', 'dialect');
  expectString(value, 'dialectValueForms', 'value');
  const seen = new Set<string>();
  return candidates(value).filter((f) => {
    if (seen.has(f.text)) return false;
    seen.add(f.text);
    // The npm grammar locates assignments for editing: it must see exactly this text as the value.
    const a = parseEnv(`K=${f.text}`).assignments;
    if (a.length !== 1 || a[0].valueEnd !== f.text.length + 2 || a[0].valueStart !== 2) return false;
    return misreader(dialect, f.text, value) === undefined;
  });
}

const describeChar = (c: string): string =>
  c === ' '
    ? 'a space'
    : /[\n\r\u2028\u2029]/.test(c)
      ? 'a line break'
      : /[\s\u2028\u2029\x85]/.test(c)
        ? `the whitespace character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
        : // eslint-disable-next-line no-control-regex -- naming control characters
          /[\x00-\x1f\x7f]/.test(c)
          ? `the control character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
          : `"${c}"`;

/** Why no form works: names a character whose removal would make the value writable, and the framework. */
export function dialectRefusal(dialect: Dialect, value: string): string {
  expectObject(dialect, 'dialectRefusal', 'dialect');
  expectString(value, 'dialectRefusal', 'value');
  const chars = [...new Set(value)];
  const culprit = chars.find((c) => dialectValueForms(dialect, value.split(c).join('')).length > 0);
  const reader = misreader(dialect, `'${value}'`, value) ?? dialect.readers[0];
  const what = culprit ? `${describeChar(culprit)} in it` : 'its mix of quotes and characters';
  let why = '';
  if (culprit === '$') {
    why =
      reader === 'django-environ'
        ? ' (django-environ reads a value starting with $ as the name of another variable)'
        : ' (python-dotenv expands ${…} even inside single quotes)';
  }
  return (
    `The value cannot be written so that ${dialect.framework} can read it back exactly: ` +
    `${readerName(reader)} would read it differently because of ${what}${why}. ` +
    'Nothing was written; choose another value, or pick a dialect in the setting sesSmtpToolkit.env.dialect.'
  );
}
