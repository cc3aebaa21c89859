// Benchmarks, side by side in one run, on loopback behind a proxy that delays every chunk, so
// round trips count as on a real network. Prints a table of ratios and writes bench/RESULTS.md.
// Run: npm run bench. Not part of the test command; no assertions, only numbers.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { median, msRange, type Row } from './pairs';
import { burst, login, send } from './smtpRows';
import { explorerRows } from './explorer';
import { burstVsSwaksRows } from './burstSwaks';
import { hostExplorerRow } from './hostExplorer';
import { trackingRows } from './tracking';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 100);

const rows: Row[] = [];
/** Whole outputs of the standalone benches (bench/envCheck.ts, bench/doctor.ts), kept as sections. */
const sections: Array<{ title: string; text: string }> = [];

async function standalone(title: string, script: string): Promise<void> {
  try {
    const { stdout } = await run(process.execPath, [path.join(__dirname, script)], {
      maxBuffer: 16 * 2 ** 20,
      timeout: 10 * 60_000,
    });
    sections.push({ title, text: stdout.trim() });
  } catch (err) {
    const e = err as { stdout?: string; message: string };
    sections.push({ title, text: `${(e.stdout ?? '').trim()}\n(failed: ${e.message.split('\n')[0]})` });
  }
}
const notes: string[] = [];

function sizes(): void {
  const bundle = path.join(ROOT, 'dist', 'extension.js');
  const vsix = path.join(ROOT, 'ses-smtp-toolkit.vsix');
  if (!existsSync(bundle) || !existsSync(vsix)) {
    notes.push('Sizes skipped: run `npm run package` first (the bench script does).');
    return;
  }
  const kb = (f: string): number => statSync(f).size / 1024;
  // What activation loads: dist/extension.js and the chunks it imports (bench/activation.ts lists them).
  const probe = execFileSync(process.execPath, [path.join(__dirname, 'activation.js')], { encoding: 'utf8' });
  const files = (JSON.parse(probe.trim().split('\n').pop() ?? '{}') as { files: string[] }).files;
  const b = files.reduce((sum, f) => sum + kb(path.join(ROOT, 'dist', f)), 0);
  rows.push({
    what: `main bundle: what activation loads (${files.map((f) => `dist/${f}`).join(', ')}), minified`,
    ours: `${b.toFixed(1)} KB`,
    baseline: '150 KB budget',
    ratio: `${(b / 150).toFixed(2)} ×`,
    target: '≤ 1.0 × budget',
    met: b <= 150 ? 'yes' : 'no',
  });
  const v = kb(vsix);
  rows.push({
    what: '.vsix',
    ours: `${(v / 1024).toFixed(2)} MB`,
    baseline: '2 MB budget',
    ratio: `${(v / 1024 / 2).toFixed(2)} ×`,
    target: '≤ 1.0 × budget',
    met: v <= 2048 ? 'yes' : 'no',
  });
  const text = files.map((f) => readFileSync(path.join(ROOT, 'dist', f), 'utf8')).join('\n');
  const heavy = ['smtp-connection', 'mail-composer', '@aws-sdk', 'client-sesv2'].filter((m) => text.includes(m));
  notes.push(
    heavy.length
      ? `What activation loads mentions ${heavy.join(', ')}: check that they are not bundled there.`
      : 'What activation loads contains no nodemailer or AWS SDK module; they live in dist/smtp.js (and dist/aws.js) and are required on first use.',
  );
}

/** Activation and the 10,000-identity tree, measured inside the real host (code-server), one run. */
async function host(): Promise<void> {
  let output: string;
  try {
    const run = await promisify(execFile)('node', [path.join(ROOT, 'out', 'test', 'e2e', 'launch.js')], {
      cwd: ROOT,
      env: { ...process.env, E2E_GREP: 'activates, and loads neither|10,000 identities' },
      maxBuffer: 64 * 2 ** 20,
      timeout: 10 * 60_000,
    });
    output = run.stdout + run.stderr;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    notes.push(`The host run failed (${e.message.split('\n')[0]}); its figures may be missing.`);
  }
  const activation = /activation ms[:\s]+([\d.]+)/i.exec(output);
  if (activation) {
    const ms = Number(activation[1]);
    rows.push({
      what: 'activate() in the real host',
      ours: `${ms.toFixed(1)} ms`,
      baseline: '20 ms budget',
      ratio: `${(ms / 20).toFixed(2)} ×`,
      target: '≤ 1.0 × budget',
      met: ms < 20 ? 'yes' : 'no',
    });
  } else notes.push('Activation time: the host run printed no "activation ms" line.');
  const big = /big account: (\{.*\})/.exec(output);
  if (big) {
    const f = JSON.parse(big[1]) as {
      firstNodesMs: number;
      smallAccountFirstNodesMs: number;
      identitiesShown: number;
      rssBeforeMb: number;
      rssAfterMb: number;
    };
    const ratio = f.firstNodesMs / Math.max(1, f.smallAccountFirstNodesMs);
    rows.push({
      what: 'first tree nodes of a region with 10,000 identities (SES API peer, no delay)',
      ours: `${f.firstNodesMs} ms`,
      baseline: `${f.smallAccountFirstNodesMs} ms for a 5-identity region`,
      ratio: `${ratio.toFixed(2)} ×`,
      target: 'about 1 × (one page, not the account)',
      met: ratio <= 3 ? 'yes' : 'no',
    });
    rows.push({
      what: 'extension host memory, 10,000-identity region open with 300 rows loaded',
      ours: `${f.rssAfterMb} MB resident`,
      baseline: `${f.rssBeforeMb} MB before`,
      ratio: `+${f.rssAfterMb - f.rssBeforeMb} MB`,
      target: 'no growth with the account size',
      met: f.rssAfterMb - f.rssBeforeMb < 50 ? 'yes' : 'no',
    });
  } else notes.push('10,000 identities: the host run printed no "big account" line.');
}

const PAIRS = Number(process.env.BENCH_PAIRS ?? 12);

/** Loading dist/extension.js and activate(), each sample in a fresh Node process. */
async function activation(): Promise<void> {
  const samples: Array<{ totalMs: number; cpuMs: number; bundles: string[] }> = [];
  for (let i = 0; i < 15; i++) {
    const { stdout } = await run(process.execPath, [path.join(__dirname, 'activation.js')]);
    samples.push(JSON.parse(stdout.trim().split('\n').pop() ?? '{}'));
  }
  const total = samples.map((s) => s.totalMs);
  const m = median(total);
  const loaded = [...new Set(samples.flatMap((s) => s.bundles))];
  rows.push({
    what: "load dist/extension.js + activate(), fresh Node process each (the host's own built-in modules loaded first, vscode API stubbed), 15 runs",
    ours: `${msRange(total)}; CPU ${median(samples.map((s) => s.cpuMs)).toFixed(1)} ms`,
    baseline: '20 ms budget',
    ratio: `${(m / 20).toFixed(2)} ×`,
    target: '≤ 1.0 × budget',
    met: m <= 20 ? 'yes' : 'no',
  });
  notes.push(
    loaded.length
      ? `Activation required ${loaded.join(', ')}: it should require neither heavy bundle.`
      : 'Activation required neither heavy bundle (dist/smtp.js, dist/aws.js); a command loads its own chunk on its first run.',
  );
}

function table(): string {
  const head = '| benchmark | ours | baseline | ratio | target | met |\n|---|---|---|---|---|---|';
  return [
    head,
    ...rows.map((r) => `| ${r.what} | ${r.ours} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.met} |`),
  ].join('\n');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string): boolean => only.length === 0 || only.includes(name);
  if (want('sizes')) sizes();
  if (want('host')) await host();
  if (want('activation')) await activation();
  if (want('login')) await login(rows, PAIRS, DELAY_MS);
  if (want('send')) await send(rows, PAIRS, DELAY_MS);
  if (want('burst')) await burst(rows, PAIRS, DELAY_MS);
  if (want('swaks')) rows.push(...(await burstVsSwaksRows(PAIRS, DELAY_MS, Number(process.env.BENCH_SWAKS_N ?? 20))));
  if (want('explorer')) rows.push(...(await explorerRows(PAIRS, DELAY_MS)));
  if (want('tracking')) rows.push(...(await trackingRows(PAIRS, DELAY_MS)));
  if (want('host-explorer')) {
    const row = await hostExplorerRow(PAIRS, DELAY_MS);
    if (typeof row === 'string') notes.push(row);
    else rows.push(row);
  }
  if (want('env'))
    await standalone('The .env check of a 2 MB file (bench/envCheck.ts, the functions the editor runs)', 'envCheck.js');
  if (want('doctor'))
    await standalone('SES SMTP Doctor: the whole run against its slowest check (bench/doctor.ts)', 'doctor.js');
  await standalone('Terminal links of Explain SES SMTP Error, per 1,000 lines (bench/appErrors.ts)', 'appErrors.js');
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const machine = `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
  let swaksVersion: string;
  try {
    swaksVersion = execFileSync('swaks', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    swaksVersion = 'swaks not found';
  }
  const out = [
    '# Benchmark results',
    '',
    'Rules every figure here follows:',
    '- It times the code path the extension runs: the same functions, concurrency and settings.',
    '- A/B figures are interleaved pairs (at least 10, the order alternating), reported as median [min–max];',
    '  a ratio is the median of the per-pair ratios.',
    '- Both sides pay the same costs: both in-process, or both as new processes.',
    '- The README copies figures from this file, with its date and machine, and names the row.',
    '',
    `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}. ${swaksVersion}.`,
    `Every network benchmark runs on 127.0.0.1 through a proxy that delays each chunk by ${DELAY_MS} ms in each direction.`,
    '',
    table(),
    '',
    ...notes.map((n) => `- ${n}`),
    ...sections.flatMap((x) => ['', `## ${x.title}`, '', '```', x.text, '```']),
    '',
  ].join('\n');
  console.log(out);
  if (only.length === 0) writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), out);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
