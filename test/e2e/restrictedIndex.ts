// The e2e entry for the Restricted Mode phase: a window on a folder the user has not trusted
// (workspace trust on for this phase only, see launch.ts). Runs *.restricted.e2e.test.js.
import { runPhase } from './index';

export function run(): Promise<void> {
  return runPhase(/\.restricted\.e2e\.test\.js$/, () => true, 'e2e-summary-restricted.json');
}
