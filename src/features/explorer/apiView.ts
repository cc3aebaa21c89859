// The SES Explorer as the exported API shows it: read-only. Another extension may read the tree
// (rows, their fields, the chosen profile and regions) but gets no way to change anything: nodes
// come as read-only views (no methods, no writes, no SES client), and there is no select(), no
// refresh and no `ses`. Passed back to a command, a view is a caller's argument (consent applies).
import type * as vscode from 'vscode';
import { readOnlyView, viewTarget } from '../../host/ownArgs';
import type { ExplorerNode } from './nodes/types';
import type { RegionAccountInfo } from '../../host/accountInfo';
import type { SesExplorer } from './provider';
import type { Selection } from './root';

export interface ExplorerView {
  /** The rows under a row (the regions when none), as read-only views. */
  getChildren(node?: ExplorerNode): Promise<ExplorerNode[]>;
  /** The row as the tree draws it (a fresh TreeItem; its command's arguments are views too). */
  getTreeItem(node: ExplorerNode): vscode.TreeItem;
  getParent(node: ExplorerNode): ExplorerNode | undefined;
  /** The chosen AWS profile and regions (a copy). */
  selection(): Selection | undefined;
  /** What the Send Test Email warnings use for a region (a copy). */
  regionInfo(region: string): RegionAccountInfo | undefined;
}

function unwrap(view: unknown): ExplorerNode {
  const node = viewTarget(view);
  if (!node) throw new TypeError('Pass a row returned by this API (explorer.getChildren).');
  return node as ExplorerNode;
}

const wrap = <T>(value: T): T => (typeof value === 'object' && value !== null ? readOnlyView(value) : value);

export function explorerView(explorer: SesExplorer): ExplorerView {
  return Object.freeze({
    async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
      const children = await explorer.getChildren(node === undefined ? undefined : unwrap(node));
      return children.map((c) => readOnlyView(c));
    },
    getTreeItem(node: ExplorerNode): vscode.TreeItem {
      const item = explorer.getTreeItem(unwrap(node));
      if (item.command?.arguments) item.command = { ...item.command, arguments: item.command.arguments.map(wrap) };
      return item;
    },
    getParent(node: ExplorerNode): ExplorerNode | undefined {
      const parent = unwrap(node).parent;
      return parent && readOnlyView(parent);
    },
    selection(): Selection | undefined {
      const selection = explorer.selection();
      return selection && (JSON.parse(JSON.stringify(selection)) as Selection);
    },
    regionInfo(region: string): RegionAccountInfo | undefined {
      const info = explorer.regionInfo(region);
      return info && (JSON.parse(JSON.stringify(info)) as RegionAccountInfo);
    },
  });
}
