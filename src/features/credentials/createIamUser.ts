// "Create SMTP Credentials (IAM User)": a dedicated least-privilege IAM user with an access key,
// the v4 password derived for one region and saved as a credential set. The IAM secret never
// leaves this function.
import * as vscode from 'vscode';
import { confirmEffect, type CallContext } from '../../host/consent';
import { normalizeCredentialSet, type CredentialSet } from '../../base/credentialSets';
import { validateRegion } from '../../base/regions';
import { loadAws } from '../../engines/bundles/load';
import { pickRegion } from '../../host/prompts';
import { awsDestinationLabel, settings } from '../../host/settings';
import { UserError, type Log } from '../../host/util';
import { checkFromPatternsInput, checkIamUserNameInput } from '../../base/inputChecks';
import { offerAfterSave } from './nextSteps';
import type { FeatureCalls } from '../../host/calls';
import type { CredentialStore } from '../../host/credentialStore';
import { pickAwsProfile } from '../../host/awsProfilePicker';

import type { CreateIamUserArgs } from './args';

export async function createIamUser(
  log: Log,
  store: CredentialStore,
  calls: FeatureCalls,
  raw: CreateIamUserArgs | undefined,
  call: CallContext,
): Promise<CredentialSet | undefined> {
  // Checked by registerCommand against createIamUserSchema (the view's title passes nothing).
  const args: CreateIamUserArgs = raw ?? {};
  let profile = args.profile;
  if (profile === undefined) {
    const picked = await pickAwsProfile({
      title: vscode.l10n.t('Create SMTP Credentials (IAM User): AWS credentials that may create IAM users'),
    });
    if (!picked) return undefined;
    profile = picked.kind === 'profile' ? picked.name : undefined;
  }
  let region = args.region;
  if (region === undefined) {
    const picked = await pickRegion(
      vscode.l10n.t('Create SMTP Credentials (IAM User): SES region the SMTP password is for'),
    );
    if (!picked?.region) return undefined;
    region = picked.region;
  }
  const regionCheck = validateRegion(region, settings().extraRegions);
  if (!regionCheck.ok) throw new UserError(regionCheck.message);
  region = regionCheck.region;

  const aws = loadAws();
  let userName = args.userName;
  userName ??= await vscode.window.showInputBox({
    title: vscode.l10n.t('Create SMTP Credentials (IAM User): IAM user name'),
    value: aws.consoleStyleUserName(),
    validateInput: (v) => checkIamUserNameInput(v) as string | undefined,
    ignoreFocusOut: true,
  });
  if (userName === undefined) return undefined;
  let patterns: string[];
  if (args.fromPatterns !== undefined)
    patterns = Array.isArray(args.fromPatterns) ? args.fromPatterns : args.fromPatterns.split(',');
  else {
    const answer = await vscode.window.showInputBox({
      title: vscode.l10n.t('Create SMTP Credentials (IAM User): limit From addresses (optional)'),
      prompt: vscode.l10n.t('Comma-separated addresses or *@domain; empty allows any verified identity'),
      placeHolder: vscode.l10n.t('*@example.com, noreply@example.org'),
      ignoreFocusOut: true,
      validateInput: (v) => checkFromPatternsInput(v) as string | undefined,
    });
    if (answer === undefined) return undefined;
    patterns = answer.split(',');
  }
  patterns = patterns.map((p) => p.trim()).filter(Boolean);

  const effect = {
    summary: vscode.l10n.t(
      'Create the IAM user "{0}" in AWS with an access key (only ses:SendRawEmail{1})',
      userName,
      patterns.length ? ` from ${patterns.join(', ')}` : '',
    ),
    detail: vscode.l10n.t(
      'AWS credentials: profile {0}. IAM endpoint: {1}. The SMTP password is derived for {2} and saved as a new credential set.',
      profile ?? vscode.l10n.t('default chain'),
      settings().awsEndpoint ?? 'AWS',
      region,
    ),
    action: vscode.l10n.t('Create'),
  };
  const askCreate = async (): Promise<boolean> => {
    const create = vscode.l10n.t('Create');
    const ok = await vscode.window.showInformationMessage(
      patterns.length
        ? vscode.l10n.t(
            'Create the IAM user "{0}" with an access key and a policy that allows only ses:SendRawEmail from {1}?',
            userName,
            patterns.join(', '),
          )
        : vscode.l10n.t(
            'Create the IAM user "{0}" with an access key and a policy that allows only ses:SendRawEmail?',
            userName,
          ),
      {
        modal: true,
        detail: `${vscode.l10n.t(
          "Credentials: {0}. The SMTP password is derived for {1} and saved in the editor's secret storage; the IAM secret key is not kept.",
          profile ?? vscode.l10n.t('default chain'),
          region,
        )}\n\n${awsDestinationLabel()}`,
      },
      create,
    );
    return ok === create;
  };
  if (!(await confirmEffect(call, effect, args.confirm === false, askCreate))) return undefined;

  const endpoint = settings().awsEndpoint;
  aws.forgetCredentials(); // a credentials file fixed a moment ago counts
  const iam = aws.iamClient({ profile, region, endpoint });
  let created;
  try {
    created = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating IAM user {0}…', userName) },
      () => aws.createSmtpUser(iam, { userName, region: region!, fromPatterns: patterns }),
    );
  } catch (err) {
    throw new UserError(
      err instanceof aws.SmtpUserCreationError
        ? err.message
        : vscode.l10n.t('Creating the SMTP user failed: {0}', (err as Error).message),
    );
  } finally {
    iam.destroy();
  }
  const set = await store.add(
    normalizeCredentialSet({
      name: created.userName,
      username: created.accessKeyId,
      region: created.region,
      port: 587,
      tls: 'starttls',
    }),
    created.smtpPassword,
  );
  log.info(
    `Created IAM user ${created.userName} (key ${created.accessKeyId}, policy ${created.policyName}) and saved its SMTP password for ${created.region} as "${set.name}". New keys can take a few minutes before SES accepts them.`,
  );
  if (args.confirm !== false)
    void offerAfterSave(
      set,
      vscode.l10n.t(
        'Created "{0}": username {1}, password saved for {2}. New IAM keys may take a few minutes to work with SES.',
        set.name,
        created.accessKeyId,
        created.region,
      ),
      calls,
    );
  return set;
}
