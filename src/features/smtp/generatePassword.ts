// "SES SMTP: Generate SMTP Password from IAM Secret Key"
import * as vscode from 'vscode';
import { deriveSmtpPassword, classifySmtpUsername } from '../../core/smtp/password';
import { smtpHostForRegion, validateRegion } from '../../core/smtp/regions';
import { askAccessKeyId, askSecretAccessKey, pickRegion } from '../prompts';
import { settings } from '../settings';
import { UserError, optionalString, type Log } from '../util';

export interface GeneratePasswordArgs {
  accessKeyId?: string;
  secretAccessKey?: string;
  region?: string;
  /** false: return the result without showing the copy notification (tests, tasks). */
  showResult?: boolean;
}

export interface GeneratedPassword {
  username: string;
  password: string;
  region: string;
  host: string;
  port: number;
}

const TITLE = 'Generate SES SMTP Password';

export async function generatePassword(log: Log, raw?: unknown): Promise<GeneratedPassword | undefined> {
  const args = (raw ?? {}) as GeneratePasswordArgs;
  let accessKeyId = optionalString(args, 'accessKeyId');
  let secret = optionalString(args, 'secretAccessKey');
  let region = optionalString(args, 'region');

  accessKeyId ??= await askAccessKeyId(`${TITLE} (1/3)`);
  if (accessKeyId === undefined) return undefined;
  const user = classifySmtpUsername(accessKeyId);
  if (user.kind === 'temporary-key') {
    throw new UserError(`${user.summary} Use the access key of an IAM user, or create dedicated SMTP credentials.`);
  }
  if (user.kind !== 'access-key') throw new UserError(user.summary);

  secret ??= await askSecretAccessKey(`${TITLE} (2/3)`);
  if (secret === undefined) return undefined;
  secret = secret.trim();
  if (!/^[A-Za-z0-9+/]{40}$/.test(secret)) {
    throw new UserError(`The secret access key should be 40 characters of A-Z, a-z, 0-9, + and /; the value given is ${secret.length} characters. Copy it again from the IAM console or the credentials CSV.`);
  }

  if (region === undefined) {
    const picked = await pickRegion(`${TITLE} (3/3): region the password is for`);
    if (!picked?.region) return undefined;
    region = picked.region;
  }
  const check = validateRegion(region, settings().extraRegions);
  if (!check.ok) throw new UserError(check.message);
  if (check.note) log.warn(check.note);

  const result: GeneratedPassword = {
    username: user.cleaned,
    password: deriveSmtpPassword(secret, check.region),
    region: check.region,
    host: smtpHostForRegion(check.region),
    port: 587,
  };
  log.info(`Derived a v4 SMTP password for ${result.username} in ${result.region} (${result.host}).`);
  if (args.showResult !== false) void offerCopies(result);
  return result;
}

async function offerCopies(result: GeneratedPassword): Promise<void> {
  const copyPassword = 'Copy Password';
  const copyUsername = 'Copy Username';
  const copyHost = 'Copy Host';
  let message = `SMTP password derived for ${result.region}. Username ${result.username}, host ${result.host}, port 587 (STARTTLS). It works in ${result.region} only.`;
  for (;;) {
    const choice = await vscode.window.showInformationMessage(message, copyPassword, copyUsername, copyHost);
    if (!choice) return;
    const value = choice === copyPassword ? result.password : choice === copyUsername ? result.username : result.host;
    await vscode.env.clipboard.writeText(value);
    message = `${choice === copyPassword ? 'Password' : choice === copyUsername ? 'Username' : 'Host'} copied. ${message.replace(/^(Password|Username|Host) copied\. /, '')}`;
  }
}
