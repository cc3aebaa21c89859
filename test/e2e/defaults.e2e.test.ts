// Prompts start from what the user chose elsewhere (issue #31 item 5): with a profile and regions
// chosen in the SES Explorer, the AWS profile picker offers that profile first, said so, and a region
// prompt starts at the explorer's first region, not at us-east-1. Read from the real quick pick.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import type { Selection } from '../../src/features/explorer/root';
import { activateExtension, hasBrowser, inWorkbench, screenshot, setAwsEndpoint } from './support';

const QUICK = '.quick-input-widget';
const FOCUSED = `${QUICK} .monaco-list-row.focused`;

describe("prompts start from the SES Explorer's choice", () => {
  let selectionBefore: Selection | undefined;
  before(async () => {
    const api = await activateExtension();
    selectionBefore = api.explorer.selection();
    await setAwsEndpoint(process.env.SES_E2E_SESAPI_URL);
    // eu-west-3 first: not the built-in default (us-east-1), nor the region the fixtures' sets use.
    await api.testHooks!.selectExplorer({ profile: 'e2e', regions: ['eu-west-3', 'eu-west-1'] });
  });
  after(async () => {
    await (await activateExtension()).testHooks!.selectExplorer(selectionBefore);
    await setAwsEndpoint(undefined);
  });

  it("the AWS profile picker offers the explorer's profile first, saying why", async function () {
    if (!hasBrowser()) this.skip();
    const flow = Promise.resolve(vscode.commands.executeCommand('sesSmtpToolkit.credentials.createIamUser'));
    const [, focused] = (await inWorkbench(
      { waitText: { selector: `${QUICK} .quick-input-title`, text: 'AWS credentials', timeoutMs: 15_000 } },
      { text: FOCUSED },
    )) as string[];
    await screenshot('defaults-profile-picker');
    await inWorkbench({ press: 'Escape' });
    assert.match(focused, /e2e.*chosen in the SES Explorer/s);
    assert.equal(await flow, undefined, 'cancelled: nothing created');
  });

  it("a region prompt starts at the explorer's first region", async function () {
    if (!hasBrowser()) this.skip();
    const flow = Promise.resolve(
      vscode.commands.executeCommand('sesSmtpToolkit.credentials.createIamUser', { profile: 'e2e' }),
    );
    const [, focused] = (await inWorkbench(
      { waitText: { selector: `${QUICK} .quick-input-title`, text: 'region', timeoutMs: 15_000 } },
      { text: FOCUSED },
    )) as string[];
    await inWorkbench({ press: 'Escape' });
    assert.match(focused, /^\s*eu-west-3/);
    assert.equal(await flow, undefined, 'cancelled: nothing created');
  });
});
