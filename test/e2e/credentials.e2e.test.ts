import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { deriveSmtpPassword } from '../../src/base/password';
import type { CredentialSet } from '../../src/base/credentialSets';
import {
  EXTENSION_ID,
  filesUnder,
  getJson,
  hasBrowser,
  inWebview,
  inWorkbench,
  screenshot,
  secretForms,
  waitUntil,
} from './support';

const env = process.env;
const REGION = env.SES_E2E_SMTP_REGION ?? 'eu-west-1';
const GOOD = deriveSmtpPassword(env.SES_E2E_SECRET ?? '', REGION);
const WRONG_REGION = deriveSmtpPassword(env.SES_E2E_SECRET ?? '', 'us-west-2');

describe('SMTP credentials and Send Test Email', function () {
  let good: CredentialSet;
  let wrong: CredentialSet;

  before(function () {
    if (!env.SES_E2E_SMTP_PORT)
      throw new Error('the SES-like SMTP server fixture is not running (SES_E2E_SMTP_PORT unset)');
  });

  it('adds credential sets from arguments; the password goes to secret storage', async () => {
    await vscode.commands.executeCommand('sesSmtpToolkit.credentials.forgetAll', { confirm: false });
    const common = {
      region: REGION,
      host: env.SES_E2E_SMTP_HOST,
      port: Number(env.SES_E2E_SMTP_PORT),
      tls: 'starttls',
      username: env.SES_E2E_ACCESS_KEY,
      from: 'sender@example.com',
    };
    good = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
      ...common,
      name: 'e2e local',
      password: GOOD,
    })) as CredentialSet;
    wrong = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
      ...common,
      name: 'e2e wrong region',
      password: WRONG_REGION,
    })) as CredentialSet;
    assert.equal(good.name, 'e2e local');
    assert.equal(good.username, env.SES_E2E_ACCESS_KEY);
    assert.ok(!JSON.stringify(good).includes(GOOD), 'the returned set holds no password');
    await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
  });

  it('refuses a bad tls argument with a message that names it', async () => {
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
          name: 'bad tls',
          region: REGION,
          port: 587,
          tls: 'none',
          username: env.SES_E2E_ACCESS_KEY,
          password: GOOD,
        }),
      ),
      /Argument "tls" must be "starttls" or "implicit"/,
    );
  });

  it('checks the login of a saved set against the SES-like server', async () => {
    const outcome = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.check', {
      credentialSet: 'e2e local',
      notify: false,
    })) as { ok: boolean; report: string };
    assert.equal(outcome.ok, true, outcome.report);
    const bad = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.check', {
      credentialSet: 'e2e wrong region',
      notify: false,
    })) as { ok: boolean; causes: Array<{ id: string }> };
    assert.equal(bad.ok, false);
    assert.equal(bad.causes[0].id, 'wrong-region');
    await new Promise((r) => setTimeout(r, 500));
    await screenshot('credentials-view');
  });

  it('sends through the command with arguments and returns the SES message id', async () => {
    const report = (await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail', {
      credentialSet: 'e2e local',
      to: 'success@simulator.amazonses.com',
      subject: 'from the command',
    })) as { ok: boolean; messageId: string };
    assert.equal(report.ok, true);
    const received = await getJson<Array<{ messageId: string; subject: string }>>(
      `${env.SES_E2E_FIXTURES_URL}/received`,
    );
    assert.ok(received.some((m) => m.messageId === report.messageId && m.subject === 'from the command'));
  });

  it('the form says what a field lacks until it is fixed, and what a simulator address leads to', async function () {
    if (!hasBrowser()) this.skip();
    await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail');
    await waitUntil(
      () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Send Test Email')),
      'the Send Test Email tab',
    );
    await inWebview({ waitText: { selector: '#set option', text: 'e2e local' } });
    const [missing] = (await inWebview(
      { select: { selector: '#set', value: good.id } },
      { fill: { selector: '#from', value: 'Sender <sender@example.com>' } },
      { fill: { selector: '#to', value: '' } },
      { click: '#send' },
      { text: '#form-error' },
    )) as string[];
    assert.equal(missing, 'Enter a recipient, or click a simulator address.');
    const [fixed, note] = (await inWebview(
      { click: 'button.chip:text-is("bounce")' },
      { text: '#form-error' },
      { waitText: { selector: '#to-note', text: 'bounce@simulator' } },
    )) as string[];
    assert.equal(fixed, '', 'the message went as the recipient was filled in');
    assert.match(
      note,
      /hard bounce\. The bounce notification arrives later through the configuration set’s event destinations or the identity’s feedback forwarding/,
    );
    const [typed] = (await inWebview(
      { fill: { selector: '#to', value: 'suppressionlist@simulator.amazonses.com' } },
      { waitText: { selector: '#to-note', text: 'suppressionlist' } },
    )) as string[];
    assert.match(typed, /as if it were on the suppression list: the message is not delivered/);
  });

  it('the form sends a mail and shows the message id; the server got that From, To and Subject', async function () {
    if (!hasBrowser()) this.skip();
    await inWebview(
      { select: { selector: '#set', value: good.id } },
      { fill: { selector: '#from', value: 'Sender <sender@example.com>' } },
      { click: 'button.chip:text-is("success")' },
      { fill: { selector: '#subject', value: 'Hello from the form' } },
      { click: '#send' },
    );
    const [idText] = (await inWebview({ waitText: { selector: '#message-id', text: '-000000' } })) as string[];
    const [headline, status, next] = (await inWebview(
      { text: '#result-headline' },
      { text: '#send-status' },
      { text: '#result-notes' },
    )) as string[];
    assert.equal(headline, '✓ Accepted by SES');
    assert.equal(status, '✓ Accepted by SES', 'the outcome also sits beside Send');
    assert.match(next, /success@simulator: SES delivers it to the simulator; nothing else follows/);
    const received = await getJson<
      Array<{ messageId: string; subject: string; from: string; to: string[]; headerFrom: string }>
    >(`${env.SES_E2E_FIXTURES_URL}/received`);
    const mail = received.find((m) => m.messageId === idText.trim());
    assert.ok(mail, `the server received the message ${idText}`);
    assert.equal(mail.subject, 'Hello from the form');
    assert.equal(mail.from, 'sender@example.com');
    assert.deepEqual(mail.to, ['success@simulator.amazonses.com']);
    await screenshot('send-test-email-success');
  });

  it('a wrong password shows the 535 diagnosis in the form', async function () {
    if (!hasBrowser()) this.skip();
    await inWebview(
      { select: { selector: '#set', value: wrong.id } },
      { click: 'button.chip:text-is("success")' },
      { click: '#send' },
    );
    const [headline] = (await inWebview({ waitText: { selector: '#result-headline', text: '535' } })) as string[];
    assert.equal(headline, '✗ Login refused (535): Authentication Credentials Invalid');
    const [status, reply, ids] = (await inWebview(
      { text: '#send-status' },
      { text: '.result .reply' },
      { count: '#message-id' },
    )) as [string, string, number];
    assert.equal(status, headline, 'the outcome also sits beside Send');
    assert.match(reply, /535 Authentication Credentials Invalid/);
    assert.equal(ids, 0, 'the previous success is no longer shown');
    const [cause] = (await inWebview({ waitText: { selector: '#causes li', text: 'another region' } })) as string[];
    assert.match(cause, /derived for another region than eu-west-1/);
    await screenshot('send-test-email-failure');
  });

  it('an unverified recipient in the sandbox is refused by the server with its diagnosis', async () => {
    const report = (await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail', {
      credentialSet: 'e2e local',
      to: 'friend@elsewhere.test',
    })) as { ok: boolean; causes: Array<{ id: string; title: string; fix: string }> };
    assert.equal(report.ok, false);
    // SES names only the recipient: the sandbox, and the fix leads with the recipient (issue #31 item 8).
    assert.equal(report.causes[0].id, 'sandbox-recipient');
    assert.match(report.causes[0].title, /friend@elsewhere\.test/);
    assert.match(report.causes[0].fix, /^Send to a verified address/);
  });

  it('messages the host does not expect are logged and ignored; the form keeps working', async function () {
    if (!hasBrowser()) this.skip();
    const form = {
      setId: good.id,
      from: 'sender@example.com',
      to: 'success@simulator.amazonses.com',
      subject: 'x',
      text: '',
      port: 587,
      tls: 'starttls',
    };
    await inWebview(
      { postMessage: { type: 'bogus' } },
      { postMessage: null },
      { postMessage: { type: 'send', form: { ...form, port: '587' } } },
      { postMessage: { type: 'send', form: { ...form, subject: 'S'.repeat(5_000) } } },
      { postMessage: { type: 'send', form: { ...form, text: 'T'.repeat(3_000_000) } } },
      { postMessage: { type: 'selectSet', setId: { $gt: '' } } },
    );
    const expected = [
      /unknown message type "bogus"/,
      /not an object/,
      /port is not an integer from 1 to 65535/,
      /subject is 5000 characters, more than 998/,
      /text is 3000000 characters, more than 200000/,
      /setId is object, not a string/,
    ];
    const log = await waitUntil(() => {
      const file = filesUnder(env.SES_E2E_USER_DATA ?? '').find((f) => /SES SMTP\.log$/.test(f));
      const text = file ? readFileSync(file, 'utf8') : '';
      return expected.every((re) => re.test(text)) ? text : undefined;
    }, 'six "Ignored a message" lines in the SES SMTP log');
    assert.equal(log.match(/Ignored a message from the Send Test Email view/g)?.length, 6);
    assert.ok(!log.includes('T'.repeat(1000)), 'the oversized field is not copied into the log');
    // Nothing was sent, and the form still sends.
    const before = (await getJson<unknown[]>(`${env.SES_E2E_FIXTURES_URL}/received`)).length;
    await inWebview(
      { select: { selector: '#set', value: good.id } },
      { click: 'button.chip:text-is("success")' },
      { fill: { selector: '#subject', value: 'after the bad messages' } },
      { click: '#send' },
    );
    await inWebview({ waitText: { selector: '#message-id', text: '-000000' } });
    const received = await getJson<Array<{ subject: string }>>(`${env.SES_E2E_FIXTURES_URL}/received`);
    assert.equal(received.length, before + 1);
    assert.equal(received.at(-1)!.subject, 'after the bad messages');
  });

  it('an unverified From is refused with a headline that names it and the region, replacing the last result', async function () {
    if (!hasBrowser()) this.skip();
    await inWebview(
      { select: { selector: '#set', value: good.id } },
      { fill: { selector: '#from', value: 'Someone <someone@unverified.test>' } },
      { click: 'button.chip:text-is("success")' },
      { click: '#send' },
    );
    const [headline] = (await inWebview({ waitText: { selector: '#result-headline', text: '554' } })) as string[];
    assert.equal(headline, `✗ Rejected (554): From address not verified in ${REGION}`);
    const [status, results, ids, stale] = (await inWebview(
      { text: '#send-status' },
      { count: '.result h3' },
      { count: '#message-id' },
      { count: '#progress.stale' },
    )) as [string, number, number, number];
    assert.equal(status, headline);
    assert.deepEqual([results, ids, stale], [1, 0, 0], 'one result, the new one, not greyed');
    const [cause] = (await inWebview({ text: '#causes li' })) as string[];
    assert.ok(cause.includes(`Not verified in ${REGION}: someone@unverified.test`), cause);
    await screenshot('send-test-email-rejected');
    await inWebview({ fill: { selector: '#from', value: 'sender@example.com' } });
  });

  it('a new send clears the last result as it starts; Cancel stops it and the headline says where', async function () {
    if (!hasBrowser()) this.skip();
    // A server that accepts connections and never greets: the send stays in progress until cancelled.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const set = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
      name: 'e2e silent',
      region: REGION,
      host: '127.0.0.1',
      port,
      tls: 'starttls',
      username: env.SES_E2E_ACCESS_KEY,
      password: GOOD,
      from: 'sender@example.com',
    })) as CredentialSet;
    try {
      await inWebview(
        { waitText: { selector: '#set option', text: 'e2e silent' } },
        { select: { selector: '#set', value: set.id } },
        { click: 'button.chip:text-is("success")' },
        { click: '#send' },
      );
      const [status] = (await inWebview(
        { waitText: { selector: '#send-status', text: `127.0.0.1:${port}` } },
        { waitText: { selector: '.phase.active', text: 'Greeting' } },
      )) as string[];
      assert.equal(status, `Sending through 127.0.0.1:${port}…`);
      const [headlines, stale] = (await inWebview(
        { count: '#result-headline' },
        { count: '#progress.stale' },
      )) as number[];
      assert.deepEqual([headlines, stale], [0, 0], 'the 554 of the last send is gone while this one runs');
      await inWebview({ click: '#cancel' });
      const [headline] = (await inWebview({
        waitText: { selector: '#result-headline', text: 'Cancelled' },
      })) as string[];
      assert.equal(headline, '✗ Cancelled at Greeting');
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await vscode.commands.executeCommand('sesSmtpToolkit.credentials.delete', {
        credentialSet: set.id,
        confirm: false,
      });
    }
  });

  it('the webview is locked down: a CSP with a nonce, no unsafe-inline or eval, resources only from media/ and its bundle', async function () {
    if (!hasBrowser()) this.skip();
    const [csp, scripts] = (await inWebview(
      { html: 'meta[http-equiv="Content-Security-Policy"]' },
      { html: 'html' },
    )) as string[];
    const policy = /content="([^"]+)"/.exec(csp)?.[1] ?? '';
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /script-src 'nonce-[A-Za-z0-9+/=]{16,}'/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    // Ours, not the one VS Code injects for acquireVsCodeApi.
    const tags = [...scripts.matchAll(/<script\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((t) => !t.includes('_vscodeApiScript'));
    assert.ok(
      tags.length > 0 && tags.every((t) => t.includes(`nonce="${nonce}"`)),
      `every script carries the nonce: ${tags.join(' ')}`,
    );
    // The page script is the bundle in dist/webview/. The loader serves media/ and that folder and
    // refuses the rest of the extension folder (localResourceRoots): the same stylesheet loads
    // from media/ and not from beside it.
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const probe = path.join(root, 'test-results', 'csp-probe.css');
    mkdirSync(path.dirname(probe), { recursive: true });
    writeFileSync(probe, readFileSync(path.join(root, 'media', 'testSend.css')));
    try {
      const script = /src="([^"]+\/dist\/webview\/testSend\.js[^"]*)"/.exec(scripts)![1].replace(/&amp;/g, '&');
      const inside = script.replace('/dist/webview/testSend.js', '/media/testSend.css');
      const outside = script.replace('/dist/webview/testSend.js', '/test-results/csp-probe.css');
      const [fromMedia, fromOutside] = (await inWebview(
        { loadStylesheet: inside },
        { loadStylesheet: outside },
      )) as string[];
      assert.equal(fromMedia, 'load', 'a stylesheet in media/ loads');
      assert.equal(fromOutside, 'error', 'the same stylesheet outside media/ is refused');
    } finally {
      rmSync(probe, { force: true });
    }
  });

  it('the password appears nowhere: settings, logs, output, webview', async function () {
    const userData = env.SES_E2E_USER_DATA;
    const places = [
      ...(userData ? filesUnder(userData) : []),
      ...filesUnder(path.dirname(path.dirname(__dirname))),
    ].filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`) && !f.endsWith('.js') && !f.endsWith('.map'));
    assert.ok(
      places.some((f) => /SES SMTP\.log$/.test(f) || f.endsWith('settings.json')),
      'the log and settings files are among the searched files',
    );
    for (const file of places) {
      const text = readFileSync(file, 'latin1');
      for (const form of [...secretForms(GOOD), ...secretForms(WRONG_REGION)])
        assert.ok(!text.includes(form), `${file} contains a form of a password`);
    }
    if (hasBrowser()) {
      const [html] = (await inWebview({ html: 'html' })) as string[];
      for (const form of [...secretForms(GOOD), ...secretForms(WRONG_REGION)])
        assert.ok(!html.includes(form), 'the webview holds no password');
      // The whole workbench page: notifications, the output panel, hovers, quick inputs.
      await vscode.commands.executeCommand('sesSmtpToolkit.showLog');
      await new Promise((r) => setTimeout(r, 500));
      const [page] = (await inWorkbench({ html: 'body' })) as string[];
      assert.match(page, /SES SMTP/, 'the page was read');
      for (const form of [...secretForms(GOOD), ...secretForms(WRONG_REGION)])
        assert.ok(!page.includes(form), 'no password in the workbench page (notifications, output)');
      await vscode.commands.executeCommand('workbench.action.closePanel');
    }
  });
});
