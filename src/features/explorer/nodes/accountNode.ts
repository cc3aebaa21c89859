// The account row of a region: sandbox or production, sending paused, the quota.
import type { AccountInfo } from '../../../core/aws/ses';
import type { ExplorerNode, ItemSpec } from './types';

const SANDBOX_TIP =
  'Sandbox: 200 messages a day, 1 per second, verified recipients only. ' +
  'Request production access in the SES console.';

export class AccountNode implements ExplorerNode {
  constructor(
    readonly parent: ExplorerNode & { readonly region: string },
    readonly account: AccountInfo,
  ) {}

  getTreeItem(): ItemSpec {
    const id = `account:${this.parent.region}`;
    const a = this.account;
    if (!a.available)
      return { id, label: 'Account', description: `unavailable (${a.reason})`, icon: { id: 'question' } };
    const quota =
      a.max24HourSend !== undefined
        ? ` · ${a.sentLast24Hours ?? 0}/${a.max24HourSend} per 24 h · ${a.maxSendRate}/s`
        : '';
    const enforcement = a.enforcementStatus && a.enforcementStatus !== 'HEALTHY' ? ` · ${a.enforcementStatus}` : '';
    return {
      id,
      label: 'Account',
      description:
        `${a.sandbox ? 'sandbox' : 'production'}${a.sendingEnabled ? '' : ' · sending paused'}` +
        `${enforcement}${quota}`,
      icon: a.sandbox ? { id: 'lock', color: 'editorWarning.foreground' } : { id: 'pass', color: 'testing.iconPassed' },
      tooltip: a.sandbox ? SANDBOX_TIP : 'Production access.',
    };
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
