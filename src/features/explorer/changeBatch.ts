// The first answers of the chosen regions reach the tree together. VS Code debounces a tree's
// change events (200 ms, the first one passes at once): seventeen regions answering one after
// another over 60 ms would show the first at once and the other sixteen 200 ms after the last.
// So while regions of one load are outstanding, the answers already in are held, and sent as one
// event when the last answers, or HOLD_MS after the first answer if some region is slower: a slow
// or failing region never holds the others back longer than VS Code itself would have.
import type { ExplorerNode } from './nodes/types';

export const HOLD_MS = 200;

export class ChangeBatch {
  private readonly waiting = new Set<ExplorerNode>();
  private held: ExplorerNode[] = [];
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly emit: (nodes: ExplorerNode[]) => void,
    private readonly holdMs = HOLD_MS,
  ) {}

  /** These nodes start loading now; their first changes are sent together. */
  expect(nodes: Iterable<ExplorerNode>): void {
    for (const node of nodes) this.waiting.add(node);
  }

  changed(node: ExplorerNode): void {
    if (!this.waiting.delete(node)) {
      this.emit([node]); // anything else (a page more, details, a filter) is drawn at once
      return;
    }
    this.held.push(node);
    if (this.waiting.size === 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.holdMs);
  }

  /** Forgets what is outstanding (a refresh: the tree is redrawn from the top anyway). */
  reset(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.clear();
    this.held = [];
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const nodes = this.held;
    this.held = [];
    if (nodes.length) this.emit(nodes);
  }
}
