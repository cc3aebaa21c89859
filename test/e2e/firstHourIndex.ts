// The e2e entry for the fresh window that runs before the main suite, in its own empty folder:
// nothing has activated the extension yet (the main suite's first test activates it).
import { runPhase } from './index';

export function run(): Promise<void> {
  return runPhase(/\.fresh\.e2e\.test\.js$/, () => true, 'e2e-summary-fresh.json');
}
