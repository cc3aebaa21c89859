// "Create SMTP Credentials (IAM User)": a dedicated least-privilege IAM user with an access key,
// the v4 password derived for one region and saved as a credential set. The IAM secret never
// leaves this function.
import * as vscode from 'vscode';
import { confirmEffect, type CallContext } from '../../host/consent';
import type { CredentialSet } from '../../base/credentialSets';
import { normalizeCredentialSet } from '../../base/credentialSetInput';
import { validateRegion } from '../../base/regions';
import { loadAws } from '../../engines/bundles/load';
import type { CreatedSmtpUser } from '../../engines/aws/iam';
import { pickRegion } from '../../host/prompts';
import { awsDestinationLabel, settings } from '../../host/settings';
import { requireSmtpRegion } from '../../host/smtpEndpoint';
import { UserError, type Log } from '../../host/util';
import { checkFromPatternsInput, checkIamUserNameInput } from '../../base/inputChecks';
import { offerAfterSave } from './nextSteps';
import type { FeatureCalls } from '../../host/calls';
import type { CredentialStore } from '../../host/credentialStore';
import { pickAwsProfile } from '../../host/awsProfilePicker';

import type { CreateIamUserArgs } from './args';

/** What the user is about to create: with which AWS credentials, for which region, named how, sending from what. */
interface IamUserPlan {
  /** undefined: the default credential chain. */
  profile: string | undefined;
  region: string;
  userName: string;
  patterns: string[];
}

export async function createIamUser(
  log: Log,
  store: CredentialStore,
  calls: FeatureCalls,
  raw: CreateIamUserArgs | undefined,
  call: CallContext,
): Promise<CredentialSet | undefined> {
  // Checked by registerCommand against createIamUserSchema (the view's title passes nothing).
  const args: CreateIamUserArgs = raw ?? {};
  const credentials = await askProfile(args);
  if (!credentials) return undefined;
  const region = await askRegion(args);
  if (region === undefined) return undefined;
  const aws = loadAws();
  const userName = await askUserName(args, () => aws.consoleStyleUserName());
  if (userName === undefined) return undefined;
  const patterns = await askFromPatterns(args);
  if (patterns === undefined) return undefined;
  const plan: IamUserPlan = { profile: credentials.profile, region, userName, patterns };
  if (!(await confirmEffect(call, createEffect(plan), args.confirm === false, () => askCreate(plan)))) return undefined;
  const created = await createUser(aws, plan);
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

/** The AWS credentials that create the user: the given profile, else picked; undefined when cancelled. */
async function askProfile(args: CreateIamUserArgs): Promise<{ profile: string | undefined } | undefined> {
  const given = args.profile;
  if (given !== undefined) return { profile: given };
  const picked = await pickAwsProfile({
    title: vscode.l10n.t('Create SMTP Credentials (IAM User): AWS credentials that may create IAM users'),
  });
  if (!picked) return undefined;
  return { profile: picked.kind === 'profile' ? picked.name : undefined };
}

/** The SES region the SMTP password is derived for: given or picked, then checked. */
async function askRegion(args: CreateIamUserArgs): Promise<string | undefined> {
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
  // Before the IAM user is made: no user and key for a region without an SMTP endpoint.
  await requireSmtpRegion(regionCheck.region);
  return regionCheck.region;
}

/** The IAM user name: given, else asked with a console-style name filled in. */
async function askUserName(args: CreateIamUserArgs, suggested: () => string): Promise<string | undefined> {
  return (
    args.userName ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Create SMTP Credentials (IAM User): IAM user name'),
      value: suggested(),
      validateInput: (v) => checkIamUserNameInput(v) as string | undefined,
      ignoreFocusOut: true,
    }))
  );
}

/** The From addresses or *@domain patterns the user may send from (none: any verified identity). */
async function askFromPatterns(args: CreateIamUserArgs): Promise<string[] | undefined> {
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
  return patterns.map((p) => p.trim()).filter(Boolean);
}

/** The effect as a caller's consent dialog describes it. */
function createEffect({ profile, region, userName, patterns }: IamUserPlan): {
  summary: string;
  detail: string;
  action: string;
} {
  return {
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
}

/** The question asked in our own UI; true when the user chose Create. */
async function askCreate({ profile, region, userName, patterns }: IamUserPlan): Promise<boolean> {
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
}

/** Creates the user, its policy and access key in AWS, with progress shown. */
async function createUser(
  aws: ReturnType<typeof loadAws>,
  { profile, region, userName, patterns }: IamUserPlan,
): Promise<CreatedSmtpUser> {
  const endpoint = settings().awsEndpoint;
  aws.forgetCredentials(); // a credentials file fixed a moment ago counts
  const iam = aws.iamClient({ profile, region, endpoint });
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating IAM user {0}…', userName) },
      () => aws.createSmtpUser(iam, { userName, region, fromPatterns: patterns }),
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
}
