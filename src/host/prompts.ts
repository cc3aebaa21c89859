// Prompts shared by the commands, as steps of a multi-step flow (./credentials/multiStepInput.ts):
// each step fills in a field of a state object; Back returns to the previous step with its answer.
// Each check as the user types comes from src/base/inputChecks.ts.
import * as vscode from 'vscode';
import { allRegions, checkPort, regionFromHost, validateRegion, type TlsMode } from '../base/regions';
import { classifySmtpPassword, classifySmtpUsername, deriveSmtpPassword } from '../base/password';
import * as checks from '../base/inputChecks';
import { isFlowBack, runSteps, type Step, type StepInput } from './multiStepInput';
import { settings } from './settings';
import { refuseV4PasswordFor, requireSmtpRegion } from './smtpEndpoint';
import { rememberRegion, startRegion } from './awsProfilePicker';

type RegionItem = vscode.QuickPickItem & { region?: string; custom?: 'host' };

/** The region list (the current one first); a region typed that is not listed is offered too. */
function askRegion(
  input: StepInput,
  options: { current?: string; allowHost?: boolean; hostActive?: boolean; placeholder?: string; back?: boolean } = {},
): Promise<RegionItem> {
  const cfg = settings();
  const current = options.current ?? startRegion(cfg.defaultRegion);
  const items: RegionItem[] = allRegions(cfg.extraRegions).map((r) => ({
    label: r.id,
    description: r.name,
    region: r.id,
  }));
  items.sort((a, b) => (a.region === current ? -1 : b.region === current ? 1 : 0));
  if (options.allowHost) {
    items.push({
      label: vscode.l10n.t('$(edit) Enter a host name…'),
      description: vscode.l10n.t('a proxy, relay, test server or FIPS endpoint; any port'),
      custom: 'host',
    });
  }
  return input.quickPick<RegionItem>({
    placeholder:
      options.placeholder ?? vscode.l10n.t('SES region (type to filter, or type a region that is not listed)'),
    items,
    active: options.hostActive && options.allowHost ? items[items.length - 1] : items[0],
    matchOnDescription: true,
    accepts: (i) => i.custom === 'host' || i.region !== undefined,
    back: options.back,
    onValue: (value, pick) => {
      const typed = value.trim();
      if (!typed || items.some((i) => i.label === typed.toLowerCase())) {
        pick.items = items;
        return;
      }
      const check = validateRegion(typed, cfg.extraRegions);
      const extra: RegionItem = check.ok
        ? {
            label: check.region,
            description: check.known ? '' : vscode.l10n.t('not in the built-in table'),
            region: check.region,
            alwaysShow: true,
          }
        : {
            label: `$(warning) ${check.message}`,
            description: check.suggestion ? vscode.l10n.t('press Enter for {0}', check.suggestion) : '',
            region: check.suggestion,
            alwaysShow: true,
          };
      pick.items = [extra, ...items];
    },
  });
}

/**
 * The region of a host that is not an SES endpoint (a relay, a test server): optional, used to
 * derive a password and by the Doctor. undefined: "No region".
 */
export async function askRegionForHost(input: StepInput, current?: string): Promise<string | undefined> {
  const cfg = settings();
  type Item = vscode.QuickPickItem & { region?: string };
  const none: Item = {
    label: vscode.l10n.t('$(circle-slash) No region'),
    description: vscode.l10n.t('the server is not SES, or the password is not an SES SMTP password'),
  };
  const items: Item[] = [
    none,
    ...allRegions(cfg.extraRegions).map((r) => ({ label: r.id, description: r.name, region: r.id })),
  ];
  const picked = await input.quickPick<Item>({
    placeholder: vscode.l10n.t('SES region behind this host (type to filter)'),
    items,
    active: items.find((i) => i.region === current) ?? none,
    matchOnDescription: true,
    back: true,
  });
  return picked.region;
}

/**
 * The endpoint: a region from the list (or typed), or, with allowHost, a host name typed instead,
 * optionally as host:port (any port 1-65535; the port step then offers it first).
 */
export function endpointStep(
  state: { region?: string; host?: string; port?: number },
  options: { allowHost?: boolean } = {},
): Step {
  return async (input) => {
    for (;;) {
      const item = await askRegion(input, {
        current: state.region,
        allowHost: options.allowHost,
        hostActive: state.host !== undefined,
      });
      if (item.custom !== 'host') {
        state.region = item.region;
        rememberRegion(item.region);
        delete state.host;
        return;
      }
      try {
        const typed = await input.inputBox({
          prompt: vscode.l10n.t('SMTP host name, optionally with :port (127.0.0.1:2525); no scheme or path'),
          placeholder: 'email-smtp.eu-west-1.amazonaws.com',
          value: state.host,
          back: true,
          validate: (v) => checks.checkHostInput(v),
          validateFinal: (v) => checks.checkHostInput(v, true),
        });
        const { host, port } = checks.splitHostPort(typed);
        state.host = host;
        if (port) state.port = Number(port);
        // An SES endpoint names its region; any other host has none until one is needed (a derive).
        const ses = regionFromHost(host);
        if (ses) state.region = ses.region;
        else delete state.region;
        return;
      } catch (err) {
        if (!isFlowBack(err)) throw err; // Back: the region list again
      }
    }
  };
}

const SES_PORTS = [587, 2587, 465, 2465, 25];

/**
 * Port and TLS mode: SES's five ports as the quick choices; with a custom host also any other port
 * (1-65535, typed or given as host:port), then its TLS mode.
 */
export function portStep(state: { port?: number; tls?: TlsMode; host?: string }): Step {
  type Item = vscode.QuickPickItem & { port?: number; tls?: TlsMode };
  const sesItems: Item[] = [
    { label: '587', description: vscode.l10n.t('STARTTLS (recommended)'), port: 587, tls: 'starttls' },
    { label: '2587', description: vscode.l10n.t('STARTTLS, when 587 is blocked'), port: 2587, tls: 'starttls' },
    {
      label: '465',
      description: vscode.l10n.t('TLS from the first byte (secure: true)'),
      port: 465,
      tls: 'implicit',
    },
    { label: '2465', description: vscode.l10n.t('TLS, when 465 is blocked'), port: 2465, tls: 'implicit' },
    {
      label: '25',
      description: vscode.l10n.t('STARTTLS; often blocked or throttled (EC2)'),
      port: 25,
      tls: 'starttls',
    },
  ];
  return async (input) => {
    const custom = state.host !== undefined && !regionFromHost(state.host);
    const items = [...sesItems];
    if (custom && state.port !== undefined && !SES_PORTS.includes(state.port))
      items.unshift({ label: String(state.port), description: vscode.l10n.t('the port given with the host') });
    if (custom) items.push({ label: vscode.l10n.t('$(edit) Other port…'), description: vscode.l10n.t('1 to 65535') });
    for (;;) {
      const active = items.find(
        (i) => i.port === state.port || (i.port === undefined && i.label === String(state.port)),
      );
      const item = await input.quickPick({ placeholder: vscode.l10n.t('Port and TLS mode'), items, active });
      if (item.tls !== undefined && item.port !== undefined) {
        // A relay may run STARTTLS or TLS on an SES port too: asked, SES's mode first unless the port is kept.
        const kept = custom && state.tls !== undefined && item.port === state.port;
        state.port = item.port;
        state.tls = kept ? state.tls : checkPort(item.port).ok ? item.tls : 'starttls';
        if (!custom) return;
        try {
          state.tls = await askTls(input, state.tls ?? item.tls);
          return;
        } catch (err) {
          if (!isFlowBack(err)) throw err;
          continue;
        }
      }
      try {
        const port =
          item.port === undefined && /^\d+$/.test(item.label)
            ? Number(item.label)
            : Number(
                (
                  await input.inputBox({
                    prompt: vscode.l10n.t('Port of {0} (1 to 65535)', state.host ?? ''),
                    placeholder: '2525',
                    value: state.port !== undefined && !SES_PORTS.includes(state.port) ? String(state.port) : '',
                    back: true,
                    validate: checks.checkPortInput,
                  })
                ).trim(),
              );
        state.port = port;
        state.tls = await askTls(input, state.tls ?? 'starttls');
        return;
      } catch (err) {
        if (!isFlowBack(err)) throw err; // Back: the port list again
      }
    }
  };
}

/** STARTTLS or TLS from the first byte, for a custom host's port. */
async function askTls(input: StepInput, current: TlsMode): Promise<TlsMode> {
  type Item = vscode.QuickPickItem & { tls: TlsMode };
  const items: Item[] = [
    {
      label: vscode.l10n.t('STARTTLS'),
      description: vscode.l10n.t('plain connection, then STARTTLS (secure: false)'),
      tls: 'starttls',
    },
    {
      label: vscode.l10n.t('TLS'),
      description: vscode.l10n.t('TLS from the first byte (secure: true)'),
      tls: 'implicit',
    },
  ];
  const picked = await input.quickPick({
    placeholder: vscode.l10n.t('TLS mode of the server'),
    items,
    active: items.find((i) => i.tls === current),
    back: true,
  });
  return picked.tls;
}

export function usernameStep(state: { username?: string }): Step {
  return async (input) => {
    const answer = await input.inputBox({
      prompt: vscode.l10n.t('SMTP username: the IAM access key id (AKIA…)'),
      placeholder: 'AKIA…',
      value: state.username,
      validate: checks.checkUsernameInput,
      validateFinal: checks.checkUsernameFinal,
    });
    state.username = classifySmtpUsername(answer).cleaned;
  };
}

/**
 * The SMTP password. An IAM secret access key typed instead is turned into the SMTP password in
 * place: the box says "Press Enter to derive the SMTP password for <region>", and Enter derives it
 * (the region asked first when the endpoint is a host that names none; Back there returns to the
 * password). `derivedFor` then tells the region the password was made for; the secret is not kept.
 */
export function smtpPasswordStep(state: {
  password?: string;
  region?: string;
  host?: string;
  derivedFor?: string;
}): Step {
  return async (input) => {
    for (;;) {
      const typed = await input.inputBox({
        prompt: vscode.l10n.t('SMTP password (44 characters). Paste it exactly as your application uses it.'),
        password: true,
        value: state.password,
        validate: (v) => checks.checkPasswordOrSecretInput(v, state.region),
        validateFinal: (v) =>
          v ? checks.checkPasswordOrSecretInput(v, state.region) : vscode.l10n.t('Enter the SMTP password.'),
      });
      const c = classifySmtpPassword(typed);
      if ((c.cleanedKind ?? c.kind) !== 'iam-secret') {
        state.password = typed;
        delete state.derivedFor;
        return;
      }
      let region = state.region;
      if (!region) {
        state.password = typed; // Back from the region list shows it again
        try {
          region = (
            await askRegion(input, {
              placeholder: vscode.l10n.t(
                'Region of the SES account: the SMTP password is derived for one region (type to filter)',
              ),
              back: true,
            })
          ).region;
        } catch (err) {
          if (isFlowBack(err)) continue;
          throw err;
        }
        state.region = region;
        rememberRegion(region);
      }
      refuseV4PasswordFor(state.host);
      await requireSmtpRegion(region);
      state.password = deriveSmtpPassword(c.cleaned, region!);
      state.derivedFor = region;
      return;
    }
  };
}

export function secretKeyStep(state: { secretAccessKey?: string }, why?: string): Step {
  return async (input) => {
    const prompt = vscode.l10n.t(
      'IAM secret access key (40 characters). It is used on this machine only and never stored.',
    );
    const answer = await input.inputBox({
      prompt: why ? `${why} ${prompt}` : prompt,
      password: true,
      value: state.secretAccessKey,
      validate: checks.checkSecretKeyInput,
      validateFinal: (v) => (v.trim() ? checks.checkSecretKeyInput(v) : vscode.l10n.t('Enter the secret access key.')),
    });
    state.secretAccessKey = answer.trim();
  };
}

/** The name of a credential set; `suggested` fills the box the first time. */
export function nameStep(state: { name?: string }, suggested: () => string): Step {
  return async (input) => {
    const answer = await input.inputBox({
      prompt: vscode.l10n.t('A name for these credentials'),
      value: state.name ?? suggested(),
      validate: checks.checkNameInput,
    });
    state.name = answer.trim();
  };
}

/** The optional default From, checked as typed with the project's address validator. */
export function fromStep(state: { from?: string }): Step {
  return async (input) => {
    const answer = await input.inputBox({
      prompt: vscode.l10n.t(
        'Default From (optional): the address test mails are sent from; it must be verified in SES in this region',
      ),
      placeholder: vscode.l10n.t('noreply@example.com, or leave empty'),
      value: state.from,
      validate: checks.checkFromInput,
    });
    state.from = answer.trim() || undefined;
  };
}

/** A region (or, with allowHost, a host) in a one-step flow; undefined when cancelled. */
export async function pickRegion(
  title: string,
  options: { allowHost?: boolean } = {},
): Promise<{ region?: string; host?: string } | undefined> {
  const state: { region?: string; host?: string } = {};
  return (await runSteps(title, [endpointStep(state, options)])) ? state : undefined;
}

export async function askSecretAccessKey(title: string): Promise<string | undefined> {
  const state: { secretAccessKey?: string } = {};
  return (await runSteps(title, [secretKeyStep(state)])) ? state.secretAccessKey : undefined;
}

export interface LoginFields {
  region?: string;
  /** The region an IAM secret key typed as the password was turned into an SMTP password for. */
  derivedFor?: string;
  host?: string;
  port?: number;
  tls?: TlsMode;
  username?: string;
  password?: string;
}

/** The steps for whichever of endpoint, port, username and password `state` lacks now. */
export function loginSteps(state: LoginFields): Array<Step | false> {
  return [
    state.region === undefined && state.host === undefined && endpointStep(state, { allowHost: true }),
    state.port === undefined && portStep(state),
    state.username === undefined && usernameStep(state),
    state.password === undefined && smtpPasswordStep(state),
  ];
}

export type CompleteLoginFields = LoginFields & { port: number; username: string; password: string };

/** Asks for whichever of endpoint, port, username and password are missing; undefined when cancelled. */
export async function askLoginFields(title: string, given: LoginFields): Promise<CompleteLoginFields | undefined> {
  const state = { ...given };
  if (!(await runSteps(title, loginSteps(state)))) return undefined;
  delete state.derivedFor; // the password itself is what the caller needs
  return state as CompleteLoginFields;
}
