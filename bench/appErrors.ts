// The terminal link provider of Explain SES SMTP Error runs on every line of every terminal. This
// times what it does per line, as the time per 1,000 lines, against a plain scan of the same lines
// with String.prototype.includes for one word (the least any line filter does):
//   - ordinary output: 100,000 lines of build logs and test runs (a few with an SES error in them);
//   - hostile lines: 1 MB without a newline, long runs of quotes and digits, each holding a marker
//     word so that the reader itself runs on them (the cap: a line is read to 8,192 characters).
// Interleaved A/B pairs, median [min–max]; each hostile line must answer within 10 ms.
// Standalone: `npm run compile-tests && node out/bench/appErrors.js [pairs]`.
import { mayHoldSmtpError } from '../src/features/appErrors/logic/markers';
import { linkInLine } from '../src/features/appErrors/logic/terminalLine';
import { median } from './pairs';

const PAIRS = Math.max(10, Number(process.argv[2] ?? 10));
const HOSTILE_BUDGET_MS = 10;

/** What the provider runs per line: the cheap test, and the reader only for a line that passes it. */
function provider(line: string): number {
  return mayHoldSmtpError(line) && linkInLine(line) ? 1 : 0;
}

/** The baseline: one includes per line. */
function plainScan(line: string): number {
  return line.includes('Authentication Credentials Invalid') ? 1 : 0;
}

function ordinaryOutput(count: number): string[] {
  const templates = [
    (i: number) => `[webpack-cli] asset main.${i.toString(16)}.js 142 KiB [emitted] [minimized] (name: main)`,
    (i: number) => `  ✓ parses header ${i} (0.${i % 97} ms)`,
    (i: number) =>
      `2026-12-07T17:${String(i % 60).padStart(2, '0')}:01.123Z INFO  GET /api/orders/${i} 200 ${i % 300}ms`,
    (i: number) => `src/components/Widget${i}.tsx:${i % 400}:${i % 80} - warning: unused variable 'x${i}'`,
    (i: number) => `    at Object.<anonymous> (/app/node_modules/pkg${i % 50}/index.js:${i % 900}:17)`,
    (i: number) => `Compiling crate_${i % 200} v0.${i % 10}.${i % 7} (/home/dev/project)`,
  ];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 5000 === 4999) lines.push('Error: Invalid login: 535 Authentication Credentials Invalid');
    else lines.push(templates[i % templates.length](i));
  }
  return lines;
}

function hostileLines(): Array<[string, string]> {
  const mb = 1024 * 1024;
  return [
    ['1 MB of letters, no newline', 'a'.repeat(mb)],
    ['1 MB after a marker', `Invalid login: ${'x'.repeat(mb)}`],
    ['1 MB of double quotes after a marker', `Expected response code ${'"'.repeat(mb)}`],
    ['1 MB of single quotes after a marker', `SMTPDataError: (554, b${"'".repeat(mb)}`],
    ['1 MB of digits after a marker', `Throttling failure ${'5'.repeat(mb)}`],
    ['1 MB of "535 " after a marker', `Net::SMTP ${'535 '.repeat(mb / 4)}`],
    ['1 MB of host-like labels after a marker', `email-smtp.${'a.'.repeat(mb / 2)}:587`],
    [
      '1 MB of "x@y, " after a marker',
      `failed the check in region EU-WEST-1: ${'x@y, '.repeat(mb / 5)} Email address is not verified`,
    ],
  ];
}

function time(fn: (line: string) => number, lines: readonly string[]): number {
  const t = performance.now();
  let n = 0;
  for (const line of lines) n += fn(line);
  if (n < 0) throw new Error('unreachable');
  return performance.now() - t;
}

function pairs(lines: readonly string[]): { a: number[]; b: number[]; ratios: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    let ta: number;
    let tb: number;
    if (i % 2 === 0) {
      ta = time(provider, lines);
      tb = time(plainScan, lines);
    } else {
      tb = time(plainScan, lines);
      ta = time(provider, lines);
    }
    a.push(ta);
    b.push(tb);
    ratios.push(ta / tb);
  }
  return { a, b, ratios };
}

const range = (values: number[], digits = 3): string =>
  `${median(values).toFixed(digits)} [${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}]`;

const ordinary = ordinaryOutput(100_000);
// Warm both paths (the reader loads and compiles its patterns once).
time(provider, ordinary.slice(0, 2000));
time(plainScan, ordinary.slice(0, 2000));
const o = pairs(ordinary);
const per1000 = (ms: number[]): number[] => ms.map((x) => (x / ordinary.length) * 1000);
console.log(`Terminal links: ${PAIRS} interleaved pairs, median [min–max]`);
console.log(
  `  ordinary output, 100,000 lines: provider ${range(per1000(o.a))} ms per 1,000 lines; ` +
    `includes scan ${range(per1000(o.b))} ms; ratio ${range(o.ratios, 2)} ×`,
);
let worst = 0;
for (const [name, line] of hostileLines()) {
  const h = pairs([line]);
  worst = Math.max(worst, median(h.a));
  console.log(
    `  hostile: ${name.padEnd(42)} provider ${range(h.a)} ms per line; includes scan ${range(h.b)} ms; ratio ${range(h.ratios, 1)} ×`,
  );
}
console.log(
  worst <= HOSTILE_BUDGET_MS
    ? `every hostile line answers within ${HOSTILE_BUDGET_MS} ms (worst median ${worst.toFixed(3)} ms)`
    : `a hostile line took ${worst.toFixed(3)} ms, over the ${HOSTILE_BUDGET_MS} ms budget`,
);
