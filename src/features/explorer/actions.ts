// What the explorer's commands do (commands.ts registers them; this file loads with the first one
// that runs). Each takes the node it was invoked on (menus) or an argument object (tests,
// keybindings, tasks) and returns its result.
import type { FeatureCalls } from '../../host/calls';
import * as vscode from 'vscode';
import { confirmEffect, consentTo, type CallContext } from '../../host/consent';
import { recordsAsTable, recordsAsZone, type DnsRecord } from '../../engines/dns/records';
import { checkDnsRecords } from '../../engines/dns/check';
import { recordRows, type RecordRow } from './logic/recordsTable';
import { showRecordsPanel } from './recordsPanel';
import { allRegions } from '../../base/regions';
import { loadAws } from '../../engines/bundles/load';
import { dnsServers, settings } from '../../host/settings';
import { UserError, type Log } from '../../host/util';
import { identityInputProblem } from '../../base/identity';
import type { ChooseArgs, CreateIdentityArgs, FilterArgs, IdentityConfirmArgs, RecordArgs, RegionArgs } from './args';
import { checkWords, recordWhat } from './nodes/checkWords';
import { DnsRecordNode } from './nodes/dnsRecordNode';
import { IdentityNode } from './nodes/identityNode';
import { LoadMoreNode } from './nodes/loadMoreNode';
import { RegionNode } from './nodes/regionNode';
import type { ExplorerNode } from './nodes/types';
import type { SesExplorer } from './provider';
import type { ExplorerStatusBar } from './statusBar';
import { pickAwsProfile } from '../../host/awsProfilePicker';

const CONFIGURE_URL = 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html';

export interface CommandDeps {
  explorer: SesExplorer;
  view: vscode.TreeView<ExplorerNode>;
  status: ExplorerStatusBar;
  log: Log;
  /** Reads the profile list again (the welcome view counts them). */
  profilesChanged(): void;
  /** The functions features offer one another: the explorer fills in filterIdentities. */
  calls?: FeatureCalls;
}

/**
 * What a caller passes instead of a tree node: {region, identity: {name}}, for a record also
 * {record: {type, name}}; registerCommand checked it against the command's schema (args.ts). Any of
 * our nodes that reaches a command instead (a menu, or the node behind a read-only view a caller
 * passed) has the same field names with the same types ("region" a string, "identity" {name}).
 */
type IdentityRef = RecordArgs & IdentityConfirmArgs;

/** A plain object (an argument object registerCommand checked), not one of our nodes. */
const isPlain = (raw: unknown): boolean =>
  typeof raw === 'object' && raw !== null && Object.getPrototypeOf(raw) === Object.prototype;

/**
 * The identity a command acts on: the tree node it was invoked on (menus), or the node named by
 * {region, identity: {name}}. The region must be shown in the explorer; it loads (and its later
 * pages) as needed, so an identity beyond "Load more…" is found too.
 */
export async function identityArg(deps: CommandDeps, raw: unknown): Promise<IdentityNode> {
  if (raw instanceof IdentityNode) return raw;
  const args = (raw ?? {}) as IdentityRef;
  const name = args.identity?.name;
  if (!args.region || !name)
    throw new UserError(
      vscode.l10n.t(
        'Pick an identity in the SES Explorer, or pass {"region": "eu-west-1", "identity": {"name": "example.com"}}.',
      ),
    );
  const region = await shownRegion(deps, args.region);
  const found = await region.findIdentity(name);
  if ('node' in found) return found.node;
  if ('error' in found)
    throw new UserError(vscode.l10n.t('The identities of {0} could not be listed: {1}', args.region, found.error));
  throw new UserError(
    vscode.l10n.t(
      '{0} is not an SES identity in {1} ({2} identities listed there). Check the name and the region, or create it with "Create Identity".',
      name,
      args.region,
      found.listed,
    ),
  );
}

/** The node of a region named by a caller: it must be among the explorer's chosen regions. */
async function shownRegion(deps: CommandDeps, region: string): Promise<RegionNode> {
  const selection = deps.explorer.selection();
  if (!selection)
    throw new UserError(
      vscode.l10n.t('Choose an AWS profile and regions in the SES Explorer first ("Choose AWS Profile and Regions").'),
    );
  if (!selection.regions.includes(region))
    throw new UserError(
      vscode.l10n.t(
        '{0} is not shown in the SES Explorer (it shows {1}); add it with "Choose AWS Profile and Regions" first.',
        region,
        selection.regions.join(', '),
      ),
    );
  await deps.explorer.getChildren(); // the region nodes exist once the tree has asked for them
  const node = deps.explorer.regionNode(region);
  if (node) return node;
  const problem = deps.status.credentialProblem;
  throw new UserError(
    problem
      ? vscode.l10n.t('The SES Explorer cannot load {0}: {1}', region, problem)
      : vscode.l10n.t('The SES Explorer cannot load {0}; refresh it and try again.', region),
  );
}

const sameName = (a: string, b: string): boolean =>
  a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();

/** A record row, or {region, identity: {name}, record: {type, name}}: the record of that domain. */
export async function recordArg(deps: CommandDeps, raw: unknown): Promise<DnsRecord> {
  if (raw instanceof DnsRecordNode) return raw.record;
  const args = (raw ?? {}) as IdentityRef;
  const wanted = args.record;
  if (!args.region || !args.identity?.name || !wanted?.type || !wanted.name)
    throw new UserError(
      vscode.l10n.t(
        'Pick a DNS record of a domain in the SES Explorer, or pass {"region": "eu-west-1", "identity": {"name": "example.com"}, "record": {"type": "TXT", "name": "_dmarc.example.com"}}.',
      ),
    );
  const node = await identityArg(deps, raw);
  if (!node.isDomain)
    throw new UserError(vscode.l10n.t('{0} is an email address: it has no DNS records.', node.identity.name));
  let records: DnsRecord[];
  try {
    records = await node.records();
  } catch (err) {
    throw new UserError(
      vscode.l10n.t('{0}: {1}', node.identity.name, deps.explorer.ses.describeError(err, node.region)),
    );
  }
  const record = records.find((r) => r.type === wanted.type?.toUpperCase() && sameName(r.name, wanted.name ?? ''));
  if (record) return record;
  throw new UserError(
    vscode.l10n.t(
      '{0} needs no {1} record named {2}. Its records: {3}.',
      node.identity.name,
      wanted.type.toUpperCase(),
      wanted.name,
      records.map((r) => `${r.type} ${r.name}`).join(', '),
    ),
  );
}

export async function choose(
  deps: CommandDeps,
  raw: unknown,
): Promise<{ profile?: string; regions: string[] } | undefined> {
  // Checked by registerCommand against chooseSchema; the status bar and "Choose Profile" pass nothing.
  const args = (raw ?? {}) as ChooseArgs;
  let profile: string | undefined = args.profile ?? undefined;
  let regions = args.regions;
  if (args.profile === undefined) {
    const picked = await pickAwsProfile({ title: vscode.l10n.t('SES Explorer: AWS profile') });
    if (!picked) return undefined;
    profile = picked.kind === 'profile' ? picked.name : undefined;
    if (!regions) {
      const current = deps.explorer.selection()?.regions ?? [
        (picked.kind === 'profile' ? picked.profile.region : undefined) ?? settings().defaultRegion,
      ];
      const regionItems = allRegions(settings().extraRegions).map((r) => ({
        label: r.id,
        description: r.name,
        picked: current.includes(r.id),
      }));
      const chosen = await vscode.window.showQuickPick(regionItems, {
        title: vscode.l10n.t('SES Explorer: regions'),
        canPickMany: true,
        // Opened from the walkthrough, the editor takes focus back after the profile: the list stays.
        ignoreFocusOut: true,
      });
      if (!chosen?.length) return undefined;
      regions = chosen.map((c) => c.label);
    }
  }
  if (!regions?.length) throw new UserError(vscode.l10n.t('Choose at least one region.'));
  await deps.explorer.select({ profile, regions }); // the status bar follows
  return { profile, regions };
}

export async function createIdentity(deps: CommandDeps, raw: unknown, call: CallContext): Promise<unknown> {
  const { explorer, view, log } = deps;
  // A plain object was checked against createIdentitySchema (the identity's name by identityInputProblem
  // too). A node (the region's row, or the node behind a view a caller passed) gives only its region:
  // an IdentityNode's "identity" is an object, not a name to create.
  const args = (isPlain(raw) ? raw : {}) as CreateIdentityArgs;
  const region = args.region ?? (raw as { region?: string } | undefined)?.region ?? explorer.selection()?.regions[0];
  if (!region) throw new UserError(vscode.l10n.t('Choose an AWS profile and region first (SES Explorer).'));
  let identity = args.identity;
  if (identity === undefined) {
    identity = await vscode.window.showInputBox({
      title: vscode.l10n.t('Create SES identity in {0}', region),
      prompt: vscode.l10n.t('A domain (Easy DKIM, RSA 2048) or an email address'),
      placeHolder: vscode.l10n.t('example.com or noreply@example.com'),
      validateInput: (value) => (value.trim() ? identityInputProblem(value) : undefined),
    });
    if (!identity?.trim()) return undefined;
  }
  const effect = {
    summary: vscode.l10n.t('Create the SES identity {0} in {1}', identity, region),
    detail: vscode.l10n.t(
      'AWS profile: {0}. Endpoint: {1}. A domain gets Easy DKIM (its DNS records are shown afterwards); an address gets a verification email from AWS.',
      explorer.selection()?.profile ?? vscode.l10n.t('default chain'),
      settings().awsEndpoint ?? 'AWS',
    ),
    action: vscode.l10n.t('Create'),
  };
  if (!(await consentTo(call, effect))) return undefined;
  let created: Awaited<ReturnType<SesExplorer['ses']['createIdentity']>>;
  try {
    const name = identity;
    created = await progress(vscode.l10n.t('Creating {0} in {1}', name, region), () =>
      explorer.ses.createIdentity(region, name),
    );
  } catch (err) {
    const aws = loadAws();
    throw new UserError(err instanceof aws.IdentityInputError ? err.message : aws.describeAwsError(err, region));
  }
  // Show it: the region reloads and the new identity is revealed and selected.
  await explorer.getChildren();
  const summary = {
    name: created.name,
    type: created.type,
    sendingEnabled: true,
    verificationStatus: 'PENDING' as const,
  };
  const node = await explorer.regionNode(region)?.identityCreated(summary);
  if (node)
    await Promise.resolve(view.reveal(node, { select: true, focus: false })).catch((e: unknown) =>
      log.warn(`Could not reveal ${created.name}: ${String(e)}`),
    );
  return created;
}

export async function deleteIdentity(deps: CommandDeps, raw: unknown, call: CallContext): Promise<boolean> {
  const node = await identityArg(deps, raw);
  const name = node.identity.name;
  const question = vscode.l10n.t(
    'Delete the identity {0} in {1}? Mail from it stops being accepted in this region.',
    name,
    node.region,
  );
  const DELETE = vscode.l10n.t('Delete');
  const effect = {
    summary: vscode.l10n.t('Delete the SES identity {0} in {1}', name, node.region),
    detail: vscode.l10n.t(
      'AWS profile: {0}. Mail from it stops being accepted in {1}; its DKIM setup is lost.',
      deps.explorer.selection()?.profile ?? vscode.l10n.t('default chain'),
      node.region,
    ),
    action: DELETE,
  };
  const confirmed = await confirmEffect(
    call,
    effect,
    (raw as IdentityConfirmArgs | undefined)?.confirm === false,
    async () => (await vscode.window.showWarningMessage(question, { modal: true }, DELETE)) === DELETE,
  );
  if (!confirmed) return false;
  try {
    await progress(vscode.l10n.t('Deleting {0} in {1}', name, node.region), () =>
      deps.explorer.ses.deleteIdentity(node.region, name),
    );
  } catch (err) {
    throw new UserError(deps.explorer.ses.describeError(err, node.region));
  }
  await (deps.explorer.regionNode(node.region)?.reload() ?? deps.explorer.refresh());
  return true;
}

export async function checkDns(deps: CommandDeps, raw: unknown): Promise<unknown> {
  const node = await identityArg(deps, raw);
  const name = node.identity.name;
  const servers = dnsServers();
  const records = await node.records();
  const checks = await progress(vscode.l10n.t('Checking the DNS records of {0}', node.identity.name), () =>
    checkDnsRecords(records, { servers }),
  );
  const lines = checks.map(
    (c) => `  ${c.status.toUpperCase().padEnd(7)} ${c.record.type} ${c.record.name}: ${checkWords(c)}. ${c.message}`,
  );
  deps.log.info(`DNS check for ${name} (${node.region}):\n${lines.join('\n')}`);
  // The record rows show what DNS had (tooltips, a warning icon), the DKIM row a BYODKIM key's length.
  node.checks = checks;
  deps.explorer.refresh(node);
  const bad = checks.filter((c) => c.status !== 'pass');
  const said = (c: (typeof checks)[number]): string => vscode.l10n.t('{0}: {1}', recordWhat(c, checks), checkWords(c));
  // Passing DKIM records worth a word: a CNAME chain, the published key of Bring Your Own DKIM.
  const notable = checks.filter((c) => c.status === 'pass' && (c.verdict === 'chain' || c.keyBits));
  const also = notable.length ? ` ${notable.map(said).join('; ')}.` : '';
  const message = bad.length
    ? vscode.l10n.t(
        '{0}: {1} of {2} records need attention — {3}.{4}',
        name,
        bad.length,
        checks.length,
        bad.map(said).join('; '),
        also,
      )
    : vscode.l10n.t('{0}: all {1} DNS records are in place.{2}', name, checks.length, also);
  const show = bad.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(message, vscode.l10n.t('Show Details')).then((c) => c && deps.log.show(true));
  return checks;
}

/**
 * The domain's records as a table in an editor tab, each with the live check's verdict (the check
 * runs first, and marks the tree rows as Check DNS Records does). Returns the rows shown.
 */
export async function showRecordsTable(
  deps: CommandDeps,
  raw: unknown,
): Promise<{ region: string; identity: { name: string }; records: RecordRow[] }> {
  const node = await identityArg(deps, raw);
  const name = node.identity.name;
  if (!node.isDomain) throw new UserError(vscode.l10n.t('{0} is an email address: it has no DNS records.', name));
  let records: DnsRecord[];
  try {
    records = await node.records();
  } catch (err) {
    throw new UserError(vscode.l10n.t('{0}: {1}', name, deps.explorer.ses.describeError(err, node.region)));
  }
  let checked: string;
  try {
    const checks = await progress(vscode.l10n.t('Checking the DNS records of {0}', name), () =>
      checkDnsRecords(records, { servers: dnsServers() }),
    );
    node.checks = checks;
    deps.explorer.refresh(node);
    checked = vscode.l10n.t('checked live at {0}', new Date().toLocaleTimeString());
  } catch (err) {
    // The table is still worth having without the check: each verdict then says "not checked".
    deps.log.warn(`DNS check for ${name} failed: ${(err as Error).message}`);
    checked = vscode.l10n.t('the live check failed: {0}', (err as Error).message);
  }
  const rows = recordRows(records, node.checks);
  showRecordsPanel(node.region, name, rows, checked);
  return { region: node.region, identity: { name }, records: rows };
}

/** A call to SES or DNS, shown in the explorer view's progress bar. */
function progress<T>(title: string, task: () => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: { viewId: 'sesSmtpToolkit.explorer' }, title }, task));
}

export async function copy(text: string, what: string): Promise<string> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('{0} copied', what), 4000);
  return text;
}

/** The region a command acts on: its tree item, {region}, the only chosen region, or a pick. */
export async function regionArg(deps: CommandDeps, raw: unknown, title: string): Promise<RegionNode | undefined> {
  if (raw instanceof RegionNode) return raw;
  const regions = deps.explorer.selection()?.regions ?? [];
  // {region} was checked by registerCommand (regionSchema, filterSchema); any other node's region is a string.
  let region = (raw as RegionArgs | undefined)?.region;
  if (!region && regions.length === 1) region = regions[0];
  if (!region) region = await vscode.window.showQuickPick(regions, { title });
  if (!region) return undefined;
  await deps.explorer.getChildren(); // the region nodes exist once the tree has asked for them
  const node = deps.explorer.regionNode(region);
  if (!node) throw new UserError(vscode.l10n.t('{0} is not shown in the SES Explorer; choose it first.', region));
  return node;
}

export async function loadAll(
  deps: CommandDeps,
  raw: unknown,
): Promise<{ region: string; identities: number } | undefined> {
  const node = await regionArg(deps, raw, vscode.l10n.t('Load all identities of which region?'));
  if (!node) return undefined;
  const identities = await vscode.window.withProgress(
    {
      location: { viewId: 'sesSmtpToolkit.explorer' },
      title: vscode.l10n.t('Loading every identity of {0}', node.region),
    },
    () => node.loadAll(),
  );
  return { region: node.region, identities };
}

export async function filterIdentities(deps: CommandDeps, raw: unknown): Promise<unknown> {
  const node = await regionArg(deps, raw, vscode.l10n.t('Filter the identities of which region?'));
  if (!node) return undefined;
  const given = isPlain(raw) ? (raw as FilterArgs).filter : undefined; // checked against filterSchema
  const filter =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter SES identities in {0}', node.region),
      prompt: vscode.l10n.t('Rows whose name contains this text (any case); empty shows all'),
      value: node.filterText,
    }));
  if (filter === undefined) return undefined;
  return { region: node.region, filter: filter.trim(), ...node.setFilter(filter) };
}

/** "Why no credentials?" on the explorer's error row: the problem, with Choose Profile and How to Configure. */
export async function whyNoCredentials(deps: CommandDeps, choose: () => Promise<unknown>): Promise<string | undefined> {
  const problem = deps.status.credentialProblem;
  if (!problem) return undefined;
  const [chooseLabel, howTo] = [vscode.l10n.t('Choose Profile'), vscode.l10n.t('How to Configure')];
  const choice = await vscode.window.showErrorMessage(problem, chooseLabel, howTo);
  if (choice === chooseLabel) await choose();
  if (choice === howTo) await vscode.env.openExternal(vscode.Uri.parse(CONFIGURE_URL));
  return problem;
}

export async function retry(deps: CommandDeps, raw: unknown): Promise<unknown> {
  const region = (raw as RegionArgs | undefined)?.region;
  if (!region) throw new UserError(vscode.l10n.t('Retry Region needs a region, e.g. {"region": "eu-west-1"}.'));
  return deps.explorer.retry(region);
}

export async function loadMore(deps: CommandDeps, raw: unknown): Promise<unknown> {
  if (raw instanceof LoadMoreNode) return raw.loadMore();
  const node = await regionArg(deps, raw, vscode.l10n.t('Load more identities of which region?'));
  if (!node) return undefined;
  await node.load();
  if (node.loadError)
    throw new UserError(vscode.l10n.t('The identities of {0} could not be listed: {1}', node.region, node.loadError));
  await node.loadMore();
  return { region: node.region, identities: node.loadedCount, more: node.hasMore };
}

/** Copy DNS Records (zone-file lines) and Copy DNS Records as Table. */
export async function copyRecords(deps: CommandDeps, raw: unknown, format: 'zone' | 'table'): Promise<string> {
  const node = await identityArg(deps, raw);
  const records = await node.records();
  const text = format === 'zone' ? recordsAsZone(records) : recordsAsTable(records);
  return copy(
    text,
    format === 'zone'
      ? vscode.l10n.t('DNS records of {0} (zone-file lines)', node.identity.name)
      : vscode.l10n.t('DNS records of {0} (a table)', node.identity.name),
  );
}

export async function copyRecordField(deps: CommandDeps, raw: unknown, field: 'name' | 'value'): Promise<string> {
  const record = await recordArg(deps, raw);
  return field === 'name'
    ? copy(record.name, vscode.l10n.t('Record name'))
    : copy(record.value, vscode.l10n.t('Record value'));
}

export async function openConsole(deps: CommandDeps, raw: unknown): Promise<{ url: string; opened: boolean }> {
  const node = await identityArg(deps, raw);
  const host = `https://${node.region}.console.aws.amazon.com`;
  const url = `${host}/ses/home?region=${node.region}#/identities/${encodeURIComponent(node.identity.name)}`;
  const opened = await vscode.env.openExternal(vscode.Uri.parse(url));
  return { url, opened };
}
