// AWS profiles from the shared config and credentials files (the union of both), read without
// loading the SDK. Honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface AwsProfile {
  name: string;
  region?: string;
  /** sso_* or role settings: credentials from it are temporary. */
  kind: 'static' | 'sso' | 'role' | 'process' | 'other';
}

function sections(text: string, isConfig: boolean): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      let name = header[1];
      if (isConfig) {
        if (name.startsWith('profile ')) name = name.slice(8).trim();
        else if (name !== 'default') {
          current = undefined; // sso-session or services sections are not profiles
          continue;
        }
      }
      current = out.get(name) ?? {};
      out.set(name, current);
      continue;
    }
    const kv = /^([\w.-]+)\s*=\s*(.*)$/.exec(line);
    if (kv && current) current[kv[1].toLowerCase()] = kv[2].trim();
  }
  return out;
}

async function readOrEmpty(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

export async function listAwsProfiles(env: NodeJS.ProcessEnv = process.env): Promise<AwsProfile[]> {
  const home = os.homedir();
  const configFile = env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials');
  const config = sections(await readOrEmpty(configFile), true);
  const credentials = sections(await readOrEmpty(credentialsFile), false);
  const names = [...new Set([...config.keys(), ...credentials.keys()])].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  return names.map((name) => {
    const settings = { ...config.get(name), ...credentials.get(name) };
    const kind: AwsProfile['kind'] = settings.sso_start_url || settings.sso_session ? 'sso' : settings.role_arn ? 'role' : settings.credential_process ? 'process' : settings.aws_access_key_id ? 'static' : 'other';
    return { name, region: settings.region, kind };
  });
}
