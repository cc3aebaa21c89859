// "Look Up Access Keys of IAM User <name>": the action on a .env username that is an IAM user name.
// Lists the user's access keys (IAM ListAccessKeys, with the SES Explorer's profile or one chosen
// now), and writes the picked key id where the name was, through the .env editor (convention and
// quoting kept, the result read back). The SMTP password must then come from that key's secret.
import * as vscode from 'vscode';
import { findSmtpBlocks, type SmtpBlock } from '../../engines/envfile/conventions';
import { parseEnvAs } from '../../engines/envfile/dialectRead';
import { setEnvKeys } from '../../engines/envfile/edit';
import { EnvValueError } from '../../engines/envfile/parse';
import { keyAgeDays, usernameReplacement } from '../../engines/envfile/userKeyFix';
import { blockRegion } from '../../engines/envfile/checkFixes';
import { classifySmtpUsername } from '../../base/password';
import type { AccessKeyRow } from '../../engines/aws/iamKeyLookup';
import { loadAws } from '../../engines/bundles/load';
import { containedEnvFile } from '../../host/envContain';
import { explorerProfile, pickAwsProfile } from '../../host/awsProfilePicker';
import { settings } from '../../host/settings';
import { UserError, type Log } from '../../host/util';
import type { LookUpArgs } from './args';
import { customConventions, dialectSetting } from '../../host/envSettings';
import type { FeatureCalls } from '../../host/calls';
import { consentTo, type CallContext } from '../../host/consent';
import { minimalEdit } from './findings';

/** IAM answers in well under a second; a look-up still waiting after this is abandoned. */
export const LOOKUP_TIMEOUT_MS = 20_000;

export interface LookUpResult {
  userName: string;
  accessKeyId: string;
  key: string;
}

/** The profile to use: the argument, else the explorer's, else one the user chooses now. */
async function chooseProfile(
  context: vscode.ExtensionContext,
  args: LookUpArgs,
  userName: string,
): Promise<{ profile?: string } | undefined> {
  if (args.profile !== undefined) return args.profile ? { profile: args.profile } : {};
  const chosen = explorerProfile(context.globalState);
  if (chosen) return chosen;
  const CHOOSE = vscode.l10n.t('Choose AWS Profile…');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      'No AWS profile is chosen, so the access keys of IAM user {0} cannot be looked up. Choose the profile of the account the user is in.',
      userName,
    ),
    CHOOSE,
  );
  if (answer !== CHOOSE) return undefined;
  const picked = await pickAwsProfile({
    title: vscode.l10n.t('AWS credentials that may list the keys of {0}', userName),
  });
  if (!picked || picked.kind === 'none') return undefined;
  return picked.kind === 'profile' ? { profile: picked.name } : {};
}

function keyItem(row: AccessKeyRow): vscode.QuickPickItem & { row: AccessKeyRow } {
  const age = keyAgeDays(row.created);
  const day = row.created?.toISOString().slice(0, 10);
  const created = !day
    ? vscode.l10n.t('creation date unknown')
    : age === 0
      ? vscode.l10n.t('created {0} (today)', day)
      : age === 1
        ? vscode.l10n.t('created {0} (yesterday)', day)
        : vscode.l10n.t('created {0} ({1} days ago)', day, age ?? 0);
  const active = row.status === 'Active';
  return {
    label: `$(key) ${row.id}`,
    description: active ? vscode.l10n.t('Active') : vscode.l10n.t('{0}: SES refuses it until it is active', row.status),
    detail: created,
    row,
  };
}

export async function lookUpAccessKeys(
  context: vscode.ExtensionContext,
  log: Log,
  calls: FeatureCalls,
  raw: unknown,
  blockFrom: (raw: unknown) => Promise<{ block: SmtpBlock; uri: vscode.Uri }>,
  call: CallContext,
): Promise<LookUpResult | undefined> {
  // Checked by registerCommand against lookUpAccessKeysSchema (the CodeLens and the quick fix pass
  // plain data, checked too); the retry below adds the user name and profile the user picked.
  // profile: '' for the default credential chain, else the SES Explorer's choice; accessKeyId: write
  // this key without asking (tests, tasks), if it is one of the user's keys.
  const args = (raw ?? {}) as LookUpArgs;
  const { block, uri } = await blockFrom(raw);
  refuseUnsaved(uri);
  const userName = args.userName ?? classifySmtpUsername(block.user ?? '').cleaned;
  if (!userName) throw new UserError(vscode.l10n.t('The SMTP block has no username to look up.'));
  const access = await chooseProfile(context, args, userName);
  if (!access) return undefined;
  let rows: AccessKeyRow[];
  try {
    rows = await listKeys(log, block, userName, access);
  } catch (err) {
    // Asked interactively, a refusal offers another profile and looks up again with it.
    const profile = await otherProfileAfter(err, args, userName);
    if (profile === undefined) return undefined;
    return lookUpAccessKeys(context, log, calls, { ...(raw as object), userName, profile }, blockFrom, call);
  }
  const row = await pickKey(args, rows, userName);
  if (!row) return undefined;
  if (!(await mayWrite(log, call, uri, block, row, userName))) return undefined;
  const key = await writeKeyId(uri, block, row.id);
  const region = blockRegion(block);
  log.info(`Wrote access key ${row.id} of IAM user ${userName} to ${key} in ${uri.fsPath}.`);
  void offerPassword(calls, key, row.id, userName, region);
  return { userName, accessKeyId: row.id, key };
}

/**
 * The same rule as every .env write: a .env file on disk in an open folder. An untitled or virtual
 * document cannot be checked for that, so it is refused before anything is asked of AWS.
 */
function refuseUnsaved(uri: vscode.Uri): void {
  if (uri.scheme !== 'file')
    throw new UserError(
      vscode.l10n.t(
        'The access key id is written only into a .env file saved in an open folder, not into {0}. Save the file in the project folder and run the action again.',
        uri.toString(true),
      ),
    );
}

/**
 * The user's access keys from IAM (cancellable, with a time limit); a user without keys is an error.
 * An IAM refusal is thrown as it is (otherProfileAfter decides), anything else as a UserError.
 */
async function listKeys(
  log: Log,
  block: SmtpBlock,
  userName: string,
  access: { profile?: string },
): Promise<AccessKeyRow[]> {
  const who =
    access.profile !== undefined
      ? vscode.l10n.t('the profile "{0}"', access.profile)
      : vscode.l10n.t('the default credential chain');
  const aws = loadAws();
  aws.forgetCredentials(); // a profile fixed a moment ago counts
  // IAM is global; the block's region only picks the partition (aws, aws-cn, aws-us-gov).
  const iam = aws.iamClient({ ...access, region: blockRegion(block) ?? 'us-east-1', endpoint: settings().awsEndpoint });
  let rows: AccessKeyRow[];
  let timedOut = false;
  try {
    rows = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Looking up the access keys of IAM user {0}…', userName),
        cancellable: true,
      },
      (_progress, token) => {
        const abort = new AbortController();
        const timer = setTimeout(() => ((timedOut = true), abort.abort()), LOOKUP_TIMEOUT_MS);
        const cancel = token.onCancellationRequested(() => abort.abort());
        return aws
          .listUserAccessKeys(iam, userName, { who, signal: abort.signal })
          .finally(() => (clearTimeout(timer), cancel.dispose()));
      },
    );
  } catch (err) {
    if (timedOut)
      throw new UserError(
        vscode.l10n.t(
          'IAM did not answer within {0} seconds. Check the network (or the setting sesSmtpToolkit.aws.endpoint) and try again.',
          LOOKUP_TIMEOUT_MS / 1000,
        ),
      );
    if (!(err instanceof aws.IamLookupError)) throw new UserError(String((err as Error).message ?? err));
    throw err;
  } finally {
    iam.destroy();
  }
  log.info(
    `IAM user ${userName} has ${rows.length} access key(s): ${rows.map((r) => `${r.id} ${r.status}`).join(', ')}`,
  );
  if (!rows.length)
    throw new UserError(
      vscode.l10n.t(
        'IAM user {0} has no access keys. Create one in the IAM console (Security credentials), or use "Create SMTP Credentials (IAM User)".',
        userName,
      ),
    );
  return rows;
}

/**
 * After a failed look-up: the profile to try next ('' for the default chain), chosen by the user
 * when the profile was not given (the fix is one click away); undefined when cancelled. Other
 * failures are thrown.
 */
async function otherProfileAfter(err: unknown, args: LookUpArgs, userName: string): Promise<string | undefined> {
  if (!(err instanceof loadAws().IamLookupError)) throw err;
  if (err.problem === 'cancelled') return undefined;
  if (args.profile !== undefined) throw new UserError(err.message);
  const CHOOSE = vscode.l10n.t('Choose AWS Profile…');
  if ((await vscode.window.showErrorMessage(err.message, CHOOSE)) !== CHOOSE) return undefined;
  const picked = await pickAwsProfile({
    title: vscode.l10n.t('AWS credentials that may list the keys of {0}', userName),
  });
  if (!picked || picked.kind === 'none') return undefined;
  return picked.kind === 'profile' ? picked.name : '';
}

/** The key whose id becomes the SMTP username: the one named by accessKeyId, else picked. */
async function pickKey(args: LookUpArgs, rows: AccessKeyRow[], userName: string): Promise<AccessKeyRow | undefined> {
  const wanted = args.accessKeyId;
  if (wanted === undefined)
    return (
      await vscode.window.showQuickPick(rows.map(keyItem), {
        title: vscode.l10n.t('Access keys of IAM user {0}', userName),
        placeHolder: vscode.l10n.t('The key whose id becomes the SMTP username'),
        ignoreFocusOut: true,
      })
    )?.row;
  const row = rows.find((r) => r.id === wanted.trim());
  if (!row)
    throw new UserError(
      vscode.l10n.t(
        'IAM user {0} has no access key {1}; its keys: {2}.',
        userName,
        wanted,
        rows.map((r) => r.id).join(', '),
      ),
    );
  return row;
}

/** A caller's argument object writes only with the user's yes (or the user's own opt-in). */
async function mayWrite(
  log: Log,
  call: CallContext,
  uri: vscode.Uri,
  block: SmtpBlock,
  row: AccessKeyRow,
  userName: string,
): Promise<boolean> {
  if (
    call.scripted &&
    !(await consentTo(call, {
      summary: vscode.l10n.t(
        'Write access key id {0} of IAM user {1} as the SMTP username in {2}',
        row.id,
        userName,
        uri.fsPath,
      ),
      detail: vscode.l10n.t(
        'File: {0}\nThe SMTP username of the block at line {1} is replaced.',
        uri.fsPath,
        String(block.firstLine + 1),
      ),
      action: vscode.l10n.t('Write'),
    }))
  ) {
    log.info(`Wrote nothing to ${uri.fsPath}: the caller's request was not allowed.`);
    return false;
  }
  return true;
}

/** Puts the key id where the block's username is, in the document as it is now. */
async function writeKeyId(uri: vscode.Uri, picked: SmtpBlock, accessKeyId: string): Promise<string> {
  // The same rule as every .env write: a .env file of an open folder, not a link to a tracked or outside file.
  if (uri.scheme !== 'file')
    throw new UserError(vscode.l10n.t('The access key id is written only into a .env file saved in an open folder.'));
  await containedEnvFile(uri.fsPath);
  const doc = await vscode.workspace.openTextDocument(uri);
  const before = doc.getText();
  const { parsed, dialect } = parseEnvAs(before, dialectSetting(uri), customConventions());
  // The file may have changed while the keys were listed: the same block, found again by its first line.
  const block = findSmtpBlocks(parsed, customConventions()).find((b) => b.firstLine === picked.firstLine);
  const change = block && usernameReplacement(block, accessKeyId);
  if (!change)
    throw new UserError(vscode.l10n.t('The SMTP block moved while the keys were listed; run the action again.'));
  let next: string;
  try {
    next = setEnvKeys(before, { [change.key]: change.value }, { anchorKeys: [change.key], dialect });
  } catch (err) {
    if (err instanceof EnvValueError) throw new UserError(err.message);
    throw err;
  }
  const edit = new vscode.WorkspaceEdit();
  const minimal = minimalEdit(doc, before, next);
  edit.replace(uri, minimal.range, minimal.text);
  if (doc.getText() !== before || !(await vscode.workspace.applyEdit(edit)))
    throw new UserError(vscode.l10n.t('The .env file changed while it was being edited; run the action again.'));
  return change.key;
}

async function offerPassword(
  calls: FeatureCalls,
  key: string,
  accessKeyId: string,
  userName: string,
  region: string | undefined,
): Promise<void> {
  const GENERATE = vscode.l10n.t('Generate SMTP Password…');
  const answer = await vscode.window.showInformationMessage(
    region
      ? vscode.l10n.t(
          "{0} is now access key {1} of IAM user {2}. The SMTP password must be the one derived from this key's secret access key for {3}.",
          key,
          accessKeyId,
          userName,
          region,
        )
      : vscode.l10n.t(
          "{0} is now access key {1} of IAM user {2}. The SMTP password must be the one derived from this key's secret access key.",
          key,
          accessKeyId,
          userName,
        ),
    GENERATE,
  );
  if (answer === GENERATE) await calls.generatePassword({ accessKeyId, region }).catch(() => undefined);
}
