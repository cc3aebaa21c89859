// Send Test Email Burst in the real host, against the SES-like SMTP server fixture: the command with
// arguments returns the summary, a real mailbox is refused without confirmation, and the form's
// "Burst…" section runs a burst and shows its summary (screenshot send-test-burst).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { deriveSmtpPassword } from '../../src/base/password';
import type { CredentialSet } from '../../src/base/credentialSets';
import type { BurstSummary } from '../../src/engines/smtp/burstMath';
import { addFixtureSet, getJson, hasBrowser, inWebview, screenshot, waitUntil } from './support';

const env = process.env;
const REGION = env.SES_E2E_SMTP_REGION ?? 'eu-west-1';

async function received(): Promise<number> {
  return (await getJson<unknown[]>(`${env.SES_E2E_FIXTURES_URL}/received`)).length;
}

describe('Send Test Email Burst', function () {
  let set: CredentialSet;

  before(async function () {
    if (!env.SES_E2E_SMTP_PORT)
      throw new Error('the SES-like SMTP server fixture is not running (SES_E2E_SMTP_PORT unset)');
    set = await addFixtureSet('e2e burst', { from: 'sender@example.com', region: REGION });
  });

  it('the burst command with arguments sends N mails to the simulator and returns the summary', async () => {
    const before = await received();
    const report = (await vscode.commands.executeCommand('sesSmtpToolkit.sendTestBurst', {
      credentialSet: 'e2e burst',
      count: 12,
      rate: 100,
    })) as { ok: boolean; headline: string; summary: BurstSummary };
    assert.equal(report.ok, true, report.headline);
    assert.deepEqual([report.summary.accepted, report.summary.throttled, report.summary.failed], [12, 0, 0]);
    assert.equal((await received()) - before, 12);
  });

  it('a real mailbox is refused unless confirmed, and nothing is sent', async () => {
    const before = await received();
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.sendTestBurst', {
          credentialSet: 'e2e burst',
          to: 'someone@example.com',
          confirmNonSimulator: false,
        }),
      ),
      /someone@example\.com is not a mailbox simulator address/,
    );
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.sendTestBurst', { credentialSet: 'e2e burst', count: 5000 }),
      ),
      /Argument "count" is 5000; give a whole number of messages from 1 to 1000/,
    );
    assert.equal(await received(), before);
  });

  it('the form runs a burst from its Burst… section and shows the summary', async function () {
    if (!hasBrowser()) this.skip();
    await vscode.commands.executeCommand('sesSmtpToolkit.sendTestBurst');
    await waitUntil(
      () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Send Test Email')),
      'the tab',
    );
    await inWebview({ waitText: { selector: '#set option', text: 'e2e burst' } });
    const before = await received();
    // A real mailbox first: the form asks before anything is sent.
    const [note] = (await inWebview(
      { select: { selector: '#set', value: set.id } },
      { fill: { selector: '#from', value: 'sender@example.com' } },
      { fill: { selector: '#to', value: 'someone@example.com' } },
      { fill: { selector: '#burst-count', value: '30' } },
      { fill: { selector: '#burst-rate', value: '40' } },
      { click: '#burst-send' },
      { waitText: { selector: '#burst-confirm', text: 'not a mailbox simulator' } },
    )) as string[];
    assert.match(note, /someone@example\.com is not a mailbox simulator address.*daily quota/);
    assert.equal(await received(), before, 'nothing sent before the confirmation');
    await inWebview({ click: 'button.chip:text-is("success")' }, { click: '#burst-send' });
    const [headline, summary, status] = (await inWebview(
      { waitText: { selector: '#burst-headline', text: 'accepted' } },
      { text: '#burst-summary' },
      { text: '#send-status' },
    )) as string[];
    assert.equal(headline, '✓ 30 of 30 accepted');
    assert.match(summary, /Throttled \(454\)\s*0/);
    assert.match(summary, /Latency\s*p50 \d+ ms, p95 \d+ ms/);
    assert.match(summary, /Rate achieved\s*[\d.]+\/s at a pace of 40\/s/);
    assert.match(status, /Burst: 30 of 30 accepted, 0 throttled \(454\), 0 failed/);
    assert.equal((await received()) - before, 30);
    await screenshot('send-test-burst');
  });

  it('Cancel stops a running burst from the form; the summary counts what was not sent', async function () {
    if (!hasBrowser()) this.skip();
    await inWebview(
      { select: { selector: '#set', value: set.id } },
      { fill: { selector: '#from', value: 'sender@example.com' } },
      { click: 'button.chip:text-is("success")' },
      { fill: { selector: '#burst-count', value: '1000' } },
      { fill: { selector: '#burst-rate', value: '5' } },
      { click: '#burst-send' },
      { waitText: { selector: '#burst-counts', text: '2 accepted' } },
      { click: '#cancel' },
    );
    const [headline, summary] = (await inWebview(
      { waitText: { selector: '#burst-headline', text: 'Cancelled' } },
      { text: '#burst-summary' },
    )) as string[];
    assert.match(headline, /^✗ Cancelled: \d+ of 1000 accepted$/);
    const notSent = Number(/Not sent\s*(\d+)/.exec(summary)?.[1]);
    assert.ok(notSent > 900, summary);
  });

  it('past the maximum send rate the form counts 454 throttling, retried after a back-off', async function () {
    if (!hasBrowser()) this.skip();
    // The fixtures' server with SES's answer past 3 messages a second, and a certificate that
    // verifies (a burst does not use a pinned certificate).
    const secret = env.SES_E2E_SECRET ?? '';
    const throttledBefore = (await getJson<{ throttled: number }>(`${env.SES_E2E_FIXTURES_URL}/throttled/count`))
      .throttled;
    const throttledSet = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
      name: 'e2e throttled',
      region: REGION,
      host: '127.0.0.1',
      port: Number(env.SES_E2E_SMTP_THROTTLED_PORT),
      tls: 'starttls',
      username: env.SES_E2E_ACCESS_KEY,
      password: deriveSmtpPassword(secret, REGION),
      from: 'sender@example.com',
    })) as CredentialSet;
    await inWebview(
      { waitText: { selector: '#set option', text: 'e2e throttled' } },
      { select: { selector: '#set', value: throttledSet.id } },
      { fill: { selector: '#from', value: 'sender@example.com' } },
      { click: 'button.chip:text-is("success")' },
      { fill: { selector: '#burst-count', value: '20' } },
      { fill: { selector: '#burst-rate', value: '20' } },
      { click: '#burst-send' },
    );
    const [headline, summary] = (await inWebview(
      { waitText: { selector: '#burst-headline', text: 'of 20 accepted', timeoutMs: 45_000 } },
      { text: '#burst-summary' },
    )) as string[];
    assert.match(headline, /of 20 accepted/);
    const replies = Number(
      /Throttled \(454\)\s*\d+ \((\d+) replies/.exec(summary)?.[1] ?? /Throttled \(454\)\s*(\d+)/.exec(summary)?.[1],
    );
    assert.ok(replies > 0, summary);
    const throttled = (await getJson<{ throttled: number }>(`${env.SES_E2E_FIXTURES_URL}/throttled/count`)).throttled;
    assert.equal(replies, throttled - throttledBefore, 'every 454 the server sent is counted');
    await screenshot('send-test-burst-throttled');
  });
});
