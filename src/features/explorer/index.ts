// The SES Explorer: regions → account status and identities → DKIM and DNS records. Regions load
// in parallel (a few at a time) and each shows up as soon as it answers; a failing region becomes
// an error node ("click to retry") while the others load. The AWS SDK is loaded on first use.
import * as vscode from 'vscode';
import { listAwsProfiles } from '../../core/aws/profiles';
import { domainRecords, recordsAsTable, recordsAsZone, checkDnsRecords, type DnsRecord } from '../../core/dns/records';
import { allRegions } from '../../core/smtp/regions';
import type { AccountInfo, IdentityDetails, IdentitySummary, IdentityStatus } from '../../core/aws/ses';
import { loadAws, loadedBundles } from '../../lazy';
import { setAccountInfoProvider } from '../accountInfo';
import { settings } from '../settings';
import { UserError, optionalString, registerCommand, type Log } from '../util';

const STATE_KEY = 'sesSmtpToolkit.explorer.selection';
const CONFIGURE_URL = 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html';
// No PageSize: the service's default page (moto 5.2.1 fails on any PageSize).
const PAGE_SIZE: number | undefined = undefined;

interface Selection {
  /** undefined: the default credential chain. */
  profile?: string;
  regions: string[];
}

interface RegionData {
  account?: AccountInfo;
  identities: IdentitySummary[];
  nextToken?: string;
  error?: string;
  loading?: Promise<void>;
}

type Node = RegionNode | AccountNode | IdentityNode | LoadMoreNode | RecordNode | InfoNode | ErrorNode;

class RegionNode extends vscode.TreeItem {
  readonly kind = 'region';
  constructor(readonly region: string, data: RegionData | undefined) {
    super(region, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `region:${region}`;
    this.contextValue = 'sesRegion';
    this.iconPath = new vscode.ThemeIcon(data?.error ? 'warning' : 'globe');
    this.description = data?.error ? 'failed to load' : data ? `${data.identities.length}${data.nextToken ? '+' : ''} identities` : '';
  }
}

class AccountNode extends vscode.TreeItem {
  readonly kind = 'account';
  constructor(region: string, account: AccountInfo) {
    super('Account', vscode.TreeItemCollapsibleState.None);
    this.id = `account:${region}`;
    if (!account.available) {
      this.description = `unavailable (${account.reason})`;
      this.iconPath = new vscode.ThemeIcon('question');
      return;
    }
    const quota = account.max24HourSend !== undefined ? ` · ${account.sentLast24Hours ?? 0}/${account.max24HourSend} per 24 h · ${account.maxSendRate}/s` : '';
    this.description = `${account.sandbox ? 'sandbox' : 'production'}${account.sendingEnabled ? '' : ' · sending paused'}${account.enforcementStatus && account.enforcementStatus !== 'HEALTHY' ? ` · ${account.enforcementStatus}` : ''}${quota}`;
    this.iconPath = new vscode.ThemeIcon(account.sandbox ? 'lock' : 'pass', account.sandbox ? new vscode.ThemeColor('editorWarning.foreground') : new vscode.ThemeColor('testing.iconPassed'));
    this.tooltip = account.sandbox ? 'Sandbox: 200 messages a day, 1 per second, verified recipients only. Request production access in the SES console.' : 'Production access.';
  }
}

const STATUS_ICON: Record<IdentityStatus, [string, string]> = {
  SUCCESS: ['pass', 'testing.iconPassed'],
  PENDING: ['clock', 'editorWarning.foreground'],
  FAILED: ['error', 'testing.iconFailed'],
  TEMPORARY_FAILURE: ['warning', 'editorWarning.foreground'],
  NOT_STARTED: ['circle-outline', 'descriptionForeground'],
};

const words = (status: string): string => status.toLowerCase().replace(/_/g, ' ');

const NEXT_STEP: Record<IdentityStatus, string> = {
  SUCCESS: 'Verified.',
  PENDING: 'Waiting for DNS: publish the records below (DKIM CNAMEs) and wait; SES checks for up to 72 hours.',
  FAILED: 'SES gave up: check the records, then restart verification (delete and create the identity again).',
  TEMPORARY_FAILURE: 'SES could not read the records for a while: check that they are still published; SES retries.',
  NOT_STARTED: 'Verification has not started.',
};

class IdentityNode extends vscode.TreeItem {
  readonly kind = 'identity';
  constructor(readonly region: string, readonly identity: IdentitySummary, details?: IdentityDetails) {
    super(identity.name, identity.type === 'EMAIL_ADDRESS' ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `identity:${region}:${identity.name}`;
    this.contextValue = identity.type === 'EMAIL_ADDRESS' ? 'sesIdentity' : 'sesDomainIdentity';
    const status = identity.verificationStatus ?? 'NOT_STARTED';
    // A domain shows the state that needs attention: DKIM once verification has succeeded.
    const dkim = identity.type === 'DOMAIN' ? details?.dkimStatus : undefined;
    const shown = dkim && status === 'SUCCESS' ? dkim : status;
    const [icon, color] = STATUS_ICON[shown] ?? STATUS_ICON.NOT_STARTED;
    this.iconPath = new vscode.ThemeIcon(identity.type === 'EMAIL_ADDRESS' ? (status === 'SUCCESS' ? 'mail' : icon) : icon, new vscode.ThemeColor(color));
    this.description = `${words(status)}${dkim ? ` · DKIM ${words(dkim)}` : ''}${identity.sendingEnabled ? '' : ' · sending disabled'}`;
    this.tooltip = `${identity.name} (${identity.type === 'EMAIL_ADDRESS' ? 'address' : 'domain'}) in ${region}\nVerification: ${status}. ${NEXT_STEP[status] ?? ''}${dkim ? `\nDKIM: ${dkim}. ${NEXT_STEP[dkim] ?? ''}` : ''}`;
  }
}

class LoadMoreNode extends vscode.TreeItem {
  readonly kind = 'loadMore';
  constructor(readonly region: string) {
    super('Load more…', vscode.TreeItemCollapsibleState.None);
    this.id = `more:${region}`;
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.command = { command: 'sesSmtpToolkit.explorer.loadMore', title: 'Load more', arguments: [this] };
  }
}

class RecordNode extends vscode.TreeItem {
  readonly kind = 'record';
  constructor(id: string, readonly record: DnsRecord, status?: IdentityStatus) {
    super(`${record.type} ${record.name}`, vscode.TreeItemCollapsibleState.None);
    this.id = id;
    this.description = record.value;
    this.contextValue = 'sesRecord';
    this.iconPath = new vscode.ThemeIcon(record.purpose === 'dkim' ? 'key' : record.purpose === 'mail-from-mx' ? 'mail' : 'symbol-string', status ? new vscode.ThemeColor(STATUS_ICON[status]?.[1] ?? 'descriptionForeground') : undefined);
    this.tooltip = `${record.required ? 'Required' : 'Recommended'} ${record.purpose.toUpperCase()} record\n${record.name} ${record.type} ${record.value}`;
  }
}

class InfoNode extends vscode.TreeItem {
  readonly kind = 'info';
  constructor(id: string, label: string, description?: string, icon = 'info', tooltip?: string) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = id;
    this.description = description;
    this.iconPath = new vscode.ThemeIcon(icon);
    this.tooltip = tooltip;
  }
}

class ErrorNode extends vscode.TreeItem {
  readonly kind = 'error';
  constructor(readonly region: string, message: string) {
    super(`Failed to load (click to retry)`, vscode.TreeItemCollapsibleState.None);
    this.id = `error:${region}`;
    this.description = message;
    this.tooltip = message;
    this.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    this.command = { command: 'sesSmtpToolkit.explorer.retry', title: 'Retry', arguments: [{ region }] };
  }
}

export class SesExplorer implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly data = new Map<string, RegionData>();
  private readonly details = new Map<string, Promise<IdentityDetails>>();
  private readonly detailsLoaded = new Map<string, IdentityDetails>();
  private credentials?: Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Bumped by refresh(): work started before it (domain prefetches) stops. */
  private generation = 0;
  private readonly credentialsChanged = new vscode.EventEmitter<string | undefined>();
  /** Fires with the reason when the chosen profile has no usable credentials, undefined when it has. */
  readonly onCredentialProblem = this.credentialsChanged.event;

  constructor(private readonly context: vscode.ExtensionContext) {}

  dispose(): void {
    this.changed.dispose();
    this.credentialsChanged.dispose();
  }

  selection(): Selection | undefined {
    return this.context.globalState.get<Selection>(STATE_KEY);
  }

  async select(selection: Selection): Promise<void> {
    await this.context.globalState.update(STATE_KEY, selection);
    this.refresh();
  }

  refresh(): void {
    this.generation++;
    this.data.clear();
    this.details.clear();
    this.detailsLoaded.clear();
    this.credentials = undefined;
    this.forgetCredentials();
    this.changed.fire(undefined);
  }

  /** Loads a failed region again, with credentials read afresh (the user may have fixed them). */
  retry(region: string): Promise<void> {
    this.forgetCredentials();
    return this.loadRegion(region, true);
  }

  /** Re-read credentials next time (after `aws sso login` or an edit of ~/.aws), without loading the SDK just for this. */
  private forgetCredentials(): void {
    if (loadedBundles().includes('aws')) loadAws().forgetCredentials();
  }

  /** Domains of a page get their details (DKIM state) a few at a time, so their rows can show it. */
  private prefetchDomains(region: string, identities: IdentitySummary[]): void {
    // A bounded number, few at a time: SES's management calls have a low rate limit.
    const domains = identities.filter((i) => i.type === 'DOMAIN').slice(0, 50);
    if (!domains.length) return;
    const generation = this.generation;
    void loadAws()
      .mapLimit(domains, 2, async (i) => (generation === this.generation ? this.identityDetails(region, i.name) : undefined))
      .then(() => generation === this.generation && this.changed.fire(undefined));
  }

  /** What an AWS client for the region needs: the chosen profile and the endpoint setting. */
  access(region: string): { profile?: string; region: string; endpoint?: string } {
    return { profile: this.selection()?.profile, region, endpoint: settings().awsEndpoint };
  }

  /**
   * Loads a region (identities' first page and the account) once; concurrent callers share it.
   * A region that failed stays failed until `force` (Retry) or a refresh: reloading it on every
   * tree update would call the service in a loop while the view is open.
   */
  loadRegion(region: string, force = false): Promise<void> {
    const existing = this.data.get(region);
    if (existing?.loading) return existing.loading;
    if (existing && (!existing.error || !force)) return Promise.resolve();
    const entry: RegionData = { identities: [] };
    this.data.set(region, entry);
    entry.loading = (async () => {
      const aws = loadAws();
      const client = aws.sesClient(this.access(region));
      try {
        const [page, account] = await Promise.all([aws.listIdentitiesPage(client, undefined, PAGE_SIZE), aws.getAccountInfo(client).catch((e: unknown) => ({ available: false as const, reason: aws.describeAwsError(e, region) }))]);
        entry.identities = page.identities;
        entry.nextToken = page.nextToken;
        entry.account = account;
        this.prefetchDomains(region, page.identities);
      } catch (err) {
        entry.error = aws.describeAwsError(err, region);
      } finally {
        client.destroy();
        entry.loading = undefined;
        this.changed.fire(undefined);
      }
    })();
    return entry.loading;
  }

  async loadMore(region: string): Promise<void> {
    const entry = this.data.get(region);
    if (!entry?.nextToken || entry.loading) return; // guards a double click
    entry.loading = (async () => {
      const aws = loadAws();
      const client = aws.sesClient(this.access(region));
      try {
        const page = await aws.listIdentitiesPage(client, entry.nextToken, PAGE_SIZE);
        entry.identities.push(...page.identities);
        entry.nextToken = page.nextToken;
        this.prefetchDomains(region, page.identities);
      } finally {
        client.destroy();
        entry.loading = undefined;
        this.changed.fire(undefined);
      }
    })();
    return entry.loading;
  }

  identityDetails(region: string, name: string): Promise<IdentityDetails> {
    const key = `${region}:${name}`;
    let p = this.details.get(key);
    if (!p) {
      const aws = loadAws();
      const client = aws.sesClient(this.access(region));
      p = aws.getIdentityDetails(client, name).finally(() => client.destroy());
      p.then(
        (d) => this.details.get(key) === p && this.detailsLoaded.set(key, d),
        () => this.details.get(key) === p && this.details.delete(key), // a later request may have replaced it
      );
      this.details.set(key, p);
    }
    return p;
  }

  regionInfo(region: string): { sandbox?: boolean; verifiedIdentities?: string[] } | undefined {
    const entry = this.data.get(region);
    if (!entry || entry.error) return undefined;
    return { sandbox: entry.account?.available ? entry.account.sandbox : undefined, verifiedIdentities: entry.identities.filter((i) => i.verificationStatus === 'SUCCESS').map((i) => i.name) };
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node;
  }

  getParent(): undefined {
    return undefined;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const selection = this.selection();
    if (!selection) return [];
    if (!node) {
      const pending = (this.credentials ??= loadAws().checkCredentials(selection.profile, selection.regions[0]));
      const credentials = await pending;
      if (pending !== this.credentials) return []; // the selection changed meanwhile; a newer call answers
      this.credentialsChanged.fire(credentials.ok ? undefined : credentials.reason);
      if (!credentials.ok) return []; // the welcome view takes over
      // Start every region at once (bounded), so each appears as soon as it answers.
      const regions = selection.regions;
      void loadAws().mapLimit(regions, 4, (r) => this.loadRegion(r));
      return regions.map((r) => new RegionNode(r, this.data.get(r)?.loading ? undefined : this.data.get(r)));
    }
    if (node instanceof RegionNode) {
      await this.loadRegion(node.region);
      const entry = this.data.get(node.region)!;
      if (entry.error) return [new ErrorNode(node.region, entry.error)];
      const children: Node[] = [];
      if (entry.account) children.push(new AccountNode(node.region, entry.account));
      if (!entry.identities.length) children.push(new InfoNode(`none:${node.region}`, 'No identities', 'create one: domain or address', 'add'));
      children.push(...entry.identities.map((i) => new IdentityNode(node.region, i, this.detailsLoaded.get(`${node.region}:${i.name}`))));
      if (entry.nextToken) children.push(new LoadMoreNode(node.region));
      return children;
    }
    if (node instanceof IdentityNode && node.identity.type !== 'EMAIL_ADDRESS') {
      try {
        const d = await this.identityDetails(node.region, node.identity.name);
        const dkim = d.dkimStatus ?? 'NOT_STARTED';
        const out: Node[] = [new InfoNode(`dkim:${node.region}:${d.name}`, 'DKIM', words(dkim), STATUS_ICON[dkim]?.[0] ?? 'info', NEXT_STEP[dkim])];
        const records = domainRecords(d.name, node.region, d.dkimTokens, d.mailFromDomain);
        records.forEach((r, i) => out.push(new RecordNode(`rec:${node.region}:${d.name}:${i}`, r, r.purpose === 'dkim' ? dkim : r.purpose === 'mail-from-mx' || r.purpose === 'spf' ? d.mailFromStatus : undefined)));
        out.push(new InfoNode(`mailfrom:${node.region}:${d.name}`, 'MAIL FROM', d.mailFromDomain ? `${d.mailFromDomain} · ${(d.mailFromStatus ?? 'NOT_STARTED').toLowerCase()}` : 'not set (amazonses.com is used)', 'mail'));
        if (!d.dkimTokens.length) out.splice(1, 0, new InfoNode(`notokens:${node.region}:${d.name}`, 'No DKIM tokens yet', 'SES has not issued them', 'circle-outline'));
        return out;
      } catch (err) {
        return [new InfoNode(`derr:${node.region}:${node.identity.name}`, 'Details failed to load', loadAws().describeAwsError(err, node.region), 'error')];
      }
    }
    return [];
  }
}

export function registerExplorer(context: vscode.ExtensionContext, log: Log): SesExplorer {
  const explorer = new SesExplorer(context);
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  let credentialProblem: string | undefined;
  status.command = 'sesSmtpToolkit.explorer.choose';
  const updateStatus = (): void => {
    const s = explorer.selection();
    status.text = s ? `$(${credentialProblem ? 'warning' : 'cloud'}) ${s.profile ?? 'default'} · ${s.regions.length === 1 ? s.regions[0] : `${s.regions.length} regions`}` : '$(cloud) SES: choose profile';
    status.tooltip = `${credentialProblem ? `${credentialProblem}\n\n` : ''}SES SMTP Toolkit: AWS profile and regions (click to change)`;
    status.show();
  };
  updateStatus();
  setAccountInfoProvider(async (region) => explorer.regionInfo(region));
  const view = vscode.window.createTreeView('sesSmtpToolkit.explorer', { treeDataProvider: explorer, showCollapseAll: true });
  context.subscriptions.push(explorer);
  // A tree view's message hides its welcome view, so the reason goes to the view's description,
  // the status bar tooltip and "Show Why" (a button of the welcome view) instead.
  const problemListener = explorer.onCredentialProblem((reason) => {
    if (reason === credentialProblem) return;
    credentialProblem = reason;
    view.description = reason ? 'no AWS credentials' : undefined;
    if (reason) log.warn(reason);
    updateStatus();
    void vscode.commands.executeCommand('setContext', 'sesSmtpToolkit.explorer.noCredentials', reason !== undefined);
  });

  context.subscriptions.push(
    view,
    status,
    problemListener,
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('sesSmtpToolkit.aws.endpoint') && explorer.refresh()),
    registerCommand('sesSmtpToolkit.explorer.choose', log, async (raw) => {
      const args = (raw ?? {}) as { profile?: string | null; regions?: string[] };
      let profile: string | undefined = args.profile === null ? undefined : optionalString(args, 'profile');
      let regions = args.regions;
      if (args.profile === undefined) {
        const profiles = await listAwsProfiles();
        const picked = await vscode.window.showQuickPick(
          [{ label: '$(globe) Default credential chain', description: 'environment, SSO, shared files, instance role', profile: undefined as string | undefined }, ...profiles.map((p) => ({ label: p.name, description: [p.kind, p.region].filter(Boolean).join(' · '), profile: p.name as string | undefined }))],
          { title: 'SES Explorer: AWS profile' },
        );
        if (!picked) return undefined;
        profile = picked.profile;
        regions ??= undefined;
        if (!regions) {
          const current = explorer.selection()?.regions ?? [profiles.find((p) => p.name === profile)?.region ?? settings().defaultRegion];
          const items = allRegions(settings().extraRegions).map((r) => ({ label: r.id, description: r.name, picked: current.includes(r.id) }));
          const chosen = await vscode.window.showQuickPick(items, { title: 'SES Explorer: regions', canPickMany: true });
          if (!chosen?.length) return undefined;
          regions = chosen.map((c) => c.label);
        }
      }
      if (!regions?.length) throw new UserError('Choose at least one region.');
      await explorer.select({ profile, regions });
      updateStatus();
      return { profile, regions };
    }),
    vscode.commands.registerCommand('sesSmtpToolkit.explorer.refresh', () => explorer.refresh()),
    vscode.commands.registerCommand('sesSmtpToolkit.explorer.whyNoCredentials', async () => {
      if (!credentialProblem) return undefined;
      const choice = await vscode.window.showErrorMessage(credentialProblem, 'Choose Profile', 'How to Configure');
      if (choice === 'Choose Profile') await vscode.commands.executeCommand('sesSmtpToolkit.explorer.choose');
      if (choice === 'How to Configure') await vscode.env.openExternal(vscode.Uri.parse(CONFIGURE_URL));
      return credentialProblem;
    }),
    vscode.commands.registerCommand('sesSmtpToolkit.explorer.retry', async (args: { region: string }) => {
      await explorer.retry(args.region);
    }),
    vscode.commands.registerCommand('sesSmtpToolkit.explorer.loadMore', (node: LoadMoreNode) => explorer.loadMore(node.region)),
    ...(['zone', 'table'] as const).map((format) =>
      registerCommand(format === 'zone' ? 'sesSmtpToolkit.explorer.copyRecords' : 'sesSmtpToolkit.explorer.copyRecordsTable', log, async (raw) => {
        const node = raw as IdentityNode;
        const d = await explorer.identityDetails(node.region, node.identity.name);
        const records = domainRecords(d.name, node.region, d.dkimTokens, d.mailFromDomain);
        const text = format === 'zone' ? recordsAsZone(records) : recordsAsTable(records);
        await vscode.env.clipboard.writeText(text);
        void vscode.window.setStatusBarMessage(`DNS records of ${d.name} copied as ${format === 'zone' ? 'zone-file lines' : 'a table'}`, 4000);
        return text;
      }),
    ),
    registerCommand('sesSmtpToolkit.explorer.checkDns', log, async (raw) => {
      const node = raw as IdentityNode;
      const d = await explorer.identityDetails(node.region, node.identity.name);
      const servers = vscode.workspace.getConfiguration('sesSmtpToolkit').get<string[]>('dns.servers', []);
      const checks = await checkDnsRecords(domainRecords(d.name, node.region, d.dkimTokens, d.mailFromDomain), { servers });
      log.info(`DNS check for ${d.name} (${node.region}):\n${checks.map((c) => `  ${c.status.toUpperCase().padEnd(7)} ${c.record.type} ${c.record.name}: ${c.message}`).join('\n')}`);
      const bad = checks.filter((c) => c.status !== 'pass');
      void vscode.window[bad.length ? 'showWarningMessage' : 'showInformationMessage'](bad.length ? `${d.name}: ${bad.length} of ${checks.length} records need attention. ${bad[0].message}` : `${d.name}: all ${checks.length} DNS records are in place.`, 'Show Details').then((c) => c && log.show(true));
      return checks;
    }),
    registerCommand('sesSmtpToolkit.explorer.createIdentity', log, async (raw) => {
      const args = (raw ?? {}) as { region?: string; identity?: string };
      const region = optionalString(args, 'region') ?? (raw as RegionNode | undefined)?.region ?? explorer.selection()?.regions[0];
      if (!region) throw new UserError('Choose an AWS profile and region first (SES Explorer).');
      const identity = optionalString(args, 'identity') ?? (await vscode.window.showInputBox({ title: `Create SES identity in ${region}`, prompt: 'A domain (Easy DKIM, RSA 2048) or an email address', placeHolder: 'example.com or noreply@example.com' }));
      if (!identity) return undefined;
      const aws = loadAws();
      const client = aws.sesClient(explorer.access(region));
      try {
        const created = await aws.createIdentity(client, identity);
        explorer.refresh();
        return created;
      } catch (err) {
        throw new UserError(err instanceof aws.IdentityInputError ? err.message : aws.describeAwsError(err, region));
      } finally {
        client.destroy();
      }
    }),
    registerCommand('sesSmtpToolkit.explorer.deleteIdentity', log, async (raw) => {
      const node = raw as IdentityNode & { confirm?: boolean };
      const name = node.identity?.name;
      if (!name) throw new UserError('Pick an identity in the SES Explorer.');
      if (node.confirm !== false && (await vscode.window.showWarningMessage(`Delete the identity ${name} in ${node.region}? Mail from it stops being accepted in this region.`, { modal: true }, 'Delete')) !== 'Delete') return false;
      const aws = loadAws();
      const client = aws.sesClient(explorer.access(node.region));
      try {
        await aws.deleteIdentity(client, name);
      } finally {
        client.destroy();
      }
      explorer.refresh();
      return true;
    }),
    vscode.commands.registerCommand('sesSmtpToolkit.explorer.openConsole', (node: IdentityNode) =>
      vscode.env.openExternal(vscode.Uri.parse(`https://${node.region}.console.aws.amazon.com/ses/home?region=${node.region}#/identities/${encodeURIComponent(node.identity.name)}`)),
    ),
  );
  return explorer;
}
