// The form's "Burst…" section: its fields (count, rate defaulting to the account's maximum send
// rate), the confirmation for recipients other than the mailbox simulator, live counts while the
// burst runs, and the summary (accepted / throttled / failed, latency, rate against the quota; with
// delivery tracking, delivered / bounced / complained).
import type { BurstForm, BurstProgressView, BurstToWebview } from '../logic/burstMessages';
import type { BurstSummary } from '../../../engines/smtp/burstMath';
import { collectForm, currentSet, showError } from './form';
import { el, show, ui } from './dom';
import { setRunning, setStatus } from './progress';
import { t } from './l10n';

/** Under "Per second": what an empty field means for the chosen credentials. */
export function updateRateHint(): void {
  const rate = currentSet()?.maxSendRate;
  ui.burstRateHint.textContent = rate
    ? t("Empty: the account's maximum send rate in this region, {0} per second.", rate)
    : t(
        'Empty: 1 per second (the sandbox rate); open the region in the SES Explorer to use the account\u2019s maximum.',
      );
  ui.burstRate.placeholder = rate ? String(rate) : '1';
}

/** The burst to start, or undefined after showing what is wrong. */
export function collectBurst(confirm: boolean): BurstForm | undefined {
  const form = collectForm(false);
  if (!form) return undefined;
  const count = Number(ui.burstCount.value);
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    return void showError(t('Messages: enter a whole number from 1 to 1,000.'));
  const rateText = ui.burstRate.value.trim();
  const rate = rateText ? Number(rateText) : undefined;
  if (rate !== undefined && !(rate >= 0.1 && rate <= 1000))
    return void showError(t('Per second: enter a rate from 0.1 to 1,000, or leave it empty.'));
  const { setId, from, to, subject, text, port, tls } = form;
  // The Advanced section's configuration set and tenant go with every message of the burst.
  const configurationSet = form.extras?.configurationSet.trim() || undefined;
  const tenant = form.extras?.tenant.trim() || undefined;
  return { setId, from, to, subject, text, port, tls, count, rate, confirm, configurationSet, tenant };
}

function counts(p: BurstProgressView): void {
  ui.burstBar.max = p.count;
  ui.burstBar.value = p.done;
  ui.burstCounts.replaceChildren(
    el('span', 'count accepted', t('{0} accepted', p.accepted)),
    el('span', 'count throttled', t('{0} throttled (454)', p.throttled)),
    el('span', 'count failed', t('{0} failed', p.failed)),
    el('span', 'count muted', t('{0} of {1} done', p.done, p.count)),
  );
}

function showConfirm(message: string): void {
  ui.burstConfirm.replaceChildren(el('strong', '', t('Before the burst: ')), document.createTextNode(message));
  show(ui.burstConfirm, true);
  show(ui.burstAnyway, true);
  setStatus(t('Burst not started: see the note'));
}

export function resetBurstConfirm(): void {
  show(ui.burstConfirm, false);
  show(ui.burstAnyway, false);
}

/** The summary's delivery rows (tracking on), each dd with data-outcome for the e2e tier. */
function deliveryRows(d: NonNullable<BurstSummary['delivery']>): HTMLElement[] {
  const out: HTMLElement[] = [];
  const row = (label: string, value: string, outcome?: string): void => {
    const dd = el('dd', '', value);
    if (outcome) dd.dataset.outcome = outcome;
    out.push(el('dt', '', label), dd);
  };
  row(t('Delivery tracking'), t('configuration set {0}', d.configurationSet));
  if (d.stopped === 'failed') {
    row(t('Delivery'), t('not followed: {0}', d.error ?? ''));
    return out;
  }
  row(t('Delivered'), String(d.delivered), 'delivered');
  row(t('Bounced'), String(d.bounced), 'bounced');
  row(t('Complained'), String(d.complained), 'complained');
  if (d.delayed) row(t('Delayed'), String(d.delayed), 'delayed');
  if (d.rejected) row(t('Rejected by SES'), String(d.rejected), 'rejected');
  if (d.waiting)
    row(
      t('No final event yet'),
      d.stopped === 'cancelled'
        ? t('{0} (following cancelled; run Where Is This SES Email? later)', d.waiting)
        : t('{0} (run Where Is This SES Email? later)', d.waiting),
      'waiting',
    );
  return out;
}

function fmt(ms: number | undefined): string {
  return ms === undefined ? '\u2014' : t('{0} ms', Math.round(ms));
}

/** Handles a burst message; false if it is not one. */
export function onBurstMessage(m: { type: string }): boolean {
  const b = m as BurstToWebview;
  switch (b.type) {
    case 'showBurst':
      ui.burstBox.open = true;
      ui.burstBox.scrollIntoView({ block: 'nearest' });
      ui.burstCount.focus();
      return true;
    case 'burstConfirm':
      showConfirm(b.message);
      return true;
    case 'burstStarted':
      setRunning(true);
      ui.burstSend.disabled = true;
      show(ui.burstProgress, true);
      show(ui.burstResult, false);
      ui.burstEndpoint.textContent = `\u2014 ${t('{0} messages to {1} at {2}/s', b.count, b.endpoint, b.rate)}`;
      counts({ done: 0, count: b.count, accepted: 0, throttled: 0, failed: 0 });
      setStatus(t('Burst running at {0} per second\u2026', b.rate), 'busy');
      return true;
    case 'burstProgress':
      counts(b);
      return true;
    case 'burstFollowing': {
      const d = b.delivery;
      setStatus(
        t(
          'Following the burst to delivery: {0} delivered, {1} bounced, {2} complained, {3} waiting\u2026',
          d.delivered,
          d.bounced,
          d.complained,
          d.waiting + d.delayed,
        ),
        'busy',
      );
      return true;
    }
    case 'burstResult': {
      setRunning(false);
      ui.burstSend.disabled = false;
      const s = b.summary;
      counts({
        done: s.accepted + s.throttled + s.failed,
        count: s.requested,
        accepted: s.accepted,
        throttled: s.throttled,
        failed: s.failed,
      });
      const box = ui.burstResult;
      box.className = `burst-result ${b.ok ? 'ok' : 'failed'}`;
      const headline = el(
        'h3',
        'headline',
        `${b.ok ? '\u2713' : '\u2717'} ${s.cancelled ? t('Cancelled: {0} of {1} accepted', s.accepted, s.requested) : t('{0} of {1} accepted', s.accepted, s.requested)}`,
      );
      headline.id = 'burst-headline';
      const table = el('dl', 'burst-summary');
      table.id = 'burst-summary';
      const rows: Array<[string, string]> = [
        [t('Accepted'), String(s.accepted)],
        [
          t('Throttled (454)'),
          s.throttledReplies > s.throttled
            ? t('{0} ({1} replies, retried after a back-off)', s.throttled, s.throttledReplies)
            : String(s.throttled),
        ],
        [t('Failed'), String(s.failed)],
        [t('Not sent'), String(s.notSent)],
        [t('Latency'), t('p50 {0}, p95 {1}', fmt(s.latencyP50Ms), fmt(s.latencyP95Ms))],
        [t('Rate achieved'), t('{0}/s at a pace of {1}/s', s.achievedRate.toFixed(1), s.targetRate)],
        [
          t('Account maximum'),
          s.maxSendRate
            ? t('{0}/s (achieved {1}%)', s.maxSendRate, Math.round((s.achievedRate / s.maxSendRate) * 100))
            : t('unknown'),
        ],
      ];
      for (const [k, v] of rows) table.append(el('dt', '', k), el('dd', '', v));
      if (s.delivery) table.append(...deliveryRows(s.delivery));
      box.replaceChildren(headline, table);
      if (s.stoppedReason && !s.cancelled) box.appendChild(el('p', 'reply', t('Stopped: {0}', s.stoppedReason)));
      if (s.failures.length) {
        const list = el('ul', 'notes');
        for (const f of s.failures.slice(0, 5)) list.appendChild(el('li', '', `${f.count} \u00d7 ${f.reply}`));
        box.append(el('h4', '', t('Replies')), list);
      }
      show(box, true);
      setStatus(`${b.ok ? '\u2713' : '\u2717'} ${t('Burst: {0}', b.headline)}`, b.ok ? 'ok' : 'failed');
      box.scrollIntoView({ block: 'nearest' });
      return true;
    }
  }
  return false;
}
