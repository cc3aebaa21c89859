// "SES SMTP: Run Doctor": the whole "why won't it send" checklist in one run. From a saved
// credential set (view item), the palette (prompts for what is missing) or an argument object
// (returns the report and its masked Markdown). The checks live in src/core/doctor; this file
// gathers the inputs, wires the ports (SMTP bundle, AWS bundle, DNS) and shows the report.
import * as vscode from 'vscode';
import { consentTo, type CallContext } from '../../host/consent';
import { endpointOf } from '../../base/credentialSets';
import type { DoctorInput, DoctorPorts, DoctorReport } from '../../engines/doctor/types';
import { checkDnsRecords } from '../../engines/dns/check';
import { allRegions, resolveEndpoint } from '../../base/regions';
import { splitRecipients } from '../../base/names';
import { loadAws, loadSmtp } from '../../engines/bundles/load';
import { resolveCredentialSet } from '../../host/credentialStore';
import type { CredentialStore } from '../../host/credentialStore';
import { askLoginFields } from '../../host/prompts';
import { dnsServers, settings } from '../../host/settings';
import { requireSmtpRegion } from '../../host/smtpEndpoint';
import { UserError, type Log } from '../../host/util';
import { pickProfile } from './inputs';
import { DoctorPanel } from './panel';
// The argument type is the schema's (args.ts); registerCommand checked a plain object against it.
import type { DoctorArgs } from './args';
import type { FeatureCalls } from '../../host/calls';
import type { Finding } from '../../engines/doctor/types';

/** Whether delivery tracking is set up in the region, and the last bounce or complaint for From. */
export async function trackingFinding(
  report: DoctorReport,
  calls: Pick<FeatureCalls, 'trackingSummary'>,
): Promise<Finding> {
  const region = report.input.region;
  const from = report.input.from ? (/<([^>]+)>/.exec(report.input.from)?.[1] ?? report.input.from).trim() : undefined;
  const summary = region ? await calls.trackingSummary(region, from) : {};
  if (!region || !summary.configurationSet)
    return {
      check: 'tracking',
      verdict: 'skipped',
      title: region
        ? vscode.l10n.t('Delivery tracking is not set up in {0}', region)
        : vscode.l10n.t('Delivery tracking: no SES region'),
      evidence: [],
      fix: vscode.l10n.t(
        'To see what happens after 250 Ok (delivery, bounce, complaint, delay), run "Set Up SES Delivery Tracking" for the region.',
      ),
      weight: 0,
    };
  return {
    check: 'tracking',
    verdict: 'pass',
    title: vscode.l10n.t(
      'Delivery tracking is set up in {0} (configuration set {1})',
      region,
      summary.configurationSet,
    ),
    evidence: [
      summary.lastIssue
        ? vscode.l10n.t('Last bounce or complaint for {0}: {1}', from ?? '', summary.lastIssue)
        : vscode.l10n.t('No bounce or complaint is kept for {0}.', from ?? vscode.l10n.t('the From address')),
    ],
    weight: 0,
  };
}

export interface DoctorOutcome {
  report: DoctorReport;
  /** The report as Markdown, secrets masked. */
  markdown: string;
}

interface Prepared {
  input: DoctorInput;
  ports: DoctorPorts;
  scale: number;
}

async function prepare(
  log: Log,
  store: CredentialStore,
  raw: unknown,
  call: CallContext,
): Promise<Prepared | undefined> {
  const args = (raw ?? {}) as DoctorArgs;
  const interactive = raw === undefined || Object.getPrototypeOf(raw) !== Object.prototype;
  let login: {
    region?: string;
    host?: string;
    port?: number;
    tls?: 'starttls' | 'implicit';
    username?: string;
    password?: string;
    from?: string;
    certificateSha256?: string;
  } = { ...args };
  if (args.set || args.credentialSet !== undefined || (raw === undefined && (await store.list()).length)) {
    const set = await resolveCredentialSet(store, raw, vscode.l10n.t('Run Doctor'));
    if (!set) return undefined;
    if (args.host !== undefined || args.region !== undefined) {
      const ownHost = endpointOf(set).host;
      let asked: string;
      try {
        asked = resolveEndpoint({
          region: args.region ?? set.region,
          host: args.host ?? (args.region !== undefined ? undefined : set.host),
          port: args.port ?? set.port,
          tls: args.tls ?? set.tls,
          extraRegions: settings().extraRegions,
        }).host;
      } catch (err) {
        throw new UserError((err as Error).message);
      }
      if (!(await mayUseSavedLoginWith(call, set.name, ownHost, asked))) return undefined;
    }
    // Another port of the set's host (a local relay's host may run other people's servers): consent.
    const ownPort = set.port ?? 587;
    const loginPort = args.portMap?.[String(args.port ?? ownPort)] ?? args.port ?? ownPort;
    if (loginPort !== ownPort) {
      const host = endpointOf(set).host;
      const effect = {
        summary: vscode.l10n.t('Log in to {0}:{1} with the saved login of "{2}"', host, loginPort, set.name),
        detail: vscode.l10n.t(
          'The set is saved for port {0}. Whatever listens on port {1} of {2} receives its username and password.',
          ownPort,
          loginPort,
          host,
        ),
        action: vscode.l10n.t('Log In'),
      };
      if (!(await consentTo(call, effect))) return undefined;
    }
    const password = await store.requirePassword(set);
    login = {
      region: set.region,
      host: set.host,
      port: set.port,
      tls: set.tls,
      username: set.username,
      password,
      from: set.from,
      certificateSha256: set.certificateSha256,
      ...stripUndefined({ region: args.region, host: args.host, port: args.port, tls: args.tls, from: args.from }),
    };
  } else if (!args.username || args.password === undefined) {
    const asked = await askLoginFields(vscode.l10n.t('Run Doctor'), login);
    if (!asked) return undefined;
    login = { ...login, ...asked };
  }
  let endpoint;
  try {
    endpoint = resolveEndpoint({
      region: login.region,
      host: login.host,
      port: login.port ?? 587,
      tls: login.tls,
      extraRegions: settings().extraRegions,
    });
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  await requireSmtpRegion(endpoint.region, { host: endpoint.host });
  let from = args.from ?? login.from;
  if (from === undefined && interactive)
    from =
      (
        await vscode.window.showInputBox({
          title: vscode.l10n.t('Run Doctor: From address (optional)'),
          prompt: vscode.l10n.t('The From address your application sends as; leave empty to skip the identity checks.'),
          ignoreFocusOut: true,
        })
      )?.trim() || undefined;
  let to = args.to === undefined ? undefined : Array.isArray(args.to) ? args.to : splitRecipients(args.to);
  if (to === undefined && interactive) {
    const typed = (
      await vscode.window.showInputBox({
        title: vscode.l10n.t('Run Doctor: a recipient (optional)'),
        prompt: vscode.l10n.t('A To address to check (sandbox verification, suppression list); leave empty to skip.'),
        ignoreFocusOut: true,
      })
    )?.trim();
    to = typed ? splitRecipients(typed) : undefined;
  }
  const profile = args.profile !== undefined ? args.profile : interactive ? await pickProfile() : null;
  const region = endpoint.region;
  let aws: DoctorPorts['aws'];
  if (profile !== null && profile !== undefined) {
    const bundle = loadAws();
    const ok = await bundle.checkCredentials(profile || undefined, region ?? 'us-east-1');
    if (ok.ok)
      aws = bundle.doctorAws({
        profile: profile || undefined,
        region: region ?? 'us-east-1',
        endpoint: settings().awsEndpoint,
      });
    else log.warn(`Run Doctor: the AWS API checks are skipped: ${ok.reason}`);
  }
  const map = args.portMap ?? {};
  const input: DoctorInput = {
    username: login.username ?? '',
    password: login.password ?? '',
    region,
    host: endpoint.host,
    port: endpoint.port,
    loginVia: map[String(endpoint.port)],
    tls: endpoint.tls,
    from,
    to,
    ...(args.tenant ? { tenant: args.tenant } : {}),
    ...(args.configurationSet ? { configurationSet: args.configurationSet } : {}),
    ports: loadSmtp().doctor.SES_PORTS.map((port) => ({ port, via: map[String(port)] })),
    aws: Boolean(aws),
    pinnedCertificateSha256: login.certificateSha256,
  };
  const servers = dnsServers();
  const ports: DoctorPorts = {
    login: (o) => loadSmtp().checkSmtpLogin(o),
    aws,
    dns: (records) => checkDnsRecords(records, { servers, timeoutMs: 3000 }),
    resolve: loadSmtp().resolveHost,
    connect: loadSmtp().tcpConnect,
    certificate: (host, port, tls, ms, signal) => loadSmtp().peerCertificate(host, port, tls, ms, signal),
    regions: allRegions(settings().extraRegions).map((r) => r.id),
  };
  const scale = args.timeoutSeconds !== undefined ? Math.max(args.timeoutSeconds, 0.5) / 15 : 1;
  return { input, ports, scale };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function run(log: Log, p: Prepared, withProgress: boolean): Promise<DoctorReport | undefined> {
  const go = (signal?: AbortSignal, onCheck?: (label: string) => void): Promise<DoctorReport> =>
    loadSmtp().doctor.runDoctor(p.input, p.ports, { signal, timeoutScale: p.scale, onCheck });
  const report = !withProgress
    ? await go()
    : await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('SES SMTP Doctor'), cancellable: true },
        (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return go(controller.signal, (label) => progress.report({ message: vscode.l10n.t('{0} done', label) }));
        },
      );
  const failing = report.findings.filter((f) => f.verdict === 'fail').length;
  const line = `Run Doctor: ${report.headline} (${failing} failing, ${report.totalMs} ms)`;
  log.info(loadSmtp().doctor.maskText(line, [p.input.password], p.input.username));
  return report;
}

/**
 * A saved set's password goes only to the set's own host. Another host asked for by a caller is
 * refused (whatever the opt-in says: that would hand the password to whoever runs that server);
 * from the extension's own flows the user is asked in a modal that names the host.
 */
async function mayUseSavedLoginWith(
  call: CallContext,
  setName: string,
  ownHost: string,
  askedHost: string,
): Promise<boolean> {
  if (askedHost.toLowerCase() === ownHost.toLowerCase()) return true;
  if (call.scripted)
    throw new UserError(
      vscode.l10n.t(
        'Run Doctor does not send the saved login of "{0}" to {1}: the set belongs to {2}. Pass "host" without "credentialSet" (with "username" and "password"), or leave "host" out.',
        setName,
        askedHost,
        ownHost,
      ),
    );
  const send = vscode.l10n.t('Log In to {0}', askedHost);
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Send the saved login of "{0}" to {1}?', setName, askedHost),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The set belongs to {0}. The Doctor would log in to {1} with its username and password, so that server learns them.',
        ownHost,
        askedHost,
      ),
    },
    send,
  );
  return answer === send;
}

export async function runDoctorCommand(
  log: Log,
  store: CredentialStore,
  raw: unknown,
  call: CallContext,
  extensionUri: vscode.Uri,
  calls?: FeatureCalls,
): Promise<DoctorOutcome | undefined> {
  const prepared = await prepare(log, store, raw, call);
  if (!prepared) return undefined;
  const withTracking = async (report: DoctorReport | undefined): Promise<DoctorReport | undefined> =>
    report && calls ? { ...report, findings: [...report.findings, await trackingFinding(report, calls)] } : report;
  const show = (raw as DoctorArgs | undefined)?.notify !== false;
  const rerun = async (): Promise<DoctorReport | undefined> => withTracking(await run(log, prepared, false));
  const panel = show ? DoctorPanel.show(log, rerun, prepared.input.password, extensionUri) : undefined;
  panel?.setRunning(true);
  const report = await withTracking(await run(log, prepared, show));
  if (!report) return undefined;
  panel?.showReport(report);
  return { report, markdown: loadSmtp().doctor.renderMarkdown(report, { password: prepared.input.password }) };
}
