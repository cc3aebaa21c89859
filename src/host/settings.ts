import * as vscode from 'vscode';
import { awsDestination, userAwsEndpoint } from '../engines/aws/endpoint';
import { UserError } from './userError';

export interface ToolkitSettings {
  extraRegions: string[];
  defaultRegion: string;
  phaseTimeoutMs: number;
  /**
   * A custom AWS API endpoint (LocalStack, moto); undefined: AWS. Read from the user's settings
   * only; an invalid one (plain http to another machine, not a URL) throws a UserError saying why.
   */
  readonly awsEndpoint?: string;
}

/** The user's AWS endpoint setting (globalValue only; a workspace value is ignored), checked. */
export function awsEndpoint(): string | undefined {
  const inspected = vscode.workspace.getConfiguration('sesSmtpToolkit').inspect<string>('aws.endpoint');
  const checked = userAwsEndpoint(inspected);
  if (!checked.ok) throw new UserError(checked.reason);
  return checked.url;
}

/**
 * The user's DNS servers for Check DNS Records and the Doctor (globalValue only: a repository's
 * workspace settings cannot pick the resolver, trusted or not). Entries that are not strings are
 * dropped; empty: the system's resolvers.
 */
export function dnsServers(): string[] {
  const value = vscode.workspace.getConfiguration('sesSmtpToolkit').inspect<unknown>('dns.servers')?.globalValue;
  if (!Array.isArray(value)) return [];
  return value.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim());
}

/**
 * Where AWS requests go, for the detail text of every dialog that sends a secret to AWS:
 * "Sent to: AWS" or "Sent to: the custom endpoint https://… (sesSmtpToolkit.aws.endpoint)".
 */
export function awsDestinationLabel(): string {
  const endpoint = awsEndpoint();
  return endpoint
    ? vscode.l10n.t(
        'Sent to: the custom AWS endpoint {0} (setting sesSmtpToolkit.aws.endpoint), not AWS.',
        awsDestination(endpoint),
      )
    : vscode.l10n.t('Sent to: AWS.');
}

export function settings(): ToolkitSettings {
  const cfg = vscode.workspace.getConfiguration('sesSmtpToolkit');
  const seconds = cfg.get<number>('smtp.timeoutSeconds', 15);
  return {
    extraRegions: cfg.get<string[]>('extraRegions', []),
    defaultRegion: cfg.get<string>('defaultRegion', 'us-east-1'),
    get awsEndpoint() {
      return awsEndpoint();
    },
    phaseTimeoutMs: Math.min(Math.max(Number.isFinite(seconds) ? seconds : 15, 1), 120) * 1000,
  };
}
