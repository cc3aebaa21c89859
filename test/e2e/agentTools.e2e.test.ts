// The language model tools (#29) in the real host: every tool is listed in vscode.lm.tools with its
// schema and invoked through vscode.lm.invokeTool against the test peers (the SES-like SMTP server,
// the SES API peer with its DNS server); the result text is checked (the login phase, the Doctor's
// top finding, an identity's missing record, the sandbox, a bounce), and no result holds the set's
// password. The effect tools: a real mailbox is refused; another extension's call (no chat token)
// without the user's opt-in gets the consent modal and, declined, sends nothing; with the opt-in, it
// sends and writes. (VS Code's own confirmation appears in chat only, which a test cannot drive.)
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deriveSmtpPassword } from '../../src/base/password';
import type { CredentialSet } from '../../src/base/credentialSets';
import { headersOf, receivedRaw } from './sendOptionsSupport';
import { addFixtureSet, allowUnattendedEffects, baseDnsServers, getJson, setAwsEndpoint } from './support';

const env = process.env;
const REGION = env.SES_E2E_SMTP_REGION ?? 'eu-west-1';
const PASSWORD = deriveSmtpPassword(env.SES_E2E_SECRET ?? '', REGION);
const TOOLS = [
  'sesSmtp_runDoctor',
  'sesSmtp_checkLogin',
  'sesSmtp_explainError',
  'sesSmtp_identityStatus',
  'sesSmtp_accountStatus',
  'sesSmtp_whereIsMessage',
  'sesSmtp_sendTestEmail',
  'sesSmtp_writeEnv',
];

async function received(): Promise<number> {
  return (await getJson<unknown[]>(`${env.SES_E2E_FIXTURES_URL}/received`)).length;
}

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  const text = result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
  assert.ok(!text.includes(PASSWORD), `${name}: the result holds the set's password`);
  assert.ok(!text.includes(env.SES_E2E_SECRET ?? '\u0000'), `${name}: the result holds the IAM secret`);
  return text;
}

describe('Language model tools', function () {
  this.timeout(120_000);
  let set: CredentialSet;
  const settings = () => vscode.workspace.getConfiguration('sesSmtpToolkit');

  before(async function () {
    if (!env.SES_E2E_SMTP_PORT || !env.SES_E2E_SESAPI_URL || !env.SES_E2E_DNS)
      throw new Error('the e2e fixtures are not running');
    set = await addFixtureSet('e2e agent', { from: 'sender@example.com', region: REGION });
  });
  after(async () => {
    await allowUnattendedEffects(true);
    await settings().update('dns.servers', baseDnsServers(), vscode.ConfigurationTarget.Global);
    await setAwsEndpoint(undefined);
    await vscode.commands.executeCommand('sesSmtpToolkit.credentials.delete', {
      credentialSet: set.id,
      confirm: false,
    });
  });

  it('every tool is listed with its input schema; the tool set names the extension', () => {
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('sesSmtp_'));
    assert.deepEqual(ours.map((t) => t.name).sort(), [...TOOLS].sort());
    for (const t of ours) {
      const schema = t.inputSchema as { type: string; properties: Record<string, unknown> };
      assert.equal(schema.type, 'object', t.name);
      assert.ok(Object.keys(schema.properties).length > 0, t.name);
      assert.ok(!Object.keys(schema.properties).some((k) => /pass|secret/i.test(k)), `${t.name} takes no secret`);
      assert.ok(t.description.length > 80, t.name);
    }
  });

  it('checkLogin: the login phase reached, by a saved set; a secret as input is refused', async () => {
    const text = await invoke('sesSmtp_checkLogin', { credentialSet: 'e2e agent' });
    assert.match(text, /^The SMTP login succeeded/);
    await assert.rejects(
      Promise.resolve(
        vscode.lm.invokeTool('sesSmtp_checkLogin', { input: { password: 'x' }, toolInvocationToken: undefined }),
      ),
      /never takes "password"/,
    );
  });

  it('a cancelled call answers that it was cancelled', async () => {
    const cts = new vscode.CancellationTokenSource();
    cts.cancel();
    // VS Code may stop a cancelled call before it reaches the tool; otherwise the tool says so.
    const text = await (async () =>
      vscode.lm.invokeTool(
        'sesSmtp_runDoctor',
        { input: { credentialSet: 'e2e agent' }, toolInvocationToken: undefined },
        cts.token,
      ))().then(
      (r) => r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join(''),
      (err: Error) => `rejected: ${err.name} ${err.message}`,
    );
    assert.match(text, /^(sesSmtp_runDoctor was cancelled\.|rejected: .*Cancel)/i);
  });

  it('explainError: an app’s 535 with the password in its DSN is explained, the password masked', async () => {
    const text = await invoke('sesSmtp_explainError', {
      text: `Error: Invalid login: 535 Authentication Credentials Invalid (smtp://${env.SES_E2E_ACCESS_KEY}:${PASSWORD}@email-smtp.eu-west-1.amazonaws.com:587)`,
    });
    assert.match(text, /535/);
    assert.match(text, /nodemailer/i);
  });

  it('runDoctor: the findings, most important first, for a saved set', async () => {
    const text = await invoke('sesSmtp_runDoctor', { credentialSet: 'e2e agent', from: 'sender@example.com' });
    assert.match(
      text,
      /^The Doctor found (\d+ problem\(s\), most important first:\n1\. \[(fail|warn)\] .+|no problem)/,
    );
    assert.match(text, /Result as JSON:/);
  });

  it('runDoctor and sendTestEmail take the tenant: a paused tenant named first; a send carries X-SES-TENANT', async () => {
    await setAwsEndpoint(env.SES_E2E_SESAPI_URL);
    try {
      const text = await invoke('sesSmtp_runDoctor', {
        credentialSet: 'e2e agent',
        from: 'sender@example.com',
        profile: 'e2e',
        tenant: 'globex',
        configurationSet: 'e2e-events',
      });
      assert.match(
        text,
        /^The Doctor found \d+ problem\(s\), most important first:\n1\. \[fail\] The tenant "globex" is paused in eu-west-1 \(by you\)/,
      );
    } finally {
      await setAwsEndpoint(undefined);
    }
    await allowUnattendedEffects(true);
    const sent = await invoke('sesSmtp_sendTestEmail', {
      credentialSet: 'e2e agent',
      to: 'success@simulator.amazonses.com',
      subject: 'agent tenant send',
      tenant: 'acme',
      configurationSet: 'e2e-events',
    });
    assert.match(sent, /^SES accepted the test mail/);
    const mail = (await receivedRaw()).find((m) => m.raw.includes('agent tenant send'));
    assert.ok(mail, 'the SES-like server got the mail');
    assert.deepEqual(headersOf(mail.raw).get('x-ses-tenant'), ['acme']);
    assert.deepEqual(headersOf(mail.raw).get('x-ses-configuration-set'), ['e2e-events']);
  });

  it('identityStatus and accountStatus against the SES API peer and its DNS server', async () => {
    await setAwsEndpoint(env.SES_E2E_SESAPI_URL);
    await settings().update('dns.servers', [env.SES_E2E_DNS], vscode.ConfigurationTarget.Global);
    const identity = await invoke('sesSmtp_identityStatus', {
      identity: 'noreply@pending.example.com',
      region: REGION,
      profile: 'e2e',
    });
    assert.match(identity, /^pending\.example\.com in eu-west-1: verification PENDING, DKIM PENDING/);
    assert.match(identity, /Records needing attention: CNAME \w+\._domainkey\.pending\.example\.com/);
    const account = await invoke('sesSmtp_accountStatus', { region: REGION, profile: 'e2e' });
    assert.match(account, /^SES in eu-west-1: in the sandbox/);
    const where = await invoke('sesSmtp_whereIsMessage', {
      messageId: '0100018cabcdef01-22222222-3333-4444-5555-666666666666-000000',
      region: REGION,
      profile: 'e2e',
    });
    assert.match(where, /- bounce@simulator\.amazonses\.com: bounced/);
    await setAwsEndpoint(undefined);
  });

  it('sendTestEmail: a real mailbox is refused; declined confirmation sends nothing; under the opt-in it sends', async () => {
    const before = await received();
    await assert.rejects(
      Promise.resolve(
        vscode.lm.invokeTool('sesSmtp_sendTestEmail', {
          input: { credentialSet: 'e2e agent', to: 'someone@example.com' },
          toolInvocationToken: undefined,
        }),
      ),
      /only to the SES mailbox simulator/,
    );
    // Another extension's call (no chat token) without the opt-in gets the extension's consent modal;
    // the test host shows no modal dialog, which counts as declined: nothing is sent.
    await allowUnattendedEffects(false);
    const declined = await Promise.race([
      Promise.resolve(
        vscode.lm.invokeTool('sesSmtp_sendTestEmail', {
          input: { credentialSet: 'e2e agent', to: 'success@simulator.amazonses.com' },
          toolInvocationToken: undefined,
        }),
      ).then(
        () => 'ran',
        (err: Error) => `refused: ${err.message}`,
      ),
      new Promise<string>((r) => setTimeout(() => r('waiting for the confirmation'), 10_000)),
    ]);
    assert.match(declined, /^refused: .*(DialogService|consent|asks SES SMTP Toolkit)/);
    await vscode.commands.executeCommand('workbench.action.closeMessages').then(undefined, () => undefined);
    assert.equal(await received(), before, 'nothing sent without the confirmation');
    await allowUnattendedEffects(true);
    const sent = await invoke('sesSmtp_sendTestEmail', {
      credentialSet: 'e2e agent',
      to: 'success@simulator.amazonses.com',
    });
    assert.match(sent, /^SES accepted the test mail \(message id [\w-]+\)/);
    assert.equal(await received(), before + 1);
  });

  it('writeEnv under the opt-in: the file gets the keys, the agent the key names only', async () => {
    await allowUnattendedEffects(true);
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const dir = mkdtempSync(path.join(folder, 'agent-'));
    const file = path.join(dir, '.env');
    writeFileSync(file, 'APP=1\n');
    const text = await invoke('sesSmtp_writeEnv', { credentialSet: 'e2e agent', file, convention: 'generic' });
    assert.match(text, /^The \.env file was written: .*SMTP_PASSWORD.* \(values not shown\)\./);
    assert.ok(readFileSync(file, 'utf8').includes(PASSWORD), 'the password is in the file the user asked for');
  });
});
