// Issue #17 in the real host: a credentials.csv imported through the command (region given) shows
// up in the SMTP Credentials view; Copy Sending Code with arguments returns the nodemailer code and
// puts it on the clipboard; without a stack the picker opens with the workspace's stack first.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveSmtpPassword } from '../../src/base/password';
import type { CredentialSet } from '../../src/base/credentialSets';
import { hasBrowser, inWorkbench, screenshot } from './support';

const env = process.env;
const REGION = env.SES_E2E_SMTP_REGION ?? 'eu-west-1';
const KEY = env.SES_E2E_ACCESS_KEY ?? 'AKIAIOSFODNN7EXAMPLE';
const GOOD = deriveSmtpPassword(env.SES_E2E_SECRET ?? 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', REGION);
const NAME = '0 e2e csv import';
const ROW = (name: string): string => `.pane-body .monaco-list-row[aria-label^="${name}"]`;
const QUICK = '.quick-input-widget';

describe('credential lifecycle: import from CSV, copy sending code', function () {
  let dir: string;
  let imported: CredentialSet[] = [];
  let manifest: string | undefined;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ses-e2e-csv-'));
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (folder && !existsSync(path.join(folder, 'package.json'))) {
      manifest = path.join(folder, 'package.json');
      writeFileSync(manifest, JSON.stringify({ name: 'app', dependencies: { nodemailer: '^6.9.0' } }));
    }
  });

  after(async () => {
    for (const set of imported) {
      await vscode.commands.executeCommand('sesSmtpToolkit.credentials.delete', {
        credentialSet: set.id,
        confirm: false,
      });
    }
    if (manifest) rmSync(manifest, { force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the SES console credentials.csv (BOM, CRLF) with the region given; the set is in the view', async () => {
    const file = path.join(dir, 'credentials.csv');
    writeFileSync(file, `\uFEFFIAM User Name,Smtp Username,Smtp Password\r\nses-smtp-user.e2e,${KEY},${GOOD}\r\n`);
    imported = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.importCsv', {
      file,
      region: REGION,
      name: NAME,
    })) as CredentialSet[];
    assert.equal(imported.length, 1);
    assert.equal(imported[0].name, NAME);
    assert.equal(imported[0].username, KEY);
    assert.equal(imported[0].region, REGION);
    assert.ok(!JSON.stringify(imported).includes(GOOD), 'the returned set holds no password');
    await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
    if (!hasBrowser()) return;
    const [description] = (await inWorkbench({
      waitText: { selector: `${ROW(NAME)} .label-description`, text: REGION, timeoutMs: 15_000 },
    })) as string[];
    assert.match(description, new RegExp(REGION));
  });

  it('refuses a file that is not a credentials CSV, naming the line', async () => {
    const file = path.join(dir, 'not.csv');
    writeFileSync(file, `SMTP_USER=${KEY}\n`);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('sesSmtpToolkit.credentials.importCsv', { file, region: REGION })),
      /not\.csv: Line 1: the header is not one AWS writes/,
    );
  });

  it('Copy Sending Code for nodemailer returns the snippet and copies it; no secret in it', async () => {
    const result = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.copySendingCode', {
      credentialSet: NAME,
      stack: 'nodemailer',
    })) as { stack: string; code: string; keys: { password: string; host: string } };
    assert.equal(result.stack, 'nodemailer');
    assert.match(result.code, /require\('nodemailer'\)/);
    assert.match(result.code, new RegExp(`pass: process\\.env\\.${result.keys.password}\\b`));
    assert.match(result.code, /requireTLS: true/);
    assert.ok(!result.code.includes(GOOD) && !result.code.includes(KEY), 'a secret is in the code');
    assert.equal(await vscode.env.clipboard.readText(), result.code);
  });

  it('without a stack, the picker lists the stacks with the workspace’s first (screenshot)', async function () {
    if (!hasBrowser()) this.skip();
    const pending = vscode.commands.executeCommand('sesSmtpToolkit.credentials.copySendingCode', {
      credentialSet: NAME,
    });
    const [, first] = (await inWorkbench(
      { waitText: { selector: `${QUICK} .quick-input-title`, text: 'Copy Sending Code', timeoutMs: 15_000 } },
      { text: `${QUICK} .monaco-list-row.focused` },
    )) as string[];
    await screenshot('lifecycle-stack-picker');
    await inWorkbench({ press: 'Escape' });
    if (manifest) assert.match(first, /Node\.js \(nodemailer\).*found in this workspace/s);
    else assert.match(first, /\(/, 'a stack row is focused');
    assert.equal(await pending, undefined);
  });
});
