// The kinds of DKIM in the explorer, against the SES API peer (seeded in fixtures.ts): Easy DKIM
// with its signing zone or with the zone assumed, Bring Your Own DKIM, a Deterministic Easy DKIM
// replica of us-east-1; the move to 2048-bit through its command; the replica row revealing its
// parent; Check DNS Records saying its verdicts in words.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import type { ExplorerNode } from '../../src/features/explorer';
import type { ToolkitApi } from '../../src/extension';
import {
  activateExtension,
  baseDnsServers,
  getJson,
  hasBrowser,
  inWorkbench,
  screenshot,
  seenText,
  setAwsEndpoint,
  waitUntil,
} from './support';

type Row = vscode.TreeItem & { node: ExplorerNode };
async function rows(api: ToolkitApi, parent?: ExplorerNode): Promise<Row[]> {
  const nodes = await api.explorer.getChildren(parent);
  return nodes.map((node) => Object.assign(api.explorer.getTreeItem(node), { node }));
}
const row = (n: vscode.TreeItem): string => `${String(n.label)}|${String(n.description ?? '')}`;
const UPGRADE = 'sesSmtpToolkit.explorer.upgradeDkimKey';
const SHOW_PARENT = 'sesSmtpToolkit.explorer.showDkimParent';
const CENTRAL = 'eu-central-1';

/** The domains of eu-central-1 (and the region rows), once their DKIM details have arrived. */
async function central(api: ToolkitApi, regions = [CENTRAL, 'us-east-1']) {
  await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose', { profile: 'e2e', regions });
  const top = await rows(api);
  const domains = await waitUntil(async () => {
    const children = await rows(api, top[0].node);
    return children.filter((n) => /DKIM/.test(String(n.description))).length === 4 ? children : undefined;
  }, 'DKIM states on the eu-central-1 domains');
  return { top, byName: new Map(domains.map((n) => [String(n.label), n])) };
}

/** A row's index in the rendered tree (data-index of the first row whose aria-label starts so). */
async function rowIndex(selector: string): Promise<number> {
  const [html] = (await inWorkbench({ html: selector })) as string[];
  return Number(/data-index="(\d+)"/.exec(html)?.[1] ?? NaN);
}

describe('SES Explorer: the kinds of DKIM (SES API peer)', () => {
  const requestsUrl = `${process.env.SES_E2E_FIXTURES_URL}/sesapi/requests`;
  before(async () => {
    const endpoint = process.env.SES_E2E_SESAPI_URL;
    if (!endpoint) throw new Error('SES API peer fixture missing (SES_E2E_SESAPI_URL)');
    await setAwsEndpoint(endpoint);
  });
  after(async () => {
    await setAwsEndpoint(undefined);
  });

  it('Easy DKIM, BYODKIM and a replica in the tree, each as SES describes it', async () => {
    const api = await activateExtension();
    const { top, byName } = await central(api);
    const children = async (name: string): Promise<string[]> => (await rows(api, byName.get(name)!.node)).map(row);
    // The identity rows keep the console's words; the DKIM row says the kind and the key.
    assert.equal(row(byName.get('easy.example.com')!), 'easy.example.com|Verified · DKIM verified');
    const easy = await children('easy.example.com');
    assert.equal(easy[0], 'DKIM|Verified · Easy DKIM · 2048-bit');
    const cnames = easy.filter((l) => l.startsWith('CNAME'));
    assert.equal(cnames.length, 3, easy.join('\n'));
    for (const l of cnames)
      assert.match(l, /^CNAME ([0-9a-f]{32})\._domainkey\.easy\.example\.com\|\1\.dkim\.eu-central-1\.amazonses\.com$/);

    const legacyRows = await rows(api, byName.get('legacy.example.com')!.node);
    assert.equal(row(legacyRows[0]), 'DKIM|Verified · Easy DKIM · 1024-bit');
    const legacyCname = legacyRows.find((n) => String(n.label).startsWith('CNAME'))!;
    assert.match(row(legacyCname), /\|[0-9a-f]{32}\.dkim\.amazonses\.com$/);
    assert.match(
      String(legacyCname.tooltip),
      /SES did not return a signing zone \(SigningHostedZone\).*dkim\.amazonses\.com is assumed/,
    );
    assert.equal(byName.get('legacy.example.com')!.contextValue, 'sesDomainIdentity.dkimUpgrade');
    assert.equal(byName.get('easy.example.com')!.contextValue, 'sesDomainIdentity');

    const byo = await children('byo.example.com');
    assert.equal(byo[0], 'DKIM|Verified · BYODKIM');
    assert.ok(
      byo.includes('TXT sel2026._domainkey.byo.example.com|v=DKIM1; k=rsa; p=<your public key>'),
      byo.join('\n'),
    );
    assert.ok(!byo.some((l) => l.startsWith('CNAME')), byo.join('\n'));

    // The replica: its DKIM is us-east-1's, its CNAMEs are that identity's.
    const replica = await children('global.example.com');
    assert.equal(replica[0], 'DKIM|Verified · replica of us-east-1 · 2048-bit');
    assert.equal(replica[1], 'Replicates DKIM of global.example.com in us-east-1|');
    const east = await waitUntil(async () => {
      const [parent] = (await rows(api, top[1].node)).filter((n) => n.label === 'global.example.com');
      return parent && /DKIM/.test(String(parent.description)) ? parent : undefined;
    }, 'the parent identity in us-east-1');
    const parentCnames = (await rows(api, east.node)).map(row).filter((l) => l.startsWith('CNAME'));
    assert.equal(parentCnames.length, 3);
    assert.deepEqual(
      replica.filter((l) => l.startsWith('CNAME')),
      parentCnames,
    );

    if (hasBrowser()) {
      await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
      await inWorkbench({ click: '.pane-header[aria-label^="SMTP Credentials"]' });
      await inWorkbench(
        { click: `.monaco-list-row[aria-label^="${CENTRAL}"]` },
        { waitText: { selector: '.monaco-list-row', text: 'byo.example.com', timeoutMs: 15_000 } },
      );
      // The menus follow the contextValue: the 2048-bit move on the 1024-bit Easy DKIM domain only.
      await inWorkbench(
        { click: '.part.sidebar .monaco-list-row[aria-label^="legacy.example.com"]' },
        { press: 'Shift+F10' },
      );
      const [menu] = (await inWorkbench({
        waitText: { selector: '.monaco-menu', text: '2048-bit', timeoutMs: 15_000 },
      })) as string[];
      assert.match(menu, /Check DNS Records/);
      assert.match(menu, /DKIM Key to 2048-bit/);
      await inWorkbench(
        { press: 'Escape' },
        { click: '.part.sidebar .monaco-list-row[aria-label^="legacy.example.com"]' },
      );
      await inWorkbench(
        { click: '.part.sidebar .monaco-list-row[aria-label^="easy.example.com"]' },
        { press: 'Shift+F10' },
      );
      const [easyMenu] = (await inWorkbench({
        waitText: { selector: '.monaco-menu', text: 'Check DNS Records', timeoutMs: 15_000 },
      })) as string[];
      assert.doesNotMatch(easyMenu, /2048-bit/);
      await inWorkbench({ press: 'Escape' });
      for (const name of ['byo.example.com', 'global.example.com']) {
        await inWorkbench({ click: `.monaco-list-row[aria-label^="${name}"]` });
      }
      await inWorkbench({
        waitText: { selector: '.monaco-list-row', text: 'Replicates DKIM of global.example.com', timeoutMs: 15_000 },
      });
      await inWorkbench({
        waitText: { selector: '.monaco-list-row', text: 'sel2026._domainkey.byo.example.com', timeoutMs: 15_000 },
      });
      // Wide enough for the records' values (the signing zone), as a user would drag the sidebar.
      await inWorkbench({ dragRightEdge: { selector: '.part.sidebar', dx: 640 } });
      await new Promise((r) => setTimeout(r, 300));
      await screenshot('explorer-dkim-kinds');
      await inWorkbench(
        { click: '.pane-header[aria-label^="SMTP Credentials"]' },
        { dragRightEdge: { selector: '.part.sidebar', dx: -640 } },
      );
    }
  });

  it('the replica row reveals its parent in us-east-1, or adds that region first', async () => {
    const api = await activateExtension();
    const { top, byName } = await central(api);
    const link = (await rows(api, byName.get('global.example.com')!.node))[1];
    assert.equal(link.command?.command, SHOW_PARENT);
    const shown = (await vscode.commands.executeCommand(
      SHOW_PARENT,
      ...(link.command?.arguments ?? []),
    )) as ExplorerNode;
    assert.equal(shown.parent, top[1].node, 'the identity in us-east-1');
    assert.equal(row(api.explorer.getTreeItem(shown)), 'global.example.com|Verified · DKIM verified');
    if (hasBrowser()) {
      // Selected in the tree, below the us-east-1 row (the replica sits above it, under eu-central-1).
      await vscode.commands.executeCommand('workbench.view.extension.sesSmtpToolkit');
      const [selected] = (await inWorkbench({
        waitText: { selector: '.monaco-list-row.selected', text: 'global.example.com', timeoutMs: 15_000 },
      })) as string[];
      assert.match(selected, /^global\.example\.com/);
      const parentAt = await rowIndex('.monaco-list-row.selected[aria-label^="global.example.com"]');
      assert.ok(
        parentAt > (await rowIndex('.part.sidebar .monaco-list-row[aria-label^="us-east-1"]')),
        `row ${parentAt}`,
      );
    }
    // Only eu-central-1 in the tree: the row says so, and its command adds us-east-1.
    const alone = await central(api, [CENTRAL]);
    const hidden = (await rows(api, alone.byName.get('global.example.com')!.node))[1];
    assert.equal(row(hidden), 'Replicates DKIM of global.example.com in us-east-1|us-east-1 not shown');
    assert.match(String(hidden.tooltip), /us-east-1 is not shown in the SES Explorer\. Click to add it\./);
    // The row from the read-only API, passed back as a caller would: the e2e setup's opt-in skips the question.
    const added = (await vscode.commands.executeCommand(SHOW_PARENT, hidden.node)) as ExplorerNode;
    assert.deepEqual(api.explorer.selection()?.regions, [CENTRAL, 'us-east-1']);
    assert.equal(row(api.explorer.getTreeItem(added.parent!)).split('|')[0], 'us-east-1');
  });

  it('Check DNS Records says what each DKIM record points to, in words', async () => {
    const api = await activateExtension();
    const { byName } = await central(api);
    const config = vscode.workspace.getConfiguration('sesSmtpToolkit');
    await config.update('dns.servers', [process.env.SES_E2E_DKIM_DNS], vscode.ConfigurationTarget.Global);
    try {
      const check = (name: string) =>
        vscode.commands.executeCommand('sesSmtpToolkit.explorer.checkDns', byName.get(name)!.node) as Thenable<
          Array<{ status: string; verdict?: string; keyBits?: number }>
        >;
      const legacy = await check('legacy.example.com');
      assert.deepEqual(
        legacy.slice(0, 3).map((c) => `${c.status} ${c.verdict}`),
        ['wrong wrong-token', 'pass chain', 'wrong elsewhere'],
      );
      const byo = await check('byo.example.com');
      assert.equal(byo[0].keyBits, 2048);
      await check('easy.example.com');
      // What the user reads: the record tooltips, the DKIM row, the notifications.
      const legacyRows = await rows(api, byName.get('legacy.example.com')!.node);
      const tips = legacyRows.filter((n) => String(n.label).startsWith('CNAME')).map((n) => String(n.tooltip));
      assert.match(tips[0], /DNS check: points to SES with the wrong token \(an old record\?\)\./);
      assert.match(tips[1], /DNS check: CNAME chain/);
      assert.match(tips[2], /DNS check: points elsewhere\./);
      assert.equal(
        row((await rows(api, byName.get('byo.example.com')!.node))[0]),
        'DKIM|Verified · BYODKIM · 2048-bit',
      );
      if (hasBrowser()) {
        const byoSaid = new RegExp(
          'byo\\.example\\.com: 1 of 2 records need attention — DMARC TXT: missing\\. ' +
            'DKIM TXT: a DKIM1 key is published \\(2048-bit\\)\\.',
        );
        await waitUntil(async () => byoSaid.test(await seenText()), 'the BYODKIM notification');
        const seen = await seenText();
        const legacySaid =
          'legacy.example.com: 3 of 4 records need attention — ' +
          'DKIM CNAME 1 of 3: points to SES with the wrong token ' +
          '(an old record?); DKIM CNAME 3 of 3: points elsewhere; DMARC TXT: missing. DKIM CNAME 2 of 3: CNAME chain';
        assert.ok(seen.includes(legacySaid), seen.slice(-2000));
        assert.match(seen, /easy\.example\.com: 4 of 4 records need attention — DKIM CNAME 1 of 3: missing;/);
      }
    } finally {
      await config.update('dns.servers', baseDnsServers(), vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });

  it('"Move DKIM Key to 2048-bit" with arguments: SES is told, that identity alone is read again', async () => {
    const api = await activateExtension();
    const { byName } = await central(api);
    const requests = async (): Promise<string[]> => getJson<string[]>(requestsUrl);
    const args = { region: CENTRAL, identity: { name: 'legacy.example.com' }, confirm: false };
    // Without confirm: false it asks first (a modal, which the test host refuses to show: the refusal
    // names the question; its detail is unit-tested) and sends nothing unless the answer is yes.
    const puts = async (): Promise<number> => (await requests()).filter((r) => r.startsWith('PUT')).length;
    const putsBefore = await puts();
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand(UPGRADE, { ...args, confirm: undefined })),
      /Contents: Move the DKIM key of legacy\.example\.com in eu-central-1 to 2048-bit\?/,
    );
    assert.equal(await puts(), putsBefore, 'nothing sent without a yes');
    await vscode.commands.executeCommand('notifications.clearAll');
    const before = (await requests()).length;
    const result = (await vscode.commands.executeCommand(UPGRADE, args)) as { changed: boolean; action: string };
    assert.equal(result.changed, true);
    assert.equal(result.action, 'easy');
    const legacy = byName.get('legacy.example.com')!.node;
    const dkim = await waitUntil(async () => {
      const [first] = await rows(api, legacy);
      return /2048-bit next/.test(String(first.description)) ? first : undefined;
    }, 'the DKIM row after the move');
    assert.equal(row(dkim), 'DKIM|Verified · Easy DKIM · 1024-bit → 2048-bit next');
    assert.equal(api.explorer.getTreeItem(legacy).contextValue, 'sesDomainIdentity', 'no second move offered');
    const after = (await requests()).slice(before).filter((r) => r.endsWith(` ${CENTRAL}`));
    assert.deepEqual(after, [
      `GET /v2/email/identities/legacy.example.com ${CENTRAL}`,
      `PUT /v2/email/identities/legacy.example.com/dkim/signing ${CENTRAL}`,
      `GET /v2/email/identities/legacy.example.com ${CENTRAL}`,
    ]);
    // SES cannot make a BYODKIM key, and a replica's key is its parent's: refused, nothing sent.
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand(UPGRADE, { ...args, identity: { name: 'byo.example.com' } })),
      /Cannot move the DKIM key to 2048-bit: byo\.example\.com uses Bring Your Own DKIM: make a new 2048-bit RSA key/,
    );
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand(UPGRADE, { ...args, identity: { name: 'global.example.com' } })),
      /Cannot move the DKIM key to 2048-bit: global\.example\.com replicates the DKIM setup of its identity in us-east/,
    );
    assert.ok(!(await requests()).slice(before + 3).some((r) => r.startsWith('PUT')), 'no change sent for them');
    // The notification reaches the page a moment after the command returns: wait for it to be shown.
    if (hasBrowser())
      await waitUntil(
        async () => /legacy\.example\.com \(eu-central-1\): the next DKIM key is 2048-bit/.test(await seenText()),
        'the notification that the next DKIM key is 2048-bit',
      );
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
