// Helpers for tests running inside the extension host.
import * as vscode from 'vscode';
import http from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { BrowserAction, Step } from './browserActions';
import type { ToolkitApi } from '../../src/extension';
import type { CredentialSet } from '../../src/base/credentialSets';
import { deriveSmtpPassword } from '../../src/base/password';

export const EXTENSION_ID = 'ses-smtp-toolkit.ses-smtp-toolkit';

export async function activateExtension(): Promise<ToolkitApi> {
  const ext = vscode.extensions.getExtension<ToolkitApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return ext.activate();
}

function post(url: string, body: unknown): Promise<{ ok: boolean; result?: unknown; error?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve(JSON.parse(data)));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

export function getJson<T>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve(JSON.parse(data) as T));
      })
      .on('error', reject);
  });
}

/** The launcher's browser bridge, when running under code-server (not under test-electron). */
export function bridgeUrl(): string | undefined {
  return process.env.SES_E2E_BRIDGE_URL || undefined;
}

async function browser(action: BrowserAction): Promise<unknown> {
  const url = bridgeUrl();
  if (!url) throw new Error('no browser bridge: this test needs the code-server launcher');
  const answer = await post(url, action);
  if (!answer.ok) throw new Error(`browser action failed: ${answer.error}`);
  return answer.result;
}

/** Saves test-results/<name>.png of the whole workbench; false when no browser is attached (test-electron). */
export async function screenshot(name: string): Promise<boolean> {
  const url = process.env.SES_E2E_SCREENSHOT_URL;
  if (!url) return false;
  const answer = await post(`${url}?name=${encodeURIComponent(name)}`, {});
  if (!answer.ok) throw new Error(`screenshot ${name} failed: ${answer.error}`);
  return true;
}

export function inWebview(...steps: Step[]): Promise<unknown[]> {
  return browser({ kind: 'webview', steps }) as Promise<unknown[]>;
}

export function inWorkbench(...steps: Step[]): Promise<unknown[]> {
  return browser({ kind: 'workbench', steps }) as Promise<unknown[]>;
}

export const hasBrowser = (): boolean => bridgeUrl() !== undefined;

export async function waitUntil<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** localStorage, sessionStorage and IndexedDB of every frame (workbench and webviews), as text. */
export function browserStorage(): Promise<string> {
  return browser({ kind: 'storage' }) as Promise<string>;
}

const typedSecrets = new Set<string>();

/**
 * A secret a test types into a password box, as a user would (a fresh IAM key of the run, never the
 * fixture's). The recorded text (seenText) keeps every keystroke, so the sweep does not look for it
 * there; it still looks everywhere else (user data, logs, storage, the page as it is at the end).
 */
export function typingSecret(secret: string): string {
  typedSecrets.add(secret);
  return secret;
}

export function secretsTypedByTests(): ReadonlySet<string> {
  return typedSecrets;
}

/** The outside addresses the browser was asked to open during the run (stopped by the launcher). */
export function outsideRequests(): Promise<string[]> {
  return browser({ kind: 'outside' }) as Promise<string[]>;
}

/** Every text every frame has shown during the run, including notifications that have closed. */
export function seenText(): Promise<string> {
  return browser({ kind: 'seen' }) as Promise<string>;
}

/**
 * The user's application-scope opt-in (sesSmtpToolkit.security.allowUnattendedEffects) in the user
 * settings. The e2e entry turns it on for every suite (they call effectful commands with argument
 * objects, as trusted automation does); security.e2e.test.ts turns it off for its own cases.
 */
export async function allowUnattendedEffects(on: boolean): Promise<void> {
  const config = () => vscode.workspace.getConfiguration('sesSmtpToolkit');
  await config().update('security.allowUnattendedEffects', on, vscode.ConfigurationTarget.Global);
  // The update can resolve before the extension host reads the new value: wait until it does.
  await waitUntil(
    () => config().inspect<boolean>('security.allowUnattendedEffects')?.globalValue === on,
    `the opt-in to read ${String(on)}`,
  );
}

/** Points the extension's AWS calls at a test server (the AWS API peer, the SES API peer); undefined resets it. */
export async function setAwsEndpoint(url: string | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('sesSmtpToolkit')
    .update('aws.endpoint', url, vscode.ConfigurationTarget.Global);
}

/**
 * Every file below dir (skipping ones over 50 MB), for the secret searches. Newest first: the
 * user data holds the logs of every window of the run (the fresh-window phase's too), and a
 * search for "the" log finds this window's.
 */
export function filesUnder(dir: string): string[] {
  return walk(dir)
    .sort((a, b) => b.mtimeMs - a.mtimeMs)
    .map((f) => f.path);
}

function walk(dir: string): Array<{ path: string; mtimeMs: number }> {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const st = statSync(full);
    return st.isDirectory()
      ? walk(full)
      : st.isFile() && st.size < 50_000_000
        ? [{ path: full, mtimeMs: st.mtimeMs }]
        : [];
  });
}

/** A secret as it could leak: raw, base64 and URL-encoded. */
export function secretForms(secret: string): string[] {
  return [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)];
}

/** The dns.servers value launch.ts starts the host with (the fixtures' SES SMTP DNS): what a suite restores. */
export function baseDnsServers(): string[] | undefined {
  return process.env.SES_E2E_SES_DNS ? [process.env.SES_E2E_SES_DNS] : undefined;
}

/**
 * Git ignores `file`: the workspace's own .gitignore names it, or the repository around the test
 * workspace already ignores its folder (the checkout's .e2e/). git check-ignore exits 0 when ignored.
 */
export function assertGitIgnored(file: string): void {
  const own = path.join(path.dirname(file), '.gitignore');
  if (existsSync(own) && readFileSync(own, 'utf8').split(/\r?\n/).includes(path.basename(file))) return;
  try {
    execFileSync('git', ['check-ignore', '-q', '--', path.basename(file)], { cwd: path.dirname(file) });
  } catch {
    assert.fail(`git does not ignore ${file}: a password there could be committed`);
  }
}

/**
 * Saves a credential set for the fixtures' SES-like SMTP server (fixtures.ts): its host and STARTTLS
 * port, the fixture access key, and the v4 SMTP password derived from the fixture secret for the
 * region, by the argument object a caller would use.
 */
export async function addFixtureSet(
  name: string,
  options: { from?: string; region?: string; onProblem?: 'as-typed' } = {},
): Promise<CredentialSet> {
  const region = options.region ?? process.env.SES_E2E_SMTP_REGION ?? 'eu-west-1';
  return (await vscode.commands.executeCommand('sesSmtpToolkit.credentials.add', {
    name,
    region,
    host: process.env.SES_E2E_SMTP_HOST,
    port: Number(process.env.SES_E2E_SMTP_PORT),
    tls: 'starttls',
    username: process.env.SES_E2E_ACCESS_KEY,
    password: deriveSmtpPassword(process.env.SES_E2E_SECRET ?? '', region),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.onProblem ? { onProblem: options.onProblem } : {}),
  })) as CredentialSet;
}

/** Where the delivery suite notes its bounce's message id for the phase after the reload. */
export function bounceRecord(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'the e2e window has a workspace folder');
  return path.join(folder, '.e2e-delivery-bounce.json');
}
