// A test burst as a command-line process, for the like-for-like row against swaks (a process per
// mail): starts Node, loads the shipped dist/smtp.js and calls the same sendTestBurst the extension
// calls through loadSmtp(). Options come as one JSON argument; prints the summary's counts.
import path from 'node:path';
import type { BurstOptions } from '../src/engines/smtp/burst';

async function main(): Promise<void> {
  const smtp = require(
    path.resolve(__dirname, '..', '..', 'dist', 'smtp.js'),
  ) as typeof import('../src/engines/bundles/smtp');
  const options = JSON.parse(process.argv[2]) as BurstOptions;
  const summary = await smtp.sendTestBurst(options);
  console.log(JSON.stringify({ accepted: summary.accepted, count: options.count }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
