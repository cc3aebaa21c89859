// AWS profiles exactly as the AWS SDK's fromIni resolves them: the config and credentials files
// (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), parsed by the SDK's own loader, so comments,
// `#` inside names, sso-session and services sections are read the way the SDK reads them.
// The loader is SDK code and lives in the lazily loaded AWS bundle (dist/aws.js); this file only
// names the result and classifies it, so dist/extension.js stays small.
import { expectObject } from '../../base/guards';

export interface AwsProfile {
  name: string;
  region?: string;
  /** sso_* or role settings: credentials from it are temporary. */
  kind: 'static' | 'sso' | 'role' | 'process' | 'other';
}

/** A parsed shared file as the SDK returns it: section name to its settings. */
export type ParsedIniFile = Record<string, Record<string, string | undefined> | undefined>;

// Sections of the config file that are not profiles; the SDK keeps them as "sso-session.<name>"
// and "services.<name>" next to the profiles.
const NOT_PROFILES = /^(sso-session|services)\./;

/**
 * The profiles in the SDK's parse of the two files (loadSharedConfigFiles), merged the way
 * fromIni merges them: the credentials file's settings override the config file's. `default`
 * first, then by name.
 */
export function profilesFromFiles(configFile: ParsedIniFile, credentialsFile: ParsedIniFile): AwsProfile[] {
  expectObject(configFile, 'profilesFromFiles', 'configFile');
  expectObject(credentialsFile, 'profilesFromFiles', 'credentialsFile');
  const merged = new Map<string, Record<string, string | undefined>>();
  const add = (name: string, settings: Record<string, string | undefined> | undefined): void => {
    merged.set(name, { ...merged.get(name), ...settings });
  };
  for (const [name, settings] of Object.entries(configFile)) if (!NOT_PROFILES.test(name)) add(name, settings);
  for (const [name, settings] of Object.entries(credentialsFile)) add(name, settings);
  const names = [...merged.keys()].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  return names.map((name) => {
    const s = merged.get(name)!;
    const kind: AwsProfile['kind'] =
      s.sso_start_url || s.sso_session
        ? 'sso'
        : s.role_arn
          ? 'role'
          : s.credential_process
            ? 'process'
            : s.aws_access_key_id
              ? 'static'
              : 'other';
    return { name, ...(s.region ? { region: s.region } : {}), kind };
  });
}
