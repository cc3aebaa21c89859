// Before a .env write touches anything, its output is read back twice: with this extension's
// parser and with the dotenv package itself. The write may go ahead only when every other key keeps
// its value, every target has exactly the intended value, and no key appeared or vanished.
import dotenv from 'dotenv';
import { isWs } from './grammar';
import { own, parseEnv } from './parse';
import { readerName, type Dialect } from './dialects';
import { dialectValues } from './dialectRead';
import { expectObject, expectOptionalObject, expectString } from '../../base/guards';

type Values = Readonly<Record<string, string>>;

// dotenv's own expression backtracks over long blank runs (a run of L line breaks and R characters
// costs it about L x R steps: minutes for 2 MB of blank lines). Where that product is large, the
// run is cut to two line breaks before dotenv reads the text. Outside quotes that changes no value;
// inside a quoted value it changes that value, so both sides of a comparison are cut alike.
const MAX_RUN_COST = 4_000_000;

/** The text with every costly blank run cut to two line breaks (the text itself when none is). */
export function squeezeBlankRuns(text: string): string {
  expectString(text, 'squeezeBlankRuns', 'text');
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length;) {
    if (!isWs(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const s = i;
    let breaks = 0;
    for (; i < text.length && isWs(text.charCodeAt(i)); i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10) || c === 0x2028 || c === 0x2029) breaks++;
    }
    if (breaks * (i - s) > MAX_RUN_COST) {
      out += `${text.slice(from, s)}\n\n`;
      from = i;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** dotenv.parse, safe from its quadratic case (see squeezeBlankRuns). */
export function dotenvParse(text: string): { values: Values; squeezed: boolean } {
  expectString(text, 'dotenvParse', 'text');
  const squeezed = squeezeBlankRuns(text);
  return { values: { ...dotenv.parse(squeezed) }, squeezed: squeezed !== text };
}

export interface WriteCheck {
  ok: boolean;
  /** Why the write is refused: which keys would change, appear or vanish, and by which reader. */
  reason?: string;
}

function compare(before: Values, after: Values, updates: Values, cut: (v: string) => string): string {
  const problems: string[] = [];
  const lost: string[] = [];
  const changed: string[] = [];
  const wrong: string[] = [];
  const added: string[] = [];
  for (const key of Object.keys(before)) {
    if (own(updates, key) !== undefined) continue;
    const now = own(after, key);
    if (now === undefined) lost.push(key);
    else if (now !== before[key]) changed.push(key);
  }
  for (const key of Object.keys(updates)) {
    const now = own(after, key);
    if (now === undefined) lost.push(key);
    else if (now !== cut(updates[key])) wrong.push(key);
  }
  for (const key of Object.keys(after)) {
    if (own(before, key) === undefined && own(updates, key) === undefined) added.push(key);
  }
  const list = (keys: string[]): string =>
    keys.slice(0, 5).join(', ') + (keys.length > 5 ? ` and ${keys.length - 5} more` : '');
  if (lost.length) problems.push(`${list(lost)} would no longer exist`);
  if (changed.length) problems.push(`${list(changed)} would get a different value`);
  if (wrong.length) problems.push(`${list(wrong)} would not read back as the value being written`);
  if (added.length) problems.push(`${list(added)} would appear as new keys`);
  return problems.join('; ');
}

/** Checks a planned write of `updates`, turning `before` into `after`. Nothing is written here. */
export function checkEnvWrite(before: string, after: string, updates: Values, dialect?: Dialect): WriteCheck {
  expectString(before, 'checkEnvWrite', 'before');
  expectString(after, 'checkEnvWrite', 'after');
  expectObject(updates, 'checkEnvWrite', 'updates');
  expectOptionalObject(dialect, 'checkEnvWrite', 'dialect');
  if (dialect && dialect.id !== 'dotenv') {
    // The framework's parsers decide; this extension's grammar must still see the same keys.
    const said = dialect.readers
      .filter((r) => r !== 'dotenv')
      .map((r) => [r, compare(dialectValues(before, r), dialectValues(after, r), updates, (v) => v)] as const)
      .filter(([, problems]) => problems)
      .map(([r, problems]) => `${problems} (as ${readerName(r)} reads it)`);
    if (dialect.readers.includes('dotenv')) {
      const npm = checkEnvWrite(before, after, updates);
      if (!npm.ok) said.push(npm.reason!);
    }
    if (!said.length) return { ok: true };
    return {
      ok: false,
      reason:
        `Writing would change how ${dialect.framework} reads the file: ${said.join('; ')}. ` +
        'Nothing was changed; fix the quotes around the named keys, or edit the file by hand.',
    };
  }
  const ours = compare(parseEnv(before).values, parseEnv(after).values, updates, (v) => v);
  const d0 = dotenvParse(before);
  const d1 = dotenvParse(after);
  const theirs = compare(d0.values, d1.values, updates, d0.squeezed || d1.squeezed ? squeezeBlankRuns : (v) => v);
  if (!ours && !theirs) return { ok: true };
  const said =
    ours === theirs
      ? `${ours} (as this extension and dotenv read it)`
      : [ours && `${ours} (as this extension reads it)`, theirs && `${theirs} (as dotenv reads it)`]
          .filter(Boolean)
          .join('; ');
  return {
    ok: false,
    reason:
      `Writing would change how the file reads: ${said}. This happens when a quote in ` +
      'the new text pairs with a quote elsewhere in the file, for example in a value that spans lines. ' +
      'Nothing was changed; fix the quotes around the named keys, or edit the file by hand.',
  };
}
