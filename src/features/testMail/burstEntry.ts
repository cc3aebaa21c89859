// "SES SMTP: Send Test Email Burst": without credentials it opens the form at its "Burst…"
// section; given {credentialSet, count, rate, …} it runs the burst with a cancellable progress
// notification and returns the summary (tests, tasks and keybindings call it that way).
import * as vscode from 'vscode';
import { callerMaySkipQuestions, consentTo, type CallContext } from '../../host/consent';
import { endpointOf } from '../../base/credentialSets';
import { MAILBOX_SIMULATOR } from '../../engines/smtp/mailboxSimulator';
import { BURST_LIMITS, burstRecipientProblem } from '../../engines/smtp/burstMath';
import { splitRecipients } from '../../base/names';
import { resolveCredentialSet } from '../../host/credentialStore';
import { UserError, type Log } from '../../host/util';
import { burstWithSet, type BurstReport } from './burstCommand';
import { TestSendPanel } from './panel';
import type { PanelDeps } from './panelSend';
import type { SendTestBurstArgs } from './args';

export async function sendTestBurst(
  deps: PanelDeps,
  raw: SendTestBurstArgs | undefined,
  call: CallContext,
): Promise<BurstReport | boolean | undefined> {
  const { log, store } = deps;
  // A plain object was checked by registerCommand against sendTestBurstSchema (count, rate and
  // poolSize within BURST_LIMITS, port and tls valid); a credentials row passes its CredentialNode,
  // which has only "set" of these fields.
  const args: SendTestBurstArgs = raw ?? {};
  if (args.credentialSet === undefined && args.set === undefined) {
    TestSendPanel.createOrShow(deps).showBurst();
    return true;
  }
  const set = await resolveCredentialSet(store, args, vscode.l10n.t('Send Test Email Burst'));
  if (!set) return undefined;
  const to =
    args.to === undefined ? [MAILBOX_SIMULATOR.success] : Array.isArray(args.to) ? args.to : splitRecipients(args.to);
  const from = args.from ?? set.from;
  if (!from)
    throw new UserError(vscode.l10n.t('No From address: pass "from" or set a default From on "{0}".', set.name));
  const count = args.count ?? BURST_LIMITS.count.default;
  // "confirmNonSimulator": true is the caller's word; it counts only under the user's opt-in. Any
  // other caller gets one modal that names every recipient and says which are real mailboxes.
  let confirm = args.confirmNonSimulator === true && callerMaySkipQuestions(call);
  if (call.scripted && !callerMaySkipQuestions(call)) {
    const endpoint = endpointOf({ ...set, port: args.port ?? set.port, tls: args.tls ?? set.tls });
    const real = burstRecipientProblem(to, false);
    const effect = {
      summary: vscode.l10n.t('Send a burst of {0} test emails to {1} from {2}', count, to.join(', '), from),
      detail: [
        vscode.l10n.t('Sent with the saved login "{0}" through {1}:{2}.', set.name, endpoint.host, endpoint.port),
        real ?? '',
      ]
        .filter(Boolean)
        .join('\n'),
      action: vscode.l10n.t('Send Burst'),
    };
    if (!(await consentTo(call, effect))) return undefined;
    confirm = true; // the modal named the real mailboxes
  }
  const problem = burstRecipientProblem(to, confirm);
  if (problem) {
    if (raw !== undefined && args.confirmNonSimulator === false) throw new UserError(problem);
    const anyway = vscode.l10n.t('Send Burst Anyway');
    confirm = (await vscode.window.showWarningMessage(problem, { modal: true }, anyway)) === anyway;
    if (!confirm) return undefined;
  }
  return runWithProgress(log, (signal, progress) =>
    burstWithSet(deps, {
      set,
      mail: {
        from,
        to,
        subject: vscode.l10n.t('SES SMTP test burst'),
        text: vscode.l10n.t('Test burst message from SES SMTP Toolkit.'),
        ...(args.configurationSet ? { configurationSet: args.configurationSet } : {}),
        ...(args.tenant ? { tenant: args.tenant } : {}),
      },
      count,
      rate: args.rate,
      poolSize: args.poolSize,
      messagesPerConnection: args.messagesPerConnection,
      port: args.port,
      tls: args.tls,
      confirmNonSimulator: confirm,
      signal,
      onProgress: (_o, s) =>
        progress(
          vscode.l10n.t('{0} accepted, {1} throttled, {2} failed of {3}', s.accepted, s.throttled, s.failed, count),
          100 / count,
        ),
      onFollow: (d) =>
        progress(
          vscode.l10n.t(
            'following to delivery: {0} delivered, {1} bounced, {2} complained, {3} waiting',
            d.delivered,
            d.bounced,
            d.complained,
            d.waiting + d.delayed,
          ),
          0,
        ),
    }),
  );
}

function runWithProgress(
  log: Log,
  run: (signal: AbortSignal, progress: (message: string, increment: number) => void) => Promise<BurstReport>,
): Thenable<BurstReport> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Test burst'), cancellable: true },
    async (p, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const report = await run(controller.signal, (message, increment) => p.report({ message, increment }));
      void vscode.window[report.ok ? 'showInformationMessage' : 'showWarningMessage'](
        vscode.l10n.t('Test burst: {0}', report.headline),
        vscode.l10n.t('Show Log'),
      ).then((choice) => choice && log.show(true));
      return report;
    },
  );
}
