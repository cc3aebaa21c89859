// The custom AWS API endpoint (sesSmtpToolkit.aws.endpoint): every AWS call, with its signed
// access key and any secret in its body, goes there. So it is read from the user's own settings
// only (a repository's workspace or folder value is ignored even if present), and it must be
// https, or plain http to this machine's loopback for a local emulator (moto, LocalStack).
import net from 'node:net';
import { expectString } from '../../base/guards';

export type EndpointCheck = { ok: true; url: string | undefined } | { ok: false; reason: string };

/** 127.0.0.0/8, ::1 and localhost: addresses that never leave this machine. */
export function isLoopbackHost(hostname: string): boolean {
  expectString(hostname, 'isLoopbackHost', 'hostname');
  const host = hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (host === 'localhost') return true;
  if (net.isIPv4(host)) return host.split('.')[0] === '127';
  if (net.isIPv6(host)) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

const FIX =
  'Set sesSmtpToolkit.aws.endpoint in your user settings to an https:// URL, or http://127.0.0.1:<port> for a local emulator, or clear it to use AWS.';

/** The endpoint as the setting holds it: empty is AWS itself; otherwise an https or loopback-http URL. */
export function checkAwsEndpoint(value: unknown): EndpointCheck {
  if (value === undefined || value === null || value === '') return { ok: true, url: undefined };
  if (typeof value !== 'string')
    return { ok: false, reason: `The AWS endpoint setting must be a URL, not ${typeof value}. ${FIX}` };
  const text = value.trim();
  if (!text) return { ok: true, url: undefined };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `The AWS endpoint "${text}" is not a URL. ${FIX}` };
  }
  if (url.username || url.password)
    return { ok: false, reason: `The AWS endpoint must not carry a user name or password in its URL. ${FIX}` };
  if (url.protocol === 'https:') return { ok: true, url: text };
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return { ok: true, url: text };
    return {
      ok: false,
      reason: `The AWS endpoint ${url.origin} uses plain http to another machine: AWS requests carry your signed credentials and, for Secrets Manager, SMTP passwords, so they go over https (plain http only to 127.0.0.1, ::1 or localhost). ${FIX}`,
    };
  }
  return { ok: false, reason: `The AWS endpoint "${text}" is not an http(s) URL. ${FIX}` };
}

/**
 * The endpoint from the user's own settings: `inspect()`'s globalValue. A workspace or folder value
 * (a cloned repository's .vscode/settings.json) is never read, even when present.
 */
export function userAwsEndpoint(inspected: { globalValue?: unknown } | undefined): EndpointCheck {
  return checkAwsEndpoint(inspected?.globalValue);
}

/** How a dialog names where an AWS request goes: "AWS" or the custom endpoint's origin. */
export function awsDestination(endpoint: string | undefined): string {
  if (!endpoint) return 'AWS';
  try {
    return new URL(endpoint).origin;
  } catch {
    return endpoint;
  }
}
