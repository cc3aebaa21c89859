// Trusting a relay's certificate by its SHA-256 fingerprint (issue #31 item 7), keyboard only where a
// user acts: a relay on 127.0.0.1 with a self-signed certificate of its own (not in the test CA),
// whose certificate the fixtures can change (/relay/change). The SMTP Credentials row runs Check Login
// on Enter and opens its menu on Shift+F10. The test host refuses modal dialogs and quotes their
// question, which names the fingerprint; the pin itself is set through the argument object under
// the user's opt-in, as the dialog's button would.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { deriveSmtpPassword } from '../../src/base/password';
import type { CredentialSet } from '../../src/base/credentialSets';
import { allowUnattendedEffects, getJson, hasBrowser, inWebview, inWorkbench, screenshot } from './support';

const env = process.env;
const REGION = env.SES_E2E_SMTP_REGION ?? 'eu-west-1';
const RELAY = '0 relay by fingerprint';
/** The row the keyboard is on, in the list that has the focus (each list keeps its own focused row). */
const FOCUSED = '.part.sidebar .monaco-list:focus .monaco-list-row.focused';
const TOAST = '.notifications-center .notification-list-item';

const run = <T>(id: string, args?: unknown): Promise<T> =>
  vscode.commands.executeCommand(`sesSmtpToolkit.${id}`, args) as Promise<T>;

/** Gives the view's list the keyboard focus (the view may still be opening: asked again until it has it). */
async function focusView(command: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await vscode.commands.executeCommand(command);
    await new Promise((r) => setTimeout(r, 300));
    const [lists] = (await inWorkbench({ count: '.part.sidebar .monaco-list:focus' })) as number[];
    if (lists > 0) return;
  }
  assert.fail(`${command} did not give a list the focus`);
}

/** Focuses the relay's row in the SMTP Credentials view by keyboard (Home, then down until it is focused). */
async function focusRelayRow(): Promise<void> {
  await focusView('sesSmtpToolkit.credentials.focus');
  await inWorkbench({ press: 'Home' });
  for (let i = 0; i < 30; i++) {
    const [on] = (await inWorkbench({ count: `${FOCUSED}[aria-label^="${RELAY}"]` })) as number[];
    if (on > 0) return;
    await inWorkbench({ press: 'ArrowDown' });
  }
  assert.fail(`the row "${RELAY}" could not be focused by keyboard`);
}

/** Opens the focused row's menu (Shift+F10) and runs the item with this label by arrows and Enter. */
async function runMenuItem(label: string): Promise<void> {
  await inWorkbench({ press: 'Shift+F10' });
  await inWorkbench({ waitText: { selector: '.monaco-menu', text: label, timeoutMs: 15_000 } });
  for (let i = 0; i < 20; i++) {
    await inWorkbench({ press: 'ArrowDown' });
    const [focused] = (await inWorkbench({ text: '.monaco-menu .action-item.focused .action-label' })) as string[];
    if (focused.trim() === label) {
      await screenshot('relay-trust-menu');
      await inWorkbench({ press: 'Enter' });
      return;
    }
  }
  assert.fail(`"${label}" is not in the row's menu`);
}

async function toastWith(text: string): Promise<string> {
  await vscode.commands.executeCommand('notifications.showList');
  const [shown] = (await inWorkbench({ waitText: { selector: TOAST, text, timeoutMs: 30_000 } })) as string[];
  return shown;
}

describe('Trust a relay certificate by its fingerprint (issue #31 item 7)', function () {
  this.timeout(180_000);
  let fingerprints: string[];
  let set: CredentialSet;

  before(async function () {
    if (!env.SES_E2E_RELAY_PORT || !env.SES_E2E_FIXTURES_URL) throw new Error('the relay fixture is not running');
    fingerprints = await getJson<string[]>(`${env.SES_E2E_FIXTURES_URL}/relay/fingerprints`);
    await allowUnattendedEffects(true);
    await run('credentials.delete', { credentialSet: RELAY, confirm: false }).catch(() => undefined);
    set = await run<CredentialSet>('credentials.add', {
      name: RELAY,
      region: REGION,
      host: '127.0.0.1',
      port: Number(env.SES_E2E_RELAY_PORT),
      tls: 'starttls',
      username: env.SES_E2E_ACCESS_KEY,
      password: deriveSmtpPassword(env.SES_E2E_SECRET ?? '', REGION),
      from: 'sender@example.com',
    });
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  after(async () => {
    await allowUnattendedEffects(true);
    await run('credentials.delete', { credentialSet: RELAY, confirm: false }).catch(() => undefined);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('notifications.hideList');
  });

  it('not trusted yet: Check Login (Enter on the row) is refused and the toast offers Trust Certificate…', async function () {
    if (!hasBrowser()) this.skip();
    await focusRelayRow();
    await inWorkbench({ press: 'Enter' });
    const toast = await toastWith('certificate was not trusted');
    assert.match(toast, /Trust Certificate…/);
    await screenshot('relay-trust-untrusted-toast');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('Trust TLS Certificate from the row menu shows the SHA-256 fingerprint the relay presents', async function () {
    if (!hasBrowser()) this.skip();
    await focusRelayRow();
    await runMenuItem('Trust TLS Certificate of SMTP Relay…');
    // The trust dialog's question (quoted by the test host, which shows no modal) names the fingerprint.
    const toast = await toastWith(fingerprints[0]);
    assert.match(toast, /Trust the certificate of 127\.0\.0\.1:\d+ with SHA-256 fingerprint/);
    assert.ok(toast.includes(`for "${RELAY}"`));
    await screenshot('relay-trust-dialog-fingerprint');
    await vscode.commands.executeCommand('notifications.clearAll');
    // Nothing was pinned by a dialog that was not answered.
    const now = await run<CredentialSet>('credentials.trustCertificate', { credentialSet: set.id, allow: false });
    assert.equal(now.certificateSha256, undefined);
  });

  it('a send from the Send Test Email form that meets the certificate offers Trust Certificate… in its toast', async function () {
    if (!hasBrowser()) this.skip();
    await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail');
    await inWebview(
      { waitText: { selector: '#set option', text: RELAY } },
      { select: { selector: '#set', value: set.id } },
      { fill: { selector: '#from', value: 'sender@example.com' } },
      { click: 'button.chip:text-is("success")' },
      { click: '#send' },
    );
    const toast = await toastWith(`Sending with "${RELAY}" failed`);
    assert.match(toast, /self-signed certificate/);
    assert.match(toast, /Trust Certificate…/);
    await screenshot('relay-trust-send-form-toast');
    // Its button opens the trust dialog, whose question names the fingerprint.
    await inWorkbench({ click: `${TOAST} .monaco-button:has-text("Trust Certificate…")` });
    await toastWith(`with SHA-256 fingerprint ${fingerprints[0]}`);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('trusted by that fingerprint: the row shows the pin and a test mail goes through the relay', async function () {
    const pinned = await run<CredentialSet>('credentials.trustCertificate', {
      credentialSet: set.id,
      allow: true,
      confirm: false,
    });
    assert.equal(pinned.certificateSha256, fingerprints[0]);
    const report = await run<{ ok: boolean; messageId?: string }>('sendTestEmail', {
      credentialSet: set.id,
      to: 'success@simulator.amazonses.com',
      from: 'sender@example.com',
    });
    assert.equal(report.ok, true, JSON.stringify(report).slice(0, 400));
    const received = await getJson<Array<{ messageId?: string }>>(`${env.SES_E2E_FIXTURES_URL}/relay/received`);
    assert.ok(
      received.some((m) => m.messageId === report.messageId),
      'the relay received the mail',
    );
    if (hasBrowser()) {
      await focusRelayRow();
      const [row] = (await inWorkbench({ text: FOCUSED })) as string[];
      assert.match(row, /cert pinned/);
      await screenshot('relay-trust-pinned-row');
    }
  });

  it('a burst does not use the pin: refused once, before any message, saying why', async () => {
    const before = (await getJson<unknown[]>(`${env.SES_E2E_FIXTURES_URL}/relay/received`)).length;
    await assert.rejects(
      run('sendTestBurst', { credentialSet: set.id, to: 'success@simulator.amazonses.com', count: 2 }),
      /Send Test Email Burst verifies certificates as usual and does not use the certificate pinned for "0 relay by fingerprint".*DEPTH_ZERO_SELF_SIGNED_CERT/,
    );
    assert.equal((await getJson<unknown[]>(`${env.SES_E2E_FIXTURES_URL}/relay/received`)).length, before);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('a changed certificate is refused with both fingerprints and Trust the New Certificate…', async function () {
    await getJson(`${env.SES_E2E_FIXTURES_URL}/relay/change`);
    const before = (await getJson<unknown[]>(`${env.SES_E2E_FIXTURES_URL}/relay/received`)).length;
    const report = await run<{ ok: boolean; outcome?: { result?: { failure?: { message: string } } } }>(
      'sendTestEmail',
      { credentialSet: set.id, to: 'success@simulator.amazonses.com', from: 'sender@example.com' },
    );
    assert.equal(report.ok, false);
    const text = JSON.stringify(report);
    assert.ok(text.includes(`Pinned SHA-256 ${fingerprints[0]}`), 'names the pinned fingerprint');
    assert.ok(text.includes(`presented SHA-256 ${fingerprints[1]}`), 'names the presented fingerprint');
    assert.equal((await getJson<unknown[]>(`${env.SES_E2E_FIXTURES_URL}/relay/received`)).length, before);
    if (!hasBrowser()) return;
    await vscode.commands.executeCommand('notifications.clearAll');
    await focusRelayRow();
    await inWorkbench({ press: 'Enter' });
    const toast = await toastWith(fingerprints[1]);
    assert.ok(toast.includes(`pinned SHA-256 ${fingerprints[0]}`), toast);
    assert.match(toast, /Trust the New Certificate…/);
    await screenshot('relay-trust-changed-toast');
    // The toast's button opens the trust dialog for the new certificate (its question names it).
    await inWorkbench({ click: `${TOAST} .monaco-button:has-text("Trust the New Certificate…")` });
    await toastWith(`with SHA-256 fingerprint ${fingerprints[1]}`);
    await screenshot('relay-trust-new-certificate-dialog');
  });
});
