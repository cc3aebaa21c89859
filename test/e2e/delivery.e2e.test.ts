// Delivery tracking in the real host (#26), against the AWS API peer's SNS, SQS and SES
// configuration sets and the SES-like SMTP server, which publishes SES's events for mail sent with
// a configuration set: tracking is set up in the region, a test mail to the bounce simulator is
// sent from the form, and the form shows the bounce with SES's diagnostic; Where Is This SES Email?
// finds the kept events; removal leaves the peer's queues and topics as before.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { CreateConfigurationSetCommand, DeleteConfigurationSetCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { CredentialSet } from '../../src/base/credentialSets';
import type { BurstSummary } from '../../src/engines/smtp/burstMath';
import { addFixtureSet, bounceRecord, hasBrowser, inWebview, screenshot, setAwsEndpoint, waitUntil } from './support';

const env = process.env;
const REGION = env.SES_E2E_SMTP_REGION ?? 'eu-west-1';
const ROOT_KEY = { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: 'peerRootSecretKeyExample000000000000000' };
const FRESH_HEADLINE = '#progress:not(.stale) #result-headline';

describe('Delivery tracking', function () {
  this.timeout(150_000);
  let set: CredentialSet;

  before(async function () {
    if (!env.SES_E2E_SMTP_PORT) throw new Error('the SES-like SMTP server fixture is not running');
    await setAwsEndpoint(env.SES_E2E_IAM_URL);
    set = await addFixtureSet('e2e tracking', { from: 'sender@example.com', region: REGION });
  });
  after(async () => {
    await vscode.commands
      .executeCommand('sesSmtpToolkit.delivery.removeTracking', { region: REGION, profile: 'e2e', confirm: false })
      .then(undefined, () => undefined);
    await vscode.commands.executeCommand('sesSmtpToolkit.credentials.delete', {
      credentialSet: set.id,
      confirm: false,
    });
    await setAwsEndpoint(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('set up, a mail to bounce@simulator from the form shows its permanent bounce there; Where Is finds it', async function () {
    if (!hasBrowser()) this.skip();
    const state = (await vscode.commands.executeCommand('sesSmtpToolkit.delivery.setUpTracking', {
      region: REGION,
      profile: 'e2e',
      confirm: false,
    })) as { configurationSet: string; queueUrl: string };
    assert.equal(state.configurationSet, 'ses-smtp-toolkit-tracking');

    await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail');
    await waitUntil(
      () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Send Test Email')),
      'the Send Test Email tab',
    );
    await inWebview(
      { waitText: { selector: '#set option', text: 'e2e tracking' } },
      { select: { selector: '#set', value: set.id } },
      { fill: { selector: '#from', value: 'sender@example.com' } },
      { fill: { selector: '#to', value: 'bounce@simulator.amazonses.com' } },
      { fill: { selector: '#subject', value: 'tracking e2e' } },
      { click: '#send' },
    );
    const [headline] = (await inWebview({
      waitText: { selector: FRESH_HEADLINE, text: 'Accepted', timeoutMs: 45_000 },
    })) as string[];
    assert.equal(headline, '✓ Accepted by SES');
    const [row] = (await inWebview({
      waitText: {
        selector: '#delivery-recipients li[data-outcome="bounced"]',
        text: 'bounce@simulator.amazonses.com',
        timeoutMs: 60_000,
      },
    })) as string[];
    assert.match(row, /bounce@simulator\.amazonses\.com: bounced/);
    assert.match(row, /Bounced \(Permanent \/ General\): smtp; 550 5\.1\.1 user unknown/);
    assert.match(row, /suppression list/);
    const [notes] = (await inWebview({ text: '#result-notes' })) as string[];
    assert.match(notes, /Delivery tracking is on in eu-west-1/);
    await screenshot('delivery-bounce-in-form');
    const [entry] = (await inWebview({
      waitText: { selector: '#history .history-entry', text: 'bounce@simulator.amazonses.com: bounced' },
    })) as string[];
    assert.match(entry, /tracking e2e/);
    const [messageId] = (await inWebview({ text: '#message-id' })) as string[];
    // For the phase after the reload (delivery.reload.e2e.test.ts): which send to look for.
    writeFileSync(bounceRecord(), JSON.stringify({ messageId }));

    // The form is free while a message is followed: the next send goes, and shows its own outcome.
    await inWebview(
      { fill: { selector: '#to', value: 'success@simulator.amazonses.com' } },
      { fill: { selector: '#subject', value: 'tracking e2e 2' } },
      { click: '#send' },
    );
    const [delivered] = (await inWebview({
      waitText: {
        selector: '#delivery-recipients li[data-outcome="delivered"]',
        text: 'success@simulator.amazonses.com',
        timeoutMs: 60_000,
      },
    })) as string[];
    assert.match(delivered, /Delivered — the receiving server answered "250 2\.6\.0 Message received"/);
    const [shownIds] = (await inWebview({ count: '#delivery-recipients > li' })) as number[];
    assert.equal(shownIds, 1, 'only this send’s recipient');

    // "Where Is It?" on the history entry: the timeline opens beside the form.
    await inWebview({ click: '#history .history-entry:nth-child(2) button[data-action="whereIs"]' });
    let shown = '';
    await waitUntil(() => {
      shown =
        vscode.workspace.textDocuments.find((d) => d.getText().startsWith(`# Where is ${messageId}?`))?.getText() ?? '';
      return shown !== '';
    }, 'the Where Is timeline document');
    assert.match(shown, /## bounce@simulator\.amazonses\.com — bounced/);
    assert.match(shown, /Bounced \(Permanent \/ General\): smtp; 550 5\.1\.1 user unknown/);
    await screenshot('delivery-where-is');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    const found = (await vscode.commands.executeCommand('sesSmtpToolkit.delivery.whereIsMessage', {
      messageId,
      region: REGION,
    })) as { timeline: { recipients: Array<{ recipient: string; outcome: string }> } };
    assert.deepEqual(
      found.timeline.recipients.map((r) => `${r.recipient} ${r.outcome}`),
      ['bounce@simulator.amazonses.com bounced'],
    );

    // The Doctor says tracking is set up, with the last bounce kept for the From address.
    const doctor = (await vscode.commands.executeCommand('sesSmtpToolkit.runDoctor', {
      credentialSet: set.id,
      from: 'sender@example.com',
      profile: 'e2e',
      portMap: { '587': Number(env.SES_E2E_SMTP_PORT), '2587': Number(env.SES_E2E_SMTP_PORT) },
      timeoutSeconds: 10,
      notify: false,
    })) as { report: { findings: Array<{ check: string; verdict: string; title: string; evidence: string[] }> } };
    const tracking = doctor.report.findings.find((f) => f.check === 'tracking');
    assert.equal(tracking?.verdict, 'pass');
    assert.equal(
      tracking?.title,
      'Delivery tracking is set up in eu-west-1 (configuration set ses-smtp-toolkit-tracking)',
    );
    assert.match(
      tracking?.evidence.join('\n') ?? '',
      /^Last bounce or complaint for sender@example\.com: .* UTC bounce@simulator\.amazonses\.com: Bounced \(Permanent \/ General\)/,
    );
  });

  it('an argument object send uses the tracking set, is followed, and Where Is finds the complaint', async () => {
    const report = (await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail', {
      credentialSet: set.id,
      to: 'complaint@simulator.amazonses.com',
      subject: 'tracking by argument',
    })) as { ok: boolean; messageId: string; tracking?: { configurationSet: string; following: boolean } };
    assert.equal(report.ok, true);
    assert.deepEqual(report.tracking, { configurationSet: 'ses-smtp-toolkit-tracking', following: true });
    let outcome = '';
    await waitUntil(
      async () => {
        const found = (await vscode.commands.executeCommand('sesSmtpToolkit.delivery.whereIsMessage', {
          messageId: report.messageId,
          region: REGION,
        })) as { timeline: { recipients: Array<{ recipient: string; outcome: string }> } };
        outcome = found.timeline.recipients.map((r) => `${r.recipient} ${r.outcome}`).join(', ');
        return outcome === 'complaint@simulator.amazonses.com complained';
      },
      'the complaint to be found',
      60_000,
    ).catch((err: Error) => assert.fail(`${err.message}; found: ${outcome}`));
    // Another configuration set named by the caller: not followed, and the report says so.
    const ses = new SESv2Client({ region: REGION, endpoint: env.SES_E2E_IAM_URL, credentials: ROOT_KEY });
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'tracking-other' }));
    const other = (await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail', {
      credentialSet: set.id,
      to: 'success@simulator.amazonses.com',
      configurationSet: 'tracking-other',
    })) as { tracking?: { following: boolean; note?: string } };
    await ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'tracking-other' }));
    ses.destroy();
    assert.equal(other.tracking?.following, false);
    assert.match(
      other.tracking?.note ?? '',
      /Delivery tracking is off for this send: it uses the configuration set tracking-other/,
    );
    // A tenant's mail with no set of its own: the tracking set is not added (SES would refuse it as
    // not associated with the tenant), and the report says why.
    const forTenant = (await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail', {
      credentialSet: set.id,
      to: 'success@simulator.amazonses.com',
      tenant: 'acme',
    })) as { tracking?: { following: boolean; note?: string }; causes?: Array<{ id: string }> };
    assert.equal(forTenant.tracking?.following, false);
    assert.match(
      forTenant.tracking?.note ?? '',
      /a mail for the tenant acme needs a configuration set associated with the tenant, so ses-smtp-toolkit-tracking was not added/,
    );
    assert.ok(
      !(forTenant.causes ?? []).some((c) => c.id === 'tenant-not-associated'),
      'no refusal for a configuration set outside the tenant',
    );
  });

  it('a burst with tracking on counts delivered, bounced and complained recipients (argument object and form)', async function () {
    const to = [
      'success@simulator.amazonses.com',
      'bounce@simulator.amazonses.com',
      'complaint@simulator.amazonses.com',
    ];
    const report = (await vscode.commands.executeCommand('sesSmtpToolkit.sendTestBurst', {
      credentialSet: set.id,
      to,
      count: 2,
      rate: 50,
    })) as { ok: boolean; headline: string; summary: BurstSummary };
    assert.equal(report.ok, true, report.headline);
    assert.deepEqual(report.summary.delivery, {
      configurationSet: 'ses-smtp-toolkit-tracking',
      delivered: 2,
      bounced: 2,
      complained: 2,
      delayed: 0,
      rejected: 0,
      waiting: 0,
      stopped: 'settled',
    });
    assert.match(report.headline, / · delivered 2, bounced 2, complained 2$/);

    if (!hasBrowser()) return;
    await vscode.commands.executeCommand('sesSmtpToolkit.sendTestBurst');
    await inWebview(
      { waitText: { selector: '#set option', text: 'e2e tracking' } },
      { select: { selector: '#set', value: set.id } },
      { fill: { selector: '#from', value: 'sender@example.com' } },
      { fill: { selector: '#to', value: 'bounce@simulator.amazonses.com, complaint@simulator.amazonses.com' } },
      { fill: { selector: '#burst-count', value: '3' } },
      { fill: { selector: '#burst-rate', value: '50' } },
      { click: '#burst-send' },
    );
    const [bounced, complained, delivered, status] = (await inWebview(
      { waitText: { selector: '#burst-summary dd[data-outcome="bounced"]', text: '3', timeoutMs: 60_000 } },
      { text: '#burst-summary dd[data-outcome="complained"]' },
      { text: '#burst-summary dd[data-outcome="delivered"]' },
      { text: '#send-status' },
    )) as string[];
    assert.deepEqual([bounced, complained, delivered], ['3', '3', '0']);
    assert.match(status, /delivered 0, bounced 3, complained 3/);
    await screenshot('burst-delivery-tracking');
  });

  it('removal deletes exactly what setup made; a second removal says there is nothing to remove', async () => {
    const removed = (await vscode.commands.executeCommand('sesSmtpToolkit.delivery.removeTracking', {
      region: REGION,
      profile: 'e2e',
      confirm: false,
    })) as { removed: string[] };
    assert.equal(removed.removed.length, 4);
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.delivery.removeTracking', {
          region: REGION,
          profile: 'e2e',
          confirm: false,
        }),
      ),
      /not set up in eu-west-1 by this extension/,
    );
  });

  it('without tracking, Where Is asks Virtual Deliverability Manager (GetMessageInsights)', async () => {
    await setAwsEndpoint(env.SES_E2E_SESAPI_URL);
    const found = (await vscode.commands.executeCommand('sesSmtpToolkit.delivery.whereIsMessage', {
      messageId: '0100018cabcdef01-22222222-3333-4444-5555-666666666666-000000',
      region: REGION,
      profile: 'e2e',
    })) as {
      source?: string;
      timeline: { recipients: Array<{ recipient: string; outcome: string; lines: string[] }> };
    };
    assert.equal(found.source, 'insights');
    assert.deepEqual(
      found.timeline.recipients.map((r) => `${r.recipient} ${r.outcome}`),
      ['bounce@simulator.amazonses.com bounced'],
    );
    // An id VDM does not know either: the refusal says how to set tracking up, and what VDM answered.
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.delivery.whereIsMessage', {
          messageId: '0100018c00000000-00000000-0000-0000-0000-000000000000-000000',
          region: REGION,
          profile: 'e2e',
        }),
      ),
      /Delivery tracking is not set up in eu-west-1\. Run "Set Up SES Delivery Tracking".* Virtual Deliverability Manager has no message/,
    );
    await setAwsEndpoint(env.SES_E2E_IAM_URL);
  });
});
