// One DNS record a domain identity needs. Its context menu copies the name or the value alone; its
// tooltip says where the value comes from (record.note) and, after "Check DNS Records", what DNS had.
import type { DnsRecord } from '../../../engines/dns/records';
import type { RecordCheck } from '../../../engines/dns/check';
import type { IdentityStatus } from '../../../engines/aws/ses';
import { checkWords } from './checkWords';
import { stateIcon } from './identityState';
import type { ExplorerNode, ItemSpec } from './types';
import { l10n } from './l10n';

export const RECORD_CONTEXT = 'sesRecord';

const ICON: Partial<Record<DnsRecord['purpose'], string>> = {
  dkim: 'key',
  'mail-from-mx': 'mail',
  spf: 'symbol-string',
  dmarc: 'symbol-string',
};

export class DnsRecordNode implements ExplorerNode {
  constructor(
    readonly parent: ExplorerNode,
    private readonly id: string,
    readonly record: DnsRecord,
    /** The state of what the record proves (DKIM, MAIL FROM), if SES reports one. */
    private readonly status?: IdentityStatus,
    /** What the last "Check DNS Records" found for it. */
    readonly check?: RecordCheck,
  ) {}

  getTreeItem(): ItemSpec {
    const r = this.record;
    return {
      id: this.id,
      label: `${r.type} ${r.name}`,
      description: r.value,
      contextValue: RECORD_CONTEXT,
      // A record the last DNS check found wrong or missing is marked until the next check.
      icon:
        this.check && this.check.status !== 'pass'
          ? { id: 'warning', color: 'editorWarning.foreground' }
          : { id: ICON[r.purpose] ?? 'symbol-string', color: this.status ? stateIcon(this.status).color : undefined },
      tooltip: [
        r.required
          ? l10n.t('Required {0} record', r.purpose.toUpperCase())
          : l10n.t('Recommended {0} record', r.purpose.toUpperCase()),
        `${r.name} ${r.type} ${r.value}`,
        ...(r.note ? [r.note] : []),
        ...(this.check ? [l10n.t('DNS check: {0}. {1}', checkWords(this.check), this.check.message)] : []),
      ].join('\n'),
    };
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
