// "Import SMTP Credentials from CSV": the SES console's credentials.csv (username and password)
// or IAM's accessKeys.csv (the v4 password is derived for a region). The region is given, picked,
// or found by logging in to each region's endpoint (no mail is sent). Secrets are never logged.
import * as vscode from 'vscode';
import { consentTo, type CallContext } from '../../host/consent';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { CsvError, MAX_CSV_BYTES, type CredentialsCsv } from './logic/csv';
import { parseCredentialsCsv } from './logic/csv';
import type { CredentialSet } from '../../base/credentialSets';
import { normalizeCredentialSet } from '../../base/credentialSetInput';
import { deriveSmtpPassword } from '../../base/password';
import { allRegions, smtpHostForRegion } from '../../base/regions';
import { loadSmtp } from '../../engines/bundles/load';
import type { FeatureCalls } from '../../host/calls';
import { settings } from '../../host/settings';
import { requireSmtpRegion } from '../../host/smtpEndpoint';
import { UserError, type Log } from '../../host/util';
import { offerAfterSave } from './nextSteps';
import type { CredentialStore } from '../../host/credentialStore';

import type { ImportCsvArgs } from './args';

const title = (): string => vscode.l10n.t('Import SMTP Credentials from CSV');

export async function importCsv(
  log: Log,
  store: CredentialStore,
  calls: FeatureCalls,
  raw: ImportCsvArgs | undefined,
  call: CallContext,
): Promise<CredentialSet[] | undefined> {
  // Checked by registerCommand against importCsvSchema (the view's title passes nothing). onProblem:
  // an IAM secret key in the password column is turned into the password with 'derive', else refused.
  const args: ImportCsvArgs = raw ?? {};
  const programmatic = raw !== undefined;
  const given = args.file;
  if (given !== undefined) {
    const effect = {
      summary: vscode.l10n.t('Import SMTP credentials from the file {0}', given),
      detail: vscode.l10n.t(
        "The file is read and each login in it is saved as a credential set in this editor's secret storage{0}.",
        args.name ? ` (named "${args.name}")` : '',
      ),
      action: vscode.l10n.t('Import'),
    };
    if (!(await consentTo(call, effect))) return undefined;
  }
  const file = given ?? (await pickFile());
  if (!file) return undefined;
  const parsed = await readCsv(file, args.onProblem ?? (programmatic ? undefined : 'ask'));
  if (!parsed) return undefined;
  const extra = settings().extraRegions;
  let region = args.region;
  const needsRegion = parsed.rows.some((r) => r.kind === 'access-key');
  if (!region && !programmatic) {
    region = await askRegion(needsRegion, extra);
    if (region === undefined) return undefined;
  }
  // No password is derived for a region whose SMTP host does not exist.
  if (needsRegion && region) await requireSmtpRegion(region);
  const saved: CredentialSet[] = [];
  for (const row of parsed.rows) {
    let username: string;
    let password: string;
    let rowRegion = region || undefined;
    if (row.kind === 'access-key') {
      if (!rowRegion) {
        throw new UserError(
          vscode.l10n.t(
            'Line {0}: an access key needs a region to derive the SMTP password for. Pass "region".',
            row.line,
          ),
        );
      }
      username = row.accessKeyId;
      password = deriveSmtpPassword(row.secretAccessKey, rowRegion);
    } else {
      username = row.username;
      password = row.password;
      rowRegion ??= await findRegion(log, username, password, extra);
      if (!rowRegion) return saved.length ? saved : undefined;
    }
    const base = args.name ?? `${row.iamUserName ?? 'imported'} ${rowRegion}`;
    let input;
    try {
      input = normalizeCredentialSet(
        { name: base.slice(0, 80), username, region: rowRegion, port: 587, tls: 'starttls' },
        extra,
      );
    } catch (err) {
      throw new UserError(vscode.l10n.t('Line {0}: {1}', row.line, (err as Error).message));
    }
    const set = await store.add(input, password);
    const how = row.kind === 'access-key' ? 'password derived from the access key' : 'SMTP password';
    log.info(`Imported "${set.name}" (${set.username}, ${rowRegion}, ${how}) from ${path.basename(file)}.`);
    saved.push(set);
  }
  if (!programmatic && saved[0]) {
    const message =
      saved.length === 1
        ? vscode.l10n.t('Imported "{0}". The password is in the editor\'s secret storage.', saved[0].name)
        : vscode.l10n.t("Imported {0} credential sets. The password is in the editor's secret storage.", saved.length);
    void offerAfterSave(saved[0], message, calls);
  }
  return saved;
}

async function pickFile(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Import SMTP Credentials from CSV: credentials.csv (SES console) or accessKeys.csv (IAM)'),
    canSelectMany: false,
    filters: { [vscode.l10n.t('CSV files')]: ['csv'], [vscode.l10n.t('All files')]: ['*'] },
    openLabel: vscode.l10n.t('Import'),
  });
  return picked?.[0]?.fsPath;
}

async function readCsv(file: string, onProblem: ImportCsvArgs['onProblem']): Promise<CredentialsCsv | undefined> {
  let data: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new UserError(vscode.l10n.t('{0} is not a file; choose the .csv AWS offered.', file));
    if (stat.size > MAX_CSV_BYTES) {
      throw new UserError(
        vscode.l10n.t('{0} has {1} bytes; a credentials file has a few hundred.', path.basename(file), stat.size),
      );
    }
    data = await fs.readFile(file);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(
      vscode.l10n.t('Cannot read {0}: {1}.', file, (err as NodeJS.ErrnoException).code ?? (err as Error).message),
    );
  }
  const parse = (derive: boolean): CredentialsCsv =>
    parseCredentialsCsv(data, { secretInPasswordColumn: derive ? 'derive' : 'refuse' });
  try {
    return parse(onProblem === 'derive');
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const secretFound = /looks like an IAM secret access key/.test(err.message);
    if (secretFound && onProblem === 'ask') {
      const derive = vscode.l10n.t('Derive the SMTP Password');
      const picked = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0}: {1}', path.basename(file), err.message),
        {
          modal: true,
          detail: vscode.l10n.t('The secret key is not stored; only the password derived from it for one region.'),
        },
        derive,
      );
      return picked === derive ? parse(true) : undefined;
    }
    throw new UserError(vscode.l10n.t('{0}: {1}', path.basename(file), err.message));
  }
}

export async function askRegion(needsRegion: boolean, extra: readonly string[]): Promise<string | undefined> {
  const items: Array<vscode.QuickPickItem & { region: string }> = [
    ...(needsRegion
      ? []
      : [
          {
            label: vscode.l10n.t('$(search) Find the region by logging in'),
            description: vscode.l10n.t('logs in at each region; no mail is sent'),
            region: '',
          },
        ]),
    ...allRegions(extra).map((r) => ({ label: r.id, description: r.name, region: r.id })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: title(),
    placeHolder: needsRegion
      ? vscode.l10n.t('The region to derive the SMTP password for (it works only there)')
      : vscode.l10n.t('The region the SMTP credentials were made in'),
    matchOnDescription: true,
  });
  return picked?.region;
}

/** Logs in to each region's endpoint, four at a time, with a cancellable progress notification. */
export async function findRegion(log: Log, username: string, password: string, extra: readonly string[]) {
  const regions = allRegions(extra).map((r) => r.id);
  const { checkSmtpLogin, findRegionByLogin } = loadSmtp();
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Finding the region of the credentials'),
      cancellable: true,
    },
    (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      return findRegionByLogin({
        regions,
        username,
        password,
        endpointFor: (region) => ({ host: smtpHostForRegion(region), port: 587, tls: 'starttls' }),
        login: checkSmtpLogin,
        concurrency: 4,
        phaseTimeoutMs: Math.min(settings().phaseTimeoutMs, 10_000),
        signal: ac.signal,
        onProgress: (tried, total, region) =>
          progress.report({ message: `${region} (${tried}/${total})`, increment: 100 / total }),
      });
    },
  );
  if (result.kind === 'found') {
    log.info(`The credentials log in at ${result.region} (tried ${result.tried} region(s)).`);
    return result.region;
  }
  if (result.kind === 'cancelled') return undefined;
  const parts = [
    vscode.l10n.t('No region accepted the login ({0} tried).', result.tried),
    ...(result.unreachable.length
      ? [vscode.l10n.t('{0} region(s) could not be reached.', result.unreachable.length)]
      : []),
    ...(result.firstFailure ? [vscode.l10n.t('A region answered: {0}', result.firstFailure)] : []),
    vscode.l10n.t('Pass "region" if you know it, or check the password was copied whole.'),
  ];
  throw new UserError(parts.join(' '));
}
