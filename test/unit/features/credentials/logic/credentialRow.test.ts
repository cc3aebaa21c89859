// The rows of the SMTP Credentials view (src/features/credentials/logic/credentialRow.ts): label,
// description, tooltip and icon legend of each set.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { CredentialSet } from '../../../../../src/base/credentialSets';
import {
  credentialRow,
  escapeMarkdown,
  iconLegend,
  rowDescription,
} from '../../../../../src/features/credentials/logic/credentialRow';

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
        '"cert pinned": only its pinned certificate is trusted beyond those that verify · ⚠ certificate to trust again by fingerprint',
    );
    assert.ok(credentialRow(set).tooltip.endsWith(`---\n\n${legend}`));
  });

  test('a host-only set, an implicit-TLS port, a From and a pinned certificate', () => {
    const relay = { ...set, region: undefined, host: 'relay.example.com', port: 465, tls: 'implicit' as const };
    const pin = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase()).join(':');
    const row = credentialRow({ ...relay, from: 'App <noreply@example.com>', certificateSha256: pin });
    assert.equal(row.description, 'custom host · cert pinned');
    assert.match(row.tooltip, /\| Region \| from the host \|/);
    assert.match(row.tooltip, /\| Port \| 465 \(TLS\) \|/);
    assert.match(row.tooltip, /\| Default From \| App \\<noreply@example\\\.com\\> \|/);
    assert.match(row.tooltip, /\| Certificate \| pinned: SHA-256 00:01:02:03…1C:1D:1E:1F \|/);
    assert.equal(rowDescription({ region: 'us-east-1' }), 'us-east-1');
  });

  test('a set migrated from the old "accept any certificate" opt-in: marked, and told to trust by fingerprint', () => {
    const row = credentialRow({ ...set, legacyUntrustedCertificate: true });
    assert.equal(row.description, 'eu-central-1 ⚠');
    assert.match(
      row.tooltip,
      /\| Certificate \| \$\(warning\) \*\*verified again\*\*: .*trust its certificate by fingerprint/,
    );
    assert.doesNotMatch(credentialRow(set).tooltip, /Certificate/);
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
