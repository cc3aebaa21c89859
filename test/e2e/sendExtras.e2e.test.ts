// The "Send Test Email" command with the extras of issue #18 in its argument object, in a real
// host: what the SES-like server received (CC, Reply-To, a custom header, tags, an attachment, a
// raw message; BCC only in RCPT TO), the configuration set looked up through the explorer's profile
// (the AWS API peer) before sending, SES's reply to an unknown set diagnosed in the result, and no secret in
// any result.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateConfigurationSetCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { deriveSmtpPassword } from '../../src/base/password';
import { activateExtension, addFixtureSet, getJson, secretForms, setAwsEndpoint } from './support';

const env = process.env;
const REGION = env.SES_E2E_SMTP_REGION ?? 'eu-west-1';
const PASSWORD = deriveSmtpPassword(env.SES_E2E_SECRET ?? '', REGION);
const SET = 'e2e extras';

interface Received {
  messageId: string;
  from: string;
  to: string[];
  subject?: string;
  headers: Array<{ name: string; value: string }>;
}

interface Report {
  ok: boolean;
  messageId?: string;
  headline: string;
  causes: Array<{ id: string; title: string; fix: string }>;
  extras?: { cc: string[]; bcc: string[]; headers: string[]; tags: unknown[]; attachments: unknown[]; raw: boolean };
  configurationSetNote?: string;
}

function header(mail: Received, name: string): string[] {
  return mail.headers.filter((h) => h.name.toLowerCase() === name.toLowerCase()).map((h) => h.value);
}

describe('Send Test Email command extras', () => {
  let dir = '';
  const reports: Report[] = [];
  const send = async (args: Record<string, unknown>): Promise<{ report: Report; received?: Received }> => {
    const report = (await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail', {
      credentialSet: SET,
      from: 'Sender <sender@example.com>',
      to: 'success@simulator.amazonses.com',
      ...args,
    })) as Report;
    reports.push(report);
    const received = await getJson<Received[]>(`${env.SES_E2E_FIXTURES_URL}/received`);
    return { report, received: received.find((m) => m.messageId === report.messageId) };
  };

  before(async () => {
    if (!env.SES_E2E_SMTP_PORT) throw new Error('the SES-like SMTP server fixture is not running');
    await activateExtension();
    dir = mkdtempSync(path.join(tmpdir(), 'e2e-extras-'));
    await addFixtureSet(SET, { region: REGION, onProblem: 'as-typed' });
  });
  after(async () => {
    await vscode.commands.executeCommand('sesSmtpToolkit.credentials.delete', { credentialSet: SET, confirm: false });
    await setAwsEndpoint(undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends CC, BCC, Reply-To, a header, tags and an attachment as the server receives them', async () => {
    const file = path.join(dir, 'invoice.pdf');
    writeFileSync(file, Buffer.from('%PDF-1.4 test'));
    const { report, received } = await send({
      subject: 'extras from the command',
      cc: 'carol@example.com',
      bcc: ['hidden@example.com'],
      replyTo: 'replies@example.com',
      headers: [{ name: 'X-App-Request-Id', value: 'req-7' }],
      tags: [{ name: 'campaign', value: 'e2e' }],
      attachments: [{ path: file }],
    });
    assert.equal(report.ok, true, report.headline);
    assert.equal(report.headline, 'Accepted by SES');
    assert.ok(received, 'the server received the message with the id the command returned');
    assert.deepEqual(received.to, ['success@simulator.amazonses.com', 'carol@example.com', 'hidden@example.com']);
    assert.deepEqual(header(received, 'Cc'), ['carol@example.com']);
    assert.deepEqual(header(received, 'Bcc'), []);
    assert.deepEqual(header(received, 'Reply-To'), ['replies@example.com']);
    assert.deepEqual(header(received, 'X-App-Request-Id'), ['req-7']);
    assert.deepEqual(header(received, 'X-SES-MESSAGE-TAGS'), ['campaign=e2e']);
    assert.deepEqual(report.extras?.bcc, ['hidden@example.com']);
    assert.equal(report.extras?.attachments.length, 1);
  });

  it('sends a raw message as written with the envelope from the arguments', async () => {
    const raw = 'From: sender@example.com\r\nTo: someone@example.org\r\nSubject: raw from the command\r\n\r\nHi\r\n';
    const { report, received } = await send({ raw, bcc: 'hidden@example.com' });
    assert.equal(report.ok, true, report.headline);
    assert.equal(received?.subject, 'raw from the command');
    assert.deepEqual(received?.to, ['success@simulator.amazonses.com', 'hidden@example.com']);
    assert.equal(report.extras?.raw, true);
  });

  it('refuses a bad extra naming the argument, before anything is sent', async () => {
    const before = (await getJson<Received[]>(`${env.SES_E2E_FIXTURES_URL}/received`)).length;
    await assert.rejects(
      Promise.resolve(send({ tags: [{ name: 'order.id', value: '1' }] })),
      /Argument "tags": Tag 1: the name "order\.id" contains "\."/,
    );
    await assert.rejects(
      Promise.resolve(send({ sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com' })),
      /is for us-east-1, but these credentials send through eu-west-1/,
    );
    assert.equal((await getJson<Received[]>(`${env.SES_E2E_FIXTURES_URL}/received`)).length, before);
  });

  it('looks the configuration set up with the explorer profile, and diagnoses SES reply to a set', async () => {
    const awsUrl = env.SES_E2E_AWS_URL ?? '';
    const ses = new SESv2Client({
      region: REGION,
      endpoint: awsUrl,
      credentials: { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: 'peerRootSecretKeyExample000000000000000' },
    });
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'events' })).catch(() => undefined);
    ses.destroy();
    await setAwsEndpoint(awsUrl);
    await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', { profile: 'e2e', regions: [REGION] });
    const before = (await getJson<Received[]>(`${env.SES_E2E_FIXTURES_URL}/received`)).length;
    await assert.rejects(
      Promise.resolve(send({ configurationSet: 'evnts' })),
      /Configuration set evnts does not exist in eu-west-1\. The sets there are: events\. Create it in the SES console/,
    );
    assert.equal((await getJson<Received[]>(`${env.SES_E2E_FIXTURES_URL}/received`)).length, before);
    // "events" exists for the API (AWS API peer), but the SMTP fixture knows no sets: SES's 554, diagnosed.
    const { report } = await send({ configurationSet: 'events' });
    assert.equal(report.ok, false);
    assert.match(report.headline, /^Rejected \(554\): .*Configuration set <events> does not exist/);
    assert.equal(report.causes[0].id, 'configuration-set-missing');
    assert.equal(report.causes[0].title, 'Configuration set "events" does not exist in eu-west-1.');
  });

  it('no result holds the password', () => {
    assert.ok(reports.length >= 3);
    for (const report of reports)
      for (const form of secretForms(PASSWORD))
        assert.ok(!JSON.stringify(report).includes(form), 'the password is in a command result');
  });
});
