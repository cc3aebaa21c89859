// Push SMTP Settings To… from the SMTP Credentials view (issue #28), keyboard only: the row's menu
// (Shift+F10), the target, the repository, the preview with Push as its active row, against the
// stub gh the fixtures put first on the host's PATH (test/support/stubClis.ts). The stub records
// argv, stdin and environment of every call: the test reads those records to see each key arrive
// with its value and the password in no argument. Logged out, nothing is sent and the toast says how
// to log in.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deriveSmtpPassword } from '../../src/base/password';
import type { CredentialSet } from '../../src/base/credentialSets';
import {
  addFixtureSet,
  allowUnattendedEffects,
  assertGitIgnored,
  hasBrowser,
  inWorkbench,
  screenshot,
  waitUntil,
} from './support';

const env = process.env;
const REGION = env.SES_E2E_SMTP_REGION ?? 'eu-west-1';
const SET = '0 deploy to gh';
const PASSWORD = deriveSmtpPassword(env.SES_E2E_SECRET ?? '', REGION);
/**
 * The password of the .env the CodeLens test opens in an editor: not the fixture's (the leak sweep
 * looks for that one in all text shown); Compose takes it without a login.
 */
const LENS_PASSWORD = deriveSmtpPassword('lensTestSecretKeyExample/0000+0000000000000', REGION);
const FOCUSED = '.part.sidebar .monaco-list:focus .monaco-list-row.focused';
const TOAST = '.notifications-center .notification-list-item';
const QUICK = '.quick-input-widget';
const TITLE = `${QUICK} .quick-input-title`;
const INPUT = `${QUICK} .quick-input-box input`;

interface StubState {
  loggedOut: string[];
  store: Record<string, Record<string, string>>;
  herokuToken: string;
}
const stubDir = (): string => {
  assert.ok(env.SES_E2E_STUB_CLIS, 'the fixtures put the stub CLIs on PATH');
  return env.SES_E2E_STUB_CLIS;
};
const readState = (): StubState => JSON.parse(readFileSync(path.join(stubDir(), 'state.json'), 'utf8')) as StubState;
const writeState = (change: Partial<StubState>): void =>
  writeFileSync(path.join(stubDir(), 'state.json'), JSON.stringify({ ...readState(), ...change }));
const calls = (): Array<{ cli: string; argv: string[]; stdin: string; env: Record<string, string> }> =>
  readFileSync(path.join(stubDir(), 'calls.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { cli: string; argv: string[]; stdin: string; env: Record<string, string> });

const run = <T>(id: string, args?: unknown): Promise<T> =>
  vscode.commands.executeCommand(`sesSmtpToolkit.${id}`, args) as Promise<T>;

async function focusRow(): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await vscode.commands.executeCommand('sesSmtpToolkit.credentials.focus');
    await new Promise((r) => setTimeout(r, 300));
    const [lists] = (await inWorkbench({ count: '.part.sidebar .monaco-list:focus' })) as number[];
    if (lists > 0) break;
  }
  await inWorkbench({ press: 'Home' });
  for (let i = 0; i < 30; i++) {
    const [on] = (await inWorkbench({ count: `${FOCUSED}[aria-label^="${SET}"]` })) as number[];
    if (on > 0) return;
    await inWorkbench({ press: 'ArrowDown' });
  }
  assert.fail(`the row "${SET}" could not be focused by keyboard`);
}

async function runMenuItem(label: string): Promise<void> {
  await inWorkbench({ press: 'Shift+F10' });
  await inWorkbench({ waitText: { selector: '.monaco-menu', text: label, timeoutMs: 15_000 } });
  for (let i = 0; i < 30; i++) {
    await inWorkbench({ press: 'ArrowDown' });
    const [focused] = (await inWorkbench({ text: '.monaco-menu .action-item.focused .action-label' })) as string[];
    if (focused.trim() === label) {
      await inWorkbench({ press: 'Enter' });
      return;
    }
  }
  assert.fail(`"${label}" is not in the row's menu`);
}

/** Waits for the quick input to show `expect`, types `value` and presses Enter. */
async function answer(expect: string, value: string): Promise<void> {
  await inWorkbench({ waitText: { selector: QUICK, text: expect, timeoutMs: 15_000 } });
  await inWorkbench({ fill: { selector: INPUT, value } }, { press: 'Enter' });
}

/** Row menu → Push SMTP Settings To… → GitHub → (convention) → octo-org/app → repository secrets → the preview. */
async function pushFromRow(): Promise<string> {
  await focusRow();
  await runMenuItem('Push SMTP Settings To…');
  await answer('GitHub Actions secrets', 'GitHub Actions');
  // With no .env in the workspace the convention is asked next; with one, the repository.
  for (let i = 0; ; i++) {
    const [text] = (await inWorkbench({ text: QUICK })) as string[];
    if (text.includes('The GitHub repository (OWNER/REPO)')) break;
    if (text.includes('Generic (SMTP_HOST')) {
      await answer('Generic (SMTP_HOST', 'Generic');
      break;
    }
    if (i > 60) assert.fail(`neither the convention nor the repository was asked: "${text.slice(0, 200)}"`);
    await new Promise((r) => setTimeout(r, 250));
  }
  await answer('The GitHub repository (OWNER/REPO)', 'octo-org/app');
  await answer('An environment for environment secrets', '');
  await inWorkbench({ waitText: { selector: TITLE, text: 'GitHub Actions secrets?', timeoutMs: 15_000 } });
  await inWorkbench({ waitText: { selector: `${QUICK} .monaco-list`, text: 'SMTP_PASSWORD', timeoutMs: 15_000 } });
  const [shown] = (await inWorkbench({ text: `${QUICK} .monaco-list` })) as string[];
  await screenshot('deploy-push-preview');
  await inWorkbench({ press: 'Enter' });
  return shown;
}

async function toastWith(text: string): Promise<string> {
  await vscode.commands.executeCommand('notifications.showList');
  const [shown] = (await inWorkbench({ waitText: { selector: TOAST, text, timeoutMs: 30_000 } })) as string[];
  return shown;
}

describe('Push SMTP Settings To… GitHub from the SMTP Credentials view (issue #28)', function () {
  this.timeout(180_000);
  let set: CredentialSet;

  before(async () => {
    await allowUnattendedEffects(true);
    await run('credentials.delete', { credentialSet: SET, confirm: false }).catch(() => undefined);
    set = await addFixtureSet(SET, { from: 'noreply@example.com', region: REGION });
    writeState({ loggedOut: [], store: {} });
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  after(async () => {
    writeState({ loggedOut: [], store: {} });
    await run('credentials.delete', { credentialSet: SET, confirm: false }).catch(() => undefined);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('notifications.hideList');
  });

  it('gh logged out: the preview shows the password masked, nothing is sent, the toast says to log in', async function () {
    if (!hasBrowser()) this.skip();
    writeState({ loggedOut: ['gh'], store: {} });
    // Only this test's calls: the contracts suite drove the stubs before.
    const earlier = calls().length;
    const shown = await pushFromRow();
    assert.match(shown, /SMTP_PASSWORD/);
    assert.match(shown, /\*{8}/);
    assert.ok(!shown.includes(PASSWORD), 'the preview shows no password');
    assert.match(shown, /gh secret set SMTP_HOST --repo octo-org\/app/);
    const toast = await toastWith('not logged in');
    assert.match(toast, /gh auth login/);
    assert.match(toast, /Open Terminal/);
    await screenshot('deploy-push-logged-out');
    assert.deepEqual(readState().store, {}, 'nothing was pushed');
    const mine = calls().slice(earlier);
    assert.deepEqual(
      mine.map((c) => c.argv.join(' ')),
      ['auth status'],
      'the login check ran, and no gh secret command',
    );
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('gh logged in: each key set through stdin, listed by gh afterwards, no password in argv or env', async function () {
    if (!hasBrowser()) this.skip();
    writeState({ loggedOut: [], store: {} });
    const earlier = calls().length;
    await pushFromRow();
    const toast = await toastWith('The target lists');
    assert.match(toast, /SMTP_PASSWORD/);
    assert.match(toast, /Check Login/);
    await screenshot('deploy-push-done');
    await waitUntil(async () => readState().store['gh:octo-org/app']?.SMTP_FROM !== undefined, 'every key set', 15_000);
    const store = readState().store['gh:octo-org/app'];
    assert.equal(store.SMTP_PASSWORD, PASSWORD);
    assert.equal(store.SMTP_USER, set.username);
    assert.equal(store.SMTP_HOST, env.SES_E2E_SMTP_HOST);
    assert.equal(store.SMTP_PORT, env.SES_E2E_SMTP_PORT);
    assert.equal(store.SMTP_FROM, 'noreply@example.com');
    for (const call of calls()) {
      assert.ok(!JSON.stringify(call.argv).includes(PASSWORD), `${call.cli} ${call.argv.join(' ')}: password in argv`);
      assert.ok(!JSON.stringify(call.env).includes(PASSWORD), `${call.cli}: password in the environment`);
    }
    const passwordCalls = calls()
      .slice(earlier)
      .filter((c) => c.stdin === PASSWORD);
    assert.deepEqual(
      passwordCalls.map((c) => c.argv.slice(0, 3)),
      [['secret', 'set', 'SMTP_PASSWORD']],
    );
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('an argument object asks for consent unless the opt-in is on, and returns names only', async () => {
    await allowUnattendedEffects(false);
    try {
      await assert.rejects(
        run('deploy.push', { credentialSet: SET, target: 'github', repo: 'octo-org/consent' }),
        /refused to show dialog.*asks SES SMTP Toolkit to: Push the SMTP settings of "0 deploy to gh" to GitHub Actions secrets of octo-org\/consent/s,
      );
      assert.equal(readState().store['gh:octo-org/consent'], undefined);
    } finally {
      await allowUnattendedEffects(true);
    }
    const result = await run<{ ok: boolean; set: string[]; listed: string[] }>('deploy.push', {
      credentialSet: SET,
      target: 'github',
      repo: 'octo-org/consent',
      convention: 'laravel',
    });
    assert.equal(result.ok, true);
    assert.ok(result.listed.includes('MAIL_PASSWORD'));
    assert.ok(!JSON.stringify(result).includes(PASSWORD));
    assert.equal(readState().store['gh:octo-org/consent'].MAIL_PASSWORD, PASSWORD);
  });

  it('a .env block\'s "Push To…" CodeLens: Docker Compose, the service asked, the preview; the env file written and compose.yaml edited', async function () {
    if (!hasBrowser()) this.skip();
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const dotenv = path.join(folder, '.env.lens');
    const composeFile = path.join(folder, 'compose.yaml');
    const envSmtp = path.join(folder, '.env.smtp');
    const gitignore = path.join(folder, '.gitignore');
    const ignoredBefore = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : undefined;
    writeFileSync(
      dotenv,
      `# mail\nSMTP_HOST=${env.SES_E2E_SMTP_HOST}\nSMTP_PORT=${env.SES_E2E_SMTP_PORT}\nSMTP_USER=${env.SES_E2E_ACCESS_KEY}\n` +
        `SMTP_PASSWORD=${LENS_PASSWORD}\nSMTP_FROM="Shop <shop@example.com>"\n`,
    );
    const composeText = 'services:\n  # the web app\n  web:\n    image: busybox\n  worker:\n    image: busybox\n';
    writeFileSync(composeFile, composeText);
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(dotenv));
      await inWorkbench({
        waitText: { selector: '.monaco-editor .codelens-decoration', text: 'Push To…', timeoutMs: 20_000 },
      });
      await screenshot('deploy-env-lens');
      await inWorkbench({ click: '.monaco-editor .codelens-decoration a:has-text("Push To…")' });
      await answer('Docker Compose env_file', 'Docker Compose');
      // Two services, neither "app": the service is asked.
      await answer('worker', 'worker');
      await inWorkbench({ waitText: { selector: TITLE, text: 'Docker Compose env_file?', timeoutMs: 15_000 } });
      const [shown] = (await inWorkbench({
        waitText: { selector: `${QUICK} .monaco-list`, text: 'edit compose.yaml', timeoutMs: 15_000 },
      })) as string[];
      assert.match(shown, /SMTP_PASSWORD/);
      assert.match(shown, /\*{8}/);
      assert.ok(!shown.includes(LENS_PASSWORD), 'the preview shows no password');
      assert.match(shown, /edit compose\.yaml: add \.env\.smtp to the env_file of the service worker/);
      await screenshot('deploy-env-lens-preview');
      await inWorkbench({ press: 'Enter' });
      const toast = await toastWith('compose.yaml: added env_file with .env.smtp to the service "worker"');
      assert.match(toast, /Check Login/);
      assert.doesNotMatch(toast, /Copy Compose Lines/, 'nothing is left to add by hand');
      await waitUntil(() => existsSync(envSmtp), 'the env file to be written');
      const written = readFileSync(envSmtp, 'utf8');
      // The block's own key names (generic), its values as Compose reads them.
      assert.ok(written.includes(`SMTP_PASSWORD=${LENS_PASSWORD}\n`), 'the password as it is');
      assert.ok(written.includes("SMTP_FROM='Shop <shop@example.com>'\n"), written.replace(LENS_PASSWORD, '***'));
      assert.equal(statSync(envSmtp).mode & 0o777, 0o600);
      assert.equal(
        readFileSync(composeFile, 'utf8'),
        'services:\n  # the web app\n  web:\n    image: busybox\n  worker:\n    env_file:\n      - .env.smtp\n    image: busybox\n',
      );
      assertGitIgnored(path.join(folder, '.env.smtp'));
      await vscode.commands.executeCommand('notifications.clearAll');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const f of [dotenv, composeFile, envSmtp]) rmSync(f, { force: true });
      if (ignoredBefore === undefined) rmSync(gitignore, { force: true });
      else writeFileSync(gitignore, ignoredBefore);
    }
  });

  it('the palette lists the saved sets and the .env files: a .env file picked, pushed to GitHub in its own keys', async function () {
    if (!hasBrowser()) this.skip();
    writeState({ loggedOut: [], store: {} });
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const dotenv = path.join(folder, '.env.palette');
    writeFileSync(
      dotenv,
      `MAIL_MAILER=smtp\nMAIL_HOST=${env.SES_E2E_SMTP_HOST}\nMAIL_PORT=${env.SES_E2E_SMTP_PORT}\n` +
        `MAIL_USERNAME=${env.SES_E2E_ACCESS_KEY}\nMAIL_PASSWORD=${PASSWORD}\n`,
    );
    try {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      // What the palette does: the command with no argument.
      void vscode.commands.executeCommand('sesSmtpToolkit.deploy.push');
      const [listed] = (await inWorkbench({
        waitText: { selector: QUICK, text: '.env files (their SMTP block)', timeoutMs: 15_000 },
      })) as string[];
      assert.match(listed, new RegExp(SET.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the saved set is listed');
      await screenshot('deploy-palette-source');
      await answer('.env.palette', '.env.palette');
      await answer('GitHub Actions secrets', 'GitHub Actions');
      await answer('The GitHub repository (OWNER/REPO)', 'octo-org/palette');
      await answer('An environment for environment secrets', '');
      await inWorkbench({ waitText: { selector: `${QUICK} .monaco-list`, text: 'MAIL_PASSWORD', timeoutMs: 15_000 } });
      await inWorkbench({ press: 'Enter' });
      await toastWith('The target lists');
      const store = readState().store['gh:octo-org/palette'];
      assert.equal(store.MAIL_PASSWORD, PASSWORD, "the block's own key names");
      assert.equal(store.MAIL_HOST, env.SES_E2E_SMTP_HOST);
      await vscode.commands.executeCommand('notifications.clearAll');
    } finally {
      rmSync(dotenv, { force: true });
    }
  });

  it('the SMTP block of a .env file pushes as a saved set does: its values through stdin, names only back', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(folder, '.env.deploy');
    writeFileSync(
      file,
      `MAIL_HOST=${env.SES_E2E_SMTP_HOST}\nMAIL_PORT=${env.SES_E2E_SMTP_PORT}\nMAIL_USERNAME=${env.SES_E2E_ACCESS_KEY}\nMAIL_PASSWORD=${PASSWORD}\n`,
    );
    const before = calls().length;
    const result = await run<{ ok: boolean; credentialSet: string; set: string[] }>('deploy.push', {
      file,
      target: 'github',
      repo: 'octo-org/from-env',
      convention: 'generic',
    });
    assert.equal(result.ok, true);
    assert.equal(result.credentialSet, '.env.deploy (block 0)');
    assert.ok(!JSON.stringify(result).includes(PASSWORD));
    assert.equal(readState().store['gh:octo-org/from-env'].SMTP_PASSWORD, PASSWORD);
    for (const c of calls().slice(before)) assert.ok(!c.argv.join(' ').includes(PASSWORD), 'no password in argv');
  });
});
