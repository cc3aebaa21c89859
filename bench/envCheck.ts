// Times the whole .env check of 2 MB files (decode, parse, find the SMTP blocks, check them): what
// the editor does on open and after each edit, and what "Write SMTP Settings to .env" does before
// it writes (that also checks the bytes are UTF-8 without NUL; timed apart as "write").
// Standalone: `npm run compile-tests && node out/bench/envCheck.js [runs]`.
// Target: a median of at most 200 ms per file.
import { findSmtpBlocks } from '../src/engines/envfile/conventions';
import { parseEnv, readEnvFile } from '../src/engines/envfile/parse';
import { setEnvKeys } from '../src/engines/envfile/edit';
import { checkEnv } from '../src/engines/envfile/check';

const SIZE = 2 * 1024 * 1024 - 1024;
const TARGET_MS = 200;
const BLOCK = [
  'MAIL_MAILER=smtp',
  'MAIL_HOST=email-smtp.eu-wset-1.amazonaws.com',
  'MAIL_PORT=25',
  'MAIL_USERNAME=AKIAIOSFODNN7EXAMPLE',
  'MAIL_PASSWORD=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
].join('\n');

function fill(head: string, unit: (i: number) => string, tail = ''): string {
  const parts = [head];
  let length = head.length + tail.length;
  for (let i = 0; length < SIZE; i++) {
    const u = unit(i);
    parts.push(u);
    length += u.length;
  }
  parts.push(tail);
  return parts.join('').slice(0, SIZE);
}

const FILES: Array<[name: string, text: string]> = [
  ['assignments', fill(`${BLOCK}\n`, (i) => `APP_${i}=value-${i}-${'x'.repeat(25)} # note\n`)],
  ['blank lines', fill(`${BLOCK}\n`, () => '\n'.repeat(4096), '# end\n')],
  ['CRLF blank lines with spaces', fill(`${BLOCK}\r\n`, () => '  \r\n'.repeat(1024), '# end\r\n')],
  ['1 MB SMTP host', fill(`${BLOCK}\nMAIL_HOST=email-smtp.${'x'.repeat(1 << 20)}.amazonaws.com\n`, () => '\n')],
  [
    'quoted values spanning lines',
    fill(`${BLOCK}\n`, (i) => `NOTE_${i}="line one\nMAIL_PASSWORD=inside\nline \\"three\\""\n`),
  ],
  ['unclosed quotes', fill(`${BLOCK}\n`, (i) => `K${i}=${'\'"`'[i % 3]}open\n`)],
];

/** What the editor does on open and after an edit: read the bytes as UTF-8, parse, find blocks, check. */
function check(bytes: Buffer): number {
  const parsed = parseEnv(bytes.toString('utf8'));
  return checkEnv(parsed, findSmtpBlocks(parsed)).length;
}

/** Whether the write wizard accepts the file for editing (readEnvFile refuses e.g. an unclosed quote). */
function editable(bytes: Buffer): boolean {
  try {
    readEnvFile(bytes, '.env');
    return true;
  } catch {
    return false;
  }
}

function time(run: () => unknown, runs: number): { median: number; min: number; max: number } {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    run();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], min: ms[0], max: ms[ms.length - 1] };
}

const runs = Math.max(10, Number(process.argv[2] ?? 15));
const fmt = (n: number): string => n.toFixed(1).padStart(7);
console.log(`.env check of 2 MB files: median [min–max] over ${runs} runs (target ≤ ${TARGET_MS} ms)`);
let slow = 0;
for (const [name, text] of FILES) {
  const bytes = Buffer.from(text, 'utf8');
  let findings = 0;
  const r = time(() => (findings = check(bytes)), runs);
  const decoded = editable(bytes);
  if (r.median > TARGET_MS) slow++;
  const lines = text.split(/\r\n|\r|\n/).length;
  const size = `${(bytes.length / 1048576).toFixed(2)} MB ${String(lines).padStart(7)} lines`;
  const note = `${findings} findings${decoded ? '' : ', refused for editing'}`;
  console.log(`  check ${name.padEnd(30)} ${size} ${fmt(r.median)} ms [${fmt(r.min)} – ${fmt(r.max)}]  ${note}`);
}
// A write reads its result back twice (this parser and dotenv) before it is returned.
for (const [name, text] of FILES.slice(0, 3)) {
  const r = time(() => setEnvKeys(text, { MAIL_PORT: '587' }), Math.min(runs, 10));
  console.log(`  write ${name.padEnd(30)}                       ${fmt(r.median)} ms [${fmt(r.min)} – ${fmt(r.max)}]`);
}
console.log(slow ? `${slow} file(s) over the ${TARGET_MS} ms target` : `every check within the ${TARGET_MS} ms target`);
process.exitCode = slow ? 1 : 0;
