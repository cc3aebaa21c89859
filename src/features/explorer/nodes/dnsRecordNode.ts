// One DNS record a domain identity needs. Its context menu copies the name or the value alone.
import type { DnsRecord } from '../../../core/dns/records';
import type { IdentityStatus } from '../../../core/aws/ses';
import { stateIcon } from './identityState';
import type { ExplorerNode, ItemSpec } from './types';

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
  ) {}

  getTreeItem(): ItemSpec {
    const r = this.record;
    return {
      id: this.id,
      label: `${r.type} ${r.name}`,
      description: r.value,
      contextValue: RECORD_CONTEXT,
      icon: { id: ICON[r.purpose] ?? 'symbol-string', color: this.status ? stateIcon(this.status).color : undefined },
      tooltip:
        `${r.required ? 'Required' : 'Recommended'} ${r.purpose.toUpperCase()} record\n` +
        `${r.name} ${r.type} ${r.value}`,
    };
  }

  async getChildren(): Promise<ExplorerNode[]> {
    return [];
  }
}
