// What delivery tracking keeps in the extension's globalState: per region, the names and ARNs of
// what Set Up Delivery Tracking made (and the AWS profile's name it used); per message id, its
// events (type, time, recipient, bounce type and diagnostic, delay type; never a body or secret).
import type * as vscode from 'vscode';
import type { TrackingState } from '../../engines/aws/trackingPlan';
import type { DeliveryEvent } from './logic/events';

const TRACKING_KEY = 'sesSmtpToolkit.delivery.tracking';
const EVENTS_KEY = 'sesSmtpToolkit.delivery.events';
/** Messages whose events are kept; the oldest go first. */
export const MAX_MESSAGES = 500;

export interface SavedTracking extends TrackingState {
  /** The AWS profile's name used to set it up (undefined: the default chain). */
  profile?: string;
}

interface KeptMessage {
  region: string;
  /** The From address of a message this extension sent (for the Doctor's last bounce or complaint). */
  from?: string;
  /** When the first event was kept (ms), for dropping the oldest. */
  at: number;
  events: DeliveryEvent[];
}

export class DeliveryStore {
  constructor(private readonly memento: vscode.Memento) {}

  tracking(region: string): SavedTracking | undefined {
    return this.memento.get<Record<string, SavedTracking>>(TRACKING_KEY, {})[region];
  }

  allTracking(): SavedTracking[] {
    return Object.values(this.memento.get<Record<string, SavedTracking>>(TRACKING_KEY, {}));
  }

  async saveTracking(state: SavedTracking): Promise<void> {
    const all = { ...this.memento.get<Record<string, SavedTracking>>(TRACKING_KEY, {}) };
    all[state.region] = state;
    await this.memento.update(TRACKING_KEY, all);
  }

  async forgetTracking(region: string): Promise<void> {
    const all = { ...this.memento.get<Record<string, SavedTracking>>(TRACKING_KEY, {}) };
    delete all[region];
    await this.memento.update(TRACKING_KEY, all);
  }

  /** The latest bounce or complaint of mail sent from `from` in the region, among the kept events. */
  lastIssue(region: string, from: string): DeliveryEvent | undefined {
    const all = this.memento.get<Record<string, KeptMessage>>(EVENTS_KEY, {});
    let last: DeliveryEvent | undefined;
    for (const m of Object.values(all)) {
      if (m.region !== region || m.from !== from.toLowerCase()) continue;
      for (const e of m.events)
        if ((e.type === 'Bounce' || e.type === 'Complaint') && (!last || e.time > last.time)) last = e;
    }
    return last;
  }

  events(messageId: string): { region: string; events: DeliveryEvent[] } | undefined {
    const kept = this.memento.get<Record<string, KeptMessage>>(EVENTS_KEY, {})[messageId];
    return kept ? { region: kept.region, events: kept.events } : undefined;
  }

  async keep(
    region: string,
    events: readonly DeliveryEvent[],
    sent?: { messageIds: readonly string[]; from: string },
  ): Promise<void> {
    if (!events.length) return;
    // The event rules load with the first events kept, not at activation.
    const { mergeEvents } = await import('./logic/events');
    const all = { ...this.memento.get<Record<string, KeptMessage>>(EVENTS_KEY, {}) };
    for (const e of events) {
      const old = all[e.messageId];
      const from = old?.from ?? (sent?.messageIds.includes(e.messageId) ? sent.from.toLowerCase() : undefined);
      all[e.messageId] = {
        region,
        ...(from ? { from } : {}),
        at: old?.at ?? Date.now(),
        events: mergeEvents(old?.events ?? [], [e]),
      };
    }
    const ids = Object.keys(all);
    if (ids.length > MAX_MESSAGES)
      for (const id of ids.sort((a, b) => all[a].at - all[b].at).slice(0, ids.length - MAX_MESSAGES)) delete all[id];
    await this.memento.update(EVENTS_KEY, all);
  }
}
