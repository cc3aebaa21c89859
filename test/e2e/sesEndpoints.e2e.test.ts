// #27 in the real host: a region's SMTP host is resolved (through the fixtures' DNS server, which
// answers NXDOMAIN for ap-south-2 as AWS's DNS does) before a password is derived or a set saved,
// and no v4 password is derived for a Mail Manager ingress host.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { deriveSmtpPassword } from '../../src/base/password';
import type { CredentialSet } from '../../src/base/credentialSets';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('SES SMTP endpoints checked live (#27)', function () {
  const created: CredentialSet[] = [];
  after(async () => {
    for (const set of created)
      await vscode.commands.executeCommand('sesSmtpToolkit.credentials.delete', {
        credentialSet: set.id,
        confirm: false,
      });
  });

  it('generates no password for a region without an SMTP endpoint, naming regions that have one', async () => {
    if (!process.env.SES_E2E_SES_DNS)
      throw new Error('the SES SMTP DNS fixture is not running (SES_E2E_SES_DNS unset)');
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.generatePassword', {
          accessKeyId: KEY,
          secretAccessKey: SECRET,
          region: 'ap-south-2',
          showResult: false,
        }),
      ),
      (err: Error) => {
        assert.match(
          err.message,
          /^SES has no SMTP endpoint in ap-south-2: email-smtp\.ap-south-2\.amazonaws\.com does not exist/,
        );
        assert.match(err.message, /eu-west-1/);
        assert.ok(!err.message.includes(deriveSmtpPassword(SECRET, 'ap-south-2')), 'no password in the message');
        return true;
      },
    );
  });

  it('generates one for a region whose host resolves', async () => {
    const result = (await vscode.commands.executeCommand('sesSmtpToolkit.generatePassword', {
      accessKeyId: KEY,
      secretAccessKey: SECRET,
      region: 'us-east-2',
      showResult: false,
    })) as { password: string; host: string };
    assert.equal(result.host, 'email-smtp.us-east-2.amazonaws.com');
    assert.equal(result.password, deriveSmtpPassword(SECRET, 'us-east-2'));
  });

  it('saves no credential set for a region without an SMTP endpoint', async () => {
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
          name: 'e2e no endpoint',
          region: 'ap-south-2',
          port: 587,
          tls: 'starttls',
          username: KEY,
          password: deriveSmtpPassword(SECRET, 'ap-south-2'),
        }),
      ),
      /SES has no SMTP endpoint in ap-south-2/,
    );
    // The same set for a region with an endpoint is saved (the refusal was the region's, not the input's).
    const set = (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
      name: 'e2e with endpoint',
      region: 'us-east-2',
      port: 587,
      tls: 'starttls',
      username: KEY,
      password: deriveSmtpPassword(SECRET, 'us-east-2'),
    })) as CredentialSet;
    created.push(set);
    assert.equal(set.region, 'us-east-2');
  });

  it('derives no v4 password for a Mail Manager ingress host', async () => {
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
          name: 'e2e ingress',
          host: 'jwij4ht3pzhr.hkph.mail-manager-smtp.amazonaws.com',
          region: 'eu-west-1',
          port: 587,
          tls: 'starttls',
          username: KEY,
          password: SECRET,
          onProblem: 'derive',
        }),
      ),
      /is a Mail Manager ingress endpoint: it takes the username \(inp-…\)/,
    );
  });
});
