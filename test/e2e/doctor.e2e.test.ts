// "Run SMTP Doctor" in the real host: the command with an argument object against the fixtures'
// SES-like SMTP server (sandbox, eu-west-1) and the AWS API peer, plus an SES API peer and the IAM/STS peer
// started here; the report panel is looked at (headline, Re-run, Copy as Markdown) and
// photographed (test-results/doctor-report.png). Then the page itself: one bundled script carrying
// the CSP's nonce and no inline code, Re-run and Copy through the typed protocol (the copy read back
// from the clipboard), and messages the page never sends refused and logged without their content.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { deriveSmtpPassword } from '../../src/base/password';
import { startSesApiServer, type SesApiServer } from '../support/sesApiServer';
import { startIamStsPeer, type IamStsPeer } from '../support/iamStsPeer';
import { freePort } from '../support/ports';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import {
  baseDnsServers,
  filesUnder,
  hasBrowser,
  inWebview,
  screenshot,
  secretForms,
  seenText,
  setAwsEndpoint,
  waitUntil,
} from './support';

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
      .update('dns.servers', baseDnsServers(), vscode.ConfigurationTarget.Global);
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

  it('the report page: one bundled script with the nonce, Re-run and Copy through the typed protocol, forged messages refused', async function () {
    if (!hasBrowser()) this.skip();
    this.timeout(120_000);
    const policyNow = async (): Promise<string> => {
      const [csp] = (await inWebview({ html: 'meta[http-equiv="Content-Security-Policy"]' })) as string[];
      return /content="([^"]+)"/.exec(csp)?.[1] ?? '';
    };
    // The panel of the test above, showing its report.
    await inWebview({ waitText: { selector: '.headline', text: 'customer@elsewhere.example', timeoutMs: 20_000 } });
    const policy = await policyNow();
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /script-src 'nonce-[A-Za-z0-9+/=]{16,}';/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(policy, /style-src[^;]*nonce/, 'no inline style either: the stylesheet is media/doctor.css');
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    const [page] = (await inWebview({ html: 'html' })) as string[];
    // Ours, not the one VS Code injects for acquireVsCodeApi.
    const tags = [...page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].filter(
      (m) => !m[0].includes('_vscodeApiScript'),
    );
    assert.equal(tags.length, 1, `one page script: ${tags.map((m) => m[0].slice(0, 120)).join(' | ')}`);
    assert.match(tags[0][0], /src="[^"]+\/dist\/webview\/doctor\.js[^"]*"/, 'the bundle in dist/webview');
    assert.equal(tags[0][1].trim(), '', 'no inline code');
    assert.ok(tags[0][0].includes(`nonce="${nonce}"`), `the nonce of the CSP: ${tags[0][0]}`);
    assert.match(page, /<link href="[^"]+\/media\/doctor\.css[^"]*" rel="stylesheet">/);

    // Re-run: the host renders the new report into a new page (a new nonce), with Re-run on again.
    await inWebview({ click: '#rerun' });
    await waitUntil(
      async () => {
        const now = await policyNow();
        return now !== policy && /script-src 'nonce-/.test(now) ? now : undefined;
      },
      'the re-run report on a new page',
      60_000,
    );
    const [headline, disabled] = (await inWebview(
      { waitText: { selector: '.headline', text: 'customer@elsewhere.example', timeoutMs: 20_000 } },
      { count: '#rerun:disabled, #copy:disabled' },
    )) as [string, number];
    assert.match(headline, /Most likely cause/);
    assert.equal(disabled, 0, 'both buttons are on once the report is back');

    // Messages the page never sends are refused and logged by their shape, never their content.
    await inWebview(
      { postMessage: { type: 'copy', markdown: '# forged report FORGED-1' } },
      { postMessage: { type: 'rerun', password: 'FORGED-3' } },
      { postMessage: { type: 'exec-FORGED-2' } },
      { postMessage: 'copy' },
    );
    const expected = [
      /Ignored a message from the Doctor view: "copy" with fields it does not take \(markdown\)\./,
      /Ignored a message from the Doctor view: "rerun" with fields it does not take \(password\)\./,
      /Ignored a message from the Doctor view: an unknown type, text \(13 characters\); known: ready, copy, rerun\./,
      /Ignored a message from the Doctor view: not a message object but text \(4 characters\)\./,
    ];
    const log = await waitUntil(() => {
      const file = filesUnder(process.env.SES_E2E_USER_DATA ?? '').find((f) => /SES SMTP\.log$/.test(f));
      const text = file ? readFileSync(file, 'utf8') : '';
      return expected.every((re) => re.test(text)) ? text : undefined;
    }, 'four "Ignored a message from the Doctor view" lines in the SES SMTP log');
    assert.ok(!log.includes('FORGED'), 'no content of a refused message in the log');
    for (const form of secretForms(password)) assert.ok(!log.includes(form), 'no password in the log');

    // Copy: the Markdown of the shown report, masked, on the clipboard.
    await vscode.env.clipboard.writeText('before the copy');
    await inWebview({ click: '#copy' });
    const copied = await waitUntil(async () => {
      const text = await vscode.env.clipboard.readText();
      return text !== 'before the copy' ? text : undefined;
    }, 'the report on the clipboard');
    assert.match(copied, /customer@elsewhere\.example/);
    assert.match(copied, new RegExp(`AKIA…${key.slice(-4)}`));
    for (const form of [...secretForms(password), key]) assert.ok(!copied.includes(form), 'nothing secret copied');
  });

  it('while a run is under way the page says so (Re-run off; "re-running…" beside a report) and turns back on with the report', async function () {
    if (!hasBrowser()) this.skip();
    this.timeout(120_000);
    // An SMTP server that takes connections and says nothing: a run waits on it until it is let go,
    // then answers 421 to the greeting and every line (leaving the client to close), so each check
    // ends at once.
    const BYE = '421 4.3.2 Service not available, closing\r\n';
    const held: net.Socket[] = [];
    let released = false;
    let silent: net.Server | undefined;
    const hold = (port = 0): Promise<number> =>
      new Promise((resolve, reject) => {
        released = false;
        silent = net.createServer((socket) => {
          held.push(socket);
          socket.on('error', () => undefined);
          socket.on('data', () => released && socket.write(BYE));
        });
        silent.once('error', reject);
        silent.listen(port, '127.0.0.1', () => resolve((silent!.address() as net.AddressInfo).port));
      });
    const release = (): void => {
      released = true;
      silent?.close();
      for (const socket of held) if (!socket.destroyed) socket.write(BYE);
    };
    const count = async (selector: string): Promise<number> => ((await inWebview({ count: selector })) as number[])[0];
    try {
      const port = await hold();
      const closed = await freePort();
      // A new panel: its page learns that the run is under way from the host's answer to `ready`.
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      const first = vscode.commands.executeCommand('sesSmtpToolkit.runDoctor', {
        host: '127.0.0.1',
        region: 'eu-west-1',
        port: 587,
        portMap: { '587': port, '2587': closed, '465': closed, '2465': closed, '25': closed },
        username: key,
        password,
        timeoutSeconds: 300,
      });
      await waitUntil(async () => (await count('#rerun:disabled')) === 1, 'Re-run off while the first run goes');
      assert.equal(await count('#copy:disabled'), 1, 'nothing to copy before the first report');
      release();
      await first;
      await inWebview({ waitText: { selector: '.headline', text: 'Most likely cause', timeoutMs: 30_000 } });
      await waitUntil(async () => (await count('#rerun:disabled, #copy:disabled')) === 0, 'both buttons on');
      assert.equal(await count('#running:not([hidden])'), 0, 'no "re-running…" note');

      // Re-run against the same silent port: the report stays, with the note and Re-run off.
      await hold(port);
      await inWebview({ click: '#rerun' });
      await waitUntil(
        async () => (await count('#rerun:disabled')) === 1 && (await count('#running:not([hidden])')) === 1,
        'Re-run off and the "re-running…" note shown',
      );
      assert.equal(await count('#copy:disabled'), 0, 'the shown report can still be copied');
      release();
      await waitUntil(
        async () => (await count('#rerun:disabled')) === 0 && (await count('#running:not([hidden])')) === 0,
        'the new report, with Re-run on',
        60_000,
      );
    } finally {
      release();
      for (const socket of held.splice(0)) socket.destroy();
    }
  });
});
