// What each language model tool does when called: its confirmation (effects only, unless the
// user's application-scope opt-in allows them), the call itself (the extension's own command as a
// caller runs it, or the SES API for identity and account status), and the result, masked: every
// saved password in every encoding, and anything shaped like a secret.
import * as vscode from 'vscode';
import { COMMAND, TOOL } from '../../base/commandIds';
import { runAsCaller, UserError, type Log } from '../../host/util';
import { unattendedEffectsAllowed } from '../../host/consent';
import type { CredentialStore } from '../../host/credentialStore';
import type { AccountInfo } from '../../host/accountInfo';
import { awsEndpoint, dnsServers } from '../../host/settings';
import { loadAws } from '../../engines/bundles/load';
import { redactSecrets } from '../../engines/smtp/redact';
import { identityRecords } from '../../engines/dns/records';
import { checkDnsRecords } from '../../engines/dns/check';
import {
  checkToolInput,
  EFFECT_TOOLS,
  inputSummary,
  maskSecretShapes,
  resultText,
  simulatorOnlyProblem,
} from './logic/tools';

export interface ToolDeps {
  log: Log;
  store: CredentialStore;
  accountInfo: AccountInfo;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function prepareTool(name: string, raw: unknown): vscode.PreparedToolInvocation {
  const input = checkToolInput(name, raw);
  const said = inputSummary(input);
  const invocationMessage = vscode.l10n.t('SES SMTP Toolkit: {0} ({1})', name, said);
  if (!EFFECT_TOOLS.has(name) || unattendedEffectsAllowed()) return { invocationMessage };
  const message =
    name === TOOL.sendTestEmail
      ? vscode.l10n.t(
          'Send a test email with the saved SMTP credential set "{0}" to {1} (the SES mailbox simulator){2}. SES counts it as a send; nothing secret is shown to the agent.',
          String(input.credentialSet ?? ''),
          Array.isArray(input.to) ? input.to.join(', ') : String(input.to ?? ''),
          input.from ? vscode.l10n.t(' from {0}', String(input.from)) : '',
        )
      : vscode.l10n.t(
          'Write the SMTP settings of the saved credential set "{0}" into {1} ({2} convention), password included. The file is changed on disk; the agent sees the key names only.',
          String(input.credentialSet ?? ''),
          String(input.file ?? ''),
          String(input.convention ?? 'detected'),
        );
  return {
    invocationMessage,
    confirmationMessages: {
      title:
        name === TOOL.sendTestEmail ? vscode.l10n.t('Send an SES test email?') : vscode.l10n.t('Write a .env file?'),
      message,
    },
  };
}

export async function invokeTool(
  deps: ToolDeps,
  name: string,
  raw: unknown,
  token: vscode.CancellationToken,
  inChat: boolean,
): Promise<vscode.LanguageModelToolResult> {
  const input = checkToolInput(name, raw);
  const mask = await masker(deps.store);
  const started = Date.now();
  let text: string;
  try {
    const cancelled = new Promise<'cancelled'>((resolve) => {
      if (token.isCancellationRequested) resolve('cancelled');
      token.onCancellationRequested(() => resolve('cancelled'));
    });
    const result = await Promise.race([call(deps, name, input, inChat), cancelled]);
    text = result === 'cancelled' ? vscode.l10n.t('{0} was cancelled.', name) : mask(resultText(name, result));
  } catch (err) {
    const message = mask(err instanceof Error ? err.message : String(err));
    deps.log.warn(`Agent tool ${name} (${mask(inputSummary(input))}) failed: ${message}`);
    // No `cause`: the original error's text may hold what the mask removed; the caller gets the masked one only.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(message);
  }
  deps.log.info(
    `Agent tool ${name} (${mask(inputSummary(input))}) answered in ${Date.now() - started} ms: ${text.split('\n')[0]}`,
  );
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/** Masks every saved password (in every encoding) and anything shaped like a secret. */
async function masker(store: CredentialStore): Promise<(text: string) => string> {
  const sets = await store.list();
  const secrets = await Promise.all(sets.map((s) => store.getPassword(s.id)));
  return (text) => maskSecretShapes(redactSecrets(text, secrets));
}

/**
 * `inChat`: the call came with a chat request's token, so VS Code showed the tool's confirmation
 * (prepareTool) and the user accepted it; that stands for the consent modal. Any other caller
 * (another extension's invokeTool) gets the extension's own consent modal, as for a command.
 */
async function call(deps: ToolDeps, name: string, input: Record<string, unknown>, inChat: boolean): Promise<unknown> {
  switch (name) {
    case TOOL.runDoctor:
      if (!str(input.credentialSet))
        throw new UserError(
          vscode.l10n.t('Give "credentialSet": the name of a saved SMTP credential set (SMTP Credentials view).'),
        );
      return runAsCaller(COMMAND.runDoctor, {
        ...pick(input, ['credentialSet', 'from', 'to', 'profile', 'tenant', 'configurationSet']),
        notify: false,
      });
    case TOOL.checkLogin:
      if (str(input.credentialSet)) return runAsCaller(COMMAND.credentials.check, pick(input, ['credentialSet']));
      if (str(input.file)) return runAsCaller(COMMAND.env.checkBlock, pick(input, ['file', 'block']));
      throw new UserError(
        vscode.l10n.t('Give "credentialSet" (a saved set) or "file" (a .env file, with "block" when it has several).'),
      );
    case TOOL.explainError:
      if (!str(input.text))
        throw new UserError(vscode.l10n.t('Give "text": the error line(s) your application printed.'));
      return runAsCaller(COMMAND.explainError, pick(input, ['text']));
    case TOOL.identityStatus:
      return identityStatus(deps, input);
    case TOOL.accountStatus: {
      const region = str(input.region);
      if (!region) throw new UserError(vscode.l10n.t('Give "region", for example "eu-west-1".'));
      const aws = loadAws();
      const ses = aws.sesClient(access(deps, region, str(input.profile)));
      try {
        return { region, ...(await aws.getAccountInfo(ses)) };
      } catch (err) {
        throw new UserError(aws.describeAwsError(err, region, 'ses:GetAccount'));
      } finally {
        ses.destroy();
      }
    }
    case TOOL.whereIsMessage:
      return runAsCaller(COMMAND.delivery.whereIs, pick(input, ['messageId', 'region', 'profile']));
    case TOOL.sendTestEmail: {
      const problem = simulatorOnlyProblem(input.to);
      if (problem) throw new UserError(`${TOOL.sendTestEmail}: ${problem}`);
      return runAsCaller(
        COMMAND.sendTestEmail,
        pick(input, ['credentialSet', 'to', 'from', 'subject', 'tenant', 'configurationSet']),
        inChat,
      );
    }
    case TOOL.writeEnv:
      return runAsCaller(
        COMMAND.writeEnv,
        { ...pick(input, ['file', 'convention', 'credentialSet']), confirm: false },
        true,
      );
    default:
      throw new Error(`${name} is not a tool of SES SMTP Toolkit.`);
  }
}

function pick(input: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (input[k] !== undefined) out[k] = input[k];
  return out;
}

function access(deps: ToolDeps, region: string, profile: string | undefined) {
  const chosen = profile ?? deps.accountInfo.awsAccess?.(region)?.profile;
  return { profile: chosen || undefined, region, endpoint: awsEndpoint() };
}

/** An identity (or the domain of an address) in one region or the regions of the saved sets. */
async function identityStatus(deps: ToolDeps, input: Record<string, unknown>): Promise<unknown> {
  const identity = str(input.identity);
  if (!identity)
    throw new UserError(vscode.l10n.t('Give "identity": a domain (example.com) or an address (noreply@example.com).'));
  const given = str(input.region);
  const regions = given ? [given] : [...new Set((await deps.store.list()).map((s) => s.region).filter(Boolean))];
  if (!regions.length) throw new UserError(vscode.l10n.t('Give "region": no saved credential set names one.'));
  const candidates = identity.includes('@') ? [identity, identity.slice(identity.lastIndexOf('@') + 1)] : [identity];
  const aws = loadAws();
  const identities: Array<Record<string, unknown>> = [];
  const errors: string[] = [];
  for (const region of regions as string[]) {
    const ses = aws.sesClient(access(deps, region, str(input.profile)));
    try {
      for (const name of candidates) {
        let details;
        try {
          details = await aws.getIdentityDetails(ses, name);
        } catch (err) {
          if ((err as { name?: string }).name === 'NotFoundException') continue;
          throw err;
        }
        const checks =
          details.type === 'EMAIL_ADDRESS'
            ? undefined
            : await checkDnsRecords(identityRecords(details, region), { servers: dnsServers() });
        identities.push({
          name: details.name,
          region,
          type: details.type,
          verificationStatus: details.verificationStatus,
          dkimStatus: details.dkimStatus,
          sendingEnabled: details.sendingEnabled,
          mailFromDomain: details.mailFromDomain,
          recordsNeedingAttention: checks
            ?.filter((c) => c.status !== 'pass' && c.record.required)
            .map((c) => `${c.record.type} ${c.record.name}: ${c.status} — ${c.message}`),
        });
        break;
      }
    } catch (err) {
      errors.push(aws.describeAwsError(err, region, 'ses:GetEmailIdentity'));
    } finally {
      ses.destroy();
    }
  }
  if (!identities.length && errors.length) throw new UserError(errors.join(' '));
  return { identity, regions, identities, ...(errors.length ? { errors } : {}) };
}
