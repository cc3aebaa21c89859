// "Add SMTP Credentials" and "Generate and Save": multi-step flows (Title (2/6), Back) that ask only
// for what the argument object lacks. With an argument object nothing optional is asked.
import * as vscode from 'vscode';
import type { CredentialSet, CredentialSetInput } from '../../base/credentialSets';
import { normalizeCredentialSet } from '../../base/credentialSetInput';
import { classifySmtpPassword, deriveSmtpPassword } from '../../base/password';
import { passwordProblemDialog } from './logic/dialogs';
import { fromStep, loginSteps, nameStep, type LoginFields } from '../../host/prompts';
import { settings } from '../../host/settings';
import { refuseV4PasswordFor, requireSmtpRegion } from '../../host/smtpEndpoint';
import { checkAccessKeyId, derive, generateSteps } from './generatePassword';
import { UserError, type Log } from '../../host/util';
import { runSteps, type Step } from '../../host/multiStepInput';
import { offerAfterSave } from './nextSteps';
import type { FeatureCalls } from '../../host/calls';
import type { CredentialStore } from '../../host/credentialStore';
import type { AddCredentialArgs, GenerateCredentialArgs } from './args';

/** When the pasted password has a problem: 'clean' (default with arguments), 'as-typed' or 'derive' (a secret key). */
type OnProblem = AddCredentialArgs['onProblem'];

/**
 * The password to save for `password` as given: itself when it is a clean v4 password, else as
 * `onProblem` says or the user picks (undefined when the dialog is dismissed).
 */
async function decidePassword(
  log: Log,
  password: string,
  region: string | undefined,
  host: string | undefined,
  onProblem: OnProblem,
): Promise<string | undefined> {
  const classified = classifySmtpPassword(password);
  if (classified.kind === 'v4') return password;
  const effective = classified.cleanedKind ?? classified.kind;
  let choice = onProblem === 'ask' ? undefined : onProblem;
  if (!choice) {
    const cleanable = classified.cleaned !== password && effective === 'v4';
    const dialog = passwordProblemDialog({ summary: classified.summary, effective, cleanable, region });
    const labels = dialog.buttons.map((b) => b.label);
    const picked = await vscode.window.showWarningMessage(
      dialog.message,
      { modal: true, detail: dialog.detail },
      ...labels,
    );
    choice = dialog.buttons.find((b) => b.label === picked)?.choice;
    if (!choice) return undefined;
  }
  if (choice === 'derive') {
    if (effective !== 'iam-secret')
      throw new UserError(vscode.l10n.t('Only an IAM secret access key can be turned into an SMTP password.'));
    if (!region)
      throw new UserError(
        vscode.l10n.t(
          'Deriving the SMTP password needs the SES region the key is used in: give "region" (such as eu-west-1) next to the host.',
        ),
      );
    refuseV4PasswordFor(host);
    await requireSmtpRegion(region);
    log.info(
      'The value given as password was an IAM secret key; saved the v4 SMTP password derived from it for ' +
        `${region} instead (the secret is not stored).`,
    );
    return deriveSmtpPassword(classified.cleaned, region);
  }
  return choice === 'clean' ? classified.cleaned : password;
}

export async function addCredentials(
  log: Log,
  store: CredentialStore,
  calls: FeatureCalls,
  raw?: AddCredentialArgs,
): Promise<CredentialSet | undefined> {
  // Checked by registerCommand against addSchema: the palette and the view's title pass nothing, and
  // the other features' calls.addCredentials goes through `run`, which checks too.
  const args: AddCredentialArgs = raw ?? {};
  const programmatic = raw !== undefined;
  const state: LoginFields & { name?: string; from?: string } = {
    region: args.region,
    host: args.host,
    port: args.port,
    tls: args.tls,
    username: args.username,
    password: args.password,
    name: args.name,
    from: args.from,
  };
  const onProblem: OnProblem = args.onProblem ?? (programmatic ? undefined : 'ask');
  const defaultChoice = (p: string): OnProblem => {
    const c = classifySmtpPassword(p);
    return (c.cleanedKind ?? c.kind) === 'iam-secret' ? 'derive' : 'clean';
  };
  const given = state.password;
  let password: string | undefined;
  const [endpoint, port, username, typed] = loginSteps(state);
  // An IAM secret key typed as the password is derived in place (the region asked when the host
  // names none); another problem is decided on at its step; Cancel in the dialog asks again.
  const passwordStep: Step | false =
    typed &&
    (async (input) => {
      for (;;) {
        await typed(input);
        if (state.derivedFor !== undefined) {
          log.info(
            'The value typed as password was an IAM secret key; derived the v4 SMTP password from it for ' +
              `${state.derivedFor} (the secret is not stored).`,
          );
          password = state.password;
          return;
        }
        password = await decidePassword(
          log,
          state.password!,
          state.region,
          state.host,
          onProblem ?? defaultChoice(state.password!),
        );
        if (password !== undefined) return;
      }
    });
  const steps = [
    endpoint,
    port,
    username,
    passwordStep,
    state.name === undefined && nameStep(state, () => `${state.region ?? state.host} SMTP`),
    state.from === undefined && !programmatic && fromStep(state),
  ];
  let set: CredentialSet | undefined;
  // The save runs as the flow's last part: an error there shows the last step again with it, every
  // answer kept (Back goes through them).
  const save = async (): Promise<boolean> => {
    if (given !== undefined) {
      password = await decidePassword(log, given, state.region, state.host, onProblem ?? defaultChoice(given));
      if (password === undefined) return false;
    }
    const { name, username: user, region, host, port: p, tls, from } = state;
    let input: CredentialSetInput;
    try {
      const fields = {
        name: name!,
        username: user!,
        region,
        host,
        port: p,
        tls: tls ?? 'starttls',
        from,
      } as CredentialSetInput;
      input = normalizeCredentialSet(fields, settings().extraRegions);
    } catch (err) {
      throw new UserError((err as Error).message);
    }
    await requireSmtpRegion(input.region, { host: input.host });
    set = await store.add(input, password!);
    return true;
  };
  if (!(await runSteps(vscode.l10n.t('Add SMTP Credentials'), steps, save)) || !set) return undefined;
  log.info(`Saved credential set "${set.name}" (${set.username}, ${set.host ?? set.region}:${set.port}).`);
  if (!programmatic)
    void offerAfterSave(
      set,
      vscode.l10n.t('Saved "{0}". The password is in the editor\'s secret storage.', set.name),
      calls,
    );
  return set;
}

export async function generateAndSave(
  log: Log,
  store: CredentialStore,
  calls: FeatureCalls,
  raw?: GenerateCredentialArgs,
): Promise<CredentialSet | undefined> {
  // Checked by registerCommand against generateSchema (the view's title passes nothing).
  const args: GenerateCredentialArgs = raw ?? {};
  const programmatic = raw !== undefined;
  const state = {
    accessKeyId: args.accessKeyId,
    secretAccessKey: args.secretAccessKey,
    region: args.region,
    name: args.name,
    from: args.from,
  };
  if (state.accessKeyId !== undefined) checkAccessKeyId(state.accessKeyId);
  const steps = [
    ...generateSteps(state),
    state.name === undefined && !programmatic && nameStep(state, () => `${state.region} SMTP`),
    state.from === undefined && !programmatic && fromStep(state),
  ];
  if (!(await runSteps(vscode.l10n.t('Generate and Save SMTP Credentials'), steps))) return undefined;
  const generated = await derive(log, state as { accessKeyId: string; secretAccessKey: string; region: string });
  let input: CredentialSetInput;
  try {
    const name = state.name ?? `${generated.region} SMTP`;
    input = normalizeCredentialSet({
      name,
      username: generated.username,
      region: generated.region,
      port: 587,
      tls: 'starttls',
      from: state.from,
    });
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  const set = await store.add(input, generated.password);
  log.info(`Saved credential set "${set.name}" with a password derived for ${generated.region}.`);
  if (!programmatic) {
    void offerAfterSave(
      set,
      vscode.l10n.t(
        'Saved "{0}": password derived for {1}, stored in the editor\'s secret storage.',
        set.name,
        generated.region,
      ),
      calls,
    );
  }
  return set;
}
