// The explorer's DKIM rows in plain Node, over a fake SES: each kind SES describes (Easy DKIM with
// its signing zone or with the zone assumed, Bring Your Own DKIM, a Deterministic Easy DKIM replica),
// the key lengths, the menu that offers the 2048-bit move, and what a DNS check's verdicts say.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import type { AccountInfo, IdentityDetails, IdentityPage } from '../../../../../src/engines/aws/ses';
import { judgeDkimCname, judgeDkimTxt } from '../../../../../src/engines/dns/dkim';
import type { DnsRecord } from '../../../../../src/engines/dns/records';
import type { RecordCheck } from '../../../../../src/engines/dns/check';
import { checkWords } from '../../../../../src/features/explorer/nodes/checkWords';
import { planDkimKeyUpgrade } from '../../../../../src/engines/dns/dkimDisplay';
import {
  SHOW_DKIM_PARENT_COMMAND,
  DkimParentNode,
  upgradeQuestion,
} from '../../../../../src/features/explorer/nodes/dkimRows';
import type { IdentityNode } from '../../../../../src/features/explorer/nodes/identityNode';
import { RegionNode } from '../../../../../src/features/explorer/nodes/regionNode';
import type { ExplorerNode, ItemSpec, NodeContext, SesAccess } from '../../../../../src/features/explorer/nodes/types';

const T = ['a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32)];

class FakeSes implements SesAccess {
  calls: string[] = [];
  constructor(readonly details: Map<string, IdentityDetails>) {}
  async checkCredentials(): Promise<{ ok: true }> {
    return { ok: true };
  }
  async listIdentities(region: string): Promise<IdentityPage> {
    this.calls.push(`list ${region}`);
    return { identities: [...this.details.values()] }; // details carry the summary's fields
  }
  async account(): Promise<AccountInfo> {
    return { available: true, sandbox: false, sendingEnabled: true };
  }
  async identityDetails(region: string, name: string): Promise<IdentityDetails> {
    this.calls.push(`details ${region} ${name}`);
    return { ...this.details.get(name)! };
  }
  describeError(err: unknown): string {
    return String(err);
  }
}

const domain = (name: string, extra: Partial<IdentityDetails>): IdentityDetails => ({
  name,
  type: 'DOMAIN',
  sendingEnabled: true,
  verificationStatus: 'SUCCESS',
  dkimStatus: 'SUCCESS',
  dkimTokens: T,
  ...extra,
});

const item = (n: ExplorerNode): ItemSpec => n.getTreeItem();
const row = (n: ExplorerNode): string => `${item(n).label}|${item(n).description ?? ''}`;
const settled = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

/** A region holding these domains, their details loaded; shown: the regions the tree shows. */
async function region(details: IdentityDetails[], shown: string[] = []) {
  const ses = new FakeSes(new Map(details.map((d) => [d.name, d])));
  const changes: ExplorerNode[] = [];
  const ctx: NodeContext = { ses, changed: (n) => changes.push(n), regionShown: (r) => shown.includes(r) };
  const node = new RegionNode('eu-central-1', ctx);
  await node.getChildren();
  await settled();
  const domains = (await node.getChildren()).slice(1) as IdentityNode[];
  return { ses, node, changes, domains, byName: new Map(domains.map((d) => [d.identity.name, d])) };
}

describe('SES Explorer: DKIM as SES describes it', () => {
  test('Easy DKIM with the zone SES returned: CNAMEs point into it, the row says mode and key', async () => {
    const zone = 'dkim.eu-central-1.amazonses.com';
    const { domains } = await region([
      domain('easy.example.com', {
        dkimSigningHostedZone: zone,
        dkimCurrentKeyLength: 'RSA_2048_BIT',
        dkimNextKeyLength: 'RSA_2048_BIT',
      }),
    ]);
    const children = await domains[0].getChildren();
    assert.equal(row(children[0]), 'DKIM|Verified · Easy DKIM · 2048-bit');
    assert.match(
      String(item(children[0]).tooltip),
      /Easy DKIM: SES signs with its own keys; 3 CNAMEs point into dkim\.eu-central-1\.amazonses\.com\./,
    );
    const cnames = children.map(row).filter((l) => l.startsWith('CNAME'));
    assert.deepEqual(
      cnames,
      T.map((t) => `CNAME ${t}._domainkey.easy.example.com|${t}.${zone}`),
    );
    const record = children.find((c) => row(c).startsWith('CNAME'))!;
    assert.match(
      String(item(record).tooltip),
      /Points into dkim\.eu-central-1\.amazonses\.com, the signing zone SES returned/,
    );
    // Already 2048-bit: the domain's menu has no 2048-bit move.
    assert.equal(item(domains[0]).contextValue, 'sesDomainIdentity');
  });

  test('Easy DKIM without SigningHostedZone: dkim.amazonses.com, and the records say it was assumed', async () => {
    const { domains } = await region([
      domain('legacy.example.com', { dkimCurrentKeyLength: 'RSA_1024_BIT', dkimNextKeyLength: 'RSA_1024_BIT' }),
    ]);
    const children = await domains[0].getChildren();
    assert.equal(row(children[0]), 'DKIM|Verified · Easy DKIM · 1024-bit');
    const tip = String(item(children[0]).tooltip);
    assert.match(tip, /SES did not return a signing zone \(SigningHostedZone\); dkim\.amazonses\.com is assumed\./);
    assert.match(
      tip,
      /Move to 2048-bit: SES sets the next key length to 2048-bit .* Easy DKIM: nothing to change in DNS\./,
    );
    for (const r of children.filter((c) => row(c).startsWith('CNAME'))) {
      assert.match(row(r), /\|[a-c]{32}\.dkim\.amazonses\.com$/);
      assert.match(String(item(r).tooltip), /SES did not return a signing zone .* dkim\.amazonses\.com is assumed\./);
    }
    // A 1024-bit Easy DKIM key: the domain's menu offers the move.
    assert.equal(item(domains[0]).contextValue, 'sesDomainIdentity.dkimUpgrade');
  });

  test('key lengths: current and next, and a move under way is not offered again', async () => {
    const { domains } = await region([
      domain('moving.example.com', {
        dkimStatus: 'PENDING',
        dkimCurrentKeyLength: 'RSA_1024_BIT',
        dkimNextKeyLength: 'RSA_2048_BIT',
      }),
      domain('old.example.com', { dkimSigningEnabled: false }),
    ]);
    const [moving, old] = domains;
    const dkim = (await moving.getChildren())[0];
    assert.equal(row(dkim), 'DKIM|Pending · Easy DKIM · 1024-bit → 2048-bit next');
    assert.match(
      String(item(dkim).tooltip),
      /Key: 1024-bit, 2048-bit next \(SES generates it and switches on its own\)\./,
    );
    assert.equal(item(moving).contextValue, 'sesDomainIdentity');
    assert.equal(row((await old.getChildren())[0]), 'DKIM|Verified · Easy DKIM · signing off');
  });

  test('Bring Your Own DKIM: one TXT at <selector>._domainkey, no CNAMEs; a checked key shows its length', async () => {
    const { domains } = await region([
      domain('byo.example.com', { dkimOrigin: 'EXTERNAL', dkimStatus: 'PENDING', dkimTokens: ['sel2026'] }),
    ]);
    const byo = domains[0];
    let children = await byo.getChildren();
    const lines = children.map(row);
    assert.equal(lines[0], 'DKIM|Pending · BYODKIM');
    assert.ok(
      lines.includes('TXT sel2026._domainkey.byo.example.com|v=DKIM1; k=rsa; p=<your public key>'),
      lines.join('\n'),
    );
    assert.equal(lines.filter((l) => l.startsWith('CNAME')).length, 0, lines.join('\n'));
    assert.match(
      String(item(byo).tooltip),
      /DKIM: PENDING\. Waiting for DNS: publish your public key as the TXT record/,
    );
    assert.notEqual(item(byo).contextValue, 'sesDomainIdentity.dkimUpgrade', 'SES cannot make a BYODKIM key');
    // After "Check DNS Records": the published key's length on the DKIM row, the verdict on the record.
    const txt = children.find((c) => row(c).startsWith('TXT sel2026'))!;
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const judged = judgeDkimTxt({ selector: 'sel2026', domain: 'byo.example.com' }, [`v=DKIM1; k=rsa; p=${p}`]);
    byo.checks = [{ record: (txt as unknown as { record: DnsRecord }).record, found: [], ...judged }];
    children = await byo.getChildren();
    assert.equal(row(children[0]), 'DKIM|Pending · BYODKIM · 2048-bit');
    const checked = children.find((c) => row(c).startsWith('TXT sel2026'))!;
    assert.match(String(item(checked).tooltip), /DNS check: a DKIM1 key is published \(2048-bit\)\./);
  });

  test('a Deterministic Easy DKIM replica links to its parent: shown, or offered when its region is not', async () => {
    const replica = domain('global.example.com', {
      dkimOrigin: 'AWS_SES_US_EAST_1',
      dkimCurrentKeyLength: 'RSA_2048_BIT',
    });
    const hidden = await region([replica]);
    const children = await hidden.domains[0].getChildren();
    assert.equal(row(children[0]), 'DKIM|Verified · replica of us-east-1 · 2048-bit');
    assert.match(String(item(children[0]).tooltip), /replicates the identity in us-east-1/);
    const link = children[1];
    assert.ok(link instanceof DkimParentNode);
    assert.equal(row(link), 'Replicates DKIM of global.example.com in us-east-1|us-east-1 not shown');
    assert.match(String(item(link).tooltip), /us-east-1 is not shown in the SES Explorer\. Click to add it\./);
    assert.deepEqual(item(link).command, {
      command: SHOW_DKIM_PARENT_COMMAND,
      title: 'Show DKIM Parent Identity',
      arguments: [link],
    });
    assert.equal(link.parent, hidden.domains[0], 'reveal walks up from it');
    // The parent's region in the tree: the row leads there.
    const shown = await region([replica], ['us-east-1']);
    const link2 = (await shown.domains[0].getChildren())[1];
    assert.equal(row(link2), 'Replicates DKIM of global.example.com in us-east-1|');
    assert.match(String(item(link2).tooltip), /Click to show global\.example\.com in us-east-1\./);
    // Its key is changed in the parent region: no 2048-bit move here.
    assert.equal(item(shown.domains[0]).contextValue, 'sesDomainIdentity');
  });

  test('refreshing one identity asks SES for that identity only and updates that node', async () => {
    const r = await region([
      domain('legacy.example.com', { dkimCurrentKeyLength: 'RSA_1024_BIT', dkimNextKeyLength: 'RSA_1024_BIT' }),
      domain('other.example.com', {}),
    ]);
    r.ses.calls = [];
    r.changes.length = 0;
    r.ses.details.set('legacy.example.com', {
      ...r.ses.details.get('legacy.example.com')!,
      dkimNextKeyLength: 'RSA_2048_BIT',
    });
    await r.node.refreshIdentity('legacy.example.com');
    assert.deepEqual(r.ses.calls, ['details eu-central-1 legacy.example.com']);
    const legacy = r.byName.get('legacy.example.com')!;
    assert.deepEqual(r.changes, [legacy]);
    assert.equal(row((await legacy.getChildren())[0]), 'DKIM|Verified · Easy DKIM · 1024-bit → 2048-bit next');
    assert.equal(item(legacy).contextValue, 'sesDomainIdentity');
  });
});

test('an identity created again forgets the DNS check of its old tokens', async () => {
  const r = await region([domain('again.example.com', {})]);
  const node = r.byName.get('again.example.com')!;
  const [txt] = (await node.getChildren()).filter((c) => row(c).startsWith('TXT _dmarc'));
  node.checks = [
    { record: (txt as unknown as { record: DnsRecord }).record, found: [], status: 'missing', message: '' },
  ];
  assert.match(
    String(item((await node.getChildren()).find((c) => row(c).startsWith('TXT _dmarc'))!).tooltip),
    /DNS check/,
  );
  await r.node.identityCreated({ name: 'again.example.com', type: 'DOMAIN', sendingEnabled: true });
  assert.equal(node.checks, undefined);
  const after = (await node.getChildren()).find((c) => row(c).startsWith('TXT _dmarc'))!;
  assert.doesNotMatch(String(item(after).tooltip), /DNS check/);
});

describe('"Move DKIM Key to 2048-bit" asks first', () => {
  test('what happens and what it means for DNS (Easy DKIM: nothing to change)', () => {
    const d = domain('legacy.example.com', {
      dkimSigningHostedZone: 'dkim.eu-central-1.amazonses.com',
      dkimCurrentKeyLength: 'RSA_1024_BIT',
      dkimNextKeyLength: 'RSA_1024_BIT',
    });
    const ask = upgradeQuestion(d.name, 'eu-central-1', planDkimKeyUpgrade(d));
    assert.equal(ask.message, 'Move the DKIM key of legacy.example.com in eu-central-1 to 2048-bit?');
    assert.equal(
      ask.detail,
      'SES sets the next key length to 2048-bit and generates the new key itself (one change a day).\n\n' +
        'Easy DKIM: nothing to change in DNS. The CNAMEs keep pointing into dkim.eu-central-1.amazonses.com, ' +
        'where SES publishes the new key.',
    );
    assert.equal(ask.button, 'Move to 2048-bit');
  });
});

describe('DNS check verdicts in words', () => {
  const expected = { token: T[0], zone: 'dkim.amazonses.com', domain: 'example.com' };
  const cname: DnsRecord = {
    purpose: 'dkim',
    name: `${T[0]}._domainkey.example.com`,
    type: 'CNAME',
    value: `${T[0]}.dkim.amazonses.com`,
    required: true,
  };
  const words = (chain: string[]): string =>
    checkWords({ record: cname, found: chain, ...judgeDkimCname(expected, chain) });
  const cases: Array<[string, string[], string]> = [
    ['exact', [`${T[0]}.dkim.amazonses.com`], 'points to SES'],
    ['an old token', [`${T[1]}.dkim.amazonses.com`], 'points to SES with the wrong token (an old record?)'],
    ['elsewhere', ['old-selector.dkim.example.net'], 'points elsewhere'],
    ['nothing', [], 'missing'],
    ['a chain', ['dkim1.example.net', `${T[0]}.dkim.amazonses.com`], 'CNAME chain (reaches SES through other names)'],
    ['the domain appended', [`${T[0]}.dkim.amazonses.com.example.com`], 'the domain was appended to the value'],
  ];
  for (const [name, chain, want] of cases) test(name, () => assert.equal(words(chain), want));

  test('Bring Your Own DKIM: a published key with its length, or why it is not usable', () => {
    const txt: DnsRecord = {
      purpose: 'dkim',
      name: 's1._domainkey.example.com',
      type: 'TXT',
      value: 'v=DKIM1; k=rsa; p=<your public key>',
      required: true,
    };
    const judge = (found: string[]): RecordCheck => ({
      record: txt,
      found,
      ...judgeDkimTxt({ selector: 's1', domain: 'example.com' }, found),
    });
    const key = (bits: number): string =>
      generateKeyPairSync('rsa', { modulusLength: bits })
        .publicKey.export({ type: 'spki', format: 'der' })
        .toString('base64');
    assert.equal(checkWords(judge([`v=DKIM1; k=rsa; p=${key(2048)}`])), 'a DKIM1 key is published (2048-bit)');
    assert.equal(checkWords(judge([`v=DKIM1; k=rsa; p=${key(1024)}`])), 'a DKIM1 key is published (1024-bit)');
    assert.equal(checkWords(judge([`v=DKIM1; k=rsa; p=${key(512)}`])), 'a 512-bit key, too short for SES');
    assert.equal(checkWords(judge(['v=spf1 -all'])), 'not a usable DKIM key');
    assert.equal(checkWords(judge([])), 'missing');
  });
});
