// The property test of .env editing: generated files with every construct dotenv knows and the
// traps of issue #13; both parsers must agree, and a write must never lose a key or a line break.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import dotenv from 'dotenv';
import { EnvValueError, parseEnv } from '../../../../src/engines/envfile/parse';
import { EnvWriteRefused, isShellSafe, setEnvKeys } from '../../../../src/engines/envfile/edit';

// A small seeded PRNG (mulberry32) so a failing case can be reproduced from its seed.
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'MAIL_HOST',
  'EMAIL_HOST_PASSWORD',
  'APP.NAME',
  'db-url',
  'X1',
  'TOKEN',
];
type Eol = '\n' | '\r\n' | '\r';

/** A random .env file: every construct dotenv knows, and the traps (quotes spanning lines, lone CR,
 * backslashes before quotes, duplicate keys, assignments written inside another key's quotes). */
function generateFile(rand: () => number): { text: string; eol: Eol; mixed: boolean } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chars = (alphabet: string, min: number, max: number): string => {
    const n = min + Math.floor(rand() * (max - min + 1));
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
    return s;
  };
  const SAFE = 'abcXYZ019+/=_.-@:$%,;!?';
  const r = rand();
  const eol: Eol = r < 0.35 ? '\n' : r < 0.7 ? '\r\n' : '\r';
  const mixed = rand() < 0.1;
  const br = (): string => (mixed ? pick(['\n', '\r\n', '\r'] as const) : eol);
  const assignment = (): string => {
    const key = pick(KEYS);
    const prefix = rand() < 0.15 ? 'export ' : '';
    const sep = pick(['=', '=', ' = ', '= ', ': ']);
    const style = rand();
    let written: string;
    if (style < 0.25) written = chars(`${SAFE}\\`, 0, 16) + (rand() < 0.2 ? '   ' : '');
    else if (style < 0.4) written = `'${chars(`${SAFE} "#\`\\`, 0, 16)}'`;
    else if (style < 0.55) {
      const parts: string[] = [];
      for (let j = Math.floor(rand() * 4); j > 0; j--) parts.push(chars(`${SAFE} '#\`\\`, 0, 8));
      written = `"${parts.join(rand() < 0.4 ? br() : '\\n')}"`;
    } else if (style < 0.65) written = `\`${chars(`${SAFE} "#'\\`, 0, 16)}\``;
    else if (style < 0.75) {
      // A quote spanning lines with assignments inside it, closed or not.
      const q = pick(['"', "'", '`']);
      const inner: string[] = [];
      for (let j = 1 + Math.floor(rand() * 3); j > 0; j--)
        inner.push(`${pick(KEYS)}=${pick(['', q, '"', "'"])}${chars(SAFE, 0, 6)}${pick(['', q, '"', "'"])}`);
      written = `${q}${chars(SAFE, 0, 4)}${br()}${inner.join(br())}${pick(['', `${br()}y${q}`, `${q}`, `\\${q}`])}`;
    } else if (style < 0.85)
      written = `${pick(['"', "'", '`'])}${chars(`${SAFE}\\ `, 0, 8)}${pick(['\\', ''])}${pick(['"', "'", '`', ''])}`;
    else written = '';
    const comment = rand() < 0.15 ? ` # note${pick(['', "'", '"'])}` : '';
    return `${prefix}${key}${sep}${written}${comment}`;
  };
  const lines: string[] = [];
  for (let i = 1 + Math.floor(rand() * 12); i > 0; i--) {
    const kind = rand();
    if (kind < 0.12) lines.push(pick(['', '   ', '\t']));
    else if (kind < 0.22) lines.push(`${pick(['#', '# ', '  #'])}${chars(`${SAFE} =#"'\``, 0, 20)}`);
    else if (kind < 0.27) lines.push(pick(['y"', "it's", 'just text', '`', '\\']));
    else lines.push(assignment());
  }
  const bom = rand() < 0.1 ? '\ufeff' : '';
  let text = bom;
  lines.forEach((l, i) => (text += (i ? br() : '') + l));
  if (rand() < 0.8) text += br();
  return { text, eol, mixed };
}

function randomValue(rand: () => number): string {
  const alphabet = 'abcXYZ019+/=_.-@:$ #\'"`\\';
  const n = Math.floor(rand() * 14);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  if (rand() < 0.1) s += '\nsecond line';
  if (rand() < 0.1) s += '\\';
  return s;
}

const breaksOf = (s: string): string[] => s.match(/\r\n|\r|\n/g) ?? [];

/** The text with the given keys' effective values cut out, and the lines of keys new in it removed. */
function skeleton(
  text: string,
  keys: readonly string[],
  fresh: ReadonlySet<string>,
): { rest: string; written: string[] } {
  const last = new Map(parseEnv(text).assignments.map((a) => [a.key, a]));
  const cuts: Array<[number, number, string]> = [];
  let appendedLast = false;
  for (const key of keys) {
    const a = last.get(key);
    if (!a) continue;
    if (fresh.has(key)) {
      const len = text[a.end] === '\r' ? (text[a.end + 1] === '\n' ? 2 : 1) : text[a.end] === '\n' ? 1 : 0;
      cuts.push([a.start, a.end + len, '']);
      appendedLast ||= !len; // appended without a final newline: the break before it is new too
    } else {
      let from = a.valueStart;
      let to = a.valueEnd;
      while (text[from - 1] === ' ') from--;
      while (text[to] === ' ' || text[to] === '\t') to++; // an emptied value leaves its spaces
      cuts.push([from, to, '\0V']);
    }
  }
  const written: string[] = [];
  let rest = text;
  for (const [from, to, mark] of cuts.sort((x, y) => y[0] - x[0])) {
    written.push(rest.slice(from, to));
    rest = rest.slice(0, from) + mark + rest.slice(to);
  }
  if (appendedLast) rest = rest.replace(/(\r\n|\r|\n)$/, (b) => (written.push(b), ''));
  return { rest, written };
}

describe('.env editing, property-tested', () => {
  test('property: 20,000 generated files; both parsers agree, and a write never loses a key or a line break', (t) => {
    const base = Number(process.env.DOTENV_SEED ?? 20261125);
    const runs = Number(process.env.DOTENV_RUNS ?? 20000);
    let written = 0;
    let refusedAfterReading = 0;
    let shellSafeWritten = 0;
    let shellRefused = 0;
    for (let n = 0; n < runs; n++) {
      const seed = base + n;
      const rand = prng(seed);
      const { text, eol, mixed } = generateFile(rand);
      let detail = (): string => '';
      try {
        const before = { ...dotenv.parse(text) };
        assert.deepEqual({ ...parseEnv(text).values }, before, "our parse equals dotenv's");
        const existing = Object.keys(before);
        const updates: Record<string, string> = {};
        for (let i = 1 + Math.floor(rand() * 3); i > 0; i--) {
          // Existing keys, keys written inside another value (then not a key), and new keys.
          const key =
            rand() < 0.6 && existing.length
              ? existing[Math.floor(rand() * existing.length)]
              : rand() < 0.5
                ? pick(rand, KEYS)
                : `NEW_${i}`;
          updates[key] = randomValue(rand);
        }
        let result = '';
        detail = () => `\n--- updates ---\n${JSON.stringify(updates)}\n--- result ---\n${JSON.stringify(result)}`;
        try {
          // The dotenv machinery alone; the shell-safe default is checked below on the same write.
          result = setEnvKeys(text, updates, { anchorKeys: existing.slice(0, 2), shellSafe: false });
        } catch (err) {
          assert.ok(err instanceof EnvValueError, String(err));
          if (err instanceof EnvWriteRefused) refusedAfterReading++;
          continue; // refused with a reason; nothing to write
        }
        const want = { ...before, ...updates };
        assert.deepEqual(
          { ...dotenv.parse(result) },
          want,
          "dotenv's parse after the write: no key lost, changed or added",
        );
        assert.deepEqual({ ...parseEnv(result).values }, want, 'our parse after the write');
        const keys = Object.keys(updates);
        const fresh = new Set(keys.filter((k) => !(k in before)));
        const a = skeleton(text, keys, new Set());
        const b = skeleton(result, keys, fresh);
        assert.equal(
          JSON.stringify(b.rest),
          JSON.stringify(a.rest),
          'every other byte, line breaks included, is unchanged',
        );
        // A file with mixed line breaks gets its most frequent one; one without any, LF.
        const own = !breaksOf(text).length ? '\n' : mixed ? parseEnv(text).eol : eol;
        for (const w of b.written)
          assert.ok(
            breaksOf(w).every((x) => x === own),
            `new text breaks lines as the file does: ${JSON.stringify(w)}`,
          );
        if (!mixed)
          assert.ok(
            breaksOf(result).every((x) => x === own),
            'the file still has one kind of line break',
          );
        assert.equal(result.startsWith('\ufeff'), text.startsWith('\ufeff'), 'BOM kept');
        written++;
        // The default write: only forms a shell that sources the file reads as the same value.
        let safe: string | undefined;
        try {
          safe = setEnvKeys(text, updates, { anchorKeys: existing.slice(0, 2) });
        } catch (err) {
          assert.ok(err instanceof EnvValueError, String(err));
          shellRefused++;
        }
        if (safe !== undefined) {
          assert.deepEqual({ ...dotenv.parse(safe) }, want, 'the shell-safe write loses no key');
          const assignments = parseEnv(safe).assignments;
          for (const k of keys.filter((key) => before[key] !== updates[key])) {
            const a = assignments.filter((x) => x.key === k).pop()!;
            const raw = safe.slice(a.valueStart, a.valueEnd);
            assert.ok(isShellSafe(raw, updates[k]), `${k} is written shell-safe: ${JSON.stringify(raw)}`);
          }
          shellSafeWritten++;
        }
      } catch (err) {
        throw new Error(
          `seed ${seed} (DOTENV_SEED=${seed} DOTENV_RUNS=1 reproduces it)\n--- file ---\n` +
            `${JSON.stringify(text)}${detail()}\n${(err as Error).message}`,
          { cause: err },
        );
      }
    }
    t.diagnostic(
      `${runs} files: ${written} writes read back intact, ${refusedAfterReading} refused after reading back, ` +
        `${runs - written - refusedAfterReading} values refused as not writable; of the intact ones, ` +
        `${shellSafeWritten} also written shell-safe, ${shellRefused} refused as not shell-safe`,
    );
    assert.ok(shellSafeWritten > 0 && shellRefused > 0, 'both shell-safe writes and shell refusals were exercised');
    // Most writes go through; a refusal is the exception (and each one has been read back first).
    assert.ok(
      written > runs * 0.6,
      `${written} of ${runs} writes checked (${refusedAfterReading} refused after reading back)`,
    );
  });
});
