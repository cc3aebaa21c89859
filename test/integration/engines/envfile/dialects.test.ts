// Issue #21: every convention's .env is written in its framework's dialect, and the REAL parsers are
// the oracles: python-dotenv and django-environ (python3), the dotenv gem (ruby), phpdotenv (php),
// npm dotenv and node --env-file. Values go in batches: one oracle process per batch.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dotenv from 'dotenv';
import { CONVENTIONS, customConvention, keyOf } from '../../../../src/engines/envfile/conventions';
import { EnvValueError } from '../../../../src/engines/envfile/parse';
import { setEnvKeys } from '../../../../src/engines/envfile/edit';
import { dialectFor } from '../../../../src/engines/envfile/dialects';
import type { ReaderId } from '../../../../src/engines/envfile/dialectReaders';

const PHP_AUTOLOAD = '/usr/share/php/Dotenv/autoload.php';
type Got = string | null | { error: string };

const PY = `
import sys, json, io, os, logging
logging.disable(logging.CRITICAL)
from dotenv import dotenv_values
import environ
which = sys.argv[1]
out = []
for t, k in json.load(sys.stdin):
    if which == 'python-dotenv':
        out.append(dotenv_values(stream=io.StringIO(t)).get(k))
        continue
    os.environ.pop(k, None)
    environ.Env.read_env(io.StringIO(t))
    try:
        out.append(environ.Env().str(k, default=None))
    except Exception as e:
        out.append({'error': str(e)})
    os.environ.pop(k, None)
print(json.dumps(out))
`;
// $(command) is never run: the backtick method says what would have run instead.
const RB = `
require 'json'; require 'dotenv'
module Kernel; def \`(c); "<ran #{c}>"; end; end
STDIN.set_encoding('UTF-8')
out = JSON.parse(STDIN.read).map do |t, k|
  begin; Dotenv::Parser.call(t)[k]; rescue StandardError, SyntaxError => e; { 'error' => e.message }; end
end
puts JSON.generate(out)
`;
const PHP = `
require '${PHP_AUTOLOAD}';
$out = [];
foreach (json_decode(stream_get_contents(STDIN), true) as [$t, $k]) {
  try { $out[] = Dotenv\\Dotenv::parse($t)[$k] ?? null; }
  catch (Throwable $e) { $out[] = ['error' => $e->getMessage()]; }
}
echo json_encode($out, JSON_INVALID_UTF8_SUBSTITUTE);
`;

const run = (cmd: string, args: string[], input: string): string =>
  execFileSync(cmd, args, {
    input,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, HOME: '/home/oracle' },
  }).toString('utf8');

// A shell that sources the .env (`. ./.env`, as deploy scripts and entrypoints do): each file in
// its own subshell; V<value>, U (unset) or E (the shell refused the file), separated by \x01.
const SH = `
cd "$1" || exit 2; k="$2"; n="$3"; i=0
while [ "$i" -lt "$n" ]; do
  ( . "./$i" >/dev/null 2>&1 || exit 1
    eval "s=\\\${$k+set}"; eval "v=\\\${$k-}"
    if [ "$s" = set ]; then printf 'V%s' "$v"; else printf 'U'; fi ) || printf 'E'
  printf '\\001'
  i=$((i + 1))
done
`;

/** The files sourced by a real shell (dash as sh, or bash), all in one process. */
function shellOracle(shell: 'sh' | 'bash', files: Array<[string, string]>): Got[] {
  const keys = new Set(files.map(([, k]) => k));
  assert.ok(keys.size <= 1, 'one key per batch');
  const dir = mkdtempSync(path.join(tmpdir(), 'env-sh-'));
  try {
    files.forEach(([t], i) => writeFileSync(path.join(dir, String(i)), t));
    const args = shell === 'bash' ? ['--norc', '--noprofile', '-c', SH] : ['-c', SH];
    const out = run(shell, [...args, shell, dir, [...keys][0] ?? 'K', String(files.length)], '');
    const parts = out.split('\x01');
    assert.equal(parts.pop(), '', 'one answer per file');
    assert.equal(parts.length, files.length);
    return parts.map((p) => (p[0] === 'V' ? p.slice(1) : p === 'U' ? null : { error: 'the shell refused the file' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each [file text, key] read by the reader's real parser, in one process. */
export function oracle(reader: ReaderId | 'node' | 'sh' | 'bash', files: Array<[string, string]>): Got[] {
  const input = JSON.stringify(files);
  switch (reader) {
    case 'sh':
    case 'bash':
      return shellOracle(reader, files);
    case 'python-dotenv':
    case 'django-environ':
      return JSON.parse(run('/usr/bin/python3', ['-c', PY, reader], input)) as Got[];
    case 'ruby-dotenv':
      return JSON.parse(run('ruby', ['-e', RB], input)) as Got[];
    case 'phpdotenv':
      return JSON.parse(run('php', ['-r', PHP], input)) as Got[];
    case 'dotenv':
      return files.map(([t, k]) => dotenv.parse(t)[k] ?? null);
    default: {
      // node --env-file: one file, a key per value (K0, K1, ...), one process.
      const dir = mkdtempSync(path.join(tmpdir(), 'env-file-'));
      try {
        const file = path.join(dir, '.env');
        writeFileSync(file, files.map(([t, k], i) => t.replace(`${k}=`, `K${i}=`)).join(''));
        const n = files.length;
        const js = `console.log(JSON.stringify(Array.from({length:${n}},(_, i)=>process.env['K'+i] ?? null)))`;
        return JSON.parse(run(process.execPath, [`--env-file=${file}`, '-e', js], '')) as Got[];
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
}

// A small seeded PRNG (mulberry32), so a failure can be reproduced from its seed.
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
const ALPHABET = [
  ...'aZ09+/=_-.:@!%&*,;~ ',
  '  ',
  '\t',
  '#',
  ' #',
  "'",
  '"',
  '`',
  '\\',
  '$',
  '${',
  '}',
  '{',
  '(',
  ')',
  '$HOME',
  '${HOME}',
  '$(',
  '\\n',
  '\\$',
  'é',
  '✓',
  '\u00a0',
  '\n',
];
export function generateValue(rand: () => number): string {
  const n = Math.floor(rand() * 12);
  let v = '';
  for (let i = 0; i < n; i++)
    v += rand() < 0.5 ? 'abcXYZ123'[Math.floor(rand() * 9)] : ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return v;
}

/** The 23-style fixed cases of the issue, and the near misses. */
export const FIXED = [
  'plain',
  'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5',
  'a+b/c=',
  'has # hash',
  ' lead',
  'trail ',
  "it's",
  'say "hi"',
  'back`tick',
  `both ' and "`,
  'pa$$word${HOME}$USER',
  'inner space',
  'tab\there',
  '"quoted"',
  "'single'",
  'back\\slash',
  '$HOME',
  '${HOME}',
  '\\$HOME',
  'unicodé ✓',
  '#start',
  '=eq',
  '',
  'pa$word',
  'pa$(id)',
];

const ALL_CONVENTIONS = [...CONVENTIONS, customConvention({ host: 'H', user: 'U', password: 'MY_PASS' })];
// The parsers each framework uses, stated here and not taken from the code under test.
const ALL_READERS: Array<ReaderId | 'node'> = [
  'dotenv',
  'node',
  'python-dotenv',
  'django-environ',
  'ruby-dotenv',
  'phpdotenv',
];
const READERS: Record<string, Array<ReaderId | 'node'>> = {
  generic: ['dotenv', 'node'],
  'nodemailer-url': ['dotenv', 'node'],
  django: ['python-dotenv', 'django-environ'],
  laravel: ['phpdotenv'],
  rails: ['ruby-dotenv'],
  spring: ALL_READERS,
  custom: ALL_READERS,
};
// Every .env may also be sourced by a shell: what is written reads the same there and runs nothing.
const READERS_OF = (id: string): Array<ReaderId | 'node' | 'sh' | 'bash'> => [...READERS[id], 'sh', 'bash'];

/** The file written into: a comment, a quoted value, a blank line, and the key already there with another value. */
const BASE = "# app\nAPP_NAME='My App'\n\nOTHER=1\n";

interface Tally {
  written: number;
  exact: number;
  refused: number;
  wrong: string[];
}

/** Writes every value in the convention's dialect and checks each written one with every real reader. */
function writeAndRead(conventionId: string, values: readonly string[]): Record<string, Tally> {
  const c = ALL_CONVENTIONS.find((x) => x.id === conventionId)!;
  const key = keyOf(c, 'password') ?? keyOf(c, 'url')!;
  const dialect = dialectFor(c.id);
  const written: Array<[string, string, string]> = [];
  let refused = 0;
  for (const v of values) {
    try {
      written.push([setEnvKeys(BASE, { [key]: v }, { dialect }), key, v]);
    } catch (err) {
      if (!(err instanceof EnvValueError)) throw err;
      // A refusal names the framework (or says it cannot be read back by npm dotenv).
      assert.match(err.message, /dotenv|django-environ|phpdotenv|dotenv gem|carriage return|NUL/, err.message);
      refused++;
    }
  }
  const out: Record<string, Tally> = {};
  for (const reader of READERS_OF(c.id)) {
    const got = oracle(
      reader,
      written.map(([t, k]) => [t, k]),
    );
    const wrong: string[] = [];
    got.forEach((g, i) => {
      if (g !== written[i][2])
        wrong.push(
          `${JSON.stringify(written[i][2])} written as ${JSON.stringify(written[i][0])} read as ${JSON.stringify(g)}`,
        );
    });
    // The rest of the file reads as before.
    const others = oracle(
      reader,
      written.slice(0, 300).map(([t]) => [t, 'APP_NAME']),
    );
    others.forEach((g, i) => g === 'My App' || wrong.push(`APP_NAME read as ${JSON.stringify(g)} in ${written[i][0]}`));
    out[reader] = { written: written.length, exact: written.length - wrong.length, refused, wrong };
  }
  return out;
}

const report: string[] = [];
describe('each convention writes values its framework reads back exactly (real parsers)', () => {
  for (const c of ALL_CONVENTIONS) {
    test(`${c.id}: the fixed cases`, () => {
      for (const [reader, t] of Object.entries(writeAndRead(c.id, FIXED))) {
        report.push(`${c.id} fixed ${reader}: ${t.written} written, ${t.exact} exact, ${t.refused} refused`);
        assert.deepEqual(t.wrong, [], `${reader}`);
      }
    });
    test(`${c.id}: 5,000 generated values`, () => {
      const rand = prng(21 + c.id.length);
      const values = Array.from({ length: 5000 }, () => generateValue(rand));
      for (const [reader, t] of Object.entries(writeAndRead(c.id, values))) {
        report.push(`${c.id} generated ${reader}: ${t.written} written, ${t.exact} exact, ${t.refused} refused`);
        assert.deepEqual(t.wrong.slice(0, 10), [], `${reader}`);
        assert.ok(t.written >= 2500, `most values are writable (${t.written})`);
      }
    });
  }
  test('report', () => console.log(report.join('\n')));
});
