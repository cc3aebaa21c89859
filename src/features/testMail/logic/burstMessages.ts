// The "Burst…" part of the Send Test Email protocol: the burst form the webview sends, and the
// progress and summary the host sends back. Checked at run time like every message from the page.
import type { TlsMode } from '../../../base/regions';
import type { BurstDelivery, BurstSummary } from '../../../engines/smtp/burstMath';
import { BURST_LIMITS } from '../../../engines/smtp/burstMath';
import { expectObject } from '../../../base/guards';

export interface BurstForm {
  setId: string;
  from: string;
  /** Recipients as typed (the mailbox simulator unless confirmed). */
  to: string;
  subject: string;
  text: string;
  port: number;
  tls: TlsMode;
  count: number;
  /** Messages per second; undefined: the account's MaxSendRate (or 1/s when unknown). */
  rate?: number;
  /** The user confirmed recipients other than the mailbox simulator. */
  confirm: boolean;
  /** The Advanced section's configuration set and SES tenant (X-SES-CONFIGURATION-SET, X-SES-TENANT). */
  configurationSet?: string;
  tenant?: string;
}

export interface BurstProgressView {
  done: number;
  count: number;
  accepted: number;
  throttled: number;
  failed: number;
}

/** Extension → webview, for a burst. */
export type BurstToWebview =
  | { type: 'burstStarted'; endpoint: string; count: number; rate: number; maxSendRate?: number }
  | ({ type: 'burstProgress' } & BurstProgressView)
  | { type: 'burstFollowing'; delivery: BurstDelivery }
  | { type: 'burstResult'; ok: boolean; headline: string; summary: BurstSummary }
  | { type: 'burstConfirm'; message: string }
  | { type: 'showBurst' };

function num(value: unknown, field: string, min: number, max: number, integer: boolean): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new Error(`${field} is not a${integer ? ' whole' : ''} number from ${min} to ${max}`);
  }
  return value;
}

/** The burst-only fields of a burst form (the shared ones are checked by the caller). */
export function parseBurstFields(
  form: Record<string, unknown>,
): Pick<BurstForm, 'count' | 'rate' | 'confirm' | 'configurationSet' | 'tenant'> {
  expectObject(form, 'parseBurstFields', 'form');
  const { count, rate } = BURST_LIMITS;
  if (form.confirm !== undefined && typeof form.confirm !== 'boolean') throw new Error('confirm is not a boolean');
  const name = (value: unknown, field: string): Record<string, string> => {
    if (value === undefined || value === null || value === '') return {};
    if (typeof value !== 'string' || value.length > 256)
      throw new Error(`${field} is not a name of at most 256 characters`);
    return { [field]: value };
  };
  return {
    ...name(form.configurationSet, 'configurationSet'),
    ...name(form.tenant, 'tenant'),
    count: num(form.count, 'count', count.min, count.max, true),
    rate: form.rate === undefined || form.rate === null ? undefined : num(form.rate, 'rate', rate.min, rate.max, false),
    confirm: form.confirm === true,
  };
}
