// A region: its account row, its identities a page at a time ("Load more…"), or an error row that
// retries. It loads once; a failed region stays failed until Retry, so an open view does not call
// the service in a loop. When something arrives it asks the tree to update this region only.
import type { AccountInfo, IdentityDetails, IdentitySummary } from '../../../engines/aws/ses';
import { AccountNode } from './accountNode';
import { ErrorNode } from './errorNode';
import { IdentityNode, type IdentityParent } from './identityNode';
import { InfoNode, placeholderNode } from './infoNode';
import { LoadMoreNode } from './loadMoreNode';
import { TenantsNode } from './tenantNode';
import type { ExplorerNode, ItemSpec, NodeContext, SesAccess, TenantRow } from './types';
import type { BulkListing } from '../sesAccess';
import { l10n } from './l10n';

/** Domains of a page whose details (DKIM state) are fetched for their rows, and how many at once. */
const PREFETCH_MAX = 50;
const PREFETCH_AT_ONCE = 2;

export class RegionNode implements ExplorerNode, IdentityParent {
  readonly parent = undefined;
  private readonly identities = new Map<string, IdentityNode>();
  private readonly details = new Map<string, Promise<IdentityDetails>>();
  private readonly moreNode = new LoadMoreNode(this);
  private account?: AccountInfo;
  private tenants: TenantRow[] = [];
  private nextToken?: string;
  private error?: string;
  private loaded = false;
  private loading?: Promise<void>;
  private disposed = false;
  /** "Filter Identities…": rows whose name contains this (lower case); '' shows all. */
  private filter = '';

  constructor(
    readonly region: string,
    private readonly ctx: NodeContext,
  ) {}

  /** Loaded (or failed) and not loading: a load() now would not call the service. */
  get settled(): boolean {
    return this.loaded && !this.loading;
  }

  /** A refresh replaced this node: work it started stops touching the tree. */
  dispose(): void {
    this.disposed = true;
  }

  getTreeItem(): ItemSpec {
    const n = this.identities.size;
    let count = this.nextToken
      ? l10n.t('{0}+ identities', n)
      : n === 1
        ? l10n.t('1 identity')
        : l10n.t('{0} identities', n);
    if (this.filter) count = l10n.t('"{0}": {1} of {2}', this.filter, this.filtered().length, count);
    return {
      id: `region:${this.region}`,
      label: this.region,
      collapsible: 'collapsed',
      contextValue: 'sesRegion',
      icon: { id: this.error ? 'warning' : 'globe' },
      description: this.error ? l10n.t('failed to load') : this.loaded ? count : '',
    };
  }

  async getChildren(): Promise<ExplorerNode[]> {
    await this.load();
    if (this.error) return [new ErrorNode(this, this.error)];
    const children: ExplorerNode[] = [];
    if (this.account) children.push(new AccountNode(this, this.account));
    if (this.tenants.length) children.push(new TenantsNode(this, this.region, this.tenants, this.ctx));
    if (!this.identities.size) children.push(placeholderNode(this));
    const shown = this.filtered();
    if (this.identities.size && !shown.length) children.push(this.noMatchNode());
    children.push(...shown);
    if (this.nextToken) children.push(this.moreNode);
    return children;
  }

  /** The first page of identities and the account, once; concurrent callers share the load. */
  load(force = false): Promise<void> {
    if (this.loading) return this.loading;
    if (this.loaded && !(force && this.error)) return Promise.resolve();
    return this.reload();
  }

  /** Loads again from the first page (after Retry, or after an identity was created or deleted). */
  reload(): Promise<void> {
    if (this.loading) return this.loading.then(() => this.reload());
    this.loading = this.fetchFirstPage().finally(() => {
      this.loading = undefined;
      this.loaded = true;
      this.changed();
    });
    return this.loading;
  }

  private async fetchFirstPage(): Promise<void> {
    const { ses } = this.ctx;
    try {
      // Tenants are shown when the region has some; a region without (or an endpoint without the
      // API, or a profile that may not list them) shows no row for them.
      const [page, account, tenants] = await Promise.all([
        ses.listIdentities(this.region),
        ses.account(this.region),
        ses.tenants ? ses.tenants(this.region).catch(() => []) : Promise.resolve([]),
      ]);
      this.error = undefined;
      this.account = account;
      this.tenants = tenants;
      this.nextToken = page.nextToken;
      const kept = new Map(this.identities);
      // Details already fetched are kept: SES's management calls have a low rate limit, and a
      // reload after a create or delete needs none again. A full Refresh starts from nothing.
      this.identities.clear();
      this.addPage(page.identities, kept);
    } catch (err) {
      this.error = ses.describeError(err, this.region);
    }
  }

  /** The next page; a second call while one is loading gets the same load (a double click loads once). */
  loadMore(): Promise<void> {
    if (this.loading) return this.loading;
    if (!this.nextToken) return Promise.resolve();
    const token = this.nextToken;
    this.loading = (async () => {
      const page = await this.ctx.ses.listIdentities(this.region, token);
      this.nextToken = page.nextToken;
      this.addPage(page.identities);
    })().finally(() => {
      this.loading = undefined;
      this.changed();
    });
    return this.loading;
  }

  /**
   * "Load All": every remaining page, 1,000 identities a request where the endpoint allows it.
   * Domains on these pages get their DKIM state when opened, not all at once.
   */
  async loadAll(): Promise<number> {
    await this.load();
    while (this.loading) await this.loading;
    if (this.error || !this.nextToken) return this.identities.size;
    const ses = this.ctx.ses as SesAccess & Partial<BulkListing>;
    this.loading = (async () => {
      while (this.nextToken && !this.disposed) {
        const token = this.nextToken;
        const page = ses.listIdentitiesBulk
          ? await ses.listIdentitiesBulk(this.region, token)
          : await ses.listIdentities(this.region, token);
        this.nextToken = page.nextToken;
        this.addPage(page.identities, this.identities, false);
      }
    })().finally(() => {
      this.loading = undefined;
      this.changed();
    });
    await this.loading;
    return this.identities.size;
  }

  /** Narrows the rows to names containing `text` (any case); '' shows every row again. */
  setFilter(text: string): { shown: number; loaded: number; complete: boolean } {
    this.filter = text.trim().toLowerCase();
    this.changed();
    return { shown: this.filtered().length, loaded: this.identities.size, complete: !this.nextToken };
  }

  get filterText(): string {
    return this.filter;
  }

  private filtered(): IdentityNode[] {
    const all = [...this.identities.values()];
    return this.filter ? all.filter((n) => n.identity.name.toLowerCase().includes(this.filter)) : all;
  }

  private noMatchNode(): InfoNode {
    const among = this.nextToken
      ? l10n.t('among {0} loaded; "Load All" to search every identity', this.identities.size)
      : l10n.t('among {0} loaded', this.identities.size);
    return new InfoNode(this, {
      id: `nomatch:${this.region}`,
      label: l10n.t('No identity contains "{0}"', this.filter),
      description: among,
      icon: { id: 'filter' },
    });
  }

  /** Identity nodes stay the same objects across reloads, so the tree can update and reveal them. */
  private addPage(
    page: IdentitySummary[],
    previous: Map<string, IdentityNode> = this.identities,
    prefetch = true,
  ): void {
    for (const summary of page) {
      const node = previous.get(summary.name) ?? new IdentityNode(this, summary);
      node.identity = summary;
      this.identities.set(summary.name, node);
    }
    if (prefetch) this.prefetchDomains(page);
  }

  identity(name: string): IdentityNode | undefined {
    return this.identities.get(name);
  }

  /** How many identities are loaded (every page so far). */
  get loadedCount(): number {
    return this.identities.size;
  }

  /** Why the region failed to load (its error row), if it did. */
  get loadError(): string | undefined {
    return this.error;
  }

  /** True while SES has pages of identities not loaded yet ("Load more…" is shown). */
  get hasMore(): boolean {
    return this.nextToken !== undefined;
  }

  /**
   * An identity named by a caller ({region, identity: {name}}): the region loads, then its next
   * pages one at a time until the name is found or the listing ends. Domains match in any case.
   */
  async findIdentity(
    name: string,
  ): Promise<{ node: IdentityNode } | { error: string } | { missing: true; listed: number }> {
    await this.load();
    while (this.loading) await this.loading;
    const lower = name.toLowerCase();
    const match = (): IdentityNode | undefined =>
      this.identities.get(name) ?? [...this.identities.values()].find((n) => n.identity.name.toLowerCase() === lower);
    for (;;) {
      if (this.error) return { error: this.error };
      const node = match();
      if (node) return { node };
      if (!this.nextToken || this.disposed) return { missing: true, listed: this.identities.size };
      const token = this.nextToken;
      try {
        await this.loadMore();
      } catch (err) {
        return { error: this.ctx.ses.describeError(err, this.region) };
      }
      // A listing that hands back the token it was given would be asked forever.
      if (this.nextToken === token)
        return { error: l10n.t('SES answered page {0} with the same NextToken; the search stopped.', token) };
    }
  }

  /**
   * The node of an identity just created. If it is not on the loaded pages it is added at the end,
   * so it can be revealed; a later page that lists it does not add it twice.
   */
  async identityCreated(summary: IdentitySummary): Promise<IdentityNode> {
    // Deleted and created again: new DKIM tokens.
    this.details.delete(summary.name);
    const existing = this.identities.get(summary.name);
    if (existing) {
      existing.details = undefined;
      existing.checks = undefined; // a DNS check of the old tokens says nothing about the new ones
    }
    await this.reload();
    let node = this.identities.get(summary.name);
    if (!node) {
      node = new IdentityNode(this, summary);
      this.identities.set(summary.name, node);
      this.changed();
    }
    return node;
  }

  identityDetails(name: string): Promise<IdentityDetails> {
    let p = this.details.get(name);
    if (!p) {
      const request = this.ctx.ses.identityDetails(this.region, name);
      p = request;
      this.details.set(name, request);
      request.then(
        (d) => {
          const node = this.identities.get(name);
          if (this.details.get(name) !== request || !node || node.details === d) return;
          node.details = d;
          if (!this.disposed) this.ctx.changed(node);
        },
        () => this.details.get(name) === request && this.details.delete(name), // a later call asks again
      );
    }
    return p;
  }

  describeError(err: unknown): string {
    return this.ctx.ses.describeError(err, this.region);
  }

  regionShown(region: string): boolean {
    return region === this.region || (this.ctx.regionShown?.(region) ?? false);
  }

  /**
   * Reads one identity's details again (after a change to its DKIM) and updates its row and
   * children only; the other identities and the list are not asked again.
   */
  refreshIdentity(name: string): Promise<IdentityDetails> {
    this.details.delete(name);
    return this.identityDetails(name); // on arrival its node is told it changed, children too
  }

  /** Domains of a page get their details (DKIM state) a few at a time: SES's management calls have a low rate limit. */
  private prefetchDomains(page: IdentitySummary[]): void {
    const queue = page.filter((i) => i.type === 'DOMAIN').slice(0, PREFETCH_MAX);
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next && !this.disposed; next = queue.shift()) {
        await this.identityDetails(next.name).catch(() => undefined);
      }
    };
    for (let i = 0; i < PREFETCH_AT_ONCE; i++) void worker();
  }

  /** What the Send Test Email form may know about this region. */
  accountInfo(): { sandbox?: boolean; verifiedIdentities?: string[]; maxSendRate?: number } | undefined {
    if (!this.loaded || this.error) return undefined;
    return {
      sandbox: this.account?.available ? this.account.sandbox : undefined,
      maxSendRate: this.account?.available ? this.account.maxSendRate : undefined,
      verifiedIdentities: [...this.identities.values()]
        .filter((n) => n.identity.verificationStatus === 'SUCCESS')
        .map((n) => n.identity.name),
    };
  }

  private changed(): void {
    if (!this.disposed) this.ctx.changed(this);
  }
}
