// The SMTP Credentials view's menus as package.json contributes them (the view: src/features/credentials/view.ts).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

describe('credentials view menus (package.json)', () => {
  const root = path.join(__dirname, '..', '..', '..', '..', '..');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  const entries: Array<{ command: string; when: string; group: string }> = pkg.contributes.menus['view/item/context'];
  const rows = entries.filter((e) => e.when.includes('viewItem == credentialSet'));
  const label = (id: string): string => {
    const c = pkg.contributes.commands.find((x: { command: string }) => x.command === id);
    return nls[(c.shortTitle ?? c.title).replace(/%/g, '')];
  };

  test('Check Login and Send Test Email are inline; the menu has 13 items in 5 groups, Delete last', () => {
    const inline = rows.filter((e) => e.group.startsWith('inline')).map((e) => e.command);
    assert.deepEqual(inline.sort(), ['sesSmtpToolkit.credentials.check', 'sesSmtpToolkit.sendTestEmail']);
    const menu = rows.filter((e) => !e.group.startsWith('inline')).sort((a, b) => a.group.localeCompare(b.group));
    assert.deepEqual(
      menu.map((e) => `${e.group.split('@')[0]}: ${label(e.command)}`),
      [
        '1_check: Check Login',
        '1_check: Run Doctor',
        '1_check: Send Test Burst',
        '2_copy: Copy Username',
        '2_copy: Copy Password',
        '2_copy: Copy Sending Code…',
        '2_copy: Export to Secrets Manager…',
        '2_copy: Push SMTP Settings To…',
        '3_edit: Edit Set…',
        '3_edit: Rename',
        '3_edit: Trust Certificate…',
        '4_keys: Rotate Key…',
        '4_keys: Delete Old Key…',
        '9_danger: Delete',
      ],
    );
  });

  test('the palette titles read alone; menus show the short ones', () => {
    assert.equal(nls['command.credentials.delete.title'], 'Delete SMTP Credential Set');
    assert.equal(nls['command.credentials.trustCertificate.shortTitle'], 'Trust Certificate…');
    assert.equal(nls['command.credentials.trustCertificate.title'], 'Trust TLS Certificate of SMTP Relay…');
    assert.equal(nls['command.credentials.editSet.title'], 'Edit SMTP Credential Set…');
    assert.equal(nls['command.credentials.rotate.title'], 'Rotate SMTP Credentials');
    assert.equal(nls['command.credentials.deleteOldKey.title'], 'Delete Old Access Key of SMTP Credentials…');
  });
});
