// The account row of a region: sandbox or production, sending paused, the quota.
import type { AccountInfo } from '../../../engines/aws/ses';
import type { ExplorerNode, ItemSpec } from './types';
import { l10n } from './l10n';

const sandboxTip = (): string =>
  l10n.t(
    'Sandbox: 200 messages a day, 1 per second, verified recipients only. Request production access in the SES console.',
  );

export class AccountNode implements ExplorerNode {
  constructor(
    readonly parent: ExplorerNode & { readonly region: string },
    readonly account: AccountInfo,
  ) {}

  getTreeItem(): ItemSpec {
    const id = `account:${this.parent.region}`;
    const a = this.account;
    if (!a.available)
      return {
        id,
        label: l10n.t('Account'),
        description: l10n.t('unavailable ({0})', a.reason),
        icon: { id: 'question' },
      };
    const quota =
      a.max24HourSend !== undefined
        ? ` · ${l10n.t('{0}/{1} per 24 h', a.sentLast24Hours ?? 0, a.max24HourSend)} · ${a.maxSendRate}/s`
        : '';
    const enforcement = a.enforcementStatus && a.enforcementStatus !== 'HEALTHY' ? ` · ${a.enforcementStatus}` : '';
    return {
      id,
      label: l10n.t('Account'),
      description:
        `${a.sandbox ? l10n.t('sandbox') : l10n.t('production')}` +
        `${a.sendingEnabled ? '' : ` · ${l10n.t('sending paused')}`}${enforcement}${quota}`,
      icon: a.sandbox ? { id: 'lock', color: 'editorWarning.foreground' } : { id: 'pass', color: 'testing.iconPassed' },
      tooltip: a.sandbox ? sandboxTip() : l10n.t('Production access.'),
    };
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
