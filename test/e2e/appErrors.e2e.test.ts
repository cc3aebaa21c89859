// Explain SES SMTP Error in the real host (#33): a terminal runs a real failing send (nodemailer
// against the SES-like SMTP server fixture, with a password derived for another region), VS Code's
// own link detection over that terminal gets the link from the extension's provider for the error
// line, and explaining that line names the cause; the editor selection and the argument object give
// the same answer, and a password pasted with the error never comes back.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deriveSmtpPassword } from '../../src/base/password';
import { activateExtension, hasBrowser, inWorkbench, waitUntil } from './support';

const env = process.env;
const ROOT = path.join(__dirname, '..', '..', '..');

interface Explained {
  verdict: string;
  headline: string;
  causes: Array<{ id: string; title: string }>;
  masked: string;
  markdown: string;
}

function nodeBinary(): string {
  try {
    return execFileSync('bash', ['-lc', 'command -v node'], { encoding: 'utf8' }).trim() || 'node';
  } catch {
    return 'node';
  }
}

describe('Explain SES SMTP Error', function () {
  this.timeout(90_000);
  let dir: string;
  let terminal: vscode.Terminal | undefined;

  before(() => {
    if (!env.SES_E2E_SMTP_PORT) throw new Error('the SES-like SMTP server fixture is not running');
    dir = mkdtempSync(path.join(tmpdir(), 'ses-e2e-app-errors-'));
  });
  after(async () => {
    (await activateExtension()).testHooks!.watchTerminalLinks(undefined);
    terminal?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a terminal running a failing send shows the link, and explaining it names the cause', async function () {
    if (!hasBrowser()) this.skip(); // the mouse goes over the terminal's lines, as a user's does
    const api = await activateExtension();
    const seen: Array<{ line: string; summary: string | undefined }> = [];
    api.testHooks!.watchTerminalLinks((line, summary) => seen.push({ line, summary }));
    // The application: nodemailer with a password made for another region, printing its error.
    const script = path.join(dir, 'send.js');
    writeFileSync(
      script,
      [
        "const nodemailer = require('nodemailer');",
        'nodemailer',
        `  .createTransport({ host: ${JSON.stringify(env.SES_E2E_SMTP_HOST)}, port: ${Number(env.SES_E2E_SMTP_PORT)},`,
        '    requireTLS: true, auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS } })',
        "  .sendMail({ from: 'sender@example.com', to: 'success@simulator.amazonses.com', text: 'hi' })",
        '  .catch((err) => console.error(err.message));',
      ].join('\n'),
    );
    const printed = path.join(dir, 'printed.txt');
    const password = deriveSmtpPassword(env.SES_E2E_SECRET ?? '', 'us-east-1');
    terminal = vscode.window.createTerminal({
      name: 'app dev server',
      shellPath: '/bin/bash',
      // What the program prints goes to the terminal, and a copy to a file (so a failure can say what ran).
      shellArgs: [
        '-c',
        `${JSON.stringify(nodeBinary())} ${JSON.stringify(script)} 2>&1 | tee ${JSON.stringify(printed)}; sleep 600`,
      ],
      env: {
        NODE_PATH: path.join(ROOT, 'node_modules'),
        NODE_EXTRA_CA_CERTS: env.NODE_EXTRA_CA_CERTS ?? '',
        SMTP_USER: env.SES_E2E_ACCESS_KEY ?? '',
        SMTP_PASS: password,
      },
    });
    terminal.show();
    await waitUntil(
      () => existsSync(printed) && /535/.test(readFileSync(printed, 'utf8')),
      'the application to print its error',
      30_000,
    ).catch((err: Error) => {
      throw new Error(
        `${err.message}; it printed: ${existsSync(printed) ? readFileSync(printed, 'utf8') : '(nothing)'}`,
      );
    });
    // VS Code asks the link providers for the line under the mouse, as when a user points at it;
    // "Open Detected Link…" asks them for the lines on screen.
    let sweepError = '';
    const link = await waitUntil(
      async () => {
        void vscode.commands
          .executeCommand('workbench.action.terminal.openDetectedLink')
          .then(undefined, () => undefined);
        await new Promise((r) => setTimeout(r, 1000));
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        terminal!.show();
        await inWorkbench({ sweep: { selector: '.xterm-screen', rowPx: 8 } }).catch((err: Error) => {
          sweepError = err.message;
        });
        return seen.find((s) => s.summary !== undefined && s.line.includes('535'));
      },
      'the link on the error line',
      60_000,
    ).catch((err: Error) => {
      const lines = seen.map((x) => `${x.line.slice(0, 80)} → ${x.summary ?? 'no link'}`).join(' | ');
      throw new Error(
        `${err.message}; lines asked about: ${lines || 'none'}${sweepError ? `; sweep: ${sweepError}` : ''}`,
      );
    });
    assert.match(link.line, /Invalid login: 535 Authentication Credentials Invalid/);
    assert.equal(link.summary, '535 Authentication Credentials Invalid');
    const explained = (await vscode.commands.executeCommand('sesSmtpToolkit.explainError', {
      text: link.line,
    })) as Explained;
    assert.equal(explained.verdict, 'ses');
    assert.ok(
      explained.causes.some((c) => c.id === 'wrong-region'),
      explained.causes.map((c) => c.id).join(),
    );
    assert.match(explained.headline, /^SES refused this \(nodemailer\)/);
  });

  it('the selection of a log gives the same cause, with a pasted DSN masked', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'log',
      content:
        'MAILER_DSN=smtp://AKIAIOSFODNN7EXAMPLE:e2eSecretPassword1@email-smtp.eu-west-1.amazonaws.com:587\n' +
        "smtplib.SMTPDataError: (454, b'Throttling failure: Maximum sending rate exceeded.')\n",
    });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 2, 0);
    const explained = (await vscode.commands.executeCommand('sesSmtpToolkit.explainErrorSelection')) as Explained;
    assert.equal(explained.causes[0].id, 'throttled');
    assert.match(explained.causes[0].title, /maximum send rate/);
    for (const shown of [explained.masked, explained.markdown, JSON.stringify(explained)])
      assert.ok(!shown.includes('e2eSecretPassword1'), 'the password came back');
    assert.match(explained.masked, /AKIAIOSFODNN7EXAMPLE:\*{8}@/);
  });

  it('a bad argument is refused with what to pass', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('sesSmtpToolkit.explainError', { text: '  ' })),
      /Argument "text" is empty: pass the error line your application printed/,
    );
  });
});
