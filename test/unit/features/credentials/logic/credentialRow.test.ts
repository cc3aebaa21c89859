import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CredentialSet } from '../../../../../src/base/credentialSets';
import { deriveSmtpPassword } from '../../../../../src/base/password';
import {
  credentialRow,
  escapeMarkdown,
  iconLegend,
  rowDescription,
} from '../../../../../src/features/credentials/logic/credentialRow';
import {
  deleteDialog,
  forgetAllDialog,
  passwordProblemDialog,
  trustDialog,
} from '../../../../../src/features/credentials/logic/dialogs';
import * as checks from '../../../../../src/base/inputChecks';
import {
  afterCheckLogin,
  afterGenerate,
  afterSave,
  diagnosisDetail,
  NEXT,
} from '../../../../../src/features/credentials/logic/nextActions';

const set: CredentialSet = {
  id: 'id-1',
  name: 'prod',
  username: 'AKIAIOSFODNN7EXAMPLE',
  region: 'eu-central-1',
  port: 587,
  tls: 'starttls',
};

describe('credentials view rows', () => {
  test('the description is the region only; key id, host and port are in the tooltip table', () => {
    const row = credentialRow(set);
    assert.equal(row.description, 'eu-central-1');
    assert.equal(row.icon, 'unchecked');
    assert.match(row.tooltip, /^\*\*prod\*\*/);
    assert.match(row.tooltip, /\| Key id \| AKIAIOSFODNN7EXAMPLE \|/);
    assert.match(row.tooltip, /\| Host \| email\\-smtp\\\.eu\\-central\\-1\\\.amazonaws\\\.com \|/);
    assert.match(row.tooltip, /\| Port \| 587 \(STARTTLS\) \|/);
    assert.match(row.tooltip, /\|---\|---\|/);
    assert.match(row.tooltip, /Not checked yet: click the row to check the login/);
    assert.ok(!row.description.includes('AKIA') && !row.description.includes('587'));
  });

  test('the tooltip ends with the icon legend', () => {
    const legend = iconLegend();
    assert.equal(
      legend,
      'Icons: $(key) not checked yet · $(pass) last login check passed · $(error) last login check failed · ' +
        '⚠ certificate not verified',
    );
    assert.ok(credentialRow(set).tooltip.endsWith(`---\n\n${legend}`));
  });

  test('a host-only set, an implicit-TLS port, a From and an opt-out of certificate checks', () => {
    const relay = { ...set, region: undefined, host: 'relay.example.com', port: 465, tls: 'implicit' as const };
    const row = credentialRow({ ...relay, from: 'App <noreply@example.com>', allowUntrustedCertificate: true });
    assert.equal(row.description, 'custom host ⚠');
    assert.match(row.tooltip, /\| Region \| from the host \|/);
    assert.match(row.tooltip, /\| Port \| 465 \(TLS\) \|/);
    assert.match(row.tooltip, /\| Default From \| App \\<noreply@example\\\.com\\> \|/);
    assert.match(row.tooltip, /\| Certificate \| \$\(warning\) \*\*not verified\*\*/);
    assert.equal(rowDescription({ region: 'us-east-1' }), 'us-east-1');
  });

  test('a linked secret (Secrets Manager or SSM) is named in the tooltip, without a value; none: no row', () => {
    const link = { arn: 'arn:aws:secretsmanager:eu-west-1:1:secret:x', name: 'ses/smtp/prod', region: 'eu-west-1' };
    const sm = credentialRow({ ...set, linkedSecret: { service: 'secretsmanager', ...link } });
    assert.match(sm.tooltip, /\| Also in \| Secrets Manager ses\/smtp\/prod \(eu\\-west\\-1\) \|/);
    const ssm = credentialRow({ ...set, linkedSecret: { service: 'ssm', ...link, name: '/ses/smtp/prod' } });
    assert.match(ssm.tooltip, /\| Also in \| SSM parameter \/ses\/smtp\/prod \(eu\\-west\\-1\) \|/);
    assert.doesNotMatch(credentialRow(set).tooltip, /Also in/);
  });

  test('the last check sets the icon and is told in the tooltip', () => {
    const at = '2026-01-02T03:04:05.000Z';
    const ok = credentialRow({ ...set, lastCheck: { ok: true, at, summary: 'OK in 120 ms' } }, () => 'TIME');
    assert.equal(ok.icon, 'passed');
    assert.match(ok.tooltip, /\$\(pass\) Last check TIME: OK in 120 ms/);
    const failed = credentialRow({ ...set, lastCheck: { ok: false, at, summary: 'wrong region' } }, () => 'TIME');
    assert.equal(failed.icon, 'failed');
    assert.match(failed.tooltip, /\$\(error\) Last check TIME: wrong region/);
  });

  test('a name with table and Markdown characters cannot break the table', () => {
    const row = credentialRow({ ...set, name: 'a | b *c* [d](e)\nf' });
    assert.match(row.tooltip, /^\*\*a \\\| b \\\*c\\\* \\\[d\\\]\\\(e\\\) f\*\*/);
    assert.equal(escapeMarkdown('x|y'), 'x\\|y');
  });
});

describe('credential prompts: checks as the user types', () => {
  test('the default From uses the one address validator: sender@example is refused, empty is fine', () => {
    const message = checks.checkFromInput('sender@example');
    assert.equal(typeof message, 'string');
    assert.match(message as string, /^The default From "sender@example" is not an email address: its domain "example"/);
    assert.ok(checks.blocks(message));
    assert.equal(checks.checkFromInput(''), undefined);
    assert.equal(checks.checkFromInput('  '), undefined);
    assert.equal(checks.checkFromInput('sender@example.com'), undefined);
    assert.equal(checks.checkFromInput('App <noreply@example.com>'), undefined);
    assert.match(checks.checkFromInput('a@b.com, c@d.com') as string, /holds 2 addresses/);
  });

  test('a host typed instead of a region: the host validator, and empty refused only on Enter', () => {
    assert.match(checks.checkHostInput('smtp://relay.example.com') as string, /without a scheme, port or path/);
    assert.equal(checks.checkHostInput('relay.example.com'), undefined);
    assert.equal(checks.checkHostInput('localhost'), undefined);
    assert.equal(checks.checkHostInput(''), undefined);
    assert.match(checks.checkHostInput('', true) as string, /Enter a host name/);
  });

  test('names, usernames, secret keys and passwords', () => {
    assert.equal(checks.checkNameInput(' '), 'The name cannot be empty.');
    assert.match(checks.checkNameInput('n'.repeat(81)) as string, /81 characters long/);
    assert.equal(checks.checkNameInput('prod\tx'), 'The name must be on one line.');
    assert.equal(checks.checkNameInput('prod eu-central-1'), undefined);

    assert.equal(checks.checkUsernameInput(''), undefined, 'nothing typed yet');
    assert.match(checks.checkUsernameFinal('') as string, /Enter the SMTP username/);
    assert.equal(checks.checkUsernameInput('AKIAIOSFODNN7EXAMPLE'), undefined);
    const temporary = checks.checkUsernameInput('ASIAIOSFODNN7EXAMPLE');
    assert.ok(checks.blocks(temporary));
    const padded = checks.checkUsernameInput(' AKIAIOSFODNN7EXAMPLE ');
    assert.ok(padded && typeof padded === 'object' && padded.severity === 'warning', 'padding warns, does not block');

    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    assert.equal(checks.checkSecretKeyInput(secret), undefined);
    assert.match(checks.checkSecretKeyInput(deriveSmtpPassword(secret, 'eu-west-1')) as string, /already an SES SMTP/);
    assert.ok(!checks.blocks(checks.checkSecretKeyInput('short')), 'a wrong length warns');

    assert.equal(checks.checkSmtpPasswordInput(deriveSmtpPassword(secret, 'eu-west-1')), undefined);
    const pasted = checks.checkSmtpPasswordInput(secret);
    assert.ok(pasted && !checks.blocks(pasted), 'a secret key pasted as the password warns; the dialog then asks');
  });

  test('the IAM user name: the argument rule, worded for the box', () => {
    assert.equal(checks.checkIamUserNameInput('ses-smtp-user.app'), undefined);
    assert.match(checks.checkIamUserNameInput(' ') as string, /Enter a name for the IAM user/);
    assert.match(
      checks.checkIamUserNameInput('a b') as string,
      /^The IAM user name "a b" is not a valid IAM user name/,
    );
    assert.match(checks.checkIamUserNameInput('n'.repeat(65)) as string, /^The IAM user name is 65 characters long/);
  });

  test('IAM From patterns: each one through the one validator', () => {
    assert.equal(checks.checkFromPatternsInput(''), undefined);
    assert.equal(checks.checkFromPatternsInput('*@example.com, noreply@example.org'), undefined);
    assert.match(checks.checkFromPatternsInput('*@example.com, sender@example') as string, /not an email address/);
  });
});

describe('result notifications: the next action', () => {
  test('Check Login: success leads to sending, failure to the log, the diagnosis and the fix', () => {
    assert.deepEqual(afterCheckLogin({ ok: true, hasSecretKey: false }), ['Send Test Email', 'Show Log']);
    assert.deepEqual(afterCheckLogin({ ok: false, topCause: 'auth-failed', hasSecretKey: false }), [
      'Show Log',
      'Diagnose',
    ]);
    const wrongRegion = afterCheckLogin({ ok: false, topCause: 'wrong-region', hasSecretKey: false });
    assert.deepEqual(wrongRegion, ['Show Log', 'Diagnose', 'Find Region with Secret Key…']);
    const known = afterCheckLogin({ ok: false, topCause: 'wrong-region', hasSecretKey: true });
    assert.deepEqual(known, ['Show Log', 'Diagnose', 'Generate Password…']);
    const secretAsPassword = afterCheckLogin({ ok: false, topCause: 'secret-key-as-password', hasSecretKey: false });
    assert.equal(secretAsPassword[2], NEXT.generate);
  });

  test('Generate: copy the password or save it; after a save: check or send', () => {
    assert.deepEqual(afterGenerate(), ['Copy Password', 'Copy Username', 'Save as Credential Set…']);
    assert.deepEqual(afterSave(), ['Check Login', 'Send Test Email']);
  });

  test('the Diagnose dialog lists every cause with its fix', () => {
    const detail = diagnosisDetail([
      { title: 'Wrong region.', fix: 'Generate it for eu-west-1.' },
      { title: 'Key deleted.', fix: 'Create a new key.' },
    ]);
    assert.equal(
      detail,
      '1. Wrong region.\nFix: Generate it for eu-west-1.\n\n2. Key deleted.\nFix: Create a new key.',
    );
    assert.match(diagnosisDetail([]), /No known cause/);
  });
});

describe('modals: the detail says what each button does', () => {
  test('a pasted secret key: derive for the region, or save as typed', () => {
    const d = passwordProblemDialog({
      summary: 'This is an IAM secret.',
      effective: 'iam-secret',
      cleanable: false,
      region: 'eu-west-1',
    });
    assert.deepEqual(
      d.buttons.map((b) => b.label),
      ['Derive the SMTP Password for eu-west-1', 'Save As Typed'],
    );
    assert.match(d.detail, /^This is an IAM secret\.\n/);
    assert.match(d.detail, /Derive: saves the SMTP password made from this secret key for eu-west-1/);
    assert.match(d.detail, /Save As Typed: saves exactly what was pasted/);
    assert.match(d.detail, /Cancel: back to the password/);
  });

  test('a padded v4 password can be cleaned', () => {
    const d = passwordProblemDialog({ summary: 'Quotes around it.', effective: 'v4', cleanable: true });
    assert.deepEqual(
      d.buttons.map((b) => b.choice),
      ['clean', 'as-typed'],
    );
    assert.match(d.detail, /Save Cleaned Value: saves it without the spaces, quotes or URL encoding/);
  });

  test('delete, forget all and certificate trust put their consequences in the detail', () => {
    assert.equal(deleteDialog('prod').message, 'Delete the credential set "prod"?');
    assert.match(deleteDialog('prod').detail, /IAM user and its access key are not touched/);
    assert.equal(forgetAllDialog(1).message, 'Forget all 1 SMTP credential set and their passwords?');
    assert.equal(forgetAllDialog(3).message, 'Forget all 3 SMTP credential sets and their passwords?');
    assert.match(trustDialog('relay', true).detail, /can read the SMTP password/);
    assert.equal(trustDialog('relay', false).buttons[0].label, 'Verify Certificates');
  });
});

describe('credentials view menus (package.json)', () => {
  const root = path.join(__dirname, '..', '..', '..', '..', '..', '..');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  const entries: Array<{ command: string; when: string; group: string }> = pkg.contributes.menus['view/item/context'];
  const rows = entries.filter((e) => e.when.includes('viewItem == credentialSet'));
  const label = (id: string): string => {
    const c = pkg.contributes.commands.find((x: { command: string }) => x.command === id);
    return nls[(c.shortTitle ?? c.title).replace(/%/g, '')];
  };

  test('Check Login and Send Test Email are inline; the menu has 11 items in 5 groups, Delete last', () => {
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
    assert.equal(nls['command.credentials.rotate.title'], 'Rotate SMTP Credentials');
    assert.equal(nls['command.credentials.deleteOldKey.title'], 'Delete Old Access Key of SMTP Credentials…');
  });
});
