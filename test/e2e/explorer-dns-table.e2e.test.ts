// A domain's DNS records as a table (issue #31 item 8), keyboard only: the identity row of the SES
// Explorer, its menu (Shift+F10) → Show DNS Records as Table; the tab shows every record in full with
// the live check's verdict against the DNS server in the user's settings, and a Copy link per name
// and value (Tab, Enter) that puts the text on the clipboard.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import {
  activateExtension,
  baseDnsServers,
  hasBrowser,
  inWebview,
  inWorkbench,
  screenshot,
  setAwsEndpoint,
} from './support';
import type { Selection } from '../../src/features/explorer/root';
import { tokensFor } from '../support/sesApiServer';

const DOMAIN = 'pending.example.com';
const FOCUSED = '.part.sidebar .monaco-list:focus .monaco-list-row.focused';

describe('DNS records as a table (issue #31 item 8)', function () {
  this.timeout(120_000);
  let before: Selection | undefined;

  beforeEach(async function () {
    if (!process.env.SES_E2E_SESAPI_URL || !process.env.SES_E2E_DNS) throw new Error('the fixtures are not running');
  });

  after(async () => {
    await (await activateExtension()).testHooks!.selectExplorer(before);
    await vscode.workspace
      .getConfiguration('sesSmtpToolkit')
      .update('dns.servers', baseDnsServers(), vscode.ConfigurationTarget.Global);
    await setAwsEndpoint(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('opens from the identity row menu with every record in full, its verdict, and Copy per cell', async function () {
    if (!hasBrowser()) this.skip();
    const api = await activateExtension();
    before = api.explorer.selection();
    await setAwsEndpoint(process.env.SES_E2E_SESAPI_URL);
    await vscode.workspace
      .getConfiguration('sesSmtpToolkit')
      .update('dns.servers', [process.env.SES_E2E_DNS], vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', { profile: 'e2e', regions: ['eu-west-1'] });
    // Keyboard: the region row, open it, then down to the domain. The view may still be drawing its
    // tree: the focus is asked for until the list has it.
    let focused = false;
    for (let i = 0; i < 30 && !focused; i++) {
      await vscode.commands.executeCommand('sesSmtpToolkit.explorer.focus');
      await new Promise((r) => setTimeout(r, 300));
      focused =
        ((await inWorkbench({ count: `${FOCUSED.replace(' .monaco-list-row.focused', '')}` })) as number[])[0] > 0;
    }
    assert.ok(focused, 'the SES Explorer tree has the keyboard focus');
    await inWorkbench({ press: 'Home' });
    await screenshot('dns-table-explorer-focused');
    await inWorkbench({ waitText: { selector: FOCUSED, text: 'eu-west-1', timeoutMs: 15_000 } });
    await inWorkbench({ press: 'ArrowRight' });
    await inWorkbench({ waitText: { selector: '.part.sidebar .monaco-list-row', text: DOMAIN, timeoutMs: 20_000 } });
    let onDomain = false;
    for (let i = 0; i < 30 && !onDomain; i++) {
      await inWorkbench({ press: 'ArrowDown' });
      onDomain = ((await inWorkbench({ count: `${FOCUSED}[aria-label^="${DOMAIN}"]` })) as number[])[0] > 0;
    }
    assert.ok(onDomain, `the row ${DOMAIN} was reached by keyboard`);
    await inWorkbench({ press: 'Shift+F10' });
    await inWorkbench({ waitText: { selector: '.monaco-menu', text: 'Show DNS Records as Table', timeoutMs: 15_000 } });
    let found = false;
    for (let i = 0; i < 20 && !found; i++) {
      await inWorkbench({ press: 'ArrowDown' });
      const [item] = (await inWorkbench({ text: '.monaco-menu .action-item.focused .action-label' })) as string[];
      found = item.trim() === 'Show DNS Records as Table';
    }
    assert.ok(found, 'the menu has Show DNS Records as Table');
    await screenshot('dns-table-menu');
    await inWorkbench({ press: 'Enter' });

    const [t1, t2, t3] = tokensFor(DOMAIN);
    const [table] = (await inWebview({
      waitText: { selector: 'table', text: 'points elsewhere', timeoutMs: 30_000 },
    })) as string[];
    // Every name and value in full, with what it is for and the live verdict.
    for (const token of [t1, t2, t3]) assert.ok(table.includes(`${token}._domainkey.${DOMAIN}`), token);
    assert.match(table, /DKIM 1 of 3/);
    assert.match(table, /MAIL FROM/);
    assert.match(table, /v=spf1 include:amazonses\.com ~all/);
    assert.match(table, /points to SES/);
    assert.match(table, /SPF \(MAIL FROM\)\s*TXT.*?missing/s);
    assert.match(table, /old-selector\.dkim\.example\.net/, 'what DNS has instead, in the message');
    await new Promise((r) => setTimeout(r, 500));
    await screenshot('dns-table');

    // Copy: the first link is the first record's name; the second its value. (Clicked: the harness's
    // key presses in a webview focus its body first, which would take the focus off the link.)
    await vscode.env.clipboard.writeText('');
    await inWebview({ click: 'tbody tr:first-child td:nth-child(3) a.copy' });
    for (let i = 0; i < 50 && (await vscode.env.clipboard.readText()) === ''; i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal(await vscode.env.clipboard.readText(), `${t1}._domainkey.${DOMAIN}`);
    await inWebview({ click: 'tbody tr:nth-child(5) td:nth-child(4) a.copy' });
    for (let i = 0; i < 50 && (await vscode.env.clipboard.readText()) !== 'v=spf1 include:amazonses.com ~all'; i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal(await vscode.env.clipboard.readText(), 'v=spf1 include:amazonses.com ~all');
  });
});
