// "Send Test Email from This Identity" (the SES Explorer's address and domain rows): opens the form
// with From preset (the address, or test@<domain> for a domain, whose local part the user may
// change) and the first saved credential set of the identity's region selected; without one, the
// form says to add credentials for that region.
import * as vscode from 'vscode';
import { UserError } from '../../host/util';
import { TestSendPanel } from './panel';
import type { PanelDeps } from './panelSend';

/** An explorer identity row, or the argument object {region, identity: {name}}. */
interface IdentityLike {
  region?: unknown;
  identity?: { name?: unknown };
}

export interface SendFromIdentityResult {
  from: string;
  /** The credential set selected in the form, if one is saved for the region. */
  credentialSet?: string;
  note: string;
}

export async function sendFromIdentity(deps: PanelDeps, raw?: unknown): Promise<SendFromIdentityResult> {
  const item = (raw ?? {}) as IdentityLike;
  const region = typeof item.region === 'string' ? item.region : undefined;
  const name = typeof item.identity?.name === 'string' ? item.identity.name : undefined;
  if (!region || !name) throw new UserError(vscode.l10n.t('Pick an address or a domain in the SES Explorer.'));
  const isDomain = !name.includes('@');
  const from = isDomain ? `test@${name}` : name;
  const sets = (await deps.store.list()).filter((s) => s.region === region);
  const set = sets[0];
  const notes: string[] = [];
  if (isDomain) notes.push(vscode.l10n.t('From is {0}: change "test" to any address at {1}.', from, name));
  if (!set)
    notes.push(
      vscode.l10n.t('No saved SMTP credentials send in {0}: add some for {0} to send from this identity.', region),
    );
  else if (sets.length > 1)
    notes.push(vscode.l10n.t('Using "{0}", the first of {1} credential sets for {2}.', set.name, sets.length, region));
  const note = notes.join(' ');
  const panel = TestSendPanel.createOrShow(deps, set?.id);
  panel.prefill({ type: 'prefill', from, setId: set?.id, note });
  return { from, credentialSet: set?.name, note };
}
