// "Load All" and "Filter Identities" in the real host against the SES API peer (which logs its
// requests), and a test burst whose pace defaults to the account's MaxSendRate as the explorer read
// it through GetAccount.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import type { ToolkitApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/features/explorer';
import type { BurstSummary } from '../../src/engines/smtp/burstMath';
import { deriveSmtpPassword } from '../../src/base/password';
import { activateExtension, getJson, setAwsEndpoint, waitUntil } from './support';

type Row = vscode.TreeItem & { node: ExplorerNode };
async function rows(api: ToolkitApi, parent?: ExplorerNode): Promise<Row[]> {
  const nodes = await api.explorer.getChildren(parent);
  return nodes.map((node) => Object.assign(api.explorer.getTreeItem(node), { node }));
}

describe('SES Explorer: Load All, Filter Identities, and the burst pace from GetAccount', () => {
  const requestsUrl = `${process.env.SES_E2E_FIXTURES_URL}/sesapi/requests`;
  before(async () => {
    const endpoint = process.env.SES_E2E_SESAPI_URL;
    if (!endpoint) throw new Error('SES API peer fixture missing (SES_E2E_SESAPI_URL)');
    await setAwsEndpoint(endpoint);
  });
  after(async () => {
    await setAwsEndpoint(undefined);
  });

  it('Load All lists 10,000 identities in at most 12 requests; the filter narrows the rows', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', { profile: 'e2e', regions: ['us-east-2'] });
    const [region] = await rows(api);
    await rows(api, region.node);
    const listings = async (): Promise<number> =>
      (await getJson<string[]>(requestsUrl)).filter((r) => r === 'POST /v2/email/list-identities us-east-2').length;
    const before = await listings();
    const loaded = (await vscode.commands.executeCommand('sesSmtpToolkit.explorer.loadAll', {
      region: 'us-east-2',
    })) as {
      identities: number;
    };
    assert.equal(loaded.identities, 10_000);
    assert.ok((await listings()) - before <= 11, `${(await listings()) - before} more listing requests`);
    const [top] = await rows(api);
    assert.equal(top.description, '10000 identities');
    const filtered = (await vscode.commands.executeCommand('sesSmtpToolkit.explorer.filterIdentities', {
      region: 'us-east-2',
      filter: 'user0999',
    })) as { shown: number };
    assert.equal(filtered.shown, 10);
    const shown = (await rows(api, top.node)).filter((r) => r.contextValue === 'sesIdentity').map((r) => r.label);
    assert.deepEqual(shown.slice(0, 2), ['user09990@big.example.com', 'user09991@big.example.com']);
    assert.equal(shown.length, 10);
    await vscode.commands.executeCommand('sesSmtpToolkit.explorer.filterIdentities', {
      region: 'us-east-2',
      filter: '',
    });
    assert.equal((await rows(api, top.node)).filter((r) => r.contextValue === 'sesIdentity').length, 10_000);
  });

  it('a burst without a rate goes at the account maximum the explorer read (sandbox: 1 per second)', async () => {
    const api = await activateExtension();
    const region = process.env.SES_E2E_SMTP_REGION ?? 'eu-west-1';
    await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', { profile: 'e2e', regions: [region] });
    const [node] = await rows(api);
    await rows(api, node.node);
    await waitUntil(() => api.explorer.regionInfo(region)?.maxSendRate, 'the maximum send rate of the region');
    await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
      name: 'e2e pace',
      region,
      host: process.env.SES_E2E_SMTP_HOST,
      port: Number(process.env.SES_E2E_SMTP_PORT),
      tls: 'starttls',
      username: process.env.SES_E2E_ACCESS_KEY,
      password: deriveSmtpPassword(process.env.SES_E2E_SECRET ?? '', region),
      from: 'sender@example.com',
    });
    const report = (await vscode.commands.executeCommand('sesSmtpToolkit.sendTestBurst', {
      credentialSet: 'e2e pace',
      count: 3,
    })) as { summary: BurstSummary };
    assert.equal(report.summary.maxSendRate, 1);
    assert.equal(report.summary.targetRate, 1);
    assert.equal(report.summary.accepted, 3);
  });
});
