// The top of the tree: the chosen regions, all loading at once, each on its own (a failing region
// shows its error while the others load). A profile without usable credentials shows no regions:
// the welcome view says why, once, instead of an error per region. The regions' first answers
// reach the tree in one update (changeBatch.ts).
import { ChangeBatch } from './changeBatch';
import { RegionNode } from './nodes/regionNode';
import type { ExplorerNode, NodeContext } from './nodes/types';

export interface Selection {
  /** undefined: the default credential chain. */
  profile?: string;
  regions: string[];
}

type CredentialCheck = { ok: true } | { ok: false; reason: string };

/** What the tree gives the root: the SES calls, and where changed rows go (several at once). */
export interface TreeContext {
  readonly ses: NodeContext['ses'];
  changed(nodes: ExplorerNode[]): void;
  regionShown?(region: string): boolean;
}

export class ExplorerRoot {
  private readonly regions = new Map<string, RegionNode>();
  private credentials?: Promise<CredentialCheck>;
  private readonly batch: ChangeBatch;
  /** What region nodes are given: the tree's context, their changes through the batch. */
  private readonly nodeCtx: NodeContext;

  constructor(
    ctx: TreeContext,
    private readonly selection: () => Selection | undefined,
    /** Told after each credential check: the reason there are none, or undefined. */
    private readonly onCredentials: (problem: string | undefined) => void,
  ) {
    this.batch = new ChangeBatch((nodes) => ctx.changed(nodes));
    this.nodeCtx = {
      ses: ctx.ses,
      changed: (node) => this.batch.changed(node),
      regionShown: ctx.regionShown && ((region) => ctx.regionShown!(region)),
    };
  }

  /** Forgets every region (a refresh, another selection); their late answers no longer reach the tree. */
  reset(): void {
    for (const node of this.regions.values()) node.dispose();
    this.regions.clear();
    this.batch.reset();
    this.credentials = undefined;
  }

  region(region: string): RegionNode | undefined {
    return this.regions.get(region);
  }

  async getChildren(): Promise<RegionNode[]> {
    const selection = this.selection();
    if (!selection) {
      this.onCredentials(undefined); // nothing chosen: the welcome view offers to choose
      return [];
    }
    const pending = (this.credentials ??= this.nodeCtx.ses.checkCredentials(selection.profile, selection.regions[0]));
    const credentials = await pending;
    if (pending !== this.credentials) return []; // the selection changed meanwhile; a newer call answers
    this.onCredentials(credentials.ok ? undefined : credentials.reason);
    if (!credentials.ok) return [];
    const nodes = selection.regions.map((r) => {
      let node = this.regions.get(r);
      if (!node) this.regions.set(r, (node = new RegionNode(r, this.nodeCtx)));
      return node;
    });
    // Every region starts now; their rows update together as they answer (see ChangeBatch).
    this.batch.expect(nodes.filter((n) => !n.settled));
    for (const node of nodes) void node.load();
    return nodes;
  }
}
