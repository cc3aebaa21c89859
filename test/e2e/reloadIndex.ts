// The e2e entry for the phase after a window reload: the same browser profile opens the
// workbench again, so what the first phase stored (secret storage, settings) must still be there.
import { runPhase } from './index';

export function run(): Promise<void> {
  return runPhase(/\.reload\.e2e\.test\.js$/, () => true, 'e2e-summary-reload.json');
}
