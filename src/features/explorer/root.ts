// The top of the tree: the chosen regions, all loading at once, each on its own (a failing region
// shows its error while the others load). A profile without usable credentials shows no regions:
// the welcome view says why, once, instead of an error per region.
import { RegionNode } from './nodes/regionNode';
import type { NodeContext } from './nodes/types';

export interface Selection {
  /** undefined: the default credential chain. */
  profile?: string;
  regions: string[];
}

type CredentialCheck = { ok: true } | { ok: false; reason: string };

export class ExplorerRoot {
  private readonly regions = new Map<string, RegionNode>();
  private credentials?: Promise<CredentialCheck>;

  constructor(
    private readonly ctx: NodeContext,
    private readonly selection: () => Selection | undefined,
    /** Told after each credential check: the reason there are none, or undefined. */
    private readonly onCredentials: (problem: string | undefined) => void,
  ) {}

  /** Forgets every region (a refresh, another selection); their late answers no longer reach the tree. */
  reset(): void {
    for (const node of this.regions.values()) node.dispose();
    this.regions.clear();
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
    const pending = (this.credentials ??= this.ctx.ses.checkCredentials(selection.profile, selection.regions[0]));
    const credentials = await pending;
    if (pending !== this.credentials) return []; // the selection changed meanwhile; a newer call answers
    this.onCredentials(credentials.ok ? undefined : credentials.reason);
    if (!credentials.ok) return [];
    const nodes = selection.regions.map((r) => {
      let node = this.regions.get(r);
      if (!node) this.regions.set(r, (node = new RegionNode(r, this.ctx)));
      return node;
    });
    // Every region starts now; each updates its own row when it answers.
    for (const node of nodes) void node.load();
    return nodes;
  }
}
