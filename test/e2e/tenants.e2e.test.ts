// SES tenants (#27 item 4) in the real host, from every entry point a user has, against the fixtures'
// tenants of eu-west-1 (fixtures.ts E2E_TENANTS: acme sends with example.com, verified.example.com and
// e2e-events; globex has verified.example.com and e2e-events and is paused by its owner; initech was
// paused by SES): the SES API
// peer lists them (ListTenants, GetTenant, resources, reputation) and the SES-like SMTP server knows
// the same ones (X-SES-TENANT: an unknown or paused tenant, or a resource outside it, gets a 554).
// - the form: Advanced → the tenant suggested from ListTenants, picked in the real webview, sent;
//   the server got X-SES-TENANT; a paused tenant's refusal is diagnosed in the form;
// - argument objects: Send Test Email and the burst with a tenant (and a configuration set); a
//   resource outside the tenant and an unknown tenant → the diagnosed refusals;
// - the SES Explorer: the region's "Tenants" row, the tenants with status and impact, a tenant's
//   resources, opened by clicks and the keyboard in the real tree;
// - Run SMTP Doctor with tenant and configurationSet: passes for acme, names the paused tenant and a
//   From identity the tenant does not have.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { deriveSmtpPassword } from '../../src/base/password';
import type { CredentialSet } from '../../src/base/credentialSets';
import type { BurstSummary } from '../../src/engines/smtp/burstMath';
import type { ExplorerNode } from '../../src/features/explorer';
import type { ToolkitApi } from '../../src/extension';
import { startIamStsPeer, type IamStsPeer } from '../support/iamStsPeer';
import { freePort } from '../support/ports';
import {
  activateExtension,
  addFixtureSet,
  hasBrowser,
  inWebview,
  inWorkbench,
  screenshot,
  secretForms,
  setAwsEndpoint,
  waitUntil,
} from './support';
import { headersOf, receivedRaw } from './sendOptionsSupport';

const env = process.env;
const REGION = 'eu-west-1';
const SET = 'e2e tenants';
const FROM = 'noreply@verified.example.com';
const SIMULATOR = 'success@simulator.amazonses.com';
const ROOT_KEY = { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: 'peerRootSecretKeyExample000000000000000' };
/** The headline of the send just made: the previous result is greyed (.stale) until the new one starts. */
const FRESH_HEADLINE = '#progress:not(.stale) #result-headline';
const SIDEBAR_ROW = '.part.sidebar .monaco-list-row';

interface SendReport {
  ok: boolean;
  messageId?: string;
  headline: string;
  causes: Array<{ id: string; title: string; fix: string }>;
}

type Row = vscode.TreeItem & { node: ExplorerNode };
async function rows(api: ToolkitApi, parent?: ExplorerNode): Promise<Row[]> {
  const nodes = await api.explorer.getChildren(parent);
  return nodes.map((node) => Object.assign(api.explorer.getTreeItem(node), { node }));
}
const line = (r: Row): string => `${String(r.label)}|${String(r.description ?? '')}`;

const send = (args: Record<string, unknown>): Promise<SendReport> =>
  Promise.resolve(
    vscode.commands.executeCommand<SendReport>('sesSmtpToolkit.sendTestEmail', {
      credentialSet: SET,
      from: FROM,
      to: SIMULATOR,
      ...args,
    }),
  );

describe('SES tenants in the real host', function () {
  this.timeout(120_000);
  let set: CredentialSet;
  const password = deriveSmtpPassword(env.SES_E2E_SECRET ?? '', REGION);

  before(async () => {
    if (!env.SES_E2E_SMTP_PORT || !env.SES_E2E_SESAPI_URL)
      throw new Error('fixtures missing (SES_E2E_SMTP_PORT, SES_E2E_SESAPI_URL)');
    await activateExtension();
    set = await addFixtureSet(SET, { from: FROM, region: REGION });
    // The profile's region in the explorer: the form suggests its tenants, the explorer shows them.
    await setAwsEndpoint(env.SES_E2E_SESAPI_URL);
    await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', { profile: 'e2e', regions: [REGION] });
  });
  after(async () => {
    await setAwsEndpoint(undefined);
  });

  describe('Send Test Email form', () => {
    it('Advanced suggests the region\u2019s tenants from ListTenants; the name from the list is sent as X-SES-TENANT', async function () {
      if (!hasBrowser()) this.skip();
      await vscode.commands.executeCommand('sesSmtpToolkit.sendTestEmail');
      await waitUntil(
        () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Send Test Email')),
        'the Send Test Email tab',
      );
      await inWebview(
        { waitText: { selector: '#set option', text: SET } },
        { select: { selector: '#set', value: set.id } },
        { fill: { selector: '#from', value: FROM } },
        { click: 'button.chip:text-is("success")' },
        { fill: { selector: '#subject', value: 'tenant e2e' } },
      );
      // The form may be open from an earlier suite with Advanced already open: a click would close it.
      const [advancedOpen] = (await inWebview({ count: '#advanced-box[open]' })) as number[];
      if (!advancedOpen) await inWebview({ click: '#advanced-box > summary' });
      // Choosing the credentials asked the host for the region's sets and tenants.
      const [hint, setHint] = (await inWebview(
        { waitText: { selector: '#tenant-hint', text: 'tenants in this region' } },
        { waitText: { selector: '#config-set-hint', text: 'configuration sets in this region' } },
      )) as string[];
      assert.equal(hint, '3 tenants in this region (pick one, or type). Sent as X-SES-TENANT.');
      assert.match(setHint, /^2 configuration sets in this region/);
      const [suggested] = (await inWebview({ html: '#tenant-list' })) as string[];
      const names = [...suggested.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual(names, ['acme', 'globex', 'initech'], suggested);
      // The paused ones say so in the list (SES would refuse their mail).
      const labels = [...suggested.matchAll(/<option[^>]*label="([^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual(labels, ['acme', 'globex (paused)', 'initech (paused)'], suggested);
      // As a user picks from the list: type the start of the name, the browser's suggestion, Enter.
      await inWebview({ fill: { selector: '#tenant', value: '' } }, { click: '#tenant' });
      await inWebview({ press: 'a' }, { press: 'c' }, { press: 'ArrowDown' }, { press: 'Enter' });
      let [picked] = (await inWebview({ value: '#tenant' })) as string[];
      console.log(
        `tenants e2e: the datalist ${picked === 'acme' ? 'suggestion was picked by keyboard' : 'drew no popup; typed'}`,
      );
      if (picked !== 'acme') {
        // Headless Chromium draws no datalist popup to pick from: the name from the list, typed whole.
        assert.ok(names.includes('acme'));
        [picked] = (await inWebview(
          { fill: { selector: '#tenant', value: 'acme' } },
          { value: '#tenant' },
        )) as string[];
      }
      assert.equal(picked, 'acme');
      await inWebview({ select: { selector: '#config-set-select', value: 'e2e-events' } });
      await screenshot('tenants-form');
      const before = (await receivedRaw()).length;
      const [headline] = (await inWebview(
        { click: '#send' },
        { waitText: { selector: FRESH_HEADLINE, text: 'Accepted', timeoutMs: 45_000 } },
      )) as string[];
      assert.equal(headline, '✓ Accepted by SES');
      const got = (await receivedRaw()).slice(before);
      assert.equal(got.length, 1, 'one message');
      const h = headersOf(got[0].raw);
      assert.deepEqual(h.get('x-ses-tenant'), ['acme']);
      assert.deepEqual(h.get('x-ses-configuration-set'), ['e2e-events']);
      await screenshot('tenants-form-sent');
      // The history keeps the tenant, and Send Again fills it back in with the configuration set.
      const [entry] = (await inWebview({
        waitText: { selector: '#history .history-entry', text: 'tenant acme', timeoutMs: 15_000 },
      })) as string[];
      assert.match(entry, /set e2e-events/);
      const refilled = (await inWebview(
        { fill: { selector: '#tenant', value: '' } },
        { click: '#history .history-entry:has-text("tenant acme") button[data-action="again"]' },
        { value: '#tenant' },
        { value: '#configurationSet' },
      )) as string[];
      assert.deepEqual(refilled, ['acme', 'e2e-events']);
    });

    it('a paused tenant: SES refuses, nothing is sent, and the form shows the diagnosis', async function () {
      if (!hasBrowser()) this.skip();
      const before = (await receivedRaw()).length;
      const [headline, cause] = (await inWebview(
        { fill: { selector: '#tenant', value: 'globex' } },
        { click: '#send' },
        { waitText: { selector: FRESH_HEADLINE, text: 'Rejected', timeoutMs: 45_000 } },
        { waitText: { selector: '#causes li[data-cause="tenant-paused"]', text: 'paused' } },
      )) as string[];
      assert.match(headline, /Rejected \(554\).*Sending is paused for tenant globex/);
      assert.match(cause, /The tenant globex is paused in eu-west-1/);
      assert.match(cause, /Fix: See who paused it in the SES Explorer/);
      assert.equal((await receivedRaw()).length, before, 'nothing was accepted');
      await screenshot('tenants-form-paused');
      await inWebview(
        { fill: { selector: '#tenant', value: '' } },
        { select: { selector: '#config-set-select', value: '' } },
      );
    });
  });

  describe('argument objects', () => {
    it('sendTestEmail with tenant (and a configuration set of the tenant) sends X-SES-TENANT', async () => {
      const report = await send({ tenant: 'acme', configurationSet: 'e2e-events', subject: 'tenant by argument' });
      assert.equal(report.ok, true, report.headline);
      const mail = (await receivedRaw()).find((m) => m.messageId === report.messageId);
      assert.ok(mail, 'the SES-like server received it');
      assert.deepEqual(headersOf(mail.raw).get('x-ses-tenant'), ['acme']);
      assert.deepEqual(headersOf(mail.raw).get('x-ses-configuration-set'), ['e2e-events']);
    });

    it('a configuration set or a From identity outside the tenant, a paused and an unknown tenant: each refusal diagnosed', async () => {
      const before = (await receivedRaw()).length;
      const set = await send({ tenant: 'acme', configurationSet: 'e2e-quiet' });
      assert.equal(set.ok, false);
      // "Access denied: Tenant not associated …": the resources, not the IAM user's permission.
      assert.equal(
        set.headline,
        'Rejected (554): the tenant (X-SES-TENANT) is not associated with configuration set e2e-quiet',
      );
      assert.equal(set.causes[0].id, 'tenant-not-associated');
      assert.equal(set.causes[0].title, 'The tenant acme may not use configuration-set e2e-quiet.');
      const identity = await send({ tenant: 'acme', configurationSet: 'e2e-events', from: 'app@example.org' });
      assert.equal(identity.causes[0].id, 'tenant-not-associated');
      assert.equal(identity.causes[0].title, 'The tenant acme may not use identity example.org.');
      const paused = await send({ tenant: 'initech', configurationSet: 'e2e-quiet', from: 'app@example.com' });
      assert.equal(paused.causes[0].id, 'tenant-paused');
      const unknown = await send({ tenant: 'acme-corp', configurationSet: 'e2e-events' });
      assert.equal(unknown.causes[0].id, 'tenant-not-found');
      assert.equal(unknown.causes[0].title, 'SES has no tenant "acme-corp" in eu-west-1 (named by X-SES-TENANT).');
      assert.equal((await receivedRaw()).length, before, 'SES accepted none of them');
      // A tenant name SES cannot have is refused before anything is sent, naming the field.
      await assert.rejects(send({ tenant: 'acme corp' }), /"tenant".*may contain only ASCII letters, digits/);
    });

    it('the burst with tenant and configurationSet: every message carries both; a paused tenant fails each', async () => {
      const before = (await receivedRaw()).length;
      const report = (await vscode.commands.executeCommand('sesSmtpToolkit.sendTestBurst', {
        credentialSet: SET,
        from: FROM,
        count: 4,
        rate: 50,
        tenant: 'acme',
        configurationSet: 'e2e-events',
      })) as { ok: boolean; headline: string; summary: BurstSummary };
      assert.equal(report.ok, true, report.headline);
      assert.equal(report.summary.accepted, 4);
      const got = (await receivedRaw()).slice(before);
      assert.equal(got.length, 4);
      for (const m of got) {
        assert.deepEqual(headersOf(m.raw).get('x-ses-tenant'), ['acme']);
        assert.deepEqual(headersOf(m.raw).get('x-ses-configuration-set'), ['e2e-events']);
      }
      const paused = (await vscode.commands.executeCommand('sesSmtpToolkit.sendTestBurst', {
        credentialSet: SET,
        from: FROM,
        count: 2,
        rate: 50,
        tenant: 'globex',
        configurationSet: 'e2e-events',
      })) as { ok: boolean; headline: string; summary: BurstSummary };
      assert.equal(paused.ok, false);
      assert.equal(paused.summary.accepted, 0);
      assert.match(paused.summary.failures[0]?.reply ?? '', /Sending is paused for tenant globex/);
      assert.equal((await receivedRaw()).length, before + 4);
    });
  });

  describe('SES Explorer', () => {
    it('the region shows "Tenants"; each tenant with its status and impact; a tenant\u2019s resources', async () => {
      const api = await activateExtension();
      await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', { profile: 'e2e', regions: [REGION] });
      const [region] = await rows(api);
      assert.equal(region.label, REGION);
      const children = await rows(api, region.node);
      const tenantsRow = children.find((r) => r.contextValue === 'sesTenants');
      assert.ok(tenantsRow, children.map(line).join('\n'));
      assert.equal(line(tenantsRow), 'Tenants|3 tenants, 2 paused');
      const tenants = await rows(api, tenantsRow.node);
      assert.deepEqual(tenants.map(line), [
        'acme|enabled · impact LOW',
        'globex|paused by you',
        'initech|paused by SES · impact HIGH',
      ]);
      const acme = await rows(api, tenants[0].node);
      assert.deepEqual(acme.map(line).sort(), [
        'e2e-events|configuration set',
        'example.com|identity',
        'verified.example.com|identity',
        'welcome|template',
      ]);
      if (!hasBrowser()) return;
      // The same rows drawn in the real tree, opened as a user does: a click on the region and on
      // "Tenants" (which leaves the focus on it), then the keyboard: ↓ to acme, → opens it.
      await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
      const row = (label: string): string => `${SIDEBAR_ROW}[aria-label^="${label}"]`;
      const expanded = async (label: string): Promise<boolean> =>
        ((await inWorkbench({ count: `${row(label)}[aria-expanded="true"]` })) as number[])[0] > 0;
      await inWorkbench({ waitText: { selector: row(REGION), text: REGION, timeoutMs: 20_000 } });
      if (!(await expanded(REGION))) await inWorkbench({ click: row(REGION) });
      await inWorkbench({ waitText: { selector: row('Tenants'), text: '3 tenants, 2 paused', timeoutMs: 20_000 } });
      // A row's expansion is remembered by its id: start from "Tenants" closed, so the click opens it.
      if (await expanded('Tenants')) await inWorkbench({ click: row('Tenants') });
      await inWorkbench({ click: row('Tenants') });
      const [globex] = (await inWorkbench({
        waitText: { selector: SIDEBAR_ROW, text: 'globex', timeoutMs: 20_000 },
      })) as string[];
      assert.match(globex, /globex\s*paused by you/);
      // A tenant row's accessible name says the tenant and its status (its tooltip, ARN last).
      const [initech] = (await inWorkbench({
        text: row(
          'Tenant initech in eu-west-1: paused (by SES: The bounce rate went over 10%.), reputation impact HIGH',
        ),
      })) as string[];
      assert.match(initech, /initech\s*paused by SES · impact HIGH/);
      await inWorkbench({ waitText: { selector: `${SIDEBAR_ROW}.focused`, text: 'Tenants', timeoutMs: 10_000 } });
      await inWorkbench({ press: 'ArrowDown' });
      await inWorkbench({ waitText: { selector: `${SIDEBAR_ROW}.focused`, text: 'acme', timeoutMs: 10_000 } });
      if (await expanded('Tenant acme')) await inWorkbench({ press: 'ArrowLeft' });
      await inWorkbench({ press: 'ArrowRight' });
      // acme's rows, by their accessible names (the region's own identity rows have others).
      const [resource] = (await inWorkbench({
        waitText: {
          selector: row('verified.example.com (identity) of the tenant acme'),
          text: 'verified.example.com',
          timeoutMs: 20_000,
        },
      })) as string[];
      assert.match(resource, /verified\.example\.com\s*identity/);
      const [template] = (await inWorkbench({ text: row('welcome (template) of the tenant acme') })) as string[];
      assert.match(template, /welcome\s*template/);
      await new Promise((r) => setTimeout(r, 500));
      await screenshot('tenants-explorer');
    });
  });

  describe('Run SMTP Doctor', () => {
    let peer: IamStsPeer;
    const key = env.SES_E2E_ACCESS_KEY ?? '';
    before(async () => {
      const awsUrl = env.SES_E2E_AWS_URL;
      if (!awsUrl || !key) throw new Error('fixtures missing (SES_E2E_AWS_URL, SES_E2E_ACCESS_KEY)');
      // The SMTP key's IAM user, so the Doctor's key checks pass and only the tenant is in question.
      const iam = new IAMClient({ region: 'us-east-1', endpoint: awsUrl, credentials: ROOT_KEY });
      await iam.send(new CreateUserCommand({ UserName: 'tenants-e2e-smtp' }));
      await iam.send(
        new PutUserPolicyCommand({
          UserName: 'tenants-e2e-smtp',
          PolicyName: 'send',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'ses:SendRawEmail', Resource: '*' }],
          }),
        }),
      );
      iam.destroy();
      // IAM and STS here, SES to the fixtures' SES API peer with its tenants: one endpoint, as the Doctor wants.
      peer = await startIamStsPeer({
        upstream: awsUrl,
        ses: env.SES_E2E_SESAPI_URL,
        keys: [{ accessKeyId: key, userName: 'tenants-e2e-smtp', account: '123456789012' }],
      });
      await setAwsEndpoint(peer.endpoint);
    });
    after(async () => {
      await setAwsEndpoint(env.SES_E2E_SESAPI_URL);
      await peer?.stop();
    });

    type Outcome = {
      report: { headline: string; findings: Array<{ cause?: string; verdict: string; check: string; title: string }> };
      markdown: string;
    };
    const doctor = async (args: Record<string, unknown>): Promise<Outcome> => {
      const smtpPort = Number(env.SES_E2E_SMTP_PORT);
      const closed = await freePort();
      return (await vscode.commands.executeCommand('sesSmtpToolkit.runDoctor', {
        host: '127.0.0.1',
        region: REGION,
        port: 587,
        portMap: { '587': smtpPort, '2587': smtpPort, '465': closed, '2465': closed, '25': closed },
        username: key,
        password,
        from: FROM,
        to: SIMULATOR,
        profile: 'e2e',
        timeoutSeconds: 10,
        ...args,
      })) as Outcome;
    };
    const tenantFindings = (o: Outcome): Outcome['report']['findings'] =>
      o.report.findings.filter((f) => f.check === 'tenant');

    it('the tenant check passes for acme with its identity and configuration set', async () => {
      const outcome = await doctor({ tenant: 'acme', configurationSet: 'e2e-events' });
      const found = tenantFindings(outcome);
      assert.deepEqual(
        found.map((f) => [f.verdict, f.title]),
        [
          [
            'pass',
            'The tenant "acme" sends in eu-west-1 (enabled); the From identity and the configuration set belong to it.',
          ],
        ],
        outcome.report.findings.map((f) => `${f.verdict} ${f.check} ${f.title}`).join('\n'),
      );
      for (const form of [...secretForms(password), key])
        assert.ok(!outcome.markdown.includes(form), 'no secret and no full username in the Markdown');
    });

    it('names the paused tenant (by you) first, and a From identity the tenant does not have', async () => {
      const paused = await doctor({ tenant: 'globex', configurationSet: 'e2e-events' });
      const summary = paused.report.findings
        .map((f) => `${f.verdict} ${f.check} ${f.cause ?? ''} ${f.title}`)
        .join('\n');
      assert.equal(paused.report.findings[0].cause, 'tenant-paused', summary);
      assert.equal(
        paused.report.findings[0].title,
        'The tenant "globex" is paused in eu-west-1 (by you): Paused while the new list is cleaned. SES refuses its mail.',
      );
      assert.match(paused.report.headline, /globex/);
      if (hasBrowser()) {
        const [headline] = (await inWebview({
          waitText: { selector: '.headline', text: 'globex', timeoutMs: 20_000 },
        })) as string[];
        assert.match(headline, /paused/);
        await screenshot('tenants-doctor-paused');
      }
      const foreign = await doctor({ tenant: 'acme', configurationSet: 'e2e-events', from: 'app@example.org' });
      const failed = tenantFindings(foreign).filter((f) => f.verdict === 'fail');
      assert.deepEqual(
        failed.map((f) => [f.cause, f.title]),
        [
          [
            'tenant-identity-not-associated',
            'Neither app@example.org nor its domain is an identity of the tenant "acme": SES refuses the mail.',
          ],
        ],
      );
      const missing = await doctor({ tenant: 'umbrella', configurationSet: 'e2e-events' });
      assert.equal(tenantFindings(missing)[0].cause, 'tenant-not-found');
    });
  });
});
