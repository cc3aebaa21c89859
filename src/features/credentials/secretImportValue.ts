// What both imports (Secrets Manager, SSM) do with a value once it is read: the key mapping
// (remembered per ARN, confirmed once), the username when the value has none, an IAM secret key
// turned into the SMTP password for a region, the SES region, then the saved set linked to the
// secret. The value goes to the secret storage and nowhere else.
import * as vscode from 'vscode';
import {
  SECRET_FIELDS,
  SecretValueError,
  extractCredentials,
  guessMapping,
  parseSecretValue,
  usableMapping,
  type ExtractedCredentials,
  type SecretField,
  type SecretMapping,
  type SecretValue,
} from './logic/secretValue';
import { rememberMapping } from './logic/secretExport';
import type { CredentialSet, LinkedSecret } from '../../base/credentialSets';
import { normalizeCredentialSet } from '../../base/credentialSetInput';
import { deriveSmtpPassword } from '../../base/password';
import { regionFromHost } from '../../base/regions';
import { blocks, checkUsernameFinal } from '../../base/inputChecks';
import { classifySmtpUsername } from '../../base/password';
import { settings } from '../../host/settings';
import { requireSmtpRegion } from '../../host/smtpEndpoint';
import { UserError, type Log } from '../../host/util';
import { askRegion, findRegion } from './importCsv';
import type { CredentialStore } from '../../host/credentialStore';
import type { SecretImportArgs } from './args';

const t = vscode.l10n.t;
export const MAPPINGS_KEY = 'sesSmtpToolkit.secretMappings.v1';

/**
 * What both imports take besides the place (args.ts): the set's name, the JSON key of each field
 * (otherwise the remembered or guessed mapping), the username when the value holds only the
 * password, the SES region the password is for (when the value names no region or host), and
 * onProblem ('derive' turns an IAM secret access key in the value into the SMTP password).
 */
export type ValueImportArgs = Pick<SecretImportArgs, 'name' | 'mapping' | 'username' | 'smtpRegion' | 'onProblem'>;

export interface ReadSecret {
  link: LinkedSecret;
  value: string;
}

/** Turns a secret's value into a saved, linked credential set; undefined when the user cancelled. */
export async function importSecretValue(
  log: Log,
  store: CredentialStore,
  state: vscode.Memento,
  secret: ReadSecret,
  args: ValueImportArgs,
  programmatic: boolean,
): Promise<CredentialSet | undefined> {
  const what = `"${secret.link.name}"`;
  let parsed: SecretValue;
  try {
    parsed = parseSecretValue(secret.value);
  } catch (err) {
    if (err instanceof SecretValueError) throw new UserError(t('{0}: {1}', what, err.message));
    throw err;
  }
  let mapping: SecretMapping | undefined;
  if (parsed.kind === 'json') {
    mapping = await chooseMapping(state, secret.link.arn, parsed, args.mapping, programmatic);
    if (!mapping) return undefined;
  }
  let found: ExtractedCredentials;
  try {
    found = extractCredentials(parsed, mapping);
  } catch (err) {
    if (!(err instanceof SecretValueError)) throw err;
    const hint =
      programmatic && parsed.kind === 'json' ? t(' Pass "mapping": {"username": "<key>", "password": "<key>"}.') : '';
    throw new UserError(t('{0}: {1}', what, err.message) + hint);
  }
  if (mapping) await state.update(MAPPINGS_KEY, rememberMapping(state.get(MAPPINGS_KEY), secret.link.arn, mapping));
  const username = found.username ?? args.username?.trim() ?? (programmatic ? undefined : await askUsername(what));
  if (!username) {
    if (programmatic)
      throw new UserError(t('{0} holds only the password. Pass "username" (the access key id, AKIA…).', what));
    return undefined;
  }
  const extra = settings().extraRegions;
  let region = found.region ?? args.smtpRegion;
  let password = found.password;
  if (found.passwordKind === 'iam-secret') {
    const derive = args.onProblem === 'derive' || (!programmatic && (await offerDerive(what)));
    if (!derive) {
      if (programmatic)
        throw new UserError(
          t(
            '{0} holds an IAM secret access key, not an SMTP password. Pass "onProblem": "derive" to derive the SMTP password for a region.',
            what,
          ),
        );
      return undefined;
    }
    region ??= programmatic ? undefined : await askRegion(true, extra);
    if (!region) {
      if (programmatic) throw new UserError(t('Deriving the SMTP password needs a region: pass "smtpRegion".'));
      return undefined;
    }
    await requireSmtpRegion(region);
    password = deriveSmtpPassword(found.password, region);
  } else if (!region && !(found.host && !regionFromHost(found.host))) {
    if (!programmatic) {
      region = await askRegion(false, extra);
      if (region === undefined) return undefined;
    }
    region ||= await findRegion(log, username, password, extra);
    if (!region) return undefined;
  }
  const port = found.port ?? 587;
  let input;
  try {
    input = normalizeCredentialSet(
      {
        name: (args.name ?? secret.link.name.split('/').pop() ?? secret.link.name).slice(0, 80) || 'imported',
        username,
        region,
        host: found.host && !regionFromHost(found.host) ? found.host : undefined,
        port,
        tls: port === 465 || port === 2465 ? 'implicit' : 'starttls',
        from: found.from,
      },
      extra,
    );
  } catch (err) {
    throw new UserError(t('{0}: {1}', what, (err as Error).message));
  }
  const saved = await store.add(input, password);
  const link: LinkedSecret = { ...secret.link, ...(mapping ? { keys: mapping } : {}) };
  const set = await store.linkSecret(saved.id, link);
  const how = found.passwordKind === 'iam-secret' ? 'password derived from the IAM secret key' : 'SMTP password';
  log.info(
    `Imported "${set.name}" (${set.username}, ${set.host ?? set.region}, ${how}) from ${link.service === 'ssm' ? 'SSM parameter' : 'secret'} ${link.arn}` +
      (mapping ? ` with keys ${describeMapping(mapping)}.` : '.'),
  );
  return set;
}

/** "username ← SMTP_USER, password ← SMTP_PASS" (key names only). */
export function describeMapping(mapping: SecretMapping): string {
  return SECRET_FIELDS.filter((f) => mapping[f])
    .map((f) => `${f} ← ${mapping[f]}`)
    .join(', ');
}

async function chooseMapping(
  state: vscode.Memento,
  arn: string,
  value: Extract<SecretValue, { kind: 'json' }>,
  given: SecretMapping | undefined,
  programmatic: boolean,
): Promise<SecretMapping | undefined> {
  const keys = Object.keys(value.fields);
  if (given) return given;
  const remembered = usableMapping((state.get(MAPPINGS_KEY) as Record<string, unknown> | undefined)?.[arn], keys);
  if (remembered) return remembered;
  const guessed = guessMapping(keys);
  if (programmatic) return guessed;
  return confirmMapping(keys, guessed);
}

const FIELD_LABEL: Record<SecretField, string> = {
  username: 'Username',
  password: 'Password',
  host: 'Host',
  region: 'Region',
  port: 'Port',
  from: 'Default From',
};

/** The mapping as a list: Enter on a field changes its key; "Use these keys" accepts. Never shows a value. */
async function confirmMapping(keys: string[], start: SecretMapping): Promise<SecretMapping | undefined> {
  const mapping: SecretMapping = { ...start };
  type Item = vscode.QuickPickItem & { field?: SecretField; accept?: boolean };
  for (;;) {
    const ready = Boolean(mapping.password);
    const items: Item[] = [
      // Offered once the password has its key: Enter on the first row then accepts.
      ...(ready ? [{ label: t('$(check) Use these keys'), accept: true }] : []),
      ...SECRET_FIELDS.map((field) => ({
        label: t(FIELD_LABEL[field]),
        description: mapping[field] ? `← ${mapping[field]}` : t('(not in the secret)'),
        field,
      })),
    ];
    const shown = keys.slice(0, 12).join(', ') + (keys.length > 12 ? ', …' : '');
    const picked = await vscode.window.showQuickPick(items, {
      title: t('Which key of the secret holds each field? (values are not shown)'),
      placeHolder: ready
        ? t('Enter on a field to change its key. Keys in the secret: {0}', shown)
        : t('Choose the key that holds the password. Keys in the secret: {0}', shown),
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    if (picked.accept) return mapping;
    if (!picked.field) continue;
    const none = t('(none)');
    const choice = await vscode.window.showQuickPick([...(picked.field === 'password' ? [] : [none]), ...keys], {
      title: t('The key that holds the {0}', t(FIELD_LABEL[picked.field]).toLowerCase()),
      ignoreFocusOut: true,
    });
    if (choice === undefined) continue;
    if (choice === none) delete mapping[picked.field];
    else {
      for (const f of SECRET_FIELDS) if (mapping[f] === choice) delete mapping[f];
      mapping[picked.field] = choice;
    }
  }
}

async function askUsername(what: string): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title: t('{0} holds only the password', what),
    prompt: t('SMTP username: the IAM access key id (AKIA…)'),
    placeHolder: 'AKIA…',
    ignoreFocusOut: true,
    validateInput: (v) => {
      const check = checkUsernameFinal(v);
      return check && blocks(check) ? (typeof check === 'string' ? check : check.message) : undefined;
    },
  });
  return answer === undefined ? undefined : classifySmtpUsername(answer).cleaned;
}

async function offerDerive(what: string): Promise<boolean> {
  const derive = t('Derive the SMTP Password');
  const picked = await vscode.window.showWarningMessage(
    t('{0} holds an IAM secret access key, not an SMTP password.', what),
    {
      modal: true,
      detail: t('The SMTP password can be derived from it for one region. The secret key itself is not stored.'),
    },
    derive,
  );
  return picked === derive;
}
