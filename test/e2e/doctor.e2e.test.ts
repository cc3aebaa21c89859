// "Run SMTP Doctor" in the real host: the command with an argument object against the fixtures'
// SES-like SMTP server (sandbox, eu-west-1) and the AWS API peer, plus an SES API peer and the IAM/STS peer
// started here; the report panel is looked at (headline, Re-run, Copy as Markdown) and
// photographed (test-results/doctor-report.png).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { deriveSmtpPassword } from '../../src/base/password';
import { startSesApiServer, type SesApiServer } from '../support/sesApiServer';
import { startIamStsPeer, type IamStsPeer } from '../support/iamStsPeer';
import { freePort } from '../support/ports';
import { hasBrowser, inWebview, screenshot, secretForms, seenText, setAwsEndpoint, waitUntil } from './support';

const ROOT_KEY = { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: 'peerRootSecretKeyExample000000000000000' };

describe('Doctor: Run SMTP Doctor with arguments against the fixtures', () => {
  let sesApi: SesApiServer;
  let peer: IamStsPeer;
  const key = process.env.SES_E2E_ACCESS_KEY ?? '';
  const password = deriveSmtpPassword(process.env.SES_E2E_SECRET ?? 'x', 'eu-west-1');

  before(async () => {
    const awsUrl = process.env.SES_E2E_AWS_URL;
    if (!awsUrl || !key) throw new Error('fixtures missing (SES_E2E_AWS_URL, SES_E2E_ACCESS_KEY)');
    const iam = new IAMClient({ region: 'us-east-1', endpoint: awsUrl, credentials: ROOT_KEY });
    await iam.send(new CreateUserCommand({ UserName: 'doctor-e2e-smtp' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'doctor-e2e-smtp',
        PolicyName: 'send',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'ses:SendRawEmail', Resource: '*' }],
        }),
      }),
    );
    iam.destroy();
    // The fixture SMTP server's account: sandboxed in eu-west-1, example.com verified.
    sesApi = await startSesApiServer({
      accessKeyIds: [ROOT_KEY.accessKeyId],
      regions: { 'eu-west-1': { identities: [{ name: 'example.com' }] } },
    });
    peer = await startIamStsPeer({
      upstream: awsUrl,
      ses: sesApi.endpoint,
      keys: [{ accessKeyId: key, userName: 'doctor-e2e-smtp', account: '123456789012' }],
    });
    await setAwsEndpoint(peer.endpoint);
    // The fixtures' DNS server: it refuses example.com at once instead of the test asking the internet.
    await vscode.workspace
      .getConfiguration('sesSmtpToolkit')
      .update('dns.servers', [process.env.SES_E2E_DNS], vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await setAwsEndpoint(undefined);
    await vscode.workspace
      .getConfiguration('sesSmtpToolkit')
      .update('dns.servers', undefined, vscode.ConfigurationTarget.Global);
    await peer?.stop();
    await sesApi?.stop();
  });

  it('names the unverified recipient of a sandboxed account first, and shows the report', async function () {
    this.timeout(120_000);
    const smtpPort = Number(process.env.SES_E2E_SMTP_PORT);
    const closed = await freePort();
    const outcome = (await vscode.commands.executeCommand('sesSmtpToolkit.runDoctor', {
      host: '127.0.0.1',
      region: 'eu-west-1',
      port: 587,
      portMap: { '587': smtpPort, '2587': smtpPort, '465': closed, '2465': closed, '25': closed },
      username: key,
      password,
      from: 'app@example.com',
      to: 'customer@elsewhere.example',
      profile: 'e2e',
      timeoutSeconds: 10,
    })) as {
      report: { headline: string; findings: Array<{ cause?: string; verdict: string; check: string }> };
      markdown: string;
    };
    const summary = outcome.report.findings.map((f) => `${f.verdict} ${f.check} ${f.cause ?? ''}`).join('\n');
    assert.equal(outcome.report.findings[0].cause, 'sandbox-recipient', summary);
    assert.match(
      outcome.report.headline,
      /sandbox in eu-west-1 and the recipient customer@elsewhere\.example is not verified/,
    );
    assert.ok(
      outcome.report.findings.some((f) => f.check === 'login' && f.verdict === 'pass'),
      summary,
    );
    assert.ok(
      outcome.report.findings.some((f) => f.check === 'key' && f.verdict === 'pass'),
      summary,
    );
    assert.ok(
      outcome.report.findings.some((f) => f.check === 'ports' && f.verdict === 'warn'),
      'the closed ports are named',
    );
    for (const form of [...secretForms(password), key])
      assert.ok(!outcome.markdown.includes(form), 'no secret and no full username in the Markdown');
    assert.match(outcome.markdown, new RegExp(`AKIA…${key.slice(-4)}`));
    if (hasBrowser()) {
      const [headline] = (await inWebview({
        waitText: { selector: '.headline', text: 'customer@elsewhere.example', timeoutMs: 20_000 },
      })) as string[];
      assert.match(headline, /Most likely cause/);
      await inWebview(
        { click: '#rerun' },
        { waitText: { selector: '.headline', text: 'customer@elsewhere.example', timeoutMs: 30_000 } },
      );
      await inWebview({ click: '#copy' });
      await waitUntil(
        async () => /Doctor report copied as Markdown/.test(await seenText()),
        'the copy notification',
        10_000,
      );
      const html = ((await inWebview({ html: 'body' })) as string[])[0];
      for (const form of [...secretForms(password), key]) assert.ok(!html.includes(form), 'no secret in the page');
    }
    await new Promise((r) => setTimeout(r, 500));
    await screenshot('doctor-report');
  });
});
