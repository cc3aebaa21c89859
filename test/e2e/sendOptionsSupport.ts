// Helpers of the Send Test Email options tests (both phases): what the SES-like server received,
// the headers of a message, and the host's file dialog answered with a path.
import { getJson, inWorkbench, screenshot, waitUntil } from './support';

const QUICK = '.quick-input-widget';

interface Received {
  from: string;
  to: string[];
  raw: string;
  subject?: string;
  messageId: string;
}

export async function receivedRaw(): Promise<Received[]> {
  return getJson<Received[]>(`${process.env.SES_E2E_FIXTURES_URL}/received/raw`);
}

/** The headers of a message, unfolded, by lower-case name (a name given twice keeps both values). */
export function headersOf(raw: string): Map<string, string[]> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const out = new Map<string, string[]>();
  for (const line of head.split(/\r?\n/)) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out.set(m[1].toLowerCase(), [...(out.get(m[1].toLowerCase()) ?? []), m[2]]);
  }
  return out;
}

/**
 * Answers the host's file dialog (code-server shows its own, a quick input) with a path: typed,
 * read back (the dialog completes names as you type), then accepted; the dialog must close.
 */
export async function answerFileDialog(file: string, title: string, initial: RegExp): Promise<string> {
  const input = `${QUICK} .quick-input-box input`;
  await inWorkbench({ waitText: { selector: `${QUICK} .quick-input-title`, text: title, timeoutMs: 15_000 } });
  // The dialog fills in its starting point (the folder, the suggested name) once it is ready.
  let offered = '';
  await waitUntil(async () => {
    [offered] = (await inWorkbench({ value: input })) as string[];
    return initial.test(offered);
  }, `the file dialog to offer ${initial}`);
  await waitUntil(async () => {
    const [typed] = (await inWorkbench({ fill: { selector: input, value: file } }, { value: input })) as string[];
    return typed === file;
  }, `the file dialog to hold ${file}`);
  await inWorkbench({ press: 'Enter' });
  try {
    await waitUntil(
      async () => ((await inWorkbench({ count: `${QUICK}:visible` })) as number[])[0] === 0,
      'the file dialog to close',
      10_000,
    );
  } catch (err) {
    await screenshot(`file-dialog-${title.replace(/\W+/g, '-')}`);
    const [left] = (await inWorkbench({ text: QUICK })) as string[];
    throw new Error(`${(err as Error).message}; it shows: ${left}`, { cause: err });
  }
  return offered;
}
