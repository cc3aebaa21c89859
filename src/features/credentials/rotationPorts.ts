// The ports of a rotation (src/features/credentials/logic/rotationTypes.ts) in VS Code: IAM through the lazy
// AWS bundle, the login check through the lazy SMTP bundle (cancellable), the secret storage, the
// workspace's .env files with one masked preview, the linked secret (rotationSecretPort.ts), dialogs,
// and globalState for the journal.
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CredentialSet } from '../../base/credentialSets';
import { resolveEndpoint } from '../../base/regions';
import { combinedPreview, rotateEnvText } from './logic/rotationEnv';
import type { EnvFileChange, LoginAttempt, OldKeyAction, PasswordFor, RotationPorts } from './logic/rotationTypes';
import type { RotationIam } from '../../engines/aws/iamKeys';
import { writeRotatedEnvFiles } from './logic/rotationEnvWrite';
import { checkEnvTarget } from '../../engines/envfile/contain';
import { workspaceFolderPaths } from '../../host/envContain';
import { customConventions, dialectSetting } from '../../host/envSettings';
import { loadAws, loadSmtp } from '../../engines/bundles/load';
import { settings } from '../../host/settings';
import type { Log } from '../../host/util';
import type { CredentialStore } from '../../host/credentialStore';
import type { RotationState } from './rotationState';
import type { RotationPreviews } from './rotationPreview';
import { linkedSecretPort } from './rotationSecretPort';

export interface PortOptions {
  log: Log;
  store: CredentialStore;
  state: RotationState;
  previews: RotationPreviews;
  set: CredentialSet;
  /** undefined: the default credential chain. */
  profile?: string;
  /** Given: no preview, no question. */
  updateEnvFiles?: boolean;
  deleteOldKey?: OldKeyAction;
  /** Given: the linked secret is updated (true) or left (false) without a question. */
  updateLinkedSecret?: boolean;
  /** Cancels the AWS calls of the linked secret. */
  signal?: AbortSignal;
  progress?: (message: string) => void;
  /** Filled in: the other sets made from the same key, switched too (their names). */
  alsoSwitched?: string[];
}

/** An IAM port for a profile; destroy() releases its client. */
export function iamFor(profile: string | undefined, region: string | undefined): RotationIam & { destroy(): void } {
  const aws = loadAws();
  const client = aws.iamClient({ profile, region: region ?? 'us-east-1', endpoint: settings().awsEndpoint });
  return Object.assign(aws.iamKeyPort(client), { destroy: () => client.destroy() });
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = (): void => {
      clearTimeout(timer);
      reject(Object.assign(new Error('Cancelled.'), { name: 'AbortError' }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}

/** The .env files of the workspace (named .env*), node_modules and .git left out. */
async function envFiles(): Promise<string[]> {
  const uris = await vscode.workspace.findFiles('**/.env*', '**/{node_modules,.git}/**', 500);
  return uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath);
}

export function rotationPorts(o: PortOptions, iam: RotationIam): RotationPorts {
  const { log, set } = o;
  const oldPassword = o.store.getPassword(set.id);
  return {
    iam,
    secret: linkedSecretPort(log, set, o.updateLinkedSecret, o.signal),
    checkLogin: (username, password, signal) => checkLogin(o, username, password, signal),
    updateSet: (username, password, passwordFor) => switchSets(o, username, password, passwordFor),
    planEnv: (oldUsername, newUsername, newPassword, passwordFor) =>
      planEnv(o, oldUsername, newUsername, newPassword, passwordFor),
    confirmEnv: (changes) => confirmEnv(o, oldPassword, changes),
    async applyEnv(changes) {
      // Checked again right before each write: the preview and the confirmation may have taken long.
      return writeRotatedEnvFiles(changes, {
        folders: workspaceFolderPaths,
        written: (file) => log.info(`Rotation of "${set.name}": ${file} now holds the new key.`),
      });
    },
    chooseOldKeyAction: (oldKeyId) => chooseOldKeyAction(o, oldKeyId),
    async rememberOldKey(userName, oldKeyId) {
      await o.state.setOldKey(set.id, { userName, keyId: oldKeyId, at: new Date().toISOString() });
    },
    journal: o.state.journal,
    sleep,
    now: () => new Date(),
    progress: o.progress,
  };
}

/** The login check of the new key, over the SMTP bundle; an auth failure or a temporary one is worth a retry. */
async function checkLogin(
  { log, set }: PortOptions,
  username: string,
  password: string,
  signal: AbortSignal | undefined,
): Promise<LoginAttempt> {
  const endpoint = resolveEndpoint({ ...set, extraRegions: settings().extraRegions });
  const result = await loadSmtp().checkSmtpLogin({
    host: endpoint.host,
    port: endpoint.port,
    tls: endpoint.tls,
    username,
    password,
    phaseTimeoutMs: settings().phaseTimeoutMs,
    signal,
    pinnedCertificateSha256: set.certificateSha256,
  });
  if (result.ok) {
    log.info(`Rotation of "${set.name}": the new key ${username} passed the login check.`);
    return { ok: true };
  }
  const code = result.failure?.code;
  const summary = result.failure?.message ?? 'the login failed';
  log.info(`Rotation of "${set.name}": login with ${username} failed (${code}): ${summary}`);
  return { ok: false, retry: code === 'AUTH_FAILED' || code === 'TEMPORARY', summary };
}

/** The switch: the set, and the other sets made from the same key (another region's password), take the new key. */
async function switchSets(o: PortOptions, username: string, password: string, passwordFor: PasswordFor): Promise<void> {
  const { log, set } = o;
  const others = (await o.store.list()).filter((s) => s.id !== set.id && s.username === set.username && s.region);
  await o.store.replaceKey(set.id, username, password, {
    ok: true,
    at: new Date().toISOString(),
    summary: 'Login OK with the rotated key',
  });
  for (const other of others) {
    await o.store.replaceKey(other.id, username, passwordFor(other.region!));
    o.alsoSwitched?.push(other.name);
    log.info(`Rotation of "${set.name}": "${other.name}" (${other.region}) now uses ${username} too.`);
  }
}

/** The workspace's .env files that hold the old username, rewritten for the new key (nothing written). */
async function planEnv(
  { log, set }: PortOptions,
  oldUsername: string,
  newUsername: string,
  newPassword: string,
  passwordFor: PasswordFor | undefined,
): Promise<EnvFileChange[]> {
  const changes: EnvFileChange[] = [];
  for (const found of await envFiles()) {
    try {
      // The real file, if it may be written at all (a link to a tracked or outside file may not).
      const target = await checkEnvTarget(found, workspaceFolderPaths());
      if (!target.ok) {
        if ((await readFile(found, 'utf8').catch(() => '')).includes(oldUsername))
          log.warn(`${found} is left as it is: ${target.reason}`);
        continue;
      }
      const file = target.real;
      if (changes.some((c) => c.file === file)) continue; // two links to one file
      const before = await readFile(file, 'utf8');
      if (!before.includes(oldUsername)) continue;
      const dialect = dialectSetting(vscode.Uri.file(file));
      const regions = set.region ? { set: set.region, passwordFor } : undefined;
      const r = rotateEnvText(before, oldUsername, newUsername, newPassword, customConventions(), dialect, regions);
      if (r.after !== undefined) changes.push({ file, before, after: r.after });
      if (r.otherRegions.length)
        log.warn(
          `${file}: the block(s) for ${r.otherRegions.join(', ')} are left as they are (no password for that region).`,
        );
      if (r.strayMentions)
        log.warn(`${file} mentions ${oldUsername} outside an SMTP block; that line is left as it is.`);
    } catch (err) {
      log.warn(`${found} is left as it is: ${(err as Error).message}`);
    }
  }
  return changes;
}

/** Whether to write the planned .env changes: as given, else asked over one masked preview of them all. */
async function confirmEnv(
  o: PortOptions,
  oldPassword: Promise<string | undefined>,
  changes: EnvFileChange[],
): Promise<boolean> {
  if (o.updateEnvFiles !== undefined) return o.updateEnvFiles;
  // Masked in the preview: the old and the new password (and every SMTP password in the files).
  const secrets = { old: await oldPassword, new: await o.store.getPassword(o.set.id) };
  const shown = changes.map((c) => ({ ...c, file: vscode.workspace.asRelativePath(c.file) }));
  await o.previews.show(combinedPreview(shown, secrets));
  const files = shown.map((c) => path.basename(c.file)).join(', ');
  const update = vscode.l10n.t('Update Files');
  const picked = await vscode.window.showInformationMessage(
    vscode.l10n.t('Update {0} .env file(s) that use the old key ({1})?', changes.length, files),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The preview shows the changes with the passwords masked. Each file keeps its quoting and is read back after the write.',
      ),
    },
    update,
  );
  await o.previews.close();
  return picked === update;
}

/** What to do with the old key once it is Inactive: as given, else asked (now or later). */
async function chooseOldKeyAction(o: PortOptions, oldKeyId: string): Promise<OldKeyAction> {
  if (o.deleteOldKey) return o.deleteOldKey;
  const now = vscode.l10n.t('Delete Now');
  const later = vscode.l10n.t('Later');
  const picked = await vscode.window.showInformationMessage(
    vscode.l10n.t('The old key {0} is Inactive now. Delete it?', oldKeyId),
    {
      modal: true,
      detail: vscode.l10n.t(
        'An Inactive key can be made Active again in IAM; a deleted one cannot. Choose Later to keep it until you are sure nothing uses it, then run Delete Old Key on the set.',
      ),
    },
    now,
    later,
  );
  return picked === now ? 'now' : 'later';
}
