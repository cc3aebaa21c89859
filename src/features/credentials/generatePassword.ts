// "SES SMTP: Generate SMTP Password from IAM Secret Key"
import * as vscode from 'vscode';
import { deriveSmtpPassword, classifySmtpUsername } from '../../base/password';
import { smtpHostForRegion, validateRegion } from '../../base/regions';
import { requireSmtpRegion } from '../../host/smtpEndpoint';
import { afterGenerate, NEXT } from './logic/nextActions';
import { offerAfterSave } from './nextSteps';
import type { FeatureCalls } from '../../host/calls';
import { runSteps, type Step } from '../../host/multiStepInput';
import { endpointStep, nameStep, secretKeyStep, usernameStep } from '../../host/prompts';
import { settings } from '../../host/settings';
import { UserError, type Log } from '../../host/util';
import type { GeneratePasswordArgs } from './args';

export interface GeneratedPassword {
  username: string;
  password: string;
  region: string;
  host: string;
  port: number;
}

const title = (): string => vscode.l10n.t('Generate SES SMTP Password');

/** The key id, secret and region steps for whichever of them `state` lacks now. */
export function generateSteps(state: {
  accessKeyId?: string;
  secretAccessKey?: string;
  region?: string;
}): Array<Step | false> {
  const user = { username: state.accessKeyId };
  const region: { region?: string } = { region: state.region };
  return [
    state.accessKeyId === undefined &&
      (async (input) => {
        await usernameStep(user)(input);
        state.accessKeyId = user.username;
      }),
    state.secretAccessKey === undefined && secretKeyStep(state),
    state.region === undefined &&
      (async (input) => {
        await endpointStep(region)(input);
        state.region = region.region;
      }),
  ];
}

/** The cleaned access key id; throws a UserError when it is not a long-term key. */
export function checkAccessKeyId(accessKeyId: string): string {
  const user = classifySmtpUsername(accessKeyId);
  if (user.kind === 'temporary-key') {
    throw new UserError(
      vscode.l10n.t('{0} Use the access key of an IAM user, or create dedicated SMTP credentials.', user.summary),
    );
  }
  if (user.kind !== 'access-key') throw new UserError(user.summary);
  return user.cleaned;
}

/** The password for the key and region of `state`; throws a UserError naming what is wrong. */
export async function derive(
  log: Log,
  state: { accessKeyId: string; secretAccessKey: string; region: string },
): Promise<GeneratedPassword> {
  const username = checkAccessKeyId(state.accessKeyId);
  const secret = state.secretAccessKey.trim();
  if (!/^[A-Za-z0-9+/]{40}$/.test(secret)) {
    throw new UserError(
      vscode.l10n.t(
        'The secret access key should be 40 characters of A-Z, a-z, 0-9, + and /; the value given is {0} characters. Copy it again from the IAM console or the credentials CSV.',
        secret.length,
      ),
    );
  }
  const check = validateRegion(state.region, settings().extraRegions);
  if (!check.ok) throw new UserError(check.message);
  if (check.note) log.warn(check.note);
  // No password for a region whose SMTP host does not exist (ap-south-2, eu-central-2).
  await requireSmtpRegion(check.region);
  const result: GeneratedPassword = {
    username,
    password: deriveSmtpPassword(secret, check.region),
    region: check.region,
    host: smtpHostForRegion(check.region),
    port: 587,
  };
  log.info(`Derived a v4 SMTP password for ${result.username} in ${result.region} (${result.host}).`);
  return result;
}

export async function generatePassword(
  log: Log,
  calls: FeatureCalls,
  raw?: unknown,
): Promise<GeneratedPassword | undefined> {
  // Checked by registerCommand against generatePasswordSchema (calls.generatePassword goes through
  // `run`, which checks too); the direct call from checkLogin.ts passes nothing.
  const args = (raw ?? {}) as GeneratePasswordArgs;
  const state = { accessKeyId: args.accessKeyId, secretAccessKey: args.secretAccessKey, region: args.region };
  if (state.accessKeyId !== undefined) checkAccessKeyId(state.accessKeyId); // before asking for the secret
  if (!(await runSteps(title(), generateSteps(state)))) return undefined;
  const result = await derive(log, state as { accessKeyId: string; secretAccessKey: string; region: string });
  if (args.showResult !== false) void offerNext(result, calls);
  return result;
}

async function offerNext(result: GeneratedPassword, calls: FeatureCalls): Promise<void> {
  const { region, username, host } = result;
  const about = vscode.l10n.t(
    'Username {0}, host {1}, port 587 (STARTTLS). It works in {2} only.',
    username,
    host,
    region,
  );
  let message = vscode.l10n.t('SMTP password derived for {0}. {1}', region, about);
  for (;;) {
    const choice = await vscode.window.showInformationMessage(message, ...afterGenerate());
    if (!choice) return;
    if (choice === NEXT.saveAsSet) {
      await saveAsSet(result, calls);
      return;
    }
    const isPassword = choice === NEXT.copyPassword;
    await vscode.env.clipboard.writeText(isPassword ? result.password : result.username);
    message = isPassword
      ? vscode.l10n.t('Password copied. SMTP password derived for {0}. {1}', region, about)
      : vscode.l10n.t('Username copied. SMTP password derived for {0}. {1}', region, about);
  }
}

/** "Save as Credential Set…": a name, then the set is saved as Add SMTP Credentials would. */
async function saveAsSet(result: GeneratedPassword, calls: FeatureCalls): Promise<void> {
  const named: { name?: string } = {};
  if (
    !(await runSteps(vscode.l10n.t('Save as Credential Set'), [
      nameStep(named, () => vscode.l10n.t('{0} SMTP', result.region)),
    ]))
  )
    return;
  const fields = {
    name: named.name,
    username: result.username,
    region: result.region,
    port: result.port,
    tls: 'starttls',
  };
  let set: { id: string; name: string } | undefined;
  try {
    // The store belongs to the credentials feature; its call validates, saves and reports errors.
    set = await calls.addCredentials({
      ...fields,
      password: result.password,
    });
  } catch {
    return; // the command showed why
  }
  if (set)
    void offerAfterSave(
      set,
      vscode.l10n.t('Saved "{0}". The password is in the editor\'s secret storage.', set.name),
      calls,
    );
}
