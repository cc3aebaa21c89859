// The live check of a region's SMTP endpoint for the commands: one checker per session (per DNS
// servers setting), asked before a password is derived or written for a region, before a login
// check and in the Doctor. Refuses only a region whose host does not exist (NXDOMAIN).
import * as vscode from 'vscode';
import { dnsResolveHost, SmtpEndpointChecker, type EndpointCheck } from '../engines/smtp/endpointCheck';
import { parseSesHost, regionFromHost } from '../base/regions';
import { dnsServers, settings } from './settings';
import { UserError } from './userError';

let checker: { servers: string; checker: SmtpEndpointChecker } | undefined;

function sessionChecker(): SmtpEndpointChecker {
  const servers = dnsServers();
  const key = JSON.stringify(servers);
  if (checker?.servers !== key) {
    checker = {
      servers: key,
      checker: new SmtpEndpointChecker({
        resolve: dnsResolveHost({ servers, timeoutMs: 3000 }),
        extraRegions: () => settings().extraRegions,
      }),
    };
  }
  return checker.checker;
}

/**
 * Throws a UserError when the host is a Mail Manager ingress endpoint: a v4 password of an IAM key
 * never logs in there (it takes the ingress endpoint's own password configuration).
 */
export function refuseV4PasswordFor(host: string | undefined): void {
  if (!host || parseSesHost(host)?.kind !== 'mail-manager') return;
  throw new UserError(
    vscode.l10n.t(
      "{0} is a Mail Manager ingress endpoint: it takes the username (inp-…) and password of the ingress endpoint's own password configuration, not an SMTP password derived from an IAM key, so none was derived. Enter the ingress password, or use the SES SMTP endpoint email-smtp.<region>.amazonaws.com with the IAM key.",
      host.trim(),
    ),
  );
}

/** The check of a region (cached for the session). */
export function checkSmtpRegion(region: string, signal?: AbortSignal): Promise<EndpointCheck> {
  return sessionChecker().check(region, signal);
}

/**
 * Throws a UserError when SES has no SMTP endpoint in the region; otherwise returns (found, unknown
 * or cancelled: the caller's own cancellation handling applies). A custom host (a relay, a VPC
 * endpoint) is its own proof: only the classic host of the region is looked up.
 */
export async function requireSmtpRegion(
  region: string | undefined,
  options: { host?: string; signal?: AbortSignal } = {},
): Promise<void> {
  if (!region) return;
  if (options.host && regionFromHost(options.host)?.kind !== 'classic') return;
  const result = await checkSmtpRegion(region, options.signal);
  if (result.kind === 'missing') throw new UserError(result.message);
}
