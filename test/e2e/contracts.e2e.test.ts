// The command contract in the real host: every command of the schema table
// (src/commandArgs.ts) runs with its documented example argument object (README's
// "Argument objects" table repeats them; a unit test holds the two together) and does what README
// says, returning its documented result. An example's placeholders ("AKIA…", "/path/to/.env", the
// profile "admin") are replaced by the test peers' values, field by field; fields the peers need
// beyond the example (the SMTP server's host and port, the Doctor's port map) are listed in
// PEER_FIELDS and nowhere else. The table below is checked against the schema table, so a new
// command without a contract case fails this suite. Effects run under the application-scope
// opt-in (sesSmtpToolkit.security.allowUnattendedEffects in the user settings), as a user's own
// automation would. README's code-block examples (test/support/readmeExamples.ts) run too.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
} from '@aws-sdk/client-iam';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  CreateEmailIdentityCommand,
  DeleteEmailIdentityCommand,
  GetEmailIdentityCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { COMMAND_SCHEMAS } from '../../src/commandArgs';
import { deriveSmtpPassword } from '../../src/base/password';
import type { CredentialSet } from '../../src/base/credentialSets';
import type { ToolkitApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/features/explorer';
import { tokensFor } from '../support/sesApiServer';
import { README_EXAMPLES } from '../support/readmeExamples';
import {
  activateExtension,
  assertGitIgnored,
  baseDnsServers,
  getJson,
  hasBrowser,
  outsideRequests,
  setAwsEndpoint,
  waitUntil,
} from './support';

const env = process.env;
const REGION = 'eu-west-1';
const ROOT_KEY = { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: 'peerRootSecretKeyExample000000000000000' };
const IAM_USER = 'ses-smtp-user.contract';
/** A domain of the SES API peer whose DNS the fixtures' DNS server half holds (fixtures.ts). */
const DNS_DOMAIN = 'pending.example.com';
/** A domain created here with a 1024-bit Easy DKIM key, for Move DKIM Key to 2048-bit. */
const LEGACY_DOMAIN = 'legacy-contract.example.com';

/** Fields a test peer needs that no example has: where the local SMTP server and its ports are. */
const PEER_FIELDS = new Set(['host', 'port', 'tls', 'portMap', 'timeoutSeconds', 'notify']);

type Args = Record<string, unknown>;
interface Contract {
  command: string;
  /** What README says it does, in a few words (the test's title). */
  does: string;
  /** Values for the example's own fields: its placeholders become the peers' values. */
  values?: Args;
  /** Fields the test peers need beyond the example; each one of PEER_FIELDS. */
  peer?: Args;
  /** The AWS endpoint the command's calls go to. */
  aws?: 'sesapi' | 'iam';
  setup?: () => Promise<void>;
  /** Runs while the command is pending (a diff waiting for Write, say). */
  meanwhile?: () => Promise<void>;
  /** The command refuses every caller (README says why): its error must match. */
  refused?: RegExp;
  check(result: unknown, args: Args): Promise<void> | void;
}

/** The schema's example as an object ("{} (it takes no arguments)" is {}). */
function exampleOf(command: string): Args {
  const text = COMMAND_SCHEMAS[command].example.replace(/\s+\(.*\)$/, '');
  return JSON.parse(text) as Args;
}

/** The example with the peers' values: only its own fields change; additions only from PEER_FIELDS. */
function argsFor(c: Contract): Args {
  const example = exampleOf(c.command);
  for (const key of Object.keys(c.values ?? {}))
    assert.ok(key in example, `${c.command}: "${key}" is not a field of the documented example`);
  for (const key of Object.keys(c.peer ?? {})) {
    assert.ok(PEER_FIELDS.has(key), `${c.command}: "${key}" is added to the example but is no peer field`);
    assert.ok(!(key in example), `${c.command}: "${key}" is in the example; give it in values`);
  }
  return { ...example, ...c.values, ...c.peer };
}

const run = <T>(command: string, args?: unknown): Promise<T> =>
  Promise.resolve(vscode.commands.executeCommand<T>(command, args));

type Row = vscode.TreeItem & { node: ExplorerNode };
async function rows(api: ToolkitApi, parent?: ExplorerNode): Promise<Row[]> {
  const nodes = await api.explorer.getChildren(parent);
  return nodes.map((node) => Object.assign(api.explorer.getTreeItem(node), { node }));
}
async function regionRows(api: ToolkitApi, region: string): Promise<Row[]> {
  const top = (await rows(api)).find((r) => r.label === region);
  assert.ok(top, `${region} is in the tree`);
  return rows(api, top.node);
}

const isDiffOpen = (): boolean => {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff && input.modified.scheme === 'ses-smtp-env-preview';
};

/** Presses Write on the pending diff's title, as a user does: the title passes the diff's own document. */
async function pressWrite(): Promise<unknown> {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as vscode.TabInputTextDiff;
  return vscode.commands.executeCommand('sesSmtpToolkit.env.confirmWrite', input.modified);
}

describe('command contract: every command runs with its documented example argument object', function () {
  this.timeout(120_000);
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const envFile = path.join(folder, '.env.contract');
  // .env files are written only inside an open folder: the scratch folder is one of its folders.
  const scratch = mkdtempSync(path.join(folder, 'contract-scratch-'));
  const csvFile = path.join(scratch, 'credentials.csv');
  const smtp = { host: env.SES_E2E_SMTP_HOST, port: Number(env.SES_E2E_SMTP_PORT), tls: 'starttls' };
  let api: ToolkitApi;
  let iam: IAMClient;
  let keyId = '';
  let secret = '';
  let password = '';
  let prod: CredentialSet;
  let relay: CredentialSet;
  let rotatedKeyId = '';
  let pendingWrite: Promise<unknown> | undefined;

  const received = (): Promise<Array<{ messageId: string; to: string[]; subject?: string; headers?: unknown }>> =>
    getJson(`${env.SES_E2E_FIXTURES_URL}/received`);
  const receivedRaw = (): Promise<Array<{ messageId: string; raw: string; to: string[] }>> =>
    getJson(`${env.SES_E2E_FIXTURES_URL}/received/raw`);
  /** Whether a set of that name is saved (the commands find sets by name). */
  const hasSet = (name: string): Promise<boolean> =>
    run('sesSmtpToolkit.credentials.copyUsername', { credentialSet: name }).then(
      () => true,
      () => false,
    );

  const CONTRACTS: Contract[] = [
    // The explorer, against the SES API peer (paging, DKIM, DNS records).
    {
      command: 'sesSmtpToolkit.explorer.choose',
      does: 'shows the chosen profile and regions',
      values: { profile: 'e2e', regions: [REGION, 'us-east-2'] },
      aws: 'sesapi',
      async check(result) {
        assert.deepEqual(result, { profile: 'e2e', regions: [REGION, 'us-east-2'] });
        assert.deepEqual(
          (await rows(api)).map((r) => r.label),
          [REGION, 'us-east-2'],
        );
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.refresh',
      does: 'loads the tree again',
      aws: 'sesapi',
      async check(result) {
        assert.equal(result, undefined);
        const labels = (await regionRows(api, REGION)).map((r) => r.label);
        assert.ok(labels.includes(DNS_DOMAIN), labels.join(', '));
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.whyNoCredentials',
      does: 'says why the profile has no credentials (nothing when it has)',
      check(result) {
        assert.equal(result, undefined, 'the e2e profile has credentials: no reason to show');
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.retry',
      does: 'loads a region again',
      aws: 'sesapi',
      async check(result) {
        assert.equal(result, undefined);
        assert.ok((await regionRows(api, REGION)).some((r) => r.label === DNS_DOMAIN));
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.loadMore',
      does: 'loads the next page of a region: page 2, then page 3 with later identities',
      values: { region: 'us-east-2' },
      aws: 'sesapi',
      async check(result) {
        assert.deepEqual(result, { region: 'us-east-2', identities: 200, more: true });
        const third = await run<{ identities: number }>('sesSmtpToolkit.explorer.loadMore', { region: 'us-east-2' });
        assert.deepEqual(third, { region: 'us-east-2', identities: 300, more: true });
        const names = (await regionRows(api, 'us-east-2'))
          .filter((r) => r.contextValue === 'sesIdentity')
          .map((r) => String(r.label));
        assert.equal(new Set(names).size, 300);
        assert.equal(names[299], 'user00299@big.example.com');
        assert.equal((await rows(api)).find((r) => r.label === 'us-east-2')?.description, '300+ identities');
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.loadAll',
      does: 'loads every identity of a region',
      aws: 'sesapi',
      async check(result) {
        assert.deepEqual(result, { region: REGION, identities: 5 });
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.filterIdentities',
      does: 'shows the identities whose name contains the text',
      aws: 'sesapi',
      async check(result) {
        assert.deepEqual(result, { region: REGION, filter: 'example.com', shown: 3, loaded: 5, complete: true });
        const shown = (await regionRows(api, REGION)).filter((r) =>
          /^sesIdentity|^sesDomain/.test(r.contextValue ?? ''),
        );
        assert.deepEqual(shown.map((r) => r.label).sort(), [
          'noreply@verified.example.com',
          'pending.example.com',
          'verified.example.com',
        ]);
        await run('sesSmtpToolkit.explorer.filterIdentities', { region: REGION, filter: '' });
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.createIdentity',
      does: 'creates the identity and selects it in the tree',
      aws: 'sesapi',
      async check(result) {
        assert.deepEqual(
          { name: (result as { name: string }).name, type: (result as { type: string }).type },
          { name: 'example.com', type: 'DOMAIN' },
        );
        assert.ok((await regionRows(api, REGION)).some((r) => r.label === 'example.com'));
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.checkDns',
      does: "checks the domain's DNS records live and marks the rows",
      values: { identity: { name: DNS_DOMAIN } },
      aws: 'sesapi',
      check(result) {
        const checks = result as Array<{ status: string; record: { type: string; name: string } }>;
        const status = Object.fromEntries(checks.map((c) => [`${c.record.type} ${c.record.name}`, c.status]));
        const [t1, t2, t3] = tokensFor(DNS_DOMAIN);
        assert.equal(status[`CNAME ${t1}._domainkey.${DNS_DOMAIN}`], 'pass');
        assert.equal(status[`CNAME ${t2}._domainkey.${DNS_DOMAIN}`], 'pass');
        assert.notEqual(status[`CNAME ${t3}._domainkey.${DNS_DOMAIN}`], 'pass', 'the CNAME pointing elsewhere');
        assert.equal(status[`MX bounce.${DNS_DOMAIN}`], 'pass');
        assert.notEqual(status[`TXT bounce.${DNS_DOMAIN}`], 'pass', 'the missing SPF');
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.showRecordsTable',
      does: "opens the domain's records as a table with the live check's verdict per record",
      values: { identity: { name: DNS_DOMAIN } },
      aws: 'sesapi',
      async check(result) {
        const rows = (result as { records: Array<{ record: string; name: string; status?: string; verdict: string }> })
          .records;
        const [t1, , t3] = tokensFor(DNS_DOMAIN);
        const row = (name: string) => rows.find((r) => r.name === name);
        assert.equal(row(`${t1}._domainkey.${DNS_DOMAIN}`)?.status, 'pass');
        assert.equal(row(`${t1}._domainkey.${DNS_DOMAIN}`)?.record, 'DKIM 1 of 3');
        assert.equal(row(`${t3}._domainkey.${DNS_DOMAIN}`)?.verdict, 'points elsewhere');
        // The tab shows once the panel is made (the tab groups are told a moment later).
        await waitUntil(
          () =>
            vscode.window.tabGroups.all.some((g) =>
              g.tabs.some((t) => t.label === `DNS Records: ${DNS_DOMAIN}` && t.input instanceof vscode.TabInputWebview),
            ),
          'the table open in a tab',
        );
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.copyRecords',
      does: "copies the domain's records as zone-file lines",
      values: { identity: { name: DNS_DOMAIN } },
      aws: 'sesapi',
      async check(result) {
        const [t1] = tokensFor(DNS_DOMAIN);
        assert.equal(await vscode.env.clipboard.readText(), result);
        assert.match(
          String(result),
          new RegExp(`^${t1}\\._domainkey\\.${DNS_DOMAIN.replace(/\./g, '\\.')}\\.?\\s`, 'm'),
        );
        assert.match(String(result), /\bCNAME\b/);
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.copyRecordsTable',
      does: "copies the domain's records as a table",
      values: { identity: { name: DNS_DOMAIN } },
      aws: 'sesapi',
      async check(result) {
        assert.equal(await vscode.env.clipboard.readText(), result);
        const lines = String(result).split('\n');
        assert.match(lines[0], /^Type\s+Name\s+Value/);
        assert.match(
          lines.at(-1) ?? '',
          new RegExp(`^TXT\\s+_dmarc\\.pending\\.example\\.com\\s+v=DMARC1; p=none;\\s+recommended$`),
        );
        assert.equal(lines.length, 7, 'a header and six records');
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.copyRecordName',
      does: "copies a record's name",
      values: { identity: { name: DNS_DOMAIN }, record: { type: 'TXT', name: `_dmarc.${DNS_DOMAIN}` } },
      aws: 'sesapi',
      async check(result) {
        assert.equal(result, `_dmarc.${DNS_DOMAIN}`);
        assert.equal(await vscode.env.clipboard.readText(), result);
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.copyRecordValue',
      does: "copies a record's value",
      values: { identity: { name: DNS_DOMAIN }, record: { type: 'TXT', name: `_dmarc.${DNS_DOMAIN}` } },
      aws: 'sesapi',
      async check(result) {
        assert.match(String(result), /^"?v=DMARC1;/);
        assert.equal(await vscode.env.clipboard.readText(), result);
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.openConsole',
      does: "opens the identity's page of the SES console",
      aws: 'sesapi',
      async check(result) {
        const url = 'https://eu-west-1.console.aws.amazon.com/ses/home?region=eu-west-1#/identities/example.com';
        assert.deepEqual(result, { url, opened: true });
        // The browser was asked to open it (the launcher stops the request: nothing leaves the machine).
        const asked = await waitUntil(
          async () => (await outsideRequests()).find((u) => u.startsWith(url.split('#')[0])),
          'the browser to be asked for the console page',
        );
        assert.ok(asked);
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.upgradeDkimKey',
      does: 'moves an Easy DKIM key to 2048-bit',
      values: { identity: { name: LEGACY_DOMAIN } },
      aws: 'sesapi',
      async setup() {
        const ses = new SESv2Client({ region: REGION, endpoint: env.SES_E2E_SESAPI_URL, credentials: ROOT_KEY });
        await ses.send(
          new CreateEmailIdentityCommand({
            EmailIdentity: LEGACY_DOMAIN,
            DkimSigningAttributes: { NextSigningKeyLength: 'RSA_1024_BIT' },
          }),
        );
        ses.destroy();
      },
      async check() {
        const ses = new SESv2Client({ region: REGION, endpoint: env.SES_E2E_SESAPI_URL, credentials: ROOT_KEY });
        const after = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: LEGACY_DOMAIN }));
        ses.destroy();
        assert.equal(after.DkimAttributes?.NextSigningKeyLength, 'RSA_2048_BIT');
      },
    },
    // SMTP credentials, against the fixtures' SES-like server (which knows the IAM key made in before()).
    {
      command: 'sesSmtpToolkit.generatePassword',
      does: 'derives the SMTP password from the IAM secret key',
      values: { accessKeyId: () => keyId, secretAccessKey: () => secret },
      check(result) {
        assert.equal((result as { password: string }).password, deriveSmtpPassword(secret, REGION));
      },
    },
    {
      command: 'sesSmtpToolkit.checkLogin',
      does: 'checks the login and reports the outcome',
      values: { username: () => keyId, password: () => password },
      peer: { host: smtp.host, port: smtp.port, tls: smtp.tls },
      check(result) {
        assert.equal((result as { ok: boolean }).ok, true);
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.add',
      does: 'saves a credential set (the password in secret storage)',
      values: { username: () => keyId, password: () => password },
      peer: { host: smtp.host, port: smtp.port, tls: smtp.tls },
      async check(result) {
        prod = result as CredentialSet;
        assert.equal(prod.name, 'prod eu-west-1');
        assert.equal(prod.username, keyId);
        assert.ok(!JSON.stringify(result).includes(password), 'the returned set holds no password');
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.sendTestEmail',
      does: "opens Send Test Email with From preset and the region's credentials selected",
      check(result) {
        const r = result as { from: string; credentialSet?: string };
        assert.equal(r.from, 'test@example.com');
        assert.equal(r.credentialSet, 'prod eu-west-1');
      },
    },
    {
      command: 'sesSmtpToolkit.explorer.deleteIdentity',
      does: 'deletes the identity in that region',
      aws: 'sesapi',
      async check(result) {
        assert.equal(result, true);
        assert.ok(!(await regionRows(api, REGION)).some((r) => r.label === 'example.com'));
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.check',
      does: "checks the set's login and records the outcome",
      check(result) {
        assert.equal((result as { ok: boolean }).ok, true);
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.diagnose',
      does: "checks the set's login and shows the report",
      check(result) {
        const r = result as { ok: boolean; report: string };
        assert.equal(r.ok, true);
        assert.equal(typeof r.report, 'string');
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.copyUsername',
      does: 'copies the username',
      async check(result) {
        assert.equal(result, true);
        assert.equal(await vscode.env.clipboard.readText(), keyId);
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.copyPassword',
      does: 'is refused: a saved password never goes to a caller, even under the opt-in',
      refused: /runs only from the SMTP Credentials view/,
      async check() {
        assert.notEqual(await vscode.env.clipboard.readText(), password);
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.copySendingCode',
      does: 'copies the sending code for the stack; no secret in it',
      async check(result) {
        const r = result as { stack: string; code: string };
        assert.equal(r.stack, 'nodemailer');
        assert.match(r.code, /require\('nodemailer'\)/);
        assert.ok(!r.code.includes(password));
        assert.equal(await vscode.env.clipboard.readText(), r.code);
      },
    },
    {
      command: 'sesSmtpToolkit.sendTestEmail',
      does: 'sends a test email and returns its message id',
      async check(result) {
        const r = result as { messageId: string };
        assert.ok(r.messageId);
        const mail = (await received()).find((m) => m.messageId === r.messageId);
        assert.ok(mail, 'the SES-like server received it');
        assert.deepEqual(mail.to, ['success@simulator.amazonses.com']);
      },
    },
    {
      command: 'sesSmtpToolkit.sendTestBurst',
      does: 'sends a paced burst and summarises it',
      async check(result) {
        const s = (result as { summary: { accepted: number; failed: number; targetRate: number } }).summary;
        assert.equal(s.accepted, 20);
        assert.equal(s.failed, 0);
        assert.equal(s.targetRate, 14);
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.editSet',
      does: "changes a relay set's port and From, its password kept",
      async setup() {
        relay = await run<CredentialSet>('sesSmtpToolkit.credentials.add', {
          name: 'relay',
          host: 'relay.example.net',
          port: 587,
          username: 'relay-user',
          password: 'relay-password',
          onProblem: 'as-typed',
        });
      },
      async check(result) {
        const set = result as CredentialSet;
        assert.deepEqual(
          [set.id, set.host, set.port, set.tls, set.from],
          [relay.id, 'relay.example.net', 2587, 'starttls', 'noreply@example.com'],
        );
        await run('sesSmtpToolkit.credentials.delete', { credentialSet: relay.id, confirm: false });
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.trustCertificate',
      does: "pins the certificate a relay presents, by its SHA-256 fingerprint, for the relay's set",
      async setup() {
        relay = await run<CredentialSet>('sesSmtpToolkit.credentials.add', {
          name: 'relay',
          host: '127.0.0.1',
          port: Number(env.SES_E2E_RELAY_PORT),
          username: 'relay-user',
          password: 'relay-password',
          onProblem: 'as-typed',
        });
      },
      async check(result) {
        const [first] = await getJson<string[]>(`${env.SES_E2E_FIXTURES_URL}/relay/fingerprints`);
        assert.equal((result as CredentialSet).certificateSha256, first);
        await run('sesSmtpToolkit.credentials.delete', { credentialSet: relay.id, confirm: false });
      },
    },
    {
      command: 'sesSmtpToolkit.writeEnv',
      does: 'shows the diff; Write writes the SMTP keys and keeps the rest',
      values: { file: envFile },
      setup: async () => writeFileSync(envFile, 'APP_NAME=contract\n'),
      async meanwhile() {
        await waitUntil(isDiffOpen, 'the pending diff');
        await pressWrite();
      },
      check(result) {
        assert.ok((result as { keys: string[] }).keys.includes('SMTP_PASSWORD'));
        const text = readFileSync(envFile, 'utf8');
        assert.ok(text.startsWith('APP_NAME=contract\n'));
        assert.match(text, new RegExp(`^SMTP_USER(NAME)?=${keyId}$`, 'm'));
      },
    },
    {
      command: 'sesSmtpToolkit.env.confirmWrite',
      does: "from an argument object writes nothing; the Write button (the diff's own document) writes",
      async setup() {
        writeFileSync(path.join(scratch, '.env'), 'A=1\n');
        pendingWrite = run('sesSmtpToolkit.writeEnv', {
          file: path.join(scratch, '.env'),
          convention: 'generic',
          credentialSet: 'prod eu-west-1',
        });
        await waitUntil(isDiffOpen, 'the pending diff');
      },
      async check(result) {
        // A caller cannot press Write for the user: the diff stays pending, the file unchanged.
        assert.equal(result, false);
        assert.equal(readFileSync(path.join(scratch, '.env'), 'utf8'), 'A=1\n');
        assert.ok(isDiffOpen(), 'the diff is still pending');
        assert.equal(await pressWrite(), true);
        assert.ok(((await pendingWrite) as { keys: string[] }).keys.length > 0);
        assert.ok(readFileSync(path.join(scratch, '.env'), 'utf8').includes(keyId));
      },
    },
    {
      command: 'sesSmtpToolkit.env.cancelWrite',
      does: 'drops the pending diff (the Cancel button); nothing is written',
      async setup() {
        writeFileSync(path.join(scratch, '.env'), 'B=2\n');
        pendingWrite = run('sesSmtpToolkit.writeEnv', {
          file: path.join(scratch, '.env'),
          convention: 'generic',
          credentialSet: 'prod eu-west-1',
        });
        await waitUntil(isDiffOpen, 'the pending diff');
      },
      async check() {
        assert.equal(await pendingWrite, undefined);
        assert.equal(readFileSync(path.join(scratch, '.env'), 'utf8'), 'B=2\n');
      },
    },
    {
      command: 'sesSmtpToolkit.env.import',
      does: "saves the block's username and password as a set",
      values: { file: envFile },
      async check(result) {
        const set = result as CredentialSet;
        assert.equal(set.username, keyId);
        await run('sesSmtpToolkit.credentials.delete', { credentialSet: set.id, confirm: false });
      },
    },
    {
      command: 'sesSmtpToolkit.env.checkBlock',
      does: "checks the block's login",
      values: { file: envFile },
      check(result) {
        assert.equal((result as { ok: boolean }).ok, true);
      },
    },
    {
      command: 'sesSmtpToolkit.env.sendTestEmail',
      does: 'saves the block as a set and opens Send Test Email with it',
      values: { file: envFile },
      async check(result) {
        const set = result as CredentialSet;
        assert.equal(set.username, keyId);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await run('sesSmtpToolkit.credentials.delete', { credentialSet: set.id, confirm: false });
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.importCsv',
      does: "imports the SES console's credentials.csv for the region",
      values: { file: csvFile },
      setup: async () =>
        writeFileSync(csvFile, `IAM User Name,Smtp Username,Smtp Password\r\n${IAM_USER},${keyId},${password}\r\n`),
      async check(result) {
        const sets = result as CredentialSet[];
        assert.equal(sets.length, 1);
        assert.equal(sets[0].username, keyId);
        assert.equal(sets[0].region, REGION);
        await run('sesSmtpToolkit.credentials.delete', { credentialSet: sets[0].id, confirm: false });
      },
    },
    // Delivery tracking against the AWS API peer's SNS, SQS and SES configuration sets.
    {
      command: 'sesSmtpToolkit.delivery.setUpTracking',
      does: 'creates the topic, the queue, the subscription and the configuration set, and returns their names and ARNs',
      values: { profile: 'e2e' },
      aws: 'iam',
      check(result) {
        const state = result as { region: string; configurationSet: string; topicArn: string; queueUrl: string };
        assert.equal(state.region, REGION);
        assert.equal(state.configurationSet, 'ses-smtp-toolkit-tracking');
        assert.match(state.topicArn, /^arn:aws:sns:eu-west-1:\d{12}:ses-smtp-toolkit-tracking$/);
        assert.match(state.queueUrl, /\/ses-smtp-toolkit-tracking$/);
      },
    },
    {
      command: 'sesSmtpToolkit.delivery.whereIsMessage',
      does: "looks at the region's tracking queue and returns the message's timeline",
      aws: 'iam',
      check(result) {
        const r = result as {
          messageId: string;
          polled: boolean;
          timeline: { recipients: unknown[]; settled: boolean };
        };
        assert.equal(r.messageId, '0100018c1234abcd-11111111-2222-3333-4444-555555555555-000000');
        assert.equal(r.polled, true);
        assert.deepEqual(r.timeline.recipients, [], 'no event is known for an id never sent');
        assert.equal(r.timeline.settled, false);
      },
    },
    {
      command: 'sesSmtpToolkit.delivery.removeTracking',
      does: 'deletes exactly what setup made',
      values: { profile: 'e2e' },
      aws: 'iam',
      check(result) {
        const r = result as { region: string; removed: string[] };
        assert.equal(r.region, REGION);
        assert.equal(r.removed.length, 4, r.removed.join(', '));
      },
    },
    // Explain SES SMTP Error: the text as given, or the active editor's selection.
    {
      command: 'sesSmtpToolkit.explainError',
      does: "explains the application's error with its cause",
      check(result) {
        const r = result as { verdict: string; client: string; causes: Array<{ id: string }>; markdown: string };
        assert.equal(r.verdict, 'ses');
        assert.equal(r.client, 'Python smtplib');
        assert.ok(r.causes.some((c) => c.id === 'wrong-region'));
        assert.match(r.markdown, /^# SES refused this \(Python smtplib\)/);
      },
    },
    {
      command: 'sesSmtpToolkit.explainErrorSelection',
      does: "explains the active editor's selection",
      async setup() {
        const doc = await vscode.workspace.openTextDocument({
          language: 'log',
          content: '2026-12-07 ERROR 421 Connection closed by server. Maximum message count per session reached.\n',
        });
        const editor = await vscode.window.showTextDocument(doc);
        editor.selection = new vscode.Selection(0, 0, 1, 0);
      },
      check(result) {
        const r = result as { causes: Array<{ id: string }> };
        assert.equal(r.causes[0].id, 'session-limit');
      },
    },
    {
      command: 'sesSmtpToolkit.runDoctor',
      does: 'runs the checklist and ranks the findings',
      values: { profile: 'e2e', from: 'noreply@example.com' },
      peer: {
        portMap: { '587': Number(env.SES_E2E_SMTP_PORT), '2587': Number(env.SES_E2E_SMTP_PORT) },
        timeoutSeconds: 10,
        notify: false,
      },
      aws: 'iam',
      check(result) {
        const report = (result as { report: { headline: string; findings: Array<{ check: string; verdict: string }> } })
          .report;
        assert.equal(typeof report.headline, 'string');
        const login = report.findings.filter((f) => /login/i.test(f.check));
        assert.ok(login.length > 0, JSON.stringify(report.findings.map((f) => f.check)));
        assert.ok(
          login.every((f) => f.verdict === 'pass' || f.verdict === 'ok'),
          JSON.stringify(login),
        );
      },
    },
    // AWS: IAM, Secrets Manager and SSM in the AWS API peer, behind the fixtures' proxy that teaches the SMTP server new keys.
    {
      command: 'sesSmtpToolkit.env.lookUpAccessKeys',
      does: "writes the IAM user's access key id as the block's username",
      values: { file: path.join(scratch, '.env.lookup'), profile: 'e2e', accessKeyId: () => keyId },
      aws: 'iam',
      setup: async () =>
        writeFileSync(
          path.join(scratch, '.env.lookup'),
          `SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_USER=${IAM_USER}\nSMTP_PASSWORD=x\n`,
        ),
      async check(result) {
        assert.deepEqual(result, { userName: IAM_USER, accessKeyId: keyId, key: 'SMTP_USER' });
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === path.join(scratch, '.env.lookup'));
        assert.ok(doc?.getText().includes(`SMTP_USER=${keyId}`));
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.exportSecretsManager',
      does: 'writes the set to a Secrets Manager secret',
      values: { profile: 'e2e' },
      aws: 'iam',
      async check(result) {
        const sm = new SecretsManagerClient({ region: REGION, endpoint: env.SES_E2E_AWS_URL, credentials: ROOT_KEY });
        const value = await sm.send(new GetSecretValueCommand({ SecretId: 'ses/smtp/prod' }));
        sm.destroy();
        const json = JSON.parse(value.SecretString ?? '{}') as Record<string, string>;
        assert.equal(json.SMTP_USERNAME, keyId);
        assert.equal(json.SMTP_PASSWORD, password);
        assert.ok((result as { arn: string }).arn);
        assert.ok(!JSON.stringify(result).includes(password), 'the result holds no password');
      },
    },
    // Push SMTP Settings To… against the stub gh on the host's PATH (fixtures.ts).
    {
      command: 'sesSmtpToolkit.deploy.push',
      does: "sets each key as a GitHub Actions secret through gh's stdin and returns names only",
      check(result) {
        const r = result as { ok: boolean; set: string[]; listed: string[]; missing: string[] };
        assert.equal(r.ok, true, JSON.stringify(result));
        assert.ok(r.set.includes('SMTP_PASSWORD'));
        assert.deepEqual(r.missing, []);
        assert.ok(!JSON.stringify(result).includes(password), 'the result holds no password');
        const state = JSON.parse(readFileSync(path.join(env.SES_E2E_STUB_CLIS!, 'state.json'), 'utf8')) as {
          store: Record<string, Record<string, string>>;
        };
        assert.equal(state.store['gh:octo-org/app'].SMTP_PASSWORD, password);
        assert.equal(state.store['gh:octo-org/app'].SMTP_USER, keyId);
        const calls = readFileSync(path.join(env.SES_E2E_STUB_CLIS!, 'calls.jsonl'), 'utf8');
        for (const line of calls.split('\n').filter(Boolean)) {
          const call = JSON.parse(line) as { argv: string[]; env: Record<string, string> };
          assert.ok(!JSON.stringify(call.argv).includes(password), 'no password in argv');
          assert.ok(!JSON.stringify(call.env).includes(password), 'no password in the environment');
        }
      },
    },
    {
      command: 'sesSmtpToolkit.deploy.checkRelay',
      does: 'names the mistakes of a main.cf: TLS not required, the relayhost without brackets',
      values: { file: path.join(scratch, 'main.cf') },
      setup: async () =>
        writeFileSync(
          path.join(scratch, 'main.cf'),
          'relayhost = email-smtp.eu-west-1.amazonaws.com:587\nsmtp_sasl_auth_enable = yes\nsmtp_sasl_password_maps = hash:/nonexistent/sasl_passwd\nsmtp_sasl_security_options = noanonymous\nsmtp_tls_security_level = may\nsender_canonical_maps = hash:/nonexistent/canonical\n',
        ),
      check(result) {
        const r = result as { relay: string; findings: Array<{ code: string }> };
        assert.equal(r.relay, 'postfix');
        const codes = r.findings.map((f) => f.code).filter((c) => c !== 'sasl-module-missing');
        assert.deepEqual(codes, ['relayhost-mx-lookup', 'tls-not-required']);
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.importSecretsManager',
      does: 'saves a set from a Secrets Manager secret',
      values: { profile: 'e2e' },
      aws: 'iam',
      async check(result) {
        const set = result as CredentialSet;
        assert.equal(set.username, keyId);
        await run('sesSmtpToolkit.credentials.delete', { credentialSet: set.id, confirm: false });
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.importParameterStore',
      does: 'saves a set from an SSM SecureString parameter',
      values: { profile: 'e2e' },
      aws: 'iam',
      async setup() {
        // The value the export above wrote (username, password, host and port of the SES-like server).
        const sm = new SecretsManagerClient({ region: REGION, endpoint: env.SES_E2E_AWS_URL, credentials: ROOT_KEY });
        const value = (await sm.send(new GetSecretValueCommand({ SecretId: 'ses/smtp/prod' }))).SecretString;
        sm.destroy();
        const ssm = new SSMClient({ region: REGION, endpoint: env.SES_E2E_AWS_URL, credentials: ROOT_KEY });
        await ssm.send(new PutParameterCommand({ Name: '/ses/smtp/prod', Type: 'SecureString', Value: value }));
        ssm.destroy();
      },
      async check(result) {
        const set = result as CredentialSet;
        assert.equal(set.username, keyId);
        await run('sesSmtpToolkit.credentials.delete', { credentialSet: set.id, confirm: false });
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.createIamUser',
      does: 'creates an IAM user with a send-only policy and a key, and saves its SMTP password',
      values: { profile: 'e2e' },
      aws: 'iam',
      async check(result) {
        const set = result as CredentialSet;
        assert.equal(set.name, 'ses-smtp-user.app');
        assert.match(set.username, /^AKIA/);
        const policy = await iam.send(
          new GetUserPolicyCommand({ UserName: 'ses-smtp-user.app', PolicyName: 'AmazonSesSendingAccess' }),
        );
        assert.match(decodeURIComponent(policy.PolicyDocument ?? ''), /"ses:FromAddress":\["\*@example\.com"\]/);
        await run('sesSmtpToolkit.credentials.delete', { credentialSet: set.id, confirm: false });
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.rotate',
      does: 'makes a new key, checks it, switches the set and the .env files, leaves the old key Inactive',
      values: { profile: 'e2e' },
      aws: 'iam',
      async check(result) {
        rotatedKeyId = (result as { newKeyId: string }).newKeyId;
        assert.match(rotatedKeyId, /^AKIA/);
        assert.notEqual(rotatedKeyId, keyId);
        await run('sesSmtpToolkit.credentials.copyUsername', { credentialSet: 'prod eu-west-1' });
        assert.equal(await vscode.env.clipboard.readText(), rotatedKeyId, 'the set uses the new key');
        assert.match(readFileSync(envFile, 'utf8'), new RegExp(`=${rotatedKeyId}$`, 'm'), 'the .env file follows');
        const keys = (await iam.send(new ListAccessKeysCommand({ UserName: IAM_USER }))).AccessKeyMetadata ?? [];
        assert.deepEqual(
          keys.map((k) => `${k.AccessKeyId}:${k.Status}`).sort(),
          [`${keyId}:Inactive`, `${rotatedKeyId}:Active`].sort(),
        );
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.deleteOldKey',
      does: 'deletes the key the rotation left Inactive',
      values: { profile: 'e2e' },
      aws: 'iam',
      async check(result) {
        assert.deepEqual(result, { deleted: true, keyId, userName: IAM_USER });
        const keys = (await iam.send(new ListAccessKeysCommand({ UserName: IAM_USER }))).AccessKeyMetadata ?? [];
        assert.deepEqual(
          keys.map((k) => k.AccessKeyId),
          [rotatedKeyId],
        );
      },
    },
    // The set's own lifecycle, last (no network from here on).
    {
      command: 'sesSmtpToolkit.credentials.delete',
      does: 'deletes the set',
      async check(result) {
        assert.equal(result, true);
        assert.equal(await hasSet('prod eu-west-1'), false);
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.generate',
      does: 'derives and saves a set',
      values: { accessKeyId: () => keyId, secretAccessKey: () => secret },
      check(result) {
        const set = result as CredentialSet;
        assert.equal(set.name, 'prod');
        assert.equal(set.username, keyId);
        assert.equal(set.region, REGION);
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.rename',
      does: 'renames the set',
      async check(result) {
        assert.equal((result as CredentialSet).name, 'prod eu-west-1');
        assert.equal(await hasSet('prod eu-west-1'), true);
        assert.equal(await hasSet('prod'), false);
      },
    },
    {
      command: 'sesSmtpToolkit.showLog',
      does: 'shows the SES SMTP log',
      check(result) {
        assert.equal(result, undefined);
      },
    },
    {
      command: 'sesSmtpToolkit.credentials.forgetAll',
      does: 'deletes every saved set',
      async check(result) {
        assert.equal(result, 1, 'the one set left (the suite began with none)');
        assert.equal(await hasSet('prod eu-west-1'), false);
      },
    },
  ];

  /** A value given as a function is read when the case runs (keys made in before()). */
  const resolved = (args: Args): Args =>
    Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'function' ? (v as () => unknown)() : v]));

  before(async function () {
    if (!env.SES_E2E_IAM_URL || !env.SES_E2E_SESAPI_URL || !env.SES_E2E_SMTP_PORT)
      throw new Error('the e2e fixtures are not running');
    api = await activateExtension();
    // From no saved sets: "the first set of the region" and Forget All's count are this suite's own.
    await run('sesSmtpToolkit.credentials.forgetAll', { confirm: false });
    const settings = vscode.workspace.getConfiguration('sesSmtpToolkit');
    await settings.update('security.allowUnattendedEffects', true, vscode.ConfigurationTarget.Global);
    await settings.update('dns.servers', [env.SES_E2E_DNS], vscode.ConfigurationTarget.Global);
    // An IAM user and key made through the proxy: the SES-like server accepts the key after 2 s.
    iam = new IAMClient({ region: 'us-east-1', endpoint: env.SES_E2E_IAM_URL, credentials: ROOT_KEY });
    await iam.send(new CreateUserCommand({ UserName: IAM_USER }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: IAM_USER }))).AccessKey!;
    keyId = key.AccessKeyId!;
    secret = key.SecretAccessKey!;
    password = deriveSmtpPassword(secret, REGION);
    await waitUntil(
      async () =>
        (
          await run<{ ok: boolean }>('sesSmtpToolkit.checkLogin', {
            ...smtp,
            region: REGION,
            username: keyId,
            password,
            notify: false,
          })
        ).ok,
      'the SES-like server to accept the new key',
    );
  });
  after(async () => {
    // The SES API peer is shared with the suites after this one: the domain made here goes again.
    const ses = new SESv2Client({ region: REGION, endpoint: env.SES_E2E_SESAPI_URL, credentials: ROOT_KEY });
    await ses.send(new DeleteEmailIdentityCommand({ EmailIdentity: LEGACY_DOMAIN })).catch(() => undefined);
    ses.destroy();
    const settings = vscode.workspace.getConfiguration('sesSmtpToolkit');
    // Back to the harness's default for the suites after this one (test/e2e/index.ts turns it on).
    await settings.update('security.allowUnattendedEffects', true, vscode.ConfigurationTarget.Global);
    await settings.update('dns.servers', baseDnsServers(), vscode.ConfigurationTarget.Global);
    await setAwsEndpoint(undefined);
    iam?.destroy();
    rmSync(envFile, { force: true });
    rmSync(scratch, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it("README's code-block example of Explain SES SMTP Error runs and names the cause", async () => {
    for (const example of README_EXAMPLES.filter((e) => e.command === 'sesSmtpToolkit.explainError')) {
      const r = await run<{ verdict: string; causes: Array<{ id: string }> }>(example.command, example.args);
      assert.equal(r.verdict, 'ses');
      assert.ok(r.causes.some((c) => c.id === 'wrong-region'));
    }
  });

  it('has a contract case for every command of the schema table, and only those', () => {
    const cases = CONTRACTS.map((c) => c.command);
    assert.equal(new Set(cases).size, cases.length, 'one case per command');
    assert.deepEqual([...cases].sort(), Object.keys(COMMAND_SCHEMAS).sort());
  });

  for (const c of CONTRACTS) {
    it(`${c.command.replace('sesSmtpToolkit.', '')}: ${c.does}`, async function () {
      // Under test-electron the console would open in the system's browser: only code-server's page can decline it.
      if (c.command === 'sesSmtpToolkit.explorer.openConsole' && !hasBrowser()) this.skip();
      const endpoint = c.aws === 'sesapi' ? env.SES_E2E_SESAPI_URL : c.aws === 'iam' ? env.SES_E2E_IAM_URL : undefined;
      await setAwsEndpoint(endpoint);
      await c.setup?.();
      const args = resolved(argsFor(c));
      if (c.refused) {
        await assert.rejects(run<unknown>(c.command, args), c.refused);
        await c.check(undefined, args);
        return;
      }
      const pending = run<unknown>(c.command, args);
      await c.meanwhile?.();
      await c.check(await pending, args);
    });
    if (c.command === 'sesSmtpToolkit.deploy.push')
      // Right after its contract: the set "prod eu-west-1" exists (Forget All removes it at the end).
      it("README's Push SMTP Settings To… examples run: the stub fly, staged, in the Rails keys; a .env block into compose.yaml", async () => {
        const examples = README_EXAMPLES.filter((e) => e.command === 'sesSmtpToolkit.deploy.push');
        const fly = examples.find((e) => e.args.target === 'fly')!;
        const result = await run<{ ok: boolean; set: string[] }>(fly.command, fly.args);
        assert.equal(result.ok, true, JSON.stringify(result));
        assert.ok(result.set.includes('AWS_SES_SMTP_PASSWORD'));
        const calls = readFileSync(path.join(env.SES_E2E_STUB_CLIS!, 'calls.jsonl'), 'utf8');
        assert.match(calls, /"argv":\["secrets","import","--app","my-app","--stage"\]/);

        // The Compose example: its "/path/to/.env" is a Laravel .env of the workspace folder.
        const compose = examples.find((e) => e.args.target === 'compose')!;
        const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
        const dotenv = path.join(folder, '.env.contract-compose');
        const composeFile = path.join(folder, String(compose.args.composeFile));
        const gitignore = path.join(folder, '.gitignore');
        const ignoredBefore = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : undefined;
        writeFileSync(
          dotenv,
          `MAIL_MAILER=smtp\nMAIL_HOST=${env.SES_E2E_SMTP_HOST}\nMAIL_PORT=587\nMAIL_USERNAME=${keyId}\nMAIL_PASSWORD=${password}\n`,
        );
        writeFileSync(composeFile, 'services:\n  web:\n    image: busybox # the app\n  db:\n    image: postgres\n');
        try {
          const pushed = await run<{ ok: boolean; files: string[]; convention: string }>(compose.command, {
            ...compose.args,
            file: dotenv,
          });
          assert.equal(pushed.ok, true, JSON.stringify(pushed));
          assert.equal(pushed.convention, 'laravel', "the block's own key names");
          assert.deepEqual(pushed.files, [path.join(folder, '.env.smtp'), composeFile]);
          assert.equal(
            readFileSync(composeFile, 'utf8'),
            'services:\n  web:\n    env_file:\n      - .env.smtp\n    image: busybox # the app\n  db:\n    image: postgres\n',
          );
          const written = readFileSync(path.join(folder, '.env.smtp'), 'utf8');
          assert.match(written, new RegExp(`^MAIL_PASSWORD=${password.replace(/[+/=]/g, '\\$&')}$`, 'm'));
          assert.equal(statSync(path.join(folder, '.env.smtp')).mode & 0o777, 0o600);
          assertGitIgnored(path.join(folder, '.env.smtp'));
        } finally {
          for (const f of [dotenv, composeFile, path.join(folder, '.env.smtp')]) rmSync(f, { force: true });
          if (ignoredBefore === undefined) rmSync(gitignore, { force: true });
          else writeFileSync(gitignore, ignoredBefore);
        }
      });
    if (c.command === 'sesSmtpToolkit.sendTestEmail')
      it("README's code-block examples run: Send Test Email, with BCC, a configuration set and tags, and for a tenant", async () => {
        for (const example of README_EXAMPLES.filter((e) => e.command === 'sesSmtpToolkit.sendTestEmail')) {
          // The configuration set the SES-like server knows stands in for README's "events".
          const args =
            example.args.configurationSet === 'events'
              ? { ...example.args, configurationSet: 'e2e-events' }
              : example.args;
          const result = await run<{ messageId: string }>(example.command, args);
          const mail = (await receivedRaw()).find((m) => m.messageId === result.messageId);
          assert.ok(mail, `${JSON.stringify(example.args)}: the SES-like server received it`);
          if (args.configurationSet) assert.match(mail.raw, /^X-SES-CONFIGURATION-SET: e2e-events\r?$/m);
          if (args.tags) assert.match(mail.raw, /^X-SES-MESSAGE-TAGS: campaign=welcome\r?$/m);
          // The fixtures' tenant acme (fixtures.ts E2E_TENANTS) has example.com and e2e-events.
          if (args.tenant) assert.match(mail.raw, /^X-SES-TENANT: acme\r?$/m);
          if (args.bcc) {
            assert.ok(!/^Bcc:/im.test(mail.raw), 'BCC goes into the envelope only');
            assert.ok(mail.to.includes('audit@example.com'), 'BCC is in the envelope');
          }
        }
      });
  }

  it('the explorer\'s identity commands run from {"region": "eu-west-3", "identity": {"name": "example.com"}}, loading the region', async () => {
    await setAwsEndpoint(env.SES_E2E_SESAPI_URL);
    const ses = new SESv2Client({ region: 'eu-west-3', endpoint: env.SES_E2E_SESAPI_URL, credentials: ROOT_KEY });
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));
    ses.destroy();
    const ref = { region: 'eu-west-3', identity: { name: 'example.com' } };
    // A region the explorer does not show is named, with what to do.
    await assert.rejects(
      run('sesSmtpToolkit.explorer.checkDns', ref),
      /eu-west-3 is not shown in the SES Explorer \(it shows eu-west-1, us-east-2\); add it with "Choose AWS Profile and Regions" first\.$/,
    );
    // Chosen but never opened: the command loads the region itself.
    await run('sesSmtpToolkit.explorer.choose', { profile: 'e2e', regions: ['eu-west-3'] });
    const checks = await run<Array<{ record: { name: string } }>>('sesSmtpToolkit.explorer.checkDns', ref);
    assert.ok(checks.some((c) => c.record.name === '_dmarc.example.com'));
    assert.match(await run<string>('sesSmtpToolkit.explorer.copyRecords', ref), /_domainkey\.example\.com/);
    assert.match(await run<string>('sesSmtpToolkit.explorer.copyRecordsTable', ref), /^Type\s+Name\s+Value/);
    assert.deepEqual(await run('sesSmtpToolkit.explorer.openConsole', ref), {
      url: 'https://eu-west-3.console.aws.amazon.com/ses/home?region=eu-west-3#/identities/example.com',
      opened: true,
    });
    const form = await run<{ from: string; credentialSet?: string }>('sesSmtpToolkit.explorer.sendTestEmail', ref);
    assert.equal(form.from, 'test@example.com');
    assert.equal(form.credentialSet, undefined, 'no saved set sends in eu-west-3');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const upgrade = await run<{ action: string; changed: boolean }>('sesSmtpToolkit.explorer.upgradeDkimKey', {
      ...ref,
      confirm: false,
    });
    assert.deepEqual([upgrade.action, upgrade.changed], ['none', false], 'a 2048-bit key needs no move');
    // An identity the region does not have: named with the region and how many were listed.
    await assert.rejects(
      run('sesSmtpToolkit.explorer.checkDns', { region: 'eu-west-3', identity: { name: 'nothere.example.com' } }),
      /nothere\.example\.com is not an SES identity in eu-west-3 \(1 identities listed there\)\. Check the name and the region, or create it with "Create Identity"\.$/,
    );
    // Near misses that name the same record: a domain in capitals, a record name with a final dot.
    assert.equal(
      await run('sesSmtpToolkit.explorer.copyRecordName', {
        region: 'eu-west-3',
        identity: { name: 'Example.COM' },
        record: { type: 'TXT', name: '_DMARC.example.com.' },
      }),
      '_dmarc.example.com',
    );
    // A record the domain does not need: its records are listed.
    await assert.rejects(
      run('sesSmtpToolkit.explorer.copyRecordValue', { ...ref, record: { type: 'TXT', name: 'nothere.example.com' } }),
      /example\.com needs no TXT record named nothere\.example\.com\. Its records: CNAME .*TXT _dmarc\.example\.com\.$/,
    );
    assert.equal(await run('sesSmtpToolkit.explorer.deleteIdentity', { ...ref, confirm: false }), true);
    await assert.rejects(
      run('sesSmtpToolkit.explorer.checkDns', ref),
      /is not an SES identity in eu-west-3 \(0 identities/,
    );
  });
});
