// Send Test Email's options in the real host (issue #18), against the SES-like SMTP server fixture:
// the form filled through the browser with CC, BCC, Reply-To, a message tag, a custom header and an
// attachment picked in the host's file dialog; a raw MIME message; the history with Save as .eml;
// and "Send Test Email from This Identity". What the server received is asserted, and what the form
// shows. The history is read again after the window reload (sendOptions.reload.e2e.test.ts).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deriveSmtpPassword } from '../../src/base/password';
import type { CredentialSet } from '../../src/base/credentialSets';
import { hasBrowser, inWebview, screenshot, setAwsEndpoint, waitUntil } from './support';
import { answerFileDialog, headersOf, receivedRaw } from './sendOptionsSupport';

const env = process.env;
const REGION = env.SES_E2E_SMTP_REGION ?? 'eu-west-1';

/** The headline of the send just made: the previous result is greyed (.stale) until the new one starts. */
const FRESH_HEADLINE = '#progress:not(.stale) #result-headline';

async function openForm(): Promise<void> {
  await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail');
  await waitUntil(
    () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Send Test Email')),
    'the Send Test Email tab',
  );
}

describe('Send Test Email options', function () {
  this.timeout(120_000);
  let set: CredentialSet;
  let folder: string;

  before(async function () {
    if (!env.SES_E2E_SMTP_PORT) throw new Error('the SES-like SMTP server fixture is not running');
    folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    set = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
      name: 'e2e options',
      region: REGION,
      host: env.SES_E2E_SMTP_HOST,
      port: Number(env.SES_E2E_SMTP_PORT),
      tls: 'starttls',
      username: env.SES_E2E_ACCESS_KEY,
      password: deriveSmtpPassword(env.SES_E2E_SECRET ?? '', REGION),
      from: 'sender@example.com',
    })) as CredentialSet;
  });

  it('the form sends CC, BCC, Reply-To, a tag, a header and an attachment; the server gets each', async function () {
    if (!hasBrowser()) this.skip();
    const attachment = path.join(folder, 'report-e2e.txt');
    writeFileSync(attachment, 'quarterly numbers\n'.repeat(100));
    await openForm();
    await inWebview(
      { waitText: { selector: '#set option', text: 'e2e options' } },
      { select: { selector: '#set', value: set.id } },
      { fill: { selector: '#from', value: 'sender@example.com' } },
      { click: 'button.chip:text-is("success")' },
      { fill: { selector: '#cc', value: 'copy@example.com' } },
      { fill: { selector: '#bcc', value: 'hidden@example.com' } },
      { fill: { selector: '#replyTo', value: 'replies@example.com' } },
      { fill: { selector: '#subject', value: 'options e2e' } },
      { click: '#advanced-box > summary' },
      { click: '#add-tag' },
      // A tag name with a space: the message under the row says why, and goes once it is fixed.
      { fill: { selector: '#tag-0-name', value: 'my campaign' } },
      { fill: { selector: '#tag-0-value', value: 'spring-2026' } },
      { click: '#send' },
      { waitText: { selector: '#tag-0-error', text: 'Tag 1: the name "my campaign" contains' } },
    );
    const [formError] = (await inWebview({ text: '#form-error' })) as string[];
    assert.match(formError, /Not sent: fix the fields marked above/);
    await screenshot('send-options-field-message');
    const [after, besideSend] = (await inWebview(
      { fill: { selector: '#tag-0-name', value: 'campaign' } },
      { text: '#tag-0-error' },
      { text: '#form-error' },
    )) as string[];
    assert.deepEqual([after, besideSend], ['', ''], 'the messages clear as the field is fixed');
    await inWebview(
      { click: '#add-header' },
      { fill: { selector: '#header-0-name', value: 'X-App-Event' } },
      { fill: { selector: '#header-0-value', value: 'signup welcome' } },
      { click: '#attach' },
    );
    await answerFileDialog(attachment, 'Attach Files', /workspace/);
    const [listed, total] = (await inWebview(
      { waitText: { selector: '#attachments li', text: 'report-e2e.txt' } },
      { text: '#attachments-total' },
    )) as string[];
    assert.match(listed, /report-e2e\.txt\s*1\.8 KB/);
    assert.match(total, /Total: 1\.8 KB .* of SES's 40 MB message limit/);
    await screenshot('send-options-advanced');
    const before = (await receivedRaw()).length;
    await inWebview({ click: '#send' });
    const [headline] = (await inWebview({
      waitText: { selector: FRESH_HEADLINE, text: 'Accepted', timeoutMs: 45_000 },
    })) as string[];
    assert.equal(headline, '✓ Accepted by SES');
    const got = (await receivedRaw()).slice(before);
    assert.equal(got.length, 1, 'one message');
    const mail = got[0];
    assert.deepEqual(
      [...mail.to].sort(),
      ['copy@example.com', 'hidden@example.com', 'success@simulator.amazonses.com'],
      'CC and BCC are recipients of the envelope',
    );
    const h = headersOf(mail.raw);
    assert.deepEqual(h.get('cc'), ['copy@example.com']);
    assert.equal(h.get('bcc'), undefined, 'BCC is not in the headers');
    assert.deepEqual(h.get('reply-to'), ['replies@example.com']);
    assert.deepEqual(h.get('x-ses-message-tags'), ['campaign=spring-2026']);
    assert.deepEqual(h.get('x-app-event'), ['signup welcome']);
    assert.match(mail.raw, /Content-Disposition: attachment; filename=report-e2e\.txt/i);
    assert.ok(
      mail.raw.includes(Buffer.from('quarterly numbers\n'.repeat(100)).toString('base64').slice(0, 60)),
      'the attachment content is in the message',
    );
    const [entry] = (await inWebview({
      waitText: { selector: '#history .history-entry', text: 'options e2e' },
    })) as string[];
    assert.match(
      entry,
      /sender@example\.com → success@simulator\.amazonses\.com, cc copy@example\.com, bcc hidden@example\.com/,
    );
    assert.match(entry, /✓ Accepted by SES/);
    await screenshot('send-options-result');
  });

  it('a raw MIME message goes as written, the envelope from the form; Save as .eml writes the bytes sent', async function () {
    if (!hasBrowser()) this.skip();
    const raw = [
      'From: Sender <sender@example.com>',
      'To: success@simulator.amazonses.com',
      'Subject: options raw e2e',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'A raw message, sent as written.',
      '',
    ].join('\r\n');
    const before = (await receivedRaw()).length;
    await inWebview(
      { fill: { selector: '#cc', value: '' } },
      { fill: { selector: '#bcc', value: '' } },
      { click: '#rawMode' },
      { fill: { selector: '#raw', value: 'Subject: no sender\r\n\r\nbody' } },
      { click: '#send' },
      { waitText: { selector: '#raw-error', text: 'no From: line' } },
      { fill: { selector: '#raw', value: raw } },
      { click: '#send' },
    );
    const [headline] = (await inWebview({
      waitText: { selector: FRESH_HEADLINE, text: 'Accepted', timeoutMs: 45_000 },
    })) as string[];
    assert.equal(headline, '✓ Accepted by SES');
    const got = (await receivedRaw()).slice(before);
    assert.equal(got.length, 1);
    assert.deepEqual(got[0].to, ['success@simulator.amazonses.com']);
    assert.equal(got[0].from, 'sender@example.com');
    assert.match(got[0].raw, /Subject: options raw e2e/);
    assert.match(got[0].raw, /A raw message, sent as written\./);
    await screenshot('send-options-raw');
    // Save as .eml from the history entry: the file holds what the server received.
    const target = path.join(folder, 'saved-raw-e2e.eml');
    await inWebview({
      click: '#history .history-entry:has-text("options raw e2e") button[data-action="save"]',
    });
    const offered = await answerFileDialog(target, 'Save the Sent Message', /\.eml$/);
    assert.match(
      path.basename(offered),
      /^options-raw-e2e-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.eml$/,
      'the subject and time',
    );
    await waitUntil(() => existsSync(target), 'the saved .eml');
    assert.equal(readFileSync(target, 'utf8'), got[0].raw);
    await inWebview({ click: '#rawMode' });
  });

  it('Send Again fills the form with a past send', async function () {
    if (!hasBrowser()) this.skip();
    const values = (await inWebview(
      { fill: { selector: '#to', value: '' } },
      { fill: { selector: '#subject', value: '' } },
      { click: '#history .history-entry:has-text("options e2e") button[data-action="again"]' },
      { value: '#to' },
      { value: '#subject' },
      { value: '#cc' },
      { value: '#bcc' },
    )) as string[];
    assert.deepEqual(values, [
      'success@simulator.amazonses.com',
      'options e2e',
      'copy@example.com',
      'hidden@example.com',
    ]);
  });

  it("with an AWS profile the configuration set is picked from the region's sets; its event destinations show with the result", async function () {
    if (!hasBrowser()) this.skip();
    await setAwsEndpoint(env.SES_E2E_SESAPI_URL);
    try {
      await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', { profile: 'e2e', regions: [REGION] });
      // Choosing the credentials again asks the host for the region's sets.
      const [hint] = (await inWebview(
        { select: { selector: '#set', value: set.id } },
        { waitText: { selector: '#config-set-hint', text: 'configuration sets in this region' } },
      )) as string[];
      assert.match(hint, /^2 configuration sets in this region/);
      const before = (await receivedRaw()).length;
      const [headline, destinations] = (await inWebview(
        // An identity the explorer's region lists as verified: no warning before sending.
        { fill: { selector: '#from', value: 'noreply@verified.example.com' } },
        // Send Again left CC and BCC at example.com, which the region (in the sandbox) has not verified.
        { fill: { selector: '#cc', value: '' } },
        { fill: { selector: '#bcc', value: '' } },
        { click: 'button.chip:text-is("success")' },
        { fill: { selector: '#subject', value: 'options configuration set e2e' } },
        { select: { selector: '#config-set-select', value: 'e2e-events' } },
        { click: '#send' },
        { waitText: { selector: FRESH_HEADLINE, text: 'Accepted', timeoutMs: 45_000 } },
        { waitText: { selector: '#destinations', text: 'to-sns' } },
      )) as string[];
      assert.equal(headline, '✓ Accepted by SES');
      assert.match(
        destinations,
        /Configuration set e2e-events: where its events go.*to-sns → SNS arn:aws:sns:eu-west-1:123456789012:ses-events: SEND, BOUNCE, COMPLAINT/,
      );
      const got = (await receivedRaw()).slice(before);
      assert.equal(got.length, 1);
      assert.deepEqual(headersOf(got[0].raw).get('x-ses-configuration-set'), ['e2e-events']);
      await screenshot('send-options-configuration-set');
      await inWebview({ select: { selector: '#config-set-select', value: '' } });
    } finally {
      await setAwsEndpoint(undefined);
    }
  });

  it('Send Test Email from This Identity presets From and the region\u2019s credentials', async function () {
    const domain = (await vscode.commands.executeCommand('sesSmtpToolkit.explorer.sendTestEmail', {
      region: REGION,
      identity: { name: 'example.com' },
    })) as { from: string; credentialSet?: string; note: string };
    assert.equal(domain.from, 'test@example.com');
    assert.ok(domain.credentialSet, 'a set of the region is chosen');
    assert.match(domain.note, /change "test" to any address at example\.com/);
    const none = (await vscode.commands.executeCommand('sesSmtpToolkit.explorer.sendTestEmail', {
      region: 'us-east-2',
      identity: { name: 'user00001@big.example.com' },
    })) as { from: string; credentialSet?: string; note: string };
    assert.deepEqual([none.from, none.credentialSet], ['user00001@big.example.com', undefined]);
    assert.match(none.note, /No saved SMTP credentials send in us-east-2: add some for us-east-2/);
    if (!hasBrowser()) return;
    const [, from, note] = (await inWebview(
      { waitText: { selector: '#prefill-note', text: 'us-east-2' } },
      { value: '#from' },
      { text: '#prefill-note' },
    )) as string[];
    assert.equal(from, 'user00001@big.example.com');
    assert.match(note, /add some for us-east-2/);
    await vscode.commands.executeCommand('sesSmtpToolkit.explorer.sendTestEmail', {
      region: REGION,
      identity: { name: 'example.com' },
    });
    const [, domainFrom, chosen] = (await inWebview(
      { waitText: { selector: '#prefill-note', text: 'change "test"' } },
      { value: '#from' },
      { text: '#set option:checked' },
    )) as string[];
    assert.equal(domainFrom, 'test@example.com');
    assert.match(chosen, new RegExp(domain.credentialSet!));
    await screenshot('send-options-from-identity');
  });
});
