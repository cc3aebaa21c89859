// The SMTP Credentials view and its flows as a newcomer meets them: rows that fit a side bar with the
// details in the tooltip, a short context menu, numbered steps with Back, checks as the user types,
// and notifications that offer the next action. Runs after credentials.e2e.test.ts, with its own sets
// ("0 …" sorts them first in the view), removed at the end.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { deriveSmtpPassword } from '../../src/base/password';
import type { CredentialSet } from '../../src/base/credentialSets';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { hasBrowser, inWorkbench, screenshot, typingSecret, waitUntil } from './support';

const env = process.env;
const REGION = env.SES_E2E_SMTP_REGION ?? 'eu-west-1';
const GOOD = deriveSmtpPassword(env.SES_E2E_SECRET ?? '', REGION);
const WRONG_REGION = deriveSmtpPassword(env.SES_E2E_SECRET ?? '', 'us-west-2');
const OK_SET = '0 e2e ui';
const WRONG_SET = '0 e2e ui wrong region';
const CUSTOM_SET = '0 e2e ui custom host';
/** The AWS API peer's root key, as rotation.e2e.test.ts: a fresh key made through the learning proxy. */
const ROOT_KEY = { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: 'peerRootSecretKeyExample000000000000000' };
const SIDEBAR_ROW = (name: string): string => `.part.sidebar .monaco-list-row[aria-label^="${name}"]`;
const FOCUSED = '.quick-input-widget .monaco-list-row.focused';
const MESSAGE = '.quick-input-widget .quick-input-message';

const ROW = (name: string): string => `.pane-body .monaco-list-row[aria-label^="${name}"]`;
const HOVER = '.workbench-hover, .monaco-hover';
const QUICK = '.quick-input-widget';
const TITLE = `${QUICK} .quick-input-title`;
const INPUT = `${QUICK} .quick-input-box input`;
const BACK = `${QUICK} .quick-input-titlebar .codicon-quick-input-back`;
// The headless page has no window focus: notifications wait in the notification center.
const TOAST = '.notifications-center .notification-list-item';

/** The saved set of that name as it is now (renaming it to its own name returns it, unchanged). */
async function setNamed(name: string): Promise<CredentialSet | undefined> {
  return (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.rename', {
    credentialSet: name,
    newName: name,
  })) as CredentialSet | undefined;
}

/** Focuses the first row (OK_SET) of the SMTP Credentials view by keyboard: a click would run Check Login. */
async function focusFirstRow(): Promise<void> {
  await vscode.commands.executeCommand('sesSmtpToolkit.credentials.focus');
  await inWorkbench({ press: 'Home' });
}

/** Focuses the last item of the open quick pick (Up from the first wraps to it), once its rows are drawn. */
async function focusLast(text: string): Promise<void> {
  await waitUntil(
    async () => ((await inWorkbench({ count: `${FOCUSED}:visible` })) as number[])[0] > 0,
    'a focused row in the quick pick',
    15_000,
  );
  // Typing goes to the quick pick's box, not to a webview that had the focus before.
  await inWorkbench({ fill: { selector: INPUT, value: '' } });
  for (let attempt = 1; ; attempt++) {
    await inWorkbench({ press: 'ArrowUp' });
    try {
      await inWorkbench({ waitText: { selector: FOCUSED, text, timeoutMs: 3_000 } });
      return;
    } catch (err) {
      if (attempt === 3) throw err; // a busy host may drop a key press
    }
  }
}

/** Enter in the open quick input, focused first (a webview or notification may hold the keyboard). */
async function enter(): Promise<void> {
  await inWorkbench({ click: INPUT }, { press: 'Enter' });
}

/** Waits for the quick pick's placeholder (an attribute, not text) to hold `text`. */
async function placeholder(text: string): Promise<void> {
  await waitUntil(
    async () => ((await inWorkbench({ count: `${INPUT}[placeholder*="${text}"]:visible` })) as number[])[0] > 0,
    `the placeholder "${text}"`,
    15_000,
  );
}

/** Waits for the quick input's title to read `text` ("Add SMTP Credentials (2/6)"). */
async function step(text: string): Promise<void> {
  await inWorkbench({ waitText: { selector: TITLE, text, timeoutMs: 15_000 } });
}

describe('SMTP credentials view and flows (UI)', function () {
  const added: CredentialSet[] = [];

  before(async function () {
    if (!env.SES_E2E_SMTP_PORT) throw new Error('the SES-like SMTP server fixture is not running');
    const common = {
      region: REGION,
      host: env.SES_E2E_SMTP_HOST,
      port: Number(env.SES_E2E_SMTP_PORT),
      tls: 'starttls',
      username: env.SES_E2E_ACCESS_KEY,
    };
    for (const [name, password] of [
      [OK_SET, GOOD],
      [WRONG_SET, WRONG_REGION],
    ]) {
      added.push(
        (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
          ...common,
          name,
          password,
        })) as CredentialSet,
      );
    }
    const outcome = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.check', {
      credentialSet: OK_SET,
      notify: false,
    })) as { ok: boolean };
    assert.equal(outcome.ok, true);
    await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
  });

  after(async () => {
    for (const set of added)
      await vscode.commands.executeCommand('sesSmtpToolkit.credentials.delete', {
        credentialSet: set.id,
        confirm: false,
      });
  });

  it('a row shows name and region; its tooltip (Ctrl+K Ctrl+I) key id, host, port, icon legend', async function () {
    if (!hasBrowser()) this.skip();
    const [description] = (await inWorkbench({
      waitText: { selector: `${ROW(OK_SET)} .label-description`, text: REGION },
    })) as string[];
    assert.equal(description.trim(), REGION, 'the region only: no key id, host or port on the row');
    await screenshot('credentials-view-rows');
    // The keyboard way to a tree item's hover; a busy host can drop the chord, so it is tried again.
    let hover = '';
    for (let attempt = 1; !hover; attempt++) {
      await focusFirstRow();
      await inWorkbench({ press: 'Control+K' }, { press: 'Control+I' });
      try {
        // The last check (from the before hook) is in the tooltip once the row has been redrawn.
        [hover] = (await inWorkbench({
          waitText: { selector: HOVER, text: 'Last check', timeoutMs: 10_000 },
        })) as string[];
      } catch (err) {
        if (attempt === 3) throw err;
        await inWorkbench({ press: 'Escape' });
      }
    }
    assert.ok(hover.includes(OK_SET), hover);
    assert.match(hover, new RegExp(`Key id\\s*${env.SES_E2E_ACCESS_KEY}`));
    assert.match(hover, new RegExp(`Host\\s*${(env.SES_E2E_SMTP_HOST ?? '').replace(/\./g, '\\.')}`));
    assert.match(hover, new RegExp(`Port\\s*${env.SES_E2E_SMTP_PORT} \\(STARTTLS\\)`));
    assert.match(hover, /Last check .*: OK in \d+ ms/);
    assert.match(
      hover,
      /Icons: +not checked yet · +last login check passed · +last login check failed · "cert pinned": only its pinned certificate is trusted beyond those that verify · ⚠ certificate to trust again by fingerprint/,
    );
    await screenshot('credentials-view-tooltip');
    await inWorkbench({ press: 'Escape' });
  });

  it('the context menu of a row (Shift+F10) is short and grouped: check, copy, edit, keys, then Delete', async function () {
    if (!hasBrowser()) this.skip();
    // Selected by a click (which also runs Check Login, the row's command), as a user would.
    await inWorkbench({ click: ROW(OK_SET) }, { press: 'Shift+F10' });

    await inWorkbench({
      waitText: { selector: '.monaco-menu', text: 'Delete SMTP Credential Set', timeoutMs: 15_000 },
    });
    const [html] = (await inWorkbench({ html: '.monaco-menu' })) as string[];
    const items = [...html.matchAll(/class="action-label[^"]*"[^>]*>([^<]+)</g)]
      .map((m) => m[1].trim())
      .filter(Boolean);
    // Item context menus show the commands' titles (VS Code renders shortTitle in title bars, not here).
    assert.deepEqual(items, [
      'Check Login of Saved SMTP Credentials',
      'Run SMTP Doctor',
      'Send Test Email Burst (Check the Maximum Send Rate)',
      'Copy SMTP Username',
      'Copy SMTP Password',
      'Copy Sending Code for SMTP Credentials (nodemailer, Django, Rails, …)',
      'Export SMTP Credential Set to Secrets Manager',
      'Push SMTP Settings To…',
      'Edit SMTP Credential Set…',
      'Rename SMTP Credential Set',
      'Trust TLS Certificate of SMTP Relay…',
      'Rotate SMTP Credentials',
      'Delete Old Access Key of SMTP Credentials…',
      'Delete SMTP Credential Set',
    ]);
    await screenshot('credentials-context-menu');
    await inWorkbench({ press: 'Escape' });
  });

  it('Add SMTP Credentials: numbered steps, a refused username stays, Back keeps the answer', async function () {
    if (!hasBrowser()) this.skip();
    const flow = Promise.resolve(vscode.commands.executeCommand('sesSmtpToolkit.credentials.add'));
    await step('Add SMTP Credentials (1/6)');
    const [firstBack] = (await inWorkbench({ count: `${BACK}:visible` })) as number[];
    assert.equal(firstBack, 0, 'no Back on the first step');
    await inWorkbench({ fill: { selector: INPUT, value: 'eu-north-1' } }, { press: 'Enter' });
    await step('Add SMTP Credentials (2/6)');
    await inWorkbench({ press: 'Enter' });
    await step('Add SMTP Credentials (3/6)');
    await inWorkbench({ fill: { selector: INPUT, value: 'ASIAIOSFODNN7EXAMPLE' } });
    await inWorkbench({ waitText: { selector: QUICK, text: 'temporary access key' } }, { press: 'Enter' });
    await step('Add SMTP Credentials (3/6)');
    await screenshot('credentials-add-username-refused');
    await inWorkbench({ click: BACK });
    await step('Add SMTP Credentials (2/6)');
    await inWorkbench({ click: BACK });
    await step('Add SMTP Credentials (1/6)');
    const [active] = (await inWorkbench({ text: `${QUICK} .monaco-list-row.focused` })) as string[];
    assert.match(active, /eu-north-1/, 'the region picked before is the active item again');
    await inWorkbench({ press: 'Escape' });
    assert.equal(await flow, undefined, 'cancelled: nothing saved');
  });

  it('Generate and Save: five numbered steps; Back from the secret key keeps the key id typed', async function () {
    if (!hasBrowser()) this.skip();
    const flow = Promise.resolve(vscode.commands.executeCommand('sesSmtpToolkit.credentials.generate'));
    await step('Generate and Save SMTP Credentials (1/5)');
    await inWorkbench({ fill: { selector: INPUT, value: 'AKIAIOSFODNN7EXAMPLE' } }, { press: 'Enter' });
    await step('Generate and Save SMTP Credentials (2/5)');
    await inWorkbench({ click: BACK });
    await step('Generate and Save SMTP Credentials (1/5)');
    // Enter goes on at once: the key id is still there (an empty box is refused on Enter).
    await inWorkbench({ press: 'Enter' });
    await step('Generate and Save SMTP Credentials (2/5)');
    await inWorkbench({ press: 'Escape' });
    assert.equal(await flow, undefined, 'cancelled: nothing saved');
  });

  it('the default From step refuses sender@example as it is typed', async function () {
    if (!hasBrowser()) this.skip();
    const flow = Promise.resolve(vscode.commands.executeCommand('sesSmtpToolkit.credentials.add'));
    await step('(1/6)');
    await inWorkbench({ fill: { selector: INPUT, value: 'eu-north-1' } }, { press: 'Enter' });
    await step('(2/6)');
    await inWorkbench({ press: 'Enter' });
    await step('(3/6)');
    await inWorkbench({ fill: { selector: INPUT, value: 'AKIAIOSFODNN7EXAMPLE' } }, { press: 'Enter' });
    await step('(4/6)');
    // A password made up for this test only, not the fixture's.
    const madeUp = deriveSmtpPassword('MadeUp/ForTheFromStep+0123456789abcdefgh', 'eu-north-1');
    await inWorkbench({ fill: { selector: INPUT, value: madeUp } }, { press: 'Enter' });
    await step('(5/6)');
    await inWorkbench({ press: 'Enter' });
    await step('(6/6)');
    await inWorkbench({ fill: { selector: INPUT, value: 'sender@example' } });
    const [message] = (await inWorkbench({
      waitText: { selector: QUICK, text: 'is not an email address' },
    })) as string[];
    assert.match(
      message,
      /The default From "sender@example" is not an email address: its domain "example" is not valid/,
    );
    await inWorkbench({ press: 'Enter' });
    await step('(6/6)');
    await screenshot('credentials-add-from-refused');
    await inWorkbench({ press: 'Escape' });
    assert.equal(await flow, undefined, 'cancelled: nothing saved');
  });

  it('Check Login notifications offer the next action (Send Test Email, Show Log, Diagnose)', async function () {
    if (!hasBrowser()) this.skip();
    await inWorkbench({ press: 'Escape' });
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('sesSmtpToolkit.credentials.check', { credentialSet: OK_SET });
    await vscode.commands.executeCommand('notifications.showList');
    const [ok] = (await inWorkbench({
      waitText: { selector: TOAST, text: 'SMTP login OK', timeoutMs: 15_000 },
    })) as string[];
    assert.match(ok, /Send Test Email/);
    assert.match(ok, /Show Log/);
    await inWorkbench({ click: `${TOAST}:has-text("SMTP login OK") .monaco-button:has-text("Show Log")` });
    // The output panel scrolls to the end of the log: the check's transcript.
    await inWorkbench({
      waitText: { selector: '.part.panel', text: '235 Authentication successful', timeoutMs: 15_000 },
    });
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('sesSmtpToolkit.credentials.check', { credentialSet: WRONG_SET });
    await vscode.commands.executeCommand('notifications.showList');
    const [failed] = (await inWorkbench({ waitText: { selector: TOAST, text: '535', timeoutMs: 15_000 } })) as string[];
    assert.match(failed, /Show Log/);
    assert.match(failed, /Diagnose/);
    await screenshot('credentials-check-failed-notification');
    // Diagnose opens a modal with every cause and its fix (its text: test/unit/features/credentials/logic/credentialRow.test.ts);
    // the test host refuses modal dialogs, so it is not clicked here.
    await inWorkbench({ press: 'Escape' });
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('notifications.hideList');
  });

  describe('custom host, IAM secret and Edit SMTP Credential Set (#31)', function () {
    this.timeout(180_000);
    let key: { id: string; secret: string };
    let custom: CredentialSet | undefined;
    const port = (): number => Number(env.SES_E2E_SMTP_PORT);
    /** Check Login of the custom set until the SES-like server has learned the fresh key (2 s after IAM made it). */
    const loginOk = (): Promise<boolean> =>
      waitUntil(
        async () =>
          (
            (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.check', {
              credentialSet: CUSTOM_SET,
              notify: false,
            })) as { ok: boolean }
          ).ok,
        'the login of the custom-host set to pass',
        30_000,
      ).then(() => true);

    before(async function () {
      if (!env.SES_E2E_IAM_URL) throw new Error('the IAM learning proxy is not running');
      // Never the fixture's secret in the UI (secrets-sweep looks for it): a key of our own.
      const iam = new IAMClient({ region: 'us-east-1', endpoint: env.SES_E2E_IAM_URL, credentials: ROOT_KEY });
      await iam.send(new CreateUserCommand({ UserName: 'e2e-ui-custom-host' }));
      const made = (await iam.send(new CreateAccessKeyCommand({ UserName: 'e2e-ui-custom-host' }))).AccessKey!;
      key = { id: made.AccessKeyId!, secret: typingSecret(made.SecretAccessKey!) };
      // A webview left open by an earlier suite (Send Test Email) can hold the keyboard focus.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    after(async () => {
      if (custom)
        await vscode.commands.executeCommand('sesSmtpToolkit.credentials.delete', {
          credentialSet: custom.id,
          confirm: false,
        });
    });

    it('Add: host 127.0.0.1:<port> and an IAM secret as password: the region is asked, the password derived, Back keeps the answers', async function () {
      if (!hasBrowser()) this.skip();
      const flow = Promise.resolve(vscode.commands.executeCommand('sesSmtpToolkit.credentials.add'));
      await step('Add SMTP Credentials (1/6)');
      // "Enter a host name…" is the last item: Up from the first wraps to it.
      await focusLast('Enter a host name');
      await enter();
      await inWorkbench({ waitText: { selector: QUICK, text: 'optionally with :port' } });
      await inWorkbench({ fill: { selector: INPUT, value: `127.0.0.1:${port()}` } });
      await screenshot('credentials-add-host-port');
      await enter();
      await step('Add SMTP Credentials (2/6)');
      // The port typed with the host is the first, active item; then its TLS mode.
      const [activePort] = (await inWorkbench({ waitText: { selector: FOCUSED, text: String(port()) } })) as string[];
      assert.match(activePort, /the port given with the host/);
      await enter();
      await inWorkbench({ waitText: { selector: FOCUSED, text: 'STARTTLS' } });
      await enter();
      await step('Add SMTP Credentials (3/6)');
      await inWorkbench({ fill: { selector: INPUT, value: key.id } });
      await enter();
      await step('Add SMTP Credentials (4/6)');
      await inWorkbench({ fill: { selector: INPUT, value: key.secret } });
      const [hint] = (await inWorkbench({
        waitText: { selector: MESSAGE, text: 'Press Enter to choose its region and derive the SMTP password' },
      })) as string[];
      assert.match(hint, /This is an IAM secret access key, not an SMTP password\./);
      await screenshot('credentials-add-iam-secret-hint');
      await enter();
      // The region, in the same step (the host names none).
      await placeholder('Region of the SES account');
      await step('Add SMTP Credentials (4/6)');
      await screenshot('credentials-add-region-for-derive');
      // Back: the password box again, the secret still in it (the same hint shows).
      await inWorkbench({ click: BACK });
      await inWorkbench({
        waitText: { selector: MESSAGE, text: 'Press Enter to choose its region and derive the SMTP password' },
      });
      const [kept] = (await inWorkbench({ value: INPUT })) as string[];
      assert.equal(kept, key.secret, 'the typed secret is kept after Back');
      await enter();
      await placeholder('Region of the SES account');
      await inWorkbench({ fill: { selector: INPUT, value: REGION } });
      await inWorkbench({ waitText: { selector: FOCUSED, text: REGION } });
      await enter();
      await step('Add SMTP Credentials (5/6)');
      // The suggested name is selected: a key typed replaces it instead of joining it (#31 item 2).
      const [suggested] = (await inWorkbench({ value: INPUT })) as string[];
      assert.ok(suggested.length > 1, 'a name is suggested');
      await inWorkbench({ press: 'Z' });
      const [typed] = (await inWorkbench({ value: INPUT })) as string[];
      assert.equal(typed, 'Z', `typing replaced the suggestion "${suggested}"`);
      await inWorkbench({ fill: { selector: INPUT, value: CUSTOM_SET } });
      await enter();
      await step('Add SMTP Credentials (6/6)');
      await enter();
      custom = (await flow) as CredentialSet;
      assert.ok(custom, 'saved');
      assert.deepEqual(
        [custom.name, custom.host, custom.port, custom.tls, custom.region, custom.username],
        [CUSTOM_SET, '127.0.0.1', port(), 'starttls', REGION, key.id],
      );
      // The password saved is the one derived for REGION: the SES-like server takes it.
      assert.equal(await loginOk(), true);
    });

    it('Edit from the row menu: the port and From change, the password stays', async function () {
      if (!hasBrowser() || !custom) this.skip();
      // By keyboard (a click would run Check Login, whose progress can close the menu): the second row.
      await focusFirstRow();
      await inWorkbench({ press: 'ArrowDown' });
      await waitUntil(
        async () => ((await inWorkbench({ count: `${SIDEBAR_ROW(CUSTOM_SET)}.focused` })) as number[])[0] === 1,
        'the custom-host row to be focused',
        15_000,
      );
      await inWorkbench({ press: 'Shift+F10' });
      await inWorkbench({
        waitText: { selector: '.monaco-menu', text: 'Edit SMTP Credential Set', timeoutMs: 15_000 },
      });
      await screenshot('credentials-edit-menu');
      await inWorkbench({ click: '.monaco-menu .action-label:has-text("Edit SMTP Credential Set")' });
      const title = `Edit "${CUSTOM_SET}"`;
      await step(`${title} (1/3)`);
      // Every step starts at the saved value: the host item, then the host, then its region.
      await inWorkbench({ waitText: { selector: FOCUSED, text: 'Enter a host name' } });
      await enter();
      await inWorkbench({ waitText: { selector: QUICK, text: 'optionally with :port' } });
      const [host] = (await inWorkbench({ value: INPUT })) as string[];
      assert.equal(host, '127.0.0.1');
      await enter();
      await placeholder('SES region behind this host');
      // Back from the host's region: the endpoint list again, the host kept.
      await inWorkbench({ click: BACK });
      await inWorkbench({ waitText: { selector: FOCUSED, text: 'Enter a host name' } });
      await enter();
      await inWorkbench({ waitText: { selector: MESSAGE, text: 'optionally with :port' } });
      const [hostAgain] = (await inWorkbench({ value: INPUT })) as string[];
      assert.equal(hostAgain, '127.0.0.1');
      await enter();
      await placeholder('SES region behind this host');
      await inWorkbench({ waitText: { selector: FOCUSED, text: REGION } });
      await enter();
      await step(`${title} (2/3)`);
      // Other port… is the last item.
      await focusLast('Other port');
      await enter();
      await inWorkbench({ waitText: { selector: MESSAGE, text: 'Port of 127.0.0.1 (1 to 65535)' } });
      await inWorkbench({ fill: { selector: INPUT, value: '65536' } });
      await inWorkbench({ waitText: { selector: MESSAGE, text: 'Port 65536 is out of range' } });
      await inWorkbench({ fill: { selector: INPUT, value: '2526' } });
      await screenshot('credentials-edit-other-port');
      await enter();
      await inWorkbench({ waitText: { selector: FOCUSED, text: 'STARTTLS' } });
      await enter();
      await step(`${title} (3/3)`);
      await inWorkbench({ fill: { selector: INPUT, value: 'edited@example.com' } });
      await enter();
      const edited = await waitUntil(async () => {
        const set = await setNamed(CUSTOM_SET);
        return set?.port === 2526 ? set : undefined;
      }, 'the edit to be saved');
      assert.deepEqual(
        [edited.id, edited.host, edited.port, edited.from],
        [custom!.id, '127.0.0.1', 2526, 'edited@example.com'],
      );
      // The password was kept: back on the server's port (an argument object), the login passes.
      const back = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.editSet', {
        credentialSet: CUSTOM_SET,
        port: port(),
      })) as CredentialSet;
      assert.deepEqual([back.port, back.tls, back.from], [port(), 'starttls', 'edited@example.com']);
      assert.equal(await loginOk(), true);
    });

    it('Edit with an argument object: port and From; a new region needs the secret key, which derives the password again', async function () {
      if (!custom) this.skip();
      const edited = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.editSet', {
        credentialSet: CUSTOM_SET,
        port: 2587,
        from: 'a@b.com',
      })) as CredentialSet;
      assert.deepEqual([edited.port, edited.tls, edited.from, edited.host], [2587, 'starttls', 'a@b.com', '127.0.0.1']);
      await assert.rejects(
        Promise.resolve(
          vscode.commands.executeCommand('sesSmtpToolkit.credentials.editSet', {
            credentialSet: CUSTOM_SET,
            colour: 'red',
          }),
        ),
        /colour/,
      );
      await assert.rejects(
        Promise.resolve(
          vscode.commands.executeCommand('sesSmtpToolkit.credentials.editSet', {
            credentialSet: CUSTOM_SET,
            port: port(),
            region: 'us-west-2',
          }),
        ),
        /SES SMTP passwords work in one region: the password of "0 e2e ui custom host" was made for .* and is refused in us-west-2\. .* Give "secretAccessKey"/,
      );
      assert.equal((await setNamed(CUSTOM_SET))?.port, 2587, 'refused: nothing changed');
      const moved = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.editSet', {
        credentialSet: CUSTOM_SET,
        port: port(),
        region: 'us-west-2',
        secretAccessKey: key.secret,
      })) as CredentialSet;
      assert.equal(moved.region, 'us-west-2');
      const wrong = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.check', {
        credentialSet: CUSTOM_SET,
        notify: false,
      })) as { ok: boolean };
      assert.equal(wrong.ok, false, `the server is ${REGION}'s: a password derived for us-west-2 is refused`);
      await vscode.commands.executeCommand('sesSmtpToolkit.credentials.editSet', {
        credentialSet: CUSTOM_SET,
        region: REGION,
        secretAccessKey: key.secret,
      });
      assert.equal(await loginOk(), true, `derived again for ${REGION}: accepted`);
    });

    it('Edit: a new region without the secret key is refused inside the flow, every answer kept (Back works)', async function () {
      if (!hasBrowser() || !custom) this.skip();
      const flow = Promise.resolve(vscode.commands.executeCommand('sesSmtpToolkit.credentials.editSet'));
      // From the palette: the set is picked first.
      await placeholder('Credential set');
      await inWorkbench({ fill: { selector: INPUT, value: CUSTOM_SET } });
      await inWorkbench({ waitText: { selector: FOCUSED, text: CUSTOM_SET } });
      await enter();
      const title = `Edit "${CUSTOM_SET}"`;
      await step(`${title} (1/3)`);
      await enter();
      await inWorkbench({ waitText: { selector: QUICK, text: 'optionally with :port' } });
      await enter();
      await placeholder('SES region behind this host');
      await inWorkbench({ fill: { selector: INPUT, value: 'us-west-2' } });
      await inWorkbench({ waitText: { selector: FOCUSED, text: 'us-west-2' } });
      await enter();
      await step(`${title} (2/3)`);
      await enter();
      await inWorkbench({ waitText: { selector: FOCUSED, text: 'STARTTLS' } });
      await enter();
      await step(`${title} (3/3)`);
      await enter();
      // The password was made for REGION: the key is asked to derive it again.
      await inWorkbench({
        waitText: { selector: TITLE, text: 'Derive the SMTP password for us-west-2', timeoutMs: 15_000 },
      });
      await inWorkbench({ waitText: { selector: QUICK, text: 'SES SMTP passwords work in one region' } });
      await screenshot('credentials-edit-region-needs-secret');
      await inWorkbench({ click: INPUT }, { press: 'Escape' });
      // Not given: the last step again with the reason; the answers are kept.
      await step(`${title} (3/3)`);
      const [why] = (await inWorkbench({
        waitText: { selector: MESSAGE, text: 'Enter the secret key, or go Back and keep', timeoutMs: 15_000 },
      })) as string[];
      assert.match(why, new RegExp(`was made for ${REGION} and is refused in us-west-2`));
      const [from] = (await inWorkbench({ value: INPUT })) as string[];
      assert.equal(from, 'a@b.com', 'the From answer is kept');
      await screenshot('credentials-edit-error-keeps-answers');
      await inWorkbench({ click: BACK });
      await step(`${title} (2/3)`);
      await inWorkbench({ click: BACK });
      await step(`${title} (1/3)`);
      await inWorkbench({ click: INPUT }, { press: 'Escape' });
      assert.equal(await flow, undefined, 'cancelled');
      const unchanged = await setNamed(CUSTOM_SET);
      assert.equal(unchanged?.region, REGION, 'nothing saved');
      assert.equal(await loginOk(), true, 'the password is untouched');
    });
  });
});
