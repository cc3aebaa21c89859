// Helpers of the Send Test Email options tests (both phases): what the SES-like server received,
// the headers of a message, and the host's file dialog answered with a path.
import { getJson, inWorkbench } from './support';

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

/** Answers the host's file dialog (code-server shows its own, a quick input) with a path. */
export async function answerFileDialog(file: string, title: string): Promise<void> {
  await inWorkbench({ waitText: { selector: `${QUICK} .quick-input-title`, text: title, timeoutMs: 15_000 } });
  await inWorkbench({ fill: { selector: `${QUICK} .quick-input-box input`, value: file } }, { press: 'Enter' });
}
