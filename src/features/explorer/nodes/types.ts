// What every explorer node is, and what nodes may call. Nodes never import 'vscode': they describe
// their row (ItemSpec) and the provider turns it into a TreeItem, so node logic runs in plain Node.
import type { AccountInfo, IdentityDetails, IdentityPage } from '../../../engines/aws/ses';
import type { TenantResourceRow, TenantRowView } from '../../../engines/aws/tenants';

/** A tenant as its row shows it: the status in words (who paused it), and the reputation impact. */
export type TenantRow = TenantRowView;

export interface ItemIcon {
  /** A codicon id. */
  id: string;
  /** A theme color id. */
  color?: string;
}

export interface ItemSpec {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: ItemIcon;
  collapsible?: 'collapsed' | 'expanded';
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
}

export interface ExplorerNode {
  /** undefined for the top-level nodes (regions). */
  readonly parent: ExplorerNode | undefined;
  getTreeItem(): ItemSpec;
  getChildren(): Promise<ExplorerNode[]>;
}

/** The SES calls the explorer makes, per region. A fake stands in for it in unit tests. */
export interface SesAccess {
  checkCredentials(profile: string | undefined, region: string): Promise<{ ok: true } | { ok: false; reason: string }>;
  listIdentities(region: string, nextToken?: string): Promise<IdentityPage>;
  /** Never rejects: an account that cannot be read is `{ available: false, reason }`. */
  account(region: string): Promise<AccountInfo>;
  identityDetails(region: string, name: string): Promise<IdentityDetails>;
  describeError(err: unknown, region: string): string;
  /** The region's tenants (ListTenants, GetReputationEntity); [] when it has none or they cannot be read. */
  tenants?(region: string): Promise<TenantRow[]>;
  /** ListTenantResources. */
  tenantResources?(region: string, tenant: string): Promise<TenantResourceRow[]>;
}

export interface NodeContext {
  readonly ses: SesAccess;
  /** The node's row or children changed: the tree updates that node only. */
  changed(node: ExplorerNode): void;
  /** True when the region is in the tree; unknown (tests) counts as not shown. */
  regionShown?(region: string): boolean;
}
