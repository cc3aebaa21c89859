// Prompts shared by the commands, as steps of a multi-step flow (./credentials/multiStepInput.ts):
// each step fills in a field of a state object; Back returns to the previous step with its answer.
// Each check as the user types comes from src/base/inputChecks.ts.
import * as vscode from 'vscode';
import { allRegions, checkPort, validateRegion, type TlsMode } from '../base/regions';
import { classifySmtpUsername } from '../base/password';
import * as checks from '../base/inputChecks';
import { isFlowBack, runSteps, type Step } from './multiStepInput';
import { settings } from './settings';
import { rememberRegion, startRegion } from './awsProfilePicker';

type RegionItem = vscode.QuickPickItem & { region?: string; custom?: 'host' };

/** The endpoint: a region from the list (or typed), or, with allowHost, a host name typed instead. */
export function endpointStep(state: { region?: string; host?: string }, options: { allowHost?: boolean } = {}): Step {
  return async (input) => {
    const cfg = settings();
    const current = state.region ?? startRegion(cfg.defaultRegion);
    const items: RegionItem[] = allRegions(cfg.extraRegions).map((r) => ({
      label: r.id,
      description: r.name,
      region: r.id,
    }));
    items.sort((a, b) => (a.region === current ? -1 : b.region === current ? 1 : 0));
    if (options.allowHost) {
      items.push({
        label: vscode.l10n.t('$(edit) Enter a host name…'),
        description: vscode.l10n.t('a proxy, relay or FIPS endpoint'),
        custom: 'host',
      });
    }
    for (;;) {
      const item = await input.quickPick<RegionItem>({
        placeholder: vscode.l10n.t('SES region (type to filter, or type a region that is not listed)'),
        items,
        active: state.host && options.allowHost ? items[items.length - 1] : items[0],
        matchOnDescription: true,
        accepts: (i) => i.custom === 'host' || i.region !== undefined,
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
      if (item.custom !== 'host') {
        state.region = item.region;
        rememberRegion(item.region);
        delete state.host;
        return;
      }
      try {
        const host = await input.inputBox({
          prompt: vscode.l10n.t('SMTP host name, without a scheme, port or path'),
          placeholder: 'email-smtp.eu-west-1.amazonaws.com',
          value: state.host,
          back: true,
          validate: (v) => checks.checkHostInput(v),
          validateFinal: (v) => checks.checkHostInput(v, true),
        });
        state.host = host.trim();
        delete state.region;
        return;
      } catch (err) {
        if (!isFlowBack(err)) throw err; // Back: the region list again
      }
    }
  };
}

export function portStep(state: { port?: number; tls?: TlsMode }): Step {
  type Item = vscode.QuickPickItem & { port: number; tls: TlsMode };
  const items: Item[] = [
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
    const active = items.find((i) => i.port === state.port);
    const item = await input.quickPick({ placeholder: vscode.l10n.t('Port and TLS mode'), items, active });
    state.port = item.port;
    state.tls = checkPort(item.port).ok ? item.tls : 'starttls';
  };
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

export function smtpPasswordStep(state: { password?: string }): Step {
  return async (input) => {
    state.password = await input.inputBox({
      prompt: vscode.l10n.t('SMTP password (44 characters). Paste it exactly as your application uses it.'),
      password: true,
      value: state.password,
      validate: checks.checkSmtpPasswordInput,
      validateFinal: (v) => (v ? checks.checkSmtpPasswordInput(v) : vscode.l10n.t('Enter the SMTP password.')),
    });
  };
}

export function secretKeyStep(state: { secretAccessKey?: string }): Step {
  return async (input) => {
    const answer = await input.inputBox({
      prompt: vscode.l10n.t('IAM secret access key (40 characters). It is used on this machine only and never stored.'),
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
  return (await runSteps(title, loginSteps(state))) ? (state as CompleteLoginFields) : undefined;
}
