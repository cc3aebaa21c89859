// "SES SMTP: Check SMTP Login": connect, STARTTLS, AUTH, QUIT against the regional endpoint; a
// readable report in the log and a notification with the most likely cause when it fails.
import * as vscode from 'vscode';
import { walkthroughStepDone } from '../../host/walkthrough';
import type { Cause, KnownFacts } from '../../engines/smtp/diagnose';
import { resolveEndpoint } from '../../base/regions';
import type { SmtpCheckResult } from '../../engines/smtp/types';
import { loadSmtp } from '../../engines/bundles/load';
import { afterCheckLogin, diagnosisDetail, fixAction, NEXT, type NextAction } from './logic/nextActions';
import { askLoginFields, askSecretAccessKey } from '../../host/prompts';
import { generatePassword } from './generatePassword';
import { settings } from '../../host/settings';
import { requireSmtpRegion } from '../../host/smtpEndpoint';
import { UserError, type Log } from '../../host/util';
import type { FeatureCalls } from '../../host/calls';
import type { CheckLoginArgs } from './args';

export interface CheckLoginOutcome {
  ok: boolean;
  result: SmtpCheckResult;
  causes: Cause[];
  report: string;
}

const title = (): string => vscode.l10n.t('Check SES SMTP Login');

/** Where the check came from: a saved set's id lets the notification's next steps act on it. */
export interface CheckContext {
  credentialSet?: string;
  /** The set was saved with the old "accept any certificate" opt-in (src/base/credentialSets.ts). */
  formerlyAcceptedAnyCertificate?: boolean;
}

export async function checkLogin(
  log: Log,
  calls: FeatureCalls,
  raw?: unknown,
  context: CheckContext = {},
): Promise<CheckLoginOutcome | undefined> {
  // No re-check of the fields: registerCommand checked a plain object against checkLoginSchema (the
  // palette passes undefined; calls.checkLogin goes through `run`, which checks too), and the one
  // direct call, checkSet (commands.ts), builds the object from a saved set and those checked fields.
  const args = (raw ?? {}) as CheckLoginArgs;
  const secret = args.secretAccessKey;
  const timeoutSeconds = args.timeoutSeconds;
  const fields = await askLoginFields(title(), {
    region: args.region,
    host: args.host,
    port: args.port,
    tls: args.tls,
    username: args.username,
    password: args.password,
  });
  if (!fields) return undefined;
  const { region, host, port, tls, username, password } = fields;

  let endpoint;
  try {
    endpoint = resolveEndpoint({ region, host, port, tls, extraRegions: settings().extraRegions });
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  await requireSmtpRegion(endpoint.region, { host: endpoint.host });
  const phaseTimeoutMs =
    timeoutSeconds !== undefined ? Math.max(timeoutSeconds, 0.1) * 1000 : settings().phaseTimeoutMs;

  const { checkSmtpLogin } = loadSmtp();
  const run = (signal?: AbortSignal, onPhase?: (phase: string) => void): Promise<SmtpCheckResult> =>
    checkSmtpLogin({
      host: endpoint.host,
      port: endpoint.port,
      tls: endpoint.tls,
      username,
      password,
      phaseTimeoutMs,
      signal,
      onPhase,
      pinnedCertificateSha256: args.certificateSha256,
    });

  const result =
    args.notify === false
      ? await run()
      : await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: vscode.l10n.t('Checking SMTP login at {0}:{1}', endpoint.host, endpoint.port),
            cancellable: true,
          },
          (progress, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort());
            return run(controller.signal, (phase) => progress.report({ message: phase }));
          },
        );

  const known = {
    username,
    password,
    secretAccessKey: secret,
    region: endpoint.region,
    host: endpoint.host,
    port: endpoint.port,
  };
  const { diagnose, formatCheckReport } = loadSmtp();
  const causes = diagnose(result, known);
  const report = formatCheckReport(result, causes, { username, region: endpoint.region });
  (result.ok ? log.info : log.warn).call(log, `\n${report}`);
  const outcome: CheckLoginOutcome = { ok: result.ok, result, causes, report };
  if (result.ok) walkthroughStepDone('loginPassed');
  if (args.notify !== false)
    void notify(log, outcome, known, { ...context, calls }).catch((err: Error) => log.warn(err.message));
  return outcome;
}

type NextContext = CheckContext & { calls: FeatureCalls };

async function notify(log: Log, outcome: CheckLoginOutcome, known: KnownFacts, context: NextContext): Promise<void> {
  const summary = loadSmtp().summarizeCheck(outcome.result, outcome.causes);
  if (!outcome.ok && outcome.result.failure?.code === 'CANCELLED') return;
  const top = outcome.causes[0];
  const actions = afterCheckLogin({
    ok: outcome.ok,
    topCause: top?.id,
    hasSecretKey: known.secretAccessKey !== undefined,
    savedSet: context.credentialSet !== undefined,
  });
  const formerly =
    context.formerlyAcceptedAnyCertificate && outcome.result.failure?.code === 'TLS_CERT'
      ? vscode.l10n.t(
          'These credentials used to accept any certificate; that is no longer done: trust the certificate by its fingerprint (Trust Certificate…).',
        ) + ' '
      : '';
  const choice = outcome.ok
    ? await vscode.window.showInformationMessage(summary, ...actions)
    : await vscode.window.showErrorMessage(
        formerly + (top ? vscode.l10n.t('{0} Fix: {1}', summary, top.fix) : summary),
        ...actions,
      );
  if (choice) await runNext(log, choice, outcome, known, context);
}

async function runNext(
  log: Log,
  choice: NextAction,
  outcome: CheckLoginOutcome,
  known: KnownFacts,
  context: NextContext,
): Promise<void> {
  if (choice === NEXT.showLog) log.show(true);
  if (choice === NEXT.sendTestEmail) {
    const args = context.credentialSet ? { credentialSet: context.credentialSet } : undefined;
    await context.calls.sendTestEmail(args).catch(() => undefined); // it reports its own errors
  }
  if ((choice === NEXT.trustCertificate || choice === NEXT.trustNewCertificate) && context.credentialSet) {
    await context.calls.trustCertificate({ credentialSet: context.credentialSet }).catch(() => undefined);
  }
  if (choice === NEXT.generate) {
    try {
      await generatePassword(log, context.calls);
    } catch (err) {
      void vscode.window.showErrorMessage((err as Error).message);
    }
  }
  if (choice === NEXT.diagnose) {
    // Every likely cause with its fix in the dialog itself, then the fix it leads to.
    const fix = fixAction(
      outcome.causes[0]?.id,
      known.secretAccessKey !== undefined,
      context.credentialSet !== undefined,
    );
    const buttons = fix ? [fix, NEXT.showLog] : [NEXT.showLog];
    const why = outcome.causes[0]
      ? vscode.l10n.t('Why the login failed: {0}', outcome.causes[0].title)
      : vscode.l10n.t('The login failed for an unknown reason.');
    const picked = await vscode.window.showWarningMessage(
      why,
      { modal: true, detail: diagnosisDetail(outcome.causes) },
      ...buttons,
    );
    if (picked) await runNext(log, picked, outcome, known, context);
  }
  if (choice === NEXT.findRegion) {
    const secret = await askSecretAccessKey(vscode.l10n.t('Which region was this password made for?'));
    if (!secret) return;
    const { diagnose, formatCauses } = loadSmtp();
    const causes = diagnose(outcome.result, { ...known, secretAccessKey: secret });
    log.info(`Diagnosis with the secret key:\n${formatCauses(causes)}`);
    if (!causes[0]) return;
    const next = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} Fix: {1}', causes[0].title, causes[0].fix),
      NEXT.generate,
      NEXT.showLog,
    );
    if (next) await runNext(log, next, outcome, known, context);
  }
}
