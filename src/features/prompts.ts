// Small prompts shared by the commands. Each returns undefined when the user cancels.
import * as vscode from 'vscode';
import { allRegions, checkPort, validateRegion, type TlsMode } from '../core/smtp/regions';
import { classifySmtpPassword, classifySmtpUsername } from '../core/smtp/password';
import { settings } from './settings';

export async function pickRegion(title: string, options: { allowHost?: boolean } = {}): Promise<{ region?: string; host?: string } | undefined> {
  const cfg = settings();
  const regions = allRegions(cfg.extraRegions);
  type Item = vscode.QuickPickItem & { region?: string; custom?: 'host' };
  const items: Item[] = regions.map((r) => ({ label: r.id, description: r.name, region: r.id, picked: r.id === cfg.defaultRegion }));
  items.sort((a, b) => (a.region === cfg.defaultRegion ? -1 : b.region === cfg.defaultRegion ? 1 : 0));
  if (options.allowHost) items.push({ label: '$(edit) Enter a host name…', description: 'a proxy, relay or FIPS endpoint', custom: 'host' });

  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = title;
  quickPick.placeholder = 'SES region (type to filter, or type a region that is not listed)';
  quickPick.items = items;
  quickPick.matchOnDescription = true;
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: { region?: string; host?: string } | undefined): void => {
      if (done) return;
      done = true;
      quickPick.dispose();
      resolve(value);
    };
    quickPick.onDidChangeValue((value) => {
      const typed = value.trim();
      if (typed && !items.some((i) => i.label === typed.toLowerCase())) {
        const check = validateRegion(typed, cfg.extraRegions);
        const extra: Item = check.ok
          ? { label: check.region, description: check.known ? '' : 'not in the built-in table', region: check.region, alwaysShow: true }
          : { label: `$(warning) ${check.message}`, description: check.suggestion ? `press Enter for ${check.suggestion}` : '', region: check.suggestion, alwaysShow: true };
        quickPick.items = [extra, ...items];
      } else {
        quickPick.items = items;
      }
    });
    quickPick.onDidAccept(async () => {
      const item = quickPick.selectedItems[0];
      if (!item) return;
      if (item.custom === 'host') {
        quickPick.hide();
        const host = await vscode.window.showInputBox({
          title,
          prompt: 'SMTP host name',
          placeHolder: 'email-smtp.eu-west-1.amazonaws.com',
          ignoreFocusOut: true,
          validateInput: (v) => (!v.trim() ? 'Enter a host name.' : /[\s/:@]/.test(v.trim()) ? 'Only the host name: no scheme, port or path.' : undefined),
        });
        finish(host ? { host: host.trim() } : undefined);
        return;
      }
      if (item.region) finish({ region: item.region });
    });
    quickPick.onDidHide(() => finish(undefined));
    quickPick.show();
  });
}

export async function pickPort(title: string): Promise<{ port: number; tls: TlsMode } | undefined> {
  type Item = vscode.QuickPickItem & { port: number; tls: TlsMode };
  const items: Item[] = [
    { label: '587', description: 'STARTTLS (recommended)', port: 587, tls: 'starttls' },
    { label: '2587', description: 'STARTTLS, when 587 is blocked', port: 2587, tls: 'starttls' },
    { label: '465', description: 'TLS from the first byte (secure: true)', port: 465, tls: 'implicit' },
    { label: '2465', description: 'TLS, when 465 is blocked', port: 2465, tls: 'implicit' },
    { label: '25', description: 'STARTTLS; often blocked or throttled (EC2)', port: 25, tls: 'starttls' },
  ];
  const item = await vscode.window.showQuickPick(items, { title, placeHolder: 'Port and TLS mode', ignoreFocusOut: true });
  return item ? { port: item.port, tls: checkPort(item.port).ok ? item.tls : 'starttls' } : undefined;
}

export async function askAccessKeyId(title: string, value?: string): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title,
    prompt: 'SMTP username: the IAM access key id (AKIA…)',
    placeHolder: 'AKIA…',
    value,
    ignoreFocusOut: true,
    validateInput: (v) => {
      const c = classifySmtpUsername(v);
      if (c.kind === 'access-key' && c.problems.length === 0) return undefined;
      if (c.kind === 'empty') return undefined; // nothing typed yet
      return { message: c.summary, severity: c.kind === 'access-key' ? vscode.InputBoxValidationSeverity.Warning : vscode.InputBoxValidationSeverity.Error };
    },
  });
  return answer === undefined ? undefined : classifySmtpUsername(answer).cleaned;
}

export async function askSecretAccessKey(title: string): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title,
    prompt: 'IAM secret access key (40 characters). It is used on this machine only and never stored.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => {
      const trimmed = v.trim();
      if (!trimmed) return undefined;
      const c = classifySmtpPassword(trimmed);
      if ((c.cleanedKind ?? c.kind) === 'v4') return 'This is already an SES SMTP password (44 characters starting with "B"), not a secret access key.';
      if (!/^[A-Za-z0-9+/]{40}$/.test(trimmed)) return { message: `Secret access keys are 40 characters of A-Z, a-z, 0-9, + and /; this is ${trimmed.length} characters.`, severity: vscode.InputBoxValidationSeverity.Warning };
      return undefined;
    },
  });
  return answer?.trim() || undefined;
}

export async function askSmtpPassword(title: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: 'SMTP password (44 characters). Paste it exactly as your application uses it.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => {
      if (!v) return undefined;
      const c = classifySmtpPassword(v);
      if (c.kind === 'v4') return undefined;
      // Not blocking: the check itself will tell, but the user sees the problem right away.
      return { message: c.summary, severity: vscode.InputBoxValidationSeverity.Warning };
    },
  });
}

export interface LoginFields {
  region?: string;
  host?: string;
  port?: number;
  tls?: TlsMode;
  username?: string;
  password?: string;
}

/** Asks for whichever of endpoint, port, username and password are missing; undefined when cancelled. */
export async function askLoginFields(title: string, given: LoginFields): Promise<(LoginFields & { port: number; username: string; password: string }) | undefined> {
  const out = { ...given };
  if (out.region === undefined && out.host === undefined) {
    const picked = await pickRegion(`${title}: endpoint`, { allowHost: true });
    if (!picked) return undefined;
    Object.assign(out, picked);
  }
  if (out.port === undefined) {
    const picked = await pickPort(`${title}: port`);
    if (!picked) return undefined;
    Object.assign(out, picked);
  }
  out.username ??= await askAccessKeyId(`${title}: username`);
  if (out.username === undefined) return undefined;
  out.password ??= await askSmtpPassword(`${title}: password`);
  if (out.password === undefined) return undefined;
  return out as LoginFields & { port: number; username: string; password: string };
}
